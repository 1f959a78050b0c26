"""Maximum-likelihood fit of HTMP(γ, κ)·scale with γ given (profile likelihood in κ)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Tuple

import numpy as np
from scipy.optimize import minimize_scalar

from .. import fast
from .._inputs import positive_float

__all__ = ["fit", "FitResult"]


@dataclass(frozen=True)
class FitResult:
    """Maximum-likelihood estimates of :func:`fit` with standard errors (observed information)."""

    kappa: float
    scale: float
    kappa_se: float
    scale_se: float
    loglik: float
    n: int


def _profile(data: np.ndarray, gamma: float, kappa: float, scale0: float) -> Tuple[float, float, Callable]:
    """(best scale, log-likelihood, σ ↦ ℓ) at fixed κ: one Riccati solve, a 1-D search in log σ."""
    lo, hi = scale0 / 8, scale0 * 8
    loglik_at = fast.logpdf_function(gamma, kappa, data.min() / hi, data.max() / lo)

    def loglik(sigma: float) -> float:
        return float(np.sum(loglik_at(data / sigma)) - data.size * np.log(sigma))
    res = minimize_scalar(lambda u: -loglik(np.exp(u)), bounds=(np.log(lo), np.log(hi)), method="bounded",
                          options={"xatol": 1e-10})
    return float(np.exp(res.x)), -float(res.fun), loglik


def fit(data, gamma: float) -> FitResult:
    r"""Fit HTMP(γ, κ)·scale to data by maximum likelihood, γ given (the matrix shape fixes it).

    Zeros in ``data`` are draws of the atom (γ > 1) and carry no information on (κ, scale);
    the likelihood uses the positive values and :func:`htmp_exact.fast.logpdf`.  The profile
    likelihood in log κ is maximised by a bounded Brent search (κ ∈ [1e-2, 1e5]), each step
    maximising over the scale with one Riccati solve.  Start: the method of moments
    (mean = scale, m2/scale² = 1 + γ + 2γ/κ).  Standard errors: the inverse of the observed
    information, a central-difference Hessian of the log-likelihood in (κ, scale).
    """
    g = positive_float(gamma, "gamma")
    x = np.asarray(data, dtype=float).ravel()
    if x.size < 2 or not np.all(np.isfinite(x)) or np.any(x < 0):
        raise ValueError("data must hold at least 2 finite values >= 0")
    scale0 = float(np.mean(x))
    positive = x[x > 0]
    excess = np.mean(x**2) / scale0**2 - 1 - g
    kappa0 = float(np.clip(2 * g / excess, 0.05, 5e4)) if excess > 0 else 1e4
    profile = lambda u: -_profile(positive, g, float(np.exp(u)), scale0)[1]  # noqa: E731
    lo, hi = np.log(max(kappa0 / 30, 1e-2)), np.log(min(kappa0 * 30, 1e5))
    res = minimize_scalar(profile, bounds=(lo, hi), method="bounded", options={"xatol": 1e-6})
    kappa = float(np.exp(res.x))
    scale, best, _ = _profile(positive, g, kappa, scale0)
    hk, hs = 1e-3 * kappa, 1e-3 * scale
    ll = {dk: _profile(positive, g, kappa + dk, scale0)[2] for dk in (-hk, 0.0, hk)}
    f = lambda dk, ds: ll[dk](scale + ds)  # noqa: E731
    h_kk = (f(hk, 0) - 2 * f(0, 0) + f(-hk, 0)) / hk**2
    h_ss = (f(0, hs) - 2 * f(0, 0) + f(0, -hs)) / hs**2
    h_ks = (f(hk, hs) - f(hk, -hs) - f(-hk, hs) + f(-hk, -hs)) / (4 * hk * hs)
    cov = np.linalg.inv(-np.array([[h_kk, h_ks], [h_ks, h_ss]]))
    return FitResult(kappa, scale, float(np.sqrt(cov[0, 0])), float(np.sqrt(cov[1, 1])), best, int(x.size))


r"""scipy.stats-style distribution objects for HTMP(γ, κ) and MP(γ), and the tail exponents.

Thin wrappers over :mod:`htmp_exact.fast` (float64) with a ``scale`` parameter
(``X·scale``); moments are exact (Proposition E.4, :func:`htmp_exact.exact.moment`).
For γ > 1 both laws are mixed: an atom ``1 − 1/γ`` at 0 and a continuous part.
``pdf`` is the density of the continuous part (mass 1/γ), ``cdf(0) = 1 − 1/γ``,
``ppf(q) = 0`` for ``q ≤ 1 − 1/γ`` and ``rvs`` produces exact zeros with that probability.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Tuple, Union

import numpy as np
from scipy.optimize import minimize_scalar

from . import exact, fast
from ._inputs import RandomState, generator, positive_float


@dataclass(frozen=True)
class TailExponents:
    """Exact power-law exponents (SPEC §3, Theorem 4.3) of HTMP(γ, κ) and of λ = 1/X.

    * ``htmp_at_zero``: p(x) ~ C x^e as x → 0 (e = α for γ < 1, −α − 2 for γ > 1; at
      γ = 1 e = −1 with logarithmic corrections);
    * ``htmp_upper_rate``, ``htmp_upper_power``: p(x) ~ C x^power e^(−rate·x) as x → ∞
      (rate s, power α + 2c);
    * ``inverse_upper``: q(λ) ~ C λ^(−e) as λ → ∞ for the inverse law (e = α + 2 for γ ≤ 1,
      −α for γ > 1, where the continuous part is meant): the heavy tail of the
      feature-matrix eigenvalues.
    """

    htmp_at_zero: float
    htmp_upper_rate: float
    htmp_upper_power: float
    inverse_upper: float


def tail_exponents(gamma: float, kappa: float) -> TailExponents:
    """The exponents of :class:`TailExponents` for HTMP(γ, κ).

    >>> tail_exponents(0.5, 4.0).inverse_upper       # α + 2 = (κ/2)(1/γ − 1) + 1
    3.0
    """
    g, k = positive_float(gamma, "gamma"), positive_float(kappa, "kappa")
    c = k / 2
    alpha = c * (1 / g - 1) - 1
    at_zero = alpha if g <= 1 else -alpha - 2
    inverse = alpha + 2 if g <= 1 else -alpha
    return TailExponents(at_zero, c / g, alpha + 2 * c, inverse)


class _Distribution:
    """Shared methods: everything derives from the standardized law (scale 1)."""

    scale: float
    gamma: float

    def _std_pdf(self, x):
        raise NotImplementedError

    def pdf(self, x) -> np.ndarray:
        """Density of the continuous part at x."""
        return self._std_pdf(np.asarray(x, dtype=float) / self.scale) / self.scale

    def cdf(self, x) -> np.ndarray:
        """P(X ≤ x), atom included."""
        return self._std_cdf(np.asarray(x, dtype=float) / self.scale)

    def sf(self, x) -> np.ndarray:
        """P(X > x), computed directly."""
        return self._std_sf(np.asarray(x, dtype=float) / self.scale)

    def ppf(self, q) -> np.ndarray:
        """Quantile (0 inside the atom)."""
        return self._std_ppf(q) * self.scale

    def rvs(self, size: Union[int, Tuple[int, ...], None] = None, random_state: RandomState = None):
        """Random draws by inversion (exact zeros from the atom when γ > 1)."""
        u = generator(random_state).random(size)
        return self.ppf(u)

    @property
    def atom(self) -> float:
        """Mass at 0: ``max(0, 1 − 1/γ)``."""
        return max(0.0, 1 - 1 / self.gamma)

    def mean(self) -> float:
        return self.moment(1)

    def var(self) -> float:
        return self.moment(2) - self.moment(1) ** 2

    def std(self) -> float:
        return float(np.sqrt(self.var()))

    def stats(self) -> Tuple[float, float]:
        """(mean, variance), as scipy's ``stats(moments='mv')``."""
        return self.mean(), self.var()

    def support(self) -> Tuple[float, float]:
        return 0.0, np.inf

    def interval(self, confidence: float) -> Tuple[float, float]:
        """Equal-tailed interval containing ``confidence`` of the mass."""
        if not 0 <= confidence <= 1:
            raise ValueError(f"confidence must lie in [0, 1], got {confidence!r}")
        return float(self.ppf((1 - confidence) / 2)), float(self.ppf((1 + confidence) / 2))


class htmp(_Distribution):  # noqa: N801 - scipy.stats naming
    """HTMP(γ, κ) scaled by ``scale``: ``htmp(0.5, 10).pdf(x)``, ``.rvs(1000, random_state=0)``.

    >>> d = htmp(2.0, 5.0)
    >>> float(d.cdf(0.0)), d.atom, d.mean()
    (0.5, 0.5, 1.0)
    """

    def __init__(self, gamma: float, kappa: float, scale: float = 1.0):
        self.gamma = positive_float(gamma, "gamma")
        self.kappa = positive_float(kappa, "kappa")
        self.scale = positive_float(scale, "scale")

    def _std_pdf(self, x):
        return fast.pdf(x, self.gamma, self.kappa)

    def _std_cdf(self, x):
        return fast.cdf(x, self.gamma, self.kappa)

    def _std_sf(self, x):
        return fast.sf(x, self.gamma, self.kappa)

    def _std_ppf(self, q):
        return fast.ppf(q, self.gamma, self.kappa)

    def logpdf(self, x) -> np.ndarray:
        """log of :meth:`pdf`, accurate where the pdf underflows."""
        return fast.logpdf(np.asarray(x, dtype=float) / self.scale, self.gamma, self.kappa) - np.log(self.scale)

    def isf(self, q) -> np.ndarray:
        """Inverse survival function, accurate for tiny q."""
        return fast.isf(q, self.gamma, self.kappa) * self.scale

    def moment(self, k: int) -> float:
        """E[X^k], exact rational (Proposition E.4) rounded to float."""
        return float(exact.moment(k, self.gamma, self.kappa)) * self.scale**k

    def stieltjes(self, z) -> np.ndarray:
        """``E[1/(X − z)] = S(z/scale)/scale`` (atom included), z off the support; complex128."""
        return fast.stieltjes(np.asarray(z) / self.scale, self.gamma, self.kappa) / self.scale

    def tail_exponents(self) -> TailExponents:
        return tail_exponents(self.gamma, self.kappa)

    @staticmethod
    def fit(data, gamma: float) -> "FitResult":
        """Maximum-likelihood (κ, scale) with γ given; see :func:`fit`."""
        return fit(data, gamma)


class marchenko_pastur(_Distribution):  # noqa: N801 - scipy.stats naming
    """MP(γ) scaled by ``scale`` (closed forms, SPEC §2)."""

    def __init__(self, gamma: float, scale: float = 1.0):
        self.gamma = positive_float(gamma, "gamma")
        self.scale = positive_float(scale, "scale")

    def _std_pdf(self, x):
        return fast.mp_pdf(x, self.gamma)

    def _std_cdf(self, x):
        return fast.mp_cdf(x, self.gamma)

    def _std_sf(self, x):
        return fast.mp_sf(x, self.gamma)

    def _std_ppf(self, q):
        return fast.mp_ppf(q, self.gamma)

    def logpdf(self, x) -> np.ndarray:
        with np.errstate(divide="ignore"):
            return np.log(self.pdf(x))

    def isf(self, q) -> np.ndarray:
        return self.ppf(1 - np.asarray(q, dtype=float))

    def moment(self, k: int) -> float:
        """Narayana moment (exact) times scale^k."""
        return float(exact.mp_moment(k, self.gamma)) * self.scale**k

    def stieltjes(self, z) -> np.ndarray:
        """``E[1/(X − z)] = S(z/scale)/scale`` (atom included), z off the support; complex128."""
        return fast.mp_stieltjes(np.asarray(z) / self.scale, self.gamma) / self.scale

    def support(self) -> Tuple[float, float]:
        lo, hi = (1 - np.sqrt(self.gamma)) ** 2, (1 + np.sqrt(self.gamma)) ** 2
        return (0.0 if self.gamma > 1 else lo * self.scale), hi * self.scale


class inverse_htmp(_Distribution):  # noqa: N801 - scipy.stats naming
    """The law of λ = scale/X, X ~ HTMP(γ, κ): feature-matrix eigenvalues (SPEC §3, Theorem 4.1/4.3).

    Density ``q(λ) = p(scale/λ)·scale/λ²``; for γ < 1 a power-law upper tail with exponent
    ``α + 2`` (:func:`tail_exponents`).  For γ > 1 the atom of X at 0 is an atom of λ at
    +∞: ``cdf(λ) → 1/γ`` as λ → ∞, ``sf(∞) = 1 − 1/γ``, and ``rvs`` returns ``inf`` with
    that probability; moments are then infinite.

    >>> d = inverse_htmp(0.5, 4.0)
    >>> bool(abs(d.cdf(2.0) - float(htmp(0.5, 4.0).sf(0.5))) < 1e-15)
    True
    """

    def __init__(self, gamma: float, kappa: float, scale: float = 1.0):
        self.gamma = positive_float(gamma, "gamma")
        self.kappa = positive_float(kappa, "kappa")
        self.scale = positive_float(scale, "scale")

    @staticmethod
    def _inverse(x) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        with np.errstate(divide="ignore"):
            return np.where(x > 0, 1 / np.where(x > 0, x, 1.0), np.inf)

    def _on_positive(self, lam, fill: float, function: Callable[[np.ndarray], np.ndarray]) -> np.ndarray:
        """``function(λ)`` where λ > 0, ``fill`` elsewhere."""
        lam = np.asarray(lam, dtype=float)
        out = np.full(lam.shape, fill)
        inside = lam > 0
        if np.any(inside):
            out[inside] = function(lam[inside])
        return out

    def _std_pdf(self, lam):
        return self._on_positive(lam, 0.0, lambda v: fast.pdf(1 / v, self.gamma, self.kappa) / v**2)

    def _std_cdf(self, lam):
        return self._on_positive(lam, 0.0, lambda v: fast.sf(1 / v, self.gamma, self.kappa))

    def _std_sf(self, lam):
        return self._on_positive(lam, 1.0, lambda v: fast.cdf(1 / v, self.gamma, self.kappa))

    def _std_ppf(self, q):
        return self._inverse(fast.isf(q, self.gamma, self.kappa))

    def logpdf(self, x) -> np.ndarray:
        with np.errstate(divide="ignore"):
            return np.log(self.pdf(x))

    def isf(self, q) -> np.ndarray:
        return self._inverse(fast.ppf(q, self.gamma, self.kappa)) * self.scale

    def moment(self, k: int) -> float:
        raise NotImplementedError("moments of the inverse law are not implemented (finite only for k < α + 1)")

    def mean(self) -> float:
        raise NotImplementedError("moments of the inverse law are not implemented")

    def var(self) -> float:
        raise NotImplementedError("moments of the inverse law are not implemented")


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


__all__ = ["htmp", "inverse_htmp", "fit", "FitResult", "marchenko_pastur", "tail_exponents", "TailExponents"]

r"""Fit of the inverse law ``λ = scale/X``, X ~ HTMP(γ, κ): feature-matrix eigenvalues (SPEC §3)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from .._inputs import RandomState
from ._checks import MIN_POINTS, gamma_value, level_value
from ._htmp import fit_window
from ._laws import Window
from ._results import Exclusion, HTMPFit, InformationCriteria
from ._spikes import fixed_window
from ._zeros import ZeroSummary, require_points, split_zeros


@dataclass(frozen=True, eq=False)
class InverseHTMPFit(InformationCriteria):
    """Maximum-likelihood fit of ``λ = scale/X``, ``X ~ HTMP(γ, κ)``, by :func:`fit_inverse_htmp`.

    Attributes
    ----------
    gamma, kappa, scale, loglik, n, level, kappa_ci, scale_ci, at_bound
        As in :class:`HTMPFit`, for the law of λ (``loglik`` is the log-likelihood of the λ's).
    zeros, exclusion
        In the units of the data (λ).
    data : ndarray
        The λ's in the likelihood (sorted).
    reciprocal : HTMPFit
        The fit of ``1/λ = X/scale`` it was computed from (scale ``1/scale``).
    """

    model = "inverse_htmp"
    n_params: ClassVar[int] = 2

    gamma: float
    kappa: float
    scale: float
    loglik: float
    n: int
    level: float
    kappa_ci: tuple[float, float]
    scale_ci: tuple[float, float]
    at_bound: bool
    zeros: ZeroSummary
    exclusion: Exclusion
    data: np.ndarray = field(repr=False)
    reciprocal: HTMPFit = field(repr=False)

    def logpdf(self, lam) -> np.ndarray:
        """``log q(λ) = log p_{1/λ}(1/λ) − 2 log λ`` (change of variables), −inf outside the window."""
        lam = np.asarray(lam, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = self.reciprocal.logpdf(1 / lam) - 2 * np.log(lam)
        return np.where(lam > 0, value, -np.inf)[()]

    def cdf(self, lam) -> np.ndarray:
        """``P(Λ ≤ λ) = P(1/Λ ≥ 1/λ)`` for the fitted (window-conditional) law."""
        lam = np.asarray(lam, dtype=float)
        with np.errstate(divide="ignore"):
            return np.where(lam > 0, 1 - self.reciprocal.cdf(1 / np.where(lam > 0, lam, 1.0)), 0.0)[()]

    def rvs(self, size=None, random_state: RandomState = None) -> np.ndarray:
        """Independent draws (reciprocals of :meth:`HTMPFit.rvs`)."""
        return 1 / self.reciprocal.rvs(size, random_state)

    def ks_distance(self) -> float:
        """Kolmogorov–Smirnov distance between the data and the fitted law."""
        return self.reciprocal.ks_distance()


def fit_inverse_htmp(
    data,
    gamma: float,
    *,
    level: float = 0.95,
    xmax: float | None = None,
    exclude_top: int = 0,
    zero_tol: float | None = None,
    ci: bool = True,
) -> InverseHTMPFit:
    r"""Fit ``λ = scale/X``, ``X ~ HTMP(γ, κ)``, to positive data by maximum likelihood (γ given).

    .. math::

        q(\lambda) = p\!\left(\frac{\sigma}{\lambda}\right)\frac{\sigma}{\lambda^{2}}, \qquad
        \log q(\lambda_i) = \log\left[\tfrac{1}{\sigma'} p(x_i/\sigma')\right] - 2\log\lambda_i,
        \quad x_i = 1/\lambda_i,\ \sigma' = 1/\sigma,

    so the fit is :func:`fit_htmp` on ``1/λ`` plus the Jacobian ``−2 Σ log λ_i`` (which does
    not depend on the parameters): the same κ, the reciprocal scale, and the intervals mapped
    through ``σ = 1/σ'``.  For γ < 1 the law has the power-law upper tail
    ``q(λ) ~ C λ^{−(α+2)}``, ``α + 2 = (κ/2)(1/γ − 1) + 1`` (SPEC §3,
    :func:`htmp_exact.distributions.tail_exponents`).  For γ > 1 the atom of X at 0 is an
    atom of λ at +∞ that a sample cannot show: the fit is to the finite part.

    Truncation: ``xmax`` (values of λ above it) or ``exclude_top`` (the largest λ's) make
    the likelihood that of λ given ``λ ≤ xmax``, i.e. of X given ``X ≥ scale/xmax``.  No
    automatic spike rule: large values are the power-law tail of this law, not outliers.
    Zeros (``|λ| ≤ zero_tol``, as :func:`fit_htmp`) have no place in this law: they are
    left out and reported in ``zeros.note``.

    Examples
    --------
    >>> from htmp_exact.ensembles import sample_htmp_spectrum
    >>> lam = 3.0 / sample_htmp_spectrum(1000, 0.5, 10.0, 2)
    >>> fit = fit_inverse_htmp(lam, 0.5)
    >>> bool(fit.kappa_ci[0] < 10 < fit.kappa_ci[1]), bool(fit.scale_ci[0] < 3 < fit.scale_ci[1])
    (True, True)
    """
    g = gamma_value(gamma)
    lvl = level_value(level)
    lam, zeros = split_zeros(data, g, zero_tol, has_atom=False)
    require_points(lam, zeros)
    kept, exclusion = fixed_window(lam, xmax, exclude_top, MIN_POINTS)
    x = np.sort(1 / kept)
    x_window = Window(1 / exclusion.window.hi if math.isfinite(exclusion.window.hi) else 0.0, math.inf)
    fit = fit_window(x, g, x_window, lvl, ci, zeros, Exclusion(exclusion.rule, x_window, ()))
    jacobian = -2 * float(np.sum(np.log(kept)))
    scale_ci = (1 / fit.scale_ci[1], 1 / fit.scale_ci[0]) if ci else fit.scale_ci
    return InverseHTMPFit(
        g,
        fit.kappa,
        1 / fit.scale,
        fit.loglik + jacobian,
        fit.n,
        lvl,
        fit.kappa_ci,
        scale_ci,
        fit.at_bound,
        zeros,
        exclusion,
        kept,
        fit,
    )

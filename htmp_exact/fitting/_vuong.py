r"""Likelihood-ratio tests between fitted models: Vuong's (non-nested) and the boundary LR test (nested)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.stats import chi2, norm


@dataclass(frozen=True)
class LikelihoodRatio:
    """A comparison of model ``first`` with model ``second`` on the same data.

    Attributes
    ----------
    first, second : str
        Model names.
    log_ratio : float
        ``R = ℓ_first − ℓ_second`` (> 0 favours ``first``).
    statistic : float
        Vuong's ``z = R/(√N ω)`` (non-nested) or ``2R`` (nested).
    p_value : float
        Vuong: two-sided ``2Φ(−|z|)``, the probability of a ``|z|`` this large if both models
        are equally close to the truth (small: the sign of R says which is closer).  Nested:
        the probability of ``2R`` this large under the smaller model.
    test : str
        ``"vuong"`` or ``"nested-boundary"``.
    """

    first: str
    second: str
    log_ratio: float
    statistic: float
    p_value: float
    test: str

    @property
    def favoured(self) -> str:
        """The model the sign of R favours (``""`` when R = 0)."""
        return self.first if self.log_ratio > 0 else (self.second if self.log_ratio < 0 else "")


def vuong(first: str, logpdf_first: np.ndarray, second: str, logpdf_second: np.ndarray) -> LikelihoodRatio:
    r"""Vuong's (1989, Econometrica 57, 307) test for non-nested models from pointwise log-densities.

    .. math::

        R = \sum_i (l_{1,i} - l_{2,i}), \qquad
        z = \frac{R}{\sqrt{N}\,\omega}, \qquad \omega^2 = \frac1N\sum_i (l_{1,i} - l_{2,i} - R/N)^2,

    asymptotically standard normal when both models are equally close (Kullback–Leibler) to
    the truth; the form used by CSN §5.1.  An infinite R (one model gives a point density
    0) has p-value 0.
    """
    d = np.asarray(logpdf_first, float) - np.asarray(logpdf_second, float)
    with np.errstate(invalid="ignore"):
        r = float(np.sum(d))
    if not math.isfinite(r):
        sign = math.copysign(math.inf, r) if not math.isnan(r) else 0.0
        return LikelihoodRatio(first, second, sign, sign, 0.0 if sign else math.nan, "vuong")
    omega = float(np.std(d))
    if omega == 0:
        return LikelihoodRatio(first, second, r, 0.0, 1.0, "vuong")
    z = r / (math.sqrt(d.size) * omega)
    return LikelihoodRatio(first, second, r, z, float(2 * norm.sf(abs(z))), "vuong")


def nested_boundary(first: str, loglik_first: float, second: str, loglik_second: float) -> LikelihoodRatio:
    r"""LR test of ``second`` (the smaller model) inside ``first`` with the extra parameter on the boundary.

    HTMP(γ, κ) contains MP(γ) as κ → ∞, i.e. at ``1/κ = 0``, the boundary of ``1/κ ≥ 0``.
    Vuong's non-nested statistic does not apply to nested models (Vuong 1989, §6), and
    ``2R`` is not χ²₁ here: by Self & Liang (1987, JASA 82, 605, case 5), under MP
    ``2R → ½χ²₀ + ½χ²₁``, so ``p = ½ P(χ²₁ > 2R)`` for ``R > 0`` and 1 for ``R ≤ 0``.
    MP with ``ℓ = −inf`` (a value outside every scaled support) is rejected: p = 0.
    """
    r = loglik_first - loglik_second
    if math.isnan(r):
        return LikelihoodRatio(first, second, r, math.nan, math.nan, "nested-boundary")
    if math.isinf(r):
        return LikelihoodRatio(first, second, r, r, 0.0 if r > 0 else 1.0, "nested-boundary")
    p = 0.5 * float(chi2.sf(2 * r, 1)) if r > 0 else 1.0
    return LikelihoodRatio(first, second, r, 2 * r, p, "nested-boundary")

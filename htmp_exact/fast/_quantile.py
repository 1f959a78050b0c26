r"""Quantiles of HTMP(γ, κ) in float64: ppf and isf by Newton steps on the cdf/sf of one
Riccati solve over x ∈ [1e-300, 1e300]."""

from __future__ import annotations

import numpy as np

from ._arguments import as_result, groups, points
from ._cumulative import Cumulative
from ._marchenko_pastur import continuous_mass_arrays
from ._solution import CarrierLaw


def _carrier_quantile(law: CarrierLaw, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    """x with cdf(x) = lower (where ``lower <= 0.5``) or sf(x) = upper (else), in the
    carrying law (:class:`~._solution.CarrierLaw`).

    Solves the Riccati equation once over x ∈ [1e-300, 1e300] (the upper end capped at
    ``y = 1e100``), starts from interpolation of cdf/sf on the solver's grid and takes
    Newton steps on log F (or log sf) in t = log(s x), whose derivative is p/F.
    """
    use_cdf = lower <= 0.5
    cumulative = Cumulative(law, 1e-300, 1e300)
    t_lo, t_hi = cumulative.t_lo, cumulative.t_hi
    grid = np.unique(np.concatenate([p.t for p in cumulative.solution.pieces] + [[t_lo, t_hi]]))
    grid = grid[(grid >= t_lo) & (grid <= t_hi)]
    f_grid, s_grid = cumulative.cdf_sf(grid)
    target = np.where(use_cdf, lower, upper)
    with np.errstate(divide="ignore"):
        t = np.where(
            use_cdf,
            np.interp(np.log(target), np.log(f_grid), grid),
            np.interp(-np.log(target), -np.log(s_grid), grid),
        )
        for _ in range(6):
            f, sf_ = cumulative.cdf_sf(t)
            density = cumulative.density_in_t(t)
            step = np.where(
                use_cdf,
                (np.log(f) - np.log(target)) * f / density,
                -(np.log(sf_) - np.log(target)) * sf_ / density,
            )
            t = np.clip(t - step, grid[0], grid[-1])
        below = use_cdf & (target < f_grid[0])
    x = np.exp(t) / law.s
    x[below] = 0.0  # the quantile underflows float64 (e.g. γ = 1, where F(x) ~ 1/|log x|)
    return x


def _quantile(q: object, gamma: object, kappa: object, upper_tail: bool) -> np.ndarray:
    q, gamma, kappa = points(q, gamma, kappa, "q")
    outside = (q < 0) | (q > 1)
    if np.any(outside):
        raise ValueError(f"q must lie in [0, 1], got {float(q[outside].flat[0])!r}")
    out = np.full(q.shape, np.nan)
    flat_q, flat_out = q.ravel(), out.reshape(-1)
    known = np.flatnonzero(~np.isnan(flat_q))
    _, large = groups(gamma.ravel()[known], kappa.ravel()[known])
    for g, k, sel in large:
        sel = known[sel]
        lower, upper = np.empty(sel.size), np.empty(sel.size)
        continuous_mass_arrays(flat_q[sel], g, upper_tail, lower, upper)
        lower, upper = lower * max(g, 1.0), upper * max(g, 1.0)  # the continuous part's law
        values = np.where(lower <= 0, 0.0, np.inf)
        inside = (lower > 0) & (upper > 0)
        if np.any(inside):
            law = CarrierLaw.from_inputs(g, k)
            values[inside] = law.scale * _carrier_quantile(law, lower[inside], upper[inside])
        flat_out[sel] = values
    return as_result(out)


def ppf(q: object, gamma: object, kappa: object) -> np.ndarray:
    r"""Quantile function of HTMP(γ, κ): the smallest x with cdf(x) ≥ q; float64.

    .. math:: F^{-1}(q) = \min\{x : F(x) \ge q\}

    with F the distribution function of SPEC §3 (the atom ``1 − 1/γ`` at 0 for γ > 1, so
    ``ppf(q) = 0`` for q ≤ 1 − 1/γ).  Algorithm: one Riccati solve over x ∈ [1e-300, 1e300]
    per pair, the cdf/sf of :func:`~htmp_exact.fast.cdf` on it, Newton steps on log F (below
    the median) or log sf (above) in log x.  Not certified: ``exact.cdf(ppf(q))`` is within
    ``1e-12·max(q, 1e-3)`` of q in the tests; ``exact.sf(isf(q))`` within 1e-9 relative (a steep sf
    moves that much within a few ulps of x); next to the atom the continuous part's mass
    ``q − (1 − 1/γ)`` is formed in double-double, so it keeps its relative accuracy.

    Parameters
    ----------
    q : array_like of float
        Probabilities in [0, 1] (``ValueError`` outside); NaN gives NaN.
    gamma, kappa : array_like of float
        Parameters in :data:`~htmp_exact.fast.GAMMA_RANGE` × :data:`~htmp_exact.fast.KAPPA_RANGE`,
        broadcast with q.

    Returns
    -------
    numpy.ndarray or numpy.float64
        The quantiles; 0 where the quantile lies below the float64 range (q < cdf(1e-300)).

    Examples
    --------
    >>> from htmp_exact import fast
    >>> bool(abs(fast.cdf(fast.ppf(0.3, 0.5, 10.0), 0.5, 10.0) - 0.3) < 1e-12)
    True
    """
    return _quantile(q, gamma, kappa, upper_tail=False)


def isf(q: object, gamma: object, kappa: object) -> np.ndarray:
    r"""Inverse survival function of HTMP(γ, κ): x with sf(x) = q, accurate for tiny q; float64.

    .. math:: \bar F^{-1}(q) = F^{-1}(1 - q)

    computed from the sf itself (no ``1 − q`` rounding: q = 1e-200 is a valid input).
    Algorithm and accuracy as :func:`ppf`.

    Parameters
    ----------
    q, gamma, kappa : array_like of float
        As for :func:`ppf`: upper-tail probabilities in [0, 1], broadcast with the parameters.

    Returns
    -------
    numpy.ndarray or numpy.float64
        The points x with sf(x) = q.

    Examples
    --------
    >>> from htmp_exact import fast
    >>> bool(abs(fast.sf(fast.isf(1e-12, 0.5, 10.0), 0.5, 10.0) / 1e-12 - 1) < 1e-10)
    True
    """
    return _quantile(q, gamma, kappa, upper_tail=True)

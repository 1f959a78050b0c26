r"""pdf, logpdf, cdf, sf of HTMP(γ, κ) in float64, with the automatic choice between one
Riccati solve per parameter pair (grouped) and the per-point kernel.

Rule: the points of a pair (γ, κ) with at least :data:`MIN_GROUP` points are evaluated from
one solve of the Riccati equation (set-up ~0.5–3 ms, then ~0.1 µs per point); the points of
the other pairs by the per-point kernel (:mod:`._pointwise`, ~5–20 µs per point), which
costs less below about that many points (benchmarks/crossover_fast.py).  cdf and sf always
use the grouped route.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from .. import exact
from ._arguments import as_result, groups, points
from ._cumulative import Cumulative
from ._marchenko_pastur import atom
from ._pointwise import logpdf_points
from ._solution import CarrierLaw, solve_between

#: Pairs with at least this many points get one Riccati solve; the others the per-point kernel.
MIN_GROUP = 128

Kernel = Callable[[float, float, np.ndarray], np.ndarray]


def _grouped(
    values: np.ndarray, gamma: np.ndarray, kappa: np.ndarray, kernel: Kernel, min_size: int = 1
) -> np.ndarray:
    """Flat indices of the points left to the per-point kernel (pairs with fewer than
    ``min_size`` points); writes ``kernel(γ, κ, x)`` into ``values`` for the others."""
    few, large = groups(gamma, kappa, min_size)
    for g, k, sel in large:
        values[sel] = kernel(g, k, values[sel])
    return few


def _evaluate(
    x: np.ndarray,
    gamma: np.ndarray,
    kappa: np.ndarray,
    kernel: Kernel,
    limits: tuple[float, float],
    at_zero: Callable[[float, float], float],
) -> np.ndarray:
    """``kernel`` at the points x > 0 (grouped by pair), ``limits`` (x < 0, x = +inf), the limit
    at x = 0 from ``at_zero``, NaN at NaN."""
    out = np.full(x.shape, np.nan)
    flat_x, flat_out, flat_g, flat_k = x.ravel(), out.reshape(-1), gamma.ravel(), kappa.ravel()
    flat_out[flat_x < 0] = limits[0]
    flat_out[flat_x == np.inf] = limits[1]
    for i in np.flatnonzero(flat_x == 0):
        flat_out[i] = at_zero(float(flat_g[i]), float(flat_k[i]))
    inside = np.flatnonzero((flat_x > 0) & (flat_x < np.inf))
    values = flat_x[inside]
    _grouped(values, flat_g[inside], flat_k[inside], kernel)
    flat_out[inside] = values
    return out


def logpdf_function(
    gamma: float, kappa: float, x_lo: float, x_hi: float
) -> Callable[[np.ndarray], np.ndarray]:
    """``x ↦ logpdf(x)`` for HTMP(γ, κ) on ``[x_lo, x_hi]`` (x > 0) from one solve of the Riccati equation.

    For repeated evaluation at one (γ, κ) (e.g. a likelihood in the scale parameter).

    Parameters
    ----------
    gamma, kappa : float
        Parameters, in :data:`~htmp_exact.fast.GAMMA_RANGE` × :data:`~htmp_exact.fast.KAPPA_RANGE`.
    x_lo, x_hi : float
        The range the function will be called on, ``0 < x_lo <= x_hi < inf``.

    Returns
    -------
    callable
        ``f(x)`` returning float64 log densities; ``ValueError`` for x outside the range.
    """
    for name, value in (("x_lo", x_lo), ("x_hi", x_hi)):
        if not isinstance(value, (int, float, np.integer, np.floating)) or isinstance(value, bool):
            raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
    if not (0 < x_lo <= x_hi < math.inf):
        raise ValueError(f"need 0 < x_lo <= x_hi < inf, got x_lo = {x_lo!r}, x_hi = {x_hi!r}")
    points(1.0, gamma, kappa)  # checks γ, κ
    law = CarrierLaw.from_inputs(float(gamma), float(kappa))
    scale = law.scale
    solution = solve_between(law, float(x_lo), float(x_hi), scale)
    shift = 2 * math.log(scale)

    def evaluate(x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        if np.any(x < x_lo * (1 - 1e-12)) or np.any(x > x_hi * (1 + 1e-12)):
            raise ValueError(f"x outside the solved range [{x_lo}, {x_hi}]")
        return solution.logpdf_at(x, scale) - shift

    return evaluate


def _logpdf_group(g: float, k: float, x: np.ndarray) -> np.ndarray:
    return logpdf_function(g, k, float(x.min()), float(x.max()))(x)


def _logpdf_positive(x: np.ndarray, gamma: np.ndarray, kappa: np.ndarray) -> np.ndarray:
    """log p at finite x > 0 (flat arrays): grouped for pairs with :data:`MIN_GROUP` points or
    more, per point otherwise; a point the per-point kernel has no route for is grouped."""
    values = x.copy()
    few = _grouped(values, gamma, kappa, _logpdf_group, MIN_GROUP)
    if few.size:
        result = logpdf_points(x[few], gamma[few], kappa[few])
        for j in np.flatnonzero(np.isnan(result)):
            i = few[j]
            result[j] = _logpdf_group(float(gamma[i]), float(kappa[i]), x[i : i + 1])[0]
        values[few] = result
    return values


def _logpdf_at_zero(g: float, k: float) -> float:
    return float(exact.logpdf(0, g, k, digits=16))


def _logpdf_array(x: np.ndarray, gamma: np.ndarray, kappa: np.ndarray) -> np.ndarray:
    out = np.full(x.shape, np.nan)
    flat_x, flat_out, flat_g, flat_k = x.ravel(), out.reshape(-1), gamma.ravel(), kappa.ravel()
    flat_out[(flat_x < 0) | (flat_x == np.inf)] = -np.inf
    for i in np.flatnonzero(flat_x == 0):
        flat_out[i] = _logpdf_at_zero(float(flat_g[i]), float(flat_k[i]))
    inside = np.flatnonzero((flat_x > 0) & (flat_x < np.inf))
    flat_out[inside] = _logpdf_positive(flat_x[inside], flat_g[inside], flat_k[inside])
    return out


def logpdf(x: object, gamma: object, kappa: object) -> np.ndarray:
    r"""Logarithm of the density of HTMP(γ, κ) (its continuous part for γ > 1); float64.

    .. math:: p(x) = \frac{s\, y^{\alpha} e^{-y}}{\Gamma(c+1)\Gamma(c+\alpha+1)\,
              |U(c, -\alpha, y e^{i\pi})|^2},\qquad y = s x,\ c = \kappa/2,\ s = c/\gamma

    (SPEC §3; paper Theorem 4.1, E.5).  Not certified; measured accuracy ≤ 1e-12 ·
    max(1, |logpdf|) against :func:`htmp_exact.exact.logpdf` (docs/fast-path.md).

    Parameters
    ----------
    x : array_like of float
        Points; broadcast with ``gamma`` and ``kappa``.  NaN gives NaN; ``x < 0`` and
        ``x = ±inf`` give −inf; ``x = 0`` the limit.
    gamma, kappa : array_like of float
        Parameters, finite and > 0, in :data:`GAMMA_RANGE` × :data:`KAPPA_RANGE`.

    Returns
    -------
    numpy.ndarray or numpy.float64
        log p(x); a numpy scalar for scalar input.

    Raises
    ------
    TypeError
        For non-real input (bool, complex, None, strings, object arrays).
    ValueError
        For γ or κ not finite and > 0, or outside the validated domain.

    Notes
    -----
    Algorithm (docs/fast-path.md): the points of a pair (γ, κ) with at least
    :data:`MIN_GROUP` points come from one solve of the Riccati equation for the logarithmic
    derivative of U (Radau IIA collocation, :mod:`htmp_exact.fast._riccati`); the others from
    the per-point kernel: U on the cut by Kummer's transformation (DLMF 13.2.40) and the
    integral DLMF 13.4.4, by the trapezoidal rule on steepest-descent paths or from two
    positive integrals for ``c < 1`` (:mod:`htmp_exact.fast._pointwise`).

    Examples
    --------
    >>> from htmp_exact import exact, fast
    >>> bool(abs(fast.logpdf(1.3, 0.5, 10.0) - float(exact.logpdf(1.3, 0.5, 10))) < 1e-12)
    True
    """
    return as_result(_logpdf_array(*points(x, gamma, kappa)))


def pdf(x: object, gamma: object, kappa: object) -> np.ndarray:
    r"""Density of HTMP(γ, κ) (its continuous part, of mass 1/γ, for γ > 1); float64.

    ``exp(logpdf)``: see :func:`logpdf` for the definition, conventions, errors and algorithm.

    Parameters
    ----------
    x, gamma, kappa : array_like of float
        As for :func:`logpdf`.

    Returns
    -------
    numpy.ndarray or numpy.float64
        p(x) (0 for x < 0 and x = inf); a numpy scalar for scalar input.

    Examples
    --------
    >>> from htmp_exact import exact, fast
    >>> bool(abs(fast.pdf(0.7, 2.0, 5.0) / float(exact.pdf(0.7, 2, 5)) - 1) < 1e-12)
    True
    """
    log_density = _logpdf_array(*points(x, gamma, kappa))
    with np.errstate(over="ignore"):  # a density above the float range is inf (next to 0 for α < −1)
        return as_result(np.exp(log_density))


def _carrier_cumulative(g: float, k: float, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(cdf, sf) of the carrying law at ``x/scale``, with its ``1/γ`` mass for γ > 1."""
    law = CarrierLaw.from_inputs(g, k)
    cumulative = Cumulative(law, float(x.min()), float(x.max()), law.scale)
    cdf, sf = cumulative.cdf_sf_at(x, law.scale)
    return cdf / law.scale, sf / law.scale


def _cdf_group(g: float, k: float, x: np.ndarray) -> np.ndarray:
    cdf = _carrier_cumulative(g, k, x)[0]
    return atom(g) + cdf


def _sf_group(g: float, k: float, x: np.ndarray) -> np.ndarray:
    return _carrier_cumulative(g, k, x)[1]


def cdf(x: object, gamma: object, kappa: object) -> np.ndarray:
    r"""Distribution function P(X ≤ x) of HTMP(γ, κ), the atom ``1 − 1/γ`` at 0 included for γ > 1;
    float64.

    .. math:: F(x) = -\theta(s x)/(\pi c),\qquad \theta = \arg U(c, -\alpha, y e^{i\pi})
              \ \text{(continuous, } \theta(0^+) = 0)

    for γ ≤ 1 (the phase formula of SPEC §3; γ > 1 by the duality).  Not certified; measured
    absolute accuracy ~1e-15 (docs/fast-path.md).

    Parameters
    ----------
    x, gamma, kappa : array_like of float
        As for :func:`logpdf`; ``x < 0`` and ``x = −inf`` give 0, ``x = +inf`` gives 1.

    Returns
    -------
    numpy.ndarray or numpy.float64
        F(x); a numpy scalar for scalar input.

    Notes
    -----
    One Riccati solve per pair (γ, κ), run far enough into both tails that the mass beyond
    is below 1e-20 of the rest, and Gauss–Legendre quadrature of the density over its steps
    from those anchors (:mod:`htmp_exact.fast._cumulative`).

    Examples
    --------
    >>> from htmp_exact import exact, fast
    >>> bool(abs(fast.cdf(0.7, 2.0, 5.0) - float(exact.cdf(0.7, 2, 5))) < 1e-13)
    True
    """
    x, gamma, kappa = points(x, gamma, kappa)
    return as_result(_evaluate(x, gamma, kappa, _cdf_group, (0.0, 1.0), lambda g, k: atom(g)))


def sf(x: object, gamma: object, kappa: object) -> np.ndarray:
    r"""Survival function P(X > x) of HTMP(γ, κ), computed directly (relative accuracy in the
    upper tail); float64.

    .. math:: \mathrm{sf}(x) = 1 - F(x) = (\pi c + \theta(s x))/(\pi c)

    (SPEC §3, γ ≤ 1; γ > 1 by the duality).  Not certified; measured relative accuracy ~1e-13
    where sf ≥ 1e-300 (docs/fast-path.md).

    Parameters
    ----------
    x, gamma, kappa : array_like of float
        As for :func:`logpdf`; ``x < 0`` gives 1, ``x = +inf`` gives 0.

    Returns
    -------
    numpy.ndarray or numpy.float64
        sf(x); a numpy scalar for scalar input.

    Examples
    --------
    >>> from htmp_exact import exact, fast
    >>> bool(abs(fast.sf(2.5, 0.5, 10.0) / float(exact.sf(2.5, 0.5, 10)) - 1) < 1e-11)
    True
    """
    x, gamma, kappa = points(x, gamma, kappa)
    return as_result(_evaluate(x, gamma, kappa, _sf_group, (1.0, 0.0), lambda g, k: min(1.0, 1 / g)))

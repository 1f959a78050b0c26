r"""Marchenko–Pastur MP(γ) in float64 (SPEC §2): density, distribution and survival functions,
quantiles and the Stieltjes transform.

Edges ``λ± = (1 ± √γ)²`` (``λ− = ((1 − γ)/(1 + √γ))²`` without cancellation at γ ≈ 1).  The
mass of the bulk between an edge and x is the smaller side, computed directly: with
``w = √|x − λ|`` at the nearer edge λ,

.. math:: \int_{\lambda_-}^{x} p = \int_0^{\sqrt{x-\lambda_-}}
          \frac{2 w^2 \sqrt{\lambda_+ - \lambda_- - w^2}}{2\pi\gamma (\lambda_- + w^2)}\, dw,\qquad
          \int_x^{\lambda_+} p = \int_0^{\sqrt{\lambda_+-x}}
          \frac{2 w^2 \sqrt{\lambda_+ - \lambda_- - w^2}}{2\pi\gamma (\lambda_+ - w^2)}\, dw

— positive integrands, so the small side keeps its relative accuracy at the edges, where
the arcsine closed form cancels.  Each is a 16-node Gauss–Legendre sum over panels in w
graded geometrically (ratio 3) away from the pole ``w = i√λ−`` next to 0 when λ− is small
(γ ≈ 1).  The other side is ``min(1, 1/γ)`` minus it.  Quantiles: Newton's method on that
small side, bracketed, to a few ulps.
"""

from __future__ import annotations

import math

import numpy as np

from .._jit import jit
from ._arguments import as_result, mp_points, off_support
from ._special import dd_add, dd_div, dd_mul, dd_sqrt, two_sum

NODES, WEIGHTS = np.polynomial.legendre.leggauss(16)
MAX_PANELS = 80


@jit
def edges(gamma: float):
    """``(λ−, λ+)``."""
    root = math.sqrt(gamma)
    return ((1.0 - gamma) / (1.0 + root)) ** 2, (1.0 + root) ** 2


@jit
def _panel(lo: float, hi: float, pole: float, width: float, scale: float) -> float:
    """``∫_lo^hi 2w² √(width − w²)/(scale·(pole + w²)) dw`` by one 16-node rule."""
    half, mid = 0.5 * (hi - lo), 0.5 * (hi + lo)
    total = 0.0
    for j in range(NODES.size):
        w = mid + half * NODES[j]
        total += WEIGHTS[j] * 2.0 * w * w * math.sqrt(max(width - w * w, 0.0)) / (pole + w * w)
    return total * half / scale


@jit
def edge_mass(gamma: float, distance: float, upper: bool) -> float:
    """The bulk mass between the lower (``upper`` False) or upper edge and the point at
    ``distance ≥ 0`` from it inside the bulk (module docstring)."""
    lo_edge, hi_edge = edges(gamma)
    width = 4.0 * math.sqrt(gamma)  # λ+ − λ−, without the cancellation (relative ε/√γ) of the difference
    end = math.sqrt(min(distance, width))
    scale = 2.0 * math.pi * gamma
    if upper:
        total = 0.0
        for j in range(NODES.size):  # b − w² ≥ b/2 on w² ≤ width/2: no pole near [0, end]
            w = 0.5 * end * (1.0 + NODES[j])
            total += WEIGHTS[j] * 2.0 * w * w * math.sqrt(max(width - w * w, 0.0)) / (hi_edge - w * w)
        return total * 0.5 * end / scale
    # λ− + w² has its zeros at ±i√λ−: panels [0, √λ−], then ratio 3 up to the end (Bernstein
    # ellipses of parameter ≥ 3.7 clear of the zeros: error ≤ 3.7^{−32} of the panel)
    first = math.sqrt(lo_edge)
    if first >= end or first == 0.0:
        return _panel(0.0, end, lo_edge, width, scale)
    total = _panel(0.0, first, lo_edge, width, scale)
    lo = first
    for _ in range(MAX_PANELS):
        hi = min(3.0 * lo, end)
        total += _panel(lo, hi, lo_edge, width, scale)
        if hi >= end:
            break
        lo = hi
    return total


@jit
def edge_distances(x: float, gamma: float):
    """``(x − λ−, λ+ − x)`` from the edges in double-double arithmetic, rounded: each accurate
    to its own size (x next to an edge loses nothing to the rounding of the edge)."""
    root_hi, root_lo = dd_sqrt(gamma)
    one_hi, one_lo = two_sum(1.0, root_hi)
    one_lo += root_lo
    upper_hi, upper_lo = dd_mul(one_hi, one_lo, one_hi, one_lo)
    gap_hi, gap_lo = two_sum(1.0, -gamma)
    ratio_hi, ratio_lo = dd_div(gap_hi, gap_lo, one_hi, one_lo)
    lower_hi, lower_lo = dd_mul(ratio_hi, ratio_lo, ratio_hi, ratio_lo)
    below_hi, below_lo = dd_add(x, 0.0, -lower_hi, -lower_lo)
    above_hi, above_lo = dd_add(upper_hi, upper_lo, -x, 0.0)
    return below_hi + below_lo, above_hi + above_lo


@jit
def _bulk_masses(x: float, gamma: float):
    """``(mass below x, mass above x)`` of the bulk (continuous part), the smaller one direct."""
    from_lower, from_upper = edge_distances(x, gamma)
    total = min(1.0, 1.0 / gamma)
    if from_lower <= 0.0:
        return 0.0, total
    if from_upper <= 0.0:
        return total, 0.0
    if from_lower <= from_upper:
        below = edge_mass(gamma, from_lower, False)
        return below, total - below
    above = edge_mass(gamma, from_upper, True)
    return total - above, above


@jit
def atom(gamma: float) -> float:
    """The mass ``1 − 1/γ`` at 0 for γ > 1 (of MP(γ) and of HTMP(γ, κ)), as ``(γ − 1)/γ``: to ε relative."""
    return (gamma - 1.0) / gamma if gamma > 1.0 else 0.0


@jit
def _cdf_sf(x: np.ndarray, gamma: np.ndarray, cdf: np.ndarray, sf: np.ndarray) -> None:
    for i in range(x.size):
        if math.isnan(x[i]):
            cdf[i], sf[i] = math.nan, math.nan
        elif x[i] < 0.0:
            cdf[i], sf[i] = 0.0, 1.0
        else:
            below, above = _bulk_masses(x[i], gamma[i])
            cdf[i], sf[i] = atom(gamma[i]) + below, above


@jit
def _densities(x: np.ndarray, gamma: np.ndarray, out: np.ndarray) -> None:
    """The density from the edge distances of :func:`edge_distances` (no rounding of the edges)."""
    for i in range(x.size):
        if math.isnan(x[i]):
            out[i] = math.nan
            continue
        from_lower, from_upper = edge_distances(x[i], gamma[i])
        inside = from_lower > 0.0 and from_upper > 0.0
        out[i] = math.sqrt(from_lower * from_upper) / (2.0 * math.pi * gamma[i] * x[i]) if inside else 0.0


@jit
def _quantile(q: float, gamma: float) -> float:
    """The smallest x with cdf(x) ≥ q: Newton's method on the mass next to the nearer edge
    (derivative ± the density), kept inside a bisection bracket, to a few ulps."""
    lo_edge, hi_edge = edges(gamma)
    below, above = q - atom(gamma), 1.0 - q  # bulk mass wanted below and above x
    if above <= 0.0:
        return hi_edge
    if below <= 0.0:
        return 0.0 if gamma > 1.0 else lo_edge
    use_upper = above < below
    lo, hi = lo_edge, hi_edge
    x = 0.5 * (lo + hi)
    for _ in range(200):
        mass_below, mass_above = _bulk_masses(x, gamma)
        residual = mass_above - above if use_upper else mass_below - below
        if residual == 0.0:
            return x
        if (residual > 0.0) == use_upper:  # x too small
            lo = x
        else:
            hi = x
        from_lower, from_upper = edge_distances(x, gamma)
        density = math.sqrt(max(from_lower * from_upper, 0.0)) / (2.0 * math.pi * gamma * x)
        step = residual / density if density > 0.0 else math.inf  # zero where the bulk is below ulps
        candidate = x + step if use_upper else x - step
        if not (lo < candidate < hi):
            candidate = 0.5 * (lo + hi)
        if abs(candidate - x) <= 4e-16 * x or hi - lo <= 4e-16 * x:
            return candidate
        x = candidate
    return x


@jit
def _quantiles(q: np.ndarray, gamma: np.ndarray, out: np.ndarray) -> None:
    for i in range(q.size):
        out[i] = math.nan if math.isnan(q[i]) else _quantile(q[i], gamma[i])


def mp_pdf(x: object, gamma: object) -> np.ndarray:
    r"""Density of MP(γ) on its bulk (the continuous part; mass min(1, 1/γ)); float64.

    .. math::

        p(x) = \frac{\sqrt{(\lambda_+ - x)(x - \lambda_-)}}{2\pi\gamma x},
        \quad \lambda_\pm = (1 \pm \sqrt{\gamma})^2

    (SPEC §2; paper E.3).  Closed form, with ``x − λ±`` in double-double arithmetic; within a few
    ulps of :func:`htmp_exact.exact.mp_pdf`.

    Parameters
    ----------
    x : array_like of float
        Points; NaN gives NaN, points outside the bulk 0.
    gamma : array_like of float
        Aspect ratio, finite and > 0.

    Returns
    -------
    numpy.ndarray or numpy.float64
        p(x); a numpy scalar for scalar input.

    Examples
    --------
    >>> import math
    >>> from htmp_exact import fast
    >>> bool(abs(fast.mp_pdf(1.0, 0.25) - math.sqrt((2.25 - 1) * (1 - 0.25)) / (2 * math.pi * 0.25)) < 1e-15)
    True
    """
    x, gamma = mp_points(x, gamma)
    out = np.empty(x.shape)
    _densities(x.ravel(), gamma.ravel(), out.reshape(-1))
    return as_result(out)


def edges_array(gamma: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(λ−, λ+)`` for an array of γ."""
    root = np.sqrt(gamma)
    return ((1 - gamma) / (1 + root)) ** 2, (1 + root) ** 2


def _cdf_sf_arrays(x: object, gamma: object) -> tuple[np.ndarray, np.ndarray]:
    x, gamma = mp_points(x, gamma)
    cdf, sf = np.empty(x.shape), np.empty(x.shape)
    _cdf_sf(x.ravel(), gamma.ravel(), cdf.reshape(-1), sf.reshape(-1))
    return cdf, sf


def mp_cdf(x: object, gamma: object) -> np.ndarray:
    r"""Distribution function of MP(γ), the atom ``1 − 1/γ`` at 0 included for γ > 1; float64.

    .. math:: F(x) = \max(0, 1 - 1/\gamma)\,[x \ge 0] + \int_{\lambda_-}^{x} p

    (SPEC §2).  Not certified; the mass next to each edge is computed directly
    (module docstring): measured within ~1e-16 absolute and ~1e-14 relative (smaller side)
    of :func:`htmp_exact.exact.mp_cdf` (docs/fast-path.md).

    Parameters
    ----------
    x : array_like of float
        Points; NaN gives NaN, ``x < 0`` gives 0, ``x = inf`` 1.
    gamma : array_like of float
        Aspect ratio, finite and > 0.

    Returns
    -------
    numpy.ndarray or numpy.float64
        F(x); a numpy scalar for scalar input.

    Examples
    --------
    >>> from htmp_exact import fast
    >>> float(fast.mp_cdf(0.0, 4.0))   # the atom 1 − 1/γ
    0.75
    """
    return as_result(_cdf_sf_arrays(x, gamma)[0])


def mp_sf(x: object, gamma: object) -> np.ndarray:
    r"""Survival function of MP(γ), ``1 − F(x)`` computed directly; float64.

    Relative accuracy next to the upper edge (module docstring; docs/fast-path.md).

    Parameters
    ----------
    x : array_like of float
        Points; NaN gives NaN, ``x < 0`` gives 1.
    gamma : array_like of float
        Aspect ratio, finite and > 0.

    Returns
    -------
    numpy.ndarray or numpy.float64
        P(X > x); a numpy scalar for scalar input.

    Examples
    --------
    >>> from htmp_exact import fast
    >>> float(fast.mp_sf(9.0, 4.0))   # λ+ = 9: nothing above
    0.0
    """
    return as_result(_cdf_sf_arrays(x, gamma)[1])


def mp_ppf(q: object, gamma: object) -> np.ndarray:
    r"""Quantile function of MP(γ): the smallest x with ``F(x) ≥ q`` (0 for ``q ≤ 1 − 1/γ`` when
    γ > 1, λ− for q = 0 when γ ≤ 1); float64.

    Newton's method on the mass next to the nearer edge (derivative: the density), inside a
    bisection bracket, to a few ulps of x (module docstring); not certified.

    Parameters
    ----------
    q : array_like of float
        Probabilities in [0, 1] (``ValueError`` outside); NaN gives NaN.
    gamma : array_like of float
        Aspect ratio, finite and > 0.

    Returns
    -------
    numpy.ndarray or numpy.float64
        The quantiles; a numpy scalar for scalar input.

    Examples
    --------
    >>> from htmp_exact import fast
    >>> bool(abs(fast.mp_cdf(fast.mp_ppf(0.3, 0.5), 0.5) - 0.3) < 1e-15)
    True
    """
    q, gamma = mp_points(q, gamma, "q")
    outside = (q < 0) | (q > 1)
    if np.any(outside):
        raise ValueError(f"q must lie in [0, 1], got {float(q[outside].flat[0])!r}")
    out = np.empty(q.shape)
    _quantiles(q.ravel(), gamma.ravel(), out.reshape(-1))
    return as_result(out)


def mp_stieltjes(z: object, gamma: object) -> np.ndarray:
    r"""Stieltjes transform of MP(γ), the atom included; complex128.

    The root of ``γ z S² + (z + γ − 1) S + 1 = 0`` with ``S ~ −1/z`` at infinity (SPEC §2).
    With ``R = √(z − λ+)·√(z − λ−)`` and ``d± = z + γ − 1 ± R`` (``d+·d− = 4γz``):
    ``S = −2/d+ = −d−/(2γz)``, evaluated from whichever of ``d±`` is larger (no cancellation).

    Parameters
    ----------
    z : array_like of complex or float
        Points off ``[0, ∞)`` (``ValueError`` on it); NaN gives NaN, infinite z gives 0.
    gamma : array_like of float
        Aspect ratio, finite and > 0.

    Returns
    -------
    numpy.ndarray or numpy.complex128
        S(z); a numpy scalar for scalar input.

    Examples
    --------
    >>> from htmp_exact import fast
    >>> bool(abs(fast.mp_stieltjes(-1.0, 1.0) - (-0.5 + 0.5 * 5 ** 0.5) / 1.0) < 1e-15)
    True
    """
    z, gamma = mp_points(z, gamma, "z", complex_x=True)
    off_support(z)
    lo, hi = edges_array(gamma)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # the branch not taken
        root = np.sqrt(z - hi) * np.sqrt(z - lo)
        plus, minus = z + (gamma - 1) + root, z + (gamma - 1) - root
        value = np.where(np.abs(plus) >= np.abs(minus), -2 / plus, -minus / (2 * gamma * z))
    return as_result(np.where(np.isinf(z), 0.0, value))

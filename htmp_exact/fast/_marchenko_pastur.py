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
    """``∫_lo^hi 2w² √(width − w²)/(scale·(pole + w²)) dw`` by one 16-node rule, in ``u = w/hi``
    (``w²`` may lie below the float range: ``w²/(pole + w²) = u²/(pole/hi² + u²)``)."""
    half, mid = 0.5 * (hi - lo) / hi, 0.5 * (hi + lo) / hi
    pole_u = pole / hi / hi
    total = 0.0
    for j in range(NODES.size):
        u = mid + half * NODES[j]
        w = u * hi
        total += WEIGHTS[j] * 2.0 * math.sqrt(max(width - w * w, 0.0)) * (u * u / (pole_u + u * u))
    return total * half * hi / scale


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
    to its own size (x next to an edge loses nothing to the rounding of the edge).

    For γ ≤ 4 from the edges themselves (error ~1e-32·λ±, small next to λ− → 0 at γ ≈ 1); for
    γ > 4 as ``(x − γ − 1) ± 2√γ`` (error ~1e-32·√γ: the bulk's width is 4√γ, and λ± ≈ γ
    would leave nothing of it at γ ≳ 1e40)."""
    root_hi, root_lo = dd_sqrt(gamma)
    if gamma > 4.0:
        offset_hi, offset_lo = two_sum(x, -gamma)
        offset_hi, offset_lo = dd_add(offset_hi, offset_lo, -1.0, 0.0)
        below_hi, below_lo = dd_add(offset_hi, offset_lo, 2.0 * root_hi, 2.0 * root_lo)
        above_hi, above_lo = dd_add(2.0 * root_hi, 2.0 * root_lo, -offset_hi, -offset_lo)
        return below_hi + below_lo, above_hi + above_lo
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
        elif x[i] == math.inf:
            cdf[i], sf[i] = 1.0, 0.0
        else:
            below, above = _bulk_masses(x[i], gamma[i])
            cdf[i], sf[i] = atom(gamma[i]) + below, above


@jit
def density(x: float, gamma: float) -> float:
    """The density at x ≥ 0 from the edge distances of :func:`edge_distances` (no rounding of
    the edges); 0 outside the bulk."""
    from_lower, from_upper = edge_distances(x, gamma)
    if from_lower > 0.0 and from_upper > 0.0:  # in this order: 2πγx may overflow where p does not
        return math.sqrt(from_lower) * math.sqrt(from_upper) / (2.0 * math.pi * gamma) / x
    return 0.0


@jit
def _densities(x: np.ndarray, gamma: np.ndarray, out: np.ndarray) -> None:
    for i in range(x.size):
        out[i] = math.nan if math.isnan(x[i]) else density(x[i], gamma[i])


TINY = 5e-324  # the smallest positive float64


@jit
def continuous_masses(q: float, gamma: float, upper_tail: bool):
    """The masses of the continuous part (total ``min(1, 1/γ)``) below and above the quantile of
    level q (``upper_tail`` False: ppf) or 1 − q (True: isf), for the laws with the atom
    ``1 − 1/γ`` at 0.  For γ > 1 the mass below is ``(q − 1) + 1/γ`` (ppf) or ``1/γ − q`` (isf)
    in double-double: q next to the atom loses nothing to the rounding of 1 − 1/γ or 1 − q."""
    if gamma <= 1.0:
        return (1.0 - q, q) if upper_tail else (q, 1.0 - q)
    inverse, inverse_lo = dd_div(1.0, 0.0, gamma, 0.0)
    if upper_tail:
        below_hi, below_lo = dd_add(inverse, inverse_lo, -q, 0.0)
        return below_hi + below_lo, q
    shifted_hi, shifted_lo = two_sum(q, -1.0)
    below_hi, below_lo = dd_add(shifted_hi, shifted_lo, inverse, inverse_lo)
    return below_hi + below_lo, 1.0 - q


@jit
def continuous_mass_arrays(
    q: np.ndarray, gamma: float, upper_tail: bool, below: np.ndarray, above: np.ndarray
) -> None:
    """:func:`continuous_masses` elementwise, at one γ."""
    for i in range(q.size):
        below[i], above[i] = continuous_masses(q[i], gamma, upper_tail)


@jit
def _bisection_point(lo: float, hi: float, lo_edge: float) -> float:
    """A point inside ``(lo, hi)``: the midpoint, or, when the bracket spans orders of magnitude
    of the distance from λ− (λ− ≈ 0 at γ ≈ 1: quantiles down to the float range), its
    geometric mean."""
    below, above = max(lo - lo_edge, 0.0), hi - lo_edge
    if above > 4.0 * below and lo_edge < 1e-3 * above:
        middle = lo_edge + math.sqrt(max(below, TINY)) * math.sqrt(above)
        if lo < middle < hi:
            return middle
    return 0.5 * (lo + hi)


@jit
def _quantile(q: float, gamma: float, upper_tail: bool) -> float:
    """The smallest x with cdf(x) ≥ q (``upper_tail`` False) or sf(x) ≤ q (True): Newton's
    method on the mass next to the nearer edge (derivative ± the density), kept inside a
    bisection bracket, to a few ulps."""
    lo_edge, hi_edge = edges(gamma)
    below, above = continuous_masses(q, gamma, upper_tail)
    if above <= 0.0:
        return hi_edge
    if below <= 0.0:
        return 0.0 if gamma > 1.0 else lo_edge
    use_upper = above < below
    lo, hi = lo_edge, hi_edge
    x = 0.5 * (lo + hi)
    for _ in range(200):
        if hi <= TINY:  # the quantile lies below the float range: the smallest positive float
            return hi
        mass_below, mass_above = _bulk_masses(x, gamma)
        residual = mass_above - above if use_upper else mass_below - below
        if residual == 0.0:
            return x
        if (residual > 0.0) == use_upper:  # x too small
            lo = x
        else:
            hi = x
        slope = density(x, gamma)
        step = residual / slope if slope > 0.0 else math.inf  # zero where the bulk is below ulps
        candidate = x + step if use_upper else x - step
        if not (lo < candidate < hi):
            candidate = _bisection_point(lo, hi, lo_edge)
        if abs(candidate - x) <= 4e-16 * x or hi - lo <= 4e-16 * x:
            return candidate
        x = candidate
    return x


@jit
def _quantiles(q: np.ndarray, gamma: np.ndarray, upper_tail: bool, out: np.ndarray) -> None:
    for i in range(q.size):
        out[i] = math.nan if math.isnan(q[i]) else _quantile(q[i], gamma[i], upper_tail)


def mp_pdf(x: object, gamma: object) -> np.ndarray:
    r"""Density of MP(γ) on its bulk (the continuous part; mass min(1, 1/γ)); float64.

    .. math::

        p(x) = \frac{\sqrt{(\lambda_+ - x)(x - \lambda_-)}}{2\pi\gamma x},
        \quad \lambda_\pm = (1 \pm \sqrt{\gamma})^2

    (SPEC §2; paper E.3).  Closed form, with ``x − λ±`` in double-double arithmetic
    (:func:`edge_distances`); within a few ulps of :func:`htmp_exact.exact.mp_pdf`, and within
    ``1e-32·λ/(x − λ)`` relative next to an edge λ (the double-double limit; docs/fast-path.md).

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


@jit
def _real_parts(
    x: np.ndarray, gamma: np.ndarray, below: np.ndarray, above: np.ndarray, shifted: np.ndarray
) -> None:
    """:func:`edge_distances` of ``x = Re z``, and ``x + γ − 1``, elementwise, in double-double."""
    for i in range(x.size):
        below[i], above[i] = edge_distances(x[i], gamma[i])
        sum_hi, sum_lo = two_sum(x[i], gamma[i])
        sum_hi, sum_lo = dd_add(sum_hi, sum_lo, -1.0, 0.0)
        shifted[i] = sum_hi + sum_lo


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
    return as_result(_quantile_array(q, gamma, False))


def mp_isf(q: object, gamma: object) -> np.ndarray:
    r"""Inverse survival function of MP(γ): the smallest x with ``sf(x) ≤ q``, i.e. ``ppf(1 − q)``
    without forming ``1 − q`` (small q keep their relative accuracy); float64.

    As :func:`mp_ppf`, on the mass above x.

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
    >>> bool(abs(fast.mp_sf(fast.mp_isf(1e-3, 0.5), 0.5) / 1e-3 - 1) < 1e-12)
    True
    """
    return as_result(_quantile_array(q, gamma, True))


def _quantile_array(q: object, gamma: object, upper_tail: bool) -> np.ndarray:
    q, gamma = mp_points(q, gamma, "q")
    outside = (q < 0) | (q > 1)
    if np.any(outside):
        raise ValueError(f"q must lie in [0, 1], got {float(q[outside].flat[0])!r}")
    out = np.empty(q.shape)
    _quantiles(q.ravel(), gamma.ravel(), upper_tail, out.reshape(-1))
    return out


def mp_stieltjes(z: object, gamma: object) -> np.ndarray:
    r"""Stieltjes transform of MP(γ), the atom included; complex128.

    The root of ``γ z S² + (z + γ − 1) S + 1 = 0`` with ``S ~ −1/z`` at infinity (SPEC §2).
    With ``R = √(z − λ+)·√(z − λ−)`` and ``d± = z + γ − 1 ± R`` (``d+·d− = 4γz``):
    ``S = −2/d+ = −d−/(2γz)``, evaluated from whichever of ``d±`` is larger (no cancellation);
    the real parts of ``z − λ±`` and ``z + γ − 1`` in double-double (a bulk narrower than the
    ulps of λ±, z within ulps of an edge).

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
    below, above, shifted = (np.empty(z.shape) for _ in range(3))
    _real_parts(z.real.ravel(), gamma.ravel(), below.reshape(-1), above.reshape(-1), shifted.reshape(-1))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # the branch not taken
        # z − λ± and z + γ − 1 from Re z in double-double (no rounding of the edges or of γ − 1)
        root = np.sqrt(-above + 1j * z.imag) * np.sqrt(below + 1j * z.imag)
        value = _from_root(z, shifted + 1j * z.imag, gamma, root)
        # on the negative axis (both z − λ± < 0) in real arithmetic: S is real, and may overflow
        real = _from_root(z.real, shifted, gamma, -np.sqrt(above) * np.sqrt(-below))
    value = np.where(z.imag == 0, real + 0j, value)
    return as_result(np.where(np.isinf(z), 0.0, value))


def _from_root(z: np.ndarray, shifted: np.ndarray, gamma: np.ndarray, root: np.ndarray) -> np.ndarray:
    """``S = −2/d+ = −d−/(2γz)`` from the larger of ``d± = z + γ − 1 ± R`` (:func:`mp_stieltjes`;
    ``shifted = z + γ − 1``)."""
    plus, minus = shifted + root, shifted - root
    # d−/(2γz) divided in the order that keeps the intermediate in range (|d−| ≤ 2(|z| + γ))
    ratio = np.where(gamma > 1, (minus / gamma) / (2 * z), (minus / (2 * z)) / gamma)
    return np.where(np.abs(plus) >= np.abs(minus), -2 / plus, -ratio)

r"""Stieltjes transform of HTMP(γ, κ) in float64: Gauss–Legendre panels over the Riccati
solution against ``1/(x − z)`` (SPEC §4), refined toward ``Re z`` next to the support.

Cauchy integrals ``∫ f(x)/(x − z) dx`` with ``z`` near the path: an n-node
Gauss–Legendre rule on a panel ``[lo, hi]`` integrates a function analytic inside the
Bernstein ellipse of parameter ρ with error ``O(ρ^{−2n})`` (Trefethen, *Approximation
Theory and Approximation Practice*, Thm 19.3).  For the kernel ``1/(x − z)`` ρ is set
by the pole: ``ρ = |w + √(w² − 1)|`` with ``w = (z − mid)/half``.  With 16 nodes,
ρ ≥ :data:`RHO_MIN` = 3.5 gives ``3.5^{−32} ≈ 4e-18``.  Panels closer to a pole are
replaced by panels graded geometrically (ratio 3) toward its real part, which keeps
ρ ≥ 3.7 on every panel down to the width ``Im z / 3``.
"""

from __future__ import annotations

import math

import numpy as np

from ._arguments import as_result, broadcast, complex_array, groups, off_support
from ._cumulative import Cumulative
from ._panels import panel_nodes
from ._solution import CarrierLaw

RHO_MIN = 3.5


def bernstein_rho(pole: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """ρ ≥ 1 of the Bernstein ellipse of ``[lo, hi]`` through ``pole`` (broadcasting)."""
    w = (pole - (lo + hi) / 2) / ((hi - lo) / 2)
    root = np.sqrt(w * w - 1)
    return np.maximum(np.abs(w + root), np.abs(w - root))  # the two roots' product is 1


def graded_offsets(eta: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Panel ends, as offsets from a pole's real part, on ``[lo_i, hi_i]`` (offsets, row i, sorted).

    The ends are ``±η·3^k/3`` (k ≥ 0) clipped to the interval, plus the interval's
    ends: a panel at distance d from 0 has width at most 2d (or ``η/3`` next to it),
    so a pole at ``iη`` has ρ ≥ 3.7 on every panel.  Clipped ends repeat; the
    resulting zero-width panels contribute nothing.  Offsets (not absolute positions)
    keep ``x − Re z`` exact for the kernel when ``η ≪ |Re z|``.
    """
    ratio = float(np.max((hi - lo) / eta))
    k = np.arange(math.ceil(math.log(max(ratio, 1.0), 3)) + 3)
    steps = eta[:, None] * 3.0 ** (k - 1)
    ends = np.concatenate([lo[:, None], hi[:, None], np.zeros_like(lo)[:, None], -steps, steps], axis=1)
    return np.sort(np.clip(ends, lo[:, None], hi[:, None]), axis=1)


FAR = 1e100  # |z| beyond which S(z) = −1/z to far better than float64
Z_MIN = 1e-300  # smallest |z| accepted (below, S or its parts leave the float range)
_MAX_PANEL = 0.25  # widest base panel in t = log(s x)
_NEAR_T = 0.1  # x within a factor e^{±0.1} of Re z: panels in x (exact x − Re z), not in t
_NEGLIGIBLE = 1e-28  # base panels with mass·(1 + 1/x) below this are left out of the sum


def _base_panels(cumulative: Cumulative, t_lo: float, t_hi: float) -> np.ndarray:
    """Panel ends in t: the solver's steps, split to width ≤ :data:`_MAX_PANEL`."""
    steps = np.unique(np.concatenate([p.t for p in cumulative.solution.pieces] + [[t_lo, t_hi]]))
    steps = steps[(steps >= t_lo) & (steps <= t_hi)]
    parts = np.maximum(np.ceil(np.diff(steps) / _MAX_PANEL).astype(int), 1)
    start = np.repeat(steps[:-1], parts)
    within = np.arange(parts.sum()) - np.repeat(np.cumsum(parts) - parts, parts)
    return np.append(start + within * np.repeat(np.diff(steps) / parts, parts), steps[-1])


def _cauchy_transform(law: CarrierLaw, z: np.ndarray) -> np.ndarray:
    """``∫ p(x)/(x − z) dx`` for the γ ≤ 1 law carrying HTMP(γ, κ) (:class:`~._solution.CarrierLaw`), at z
    with Im z ≥ 0, off [0, ∞).

    ``p(x) dx = e^{v(t)}/(πc) dt`` on ``[x_lo, x_hi]`` with ``x_lo = 1e-17·min|z|``
    and ``x_hi = 1e17·max(|z|, 1)``: Gauss–Legendre on the base panels, except the
    panels too close to the pole ``log(s z)`` (ρ < :data:`RHO_MIN`, or
    within :data:`_NEAR_T` of it, where rounding of t would spoil ``x − z``), which are
    replaced by panels in x graded toward ``Re z``.  Below ``x_lo``,
    ``∫_0^{x_lo} p/(x − z) = −F(x_lo)/z·(1 + O(x_lo/|z|))``; above ``x_hi`` the integral
    is below ``sf(x_hi)/x_hi``, negligible.
    """
    x_lo = min(0.5, 1e-17 * float(np.abs(z).min()))  # may be subnormal or 0: kept in logs
    x_hi = max(2.0, 1e17 * max(1.0, float(np.abs(z).max())))
    cumulative = Cumulative(law, max(x_lo, 5e-324), x_hi)
    t_lo, t_hi = cumulative.t_lo, cumulative.t_hi
    breaks = _base_panels(cumulative, t_lo, t_hi)
    pieces = cumulative.sub_intervals(breaks[:-1], breaks[1:])
    breaks = np.unique(np.concatenate(pieces[:2]))
    nodes, weights = panel_nodes(breaks)
    mass = weights * cumulative.density_in_t(nodes.ravel()).reshape(nodes.shape)
    x_nodes = np.exp(nodes) / law.s
    near = _near_panels(np.log(law.s * z), breaks)
    rows = np.flatnonzero(near.any(axis=1))
    first = np.argmax(near[rows], axis=1)
    last = near.shape[1] - 1 - np.argmax(near[rows, ::-1], axis=1)
    panel = np.arange(near.shape[1])
    near[rows] = (panel >= first[:, None]) & (panel <= last[:, None])  # one contiguous run per point
    # panels whose mass cannot reach 1e-28·|S| (|S(z)| ≳ 1/(1 + |z|), |x − z| ≳ max(x, |z|)/10)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):  # x_nodes below the float range
        kept = (mass * (1 + 1 / x_nodes)).max(axis=1) >= _NEGLIGIBLE
    mass, x_nodes, far = mass[kept], x_nodes[kept], ~near[:, kept]
    values = np.empty(z.shape, dtype=complex)
    chunk = max(1, 2_000_000 // max(mass.size, 1))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for i in range(0, z.size, chunk):
            part = (mass / (x_nodes - z[i : i + chunk, None, None])).sum(axis=-1)
            values[i : i + chunk] = np.where(far[i : i + chunk], part, 0.0).sum(axis=-1)
    if rows.size:  # in chunks of about 20,000 panels
        for part in np.array_split(
            np.arange(rows.size), min(rows.size, 1 + rows.size * (last - first).max() // 20_000)
        ):
            values[rows[part]] += _near_integral(cumulative, breaks, z[rows[part]], first[part], last[part])
    return values - cumulative.cdf_sf(np.array([t_lo]))[0] / z  # F(x_lo)/(−z)


def _near_panels(pole: np.ndarray, breaks: np.ndarray) -> np.ndarray:
    """(point, panel) pairs with ρ < RHO_MIN or within :data:`_NEAR_T` of the pole ``log(s z)``.

    ρ is computed only inside the bounding box of the ρ = 3.5 ellipse
    (semi-axes 1.9 and 1.61 half-widths); elsewhere ρ > 3.5.
    """
    lo, hi = breaks[None, :-1], breaks[None, 1:]
    half, mid = (hi - lo) / 2, (hi + lo) / 2
    re, im = pole.real[:, None], pole.imag[:, None]
    gap = np.maximum(np.maximum(lo - re, re - hi), 0.0)
    near = (im < _NEAR_T) & (gap < _NEAR_T)
    box = (np.abs(re - mid) < 1.9 * half) & (im < 1.61 * half)
    i, j = np.nonzero(box)
    inside = bernstein_rho(pole[i], breaks[j], breaks[j + 1]) < RHO_MIN
    near[i[inside], j[inside]] = True
    return near


def _near_integral(
    cumulative: Cumulative, breaks: np.ndarray, z: np.ndarray, first: np.ndarray, last: np.ndarray
) -> np.ndarray:
    """``∫ p(x)/(x − z) dx`` over the base panels ``first..last`` (one run per point), in x.

    The panel ends are the base panels' own ends (which resolve the density) together
    with ends graded toward ``Re z`` (which resolve the kernel), as offsets from ``Re z``.
    """
    centre, eta = z.real, z.imag
    index = np.minimum(first[:, None] + np.arange((last - first).max() + 2), (last + 1)[:, None])
    s = cumulative.law.s
    base = np.exp(breaks[index]) / s - centre[:, None]
    ends = np.sort(np.concatenate([graded_offsets(eta, base[:, 0], base[:, -1]), base], axis=1), axis=1)
    offsets, weights = panel_nodes(ends)
    x = centre[:, None, None] + offsets
    density = cumulative.density_in_t(np.log(s * x).ravel()).reshape(x.shape) / x
    return (weights * density / (offsets - 1j * eta[:, None, None])).sum(axis=(1, 2))


def _stieltjes_kernel(g: float, k: float, z: np.ndarray) -> np.ndarray:
    """S(z) for one (γ, κ); γ > 1 through the duality, ``S = −(1 − 1/γ)/z + S'(z/γ)/γ²``."""
    law = CarrierLaw.from_inputs(g, k)
    scale = law.scale
    w = z / scale
    values = -1 / w
    inner = np.abs(w) <= FAR
    if np.any(inner):
        flip = w.imag < 0  # S(conj z) = conj S(z)
        upper = np.where(flip, w.conj(), w)[inner]
        result = _cauchy_transform(law, upper)
        values[inner] = np.where(flip[inner], result.conj(), result)
    return (-(1 - 1 / g) / z if g > 1 else 0.0) + values / scale**2


def stieltjes(z: object, gamma: object, kappa: object) -> np.ndarray:
    r"""Stieltjes transform of HTMP(γ, κ), the atom included; complex128.

    .. math:: S(z) = \int \frac{\mu(dx)}{x - z} = s\,\frac{U(c+1, 1-\alpha, -s z)}{U(c, -\alpha, -s z)}

    (SPEC §4; paper Proposition E.3, E.7), for ``z`` off the support ``[0, ∞)``.  Not
    certified; measured relative accuracy ~3e-14 (docs/fast-path.md).

    Parameters
    ----------
    z : array_like of complex or float
        Points off ``[0, ∞)`` with ``|z| ≥ 1e-300`` (``ValueError`` otherwise); NaN gives NaN,
        infinite z gives 0.
    gamma, kappa : array_like of float
        Parameters, as for :func:`~htmp_exact.fast.logpdf`.

    Returns
    -------
    numpy.ndarray or numpy.complex128
        S(z); a numpy scalar for scalar input.

    Notes
    -----
    Gauss–Legendre quadrature of the density from the Riccati solution (one solve per pair)
    against ``1/(x − z)``, with panels graded toward ``Re z`` when z is close to the support
    (this module); ``−1/z`` for ``|z| > 1e100``; γ > 1 by the duality of SPEC §3.

    Examples
    --------
    >>> from htmp_exact import exact, fast
    >>> w = fast.stieltjes(1 + 1e-3j, 0.5, 10.0)
    >>> bool(abs(w - complex(exact.stieltjes(1 + 1e-3j, 0.5, 10))) < 1e-12 * abs(w))
    True
    """
    z, gamma, kappa = broadcast(complex_array(z, "z"), gamma, kappa, "z")
    off_support(z)
    tiny = np.abs(z) < Z_MIN
    if np.any(tiny):
        raise ValueError(
            f"z = {z[tiny].flat[0]!r} is too close to 0 for float64: need |z| >= {Z_MIN!r} "
            "(use htmp_exact.exact)"
        )
    out = np.full(z.shape, complex(np.nan, np.nan))
    flat_z, flat_out = z.ravel(), out.reshape(-1)
    flat_out[np.isinf(flat_z)] = 0.0
    inside = np.flatnonzero(np.isfinite(flat_z))
    _, large = groups(gamma.ravel()[inside], kappa.ravel()[inside])
    for g, k, sel in large:
        flat_out[inside[sel]] = _stieltjes_kernel(g, k, flat_z[inside[sel]])
    return as_result(out)

r"""Gauss–Legendre quadrature on a traced steepest-descent polygon: the per-point kernel's
route where the trapezoidal rule of :mod:`._steepest` does not apply (``c ≥ 1``: saddles
next to each other at the edges of the bulk, small ``s``, tails whose second saddle matters).

Paths of ``J = ∫ e^{φ(t)} dt`` (:mod:`._steepest`) in the closed upper half plane, from 0 to
``∞e^{iω}`` with ``π/2 < ω ≤ π``, traced in floats along ``−conj φ'`` and frozen as polygons
(by Cauchy's theorem any such polygon gives J; tracing only affects the cost):

* complex saddles (``disc < 0``): the steepest-descent path through the upper one;
* real saddles ``r_a, r_b`` in (−1, 0) or in (0, ∞): along the axis from 0 through the
  maximum of ``Re φ`` on the axis to the other saddle (a minimum on the axis), then up its
  steepest-descent path;
* real saddles below −1: from 0 down the steepest-descent path of the one next to −1 (a
  minimum on the axis), then along the axis above the cut through the other (the
  maximum) to −∞.

A path is traced until ``e^{Re(φ − φ_ref)}/|φ'|`` (what is left beyond, about) is below
``e^{−LEVEL}`` of the reference saddle's width ``|φ''|^{−1/2}``; a piece that ends within
``min(1/4, 1/(2(1+y)), 1/(2(1+c)))`` of 0 is closed by the power series of
``e^{yt}(1+t)^{−c}`` (:func:`zero_piece`).  Vertices are ``STEP`` local widths apart
(``min(STEP |φ''|^{−1/2}, CUBIC_STEP (6/|φ'''|)^{1/3})``, at most ``CAP·min(|t|, |1+t|)``): along
an edge φ changes by at most ~5, and a 16-node Gauss–Legendre rule integrates it.
"""

from __future__ import annotations

import cmath
import math

import numpy as np

from .._jit import jit
from ._steepest import alpha_of, centred_phi, derivatives, saddle_slope

LEVEL = 40.0
STEP = 3.0  # edge length: at most STEP/√|φ''| (φ falls by ~STEP²/2 along it) ...
CUBIC_STEP = 1.6  # ... and CUBIC_STEP·(6/|φ'''|)^{1/3} (next to a degenerate saddle)
CAP = 0.5
MAX_VERTICES = 3000
ZERO, REACHED_LEVEL, REACHED_TARGET, FAILED = 0, 1, 2, 3
PATH_NODES, PATH_WEIGHTS = np.polynomial.legendre.leggauss(16)


@jit
def _upper(t: complex) -> complex:
    return complex(t.real, 0.0) if t.imag <= 0.0 else t


@jit
def zero_radius(y: float, c: float) -> float:
    """Radius around 0 within which a path piece is closed by :func:`zero_piece`."""
    return min(0.25, 0.5 / (1.0 + y), 0.5 / (1.0 + c))


@jit
def _step(t: complex, y: float, s: float, c: float) -> float:
    _, g2, g3 = derivatives(t, y, s, c)
    width = 1e300
    if abs(g2) > 0.0:
        width = STEP / math.sqrt(abs(g2))
    if abs(g3) > 0.0:
        width = min(width, CUBIC_STEP * (6.0 / abs(g3)) ** (1.0 / 3.0))
    return min(width, CAP * abs(t), CAP * abs(1.0 + t))


@jit
def trace(
    reference: complex,
    slope: complex,
    alpha: float,
    start: complex,
    direction: complex,
    target: float,
    to_zero: bool,
    y: float,
    s: float,
    c: float,
    out: np.ndarray,
):
    """Vertices from ``start``, first along ``direction`` (unit), then along ``−conj φ'``,
    into ``out``.  Stops below the level (relative to ``reference``), within
    :func:`zero_radius` of 0 (if ``to_zero``), or on reaching the real point ``target``
    (NaN for none; the walk then runs on the axis).  Returns ``(count, reason)``."""
    out[0] = start
    t = start
    e = direction
    r0 = zero_radius(y, c)
    _, g2, g3 = derivatives(reference, y, s, c)  # the peak's width: quadratic, or cubic at a double saddle
    width = min(1.0 / math.sqrt(max(abs(g2), 1e-300)), (6.0 / max(abs(g3), 1e-300)) ** (1.0 / 3.0))
    for i in range(1, MAX_VERTICES):
        following = _upper(t + e * _step(t, y, s, c))
        if not math.isnan(target) and t.imag == 0.0 and (following.real - target) * (t.real - target) <= 0.0:
            out[i] = complex(target, 0.0)
            return i + 1, REACHED_TARGET
        t = following
        out[i] = t
        if abs(t) == 0.0 or abs(1.0 + t) == 0.0:
            return i + 1, FAILED
        if to_zero and abs(t) <= r0:
            return i + 1, ZERO
        g1 = derivatives(t, y, s, c)[0]
        if g1 == 0.0:
            return i + 1, FAILED
        # what is left beyond t is about e^{Re(φ − φ_ref)}/|φ'| (the decay length), against the
        # reference's width
        if centred_phi(t, reference, slope, alpha, y, s, c).real - math.log(abs(g1) * width) < -LEVEL:
            return i + 1, REACHED_LEVEL
        e = -g1.conjugate() / abs(g1)
    return MAX_VERTICES, FAILED


@jit
def edges(
    vertices: np.ndarray,
    count: int,
    reference: complex,
    slope: complex,
    alpha: float,
    y: float,
    s: float,
    c: float,
):
    """``(∫ e^{φ − φ(reference)}, ∫ t e^{φ − φ(reference)})`` along the polygon ``vertices[:count]``
    (16-node rule per edge)."""
    total = 0j
    moment = 0j
    for i in range(count - 1):
        a, b = vertices[i], vertices[i + 1]
        mid, half = 0.5 * (a + b), 0.5 * (b - a)
        for j in range(PATH_NODES.size):
            t = _upper(mid + half * PATH_NODES[j])
            weight = half * PATH_WEIGHTS[j] * cmath.exp(centred_phi(t, reference, slope, alpha, y, s, c))
            total += weight
            moment += weight * t
    return total, moment


@jit
def zero_piece(end: complex, reference: complex, slope: complex, alpha: float, y: float, s: float, c: float):
    """``(∫_0^{end} e^{φ − φ(reference)} dt, ∫_0^{end} t e^{φ − φ(reference)} dt)`` from the power
    series of ``g = e^{yt}(1+t)^{−c} = Σ g_k t^k``, ``g_{k+1} = ((y − c − k) g_k + y g_{k−1})/(k + 1)``:
    ``e^{φ(end) − φ(reference)} (end/g(end)) Σ g_k end^k/(s + k)`` and the same with ``end²`` and
    ``s + 1 + k``."""
    previous, current = 0.0, 1.0
    power = 1.0 + 0j
    total = 0j
    moment = 0j
    small = 0.0
    for k in range(300):
        term = current * power
        total += term / (s + k)
        moment += term / (s + 1.0 + k)
        if k > 2 and abs(term) + small <= 1e-18 * min(abs(total), abs(moment)):  # a coefficient may vanish
            break
        small = abs(term)
        previous, current = current, ((y - c - k) * current + y * previous) / (k + 1)
        power *= end
    g_end = cmath.exp(y * end - c * cmath.log(1.0 + end))
    factor = cmath.exp(centred_phi(end, reference, slope, alpha, y, s, c)) * end / g_end
    return factor * total, factor * end * moment


@jit
def _closed(
    vertices: np.ndarray,
    count: int,
    reason: int,
    reference: complex,
    slope: complex,
    alpha: float,
    y: float,
    s: float,
    c: float,
    sign: float,
):
    """:func:`edges` of one traced piece, plus ``sign`` times its :func:`zero_piece` if it ended next to 0."""
    total, moment = edges(vertices, count, reference, slope, alpha, y, s, c)
    if reason == ZERO:
        extra, extra_t = zero_piece(vertices[count - 1], reference, slope, alpha, y, s, c)
        total += sign * extra
        moment += sign * extra_t
    return total, moment


@jit
def _from_saddle(
    reference: complex,
    slope: complex,
    alpha: float,
    direction: complex,
    y: float,
    s: float,
    c: float,
    buffer: np.ndarray,
):
    """Both halves of the steepest-descent path through a complex saddle: ``(J, J_t, ok)``; only
    the half that starts toward 0 may end at 0 (with :func:`zero_piece`)."""
    toward_zero = (direction * reference.conjugate()).real < 0.0
    count, reason = trace(
        reference, slope, alpha, reference, direction, math.nan, toward_zero, y, s, c, buffer
    )
    if reason == FAILED:
        return 0j, 0j, False
    total, moment = _closed(
        buffer, count, reason, reference, slope, alpha, y, s, c, -1.0
    )  # traced away from the saddle
    count, reason = trace(
        reference, slope, alpha, reference, -direction, math.nan, not toward_zero, y, s, c, buffer
    )
    if reason == FAILED:
        return 0j, 0j, False
    other, other_t = _closed(buffer, count, reason, reference, slope, alpha, y, s, c, -1.0)
    return other - total, other_t - moment, True


@jit
def polygon(y: float, s: float, c: float, disc: float, low: tuple[float, float, float]):
    """``(reference, J e^{−φ(reference)}, J_t e^{−φ(reference)}, ok)`` for ``c ≥ 1``, ``s ≥ 1``, with
    ``J_t = ∫ t e^{φ} dt``; ``reference`` is the upper complex saddle or the real saddle where
    ``Re φ`` has its maximum on the axis; ``low``: the low parts of (y, s, c)
    (:func:`~._steepest.saddle_slope`)."""
    buffer = np.empty(MAX_VERTICES, dtype=np.complex128)
    alpha = s - c - 1.0
    b = y + alpha
    if disc < 0.0:
        reference = complex(-b, math.sqrt(-disc)) / (2.0 * y)
        g2 = derivatives(reference, y, s, c)[1]
        direction = cmath.exp(0.5j * (math.pi - cmath.phase(g2)))
        total, moment, ok = _from_saddle(
            reference, saddle_slope(reference, y, s, c, low), alpha_of(s, c, low), direction, y, s, c, buffer
        )
        return reference, total, moment, ok and total != 0
    root = math.sqrt(disc)
    far = (-b - math.copysign(root, b)) / (2.0 * y)  # the root of larger modulus
    near = (s - 1.0) / (y * far)
    # the peak of Re φ on the axis, the other saddle, and the peak's far end (−∞ for roots below −1, else 0)
    peak, other = (far, near) if far < -1.0 else (near, far)
    reference = complex(peak, 0.0)
    slope = saddle_slope(reference, y, s, c, low)
    alpha = alpha_of(s, c, low)
    toward_other = 1.0 if other > peak else -1.0
    # the axis from the peak away from the other saddle (to 0, or to −∞)
    count, reason = trace(
        reference, slope, alpha, reference, complex(-toward_other, 0.0), math.nan, far > -1.0, y, s, c, buffer
    )
    if reason == FAILED:
        return reference, 0j, 0j, False
    away, away_t = _closed(buffer, count, reason, reference, slope, alpha, y, s, c, -1.0)
    total, moment = -away, -away_t
    # the axis from the peak to the other saddle, then its steepest-descent path upward
    count, reason = trace(
        reference, slope, alpha, reference, complex(toward_other, 0.0), other, False, y, s, c, buffer
    )
    if reason == FAILED:
        return reference, 0j, 0j, False
    part, part_t = edges(buffer, count, reference, slope, alpha, y, s, c)
    total, moment = total + part, moment + part_t
    if reason == REACHED_TARGET:
        count, reason = trace(
            reference, slope, alpha, complex(other, 0.0), 1j, math.nan, far < -1.0, y, s, c, buffer
        )
        if reason == FAILED:
            return reference, 0j, 0j, False
        part, part_t = _closed(buffer, count, reason, reference, slope, alpha, y, s, c, -1.0)
        total, moment = total + part, moment + part_t
    if far < -1.0:  # the pieces ran from −∞ to 0
        total, moment = -total, -moment
    return reference, total, moment, total != 0

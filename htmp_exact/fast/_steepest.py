r"""Trapezoidal rule on a steepest-descent path of the integrand of DLMF 13.4.4, for ``c ≥ 1``.

After Kummer's transformation ``U(c, −α, z) = z^{1+α} U(s, α+2, z)``,

.. math:: J = \int_0^{\infty e^{i\omega}} e^{\varphi(t)} dt,\qquad
          \varphi(t) = y t + (s-1)\log t - c \log(1+t)

along a path in the closed upper half plane is ``Γ(s) U(s, α+2, y e^{−iπ})`` (the conjugate
of the value above the cut).  The saddles of φ are the roots of
``q(t) = y t² + (y + α) t + (s − 1)``.  Through a saddle ``t_s`` the path is parametrized by
``φ(t) − φ(t_s) = −τ²`` (τ real), so ``J = e^{φ(t_s)} ∫ e^{−τ²} t'(τ) dτ`` with
``t' = −2τ/φ'(t)``: the trapezoidal rule in τ converges like ``e^{−2πd/h}``, d the distance
from the real τ axis of the nearest singularity of ``t(τ)`` (another saddle).  Each node
is found by Halley's method on ``φ(t) − φ(t_s) + τ²`` from a Taylor step along the path.

:func:`complex_saddle` does this through the upper complex saddle (the bulk);
:func:`real_peak` along the real axis through a real saddle that is a maximum of the
integrand on the axis (the tails), where φ is real up to a constant.
"""

from __future__ import annotations

import cmath
import math

import numpy as np

from .._jit import jit
from ._special import clog1pmx, dd_add, dd_mul, log1pmx

LEVEL = 37.0  # the path is followed until e^{−τ²} < e^{−LEVEL} ...
SMALL_TERM = math.exp(-LEVEL)  # ... and the trapezoid's terms e^{−τ²}|t'| are below this of the first
MAX_STEP = 0.5  # trapezoid step in τ (error e^{−π²/h²} for an entire t'(τ))
SAFETY = 5.5  # step ≤ d/SAFETY: error ~ e^{−2π·SAFETY} from a singularity at distance d
MIN_STEP = 0.15  # below: too many nodes (the polygon of :mod:`._polygon` instead)
MAX_NODES = 400
ITERATIONS = 10  # Halley steps per node before giving up
HALLEY_DONE = 2e-5  # a Halley step below this (of the node spacing) leaves ~(2e-5)³: the node is final


@jit
def derivatives(t: complex, y: float, s: float, c: float):
    """(φ', φ'', φ''') at t (compiled separately for real and for complex t)."""
    inv0 = 1.0 / t
    inv1 = 1.0 / (1.0 + t)
    a0 = (s - 1.0) * inv0
    a1 = c * inv1
    return y + a0 - a1, -a0 * inv0 + a1 * inv1, 2.0 * (a0 * inv0 * inv0 - a1 * inv1 * inv1)


@jit
def path_slope(t: complex, centre: complex, slope: complex, curvature: complex, y: float) -> complex:
    """``φ'(t) = q(t)/(t(1 + t))`` on the path through the saddle ``centre``, from the Taylor
    expansion of the quadratic q there, ``q(t) = q(centre) + d (q'(centre) + y d)`` (d = t − centre;
    ``slope = φ'(centre)``, ``curvature = q'(centre)`` from :func:`saddle_quadratic`): relative
    error ~ε away from the other root of q.  The sum ``y + (s−1)/t − c/(1+t)`` would leave an
    absolute error ``ε y`` in a φ' that is ~√|q'(centre)| near the saddle (relative 1e-11
    in the trapezoid's weights at s = 1e7 next to the edges of the bulk)."""
    d = t - centre
    return (slope * (centre * (1.0 + centre)) + d * (curvature + y * d)) / (t * (1.0 + t))


@jit
def alpha_of(s: float, c: float, low: tuple[float, float, float]) -> float:
    """``α = s − 1 − c`` from the parameters and their low parts, in double-double arithmetic."""
    hi, lo = dd_add(s, low[1], -1.0, 0.0)
    hi, lo = dd_add(hi, lo, -c, -low[2])
    return hi + lo


@jit
def saddle_quadratic(
    t: complex, y: float, s: float, c: float, low: tuple[float, float, float]
) -> tuple[complex, complex]:
    """``(φ'(t), q'(t))`` at a (rounded) saddle t: ``φ' = q(t)/(t(1+t))`` with
    ``q(t) = y t² + (y + s − 1 − c) t + (s − 1)`` and ``q'(t) = 2 y t + y + s − 1 − c``, in
    double-double arithmetic with the parameters' low parts ``low = (y_lo, s_lo, c_lo)``:
    q's terms are ~s while q(t) ~ ε s (and Re q'(t) ≈ 0 next to the edges of the bulk), so
    the plain sums would leave ``ε s`` in both (and ``ε √s τ`` in :func:`centred_phi` along the path)."""
    u, v = t.real, t.imag
    y_lo, s_lo, c_lo = low
    below_hi, below_lo = dd_add(s, s_lo, -1.0, 0.0)  # s − 1
    b_hi, b_lo = dd_add(y, y_lo, below_hi, below_lo)
    b_hi, b_lo = dd_add(b_hi, b_lo, -c, -c_lo)  # y + s − 1 − c
    yu_hi, yu_lo = dd_mul(y, y_lo, u, 0.0)
    re_hi, re_lo = dd_mul(yu_hi, yu_lo, u, 0.0)  # y u²
    yv_hi, yv_lo = dd_mul(y, y_lo, v, 0.0)
    sq_hi, sq_lo = dd_mul(yv_hi, yv_lo, v, 0.0)  # y v²
    re_hi, re_lo = dd_add(re_hi, re_lo, -sq_hi, -sq_lo)
    bu_hi, bu_lo = dd_mul(b_hi, b_lo, u, 0.0)
    re_hi, re_lo = dd_add(re_hi, re_lo, bu_hi, bu_lo)
    re_hi, re_lo = dd_add(re_hi, re_lo, below_hi, below_lo)
    im_hi, im_lo = dd_add(2.0 * yu_hi, 2.0 * yu_lo, b_hi, b_lo)  # 2yu + b
    slope = complex(re_hi + re_lo, v * (im_hi + im_lo)) / (t * (1.0 + t))
    return slope, complex(im_hi + im_lo, 2.0 * (yv_hi + yv_lo))


@jit
def saddle_slope(t: complex, y: float, s: float, c: float, low: tuple[float, float, float]) -> complex:
    """``φ'(t)`` at a (rounded) saddle t (:func:`saddle_quadratic`)."""
    return saddle_quadratic(t, y, s, c, low)[0]


@jit
def centred_phi(
    t: complex, centre: complex, slope: complex, alpha: float, y: float, s: float, c: float
) -> complex:
    """``φ(t) − φ(centre)`` for a saddle ``centre`` with ``slope = φ'(centre)`` (:func:`saddle_slope`)
    and ``α = s − 1 − c`` (:func:`alpha_of`); principal logarithms, both points in the closed
    upper half plane.

    Near the saddle (``|d| < |centre|/2`` and ``|d| < |1 + centre|/2``, ``d = t − centre``):
    ``slope·d + (s−1) g(d/centre) − c g(d/(1+centre))`` with ``g(z) = log(1 + z) − z`` — the
    terms linear in d, each ~s|d|, cancel exactly.  Elsewhere ``y d + (s−1) log(t/centre)
    − c log((1+t)/(1+centre))``, or where ``|α| < c`` (γ near 1, where those two logarithms
    nearly cancel) and ``|d/(t(1+centre))| < 1/2``, ``y d + α log(t/centre) − c log(1 − d/(t(1+centre)))``
    (the last logarithm near 1: no branch to choose)."""
    d = t - centre
    e0, e1 = d / centre, d / (1.0 + centre)
    if e0.real * e0.real + e0.imag * e0.imag < 0.25 and e1.real * e1.real + e1.imag * e1.imag < 0.25:
        return slope * d + (s - 1.0) * clog1pmx(e0) - c * clog1pmx(e1)
    log0 = _log_ratio(e0, t, centre)
    shrink = -d / (t * (1.0 + centre))  # (1 + 1/t)/(1 + 1/centre) − 1
    if abs(alpha) < c and shrink.real * shrink.real + shrink.imag * shrink.imag < 0.25:
        return y * d + alpha * log0 - c * (clog1pmx(shrink) + shrink)
    return y * d + (s - 1.0) * log0 - c * _log_ratio(e1, 1.0 + t, 1.0 + centre)


@jit
def _log_ratio(e: complex, top: complex, bottom: complex) -> complex:
    """``log(top/bottom)`` for ``top/bottom = 1 + e``: ``log(1 + e)`` for small e, the logarithms
    of the points themselves elsewhere (as t → 0 or −1, 1 + e would cancel)."""
    if e.real * e.real + e.imag * e.imag < 0.25:
        return clog1pmx(e) + e
    return np.log(top) - np.log(bottom)


@jit
def _follow(
    centre: complex,
    slope: complex,
    curvature: complex,
    first: complex,
    second: complex,
    third: complex,
    h: float,
    sign: float,
    y: float,
    s: float,
    c: float,
    alpha: float,
):
    """Trapezoid nodes on one half of the path (τ = sign·k·h, k ≥ 1) from the saddle
    ``centre``, with Taylor coefficients ``t'(0), t''(0), t'''(0) = first, second, third``.
    Returns ``(Σ e^{−τ²} t'(τ), Σ e^{−τ²} t(τ) t'(τ), ok)``; ok is False if a node leaves the
    closed upper half plane or Halley's method fails (the caller then uses another path).

    Each node starts from the Taylor polynomial of the path at the previous node (third
    order, plus a fourth-order term from the change of t''', ~1e-5 of the node spacing
    off) and takes Halley steps on ``φ(t) − φ(centre) + τ²`` until a step is below
    :data:`HALLEY_DONE` of the spacing (cubic convergence: usually one step)."""
    total = 0j
    moment = 0j
    t, d1_t, d2_t, d3_t, d4_t = centre, first, second, third, 0j
    tau = 0.0
    for k in range(1, MAX_NODES):
        new = sign * k * h
        if new * new > LEVEL and math.exp(-tau * tau) * abs(d1_t) < SMALL_TERM * abs(first):
            return total, moment, True
        dt = new - tau
        guess = t + dt * (d1_t + dt * (0.5 * d2_t + dt * (d3_t / 6.0 + dt * d4_t / 24.0)))
        converged = False
        for _ in range(ITERATIONS):
            if guess.imag < 0.0 or abs(guess) < 1e-300 or abs(1.0 + guess) < 1e-300:
                return total, moment, False
            residual = centred_phi(guess, centre, slope, alpha, y, s, c) + new * new
            g1, g2, _ = derivatives(guess, y, s, c)
            step = 2.0 * residual * g1 / (2.0 * g1 * g1 - residual * g2)  # Halley: cubic convergence
            guess -= step
            if abs(step) < HALLEY_DONE * h * abs(d1_t):
                converged = True
                break
        if not converged or guess.imag < 0.0:
            return total, moment, False
        t, tau = guess, new
        _, g2, g3 = derivatives(t, y, s, c)
        g1 = path_slope(t, centre, slope, curvature, y)
        d1_t = -2.0 * tau / g1
        d2_t = (-2.0 - g2 * d1_t * d1_t) / g1
        third_new = -(g3 * d1_t * d1_t * d1_t + 3.0 * g2 * d1_t * d2_t) / g1
        d4_t = (third_new - d3_t) / dt if k > 1 else 0j
        d3_t = third_new
        weight = math.exp(-tau * tau) * d1_t
        total += weight
        moment += weight * t
    return total, moment, False


@jit
def complex_saddle(y: float, s: float, c: float, disc: float, low: tuple[float, float, float]):
    """``(t_s, ∫ e^{φ − φ(t_s)} dt, ∫ t e^{φ − φ(t_s)} dt, ok)`` through the upper saddle
    ``t_s = (−(y+α) + i√(−disc))/(2y)`` (``disc < 0``), in the direction of the path's
    parametrization (from one end to the other; the caller needs moduli and ratios only)."""
    alpha = s - c - 1.0
    centre = complex(-(y + alpha), math.sqrt(-disc)) / (2.0 * y)
    slope, curvature = saddle_quadratic(centre, y, s, c, low)
    _, _, g3 = derivatives(centre, y, s, c)
    g2 = (curvature - slope * (2.0 * centre + 1.0)) / (centre * (1.0 + centre))  # φ'' without cancellation
    inv0, inv1 = 1.0 / centre, 1.0 / (1.0 + centre)
    g4 = 6.0 * (c * (inv1 * inv1) * (inv1 * inv1) - (s - 1.0) * (inv0 * inv0) * (inv0 * inv0))
    first = cmath.sqrt(-2.0 / g2)
    a2 = g3 / (3.0 * g2 * g2)
    square = first * first
    a3 = -(0.5 * g2 * a2 * a2 + 0.5 * g3 * square * a2 + g4 * square * square / 24.0) / (g2 * first)
    second, third = 2.0 * a2, 6.0 * a3
    # singularities of t(τ) at τ² = φ(t_s) − φ(t̄_s): the conjugate saddle reached across
    # (0, ∞), (−1, 0) or (−∞, −1), where Im φ jumps by 0, 2π(s−1), 2π(s−1−c); |Im τ| = √|gap|
    im_phi = y * centre.imag + (s - 1.0) * cmath.phase(centre) - c * cmath.phase(1.0 + centre)
    gap = im_phi - math.pi * (s - 1.0)
    distance = math.sqrt(min(abs(im_phi), abs(gap), abs(gap + math.pi * c)))
    h = min(MAX_STEP, distance / SAFETY)
    if h < MIN_STEP:
        return centre, 0j, 0j, False
    alpha = alpha_of(s, c, low)
    upper, upper_t, ok_upper = _follow(centre, slope, curvature, first, second, third, h, 1.0, y, s, c, alpha)
    lower, lower_t, ok_lower = _follow(
        centre, slope, curvature, first, second, third, h, -1.0, y, s, c, alpha
    )
    return (
        centre,
        h * (first + upper + lower),
        h * (first * centre + upper_t + lower_t),
        ok_upper and ok_lower,
    )


@jit
def centred_real(t: float, centre: float, slope: float, alpha: float, y: float, s: float, c: float) -> float:
    """``Re φ(t) − Re φ(centre)`` for t on the same side of 0 and of −1 as a real saddle
    ``centre`` (``slope = φ'(centre)``; the three forms of :func:`centred_phi`)."""
    d = t - centre
    e0, e1 = d / centre, d / (1.0 + centre)
    if abs(e0) < 0.5 and abs(e1) < 0.5:
        return slope * d + (s - 1.0) * log1pmx(e0) - c * log1pmx(e1)
    log0 = log1pmx(e0) + e0 if abs(e0) < 0.5 else math.log(t / centre)
    shrink = -d / (t * (1.0 + centre))
    if abs(alpha) < c and abs(shrink) < 0.5:
        return y * d + alpha * log0 - c * (log1pmx(shrink) + shrink)
    return (
        y * d
        + (s - 1.0) * log0
        - c * (log1pmx(e1) + e1 if abs(e1) < 0.5 else math.log((1.0 + t) / (1.0 + centre)))
    )


@jit
def _follow_real(
    centre: float,
    slope: float,
    curvature: float,
    first: float,
    second: float,
    h: float,
    sign: float,
    y: float,
    s: float,
    c: float,
    alpha: float,
):
    """Real counterpart of :func:`_follow` along the axis (the path stays on one side of 0 and −1)."""
    total = 0.0
    t, d1_t, d2_t, d3_t = centre, first, second, 0.0
    tau = 0.0
    for k in range(1, MAX_NODES):
        new = sign * k * h
        if new * new > LEVEL and math.exp(-tau * tau) * abs(d1_t) < SMALL_TERM * abs(first):
            return total, True
        dt = new - tau
        guess = t + dt * (d1_t + dt * (0.5 * d2_t + dt * d3_t / 6.0))
        converged = False
        for _ in range(ITERATIONS):
            if guess * centre <= 0.0 or (1.0 + guess) * (1.0 + centre) <= 0.0:
                return total, False
            residual = centred_real(guess, centre, slope, alpha, y, s, c) + new * new
            g1, g2, _ = derivatives(guess, y, s, c)
            step = 2.0 * residual * g1 / (2.0 * g1 * g1 - residual * g2)
            guess -= step
            if abs(step) < HALLEY_DONE * h * abs(d1_t):
                converged = True
                break
        if not converged:
            return total, False
        t, tau = guess, new
        _, g2, g3 = derivatives(t, y, s, c)
        g1 = path_slope(t, centre, slope, curvature, y)
        d1_t = -2.0 * tau / g1
        d2_t = (-2.0 - g2 * d1_t * d1_t) / g1
        d3_t = -(g3 * d1_t * d1_t * d1_t + 3.0 * g2 * d1_t * d2_t) / g1
        total += math.exp(-tau * tau) * d1_t
    return total, False


@jit
def real_peak(peak: float, y: float, s: float, c: float, low: tuple[float, float, float]):
    """``(log|∫ e^{φ − φ(peak)} dt|, ok)`` along the real axis through ``peak``, a maximum of
    ``Re φ`` on the axis, truncated where ``e^{−τ²} < e^{−LEVEL}`` on both sides (the caller
    checks that the rest of the path, past the minimum beyond, is negligible)."""
    slope_c, curvature_c = saddle_quadratic(complex(peak, 0.0), y, s, c, low)
    slope, curvature = slope_c.real, curvature_c.real
    _, _, g3 = derivatives(peak, y, s, c)
    g2 = (curvature - slope * (2.0 * peak + 1.0)) / (peak * (1.0 + peak))  # φ'' without cancellation
    if not g2 < 0.0:
        return 0.0, False
    first = math.sqrt(-2.0 / g2)
    second = 2.0 * g3 / (3.0 * g2 * g2)
    alpha = alpha_of(s, c, low)
    upper, ok_upper = _follow_real(peak, slope, curvature, first, second, MAX_STEP, 1.0, y, s, c, alpha)
    lower, ok_lower = _follow_real(peak, slope, curvature, first, second, MAX_STEP, -1.0, y, s, c, alpha)
    return math.log(abs(MAX_STEP * (first + upper + lower))), ok_upper and ok_lower

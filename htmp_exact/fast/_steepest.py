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
is found by Newton's method on ``φ(t) − φ(t_s) + τ²`` from a third-order Taylor step
along the path.

:func:`complex_saddle` does this through the upper complex saddle (the bulk);
:func:`real_peak` along the real axis through a real saddle that is a maximum of the
integrand on the axis (the tails), where φ is real up to a constant.
"""
from __future__ import annotations

import cmath
import math

from numba import njit

from ._special import clog1p

LEVEL = 37.0        # the path is followed until e^{−τ²} < e^{−LEVEL}
MAX_STEP = 0.5      # trapezoid step in τ (error e^{−π²/h²} for an entire t'(τ))
SAFETY = 5.5        # step ≤ d/SAFETY: error ~ e^{−2π·SAFETY} from a singularity at distance d
MIN_STEP = 0.15     # below: too many nodes (the polygon of :mod:`._polygon` instead)
MAX_NODES = 400
NEWTON = 10


@njit(cache=True)
def derivatives(t: complex, y: float, s: float, c: float):
    """(φ', φ'', φ''') at t."""
    inv0 = 1.0 / t
    inv1 = 1.0 / (1.0 + t)
    a0 = (s - 1.0) * inv0
    a1 = c * inv1
    return y + a0 - a1, -a0 * inv0 + a1 * inv1, 2.0 * (a0 * inv0 * inv0 - a1 * inv1 * inv1)


@njit(cache=True)
def _log1p_complex(re: float, im: float):
    """``log(1 + z)`` for ``z = re + i·im`` as (real, imaginary) parts, accurate for small |z|."""
    modulus = re * (2.0 + re) + im * im          # |1 + z|² − 1
    if abs(modulus) < 0.5:
        real = 0.5 * math.log1p(modulus)
    else:
        real = 0.5 * math.log((1.0 + re) ** 2 + im * im)
    return real, math.atan2(im, 1.0 + re)


@njit(cache=True)
def centred_phi(t: complex, centre: complex, y: float, s: float, c: float) -> complex:
    """``φ(t) − φ(centre)`` in the centred form ``y d + (s−1) log(1 + d/centre) − c log(1 + d/(1+centre))``
    (principal logarithms; both points in the closed upper half plane)."""
    d = t - centre
    e0 = d / centre
    e1 = d / (1.0 + centre)
    r0, i0 = _log1p_complex(e0.real, e0.imag)
    r1, i1 = _log1p_complex(e1.real, e1.imag)
    return complex(y * d.real + (s - 1.0) * r0 - c * r1, y * d.imag + (s - 1.0) * i0 - c * i1)


@njit(cache=True)
def _follow(centre: complex, first: complex, second: complex, third: complex, h: float, sign: float,
            y: float, s: float, c: float):
    """Trapezoid nodes on one half of the path (τ = sign·k·h, k ≥ 1) from the saddle
    ``centre``, with Taylor coefficients ``t'(0), t''(0), t'''(0) = first, second, third``.
    Returns ``(Σ e^{−τ²} t'(τ), ok)``; ok is False if a node leaves the closed upper half
    plane or Newton's method fails (the caller then uses another path).

    Each node starts from the Taylor polynomial of the path at the previous node (third
    order, plus a fourth-order term from the change of t''') and takes Newton steps on
    ``φ(t) − φ(centre) + τ²`` until a step is below ``1e-7`` of the node spacing (the
    quadratic convergence then leaves about 1e-14 of it)."""
    total = 0j
    t, d1_t, d2_t, d3_t, d4_t = centre, first, second, third, 0j
    tau = 0.0
    for k in range(1, MAX_NODES):
        new = sign * k * h
        if new * new > LEVEL:
            return total, True
        dt = new - tau
        guess = t + dt * (d1_t + dt * (0.5 * d2_t + dt * (d3_t / 6.0 + dt * d4_t / 24.0)))
        converged = False
        for _ in range(NEWTON):
            if guess.imag < 0.0 or abs(guess) < 1e-300 or abs(1.0 + guess) < 1e-300:
                return total, False
            step = (centred_phi(guess, centre, y, s, c) + new * new) / derivatives(guess, y, s, c)[0]
            guess -= step
            if abs(step) < 1e-7 * h * abs(d1_t):
                converged = True
                break
        if not converged or guess.imag < 0.0:
            return total, False
        t, tau = guess, new
        g1, g2, g3 = derivatives(t, y, s, c)
        d1_t = -2.0 * tau / g1
        d2_t = (-2.0 - g2 * d1_t * d1_t) / g1
        third_new = -(g3 * d1_t * d1_t * d1_t + 3.0 * g2 * d1_t * d2_t) / g1
        d4_t = (third_new - d3_t) / dt if k > 1 else 0j
        d3_t = third_new
        total += math.exp(-tau * tau) * d1_t
    return total, False


@njit(cache=True)
def complex_saddle(y: float, s: float, c: float, disc: float):
    """``(t_s, log|∫ e^{φ − φ(t_s)} dt|, arg ∫ e^{φ − φ(t_s)} dt, ok)`` through the upper saddle
    ``t_s = (−(y+α) + i√(−disc))/(2y)`` (``disc < 0``)."""
    alpha = s - c - 1.0
    centre = complex(-(y + alpha), math.sqrt(-disc)) / (2.0 * y)
    g1, g2, g3 = derivatives(centre, y, s, c)
    inv0, inv1 = 1.0 / centre, 1.0 / (1.0 + centre)
    g4 = 6.0 * (c * (inv1 * inv1) * (inv1 * inv1) - (s - 1.0) * (inv0 * inv0) * (inv0 * inv0))
    first = cmath.sqrt(-2.0 / g2)
    a2 = g3 / (3.0 * g2 * g2)
    square = first * first
    a3 = -(0.5 * g2 * a2 * a2 + 0.5 * g3 * square * a2 + g4 * square * square / 24.0) / (g2 * first)
    second, third = 2.0 * a2, 6.0 * a3
    # singularities of t(τ): the conjugate saddle continued across (−1, 0) or (−∞, −1)
    im_phi = y * centre.imag + (s - 1.0) * cmath.phase(centre) - c * cmath.phase(1.0 + centre)
    gap = im_phi - math.pi * (s - 1.0)
    distance = math.sqrt(min(abs(gap), abs(gap + math.pi * c)))
    h = min(MAX_STEP, distance / SAFETY)
    if h < MIN_STEP:
        return centre, 0.0, 0.0, False
    upper, ok_upper = _follow(centre, first, second, third, h, 1.0, y, s, c)
    lower, ok_lower = _follow(centre, first, second, third, h, -1.0, y, s, c)
    total = h * (first + upper + lower)
    return centre, math.log(abs(total)), cmath.phase(total), ok_upper and ok_lower


@njit(cache=True)
def _real_derivatives(t: float, y: float, s: float, c: float):
    inv0 = 1.0 / t
    inv1 = 1.0 / (1.0 + t)
    a0 = (s - 1.0) * inv0
    a1 = c * inv1
    return y + a0 - a1, -a0 * inv0 + a1 * inv1, 2.0 * (a0 * inv0 * inv0 - a1 * inv1 * inv1)


@njit(cache=True)
def centred_real(t: float, centre: float, y: float, s: float, c: float) -> float:
    """``Re φ(t) − Re φ(centre)`` for t on the same side of 0 and of −1 as ``centre``."""
    d = t - centre
    return y * d + (s - 1.0) * math.log1p(d / centre) - c * math.log1p(d / (1.0 + centre))


@njit(cache=True)
def _follow_real(centre: float, first: float, second: float, h: float, sign: float,
                 y: float, s: float, c: float):
    """Real counterpart of :func:`_follow` along the axis (the path stays on one side of 0 and −1)."""
    total = 0.0
    t, d1_t, d2_t, d3_t = centre, first, second, 0.0
    tau = 0.0
    for k in range(1, MAX_NODES):
        new = sign * k * h
        if new * new > LEVEL:
            return total, True
        dt = new - tau
        guess = t + dt * (d1_t + dt * (0.5 * d2_t + dt * d3_t / 6.0))
        converged = False
        for _ in range(NEWTON):
            if guess * centre <= 0.0 or (1.0 + guess) * (1.0 + centre) <= 0.0:
                return total, False
            residual = centred_real(guess, centre, y, s, c) + new * new
            guess -= residual / _real_derivatives(guess, y, s, c)[0]
            if abs(residual) < 1e-10:
                converged = True
                break
        if not converged:
            return total, False
        t, tau = guess, new
        g1, g2, g3 = _real_derivatives(t, y, s, c)
        d1_t = -2.0 * tau / g1
        d2_t = (-2.0 - g2 * d1_t * d1_t) / g1
        d3_t = -(g3 * d1_t * d1_t * d1_t + 3.0 * g2 * d1_t * d2_t) / g1
        total += math.exp(-tau * tau) * d1_t
    return total, False


@njit(cache=True)
def real_peak(peak: float, y: float, s: float, c: float):
    """``(log|∫ e^{φ − φ(peak)} dt|, ok)`` along the real axis through ``peak``, a maximum of
    ``Re φ`` on the axis, truncated where ``e^{−τ²} < e^{−LEVEL}`` on both sides (the caller
    checks that the rest of the path, past the minimum beyond, is negligible)."""
    g1, g2, g3 = _real_derivatives(peak, y, s, c)
    if not g2 < 0.0:
        return 0.0, False
    first = math.sqrt(-2.0 / g2)
    second = 2.0 * g3 / (3.0 * g2 * g2)
    upper, ok_upper = _follow_real(peak, first, second, MAX_STEP, 1.0, y, s, c)
    lower, ok_lower = _follow_real(peak, first, second, MAX_STEP, -1.0, y, s, c)
    return math.log(abs(MAX_STEP * (first + upper + lower))), ok_upper and ok_lower

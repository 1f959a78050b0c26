r"""Per-point evaluation: logpdf (and cdf, sf) of HTMP(γ, κ) at points whose (γ, κ) all differ.

Each point is reduced to its carrying law (γ ≤ 1; SPEC §3 duality), with float parameters
``c``, ``s``, ``m = α + 1`` and ``y = s x``, and

.. math:: \log p(x) = \log s - (m+1)\log y - y - \log\Gamma(c+1) + \log\Gamma(s) - 2 \log|J|,
          \qquad J = \Gamma(s)\, U(s, m+1, y e^{-i\pi})

(SPEC §3 with Kummer's transformation DLMF 13.2.40).  J is computed

* for ``c < 1`` from two positive integrals (:mod:`._positive`);
* for ``c ≥ 1`` by the trapezoidal rule on the steepest-descent path through the upper
  complex saddle (bulk) or along the real axis through the real saddle where ``Re φ`` peaks
  (tails) (:mod:`._steepest`), and where those do not apply by Gauss–Legendre quadrature on
  a traced polygon (:mod:`._polygon`).

The large terms are combined analytically at the saddle ``t*`` used to normalize J
(:func:`normalization`): with Stirling's formula and ``q(t*) = 0``,
``log s − (m+1) log y − y − log Γ(c+1) + log Γ(s) − 2 Re φ(t*)`` equals
``log s − 2 log y + ½ log((s−1)/c) + μ(s−1) − μ(c)`` at a complex saddle, plus
``−(s−1) log(y t*²/(s−1)) + c log(y (1+t*)²/c) − σδ`` at the real saddle
``t* = (−(y+α) + σδ)/(2y)``, ``δ = √disc``, where ``y t*²/(s−1) = 1 + σδt*/(s−1)`` and
``y(1+t*)²/c = 1 + σδ(1+t*)/c``; each term is small where the result is.
"""
from __future__ import annotations

import math

import numpy as np
from numba import njit

from . import _steepest
from ._polygon import polygon
from ._positive import positive_integrals
from ._special import (dd_add, dd_div, dd_mul, digamma, half_log_plus_remainder, log_gamma_over_power,
                       log_gamma_ratio, log1pmx, stirling_remainder, two_product, two_sum)

Y_FAR = 1e100        # beyond y = s x: the leading term of U's expansion (DLMF 13.7.3)
SMALL_Y = 1e-25      # (c + s + 1) y below this: the two leading terms of U at 0 (DLMF 13.2.42)
EULER = 0.5772156649015329
SMALL_S = 3.0        # below: the tails by the polygon (the real saddle's path may end at 0 at finite τ)
TRAPEZOID_S = 2.0    # the complex trapezoid needs the path to end at 0 like t^{s-1} with s ≥ this
ONE_PLUS = 1.0 + 2.0 ** -50   # the start value at s = 1 (γ = 1, κ = 2) moves here: the saddles at 0 and −(y+α)/y part


@njit(cache=True)
def discriminant(y: float, s: float, c: float) -> float:
    """``(y + α)² − 4y(s − 1)`` (``s ≥ 1``, ``c > 0``) as the product
    ``(√y − √(s−1) − √c)(√y − √(s−1) + √c)(√y + √(s−1) − √c)(√y + √(s−1) + √c)``,
    whose only cancellation is in the factor that vanishes at an edge of the bulk."""
    ry, rs, rc = math.sqrt(y), math.sqrt(s - 1.0), math.sqrt(c)
    return (ry - rs - rc) * (ry - rs + rc) * (ry + rs - rc) * (ry + rs + rc)


@njit(cache=True)
def normalization(centre: complex, y: float, s: float, c: float, low: tuple[float, float, float]) -> float:
    """``Λ(t) = log s − (m+1) log y − y − log Γ(c+1) + log Γ(s) − 2 Re φ(t)`` at ``t = centre``
    (``m = s − c``), for the parameters with their low parts ``low = (y_lo, s_lo, c_lo)``.

    By Stirling's formula, for every t,
    ``Λ = log s − 2 log y + ½ log((s−1)/c) + μ(s−1) − μ(c) − (s−1) log ρ₀ + c log ρ₁ − ℓ`` with
    ``ρ₀ = y|t|²/(s−1)``, ``ρ₁ = y|1+t|²/c`` and ``ℓ = 2y Re t + y + α``; and
    ``(s−1)(ρ₀ − 1) − c(ρ₁ − 1) + ℓ = 0`` identically (``|1+t|² = 1 + 2 Re t + |t|²``,
    ``α = s − 1 − c``), so that ``Λ = … − (s−1) g(ρ₀ − 1) + c g(ρ₁ − 1)`` with
    ``g(e) = log(1 + e) − e``.  At a saddle ρ₀, ρ₁ are 1 in the bulk and near 1 next to its
    edges: there the second form (no term larger than the result), with ``ρ − 1`` formed in
    double-double arithmetic; in the tails (|ρ − 1| ≥ 1/2) the first (the result is large)."""
    y_lo, s_lo, c_lo = low
    u, v = centre.real, centre.imag
    below_hi, below_lo = dd_add(s, s_lo, -1.0, 0.0)                         # s − 1
    square_hi, square_lo = dd_add(*two_product(u, u), *two_product(v, v))   # |t|²
    shifted_hi, shifted_lo = two_sum(1.0, u)
    outer_hi, outer_lo = dd_mul(shifted_hi, shifted_lo, shifted_hi, shifted_lo)
    outer_hi, outer_lo = dd_add(outer_hi, outer_lo, *two_product(v, v))     # |1 + t|²
    first_hi, first_lo = dd_add(*dd_mul(y, y_lo, square_hi, square_lo), -below_hi, -below_lo)
    second_hi, second_lo = dd_add(*dd_mul(y, y_lo, outer_hi, outer_lo), -c, -c_lo)
    below = below_hi + below_lo
    e0, e1 = (first_hi + first_lo) / below, (second_hi + second_lo) / c
    value = (math.log(s) - 2.0 * math.log(y) + half_log_plus_remainder(below) - 0.5 * math.log(c)
             - stirling_remainder(c))
    if abs(e0) < 0.5 and abs(e1) < 0.5:
        return value - below * log1pmx(e0) + c * log1pmx(e1)
    linear_hi, linear_lo = dd_add(*dd_mul(2.0 * y, 2.0 * y_lo, u, 0.0), y, y_lo)
    linear_hi, linear_lo = dd_add(linear_hi, linear_lo, *dd_add(below_hi, below_lo, -c, -c_lo))
    return (value - below * math.log(y * (square_hi / below)) + c * math.log(y * (outer_hi / c))
            - (linear_hi + linear_lo))


@njit(cache=True)
def _far_logpdf(y: float, s: float, c: float, m: float) -> float:
    """log p beyond :data:`Y_FAR`: ``s y^{α+2c} e^{−y}/(Γ(c+1)Γ(s))`` (SPEC §3, x → ∞)."""
    return math.log(s) + (m - 1.0 + 2.0 * c) * math.log(y) - y - math.lgamma(c + 1.0) - math.lgamma(s)


@njit(cache=True)
def _small_y_logpdf(log_y: float, s: float, c: float, m: float) -> float:
    """log p for ``(c + s + 1) y < SMALL_Y``, from ``log y`` (y itself may be subnormal).

    ``U(c, −α, y e^{iπ}) = (Γ(m)/Γ(s)) (1 + R y^m e^{iπm})``, ``R = −Γ(1−m)Γ(c+m)/(Γ(1+m)Γ(c))``
    (DLMF 13.2.42 with M → 1; relative corrections O((c + s) y |log y|)); the second term
    matters for m < 1 only (near m = 1 it is below ``c y/(1 − m)``); at m = 0 the logarithmic
    case ``U ≈ −(log(y e^{iπ}) + ψ(c) + 2γ_E)/Γ(c)`` (DLMF 13.2.19)."""
    if m == 0.0:
        shifted = log_y + digamma(c) + 2.0 * EULER
        return -log_y - math.log(shifted * shifted + math.pi * math.pi)
    value = (math.log(s) + (m - 1.0) * log_y - math.lgamma(c + 1.0) + math.lgamma(s)
             - 2.0 * math.lgamma(m))
    if m >= 1.0 - 1e-6:
        return value
    size = math.lgamma(1.0 - m) - math.lgamma(1.0 + m) + log_gamma_ratio(c, m) + m * log_y   # log|R y^m|
    re = -math.expm1(size) + 2.0 * math.exp(size) * math.sin(0.5 * math.pi * m) ** 2
    im = -math.exp(size) * math.sin(math.pi * m)
    return value - math.log(re * re + im * im)


@njit(cache=True)
def _small_c_logpdf(y: float, s: float, c: float) -> float:
    log_p1, log_p2 = positive_integrals(y, c, s)
    top = max(log_p1, log_p2)
    a, b = math.exp(log_p1 - top), math.exp(log_p2 - top)
    re, im = a + math.cos(math.pi * c) * b, math.sin(math.pi * c) * b
    return (math.log(s) + (c - 2.0) * math.log(y) - math.lgamma(c + 1.0) + log_gamma_over_power(s - 1.0, y)
            - 2.0 * top - math.log(re * re + im * im))


@njit(cache=True)
def parameters(gamma: float, kappa: float, x: float):
    """``(c, s, m, y, low, scale)`` of the law carrying HTMP(γ, κ) (γ ≤ 1: itself, scale 1;
    γ > 1: the dual HTMP(1/γ, κ/γ) of SPEC §3, scale γ) at the point x, with ``m = s − c`` and
    ``y = s x/scale``, and ``low = (y_lo, s_lo, c_lo)`` the parts of y, s = c/γ (or c = κ/(2γ))
    beyond their float roundings (double-double arithmetic); for y beyond [1e-280, 1e100]
    (where the kernel uses closed forms) ``low`` is 0."""
    if gamma > 1.0:
        s, s_lo = 0.5 * kappa, 0.0
        c, c_lo = dd_div(0.5 * kappa, 0.0, gamma, 0.0)
        scale = gamma
    else:
        c, c_lo = 0.5 * kappa, 0.0
        s, s_lo = dd_div(c, 0.0, gamma, 0.0)
        scale = 1.0
    m_hi, m_lo = dd_add(s, s_lo, -c, -c_lo)
    y = s * x / scale
    y_lo = 0.0
    if 1e-280 < y < Y_FAR:
        y, y_lo = dd_div(*dd_mul(s, s_lo, x, 0.0), scale, 0.0)
    return c, s, m_hi + m_lo, y, (y_lo, s_lo, c_lo), scale


@njit(cache=True)
def logpdf_point(gamma: float, kappa: float, x: float) -> float:
    """log p(x) of HTMP(γ, κ) at a point x > 0 (NaN where no route applies; module docstring)."""
    c, s, m, y, low, scale = parameters(gamma, kappa, x)
    shift = 2.0 * math.log(scale)
    if y > Y_FAR:
        return _far_logpdf(y, s, c, m) - shift
    if (c + s + 1.0) * y < SMALL_Y:
        return _small_y_logpdf(math.log(s) + math.log(x) - math.log(scale), s, c, m) - shift
    if c < 1.0:
        return _small_c_logpdf(y, s, c) - shift
    if s <= 1.0:      # only at γ = 1, κ = 2 (c = s = 1): left to the grouped route
        return math.nan
    return _saddle_logpdf(y, s, c, m, low) - shift


@njit(cache=True)
def _saddle_logpdf(y: float, s: float, c: float, m: float, low: tuple[float, float, float]) -> float:
    """log p of the carrying law for ``c ≥ 1``, ``s ≥ 1`` (module docstring)."""
    disc = discriminant(y, s, c)
    if disc < 0.0:
        if s >= TRAPEZOID_S:
            centre, total, _, ok = _steepest.complex_saddle(y, s, c, disc, low)
            if ok:
                return normalization(centre, y, s, c, low) - 2.0 * math.log(abs(total))
    else:
        b = y + m - 1.0
        root = math.sqrt(disc)
        far = (-b - math.copysign(root, b)) / (2.0 * y)
        near = (s - 1.0) / (y * far)
        peak, low_saddle = (far, near) if far < -1.0 else (near, far)
        slope = _steepest.saddle_slope(complex(peak, 0.0), y, s, c, low).real
        if s >= SMALL_S and -_steepest.centred_real(low_saddle, peak, slope, y, s, c) > _steepest.LEVEL + 5.0:
            log_j, ok = _steepest.real_peak(peak, y, s, c, low)
            if ok:
                return normalization(complex(peak, 0.0), y, s, c, low) - 2.0 * log_j
    centre, total, _, ok = polygon(y, s, c, disc, low)
    if not ok:
        return math.nan
    return normalization(centre, y, s, c, low) - 2.0 * math.log(abs(total))


@njit(cache=True)
def log_derivative(gamma: float, kappa: float) -> complex:
    """``u = y w'(y)/w(y)`` of ``w(y) = U(c, −α, y e^{iπ})`` at ``y = s`` (x = 1 in the carrying law:
    the start of the Riccati solve of :mod:`._solution`), ``u = m + y conj(J_t/J)`` with
    ``J_t = ∫ t e^{φ} dt`` on the path of J; for ``c ≥ 1`` (NaN otherwise, or where no route
    applies)."""
    c, s, m, y, low, scale = parameters(gamma, kappa, max(gamma, 1.0))
    if c < 1.0:
        return complex(math.nan, math.nan)
    s = max(s, ONE_PLUS)
    disc = discriminant(y, s, c)
    if disc < 0.0 and s >= TRAPEZOID_S:
        _, total, moment, ok = _steepest.complex_saddle(y, s, c, disc, low)
        if ok:
            return m + y * (moment / total).conjugate()
    _, total, moment, ok = polygon(y, s, c, disc, low)
    if not ok:
        return complex(math.nan, math.nan)
    return m + y * (moment / total).conjugate()


@njit(cache=True)
def logpdf_points(x: np.ndarray, gamma: np.ndarray, kappa: np.ndarray, out: np.ndarray) -> None:
    """``out[i] = log p(x[i])`` of HTMP(γ[i], κ[i]) for ``x[i] > 0`` finite (:func:`logpdf_point`)."""
    for i in range(x.size):
        out[i] = logpdf_point(gamma[i], kappa[i], x[i])

r"""The closed-form parts of the per-point kernel: the carrying law's parameters in double-double
arithmetic, the saddles' discriminant, the normalization Λ of the integral at a saddle, and
the closed forms at very large and very small ``y = s x``.

Notation (SPEC §3, carrying law γ ≤ 1): ``c = κ/2``, ``s = c/γ``, ``m = α + 1 = s − c``;
``log p = log s − (m+1) log y − y − log Γ(c+1) + log Γ(s) − 2 log|J|`` with
``J = Γ(s) U(s, m+1, y e^{−iπ}) = ∫ e^{φ(t)} dt``, ``φ(t) = y t + (s−1) log t − c log(1+t)``
(Kummer's transformation DLMF 13.2.40 and DLMF 13.4.4).
"""

from __future__ import annotations

import math

from .._jit import jit
from ._positive import positive_integrals
from ._special import (
    dd_add,
    dd_div,
    dd_mul,
    digamma,
    half_log_plus_remainder,
    log1pmx,
    log_gamma_over_power,
    log_gamma_ratio,
    stirling_remainder,
    two_product,
    two_sum,
)

Y_FAR = 1e100  # beyond y = s x: the leading term of U's expansion (DLMF 13.7.3)
SMALL_Y = 1e-25  # (c + s + 1) y below this: the two leading terms of U at 0 (DLMF 13.2.42)
EULER = 0.5772156649015329


@jit
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
        product_hi, product_lo = dd_mul(s, s_lo, x, 0.0)
        y, y_lo = dd_div(product_hi, product_lo, scale, 0.0)
    return c, s, m_hi + m_lo, y, (y_lo, s_lo, c_lo), scale


@jit
def discriminant(y: float, s: float, c: float) -> float:
    """``(y + α)² − 4y(s − 1)`` (``s ≥ 1``, ``c > 0``) as the product
    ``(√y − √(s−1) − √c)(√y − √(s−1) + √c)(√y + √(s−1) − √c)(√y + √(s−1) + √c)``,
    whose only cancellation is in the factor that vanishes at an edge of the bulk."""
    ry, rs, rc = math.sqrt(y), math.sqrt(s - 1.0), math.sqrt(c)
    return (ry - rs - rc) * (ry - rs + rc) * (ry + rs - rc) * (ry + rs + rc)


@jit
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
    double-double arithmetic; it stays accurate while one of ρ₀, ρ₁ is near 1.  Where both
    are far from 1 (|ρ − 1| ≥ 1/2, deep in the tails) the second form's terms ~s e cancel
    each other and the first is used (there the result is large), with ``(s−1) log ρ₀ − c log ρ₁``
    regrouped as ``−(s−1)(2 log|1 + 1/t| + log(1 + α/c)) + α log ρ₁`` where |α| < c (γ near 1:
    the two nearly cancel)."""
    y_lo, s_lo, c_lo = low
    u, v = centre.real, centre.imag
    below_hi, below_lo = dd_add(s, s_lo, -1.0, 0.0)  # s − 1
    uu_hi, uu_lo = two_product(u, u)
    vv_hi, vv_lo = two_product(v, v)
    square_hi, square_lo = dd_add(uu_hi, uu_lo, vv_hi, vv_lo)  # |t|²
    shifted_hi, shifted_lo = two_sum(1.0, u)
    outer_hi, outer_lo = dd_mul(shifted_hi, shifted_lo, shifted_hi, shifted_lo)
    outer_hi, outer_lo = dd_add(outer_hi, outer_lo, vv_hi, vv_lo)  # |1 + t|²
    first_hi, first_lo = dd_mul(y, y_lo, square_hi, square_lo)
    first_hi, first_lo = dd_add(first_hi, first_lo, -below_hi, -below_lo)
    second_hi, second_lo = dd_mul(y, y_lo, outer_hi, outer_lo)
    second_hi, second_lo = dd_add(second_hi, second_lo, -c, -c_lo)
    below = below_hi + below_lo
    e0, e1 = (first_hi + first_lo) / below, (second_hi + second_lo) / c
    value = (
        math.log(s)
        - 2.0 * math.log(y)
        + half_log_plus_remainder(below)
        - 0.5 * math.log(c)
        - stirling_remainder(c)
    )
    if abs(e0) < 0.5 or abs(e1) < 0.5:
        return value - below * _g(e0, y * (square_hi / below)) + c * _g(e1, y * (outer_hi / c))
    linear_hi, linear_lo = dd_mul(2.0 * y, 2.0 * y_lo, u, 0.0)
    linear_hi, linear_lo = dd_add(linear_hi, linear_lo, y, y_lo)
    alpha_hi, alpha_lo = dd_add(below_hi, below_lo, -c, -c_lo)
    linear_hi, linear_lo = dd_add(linear_hi, linear_lo, alpha_hi, alpha_lo)
    alpha = alpha_hi + alpha_lo
    log_outer = math.log(y * (outer_hi / c))
    if abs(alpha) < c:  # s ≈ c (γ near 1): (s−1) log ρ₀ and c log ρ₁ nearly cancel; regrouped
        # with log ρ₀ − log ρ₁ = −2 log|1 + 1/t| − log(1 + α/c)
        gap = math.log1p((2.0 * u + 1.0) / square_hi) + math.log1p(alpha / c)
        return value + below * gap - alpha * log_outer - (linear_hi + linear_lo)
    return value - below * math.log(y * (square_hi / below)) + c * log_outer - (linear_hi + linear_lo)


@jit
def far_logpdf(y: float, s: float, c: float, alpha: float) -> float:
    """log p beyond :data:`Y_FAR`: ``s y^{α+2c} e^{−y}/(Γ(c+1)Γ(s))`` (SPEC §3, x → ∞)."""
    return math.log(s) + (alpha + 2.0 * c) * math.log(y) - y - math.lgamma(c + 1.0) - math.lgamma(s)


@jit
def small_y_logpdf(log_y: float, s: float, c: float, m: float, alpha: float) -> float:
    """log p for ``(c + s + 1) y < SMALL_Y``, from ``log y`` (y itself may be subnormal);
    ``alpha = m − 1`` is passed accurately (the float m = s − c loses it when m ≈ 1).

    ``U(c, −α, y e^{iπ}) = (Γ(m)/Γ(s)) (1 + R y^m e^{iπm})``, ``R = −Γ(1−m)Γ(c+m)/(Γ(1+m)Γ(c))``
    (DLMF 13.2.42 with M → 1; relative corrections O((c + s) y |log y|)); the second term
    matters for m < 1 only (near m = 1 it is below ``c y/(1 − m)``); at m = 0 the logarithmic
    case ``U ≈ −(log(y e^{iπ}) + ψ(c) + 2γ_E)/Γ(c)`` (DLMF 13.2.19)."""
    if m == 0.0:
        shifted = log_y + digamma(c) + 2.0 * EULER
        return -log_y - math.log(shifted * shifted + math.pi * math.pi)
    value = math.log(s) + alpha * log_y - math.lgamma(c + 1.0) + math.lgamma(s) - 2.0 * math.lgamma(m)
    if m >= 1.0 - 1e-6:
        return value
    size = math.lgamma(1.0 - m) - math.lgamma(1.0 + m) + log_gamma_ratio(c, m) + m * log_y  # log|R y^m|
    re = -math.expm1(size) + 2.0 * math.exp(size) * math.sin(0.5 * math.pi * m) ** 2
    im = -math.exp(size) * math.sin(math.pi * m)
    return value - math.log(re * re + im * im)


@jit
def small_c_logpdf(y: float, s: float, c: float) -> float:
    log_p1, log_p2 = positive_integrals(y, c, s)
    top = max(log_p1, log_p2)
    a, b = math.exp(log_p1 - top), math.exp(log_p2 - top)
    re, im = a + math.cos(math.pi * c) * b, math.sin(math.pi * c) * b
    return (
        math.log(s)
        + (c - 2.0) * math.log(y)
        - math.lgamma(c + 1.0)
        + log_gamma_over_power(s - 1.0, y)
        - 2.0 * top
        - math.log(re * re + im * im)
    )


@jit
def _g(excess: float, ratio: float) -> float:
    """``log(ratio) − excess`` for ``ratio = 1 + excess`` (two forms of one number): the series
    of :func:`log1pmx` near 1, the logarithm of the ratio elsewhere (where 1 + excess would cancel)."""
    return log1pmx(excess) if abs(excess) < 0.5 else math.log(ratio) - excess

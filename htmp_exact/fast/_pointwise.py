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

from numba import njit

from . import _steepest
from ._polygon import polygon
from ._positive import positive_integrals
from ._special import half_log_plus_remainder, log_gamma_over_power, stirling_remainder

Y_FAR = 1e100        # beyond y = s x: the leading term of U's expansion (DLMF 13.7.3)
SMALL_S = 3.0        # below: the normalization from log Γ directly
TRAPEZOID_S = 2.0    # the complex trapezoid needs the path to end at 0 like t^{s-1} with s ≥ this


@njit(cache=True)
def discriminant(y: float, s: float, c: float) -> float:
    """``(y + α)² − 4y(s − 1)`` (``s ≥ 1``, ``c > 0``) as the product
    ``(√y − √(s−1) − √c)(√y − √(s−1) + √c)(√y + √(s−1) − √c)(√y + √(s−1) + √c)``,
    whose only cancellation is in the factor that vanishes at an edge of the bulk."""
    ry, rs, rc = math.sqrt(y), math.sqrt(s - 1.0), math.sqrt(c)
    return (ry - rs - rc) * (ry - rs + rc) * (ry + rs - rc) * (ry + rs + rc)


@njit(cache=True)
def normalization(y: float, s: float, c: float, m: float, centre: complex, sign: float, root: float) -> float:
    """``log s − (m+1) log y − y − log Γ(c+1) + log Γ(s) − 2 Re φ(centre)`` for a saddle
    ``centre`` (complex: ``root = 0``; real: ``centre = (−(y+α) + sign·root)/(2y)``)."""
    if s < SMALL_S:
        re_phi = (y * centre.real + (s - 1.0) * math.log(abs(centre)) - c * math.log(abs(1.0 + centre)))
        return (math.log(s) - (m + 1.0) * math.log(y) - y - math.lgamma(c + 1.0) + math.lgamma(s)
                - 2.0 * re_phi)
    value = (math.log(s) - 2.0 * math.log(y) + half_log_plus_remainder(s - 1.0) - 0.5 * math.log(c)
             - stirling_remainder(c))
    if root == 0.0:
        return value
    t = centre.real
    return value - (s - 1.0) * _log_ratio(sign * root * t / (s - 1.0), y * t * t / (s - 1.0)) \
        + c * _log_ratio(sign * root * (1.0 + t) / c, y * (1.0 + t) * (1.0 + t) / c) - sign * root


@njit(cache=True)
def _log_ratio(excess: float, ratio: float) -> float:
    """``log(ratio)`` for ``ratio = 1 + excess`` (two expressions of one number): from the
    excess near 1, from the ratio itself elsewhere (where the excess cancels)."""
    return math.log1p(excess) if abs(excess) < 0.5 else math.log(ratio)


@njit(cache=True)
def _far_logpdf(y: float, s: float, c: float, m: float) -> float:
    """log p beyond :data:`Y_FAR`: ``s y^{α+2c} e^{−y}/(Γ(c+1)Γ(s))`` (SPEC §3, x → ∞)."""
    return math.log(s) + (m - 1.0 + 2.0 * c) * math.log(y) - y - math.lgamma(c + 1.0) - math.lgamma(s)


@njit(cache=True)
def _small_c_logpdf(y: float, s: float, c: float) -> float:
    log_p1, log_p2 = positive_integrals(y, c, s)
    top = max(log_p1, log_p2)
    a, b = math.exp(log_p1 - top), math.exp(log_p2 - top)
    re, im = a + math.cos(math.pi * c) * b, math.sin(math.pi * c) * b
    return (math.log(s) + (c - 2.0) * math.log(y) - math.lgamma(c + 1.0) + log_gamma_over_power(s - 1.0, y)
            - 2.0 * top - math.log(re * re + im * im))


@njit(cache=True)
def carrier_logpdf(x: float, c: float, s: float, m: float) -> float:
    """log p(x) of the carrying law (γ ≤ 1) with parameters ``c``, ``s``, ``m = α + 1``; x > 0."""
    y = s * x
    if y > Y_FAR:
        return _far_logpdf(y, s, c, m)
    if c < 1.0:
        return _small_c_logpdf(y, s, c)
    disc = discriminant(y, s, c)
    if disc < 0.0:
        if s >= TRAPEZOID_S:
            centre, log_j, _, ok = _steepest.complex_saddle(y, s, c, disc)
            if ok:
                return normalization(y, s, c, m, centre, 0.0, 0.0) - 2.0 * log_j
    else:
        b = y + m - 1.0
        root = math.sqrt(disc)
        far = (-b - math.copysign(root, b)) / (2.0 * y)
        near = (s - 1.0) / (y * far)
        peak, low = (far, near) if far < -1.0 else (near, far)
        sign = -math.copysign(1.0, b) if peak == far else math.copysign(1.0, b)
        if s >= SMALL_S and -_steepest.centred_real(low, peak, y, s, c) > _steepest.LEVEL + 5.0:
            log_j, ok = _steepest.real_peak(peak, y, s, c)
            if ok:
                return normalization(y, s, c, m, complex(peak, 0.0), sign, root) - 2.0 * log_j
    centre, log_j, _, ok = polygon(y, s, c, disc)
    if not ok:
        return math.nan
    if centre.imag != 0.0:
        return normalization(y, s, c, m, centre, 0.0, 0.0) - 2.0 * log_j
    b = y + m - 1.0
    root = math.sqrt(disc)
    sign = 1.0 if abs(centre.real - (-b + root) / (2.0 * y)) <= abs(centre.real - (-b - root) / (2.0 * y)) else -1.0
    return normalization(y, s, c, m, centre, sign, root) - 2.0 * log_j

r"""Small compiled helpers of the per-point kernel: logarithms near 1, Stirling's remainder,
Gauss–Legendre rules and the sums of endpoint power series.

All functions are compiled with numba (``cache=True``) and take and return floats or
complex numbers.
"""

from __future__ import annotations

import math

import numpy as np

from .._jit import jit

#: Gauss–Legendre rule on [−1, 1] used on every panel of the real and complex walks.
GL_NODES, GL_WEIGHTS = np.polynomial.legendre.leggauss(12)

_HALF_LOG_TWO_PI = 0.5 * math.log(2 * math.pi)


@jit
def log1pmx(e: float) -> float:
    """``log(1 + e) − e`` for real ``e > −1``, accurate also for small |e| (series for |e| < 0.1)."""
    if abs(e) < 0.1:
        term = e * e
        total = 0.0
        for k in range(2, 30):
            total += term / k if k % 2 == 1 else -term / k
            term *= e
            if abs(term) < 1e-18 * abs(total):
                break
        return total
    return math.log1p(e) - e


@jit
def clog1pmx(z: complex) -> complex:
    """Principal ``log(1 + z) − z`` for complex z, accurate also for small |z| (its Taylor series,
    ``z² Σ_k (−1)^{k+1} z^k/(k + 2)``, to about 1e-17 relative, for |z| < 0.1)."""
    size = z.real * z.real + z.imag * z.imag
    if size >= 0.01:
        w = 1.0 + z
        return complex(
            0.5 * math.log1p(z.real * (2.0 + z.real) + z.imag * z.imag) - z.real,
            math.atan2(z.imag, w.real) - z.imag,
        )
    terms = 17 if size > 1e-4 else (9 if size > 1e-6 else 6)
    total = 0j
    for k in range(terms, -1, -1):
        total = total * z + (1.0 if k % 2 == 1 else -1.0) / (k + 2)
    return total * z * z


@jit
def stirling_remainder(n: float) -> float:
    """``μ(n) = log Γ(n + 1) − (n log n − n + ½ log(2πn))`` for n > 0 (DLMF 5.11.1)."""
    if n >= 12.0:
        inv = 1.0 / n
        inv2 = inv * inv
        return inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 / 1188))))
    return math.lgamma(n + 1.0) - (n * math.log(n) - n + _HALF_LOG_TWO_PI + 0.5 * math.log(n))


@jit
def half_log_plus_remainder(n: float) -> float:
    """``½ log n + μ(n) = log Γ(n + 1) − n log n + n − ½ log(2π)`` for n ≥ 0 (finite at n = 0)."""
    if n >= 12.0:
        return 0.5 * math.log(n) + stirling_remainder(n)
    return math.lgamma(n + 1.0) - (n * math.log(n) if n > 0.0 else 0.0) + n - _HALF_LOG_TWO_PI


@jit
def log_gamma_over_power(n: float, z: float) -> float:
    """``log Γ(n + 1) − n log z + z`` without cancellation for large n (Stirling):
    ``n·h(z/n) + ½ log(2πn) + μ(n)`` with ``h(r) = r − 1 − log r``."""
    if n < 2.0:
        return math.lgamma(n + 1.0) - n * math.log(z) + z
    r = z / n
    h = -log1pmx(r - 1.0) if 0.5 <= r <= 2.0 else r - 1.0 - math.log(r)  # r − 1 exact on [0.5, 2]
    return n * h + _HALF_LOG_TWO_PI + 0.5 * math.log(n) + stirling_remainder(n)


# double-double arithmetic (Dekker, Knuth): (hi, lo) pairs with |lo| ≤ ulp(hi)/2


@jit
def two_sum(a: float, b: float):
    """``a + b = s + e`` exactly."""
    s = a + b
    z = s - a
    return s, (a - (s - z)) + (b - z)


@jit
def two_product(a: float, b: float):
    """``a·b = p + e`` exactly (Dekker's splitting; no overflow for |a|, |b| < 1e150)."""
    p = a * b
    split_a = 134217729.0 * a
    a_hi = split_a - (split_a - a)
    a_lo = a - a_hi
    split_b = 134217729.0 * b
    b_hi = split_b - (split_b - b)
    b_lo = b - b_hi
    return p, ((a_hi * b_hi - p) + a_hi * b_lo + a_lo * b_hi) + a_lo * b_lo


@jit
def dd_add(a_hi: float, a_lo: float, b_hi: float, b_lo: float):
    s, e = two_sum(a_hi, b_hi)
    return two_sum(s, e + a_lo + b_lo)


@jit
def dd_mul(a_hi: float, a_lo: float, b_hi: float, b_lo: float):
    p, e = two_product(a_hi, b_hi)
    return two_sum(p, e + a_hi * b_lo + a_lo * b_hi)


@jit
def dd_div(a_hi: float, a_lo: float, b_hi: float, b_lo: float):
    q = a_hi / b_hi
    p_hi, p_lo = dd_mul(q, 0.0, b_hi, b_lo)
    r_hi, r_lo = dd_add(a_hi, a_lo, -p_hi, -p_lo)
    return two_sum(q, (r_hi + r_lo) / b_hi)


@jit
def dd_sqrt(a: float):
    """``√a`` as a double-double (one Newton step from the float root)."""
    root = math.sqrt(a)
    p, e = two_product(root, root)
    return two_sum(root, ((a - p) - e) / (2.0 * root))


@jit
def digamma(x: float) -> float:
    """ψ(x) for x > 0: the recurrence up to x ≥ 10, then the asymptotic series (DLMF 5.11.2)."""
    shift = 0.0
    while x < 10.0:
        shift -= 1.0 / x
        x += 1.0
    inv2 = 1.0 / (x * x)
    series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 / 132))))
    return shift + math.log(x) - 0.5 / x - series


@jit
def log_gamma_ratio(c: float, m: float) -> float:
    """``log Γ(c + m) − log Γ(c)`` for c > 0, m ≥ 0, without the cancellation of the difference
    at large c: ``m ψ(c + m/2)`` with the third-order correction for ``m ≤ 1e-3 min(c, 1)``
    (the next term is ``m⁵ ψ⁗/1920``, ~``(m/c)⁵/80`` at small c), else Stirling's formula
    for c ≥ 10 (DLMF 5.11.1), else the difference itself."""
    if m <= 1e-3 * min(c, 1.0):
        middle = c + 0.5 * m
        h = 1e-3 * middle
        second = (digamma(middle + h) - 2.0 * digamma(middle) + digamma(middle - h)) / (h * h)
        return m * digamma(middle) + m**3 * second / 24.0
    if c >= 10.0:
        total = c + m  # log Γ(z) = (z − ½) log z − z + ½ log 2π + μ(z)
        return (
            (c - 0.5) * math.log1p(m / c)
            + m * math.log(total)
            - m
            + stirling_remainder(total)
            - stirling_remainder(c)
        )
    return math.lgamma(c + m) - math.lgamma(c)

r"""Small compiled helpers of the per-point kernel: logarithms near 1, Stirling's remainder,
Gauss–Legendre rules and the sums of endpoint power series.

All functions are compiled with numba (``cache=True``) and take and return floats or
complex numbers.
"""
from __future__ import annotations

import math

import numpy as np
from numba import njit

#: Gauss–Legendre rule on [−1, 1] used on every panel of the real and complex walks.
GL_NODES, GL_WEIGHTS = np.polynomial.legendre.leggauss(12)

_HALF_LOG_TWO_PI = 0.5 * math.log(2 * math.pi)


@njit(cache=True)
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


@njit(cache=True)
def clog1p(z: complex) -> complex:
    """Principal ``log(1 + z)`` for complex z, accurate for small |z| (Kahan's device)."""
    w = 1.0 + z
    if w == 1.0:
        return z
    return np.log(w) * z / (w - 1.0)


@njit(cache=True)
def clog1pmx(z: complex) -> complex:
    """Principal ``log(1 + z) − z`` for complex z, accurate also for small |z| (series for |z| < 0.1)."""
    if abs(z) < 0.1:
        term = z * z
        total = 0j
        for k in range(2, 30):
            total += term / k if k % 2 == 1 else -term / k
            term *= z
            if abs(term) < 1e-18 * abs(total):
                break
        return total
    return clog1p(z) - z


@njit(cache=True)
def stirling_remainder(n: float) -> float:
    """``μ(n) = log Γ(n + 1) − (n log n − n + ½ log(2πn))`` for n > 0 (DLMF 5.11.1)."""
    if n >= 12.0:
        inv = 1.0 / n
        inv2 = inv * inv
        return inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 / 1188))))
    return math.lgamma(n + 1.0) - (n * math.log(n) - n + _HALF_LOG_TWO_PI + 0.5 * math.log(n))


@njit(cache=True)
def half_log_plus_remainder(n: float) -> float:
    """``½ log n + μ(n) = log Γ(n + 1) − n log n + n − ½ log(2π)`` for n ≥ 0 (finite at n = 0)."""
    if n >= 12.0:
        return 0.5 * math.log(n) + stirling_remainder(n)
    return math.lgamma(n + 1.0) - (n * math.log(n) if n > 0.0 else 0.0) + n - _HALF_LOG_TWO_PI


@njit(cache=True)
def log_gamma_over_power(n: float, z: float) -> float:
    """``log Γ(n + 1) − n log z + z`` without cancellation for large n (Stirling):
    ``n·h(z/n) + ½ log(2πn) + μ(n)`` with ``h(r) = r − 1 − log r``."""
    if n < 2.0:
        return math.lgamma(n + 1.0) - n * math.log(z) + z
    r = z / n
    h = -log1pmx(r - 1.0) if 0.5 <= r <= 2.0 else r - 1.0 - math.log(r)   # r − 1 exact on [0.5, 2]
    return n * h + _HALF_LOG_TWO_PI + 0.5 * math.log(n) + stirling_remainder(n)

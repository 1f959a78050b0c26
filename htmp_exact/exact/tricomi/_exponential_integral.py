r"""Tricomi's U on the negative real axis at integer parameters, through the exponential integral.

For an integer ``c >= 1`` and an integer ``alpha >= -1`` (an even κ with an integer
``b = -alpha``, e.g. γ = 1, or γ = 1/4 at κ = 20), :math:`u(y) = U(c, -\alpha, y e^{i\pi})`
is elementary apart from one exponential integral.

* Kummer's transformation (DLMF 13.2.40) gives
  :math:`U(c, -\alpha, z) = z^{1+\alpha} U(s, \alpha + 2, z)` with ``s = c + alpha + 1``;
  for ``ph z = π`` the integer power is :math:`z^{1+\alpha} = (-y)^{1+\alpha}`.
* For integers ``A >= B >= 1`` (here ``A = s``, ``B = alpha + 2``), DLMF 13.4.4 with
  ``u = 1 + t`` and the binomial expansion of :math:`(u - 1)^{A-1}` give

  .. math:: U(A, B, z) = \frac{1}{(A-1)!} \sum_{j=0}^{A-1} \binom{A-1}{j} (-1)^{A-1-j}
            G_{A+1-B-j}(z), \qquad G_p(z) = e^z E_p(z) = e^z \int_1^\infty e^{-zu} u^{-p}\, du,

  the generalized exponential integrals of DLMF 8.19.3 (for ``Re z > 0``, then by
  analytic continuation).
* Integration by parts, :math:`p E_{p+1}(z) + z E_p(z) = e^{-z}` (DLMF §8.19(iv)),
  gives :math:`G_{p+1} = (1 - z G_p)/p` for ``p >= 1`` and
  :math:`G_{-q} = (1 + q G_{1-q})/z` for ``q >= 0``.  From :math:`G_1 = e^z E_1(z)`
  every :math:`G_p` is an exact rational Laurent polynomial plus a rational polynomial
  times :math:`G_1`, hence

  .. math:: U(A, B, z) = L(z) + P(z)\, e^z E_1(z), \quad L \in \mathbb{Q}[z, z^{-1}],
            \ P \in \mathbb{Q}[z], \ \deg P = A - B.

* From above the cut, DLMF 6.6.1–6.6.2 (:math:`E_1(z) = -\gamma - \ln z -
  \sum_k (-z)^k/(k\, k!)` with :math:`\ln z = \ln y + i\pi`) give
  :math:`E_1(y e^{i\pi}) = -\mathrm{Ei}(y) - i\pi`, so

  .. math:: U(A, B, y e^{i\pi}) = L(-y) - P(-y)\, e^{-y}\, \mathrm{Ei}(y)
            - i\pi\, P(-y)\, e^{-y}.

The rationals are exact and Arb's ``arb_hypgeom_ei`` is rigorous, so the ball is a proof.
The real part cancels (``L(-y)`` against :math:`P(-y) e^{-y}\mathrm{Ei}(y)`, the more so
for large ``y``); the working precision is raised by the float estimate
:func:`_cancellation_bits` and, if that falls short, by the loss the ball shows.  Where it
applies it is several times faster than the routes it precedes (``docs/benchmarks/exact.md``).
"""

from __future__ import annotations

import functools
import math

from flint import acb, arb, arb_poly, fmpq, fmpq_poly

from ..._inputs import Real, is_integer
from .._precision import meets_contract, rel_accuracy_bits, retry_precision, workprec

#: The route is used for ``s <= MAX_S`` (tuning only; every ball is rigorous regardless): the
#: cancellation grows with ``s``, and the exact coefficients take O(s) polynomial operations
#: (cached); beyond s ≈ 250 Arb's U at the integer is as fast.
MAX_S = 256


#: Attempts of the precision loop in :func:`u_integer_on_cut`.
ATTEMPTS = 3


#: Beyond this multiple of the upper edge ``y₊`` a costly route (estimated loss above
#: ``2 prec``) declines in favour of Arb's asymptotic expansion (:func:`u_integer_on_cut`).
UPPER_TAIL = 2.5


@functools.lru_cache(maxsize=64)
def ei_coefficients(a: int, b: int) -> tuple[fmpq_poly, fmpq_poly, fmpq_poly]:
    r"""Exact ``(L₊, L₋, P)`` with :math:`U(a, b, z) = L_+(z) + L_-(1/z) + P(z)\, e^z E_1(z)`
    for integers ``a >= b >= 1`` (module docstring); ``L₋`` has no constant term."""
    if not (isinstance(a, int) and isinstance(b, int) and a >= b >= 1):
        raise ValueError(f"need integers a >= b >= 1, got a = {a}, b = {b}")
    z, one = fmpq_poly([0, 1]), fmpq_poly([1])
    weights = [math.comb(a - 1, j) * (-1) ** (a - 1 - j) for j in range(a)]
    lpos, lneg, poly = fmpq_poly([]), fmpq_poly([]), fmpq_poly([])
    # p = 1, 2, ..., a + 1 - b (j = a - b, ..., 0): G_p = g_pos + g_f G_1
    g_pos, g_f = fmpq_poly([]), one
    for p in range(1, a + 2 - b):
        weight = weights[a + 1 - b - p]
        lpos += weight * g_pos
        poly += weight * g_f
        g_pos, g_f = (one - z * g_pos) / p, -z * g_f / p
    # p = -q = 0, -1, ..., 2 - b (j = a + 1 - b, ..., a - 1): G_-q = g_neg(1/z)
    g_neg = z  # G_0 = 1/z
    for q in range(b - 1):
        lneg += weights[a + 1 - b + q] * g_neg
        g_neg = z * (one + (q + 1) * g_neg)
    scale = fmpq(1, math.factorial(a - 1))
    return lpos * scale, lneg * scale, poly * scale


@functools.lru_cache(maxsize=64)
def _log_sizes(a: int, b: int) -> tuple[tuple[tuple[int, float], ...], ...]:
    """For each of :func:`ei_coefficients`' polynomials, the pairs ``(k, log|p_k|)``."""
    return tuple(
        tuple(
            (k, math.log(abs(int(p.p))) - math.log(int(p.q))) for k, p in enumerate(poly.coeffs()) if p != 0
        )
        for poly in ei_coefficients(a, b)
    )


def _log_abs_sum(sizes: tuple[tuple[int, float], ...], log_y: float) -> float:
    """``log(sum |p_k| y^k)`` in floats from :func:`_log_sizes` (``-inf`` for no terms)."""
    if not sizes:
        return -math.inf
    terms = [log_p + k * log_y for k, log_p in sizes]
    top = max(terms)
    return top + math.log(math.fsum(math.exp(t - top) for t in terms))


def _cancellation_bits(a: int, b: int, c: float, y: float) -> int:
    """Float estimate of the bits the real part loses: the size of the largest terms of
    ``L(-y) - P(-y) e^{-y} Ei(y)`` (``e^{-y} Ei(y) <= 2/y + e^{-y} (1 + |log y|)``,
    DLMF 6.6.1, 6.12.2) against ``|u|``.

    ``|u|`` is the larger of two sizes: the density's (SPEC §3) as if ``p(x)`` were 1,
    ``2 log|u| = log s + alpha log y - y - lnΓ(c+1) - lnΓ(s) - log p(x)``, and the upper
    tail's ``|u| ~ y^-c`` (DLMF 13.7.3).
    """
    lpos, lneg, poly = _log_sizes(a, b)
    log_y = math.log(y)
    log_u = max((math.log(a) + (b - 2) * log_y - y - math.lgamma(c + 1) - math.lgamma(a)) / 2, -c * log_y)
    log_ei = math.log(2 / y + math.exp(-y) * (1 + abs(log_y)))
    size = (
        max(_log_abs_sum(lpos, log_y), _log_abs_sum(lneg, -log_y), _log_abs_sum(poly, log_y) + log_ei)
        + (b - 1) * log_y
    )
    return max(0, math.ceil((size - log_u) / math.log(2)))


def u_integer_on_cut(c: Real, alpha: Real, y: Real, prec: int) -> acb:
    r"""``U(c, -alpha, y e^{i pi})`` for exact integers ``c >= 1``, ``alpha >= -1`` (module
    docstring), to the accuracy contract (:func:`.._precision.meets_contract`); NaN where the
    route declines or falls short.

    ``c`` and ``alpha`` are :class:`fmpq`; ``y > 0`` any real (``fmpq`` or ``arb``).  The
    first working precision is ``prec + 12`` plus the float estimate
    :func:`_cancellation_bits`; a retry adds the loss that the ball shows (``ATTEMPTS``
    in all).  The route declines (NaN) for ``s = c + alpha + 1 > MAX_S``, and beyond
    ``UPPER_TAIL`` times the upper edge ``y₊ = (√s + √c)²`` when the estimate exceeds
    ``2 prec``: there Arb's asymptotic expansion of U is faster.
    """
    if not (is_integer(c) and is_integer(alpha) and c >= 1 and alpha >= -1):
        raise ValueError(f"need integers c >= 1 and alpha >= -1, got c = {c}, alpha = {alpha}")
    a, b = int(c + alpha + 1), int(alpha + 2)
    if a > MAX_S:
        return acb(arb.nan(), arb.nan())
    lpos, lneg, poly = ei_coefficients(a, b)
    y_float = min(max(float(arb(y).mid()), 1e-300), 1e300)  # sizes only; arb's y is unbounded
    loss = _cancellation_bits(a, b, int(c), y_float)
    if loss > 2 * prec and y_float > UPPER_TAIL * (math.sqrt(a) + math.sqrt(int(c))) ** 2:
        return acb(arb.nan(), arb.nan())
    work = prec + 12 + loss
    value = acb(arb.nan(), arb.nan())
    for _ in range(ATTEMPTS):
        with workprec(work):
            yb = arb(y)
            z, e = -yb, (-yb).exp()
            p_value = arb_poly(poly)(z)
            real = arb_poly(lpos)(z) + arb_poly(lneg)(1 / z) - p_value * e * yb.ei()
            value = acb(real, -arb.pi() * p_value * e) * z ** (b - 1)
        bits = rel_accuracy_bits(value)
        if meets_contract(value, prec):
            return value
        work = retry_precision(work, prec, bits)
    return value

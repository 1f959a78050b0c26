r"""Tricomi's U on the cut at an exact integer ``b``: Arb's faster non-integer U at ``b + ε``
plus a rigorous bound on ``|∂U/∂b|``.

U is entire in ``b``; at an integer ``b`` Arb takes the logarithmic limit through power series
in ``b`` (DLMF 13.2.9, 13.2.19), 1.5-2x slower than its plain connection formula, which at
``b + ε`` loses about ``log2(1/ε)`` bits to cancellation.
"""

from __future__ import annotations

import math

from flint import acb, arb

from ..._inputs import Real
from .._precision import CONTRACT_SLACK_BITS, rel_accuracy_bits, retry_precision, workprec
from ._direct import DIRECT_PREC_FACTOR

#: An integer b is moved to b + 2^-(prec + SHIFT_BITS) for Arb's faster non-integer U (the
#: shift's error is bounded by :func:`b_derivative_bound`; tuning only).
SHIFT_BITS = 8


#: The shifted b is used for c <= SHIFT_MAX_C and up to SHIFT_MAX_PREC bits (tuning only:
#: against Arb at the integer, 0.3-1.0 of the time for c = 2.5-15.5 at 89 bits, slower beyond
#: c = 25 or 100 digits).
SHIFT_MAX_PREC = 256
SHIFT_MAX_C = 16


def _bound_angle(c: float, bm: float) -> float:
    """The angle theta of :func:`b_derivative_bound` minimising its leading part
    ``bm log cos(theta) - c log sin(theta)`` (``bm = b - c - 1 < 0``): ``tan^2 theta = c/-bm``."""
    return math.atan(math.sqrt(c / max(-bm, 1e-300)))


def b_derivative_bound(c: Real, b: Real, y: Real, width: arb) -> arb:
    r"""Upper bound of :math:`|\partial_\beta U(c, \beta, y e^{i\pi})|` for real ``β`` in
    ``[b, b + width]``; ``+inf`` unless ``b + width <= c + 1`` (for ``b = -α``:
    ``b - c - 1 = -s < 0``).  Needs ``c > 0``, ``y > 0``.

    DLMF 13.4.4 on the ray :math:`t = r e^{i\varphi}`, :math:`\varphi = -\pi/2 - \theta`,
    ``0 < θ < π/2`` (valid for ``ph z = π``: ``|φ + π| < π/2``; ``1 + t`` stays off the cut):
    :math:`\partial_\beta U = \Gamma(c)^{-1}\int_0^\infty e^{-zt} t^{c-1} (1+t)^{\beta-c-1}
    \log(1+t)\, e^{i\varphi} dr` with :math:`|e^{-zt}| = e^{-qr}`, ``q = y sin θ``;
    :math:`|1+t| \ge m = \cos\theta` (the ray's distance from -1) and ``|1+t| <= 1 + r``, so
    ``|(1+t)^(β-c-1)| <= m^(b-c-1)`` (as ``β - c - 1 <= 0``, ``β >= b``) and
    ``|log(1+t)| <= K + r``, ``K = π - log m``; hence
    :math:`|\partial_\beta U| \le m^{b-c-1} (K q^{-c} + c\, q^{-c-1})`.  The angle only
    affects the bound's size.
    """
    bm = arb(b) - c - 1
    if not bm + width <= 0:
        return arb.pos_inf()
    theta = arb(_bound_angle(float(arb(c).mid()), float(bm.mid())))
    log_m, q, ca = theta.cos().log(), arb(y) * theta.sin(), arb(c)
    return ((bm * log_m - ca * q.log()).exp() * (arb.pi() - log_m + ca / q)).upper()


def u_direct_shifted(c: Real, alpha: Real, y: Real, shift: int, work: int) -> tuple[acb, arb]:
    """For an integer ``b = -alpha``: Arb's U at the non-integer ``b + ε``, ``ε = 2^-shift``
    (at ``work`` bits), and the bound ``ε`` :func:`b_derivative_bound` of its distance from
    ``U(c, b, y e^{i pi})``.

    U is entire in ``b``; at an integer ``b`` Arb takes the logarithmic limit through power
    series in ``b``, 1.5-2x slower (measured at c = 5-10) than its plain connection formula,
    which at ``b + ε`` loses about ``shift`` bits to cancellation.
    """
    with workprec(work):
        b = -arb(alpha)
        beta = b + arb(2) ** -shift
        value = acb(-arb(y)).hypgeom_u(arb(c), beta)
        width = abs(beta - b).upper()
        return value, (width * b_derivative_bound(c, -alpha, y, width)).upper()


def _shift_estimate(c: float, b: float, log_y: float) -> int:
    """Bits by which :func:`b_derivative_bound` likely exceeds ``|U|`` (floats, a guess: the
    bound at its angle against ``|U| ~ max(y, c)^-c``, the size of ``z^-c`` (DLMF 13.7.3));
    y enters through its logarithm (y may lie below the float range)."""
    bm = b - c - 1
    theta = _bound_angle(c, bm)
    log_m, log_q = math.log(math.cos(theta)), log_y + math.log(math.sin(theta))
    first, second = math.log(math.pi - log_m), math.log(c) - log_q  # log(π − log m + c/q), no overflow
    log_bound = bm * log_m - c * log_q + max(first, second) + math.log1p(math.exp(-abs(first - second)))
    return max(0, math.ceil((log_bound + c * max(log_y, math.log(c))) / math.log(2)))


def shifted_integer_b(c: Real, alpha: Real, y: Real, prec: int) -> acb:
    """``U(c, -alpha, y e^{i pi})`` for an integer ``b = -alpha`` by :func:`u_direct_shifted`,
    to ``prec - CONTRACT_SLACK_BITS`` bits; NaN if that needs more than ``DIRECT_PREC_FACTOR * prec`` bits.

    The first attempt shifts by ``2^-(prec + SHIFT_BITS)``; a second one, if needed, takes
    the shift and the precision that the first one's ratio ``D/|U|`` and cancellation call for.
    """
    need = prec - CONTRACT_SLACK_BITS
    shift = prec + SHIFT_BITS
    if y < c:  # the bound's q^-c grows like (c/y)^c: shift further from the start
        log_y = float(arb(y).log().mid())
        shift += _shift_estimate(float(arb(c).mid()), float(arb(-alpha).mid()), log_y)
    work = shift + prec + 12
    for _ in range(2):
        if work > DIRECT_PREC_FACTOR * prec:
            break
        value, error = u_direct_shifted(c, alpha, y, shift, work)
        with workprec(work):
            total = value + acb(arb(0, error), arb(0, error))
        value_bits = rel_accuracy_bits(value)
        if rel_accuracy_bits(total) >= need or not error > 0 or value_bits == -math.inf:
            return total
        if not error.is_finite():  # b + ε beyond c + 1 (s < ε): the bound does not apply
            break
        old_shift = shift
        if value_bits >= 4:  # |U| known: the shift that the ratio D/|U| calls for
            shift = int(need + shift + float((error / abs(value)).upper().log()) / math.log(2) + 8)
        # as in retried, plus the change of the shift's cancellation
        work = retry_precision(work, prec, value_bits) + shift - old_shift
    return acb(arb.nan(), arb.nan())

r"""The choice of route for Tricomi's U on the cut: :func:`u_on_cut`.

Each route returns a rigorous ball; the policy only decides which are tried, in this order,
each only if those before it fell short of the accuracy contract (``prec - CONTRACT_SLACK_BITS``
bits): the exponential integral at integer ``c`` and ``b`` (:mod:`._exponential_integral`),
the shifted integer ``b`` (:mod:`._integer_b`), Arb's direct U retried at the precision its
own loss calls for (:mod:`._direct`), and the contour integral (:mod:`._contour`).
"""

from __future__ import annotations

from flint import acb, arb

from ..._inputs import Real, is_integer
from .._precision import meets_contract, more_accurate, workprec
from ._contour import u_contour
from ._direct import (
    DIRECT_EXTRA_BITS,
    DIRECT_JUMP_MAX_BITS,
    DIRECT_PREC_FACTOR,
    connection_bits,
    retried,
    u_direct,
)
from ._exponential_integral import u_integer_on_cut
from ._integer_b import SHIFT_MAX_C, SHIFT_MAX_PREC, shifted_integer_b


def u_on_cut(c: Real, alpha: Real, y: Real, prec: int) -> acb:
    """``U(c, -alpha, y e^{i pi})``, the best rigorous ball of the routes below at ``prec`` bits.

    For exact integers ``c >= 1``, ``alpha >= -1``: first the exponential integral
    (:func:`._exponential_integral.u_integer_on_cut`).  Then Arb's direct evaluation
    (``DIRECT_EXTRA_BITS`` above ``prec``; for an exact integer ``b = -alpha`` first at the
    shifted ``b``, :func:`._integer_b.shifted_integer_b`), retried at the precision its own loss calls
    for (:func:`retried`).  Then the contour integral.  Each route runs only if those
    before it fell short of ``prec - CONTRACT_SLACK_BITS`` bits.
    """
    direct = acb(arb.nan(), arb.nan())
    if is_integer(c) and is_integer(alpha) and c >= 1 and alpha >= -1:
        direct = u_integer_on_cut(c, alpha, y, prec)
    if not meets_contract(direct, prec) and is_integer(alpha) and c <= SHIFT_MAX_C and prec <= SHIFT_MAX_PREC:
        direct = more_accurate(direct, shifted_integer_b(c, alpha, y, prec))
    if not meets_contract(direct, prec):
        need = connection_bits(float(arb(y).mid()), -alpha)
        cap = DIRECT_PREC_FACTOR * prec
        if c <= SHIFT_MAX_C and need <= DIRECT_JUMP_MAX_BITS:
            cap = max(cap, prec + need)
        direct = more_accurate(
            direct, retried(lambda w: u_direct(c, alpha, y, w), prec, prec + DIRECT_EXTRA_BITS, need, cap)
        )
    if meets_contract(direct, prec):
        with workprec(prec):
            return direct + 0
    return more_accurate(direct, u_contour(c, alpha, y, prec))

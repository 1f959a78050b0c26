r"""Tricomi's U on the cut by Arb's ``acb_hypgeom_u``, retried at the precision its loss calls for.

Arb evaluates U at the exact negative real ``-y`` (python-flint ``acb(-y).hypgeom_u(a, b)``)
rigorously; for moderate parameters it is the fastest route, but through the connection
formula (DLMF 13.2.42) it loses about ``2 log2(e) y`` bits to cancellation, and near an
integer ``b`` another ``log2(1/dist(b, ℤ))``.
"""

from __future__ import annotations

import math

from flint import acb, arb

from ..._inputs import Real
from .._precision import check_time, meets_contract, rel_accuracy_bits, retry_precision, workprec

#: Arb's direct U is retried up to this many times the working precision before the contour
#: integral is used (tuning only; every ball is rigorous regardless): at 15 digits the contour
#: takes 1-2 ms, and Arb's direct U at 2-4x the precision 0.3-1.5 ms for c <~ 500.
DIRECT_PREC_FACTOR = 4


#: A ball of Arb's with no correct bit is retried at once at the precision its connection
#: formula calls for (:func:`connection_bits`), and not at all if that exceeds
#: ``DIRECT_PREC_FACTOR * prec``; for ``c <= SHIFT_MAX_C`` up to this many bits above the
#: working precision (tuning only: upper tail at c = 5-10, Arb at 330-800 bits costs 0.5-1.7 ms
#: against 1.5-2.3 ms for the contour; at c ~ 100-500 such retries rarely succeed).
DIRECT_JUMP_MAX_BITS = 768


#: Arb's direct U starts this many bits above the working precision (tuning only): on moderate
#: parameters (integer b, c ~ 5-50) it loses 20-40 bits, and the head start saves the retry.
DIRECT_EXTRA_BITS = 24


def u_direct(c: Real, alpha: Real, y: Real, prec: int) -> acb:
    """``U(c, -alpha, y e^{i pi})`` by Arb's ``acb_hypgeom_u`` at ``prec`` bits (rigorous)."""
    with workprec(prec):
        return acb(-arb(y)).hypgeom_u(arb(c), -arb(alpha))


def connection_bits(size: float, b: Real) -> int:
    """Extra bits for Arb's U at ``|z| = size``: the 1F1 form (DLMF 13.2.42) cancels up to
    ``e^{2|z|}`` (2·log2(e)·|z| bits), and ``1/sin(πb)`` costs ``log2(1/dist(b, ℤ))`` bits near
    a non-integer b (a float estimate)."""
    gap = abs(float(b) - round(float(b)))
    near_integer = 0 if gap == 0 else max(0, math.ceil(-math.log2(gap)))
    return math.ceil(2.9 * min(size, 1e300)) + near_integer + 64  # size may be inf


def retried(evaluate, prec: int, work: int, need: int, cap: int) -> acb:
    """``evaluate(work)`` (Arb's direct U), retried while the ball is less accurate than
    ``prec - CONTRACT_SLACK_BITS`` bits and ``work`` stays at most ``cap``.

    The retry is at :func:`._precision.retry_precision`.  A ball with no correct bit says
    little: the retry is then at least at ``prec + need`` (the caller's estimate of what the
    connection formula needs, :func:`connection_bits`)."""
    direct = evaluate(work)
    while not meets_contract(direct, prec):
        check_time("Tricomi U (Arb)")
        bits = rel_accuracy_bits(direct)
        work = retry_precision(work, prec, bits)
        if bits <= 0:
            work = max(work, prec + need)
        if work > cap:
            break
        direct = evaluate(work)
    return direct

"""Working precision of the exact path: a context manager and a Ziv-style driver.

python-flint keeps its precision in the global ``flint.ctx``; every exact
function changes it only inside :func:`workprec`, which restores the caller's
value on exit, also when an exception is raised.

:func:`certify` is the one guess-and-verify loop used by every exact function
(compare python-flint's ``good``): evaluate at a working precision, accept the
ball if its relative radius is below the target, otherwise double the
precision, up to :data:`MAX_PREC` bits, then raise :class:`PrecisionError`.
"""
from __future__ import annotations

import math
from typing import Callable, Optional, TypeVar, Union

from flint import acb, arb, ctx

#: Largest working precision (bits) that :func:`certify` tries before giving up.
MAX_PREC = 1 << 16

#: Digits guaranteed when neither ``prec`` nor ``digits`` is given.
DEFAULT_DIGITS = 15

#: The accuracy counts as stalled only at working precisions above ``STALL_FROM·goal + 256`` bits.
STALL_FROM = 4

Ball = TypeVar("Ball", arb, acb)


class PrecisionError(ArithmeticError):
    """The requested accuracy could not be certified within the precision cap."""


class workprec:
    """Set ``flint.ctx.prec`` to ``prec`` bits inside a ``with`` block, restoring the caller's
    value on exit, also when an exception is raised (a class rather than a generator-based
    context manager: the exact path enters ~10 of them per call, and this is 3x cheaper)."""

    __slots__ = ("prec", "saved")

    def __init__(self, prec: int):
        self.prec = int(prec)

    def __enter__(self) -> None:
        self.saved = ctx.prec
        ctx.prec = self.prec

    def __exit__(self, *exc_info) -> bool:
        ctx.prec = self.saved
        return False


def midpoint(ball: acb) -> complex:
    """The midpoint of a complex ball as a Python ``complex`` (for floating-point planning only)."""
    return complex(float(ball.real.mid()), float(ball.imag.mid()))


def more_accurate(first: Ball, second: Ball) -> Ball:
    """The ball of the two with the higher relative accuracy (``first`` on a tie)."""
    return second if rel_accuracy_bits(second) > rel_accuracy_bits(first) else first


def retry_precision(work: int, prec: int, bits: float) -> int:
    """The precision of the next attempt after a ball of ``bits`` relative accuracy at ``work``
    bits, for a target of ``prec`` bits: a ball that lost ``L = work - bits`` bits to
    cancellation predicts the loss at a higher precision, so ``work + prec - bits + 30``; a
    ball with no finite enclosure says nothing, and the precision is doubled."""
    return 2 * work if bits == -math.inf else int(work + prec - bits + 30)


def rel_accuracy_bits(ball: Union[arb, acb]) -> float:
    """Relative accuracy in bits (``-log2`` of radius/|midpoint|); exact zero is infinite."""
    if isinstance(ball, acb):
        if not (ball.real.is_finite() and ball.imag.is_finite()):
            return -math.inf
        if ball.real.is_exact() and ball.imag.is_exact():
            return math.inf
        return float(ball.rel_accuracy_bits())
    if not ball.is_finite():
        return -math.inf
    if ball.is_exact():
        return math.inf
    return float(ball.rel_accuracy_bits())


def target_bits(digits: int) -> int:
    return int(math.ceil(digits * math.log2(10))) + 1


def certify(
    evaluate: Callable[[int], Ball],
    *,
    prec: Optional[int] = None,
    digits: Optional[int] = None,
    what: str = "value",
    exact_inputs: bool = True,
) -> Ball:
    """Evaluate ``evaluate(p)`` (which must return a rigorous ball) to the requested accuracy.

    ``prec`` given: one evaluation at ``prec`` bits; the ball is returned as it
    is, unless it is not finite, which raises :class:`PrecisionError`.
    ``digits`` given (or neither: ``digits=15``): raise the precision until the
    relative radius is below ``10**-digits``; :class:`PrecisionError` past
    :data:`MAX_PREC`, or earlier when the accuracy stops growing with the precision
    over two doublings: from the start when ``exact_inputs`` is false (inexact
    :class:`arb`/:class:`acb` inputs limit it), else only above ``STALL_FROM·goal + 256``
    bits (below that a method may still be resolving, e.g., a branch of the phase).  ``evaluate`` is always called inside :func:`workprec`.
    """
    if prec is not None and digits is not None:
        raise ValueError("give at most one of prec and digits")
    if prec is not None:
        if isinstance(prec, bool) or not isinstance(prec, int) or prec < 2:
            raise ValueError(f"prec must be an integer >= 2 (bits), got {prec!r}")
        with workprec(prec):
            ball = evaluate(prec)
        if rel_accuracy_bits(ball) == -math.inf:
            raise PrecisionError(f"{what}: no finite enclosure at {prec} bits; raise prec or use digits=")
        return ball
    if digits is None:
        digits = DEFAULT_DIGITS
    if isinstance(digits, bool) or not isinstance(digits, int) or digits < 1:
        raise ValueError(f"digits must be an integer >= 1, got {digits!r}")
    goal = target_bits(digits)
    p = goal + 20
    best_bits = -math.inf
    stalled = 0
    while p <= MAX_PREC:
        with workprec(p):
            ball = evaluate(p)
        bits = rel_accuracy_bits(ball)
        if bits >= goal:
            return ball
        # a finite accuracy that no longer grows with the precision is set by inexact inputs;
        # judged only well past the goal (below it, a method may still be resolving a branch)
        stall_from = STALL_FROM * goal + 256 if exact_inputs else 0
        stalled = stalled + 1 if 0 < bits <= best_bits + 2 and p > stall_from else 0
        best_bits = max(best_bits, bits)
        if stalled >= 2:
            raise PrecisionError(
                f"{what}: accuracy stays at {best_bits:.0f} bits as the precision rises "
                f"(inexact ball inputs, or a cancellation this method cannot remove); "
                f"{digits} digits cannot be certified"
            )
        p *= 2
    raise PrecisionError(
        f"{what}: could not certify {digits} digits up to {MAX_PREC} bits "
        f"(best relative accuracy {best_bits:.0f} bits)"
    )

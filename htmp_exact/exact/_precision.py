"""Working precision of the exact path: the accuracy contract, a context manager, a time budget
and the one Ziv-style driver :func:`certify`.

python-flint keeps its precision in the process-global ``flint.ctx``.  Every exact function
changes it only inside :func:`workprec`, which restores the caller's value on exit, also
when an exception is raised.  :func:`certify` is the one guess-and-verify loop used by every
exact function (compare python-flint's ``good``): evaluate at a working precision, accept
the ball if its relative radius is below the target, otherwise double the precision, up to
:data:`MAX_PREC` bits, then raise :class:`PrecisionError`.

**Threads.**  Because the precision is process-global, :func:`certify` holds one re-entrant
lock while it runs: exact calls from several threads are serialized (python-flint holds the
GIL anyway, so nothing is lost) and each sees its own precision; the caller's precision is
restored afterwards.  A process pool is the way to run exact calls in parallel.

**Time.**  Every call has a time budget (``timeout`` seconds, :data:`DEFAULT_TIMEOUT` unless
given); the kernels' long loops call :func:`check_time`, which raises :class:`PrecisionError`
once the budget is spent, so a call ends within its budget plus one uninterruptible Arb call.
"""

from __future__ import annotations

import contextvars
import math
import threading
import time
from collections.abc import Callable, Iterable
from typing import TypedDict, TypeVar

from flint import acb, arb, ctx

from .._inputs import Real, Unpack, shown

__all__ = [
    "Precision",
    "Unpack",
    "MAX_PREC",
    "DEFAULT_DIGITS",
    "DEFAULT_TIMEOUT",
    "CONTRACT_SLACK_BITS",
    "PrecisionError",
    "workprec",
    "certify",
    "check_time",
    "meets_contract",
]

#: Largest working precision (bits) that :func:`certify` tries before giving up.
MAX_PREC = 1 << 16

#: Digits guaranteed when neither ``prec`` nor ``digits`` is given.
DEFAULT_DIGITS = 15

#: Seconds an exact call may take unless ``timeout`` says otherwise.
DEFAULT_TIMEOUT = 60.0

#: The accuracy contract of every kernel: called at ``prec`` bits, it aims at a ball of at
#: least ``prec - CONTRACT_SLACK_BITS`` bits of relative accuracy (:func:`meets_contract`);
#: the slack leaves room for the kernels' own roundings.
CONTRACT_SLACK_BITS = 20

#: The accuracy counts as stalled only at working precisions above ``STALL_FROM·goal + 256`` bits.
STALL_FROM = 4

#: Inexact (ball) inputs must carry at least this many bits of relative accuracy: a wider
#: ball cannot give a useful enclosure, and the kernels' planning assumes a narrow one.
MIN_INPUT_BITS = 16

Ball = TypeVar("Ball", arb, acb)

_LOCK = threading.RLock()
_DEADLINE: contextvars.ContextVar[float] = contextvars.ContextVar("htmp_exact_deadline", default=math.inf)


class Precision(TypedDict, total=False):
    """The keywords of every certified function.

    ``prec``: evaluate once at this working precision (bits, 2 ... :data:`MAX_PREC`) and return
    the ball as it is; ``digits``: the relative accuracy to certify (default
    :data:`DEFAULT_DIGITS`; at most one of the two); ``timeout``: the time budget in seconds
    (default :data:`DEFAULT_TIMEOUT`, ``math.inf`` for none).
    """

    prec: int | None
    digits: int | None
    timeout: float | None


class PrecisionError(ArithmeticError):
    """The requested accuracy could not be certified within the precision cap or the time budget."""


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

    def __exit__(self, *exc_info: object) -> None:
        ctx.prec = self.saved


def check_time(what: str = "exact evaluation") -> None:
    """Raise :class:`PrecisionError` if the current exact call has spent its time budget."""
    if time.monotonic() > _DEADLINE.get():
        raise PrecisionError(
            f"{what}: the time budget of this call is spent (pass a larger timeout= "
            "to allow more; at this accuracy the kernels need more time than that)"
        )


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


def rel_accuracy_bits(ball: arb | acb) -> float:
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


def meets_contract(ball: arb | acb, prec: int) -> bool:
    """Whether a kernel's ball at ``prec`` bits meets the accuracy contract
    (``prec - CONTRACT_SLACK_BITS`` bits of relative accuracy)."""
    return rel_accuracy_bits(ball) >= prec - CONTRACT_SLACK_BITS


def target_bits(digits: int) -> int:
    return int(math.ceil(digits * math.log2(10))) + 1


def _check_count(value: object, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(
            f"{name} must be an integer in [{low}, {high}], got {type(value).__name__} {shown(value)}"
        )
    if not low <= value <= high:
        raise ValueError(f"{name} must be an integer in [{low}, {high}], got {shown(value)}")
    return value


def _check_timeout(timeout: object) -> float:
    if timeout is None:
        return DEFAULT_TIMEOUT
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError(
            f"timeout must be a number of seconds > 0, got {type(timeout).__name__} {shown(timeout)}"
        )
    if not timeout > 0:  # NaN fails too; +inf means no budget
        raise ValueError(
            f"timeout must be a number of seconds > 0 (valid range (0, inf]), got {shown(timeout)}"
        )
    return float(timeout)


def _input_bits(inputs: Iterable[object]) -> float:
    """The smallest relative accuracy (bits) among the inexact ball inputs (``inf`` if all exact)."""
    return min((rel_accuracy_bits(v) for v in inputs if isinstance(v, arb)), default=math.inf)


def certify(
    evaluate: Callable[[int], Ball],
    *,
    what: str = "value",
    inputs: Iterable[Real] = (),
    **precision: Unpack[Precision],
) -> Ball:
    """Evaluate ``evaluate(p)`` (which must return a rigorous ball) to the requested accuracy.

    ``prec`` given: one evaluation at ``prec`` bits; the ball is returned as it is, unless it
    is not finite, which raises :class:`PrecisionError`.  ``digits`` given (or neither:
    ``digits=15``): raise the precision until the relative radius is below ``10**-digits``;
    :class:`PrecisionError` past :data:`MAX_PREC`, or earlier when the accuracy stops growing
    over two doublings above ``STALL_FROM·goal + 256`` bits (below that a method may still be
    resolving, e.g., a branch of the phase).  ``inputs`` are the converted arguments: an
    inexact ball among them fails at once (before any evaluation) if it carries fewer than
    :data:`MIN_INPUT_BITS` bits, and stops the loop as soon as the accuracy stalls.
    ``timeout`` (seconds, default :data:`DEFAULT_TIMEOUT`, ``math.inf`` for none) bounds the call.
    ``evaluate`` is always called inside :func:`workprec`, under the lock that serializes exact
    calls across threads.
    """
    unknown = sorted(set(precision) - set(Precision.__annotations__))
    if unknown:
        raise TypeError(
            f"unknown keyword {unknown[0]!r}: the certified functions take prec, digits and timeout"
        )
    prec, digits, timeout = precision.get("prec"), precision.get("digits"), precision.get("timeout")
    if prec is not None and digits is not None:
        raise ValueError("give at most one of prec and digits")
    if prec is not None:
        prec = _check_count(prec, "prec", 2, MAX_PREC)
    else:
        digits = _check_count(
            DEFAULT_DIGITS if digits is None else digits, "digits", 1, int(MAX_PREC / math.log2(10)) - 2
        )
    budget = _check_timeout(timeout)
    input_bits = _input_bits(inputs)
    if input_bits < MIN_INPUT_BITS:
        raise PrecisionError(
            f"{what}: an inexact ball input has only {max(input_bits, 0):.1f} bits of relative accuracy; "
            f"the input radius limits the accuracy of the result (inexact ball inputs need at least "
            f"{MIN_INPUT_BITS} bits: narrow or split the ball, or give the input exactly)"
        )
    goal = target_bits(digits) if digits is not None else 0
    with _LOCK:
        token = _DEADLINE.set(min(_DEADLINE.get(), time.monotonic() + budget))
        try:
            if prec is not None:
                return _once(evaluate, prec, what)
            assert digits is not None
            return _loop(evaluate, digits, goal, what, exact_inputs=input_bits == math.inf)
        finally:
            _DEADLINE.reset(token)


def _once(evaluate: Callable[[int], Ball], prec: int, what: str) -> Ball:
    with workprec(prec):
        ball = evaluate(prec)
    if rel_accuracy_bits(ball) == -math.inf:
        raise PrecisionError(f"{what}: no finite enclosure at {prec} bits; raise prec or use digits=")
    return ball


def _loop(evaluate: Callable[[int], Ball], digits: int, goal: int, what: str, exact_inputs: bool) -> Ball:
    p = goal + 20
    best_bits = -math.inf
    stalled = 0
    while p <= MAX_PREC:
        check_time(what)
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

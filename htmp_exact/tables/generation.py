r"""Certified table rows: evaluate a quantity at exact inputs and round it correctly.

:func:`certified_row` evaluates with a few extra digits and keeps the value only if the
ball decides its rounding to ``digits`` significant digits; otherwise it evaluates again
with more digits (Ziv's strategy, :data:`EXTRA_DIGITS_TRIES`) and raises
:class:`~htmp_exact.PrecisionError` if the value still lies within the balls of a
rounding boundary.  :func:`compute_table` spreads rows over any
:class:`concurrent.futures.Executor` (a process pool, a dask ``Client.get_executor()``);
every row is a pure function of its inputs, so the table does not depend on the executor.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Union

from flint import acb, arb, ctx, fmpq

from .. import exact, fast
from ..exact import PrecisionError
from .encoding import parse_input
from .quantiles import Distribution, certified_quantile
from .rounding import check_digits, round_significant, rounded, rounded_complex, short_repr
from .schema import QUANTILES, argument_names, check_law, check_quantity, input_names

__all__ = ["Row", "Point", "EXTRA_DIGITS_TRIES", "MAX_MOMENT_ORDER", "certified_row", "compute_table"]

#: Extra digits tried, in turn, when the ball is too wide to decide the rounding.
EXTRA_DIGITS_TRIES = (3, 10, 40)

#: Largest moment order in a table (exact rationals grow like k·log of the inputs' sizes).
MAX_MOMENT_ORDER = 200

Text = Union[str, int, float, Fraction]


@dataclass(frozen=True)
class Point:
    """Where to evaluate: the regime name and the input texts, in :func:`~.schema.input_names` order."""

    regime: str
    inputs: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    """One table entry.  ``inputs`` are exact texts (decimals, or ``float.hex()`` for binary64);
    ``value`` is correctly rounded (for ``stieltjes`` the real part, ``value_imag`` the imaginary
    part on the same grid); ``exact`` is the exact rational ``p/q`` of a moment."""

    regime: str
    inputs: tuple[str, ...]
    value: str
    value_imag: str = ""
    exact: str = ""


def _text(value: Text, name: str) -> str:
    """An input as an exact text: strings are kept, floats become ``float.hex()``."""
    if isinstance(value, str):
        parse_input(value, name)
        return value.strip()
    if isinstance(value, float):
        parse_input(value, name)
        return value.hex()
    if isinstance(value, bool) or not isinstance(value, (int, Fraction)):
        raise TypeError(
            f"{name} must be a decimal or hex string, an int, a Fraction or a float, "
            f"got {type(value).__name__} {short_repr(value)}"
        )
    return str(value)


def _positive(text: str, name: str) -> Fraction:
    value = parse_input(text, name)
    if value <= 0:
        raise ValueError(f"{name} must be > 0 (valid range (0, inf)), got {text}")
    return value


def _order(text: str) -> int:
    value = parse_input(text, "k")
    if value.denominator != 1 or not 0 <= value <= MAX_MOMENT_ORDER:
        raise ValueError(f"k must be an integer in [0, {MAX_MOMENT_ORDER}], got {text}")
    return int(value)


def _probability(text: str) -> Fraction:
    value = parse_input(text, "q")
    if not 0 < value < 1:
        raise ValueError(f"q must lie in (0, 1), got {text}")
    return value


def _float_guess(
    quantile: Callable[..., Any], inverse: Callable[..., Any], params: Sequence[Fraction], typical: float
) -> Callable[[Fraction], float]:
    """The fast path's float quantile at p (``inverse(1 - p)`` above 1/2), or ``typical`` where the
    fast path does not apply or underflows: only the certified iteration's start."""
    floats = [float(v) for v in params]

    def guess(p: Fraction) -> float:
        try:
            value = float(
                quantile(float(p), *floats) if p <= Fraction(1, 2) else inverse(float(1 - p), *floats)
            )
        except (ValueError, ArithmeticError):
            return typical
        return value if 0 < value < math.inf else typical

    return guess


def _distribution(law: str, params: Sequence[Fraction]) -> Distribution:
    gamma = params[0]
    atom = max(Fraction(0), 1 - 1 / gamma)
    typical = float(max(Fraction(1), gamma))  # the mean of the continuous part (mass 1/γ) is γ for γ > 1
    if law == "htmp":
        kappa = params[1]
        return Distribution(
            lambda x, d: exact.cdf(x, gamma, kappa, digits=d),
            lambda x, d: exact.sf(x, gamma, kappa, digits=d),
            lambda x, d: exact.pdf(x, gamma, kappa, digits=d),
            atom,
            _float_guess(fast.ppf, fast.isf, params, typical),
        )
    return Distribution(
        lambda x, d: exact.mp_cdf(x, gamma, digits=d),
        lambda x, d: exact.mp_sf(x, gamma, digits=d),
        lambda x, d: exact.mp_pdf(x, gamma, digits=d),
        atom,
        _float_guess(fast.mp_ppf, lambda q, g: fast.mp_ppf(1 - q, g), params, typical),
    )


def _mp_logpdf(x: Fraction, gamma: Fraction, digits: int) -> arb:
    density = exact.mp_pdf(x, gamma, digits=digits)
    if density.is_zero():
        return arb.neg_inf()
    with ctx.workprec(4 * digits + 64):  # the log of a ball of `digits` correct digits, lossless
        return density.log()


def _ball(
    law: str, quantity: str, args: Sequence[Fraction], params: Sequence[Fraction], digits: int
) -> arb | acb:
    """The certified ball of a real-argument quantity or of the Stieltjes transform."""
    if quantity == "stieltjes":
        z = complex(float(args[0]), float(args[1]))  # exact: the parts were checked to be binary64
        if law == "htmp":
            return exact.stieltjes(z, *params, digits=digits)
        return exact.mp_stieltjes(z, *params, digits=digits)
    if law == "htmp":
        return getattr(exact, quantity)(args[0], *params, digits=digits)
    if quantity == "logpdf":
        return _mp_logpdf(args[0], params[0], digits)
    return getattr(exact, f"mp_{quantity}")(args[0], params[0], digits=digits)


def _special(ball: arb) -> str | None:
    """Exact zeros and infinities (densities outside the support, their logs)."""
    if ball.is_zero():
        return "0"
    if ball.mid().is_finite():
        return None
    if ball.is_exact() and ball > 0:
        return "inf"
    if ball.is_exact() and ball < 0:
        return "-inf"
    return None


def _stieltjes_point(args: Sequence[str]) -> tuple[Fraction, Fraction]:
    parts = tuple(parse_input(a, n) for a, n in zip(args, ("z_real", "z_imag")))
    for part, name, text in zip(parts, ("z_real", "z_imag"), args):
        if Fraction(float(part)) != part:
            raise ValueError(
                f"{name} = {text} is not a binary64 number; Stieltjes tables take "
                "binary64 parts (e.g. hex, or decimals such as 0.5, 0.125)"
            )
    if parts[1] == 0 and parts[0] >= 0:  # on the support
        raise ValueError(
            f"z = {args[0]} + {args[1]}i lies on the support [0, inf); "
            "the Stieltjes transform is defined off it"
        )
    return parts[0], parts[1]


def _evaluate(law: str, quantity: str, texts: Sequence[str], digits: int, regime: str) -> Row:
    names = input_names(law, quantity)
    n_args = len(argument_names(quantity))
    params = [_positive(t, n) for t, n in zip(texts[n_args:], names[n_args:])]
    texts = tuple(texts)
    if quantity == "moment":
        k = _order(texts[0])
        value = exact.moment(k, *params) if law == "htmp" else exact.mp_moment(k, params[0])
        assert isinstance(value, fmpq)  # rational parameters give exact moments
        frac = Fraction(int(value.p), int(value.q))
        return Row(regime, texts, round_significant(frac, digits), exact=str(frac))
    if quantity in QUANTILES:
        p = _probability(texts[0])
        level = p if quantity == "ppf" else 1 - p
        return Row(regime, texts, certified_quantile(_distribution(law, params), level, digits))
    args = _stieltjes_point(texts[:2]) if quantity == "stieltjes" else (parse_input(texts[0], "x"),)
    for extra in EXTRA_DIGITS_TRIES:
        ball = _ball(law, quantity, args, params, digits + extra)
        if isinstance(ball, acb):
            pair = rounded_complex(ball, digits)
            if pair is not None:
                return Row(regime, texts, pair[0], pair[1])
            continue
        text = _special(ball) or rounded(ball, digits)
        if text is not None:
            return Row(regime, texts, text)
    raise PrecisionError(
        f"{law} {quantity} at {dict(zip(names, texts))}: the rounding to {digits} digits cannot "
        f"be decided (the value lies within 10^-{digits + EXTRA_DIGITS_TRIES[-1]} of a tie)"
    )


def certified_row(
    quantity: str,
    gamma: Text,
    kappa: Text | None,
    arg: Text | complex | tuple[Text, Text],
    digits: int,
    regime: str = "",
    *,
    law: str = "htmp",
) -> Row:
    """One certified row of ``quantity`` for HTMP(γ, κ) (``law="mp"``: MP(γ), ``kappa=None``).

    ``arg`` is x (pdf, logpdf, cdf, sf), q (ppf, isf), the order k (moment) or z (stieltjes: a
    complex, or a pair of texts).  Inputs are exact: decimal or ``float.hex()`` strings,
    ints, Fractions, floats (their exact binary value, written as hex).

    >>> certified_row("moment", "0.5", "4", 2, 10).exact   # m2 = 1 + γ + 2γ/κ
    '7/4'
    """
    law, quantity = check_law(law), check_quantity(quantity)
    digits = check_digits(digits)
    if not isinstance(regime, str):
        raise TypeError(f"regime must be a str, got {type(regime).__name__}")
    if (kappa is None) != (law == "mp"):
        raise ValueError(f"kappa must be given for law 'htmp' and None for law 'mp', got {short_repr(kappa)}")
    if quantity == "stieltjes":
        parts = (arg.real, arg.imag) if isinstance(arg, complex) else arg
        if not isinstance(parts, tuple) or len(parts) != 2:
            raise TypeError(f"z must be a complex or a pair (real, imag) of texts, got {short_repr(arg)}")
        args: tuple[str, ...] = (_text(parts[0], "z_real"), _text(parts[1], "z_imag"))
    else:
        if isinstance(arg, (complex, tuple)):
            raise TypeError(f"{argument_names(quantity)[0]} must be real, got {short_repr(arg)}")
        args = (_text(arg, argument_names(quantity)[0]),)
    params = (_text(gamma, "gamma"),) + (() if kappa is None else (_text(kappa, "kappa"),))
    return _evaluate(law, quantity, args + params, digits, regime)


def _row_task(task: tuple[str, str, Point, int]) -> Row:
    law, quantity, point, digits = task
    return _evaluate(law, quantity, point.inputs, digits, point.regime)


def _progress(done: int, total: int) -> None:
    filled = 30 * done // max(total, 1)
    print(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}", end="", file=sys.stderr, flush=True)


def compute_table(
    points: Sequence[Point],
    law: str,
    quantity: str,
    digits: int = 20,
    executor: Executor | None = None,
    progress: bool = False,
) -> list[Row]:
    """Certified rows at ``points``, in order.

    ``executor``: any :class:`concurrent.futures.Executor` (None: in this process); each point
    is one task, so its result does not depend on where it ran.  ``progress``: a bar on stderr.
    """
    law, quantity = check_law(law), check_quantity(quantity)
    digits = check_digits(digits)
    points = list(points)
    width = len(input_names(law, quantity))
    for point in points:
        if not isinstance(point, Point) or len(point.inputs) != width:
            raise ValueError(
                f"points must be Point objects with {width} inputs {input_names(law, quantity)}, "
                f"got {short_repr(point)}"
            )
    tasks = [(law, quantity, p, digits) for p in points]
    results: Iterable[Row] = executor.map(_row_task, tasks) if executor is not None else map(_row_task, tasks)
    rows = []
    for done, row in enumerate(results, 1):
        rows.append(row)
        if progress:
            _progress(done, len(tasks))
    if progress:
        print(file=sys.stderr)
    return rows

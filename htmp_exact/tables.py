r"""Certified reference tables of HTMP quantities (CSV/JSON), and the paper's preset grid.

Each row holds the exact decimal inputs, the value **correctly rounded** to the
requested number of significant digits, the radius of the certified ball, and the
number of digits the ball certifies.  Correct rounding is decided from the ball:
both endpoints must round to the same decimal (round-half-even); if they do not,
the point is recomputed with more digits (Ziv-style, up to
:data:`EXTRA_DIGITS_TRIES`), and a :class:`~htmp_exact.PrecisionError` is raised
if it still cannot be decided.

``compute_table`` takes any :class:`concurrent.futures.Executor` (a process pool,
or e.g. a dask client's executor) to spread the points.
"""
from __future__ import annotations

import csv
import io
import json
import math
import sys
from concurrent.futures import Executor
from dataclasses import asdict, dataclass
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from flint import acb, arb, fmpq

from . import exact
from .exact import PrecisionError
from .exact._precision import workprec

QUANTITIES = ("pdf", "logpdf", "cdf", "sf", "stieltjes", "moment")

#: Extra digits tried, in turn, when the ball is too wide to decide the rounding.
EXTRA_DIGITS_TRIES = (2, 10, 40)

#: The paper's regimes (preset "paper"): name -> (γ, κ, x) points as exact decimal strings.
#: For ``stieltjes`` the x column is read as z = −x (a point off the support);
#: for ``moment`` it is the order k.
PAPER_PRESET: Dict[str, List[Tuple[str, str, str]]] = {
    "small kappa": [(g, k, x) for g in ("0.25", "2") for k in ("0.1", "1") for x in ("0.001", "0.5", "3")],
    "moderate kappa": [(g, k, x) for g in ("0.1", "0.5", "4") for k in ("5", "20")
                       for x in ("0.1", "1", "2.5")],
    "large kappa (near MP)": [(g, k, x) for g in ("0.2", "0.5") for k in ("1000", "10000")
                              for x in ("0.5", "1", "1.7")],
    "gamma near 1": [(g, k, x) for g in ("0.999", "1", "1.001") for k in ("2", "100") for x in ("0.01", "1")],
    "integer b": [("0.5", "1500", "1"), ("0.2", "8000", "1.7"), ("0.25", "6", "1"), ("1", "10", "0.3")],
    "far tails": [("0.5", "10", "1e-9"), ("0.5", "10", "40"), ("7", "10000", "60"), ("0.01", "10000", "1e-9"),
                  ("3", "4", "1e-12"), ("0.3", "100", "20")],
}


@dataclass(frozen=True)
class Row:
    """One certified table entry; ``value`` is correctly rounded to ``digits`` significant digits.

    For ``stieltjes``, ``value`` is ``"re+imj"`` with both parts rounded.
    ``certified_digits`` is ``floor(-log10(radius/|value|))`` of the ball used, None
    for an exact value (moments at rational parameters; radius ``"0"``).
    """

    regime: str
    quantity: str
    gamma: str
    kappa: str
    x: str
    value: str
    radius: str
    certified_digits: Optional[int]


def _fraction(ball: arb) -> Fraction:
    """The exact binary value of an exact arb (midpoint or endpoint)."""
    man, exp = (int(v) for v in ball.man_exp())
    return Fraction(man) * Fraction(2) ** exp


def round_significant(value: Fraction, digits: int) -> str:
    """``value`` rounded half-even to ``digits`` significant decimal digits, in E notation."""
    if value == 0:
        return "0"
    # decimal exponent: estimate from the bit lengths, then fix exactly
    exponent = math.floor((abs(value.numerator).bit_length() - value.denominator.bit_length()) * math.log10(2))
    while abs(value) >= Fraction(10) ** (exponent + 1):
        exponent += 1
    while abs(value) < Fraction(10) ** exponent:
        exponent -= 1
    scaled = value * Fraction(10) ** (digits - 1 - exponent)
    integer = round(scaled)  # Fraction rounds half to even
    if abs(integer) >= 10**digits:  # rounding carried into a new digit
        integer, exponent = round(Fraction(integer, 10)), exponent + 1
    return _format(integer, exponent, digits)


def _format(integer: int, exponent: int, digits: int) -> str:
    """``integer · 10^(exponent − digits + 1)`` (``|integer|`` has ``digits`` digits) as a decimal string."""
    mantissa = tuple(int(d) for d in str(abs(integer)))
    text = str(Decimal((int(integer < 0), mantissa, exponent - digits + 1)))
    return text.replace("E+", "e+").replace("E-", "e-")


def rounded(ball: arb, digits: int) -> Optional[str]:
    """The correctly rounded decimal of the number in ``ball``, or None if the ball cannot decide it.

    Rigorous: the ball is scaled by ``10^(digits − 1 − e)`` in ball arithmetic and
    rounded to the nearest integer only if the whole scaled ball rounds to one
    integer (a ball containing a rounding boundary gives None).  Works at any
    magnitude (e.g. 10^-4000000) without forming huge exact numbers.
    """
    if not ball.is_finite():
        return None
    if ball.is_exact():
        return round_significant(_fraction(ball.mid()), digits)  # exact: ties go half-even
    if ball.contains(0):
        return None
    with workprec(4 * digits + 64):
        log10 = abs(ball).log() / arb(10).log()
        exponent = int(log10.upper().floor().unique_fmpz())  # an exact endpoint: one integer
        for _ in range(3):  # the estimate is off by at most one
            integer = (ball * arb(10) ** (digits - 1 - exponent) + arb(1) / 2).floor().unique_fmpz()
            if integer is None:
                return None
            size = abs(int(integer))
            if size >= 10**digits:
                exponent += 1
            elif size < 10 ** (digits - 1):
                exponent -= 1
            else:
                return _format(int(integer), exponent, digits)
    return None


def _certified_digits(ball: Union[arb, acb]) -> int:
    return max(0, math.floor(ball.rel_accuracy_bits() * math.log10(2)))


def _evaluate(quantity: str, gamma: str, kappa: str, x: str, digits: int) -> Union[arb, acb, fmpq]:
    if quantity == "moment":
        return exact.moment(int(x), gamma, kappa)
    if quantity == "stieltjes":
        z = -Fraction(x)
        return exact.stieltjes(z, gamma, kappa, digits=digits)
    function: Callable = getattr(exact, quantity)
    return function(x, gamma, kappa, digits=digits)


def certified_row(quantity: str, gamma: str, kappa: str, x: str, digits: int, regime: str = "") -> Row:
    """One table row: evaluate at ``digits + extra`` and round to ``digits`` when the ball allows."""
    if quantity not in QUANTITIES:
        raise ValueError(f"quantity must be one of {QUANTITIES}, got {quantity!r}")
    if isinstance(digits, bool) or not isinstance(digits, int) or digits < 1:
        raise ValueError(f"digits must be an integer >= 1, got {digits!r}")
    for extra in EXTRA_DIGITS_TRIES:
        value = _evaluate(quantity, gamma, kappa, x, digits + extra)
        if isinstance(value, fmpq):
            frac = Fraction(int(value.p), int(value.q))
            return Row(regime, quantity, gamma, kappa, x, round_significant(frac, digits), "0", None)
        parts = [value.real, value.imag] if isinstance(value, acb) else [value]
        texts = [rounded(part, digits) for part in parts]
        if all(t is not None for t in texts):
            radius = max(part.rad() for part in parts)
            text = texts[0] if len(texts) == 1 else f"{texts[0]}{'' if texts[1].startswith('-') else '+'}{texts[1]}j"
            return Row(regime, quantity, gamma, kappa, x, text, radius.str(3, radius=False),
                       _certified_digits(value))
    raise PrecisionError(f"{quantity}({x}; gamma={gamma}, kappa={kappa}): the rounding to {digits} digits "
                         f"cannot be decided (value within 10^-{digits + EXTRA_DIGITS_TRIES[-1]} of a tie)")


def preset_points(name: str) -> List[Tuple[str, str, str, str]]:
    """``(regime, γ, κ, x)`` of a preset grid (only ``"paper"`` so far)."""
    if name != "paper":
        raise ValueError(f"unknown preset {name!r}; available: 'paper'")
    return [(regime, g, k, x) for regime, pts in PAPER_PRESET.items() for g, k, x in pts]


def _row_task(args: Tuple[str, str, str, str, str, int]) -> Row:
    regime, quantity, g, k, x, digits = args
    return certified_row(quantity, g, k, x, digits, regime)


def compute_table(points: Sequence[Tuple[str, str, str, str]], quantity: str, digits: int = 30,
                  executor: Optional[Executor] = None, progress: bool = False) -> List[Row]:
    """Certified rows for ``(regime, γ, κ, x)`` points, in order.

    ``executor``: any :class:`concurrent.futures.Executor` (None: in this process).
    ``progress``: print a progress bar on stderr.
    """
    tasks = [(regime, quantity, g, k, x, digits) for regime, g, k, x in points]
    results: Iterable[Row] = executor.map(_row_task, tasks) if executor is not None else map(_row_task, tasks)
    rows = []
    for done, row in enumerate(results, 1):
        rows.append(row)
        if progress:
            filled = 30 * done // len(tasks)
            print(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{len(tasks)}", end="", file=sys.stderr)
    if progress:
        print(file=sys.stderr)
    return rows


def to_csv(rows: Sequence[Row]) -> str:
    """Rows as CSV text with a header."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(Row.__dataclass_fields__), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(asdict(row))
    return out.getvalue()


def to_json(rows: Sequence[Row]) -> str:
    """Rows as a JSON list of objects."""
    return json.dumps([asdict(row) for row in rows], indent=1)


def read_csv(text: str) -> List[Row]:
    """Rows from CSV text written by :func:`to_csv`."""
    return [Row(**{**rec, "certified_digits": int(rec["certified_digits"]) if rec["certified_digits"] else None})
            for rec in csv.DictReader(io.StringIO(text))]


def shipped_table(quantity: str) -> List[Row]:
    """The preset "paper" table shipped with the package (30 digits), for ``pdf``, ``logpdf``, ``cdf``, ``sf``."""
    name = f"paper_{quantity}.csv"
    try:
        text = resources.files("htmp_exact.data").joinpath(name).read_text()
    except FileNotFoundError:
        raise ValueError(f"no shipped table for quantity {quantity!r}") from None
    return read_csv(text)

r"""Correct rounding of exact rationals and certified balls to decimal significant digits.

A table value is the true value rounded half-even to ``digits`` significant decimal
digits.  From a ball this is decided rigorously: the ball, scaled by a power of ten
in ball arithmetic, must round to a single integer; otherwise the answer is None and
the caller evaluates again with a narrower ball (Ziv's strategy).  Complex values
(Stieltjes transforms) are rounded on a common grid: both parts to the multiple of
``10^(e - digits + 1)`` nearest to them, with ``e = floor(log10 max(|Re|, |Im|))``,
i.e. ``digits`` significant digits relative to the larger part.
"""

from __future__ import annotations

import math
from fractions import Fraction

from flint import acb, arb, ctx

__all__ = [
    "MAX_DIGITS",
    "check_digits",
    "short_repr",
    "round_significant",
    "rounded",
    "rounded_complex",
    "exact_fraction",
]

#: Largest number of significant digits a table value may have (far beyond any use;
#: it bounds the cost of the exact decimal arithmetic).
MAX_DIGITS = 1000


def short_repr(value: object, limit: int = 40) -> str:
    """``repr(value)`` cut to ``limit`` characters (for error messages)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def check_digits(digits: object, name: str = "digits") -> int:
    """Validate a number of significant digits: an integer in ``[1, MAX_DIGITS]``."""
    if isinstance(digits, bool) or not isinstance(digits, int):
        raise TypeError(
            f"{name} must be an integer in [1, {MAX_DIGITS}], got {type(digits).__name__} "
            f"{short_repr(digits)}"
        )
    if not 1 <= digits <= MAX_DIGITS:
        raise ValueError(f"{name} must be an integer in [1, {MAX_DIGITS}], got {short_repr(digits)}")
    return digits


def exact_fraction(ball: arb) -> Fraction:
    """The exact binary value of an exact :class:`flint.arb` (e.g. a midpoint)."""
    man, exp = (int(v) for v in ball.man_exp())
    return Fraction(man) * Fraction(2) ** exp


def format_scaled(integer: int, exponent: int) -> str:
    """``integer · 10^exponent`` as a decimal string, with the layout of :class:`decimal.Decimal`
    (plain for exponents in ``[-6 - len, 0]``, else ``d.ddde±n``) at any exponent size."""
    coefficient = str(abs(integer))
    sign = "-" if integer < 0 else ""
    adjusted = exponent + len(coefficient) - 1
    if exponent <= 0 and adjusted >= -6:
        if exponent == 0:
            return sign + coefficient
        point = len(coefficient) + exponent
        body = (
            coefficient[:point] + "." + coefficient[point:]
            if point > 0
            else "0." + "0" * (-point) + coefficient
        )
        return sign + body
    mantissa = coefficient[0] + ("." + coefficient[1:] if len(coefficient) > 1 else "")
    return f"{sign}{mantissa}e{'+' if adjusted >= 0 else '-'}{abs(adjusted)}"


def decimal_exponent(value: Fraction) -> int:
    """``floor(log10 |value|)`` of a non-zero rational, exactly."""
    estimate = math.floor(
        (abs(value.numerator).bit_length() - value.denominator.bit_length()) * math.log10(2)
    )
    size = abs(value)
    while size >= Fraction(10) ** (estimate + 1):
        estimate += 1
    while size < Fraction(10) ** estimate:
        estimate -= 1
    return estimate


def round_significant(value: Fraction | int, digits: int) -> str:
    """``value`` rounded half-even to ``digits`` significant decimal digits.

    >>> from fractions import Fraction
    >>> round_significant(Fraction(1, 3), 5), round_significant(Fraction(25, 10), 1)
    ('0.33333', '2')
    """
    if not isinstance(value, (Fraction, int)) or isinstance(value, bool):
        raise TypeError(f"value must be a Fraction or an int, got {type(value).__name__} {value!r}")
    check_digits(digits)
    value = Fraction(value)
    if value == 0:
        return "0"
    exponent = decimal_exponent(value)
    integer = round(value * Fraction(10) ** (digits - 1 - exponent))  # Fraction rounds half to even
    if abs(integer) >= 10**digits:  # rounding carried into a new digit
        integer, exponent = round(Fraction(integer, 10)), exponent + 1
    return format_scaled(integer, exponent - digits + 1)


def _binary_exponent(ball: arb) -> int:
    """``e2`` with ``2^(e2-1) <= |mid| < 2^e2`` (the midpoint is non-zero)."""
    man, exp = (int(v) for v in ball.mid().man_exp())
    return exp + abs(man).bit_length()


def _exponent_estimate(e2: int, prec: int) -> int:
    """An integer within one of ``floor(log10 |v|)`` for ``2^(e2-1) <= |v| < 2^e2``."""
    if abs(e2) < 2**40:
        return math.floor((e2 - 1) * math.log10(2))
    with ctx.workprec(prec):
        floor = (arb(e2 - 1) * arb(2).log() / arb(10).log()).mid().floor().unique_fmpz()
        assert floor is not None  # the floor of an exact midpoint is one integer
        return int(floor)


def _round_at(ball: arb, exponent: int, prec: int) -> int | None:
    """The integer nearest to ``ball / 10^exponent`` if the whole ball rounds to it, else None."""
    with ctx.workprec(prec):
        scaled = ball * arb(10) ** (-exponent) + arb(1) / 2
        integer = scaled.floor().unique_fmpz()
    return None if integer is None else int(integer)


def _scaling_precision(digits: int, e2: int) -> int:
    """Bits that keep ``10^k`` (``|k| ≈ e2·log10 2``) and the scaled ball accurate to ``digits`` digits."""
    return 4 * digits + 64 + abs(e2).bit_length()


def rounded(ball: arb, digits: int) -> str | None:
    """The correctly rounded decimal of the number in ``ball``, or None if the ball cannot decide it.

    Rigorous: the ball is scaled by ``10^(digits − 1 − e)`` in ball arithmetic and
    rounded to the nearest integer only if the whole scaled ball rounds to one
    integer (a ball containing a rounding boundary, or 0, gives None).  Works at any
    magnitude (e.g. ``10^-4000000``): the precision grows with the size of the exponent.
    """
    if not isinstance(ball, arb):
        raise TypeError(f"ball must be a flint.arb, got {type(ball).__name__}")
    check_digits(digits)
    if not ball.is_finite():
        return None
    if ball.is_exact():
        return round_significant(exact_fraction(ball), digits)  # exact: ties go half-even
    if ball.contains(0):
        return None
    e2 = _binary_exponent(ball)
    prec = _scaling_precision(digits, e2)
    exponent = _exponent_estimate(e2, prec)
    for _ in range(4):  # the estimate is off by at most one in either direction
        integer = _round_at(ball, exponent - digits + 1, prec)
        if integer is None:
            return None
        if abs(integer) >= 10**digits:
            exponent += 1
        elif abs(integer) < 10 ** (digits - 1):
            exponent -= 1
        else:
            return format_scaled(integer, exponent - digits + 1)
    return None


def _decided_exponent(size: arb, digits: int) -> int | None:
    """``floor(log10 size)`` for a positive ball, or None if the ball contains a power of ten."""
    e2 = _binary_exponent(size)
    with ctx.workprec(_scaling_precision(digits, e2)):
        exponent = _exponent_estimate(e2, _scaling_precision(digits, e2))
        for _ in range(4):
            if size < arb(10) ** exponent:
                exponent -= 1
            elif size >= arb(10) ** (exponent + 1):
                exponent += 1
            elif size >= arb(10) ** exponent and size < arb(10) ** (exponent + 1):
                return exponent
            else:
                return None
    return None


def rounded_complex(value: acb, digits: int) -> tuple[str, str] | None:
    """Both parts of ``value`` rounded to the grid ``10^(e − digits + 1)``,
    ``e = floor(log10 max(|Re|, |Im|))``.

    None if the ball cannot decide the exponent ``e`` or either rounding.
    """
    if not isinstance(value, acb):
        raise TypeError(f"value must be a flint.acb, got {type(value).__name__}")
    check_digits(digits)
    parts = (value.real, value.imag)
    if not all(p.is_finite() for p in parts):
        return None
    sizes = [abs(p) for p in parts]
    largest = (
        sizes[0] if sizes[0] > sizes[1] else sizes[1] if sizes[1] > sizes[0] else sizes[0].union(sizes[1])
    )
    if largest.contains(0):
        return None
    exponent = _decided_exponent(largest, digits)
    if exponent is None:
        return None
    prec = _scaling_precision(digits, _binary_exponent(largest))
    texts = []
    for part in parts:
        integer = _round_at(part, exponent - digits + 1, prec)
        if integer is None:
            return None
        texts.append(format_scaled(integer, exponent - digits + 1) if integer else "0")
    return texts[0], texts[1]

"""Correct rounding of rationals and balls (htmp_exact.tables.rounding)."""

from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction

import pytest
from flint import acb, arb

from htmp_exact.tables import rounding


@pytest.mark.parametrize(
    "value, digits, text",
    [
        (Fraction(1, 3), 5, "0.33333"),
        (Fraction(25, 10), 1, "2"),
        (Fraction(35, 10), 1, "4"),
        (Fraction(-275, 100), 2, "-2.8"),
        (Fraction(9999999), 3, "1.00e+7"),
        (Fraction(1, 10**40), 3, "1.00e-40"),
    ],
)
def test_round_significant_is_half_even(value, digits, text):
    assert rounding.round_significant(value, digits) == text


def test_round_significant_agrees_with_decimal_module():
    """Independent route: the decimal module's ROUND_HALF_EVEN on random rationals."""
    import random

    rng = random.Random(5)
    for _ in range(300):
        value = Fraction(rng.randint(-(10**30), 10**30), rng.randint(1, 10**25))
        if value == 0:
            continue
        digits = rng.randint(1, 25)
        with localcontext() as ctx:
            ctx.prec, ctx.rounding = 200, ROUND_HALF_EVEN
            exact = Decimal(value.numerator) / Decimal(value.denominator)
            ctx.prec = digits
            expected = +exact
        assert Decimal(rounding.round_significant(value, digits)) == expected


def test_rounding_of_balls_is_decided_only_when_certain():
    assert rounding.rounded(arb("0.123456789", 1e-15), 5) == "0.12346"
    assert rounding.rounded(arb("0.123455", 1e-9), 5) is None  # straddles the boundary ...55
    assert rounding.rounded(arb(0, 1e-30), 3) is None  # sign unknown
    assert rounding.rounded(arb(3) * arb(10) ** -4000000, 4) == "3.000e-4000000"


def test_huge_exponents_are_rounded():
    """Beyond the decimal module's exponent range: the scaling precision grows with the exponent."""
    from flint import ctx

    with ctx.workprec(300):
        ball = arb(7) * arb(10) ** (-(10**20))
    assert rounding.rounded(ball, 3) == f"7.00e-{10**20}"


def test_complex_rounding_uses_one_grid():
    value = acb(arb("1.23456789", 1e-15), arb("-0.000123456789", 1e-15))
    assert rounding.rounded_complex(value, 5) == ("1.2346", "-0.0001")
    assert rounding.rounded_complex(acb(arb("-0.5", 1e-20), arb(0, 1e-25)), 4) == ("-0.5000", "0")
    assert rounding.rounded_complex(acb(arb(1, 1e-3), 0), 10) is None


def test_digits_are_capped_with_a_clear_error():
    with pytest.raises(ValueError, match=r"digits must be an integer in \[1, 1000\]"):
        rounding.round_significant(Fraction(1, 3), 10**400)
    with pytest.raises(TypeError, match="digits"):
        rounding.rounded(arb(1), 2.5)
    with pytest.raises(TypeError, match="value must be a Fraction"):
        rounding.round_significant(0.1, 3)
    with pytest.raises(TypeError, match="ball must be a flint.arb"):
        rounding.rounded(0.5, 3)


def test_format_matches_decimal_layout():
    for integer, exponent in [(123, -2), (5, -9), (100, 3), (-7, 0), (12345, -10)]:
        expected = str(Decimal((int(integer < 0), tuple(int(d) for d in str(abs(integer))), exponent)))
        assert rounding.format_scaled(integer, exponent) == expected.replace("E", "e")

"""Kummer's M by its series with a tail bound, against mpmath."""

from fractions import Fraction

import mpmath as mp
import pytest
from flint import fmpq

from ..reference import contains


@pytest.mark.parametrize(
    "a,b,y",
    [
        ("0.08", "500", "100"),
        ("0.0816", "838506.4", "11910.6"),
        ("-40.5", "3000", "500"),
        ("0.3", "7.25", "2"),
    ],
)
def test_kummer_series_against_mpmath(a, b, y):
    # the fallback for Arb's 1F1, which returns NaN for the first three (large b)
    from htmp_exact.exact._kummer import kummer_m_series

    value = kummer_m_series(
        fmpq(Fraction(a).numerator, Fraction(a).denominator),
        fmpq(Fraction(b).numerator, Fraction(b).denominator),
        fmpq(Fraction(y).numerator, Fraction(y).denominator),
        200,
    )
    assert value.rel_accuracy_bits() > 150
    with mp.workdps(80):
        ref = mp.hyp1f1(
            mp.mpf(Fraction(a).numerator) / Fraction(a).denominator,
            mp.mpf(Fraction(b).numerator) / Fraction(b).denominator,
            mp.mpf(Fraction(y).numerator) / Fraction(y).denominator,
        )
    assert contains(value, ref, ref_digits=60)

"""Exact moments (SPEC §5) against SPEC's polynomials, quadrature and the Narayana limit."""

import mpmath as mp
import pytest
from flint import arb, fmpq

from htmp_exact import exact

from ..reference import htmp_pdf_hyperu


def _spec_moments(g, k):
    """The m1..m4 polynomials printed in SPEC §5 (an independent statement)."""
    return [
        1,
        1 + g + 2 * g / k,
        1 + 3 * g + g**2 + 6 * g / k + 6 * g**2 / k + 8 * g**2 / k**2,
        1
        + 6 * g
        + 6 * g**2
        + g**3
        + 12 * g / k
        + 34 * g**2 / k
        + 12 * g**3 / k
        + 44 * g**2 / k**2
        + 44 * g**3 / k**2
        + 48 * g**3 / k**3,
    ]


@pytest.mark.parametrize("g,k", [(fmpq(1, 2), fmpq(3)), (fmpq(7, 3), fmpq(2, 5)), (fmpq(1), fmpq(1000))])
def test_moments_match_spec_polynomials(g, k):
    for order, expected in enumerate(_spec_moments(g, k), start=1):
        assert exact.moment(order, g, k) == expected
    assert exact.moment(0, g, k) == 1


def test_moments_against_quadrature_of_density():
    with mp.workdps(30):
        for order in (3, 5):
            q = mp.quad(lambda t: t**order * htmp_pdf_hyperu(t, "0.5", 3), [0, 1, 5, 20, mp.inf])
            m = exact.moment(order, "0.5", 3)
            assert abs(q - mp.mpf(int(m.p)) / int(m.q)) < mp.mpf(10) ** -20


def test_moments_tend_to_narayana_and_are_quick():
    g = fmpq(1, 3)
    for order in (2, 5, 8):
        big = exact.moment(order, g, 10**12)
        assert abs(arb(big) - arb(exact.mp_moment(order, g))) < arb("1e-7")  # gap O(1/kappa)
    m100 = exact.moment(100, "0.3", 7)
    assert isinstance(m100, fmpq) and m100 > 0


def test_ball_parameters_give_balls():
    m = exact.moment(3, arb("0.5"), arb(3) + arb(0, 1e-20))
    assert isinstance(m, arb) and m.overlaps(arb(exact.moment(3, "0.5", 3)))

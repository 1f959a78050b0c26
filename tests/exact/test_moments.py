"""Exact moments (SPEC §5) against SPEC's polynomials, quadrature and the Narayana limit."""

import mpmath as mp
import pytest
import sympy as sp
from flint import arb, fmpq

from htmp_exact import exact
from proofs_check import moments as spm

from ..reference import htmp_pdf_hyperu


def _spec_moments(g, k):
    """The m1..m4 polynomials printed in SPEC §5 (an independent statement), at rational (γ, κ)."""
    values = {spm.gamma: sp.Rational(int(g.p), int(g.q)), spm.kappa: sp.Rational(int(k.p), int(k.q))}
    return [
        fmpq(int(v.p), int(v.q)) for v in (sp.Rational(spm.SPEC_MOMENTS[n].subs(values)) for n in range(1, 5))
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

"""U at integer parameters through the exponential integral (exact/tricomi/_exponential_integral.py)."""

import math
from fractions import Fraction

import mpmath as mp
import pytest
import sympy as sp
from flint import fmpq
from hypothesis import given, settings
from hypothesis import strategies as st

from htmp_exact import exact
from htmp_exact.exact.tricomi import u_direct, u_on_cut
from htmp_exact.exact.tricomi._exponential_integral import (
    MAX_S,
    UPPER_TAIL,
    ei_coefficients,
    u_integer_on_cut,
)

from ...reference import contains, htmp_pdf_hyperu

CASES = [(1, 1), (2, 1), (10, 1), (5, 3), (40, 31), (7, 7), (12, 2)]


def _sympy_parts(a, b, z):
    """(R, S) with U(a, b, z) = R + S F, F = e^z E_1(z), from the package's coefficients."""
    lpos, lneg, poly = ei_coefficients(a, b)

    def as_poly(p, var):
        return sum(sp.Rational(int(k.p), int(k.q)) * var**i for i, k in enumerate(p.coeffs()))

    return as_poly(lpos, z) + as_poly(lneg, 1 / z), as_poly(poly, z)


@pytest.mark.parametrize("a,b", CASES)
def test_closed_form_solves_kummers_equation_exactly(a, b):
    # z w'' + (b - z) w' - a w = 0 (DLMF 13.2.1) for w = R + S F, with F' = F - 1/z:
    # (R + S F)' = (R' - S/z) + (S' + S) F.  F is transcendental over Q(z), so the
    # rational part and the coefficient of F must both vanish identically (sympy, exact).
    z = sp.symbols("z")

    def derivative(r, s):
        return sp.diff(r, z) - s / z, sp.diff(s, z) + s

    r0, s0 = _sympy_parts(a, b, z)
    r1, s1 = derivative(r0, s0)
    r2, s2 = derivative(r1, s1)
    assert sp.simplify(z * r2 + (b - z) * r1 - a * r0) == 0
    assert sp.simplify(z * s2 + (b - z) * s1 - a * s0) == 0
    assert s0 != 0


@pytest.mark.parametrize("a,b", CASES)
@pytest.mark.parametrize("z", ["0.01", "1", "7.5", "60"])
def test_closed_form_is_tricomis_u_at_positive_z(a, b, z):
    # the ODE has M as its other solution: the value at z > 0 (where U is real and
    # mpmath's hyperu is reliable) pins the combination down (120 digits: the closed form
    # cancels ~40 digits at z = 60)
    with mp.workdps(120):
        zz = mp.mpf(z)
        lpos, lneg, poly = ei_coefficients(a, b)

        def value(p, v):
            return mp.fsum(mp.mpf(int(k.p)) / int(k.q) * v**i for i, k in enumerate(p.coeffs()))

        ours = value(lpos, zz) + value(lneg, 1 / zz) + value(poly, zz) * mp.exp(zz) * mp.e1(zz)
        assert abs(ours / mp.hyperu(a, b, zz) - 1) < mp.mpf(10) ** -40


@settings(max_examples=60, deadline=None, derandomize=True)
@given(
    st.integers(1, 40),
    st.integers(-1, 80),
    st.fractions(Fraction(1, 1000), Fraction(20)),
    st.sampled_from([53, 83, 200]),
)
def test_integer_route_against_arbs_limit_at_the_integer(c, alpha, x, prec):
    # y = s x over the bulk and both tails; Arb's logarithmic limit at the exact integer
    # b = -alpha, at 4x the precision, is the reference
    c, alpha = fmpq(c), fmpq(alpha)
    s = c + alpha + 1
    y = s * fmpq(x.numerator, x.denominator)
    ours = u_integer_on_cut(c, alpha, y, prec)
    work = 4 * prec + 64
    ref = u_direct(c, alpha, y, work)
    while ref.rel_accuracy_bits() < prec + 10 and work < 20000:
        work *= 2
        ref = u_direct(c, alpha, y, work)
    assert ref.rel_accuracy_bits() >= prec + 10
    if ours.real.is_finite():
        assert ours.overlaps(ref)
        assert ours.rel_accuracy_bits() >= prec - 20
    else:  # it declines only for large s or far in the upper tail
        edge = (math.sqrt(int(s)) + math.sqrt(int(c))) ** 2
        assert s > MAX_S or float(y) > UPPER_TAIL * edge
    assert u_on_cut(c, alpha, y, prec).overlaps(ref)


def test_integer_route_is_taken_where_it_pays():
    # the bulk and the near tails of the benchmark's integer-b points are computed by this
    # route (a finite, accurate ball), not left to the others
    for c, alpha, y in [(10, -1, 3), (10, -1, 25), (10, 29, 12), (10, 29, 100), (50, 77, 60)]:
        assert u_integer_on_cut(fmpq(c), fmpq(alpha), fmpq(y), 83).rel_accuracy_bits() >= 63


def test_integer_route_rejects_other_parameters():
    with pytest.raises(ValueError, match="alpha"):
        u_integer_on_cut(fmpq(3), fmpq(-2), fmpq(1), 64)
    with pytest.raises(ValueError, match="c = 5/2"):
        u_integer_on_cut(fmpq(5, 2), fmpq(1), fmpq(1), 64)
    with pytest.raises(ValueError, match="a >= b >= 1"):
        ei_coefficients(2, 3)


@pytest.mark.parametrize("gamma,kappa,x", [("0.25", 20, "0.3"), ("1", 20, "2.5"), ("0.5", 8, "5.5")])
def test_pdf_at_even_kappa_and_integer_b_to_200_digits(gamma, kappa, x):
    # c = kappa/2 and b = -alpha integers: the density from the exponential-integral route at
    # 200 digits against mpmath's hyperu at 260 digits
    ref = htmp_pdf_hyperu(x, gamma, kappa, dps=260)
    assert contains(exact.pdf(x, gamma, kappa, digits=200), ref, ref_digits=220)

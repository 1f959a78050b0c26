"""Certified cdf and sf (the phase formula, SPEC §3) against quadrature of the density and other routes."""

import math
from fractions import Fraction

import mpmath as mp
import pytest
from flint import arb, ctx, fmpq

from htmp_exact import exact
from htmp_exact.exact._precision import workprec

from ..reference import contains, htmp_cdf_phase_near_zero, htmp_pdf_hyperu


def _mass_below(x, gamma, kappa):
    """∫_0^x p by mpmath quadrature of the reference density, with x = x0 u^(1/(1+α))."""
    g, k = mp.mpf(gamma), mp.mpf(kappa)
    c = k / 2
    al = c * (1 / g - 1) - 1
    e = 1 / (al + 1)
    f = lambda u: htmp_pdf_hyperu(mp.mpf(x) * u**e, gamma, kappa) * mp.mpf(x) * e * u ** (e - 1)
    return mp.quad(f, [0, 0.5, 1])


@pytest.mark.parametrize(
    "gamma,kappa,x",
    [
        ("0.5", 3, "0.7"),
        ("0.3", "2.5", "1.5"),
        ("0.8", 20, "0.3"),
        ("0.5", "0.1", "0.01"),
        ("0.9", "1.3", "4"),
    ],
)
def test_cdf_against_quadrature(gamma, kappa, x):
    with mp.workdps(30):
        ref = _mass_below(x, gamma, kappa)
        assert contains(exact.cdf(x, gamma, kappa), ref, ref_digits=20)
        assert contains(exact.sf(x, gamma, kappa), 1 - ref, ref_digits=20)


def test_cdf_gamma_one_against_upper_quadrature():
    # at gamma = 1 the mass near 0 is ~1/|log x|; integrate the upper part instead (SPEC §8)
    with mp.workdps(30):
        upper = mp.quad(lambda t: htmp_pdf_hyperu(t, 1, 3), [mp.mpf("0.7"), 2, 10, mp.inf])
        assert contains(exact.sf("0.7", 1, 3), upper, ref_digits=20)
        assert contains(exact.cdf("0.7", 1, 3), 1 - upper, ref_digits=20)


@pytest.mark.parametrize("gamma,kappa", [("2", "3"), ("7", "5")])
def test_atom_and_continuous_mass_for_gamma_above_one(gamma, kappa):
    g = fmpq(int(gamma))
    assert exact.atom(gamma) == 1 - 1 / g
    assert exact.cdf(0, gamma, kappa).overlaps(1 - 1 / arb(g))
    with mp.workdps(30):
        cont = mp.quad(lambda t: htmp_pdf_hyperu(t, gamma, kappa), [0, mp.mpf(1) / 10**6, 1, 5, 30, mp.inf])
    assert abs(cont - 1 / mp.mpf(gamma)) < 1e-12
    # cdf(x) - atom equals the quadrature of the continuous part
    with mp.workdps(30):
        part = mp.quad(lambda t: htmp_pdf_hyperu(t, gamma, kappa), [mp.mpf(3), 10, 40, mp.inf])
    assert contains(exact.sf(3, gamma, kappa), part, ref_digits=15)


@pytest.mark.parametrize(
    "gamma,kappa,x",
    [
        ("0.25", 10000, "2.5"),
        ("0.25", 10000, "3"),
        ("1", 10000, "6"),
        ("0.25", 10000, "1"),
        ("0.01", 1000, "0.5"),
    ],
)
def test_distribution_difference_quotient_is_the_density(gamma, kappa, x):
    # -d sf/dx = d cdf/dx = pdf links the phase route to the |U|^2 route (pdf); central difference,
    # step h with h*s ~ 1e-4 so the O(h^2) error is far below the tolerance
    s = Fraction(kappa) / 2 / Fraction(gamma)
    h = Fraction(1, math.ceil(s * 10**4))
    xq = Fraction(x)
    with ctx.workprec(200):
        upper_tail = exact.sf(xq, gamma, kappa) < arb(1) / 2
        f = (
            (lambda t: -exact.sf(t, gamma, kappa, digits=40))
            if upper_tail
            else (lambda t: exact.cdf(t, gamma, kappa, digits=40))
        )  # the side that is small: no cancellation
        quotient = (f(xq + h) - f(xq - h)) / (2 * arb(fmpq(h.numerator, h.denominator)))
        ratio = quotient / exact.pdf(xq, gamma, kappa, digits=40)
        assert abs(ratio - 1) < arb("1e-6")


def test_certify_keeps_raising_precision_while_the_phase_branch_is_unresolved():
    # at 64-128 bits the phase of U is only known up to one branch (cdf ± 1/c, 4 bits), which
    # once stopped the precision loop early; the loop must go on until the branch is decided
    x, g, k = 2.8077059102537496, "0.5", 100
    ball = exact.cdf(x, g, k, digits=8)
    assert ball.rel_accuracy_bits() >= 27
    from htmp_exact import fast

    assert abs(float(ball.mid()) - float(fast.cdf(x, 0.5, 100.0))) < 1e-8  # the Riccati ODE route
    assert ball.overlaps(exact.cdf(x, g, k, prec=1024))


def _log_tail_mass_by_quadrature(x, gamma, kappa, upper):
    """log of ∫_0^x p (or ∫_x^∞ p) by mpmath quadrature of exp(logpdf - logpdf(x)) over the
    ~60 e-folds next to x, where the certified logpdf (the |U|² route) is all that is used."""

    def lp(t):
        v = exact.logpdf(mp.nstr(t, 30), gamma, kappa, digits=25)
        return mp.mpf(v.mid().str(28, radius=False))

    with mp.workdps(30):
        xm = mp.mpf(x)
        l0 = lp(xm)
        h = xm * mp.mpf("1e-8")
        slope = abs(lp(xm + h) - lp(xm)) / h
        sign = 1 if upper else -1
        mass = mp.quad(lambda d: mp.exp(lp(xm + sign * d) - l0), [0, 5 / slope, 20 / slope, 60 / slope])
        return l0 + mp.log(mass)


@pytest.mark.parametrize(
    "x,gamma,kappa,which",
    [
        # lower tail, α ≈ 8.4e5: Arb's 1F1 gives up (b = α + 2), the Sturm count and Im u use the series
        (0.014135338283474217, 0.004874675578546091, 8214.928570837865, "cdf"),
        # upper tail at large κ, γ ≈ 1: y = 2.4e5 beyond every Laguerre zero (counted at y0 ≈ 4ν)
        (72.18947683764718, 0.9999999956664289, 3261.6718765003325, "sf"),
        # below the bulk at κ = 10⁵: Im u from the off-axis part of the real-saddle contour
        ("0.5", "0.05", 100000, "cdf"),
        # the dual law's upper tail at κ = 10⁵ (c = 16666.7): the backward Sturm count starts
        # from Im U(c), Im U(c-1), where Arb's 1F1 returns a ball around 0
        ("10", "3", 100000, "sf"),
    ],
)
def test_far_tails_at_large_kappa_against_quadrature_of_the_density(x, gamma, kappa, which):
    value = getattr(exact, which)(x, gamma, kappa)
    ref = _log_tail_mass_by_quadrature(x, gamma, kappa, upper=(which == "sf"))
    assert abs(float(value.log().mid()) - float(ref)) <= 1e-12 * abs(float(ref))


def test_atom_dominated_distribution_near_zero_at_large_kappa():
    # γ = 100, κ = 10⁵, x = 1e-12: the continuous part holds ~1e-670075 of mass below x (the
    # dual's lower tail), so cdf = 1 - 1/γ and sf = 1/γ to any digits; Arb's U fails there
    # (a failure, not a stalled 15-bit accuracy), the contour ends with the vertical ray
    cdf, sf = exact.cdf("1e-12", "100", 100000, digits=40), exact.sf("1e-12", "100", 100000, digits=40)
    with workprec(200):
        assert abs(cdf - fmpq(99, 100)).upper() < 1e-40 and cdf.rel_accuracy_bits() >= 133
        assert abs(sf - fmpq(1, 100)).upper() < 1e-40 and sf.rel_accuracy_bits() >= 133


@pytest.mark.parametrize("x,gamma", [("1e-15", "1"), ("1e-9", "0.999"), ("1e-9", "1.001")])
def test_lower_tail_cdf_at_kappa_1e5_near_gamma_one(x, gamma):
    # y = s x lies below the first Laguerre zero: the count is 0 from one enclosure of M over
    # [0, y] (the 5e4-step Sturm recurrence stays undecided there); reference: the phase of
    # mpmath's hyperu, F = atom + (1 - atom) (-arg u / (π c)), in the dual law for γ > 1
    with mp.workdps(40):
        g, k, xm = mp.mpf(gamma), mp.mpf(100000), mp.mpf(x)
        atom = 0
        if g > 1:
            atom, xm, k, g = 1 - 1 / g, xm / g, k / g, 1 / g
        c = k / 2
        al, s = c * (1 / g - 1) - 1, c / g
        u = mp.hyperu(c, -al, mp.mpc(-s * xm, 0))
        ref = atom + (1 - atom) * (-mp.atan2(u.imag, u.real) / (mp.pi * c))
    value = exact.cdf(x, gamma, 100000, digits=20)
    assert contains(value, ref, ref_digits=30)
    if gamma == "0.999":
        # that reference takes the phase's half-turn count to be 0 as well; quadrature of the
        # density does not (a count of 1 would add about 1/c = 2e-5)
        with mp.workdps(30):
            mass = _mass_below(x, gamma, 100000)
        assert abs(float(value.mid()) / float(mass) - 1) < 1e-12


@pytest.mark.parametrize(
    "x,gamma",
    [
        ("0.5", "0.5"),
        ("1", "0.5"),
        ("2", "0.5"),
        # non-integer c: the forward count starts on the recurrence's
        # minimal solution; the backward one starts from Im U(c), U(c-1)
        ("1", "1.001"),
        ("3", "3"),
    ],
)
def test_bulk_cdf_at_kappa_1e5_against_the_fast_path(x, gamma):
    # the Sturm count runs 5e4 steps in the bulk; a count off by one would move the cdf by
    # 1/c = 2e-5, the fast path (Riccati ODE, independent) is within 1e-15 there
    from htmp_exact import fast

    value = exact.cdf(x, gamma, 100000)
    assert abs(float(value.mid()) - fast.cdf(float(x), float(gamma), 1e5)) < 1e-12


@pytest.mark.parametrize("which", ["pdf", "sf"])
def test_contour_through_a_saddle_next_to_the_axis(which):
    # γ = 0.999, κ = 4138, x = 3.99, just below the upper edge: the complex saddle sits 0.02
    # above the cut at -0.5 (the two saddles nearly meet), the descent branch towards 0 runs
    # below the axis, and the path follows the axis instead; Arb's U needed ~20000 bits there.
    # Reference: the fast path (Riccati ODE), within 1e-14 relative there
    from htmp_exact import fast

    value = getattr(exact, which)("3.99", "0.999", 4138)
    ref = getattr(fast, which)(3.99, 0.999, 4138.0)
    assert abs(float(value.mid()) / ref - 1) < 1e-12


def test_cdf_just_past_a_zero_of_the_imaginary_part():
    # y = 5 - √5 is a zero of Im u for γ = 1/2, κ = 6 (c = 3): the phase is -π there and the
    # last Sturm sign is undecided; a count off by one gave a certified cdf of -1/3.  Reference:
    # mpmath quadrature of the density (hyperu) to the zero, where the cdf is exactly 1/c = 1/3
    with mp.workdps(60):
        x = mp.nstr((5 - mp.sqrt(5)) / 6 + mp.mpf("1e-38"), 55)
    with mp.workdps(30):
        ref = mp.quad(lambda t: htmp_pdf_hyperu(t, "0.5", 6, dps=40), [0, (5 - mp.sqrt(5)) / 6])
    value = exact.cdf(x, "0.5", 6, digits=20)
    assert contains(value, ref, ref_digits=25)
    assert abs(float(value.mid()) - 1 / 3) < 1e-30


SUBNORMAL = [(5e-324, 1, "0.05"), (1e-310, 1, "0.05"), (5e-324, "0.5", "0.05"), (5e-324, 2, "0.05")]


@pytest.mark.parametrize("x, gamma, kappa", SUBNORMAL)
def test_cdf_at_subnormal_x_against_the_phase_of_mpmath_hyperu(x, gamma, kappa):
    # y = s·x below the float range: the integer-b route's float estimate of its shift used to
    # fail on log(0) (γ = 1, b = 1)
    assert contains(exact.cdf(x, gamma, kappa), htmp_cdf_phase_near_zero(x, gamma, kappa), ref_digits=30)

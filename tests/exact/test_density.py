"""Certified density and log-density (SPEC §3) against independent routes (mpmath, tails, duality)."""

import math
from decimal import Decimal
from fractions import Fraction

import mpmath as mp
import pytest
from flint import arb, ctx, fmpq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from htmp_exact import exact
from htmp_exact.exact._precision import workprec

from ..reference import contains, htmp_pdf_connection, htmp_pdf_hyperu

# (gamma, kappa) with non-integer b = -alpha, and x across both tails and the bulk
GRID = [("0.3", "2.5"), ("0.5", "7"), ("0.9", "1.3"), ("2", "3"), ("5", "11"), ("0.01", "0.5")]


XS = ["1e-8", "0.01", "0.5", "1", "2.5", "7", "50"]


@pytest.mark.parametrize("gamma,kappa", GRID)
@pytest.mark.parametrize("x", XS)
def test_pdf_contains_connection_formula_value(gamma, kappa, x):
    ball = exact.pdf(x, gamma, kappa)
    assert ball.rel_accuracy_bits() >= 50
    assert contains(ball, htmp_pdf_connection(x, gamma, kappa, dps=80), ref_digits=40)


@pytest.mark.parametrize(
    "gamma,kappa,x",
    [("0.1", 1000.5, "0.5"), ("0.5", 1000.5, "1.5"), ("0.999", 2000.5, "2"), ("5", 1000.5, "1")],
)
def test_pdf_large_kappa_against_connection_formula(gamma, kappa, x):
    # the P/Q formula cancels ~ y*log10(e) digits: use enough of them
    p = exact.pdf(x, gamma, kappa, digits=30)
    y = float(kappa) / 2 / float(gamma) * float(x)
    ref = htmp_pdf_connection(x, gamma, kappa, dps=int(y / 2.3) + 80)
    assert contains(p, ref, ref_digits=40)
    assert p.rel_accuracy_bits() >= 99


@pytest.mark.parametrize("gamma,kappa,x", [("1", 3, "0.7"), ("0.5", 4, "2"), ("0.2", 30, "1.1")])
def test_pdf_integer_b_against_mpmath_hyperu(gamma, kappa, x):
    # gamma = 1 gives b = 1; (0.5, 4): alpha = 1; (0.2, 30): alpha = 59 — exact integer b
    assert contains(exact.pdf(x, gamma, kappa), htmp_pdf_hyperu(x, gamma, kappa), ref_digits=30)


def test_far_tails_match_exact_asymptotic_constants():
    g, k = fmpq(1, 2), fmpq(6)
    c, al, s = k / 2, (k / 2) * (1 / g - 1) - 1, (k / 2) / g
    with ctx.workprec(200):
        C0 = (
            arb(s) ** (arb(al) + 1)
            * arb(c + al + 1).gamma()
            / (arb(c + 1).gamma() * arb(al + 1).gamma() ** 2)
        )
        x = arb("1e-40")
        ratio0 = exact.pdf("1e-40", g, k, digits=30) / (C0 * x ** arb(al))
        assert abs(ratio0 - 1) < arb("1e-25")  # pdf certified to 30 digits; correction O(x)
        x = arb(2000)
        Cinf = (
            arb(s)
            * (arb(s) * x) ** (arb(al) + 2 * arb(c))
            * (-arb(s) * x).exp()
            / (arb(c + 1).gamma() * arb(c + al + 1).gamma())
        )
        ratio = exact.pdf(2000, g, k, digits=30) / Cinf
        assert abs(ratio - 1) < arb("0.01") and not abs(ratio - 1) < arb("1e-6")  # O(1/x) correction
    # gamma > 1 near 0: p ~ s Γ(c)² / (Γ(c+1) Γ(c+α+1) Γ(-α-1)²) (s x)^(-α-2)
    g, k = fmpq(3), fmpq(5)
    c, al, s = k / 2, (k / 2) * (1 / g - 1) - 1, (k / 2) / g
    with ctx.workprec(200):
        x = arb("1e-30")
        C = (
            arb(s)
            * arb(c).gamma() ** 2
            / (arb(c + 1).gamma() * arb(c + al + 1).gamma() * arb(-al - 1).gamma() ** 2)
        )
        ratio = exact.pdf("1e-30", g, k, digits=30) / (C * (arb(s) * x) ** (-arb(al) - 2))
        assert abs(ratio - 1) < arb("1e-10")


@pytest.mark.parametrize("gamma,kappa", [("1", 20), ("0.25", 20), ("0.5", "2.5"), ("3", 7)])
def test_arguments_beyond_the_float_range(gamma, kappa):
    # x = 1e-400 and 1e400 are exact decimals; the float planning must not overflow (it did)
    tiny, huge = "1e-400", "1e400"
    # the density at 1e-400 against mpmath's hyperu (its exponent range is unbounded too)
    assert contains(exact.pdf(tiny, gamma, kappa), htmp_pdf_hyperu(tiny, gamma, kappa), ref_digits=30)
    assert exact.logpdf(tiny, gamma, kappa).overlaps(exact.pdf(tiny, gamma, kappa).log())
    # upper tail: sf ~ p(x)/s (1 + O(1/x)), s = c/γ (for γ > 1 too, through the duality)
    g, k = (fmpq(*Fraction(v).as_integer_ratio()) for v in (gamma, kappa))
    s = k / 2 / g
    ratio = exact.sf(huge, gamma, kappa) * arb(s) / exact.pdf(huge, gamma, kappa)
    assert abs(ratio - 1) < arb("1e-10")
    cdf = exact.cdf(huge, gamma, kappa)
    assert cdf.overlaps(arb(1)) and cdf.rad() < 1e-15
    # lower tail (γ < 1, α > -1): cdf ~ x p(x)/(α + 1)
    if g < 1:
        alpha = k / 2 * (1 / g - 1) - 1
        ratio = exact.cdf(tiny, gamma, kappa) * arb(alpha + 1) / (arb(tiny) * exact.pdf(tiny, gamma, kappa))
        assert abs(ratio - 1) < arb("1e-10")


def test_duality_of_density():
    # gamma > 1 density from the direct formula (mpmath) equals p'(x/γ)/γ² of HTMP(1/γ, κ/γ)
    for g, k, x in [(3, 5, "2"), (2, "7", "0.3")]:
        direct = htmp_pdf_connection(x, g, k)
        dual = exact.pdf(Fraction(x) / g, Fraction(1, g), Fraction(k) / g) / g**2
        assert contains(dual, direct, ref_digits=30)


def test_htmp_tends_to_marchenko_pastur():
    gaps = [abs(exact.pdf(1, "0.5", k) - exact.mp_pdf(1, "0.5")) for k in (100, 1000, 10000)]
    assert gaps[0] > gaps[1] > gaps[2]
    assert gaps[2] < arb("1e-2")


@pytest.mark.parametrize(
    "x,gamma,kappa",
    [
        ("1e-9", "0.01", 10000),
        ("60", "0.01", 10000),
        ("1e-9", 1, 10000),
        ("60", 1, 10000),
        ("1e-9", 7, 10000),
        ("60", 7, 10000),
        ("1.7", "0.2", 8000),
    ],
)
def test_hard_points_reach_30_digits(x, gamma, kappa):
    # 30 certified digits, and the values against the fast path's Riccati ODE (an independent
    # algorithm, float64: pdf and sf to 1e-11 relative, cdf to 1e-14 absolute)
    from htmp_exact import fast

    for f, tolerance, relative in (
        (exact.pdf, 1e-11, True),
        (exact.cdf, 1e-14, False),
        (exact.sf, 1e-11, True),
    ):
        ball = f(x, gamma, kappa, digits=30)
        assert ball.rel_accuracy_bits() >= 100
        value = float(ball.mid())
        reference = float(getattr(fast, f.__name__)(float(x), float(gamma), float(kappa)))
        if relative and value > 1e-290:
            assert abs(reference / value - 1) < tolerance, (f.__name__, value, reference)
        elif not relative:
            assert abs(reference - value) < tolerance, (f.__name__, value, reference)


@settings(max_examples=15, deadline=None, derandomize=True)
@given(
    g=st.sampled_from([Fraction(1), Fraction(1, 4), Fraction(3), Fraction(7, 10)]),
    two_k=st.integers(1, 80),
    x=st.fractions(Fraction(1, 100), Fraction(10), max_denominator=1000),
    radius_exponent=st.integers(-20, -8),
)
def test_ball_inputs_give_enclosures(g, two_k, x, radius_exponent):
    # x, gamma and kappa as balls of radius r = 10^-20 ... 10^-8 at 80 bits: the result must
    # contain the value at a point of the balls other than their centres, (x, γ, κ) + r/2
    # (computed exactly to 30 digits), whichever route the point takes; a route that used the
    # centres only would miss it (the values differ by ~r, the 80-bit ball by ~1e-24)
    half = fmpq(1, 2 * 10**-radius_exponent)
    x, g, k = fmpq(x.numerator, x.denominator), fmpq(g.numerator, g.denominator), fmpq(two_k, 2)

    def ball(v):
        return arb(v) + arb(0, (2 * arb(half)).upper())

    gb, g_ref = (arb(1), g) if g == 1 else (ball(g), g + half)  # γ = 1 is kept exact (no atom switch)
    for fn in (exact.pdf, exact.logpdf):
        assert fn(ball(x), gb, ball(k), prec=80).overlaps(fn(x + half, g_ref, k + half, digits=30))
    assert exact.cdf(ball(x), gb, k, prec=80).overlaps(exact.cdf(x + half, g_ref, k, digits=30))


def test_exact_inputs_are_equivalent():
    ref = exact.pdf("0.75", "0.5", "3", digits=20)
    for x, g, k in [
        (0.75, 0.5, 3.0),
        (Fraction(3, 4), Fraction(1, 2), 3),
        (fmpq(3, 4), fmpq(1, 2), fmpq(3)),
        (mp.mpf(0.75), "0.5", 3),
        (arb("0.75"), "0.5", 3),
        ("3/4", " 1/2", "6/2"),
        (Decimal("0.75"), Decimal("0.50"), Decimal(3)),
    ]:
        assert exact.pdf(x, g, k, digits=20).overlaps(ref)
    # a rational string is exact: 1/3 at 40 digits (a rounded 1/3 would cap the accuracy)
    assert exact.pdf("1/3", "1/3", 3, digits=40).overlaps(
        exact.pdf(Fraction(1, 3), Fraction(1, 3), 3, digits=40)
    )
    assert exact.pdf("1/3", "1/3", 3, digits=40).rel_accuracy_bits() > 40 * math.log2(10)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(
    g=st.fractions(Fraction(1, 20), Fraction(20), max_denominator=40),
    k=st.fractions(Fraction(1, 5), Fraction(60), max_denominator=40),
    x=st.fractions(Fraction(1, 1000), Fraction(30), max_denominator=1000),
)
def test_property_pdf_matches_mpmath_and_cdf_is_consistent(g, k, x):
    if g == 1:
        g = Fraction(21, 20)
    ball = exact.pdf(x, g, k)
    ref = htmp_pdf_hyperu(x, g, k, dps=50)  # Fractions converted at the reference's precision
    assert contains(ball, ref, ref_digits=25)
    lo, hi = exact.cdf(x, g, k), exact.cdf(x * Fraction(11, 10), g, k)
    assert not hi < lo  # never certainly decreasing (increments may be below the radius)


def test_negative_x_and_zero_conventions():
    assert exact.pdf(-1, "0.5", 3) == 0 and exact.cdf(-1, "0.5", 3) == 0 and exact.sf(-1, "0.5", 3) == 1
    assert exact.logpdf(-1, "0.5", 3) == arb.neg_inf()
    assert (
        exact.cdf(0, "0.5", 3) == 0 and exact.cdf(0, 4, 3) == arb(3) / 4 and exact.sf(0, 4, 3) == arb(1) / 4
    )


def test_density_at_zero_for_gamma_above_one_where_the_dual_alpha_is_zero():
    # γ = 2, κ = 4: the dual law has α' = 0, so p(0+) is finite; the reference is mpmath's hyperu
    # in the γ = 2 parameters themselves (α = -2, b = 2), without the duality, near 0
    assert contains(exact.pdf(0, 2, 4, digits=30), htmp_pdf_hyperu("1e-25", 2, 4), ref_digits=20)
    with mp.workdps(40):
        assert contains(
            exact.logpdf(0, 2, 4, digits=30), mp.log(htmp_pdf_hyperu("1e-25", 2, 4)), ref_digits=20
        )


def test_density_at_zero_is_the_limit():
    # gamma = 1/2, kappa = 2 gives alpha = 0: a finite non-zero limit; compare with mpmath near 0
    with mp.workdps(40):
        near_zero = htmp_pdf_hyperu("1e-25", "0.5", 2)
    assert contains(exact.pdf(0, "0.5", 2, digits=30), near_zero, ref_digits=20)
    assert exact.pdf(0, "0.5", 4) == 0 and exact.pdf(0, "0.9", 1) == arb.pos_inf()
    assert exact.cdf(0, 3, 2, digits=40).rel_accuracy_bits() > 130


def _lower_tail_by_series(x, gamma, kappa):
    """(log pdf, log cdf) far below the bulk, from the small-y expansion of U (DLMF 13.2.9,
    13.2.42): u = Γ(α+1)/Γ(s) Σ_k (c)_k y^k / (k! (α)(α-1)...(α-k+1)) up to O(y^(α+1) log y),
    and the cdf as incomplete gammas of the density's expansion y^α e^(-y) (1 - 2cy/α)."""
    with mp.workdps(60):
        g, k, x = mp.mpf(gamma), mp.mpf(kappa), mp.mpf(x)
        c = k / 2
        al, s = c * (1 / g - 1) - 1, c / g
        y = s * x
        series, term = mp.mpf(1), mp.mpf(1)
        for j in range(6):
            term *= (c + j) * y / ((j + 1) * (al - j))
            series += term
        # log of s / (Γ(c+1) Γ(s) |u|^2) without the series
        log_const = mp.log(s) - mp.loggamma(c + 1) + mp.loggamma(s) - 2 * mp.loggamma(al + 1)
        log_pdf = log_const - 2 * mp.log(series) + al * mp.log(y) - y
        lower = mp.gammainc(al + 1, 0, y) - 2 * c / al * mp.gammainc(al + 2, 0, y)
        log_cdf = log_const - mp.log(s) + mp.log(lower)
        return log_pdf, log_cdf


@pytest.mark.parametrize("x,kappa", [("1e-12", 10000), ("1e-12", 100000), ("1e-9", 100000)])
def test_lower_tail_at_tiny_gamma_and_large_kappa(x, kappa):
    # γ = 0.001: α ≈ 5e6-5e7 (an integer) and the far saddle at |t| ~ 1e9-1e12, too far to walk
    # to: the contour ends on the axis with the vertical ray's algebraic bound
    log_pdf, log_cdf = _lower_tail_by_series(x, "0.001", kappa)
    assert contains(exact.logpdf(x, "0.001", kappa, digits=30), log_pdf, ref_digits=40)
    cdf = exact.cdf(x, "0.001", kappa, digits=20)
    # the cdf reference drops O((c y / α)^2) <= 3e-9 relative
    with workprec(128):
        assert abs(cdf.log() - arb(mp.nstr(log_cdf, 30))) < 1e-8

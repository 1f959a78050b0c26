"""Certified HTMP path against independent routes (mpmath formulas, quadrature, identities)."""
import math
from decimal import Decimal
from fractions import Fraction

import mpmath as mp
import pytest
from flint import acb, arb, ctx, fmpq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from htmp_exact import exact
from htmp_exact._domain import HTMPParams
from htmp_exact.exact._tricomi import u_contour, u_direct

from .reference import contains, htmp_pdf_connection, htmp_pdf_hyperu

# (gamma, kappa) with non-integer b = -alpha, and x across both tails and the bulk
GRID = [("0.3", "2.5"), ("0.5", "7"), ("0.9", "1.3"), ("2", "3"), ("5", "11"), ("0.01", "0.5")]
XS = ["1e-8", "0.01", "0.5", "1", "2.5", "7", "50"]


@pytest.mark.parametrize("gamma,kappa", GRID)
@pytest.mark.parametrize("x", XS)
def test_pdf_contains_connection_formula_value(gamma, kappa, x):
    ball = exact.pdf(x, gamma, kappa)
    assert ball.rel_accuracy_bits() >= 50
    assert contains(ball, htmp_pdf_connection(x, gamma, kappa, dps=80), ref_digits=40)


@pytest.mark.parametrize("gamma,kappa,x", [("0.1", 1000.5, "0.5"), ("0.5", 1000.5, "1.5"),
                                           ("0.999", 2000.5, "2"), ("5", 1000.5, "1")])
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


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 60), st.integers(-1, 40), st.fractions(Fraction(1, 20), Fraction(40)))
def test_shifted_integer_b_agrees_with_arb_at_the_integer(two_c, alpha, y):
    # the shifted route (Arb at b + 2^-88 plus the bound on ∂U/∂b) against Arb's own
    # logarithmic limit at the exact integer b = -α, at 4x the precision
    # (and u_on_cut, which uses it where it pays, reaches prec - 20 bits whatever the caller's
    # flint precision)
    from htmp_exact.exact._tricomi import _shifted, u_on_cut
    c, alpha, y = fmpq(two_c, 2), fmpq(alpha), fmpq(y.numerator, y.denominator)
    ours, combined = _shifted(c, alpha, y, 80), u_on_cut(c, alpha, y, 80)
    ref = u_direct(c, alpha, y, 320)
    assert ref.rel_accuracy_bits() > 80
    assert ours.overlaps(ref) and combined.overlaps(ref)
    assert ours.rel_accuracy_bits() >= 60 or not ours.real.is_finite()
    assert combined.rel_accuracy_bits() >= 60


@pytest.mark.parametrize("c,alpha,y", [((10, 1), (2597, 673), (63079, 673)), ((11, 2), (4291, 186), (311201, 3720)),
                                         ((1779, 200), (1679, 100), (741843, 10000))])
def test_arb_retried_at_the_connection_formulas_precision_agrees_with_the_contour(c, alpha, y):
    # upper tail at small c: Arb's first ball has no correct bit, and the retry jumps to the
    # precision its 1F1 form needs (connection_bits) instead of leaving the point to the
    # contour integral, the independent route used as the reference here
    from htmp_exact.exact._tricomi import DIRECT_EXTRA_BITS, u_on_cut
    c, alpha, y = fmpq(*c), fmpq(*alpha), fmpq(*y)
    assert u_direct(c, alpha, y, 83 + DIRECT_EXTRA_BITS).rel_accuracy_bits() <= 0
    ours, ref = u_on_cut(c, alpha, y, 83), u_contour(c, alpha, y, 160)
    assert ours.overlaps(ref) and ours.rel_accuracy_bits() >= 63


def test_b_derivative_bound_exceeds_difference_quotients():
    # |U(c, b + h) - U(c, b)| / h <= the bound, for h = 1e-6 and 1/2 (Arb, 1000 bits)
    from htmp_exact.exact._tricomi import b_derivative_bound
    for c, b, y in [(fmpq(5), fmpq(1), fmpq(5)), (fmpq(10), fmpq(-29), fmpq(40)),
                    (fmpq(3, 2), fmpq(0), fmpq(1, 10)), (fmpq(25), fmpq(-9), fmpq(90))]:
        bound = b_derivative_bound(c, b, y, arb(1) / 2)
        with exact.workprec(1000):
            u0 = acb(-arb(y)).hypgeom_u(arb(c), arb(b))
            for h in (fmpq(1, 10**6), fmpq(1, 2)):
                slope = abs(acb(-arb(y)).hypgeom_u(arb(c), arb(b + h)) - u0) / arb(h)
                assert slope < bound
        assert bound < 1e6 * slope  # and it is not vacuous


def test_contour_integral_agrees_with_arb_hypgeom_u():
    # two independent rigorous algorithms for U(c, -alpha, y e^{i pi}) must overlap
    for c, alpha, y in [(fmpq(20), fmpq(159, 2), fmpq(150)), (fmpq(40), fmpq(319, 2), fmpq(340)),
                        (fmpq(20), fmpq(79), fmpq(10)), (fmpq(15, 2), fmpq(27, 2), fmpq(20))]:
        a, b = u_contour(c, alpha, y, 120), u_direct(c, alpha, y, 600)
        assert a.rel_accuracy_bits() > 100 and b.rel_accuracy_bits() > 20
        assert a.overlaps(b)


def _mass_below(x, gamma, kappa):
    """∫_0^x p by mpmath quadrature of the reference density, with x = x0 u^(1/(1+α))."""
    g, k = mp.mpf(gamma), mp.mpf(kappa)
    c = k / 2
    al = c * (1 / g - 1) - 1
    e = 1 / (al + 1)
    f = lambda u: htmp_pdf_hyperu(mp.mpf(x) * u ** e, gamma, kappa) * mp.mpf(x) * e * u ** (e - 1)
    return mp.quad(f, [0, 0.5, 1])


@pytest.mark.parametrize("gamma,kappa,x", [("0.5", 3, "0.7"), ("0.3", "2.5", "1.5"), ("0.8", 20, "0.3"),
                                           ("0.5", "0.1", "0.01"), ("0.9", "1.3", "4")])
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


def test_far_tails_match_exact_asymptotic_constants():
    g, k = fmpq(1, 2), fmpq(6)
    c, al, s = k / 2, (k / 2) * (1 / g - 1) - 1, (k / 2) / g
    with ctx.workprec(200):
        C0 = arb(s) ** (arb(al) + 1) * arb(c + al + 1).gamma() / (arb(c + 1).gamma() * arb(al + 1).gamma() ** 2)
        x = arb("1e-40")
        ratio0 = exact.pdf("1e-40", g, k, digits=30) / (C0 * x ** arb(al))
        assert abs(ratio0 - 1) < arb("1e-25")  # pdf certified to 30 digits; correction O(x)
        x = arb(2000)
        Cinf = arb(s) * (arb(s) * x) ** (arb(al) + 2 * arb(c)) * (-arb(s) * x).exp() / (
            arb(c + 1).gamma() * arb(c + al + 1).gamma())
        ratio = exact.pdf(2000, g, k, digits=30) / Cinf
        assert abs(ratio - 1) < arb("0.01") and not abs(ratio - 1) < arb("1e-6")  # O(1/x) correction
    # gamma > 1 near 0: p ~ s Γ(c)² / (Γ(c+1) Γ(c+α+1) Γ(-α-1)²) (s x)^(-α-2)
    g, k = fmpq(3), fmpq(5)
    c, al, s = k / 2, (k / 2) * (1 / g - 1) - 1, (k / 2) / g
    with ctx.workprec(200):
        x = arb("1e-30")
        C = arb(s) * arb(c).gamma() ** 2 / (arb(c + 1).gamma() * arb(c + al + 1).gamma() * arb(-al - 1).gamma() ** 2)
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


@pytest.mark.parametrize("gamma,kappa", [("0.5", "3"), ("2", "3")])
def test_stieltjes_against_quadrature_including_atom(gamma, kappa):
    z = mp.mpc(-0.7, 0.4)
    with mp.workdps(30):
        g = mp.mpf(gamma)
        integral = mp.quad(lambda t: htmp_pdf_hyperu(t, gamma, kappa) / (t - z), [0, mp.mpf(1) / 10**6, 1, 5, 30, mp.inf])
        ref = integral + (1 - 1 / g if g > 1 else 0) / (0 - z)
    S = exact.stieltjes(complex(-0.7, 0.4), gamma, kappa)
    assert S.real.overlaps(arb(mp.nstr(ref.real, 25)) + arb(0, 1e-12))
    assert S.imag.overlaps(arb(mp.nstr(ref.imag, 25)) + arb(0, 1e-12))


def test_stieltjes_gamma_one_against_mpmath_hyperu_ratio():
    # at gamma = 1 the density ~ 1/(x log^2 x) defeats quadrature near 0 (mass ~ 1/|log x|);
    # compare with the SPEC §4 ratio evaluated by another library (mpmath's hyperu, b = 1 limit)
    z = mp.mpc(-0.7, 0.4)
    with mp.workdps(40):
        c, s = mp.mpf(5) / 4, mp.mpf(5) / 4  # kappa = 5/2, gamma = 1: alpha = -1, s = c
        ref = s * mp.hyperu(c + 1, 2, -s * z) / mp.hyperu(c, 1, -s * z)
    S = exact.stieltjes(complex(-0.7, 0.4), 1, "2.5", digits=30)
    assert contains(S.real, ref.real) and contains(S.imag, ref.imag)


@pytest.mark.parametrize("z", ["-0.1", Fraction(-1, 3), -10**400])
def test_stieltjes_at_exact_rational_points_reaches_40_digits(z):
    # an exact rational z stays exact (it was rounded to 53 bits once, capping the accuracy
    # at ~45 bits); against mpmath's hyperu ratio (SPEC §4) at 80 digits, and S ~ -1/z
    S = exact.stieltjes(z, "0.5", 4, digits=40)
    assert S.rel_accuracy_bits() > 40 * math.log2(10)
    with mp.workdps(80):
        zz = mp.mpf(Fraction(z).numerator) / Fraction(z).denominator
        c, alpha, s = mp.mpf(2), mp.mpf(1), mp.mpf(4)  # gamma = 1/2, kappa = 4
        ref = s * mp.hyperu(c + 1, 1 - alpha, -s * zz) / mp.hyperu(c, -alpha, -s * zz)
    assert contains(S.real, ref, ref_digits=60)
    assert exact.mp_stieltjes(Fraction(-1, 3), "0.5", digits=40).overlaps(arb(1))  # S² + 5S - 6 = 0


def test_stieltjes_boundary_value_is_the_density():
    for g, k, x in [("0.5", 4, "1"), ("2", 3, "1.5")]:
        S = exact.stieltjes(acb(arb(x), arb("1e-40")), g, k, digits=30)
        assert (S.imag / arb.pi()).overlaps(exact.pdf(x, g, k, digits=30) + arb(0, 1e-35))


def test_atom_is_limit_of_minus_z_stieltjes():
    z = -1e-30  # a binary float: arb(z) below is the same exact number
    S = exact.stieltjes(z, 4, 3, digits=30)
    with ctx.workprec(128):
        assert abs(-arb(z) * S - arb(3) / 4) < arb("1e-25")


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


@pytest.mark.parametrize("x,gamma,kappa", [("1e-9", "0.01", 10000), ("60", "0.01", 10000),
                                           ("1e-9", 1, 10000), ("60", 1, 10000), ("1e-9", 7, 10000),
                                           ("60", 7, 10000), ("1.7", "0.2", 8000)])
def test_hard_points_reach_30_digits(x, gamma, kappa):
    for f in (exact.pdf, exact.cdf, exact.sf):
        ball = f(x, gamma, kappa, digits=30)
        assert ball.rel_accuracy_bits() >= 100


def test_precision_argument_and_restoration():
    old = ctx.prec
    ctx.prec = 77
    try:
        v = exact.pdf(1, "0.5", 4, prec=300)
        assert ctx.prec == 77
        assert v.rel_accuracy_bits() > 250
        with pytest.raises(ValueError):
            exact.pdf(1, "0.5", 4, prec=100, digits=10)
        assert ctx.prec == 77
    finally:
        ctx.prec = old


def test_inexact_ball_input_stops_early_with_precision_error():
    with pytest.raises(exact.PrecisionError, match="inexact ball inputs"):
        exact.pdf(arb(1) + arb(0, 1e-10), "0.5", 4, digits=30)


@settings(max_examples=15, deadline=None, derandomize=True)
@given(g=st.sampled_from([Fraction(1), Fraction(1, 4), Fraction(3), Fraction(7, 10)]),
       two_k=st.integers(1, 80), x=st.fractions(Fraction(1, 100), Fraction(10), max_denominator=1000),
       radius_exponent=st.integers(-20, -8))
def test_ball_inputs_give_enclosures(g, two_k, x, radius_exponent):
    # x, gamma and kappa as balls of radius r = 10^-20 ... 10^-8 at 80 bits: the result must
    # contain the value at a point of the balls other than their centres, (x, γ, κ) + r/2
    # (computed exactly to 30 digits), whichever route the point takes; a route that used the
    # centres only would miss it (the values differ by ~r, the 80-bit ball by ~1e-24)
    half = fmpq(1, 2 * 10 ** -radius_exponent)
    x, g, k = fmpq(x.numerator, x.denominator), fmpq(g.numerator, g.denominator), fmpq(two_k, 2)

    def ball(v):
        return arb(v) + arb(0, (2 * arb(half)).upper())

    gb, g_ref = (arb(1), g) if g == 1 else (ball(g), g + half)  # γ = 1 is kept exact (no atom switch)
    for fn in (exact.pdf, exact.logpdf):
        assert fn(ball(x), gb, ball(k), prec=80).overlaps(fn(x + half, g_ref, k + half, digits=30))
    assert exact.cdf(ball(x), gb, k, prec=80).overlaps(exact.cdf(x + half, g_ref, k, digits=30))


def test_exact_inputs_are_equivalent():
    ref = exact.pdf("0.75", "0.5", "3", digits=20)
    for x, g, k in [(0.75, 0.5, 3.0), (Fraction(3, 4), Fraction(1, 2), 3), (fmpq(3, 4), fmpq(1, 2), fmpq(3)),
                    (mp.mpf(0.75), "0.5", 3), (arb("0.75"), "0.5", 3), ("3/4", " 1/2", "6/2"),
                    (Decimal("0.75"), Decimal("0.50"), Decimal(3))]:
        assert exact.pdf(x, g, k, digits=20).overlaps(ref)
    # a rational string is exact: 1/3 at 40 digits (a rounded 1/3 would cap the accuracy)
    assert exact.pdf("1/3", "1/3", 3, digits=40).overlaps(exact.pdf(Fraction(1, 3), Fraction(1, 3), 3, digits=40))
    assert exact.pdf("1/3", "1/3", 3, digits=40).rel_accuracy_bits() > 40 * math.log2(10)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
@given(g=st.fractions(Fraction(1, 20), Fraction(20), max_denominator=40),
       k=st.fractions(Fraction(1, 5), Fraction(60), max_denominator=40),
       x=st.fractions(Fraction(1, 1000), Fraction(30), max_denominator=1000))
def test_property_pdf_matches_mpmath_and_cdf_is_consistent(g, k, x):
    if g == 1:
        g = Fraction(21, 20)
    ball = exact.pdf(x, g, k)
    ref = htmp_pdf_hyperu(x, g, k, dps=50)  # Fractions converted at the reference's precision
    assert contains(ball, ref, ref_digits=25)
    lo, hi = exact.cdf(x, g, k), exact.cdf(x * Fraction(11, 10), g, k)
    assert not hi < lo  # never certainly decreasing (increments may be below the radius)
    assert (lo + exact.sf(x, g, k)).overlaps(arb(1))


BAD = [
    (dict(gamma=0), ValueError), (dict(gamma=-1), ValueError), (dict(kappa=0), ValueError),
    (dict(kappa=-2.0), ValueError), (dict(gamma=float("nan")), ValueError), (dict(kappa=float("inf")), ValueError),
    (dict(gamma=1j), TypeError), (dict(kappa=None), TypeError), (dict(x=float("nan")), ValueError),
    (dict(x="abc"), ValueError), (dict(x=[1, 2]), TypeError), (dict(gamma=True), TypeError),
    (dict(x="1/0"), ValueError), (dict(kappa="1/x"), ValueError), (dict(x=arb(0, 1e-3)), ValueError),
    (dict(gamma=Decimal("NaN")), ValueError), (dict(kappa=Decimal("-Infinity")), ValueError),
]


@pytest.mark.parametrize("fn", [exact.pdf, exact.logpdf, exact.cdf, exact.sf])
@pytest.mark.parametrize("bad,err", BAD)
def test_bad_inputs_raise_named_errors(fn, bad, err):
    args = dict(x=1, gamma="0.5", kappa=3)
    args.update(bad)
    with pytest.raises(err) as info:
        fn(args["x"], args["gamma"], args["kappa"])
    assert list(bad)[0] in str(info.value)


def test_bad_inputs_other_functions():
    with pytest.raises(ValueError, match="z"):
        exact.stieltjes(1.5, "0.5", 3)
    with pytest.raises(ValueError, match="z"):
        exact.stieltjes(0, "0.5", 3)
    with pytest.raises(TypeError, match="z"):
        exact.stieltjes(object(), "0.5", 3)
    with pytest.raises(ValueError, match="gamma"):
        exact.atom(-1)
    with pytest.raises(ValueError, match="k"):
        exact.moment(-1, 1, 1)
    with pytest.raises(TypeError, match="k"):
        exact.moment(1.5, 1, 1)
    with pytest.raises(ValueError, match="kappa"):
        exact.moment(2, 1, 0)
    with pytest.raises(ValueError, match="digits"):
        exact.pdf(1, 1, 1, digits=0)


def test_negative_x_and_zero_conventions():
    assert exact.pdf(-1, "0.5", 3) == 0 and exact.cdf(-1, "0.5", 3) == 0 and exact.sf(-1, "0.5", 3) == 1
    assert exact.logpdf(-1, "0.5", 3) == arb.neg_inf()
    assert exact.cdf(0, "0.5", 3) == 0 and exact.cdf(0, 4, 3) == arb(3) / 4


def test_density_at_zero_is_the_limit():
    # gamma = 1/2, kappa = 2 gives alpha = 0: a finite non-zero limit; compare with mpmath near 0
    with mp.workdps(40):
        near_zero = htmp_pdf_hyperu("1e-25", "0.5", 2)
    assert contains(exact.pdf(0, "0.5", 2, digits=30), near_zero, ref_digits=20)
    assert exact.pdf(0, "0.5", 4) == 0 and exact.pdf(0, "0.9", 1) == arb.pos_inf()
    assert exact.cdf(0, 3, 2, digits=40).rel_accuracy_bits() > 130


def test_stieltjes_at_large_kappa_boundary_value_and_symmetry():
    # gamma = 1/5, kappa = 8000: b = -15999 is an integer and Arb's U alone fails here
    S = exact.stieltjes(complex(1.7, 1e-30), "0.2", 8000, digits=20)  # exact binary inputs
    assert (S.imag / arb.pi()).overlaps(exact.pdf(1.7, "0.2", 8000, digits=20) + arb(0, 1e-25))
    lower = exact.stieltjes(complex(2, -0.1), "0.2", 8000)
    upper = exact.stieltjes(complex(2, 0.1), "0.2", 8000)
    assert lower.real.overlaps(upper.real) and lower.imag.overlaps(-upper.imag)


def test_contour_integral_for_complex_argument_agrees_with_arb():
    from htmp_exact.exact._tricomi import tricomi_contour

    for a, b, w in [(fmpq(21), fmpq(-59), acb(-30, -12)), (fmpq(5), fmpq(-3, 2), acb(2, -7)),
                    (fmpq(13, 2), fmpq(-20), acb(-40, -1))]:
        with ctx.workprec(150):
            c = tricomi_contour(a, b, w, 150)
        with ctx.workprec(600):
            d = w.hypgeom_u(arb(a), arb(b))
        assert c.rel_accuracy_bits() > 120 and d.rel_accuracy_bits() > 100
        assert c.overlaps(d)


@pytest.mark.parametrize("gamma,kappa,x", [("0.25", 10000, "2.5"), ("0.25", 10000, "3"), ("1", 10000, "6"),
                                           ("0.25", 10000, "1"), ("0.01", 1000, "0.5")])
def test_distribution_difference_quotient_is_the_density(gamma, kappa, x):
    # -d sf/dx = d cdf/dx = pdf links the phase route to the |U|^2 route (pdf); central difference,
    # step h with h*s ~ 1e-4 so the O(h^2) error is far below the tolerance
    s = Fraction(kappa) / 2 / Fraction(gamma)
    h = Fraction(1, math.ceil(s * 10**4))
    xq = Fraction(x)
    with ctx.workprec(200):
        upper_tail = exact.sf(xq, gamma, kappa) < arb(1) / 2
        f = (lambda t: -exact.sf(t, gamma, kappa, digits=40)) if upper_tail else (
            lambda t: exact.cdf(t, gamma, kappa, digits=40))  # the side that is small: no cancellation
        quotient = (f(xq + h) - f(xq - h)) / (2 * arb(fmpq(h.numerator, h.denominator)))
        ratio = quotient / exact.pdf(xq, gamma, kappa, digits=40)
        assert abs(ratio - 1) < arb("1e-6")


def test_rotated_contour_agrees_with_connection_formula():
    from htmp_exact.exact._tricomi import im_rotated_u, rotated_u_contour

    for c, alpha, y in [(fmpq(20), fmpq(19), fmpq(160)), (fmpq(41, 2), fmpq(79, 2), fmpq(200))]:
        with ctx.workprec(150):
            by_contour = rotated_u_contour(c, alpha, y, 150).imag
            by_formula = im_rotated_u(c, alpha, y, 150)
        assert by_contour.rel_accuracy_bits() > 120 and by_formula.rel_accuracy_bits() > 100
        assert by_contour.overlaps(by_formula)


def test_certify_keeps_raising_precision_while_the_phase_branch_is_unresolved():
    # at 64-128 bits the phase of U is only known up to one branch (cdf ± 1/c, 4 bits), which
    # once stopped the precision loop early; the loop must go on until the branch is decided
    x, g, k = 2.8077059102537496, "0.5", 100
    ball = exact.cdf(x, g, k, digits=8)
    assert ball.rel_accuracy_bits() >= 27
    assert (ball + exact.sf(x, g, k, digits=8)).overlaps(arb(1))
    assert ball.overlaps(exact.cdf(x, g, k, prec=1024))


def test_contour_path_that_strays_below_the_axis_is_still_right():
    # (c, α, y) = (4.1, 15.4, 41): the two saddles almost meet near t = −0.69, and the float
    # tracer once put a vertex below the cut of t^(a−1), giving a wrong U (caught by the
    # fast path's tests).  Compare with Arb's direct U at 512 bits.
    c, al, y = fmpq(41, 10), fmpq(154, 10), fmpq(41)
    assert u_contour(c, al, y, 128).overlaps(u_direct(c, al, y, 512))
    ref = htmp_pdf_connection("2", "0.2", "8.2", dps=80)   # the dual point of (x, γ, κ) = (10, 5, 41)
    assert contains(exact.pdf(10, 5, 41, digits=20) * 25, ref, 60)
    assert (exact.cdf(10, 5, 41) + exact.sf(10, 5, 41)).overlaps(arb(1))


def test_stieltjes_near_integer_b_agrees_with_mpmath():
    # γ = float 0.01, κ = 4: b = −197 + 4e-15; Arb's U needs ~1000 bits at |s z| = 283 (one
    # boosted retry instead of the contour integral, which took 90 s here; speed is the
    # benchmark's business, this checks the value)
    import mpmath
    value = exact.stieltjes(1 + 1j, 0.01, 4.0, digits=20)
    with mpmath.workdps(60):
        g = mpmath.mpf(0.01)
        c, s = mpmath.mpf(2), 2 / g
        alpha = c * (1 / g - 1) - 1
        zeta = -s * mpmath.mpc(1, 1)
        ref = s * mpmath.hyperu(c + 1, 1 - alpha, zeta) / mpmath.hyperu(c, -alpha, zeta)
        mid = mpmath.mpc(value.real.mid().str(30, radius=False), value.imag.mid().str(30, radius=False))
        assert abs(mid - ref) <= mpmath.mpf("1e-19") * abs(ref)


def test_stieltjes_contour_ratio_in_both_forms_agrees_with_arb():
    # the contour fallback of exact.stieltjes: the ratio U(c+1, 1-α, z)/U(c, -α, z) as it
    # stands and after Kummer's transformation, each against Arb's direct U at 200 bits
    from htmp_exact._domain import HTMPParams
    from htmp_exact.exact._tricomi import tricomi_contour
    for gamma, kappa, z in [("0.3", "7", (1.3, 0.2)), ("0.1", "5", (1.2, 0.05))]:
        p = HTMPParams.from_inputs(gamma, kappa)
        with exact.workprec(200):
            arg = -arb(p.s) * acb(*z)
            ref = arg.hypgeom_u(arb(p.c) + 1, 1 - arb(p.alpha)) / arg.hypgeom_u(arb(p.c), -arb(p.alpha))
            as_is = tricomi_contour(p.c + 1, 1 - p.alpha, arg, 200) / tricomi_contour(p.c, -p.alpha, arg, 200)
            kummer = (tricomi_contour(p.s, 1 + p.alpha, arg, 200)
                      / (arg * tricomi_contour(p.s, 2 + p.alpha, arg, 200)))
        assert ref.rel_accuracy_bits() > 100
        for ratio in (as_is, kummer):
            assert ratio.overlaps(ref) and ratio.rel_accuracy_bits() > 150
    # γ = 0.05, κ = 3 near the support: the untransformed descent path towards 0 runs below
    # the axis, and the path follows the axis to the saddle instead (against Arb at 800 bits);
    # the fallback's Kummer form gives the ratio: against mpmath's hyperu ratio
    import mpmath
    from htmp_exact.exact._htmp import _contour_ratio
    p = HTMPParams.from_inputs("0.05", "3")
    with exact.workprec(200):
        arg = -arb(p.s) * acb(0.7, 0.01)
        through_axis = tricomi_contour(p.c, -p.alpha, arg, 200)
        value = _contour_ratio(p, arg, 200)
    with exact.workprec(800):
        assert through_axis.overlaps(arg.hypgeom_u(arb(p.c), -arb(p.alpha)))
    assert through_axis.rel_accuracy_bits() > 150
    assert value.rel_accuracy_bits() > 150
    with mpmath.workdps(60):
        zeta = mpmath.mpf(-30) * mpmath.mpc(0.7, 0.01)
        ref = mpmath.hyperu(mpmath.mpf(5) / 2, -mpmath.mpf(53) / 2, zeta) / mpmath.hyperu(
            mpmath.mpf(3) / 2, -mpmath.mpf(55) / 2, zeta)
        mid = mpmath.mpc(value.real.mid().str(40, radius=False), value.imag.mid().str(40, radius=False))
        assert abs(mid - ref) <= mpmath.mpf("1e-35") * abs(ref)


def test_stieltjes_next_to_the_bulk_with_large_argument_agrees_with_fast_path():
    # |s z| ≈ 10⁴ at γ = 0.001, κ = 20, 1e-6 above the support near the bulk's edges: Arb's U
    # fails and the untransformed contour finds no path for U(c, -α, .); the Kummer form does
    from htmp_exact import fast
    for x in (0.94, 1.06, 1.09):
        z = complex(x, 1e-6)
        ball = exact.stieltjes(z, "0.001", 20)
        mid = complex(float(ball.real.mid()), float(ball.imag.mid()))
        assert ball.rel_accuracy_bits() >= 50
        assert abs(mid - fast.stieltjes(z, 0.001, 20)) <= 1e-12 * abs(mid)


@pytest.mark.parametrize("a,b,y", [("0.08", "500", "100"), ("0.0816", "838506.4", "11910.6"),
                                   ("-40.5", "3000", "500"), ("0.3", "7.25", "2")])
def test_kummer_series_against_mpmath(a, b, y):
    # the fallback for Arb's 1F1, which returns NaN for the first three (large b)
    from htmp_exact.exact._kummer import kummer_m_series
    value = kummer_m_series(fmpq(Fraction(a).numerator, Fraction(a).denominator),
                            fmpq(Fraction(b).numerator, Fraction(b).denominator),
                            fmpq(Fraction(y).numerator, Fraction(y).denominator), 200)
    assert value.rel_accuracy_bits() > 150
    with mp.workdps(80):
        ref = mp.hyp1f1(mp.mpf(Fraction(a).numerator) / Fraction(a).denominator,
                        mp.mpf(Fraction(b).numerator) / Fraction(b).denominator,
                        mp.mpf(Fraction(y).numerator) / Fraction(y).denominator)
    assert contains(value, ref, ref_digits=60)


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


@pytest.mark.parametrize("x,gamma,kappa,which", [
    # lower tail, α ≈ 8.4e5: Arb's 1F1 gives up (b = α + 2), the Sturm count and Im u use the series
    (0.014135338283474217, 0.004874675578546091, 8214.928570837865, "cdf"),
    # upper tail at large κ, γ ≈ 1: y = 2.4e5 beyond every Laguerre zero (counted at y0 ≈ 4ν)
    (72.18947683764718, 0.9999999956664289, 3261.6718765003325, "sf"),
    # below the bulk at κ = 10⁵: Im u from the off-axis part of the real-saddle contour
    ("0.5", "0.05", 100000, "cdf"),
    # the dual law's upper tail at κ = 10⁵ (c = 16666.7): the backward Sturm count starts
    # from Im U(c), Im U(c-1), where Arb's 1F1 returns a ball around 0
    ("10", "3", 100000, "sf"),
])
def test_far_tails_at_large_kappa_against_quadrature_of_the_density(x, gamma, kappa, which):
    value = getattr(exact, which)(x, gamma, kappa)
    ref = _log_tail_mass_by_quadrature(x, gamma, kappa, upper=(which == "sf"))
    assert abs(float(value.log().mid()) - float(ref)) <= 1e-12 * abs(float(ref))


@pytest.mark.parametrize("gamma,kappa,x", [("0.05", 10000, "0.5"), ("0.01", 3000, "0.4"), ("0.3", 2000, "0.1")])
def test_lower_tail_imaginary_part_two_routes(gamma, kappa, x):
    # Im u below the bulk: the off-axis part of the real-saddle contour against the
    # connection formula with Kummer's series (DLMF 13.2.42) at the precision it needs
    from htmp_exact.exact._tricomi import im_u_lower_contour, im_u_small
    p = HTMPParams.from_inputs(gamma, kappa)
    y = p.s * fmpq(Fraction(x).numerator, Fraction(x).denominator)
    by_contour = im_u_lower_contour(p.c, p.alpha, y, 100)
    by_series = im_u_small(p.c, p.alpha, y, 2000)
    assert by_contour.rel_accuracy_bits() > 80 and by_series.rel_accuracy_bits() > 80
    assert by_contour.overlaps(by_series)


def test_sturm_count_backward_recurrence_equals_forward():
    # the same sequence f_j computed in the two directions must give the same signs, and the
    # count must be the number of zeros of L_{c-1}^{(1+α)} below y (mpmath's laguerre)
    from htmp_exact.exact._phase import _sturm_signs
    c, alpha = fmpq(45, 2), fmpq(16, 5)
    with mp.workdps(50):
        nu, beta = mp.mpf(45) / 2 - 1, mp.mpf(16) / 5 + 1
        grid = [mp.mpf(k) / 4 for k in range(1, 1600)]
        values = [mp.laguerre(nu, beta, t) for t in grid]
    for y in (1, 7, 30, 55, 81, 120, 400):
        forward = _sturm_signs(c, alpha, fmpq(y), 400)
        backward = _sturm_signs(c, alpha, fmpq(y), 400, backward=True)
        assert forward == backward and forward is not None
        zeros = sum(1 for t, a, b in zip(grid, values, values[1:]) if t < y and mp.sign(a) != mp.sign(b))
        assert forward[0] + (1 if forward[1] < 0 else 0) == zeros


def test_atom_dominated_distribution_near_zero_at_large_kappa():
    # γ = 100, κ = 10⁵, x = 1e-12: the continuous part holds ~1e-670075 of mass below x (the
    # dual's lower tail), so cdf = 1 - 1/γ and sf = 1/γ to any digits; Arb's U fails there
    # (a failure, not a stalled 15-bit accuracy), the contour ends with the vertical ray
    cdf, sf = exact.cdf("1e-12", "100", 100000, digits=40), exact.sf("1e-12", "100", 100000, digits=40)
    with exact.workprec(200):
        assert abs(cdf - fmpq(99, 100)).upper() < 1e-40 and cdf.rel_accuracy_bits() >= 133
        assert abs(sf - fmpq(1, 100)).upper() < 1e-40 and sf.rel_accuracy_bits() >= 133


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
    with exact.workprec(128):
        assert abs(cdf.log() - arb(mp.nstr(log_cdf, 30))) < 1e-8


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


def test_cone_recurrence_signs_of_a_rotation():
    # g_k = sin((k+1) t) / sin t solves g_(k+1) = 2 cos(t) g_k - g_(k-1), a pure rotation:
    # plain ball arithmetic loses its signs after 60 steps at 64 bits (the wrapping
    # effect), the cone keeps them over 20000 steps; reference: mpmath's sin at 40 digits
    from htmp_exact.exact._phase import _recurrence_signs
    t = fmpq(7, 10)
    with exact.workprec(64):
        two_cos = 2 * arb(t).cos()
        signs = _recurrence_signs(arb(1), two_cos, lambda k: (two_cos, arb(-1)), 20000, 64)
    with mp.workdps(40):
        ref = [int(mp.sign(mp.sin((k + 1) * mp.mpf(7) / 10))) for k in range(20001)]
    assert signs is not None and signs[:-1] == ref[:-1]


@pytest.mark.parametrize("x,gamma", [("0.5", "0.5"), ("1", "0.5"), ("2", "0.5"),
                                     # non-integer c: the forward count starts on the recurrence's
                                     # minimal solution; the backward one starts from Im U(c), U(c-1)
                                     ("1", "1.001"), ("3", "3")])
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


@pytest.mark.parametrize("x,gamma,kappa", [("1", "0.5", 4), ("1.5", "2", 3), ("0.375", "1", 10), ("2.5", "0.25", 40)])
def test_stieltjes_boundary_is_the_limit_from_above(x, gamma, kappa):
    # S(x + i0) against S(x + iε) at ε = 1e-40 (|S'| ε far below the tolerance; x binary, so the
    # ball of x is exact), computed from
    # a complex argument off the cut, and Im S(x + i0) = π p(x) (SPEC §4)
    edge = exact.stieltjes_boundary(x, gamma, kappa, digits=25)
    near = exact.stieltjes(acb(arb(x), arb("1e-40")), gamma, kappa, digits=25)
    assert edge.real.overlaps(near.real + arb(0, 1e-30)) and edge.imag.overlaps(near.imag + arb(0, 1e-30))
    assert (edge.imag / arb.pi()).overlaps(exact.pdf(x, gamma, kappa, digits=25))
    assert edge.rel_accuracy_bits() > 25 * 3.3

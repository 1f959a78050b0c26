"""Certified Stieltjes transform (SPEC §4) against quadrature, mpmath ratios and the density."""

import math
from fractions import Fraction

import mpmath as mp
import pytest
from flint import acb, arb, ctx

from htmp_exact import exact
from htmp_exact._parameters import HTMPParams
from htmp_exact.exact._precision import workprec

from ..reference import contains, htmp_pdf_hyperu


@pytest.mark.parametrize("gamma,kappa", [("0.5", "3"), ("2", "3")])
def test_stieltjes_against_quadrature_including_atom(gamma, kappa):
    z = mp.mpc(-0.7, 0.4)
    with mp.workdps(30):
        g = mp.mpf(gamma)
        integral = mp.quad(
            lambda t: htmp_pdf_hyperu(t, gamma, kappa) / (t - z), [0, mp.mpf(1) / 10**6, 1, 5, 30, mp.inf]
        )
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


@pytest.mark.parametrize("z", ["-0.1", Fraction(-1, 3), -(10**400)])
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


def test_stieltjes_at_large_kappa_boundary_value_and_symmetry():
    # gamma = 1/5, kappa = 8000: b = -15999 is an integer and Arb's U alone fails here
    S = exact.stieltjes(complex(1.7, 1e-30), "0.2", 8000, digits=20)  # exact binary inputs
    assert (S.imag / arb.pi()).overlaps(exact.pdf(1.7, "0.2", 8000, digits=20) + arb(0, 1e-25))
    lower = exact.stieltjes(complex(2, -0.1), "0.2", 8000)
    upper = exact.stieltjes(complex(2, 0.1), "0.2", 8000)
    assert lower.real.overlaps(upper.real) and lower.imag.overlaps(-upper.imag)


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
    from htmp_exact.exact.tricomi import tricomi_contour

    for gamma, kappa, z in [("0.3", "7", (1.3, 0.2)), ("0.1", "5", (1.2, 0.05))]:
        p = HTMPParams.from_inputs(gamma, kappa)
        with workprec(200):
            arg = -arb(p.s) * acb(*z)
            ref = arg.hypgeom_u(arb(p.c) + 1, 1 - arb(p.alpha)) / arg.hypgeom_u(arb(p.c), -arb(p.alpha))
            as_is = tricomi_contour(p.c + 1, 1 - p.alpha, arg, 200) / tricomi_contour(p.c, -p.alpha, arg, 200)
            kummer = tricomi_contour(p.s, 1 + p.alpha, arg, 200) / (
                arg * tricomi_contour(p.s, 2 + p.alpha, arg, 200)
            )
        assert ref.rel_accuracy_bits() > 100
        for ratio in (as_is, kummer):
            assert ratio.overlaps(ref) and ratio.rel_accuracy_bits() > 150
    # γ = 0.05, κ = 3 near the support: the untransformed descent path towards 0 runs below
    # the axis, and the path follows the axis to the saddle instead (against Arb at 800 bits);
    # the fallback's Kummer form gives the ratio: against mpmath's hyperu ratio
    import mpmath

    from htmp_exact.exact._stieltjes import _contour_ratio

    p = HTMPParams.from_inputs("0.05", "3")
    with workprec(200):
        arg = -arb(p.s) * acb(0.7, 0.01)
        through_axis = tricomi_contour(p.c, -p.alpha, arg, 200)
        value = _contour_ratio(p, arg, 200)
    with workprec(800):
        assert through_axis.overlaps(arg.hypgeom_u(arb(p.c), -arb(p.alpha)))
    assert through_axis.rel_accuracy_bits() > 150
    assert value.rel_accuracy_bits() > 150
    with mpmath.workdps(60):
        zeta = mpmath.mpf(-30) * mpmath.mpc(0.7, 0.01)
        ref = mpmath.hyperu(mpmath.mpf(5) / 2, -mpmath.mpf(53) / 2, zeta) / mpmath.hyperu(
            mpmath.mpf(3) / 2, -mpmath.mpf(55) / 2, zeta
        )
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


@pytest.mark.parametrize(
    "x,gamma,kappa", [("1", "0.5", 4), ("1.5", "2", 3), ("0.375", "1", 10), ("2.5", "0.25", 40)]
)
def test_stieltjes_boundary_is_the_limit_from_above(x, gamma, kappa):
    # S(x + i0) against S(x + iε) at ε = 1e-40 (|S'| ε far below the tolerance; x binary, so the
    # ball of x is exact), computed from
    # a complex argument off the cut, and Im S(x + i0) = π p(x) (SPEC §4)
    edge = exact.stieltjes_boundary(x, gamma, kappa, digits=25)
    near = exact.stieltjes(acb(arb(x), arb("1e-40")), gamma, kappa, digits=25)
    assert edge.real.overlaps(near.real + arb(0, 1e-30)) and edge.imag.overlaps(near.imag + arb(0, 1e-30))
    assert (edge.imag / arb.pi()).overlaps(exact.pdf(x, gamma, kappa, digits=25))
    assert edge.rel_accuracy_bits() > 25 * 3.3


def _stieltjes_by_mpmath(z, gamma, kappa, dps=60):
    """SPEC §4 ratio of mpmath's hyperu (γ ≤ 1), at a complex mpmath point z."""
    with mp.workdps(dps):
        g, k = mp.mpf(Fraction(gamma).numerator) / Fraction(gamma).denominator, mp.mpf(kappa)
        c = k / 2
        s, alpha = c / g, c * (1 / g - 1) - 1
        return s * mp.hyperu(c + 1, 1 - alpha, -s * z) / mp.hyperu(c, -alpha, -s * z)


def test_stieltjes_in_the_lower_half_plane_keeps_a_precise_argument():
    # a 600-bit acb z below the axis was conjugated at the ambient 53 bits (PrecisionError at 25
    # digits); the reference is mpmath at the same point, not the symmetry S(conj z) = conj S(z)
    with workprec(600):
        z = acb(arb(2) / 3, -arb(1) / 7)
    value = exact.stieltjes(z, "0.5", 3, digits=25)
    with mp.workdps(80):
        ref = _stieltjes_by_mpmath(mp.mpc(mp.mpf(2) / 3, -mp.mpf(1) / 7), "0.5", 3, dps=80)
    assert contains(value.real, ref.real, ref_digits=40) and contains(value.imag, ref.imag, ref_digits=40)
    assert value.rel_accuracy_bits() > 25 * 3.32


@pytest.mark.parametrize("z", ["13/10+1/5j", ("13/10", "1/5"), " 13/10 + 0.2j"])
def test_stieltjes_at_an_exact_complex_rational_point(z):
    # 13/10 + i/5 is not a binary number: given as a pair of exact reals or as a string it stays
    # exact, and 40 digits are certified (a rounded point would cap the accuracy near 53 bits)
    value = exact.stieltjes(z, "0.5", 3, digits=40)
    with mp.workdps(90):
        ref = _stieltjes_by_mpmath(mp.mpf(13) / 10 + mp.mpf(1) / 5 * 1j, "0.5", 3, dps=90)
    assert contains(value.real, ref.real, ref_digits=60) and contains(value.imag, ref.imag, ref_digits=60)
    assert value.rel_accuracy_bits() > 40 * 3.32


@pytest.mark.parametrize(
    "z,err", [("1/3+0j", ValueError), ("abc+1j", ValueError), ((1, 2, 3), TypeError), ("1+xj", ValueError)]
)
def test_bad_complex_points_are_named(z, err):
    with pytest.raises(err, match="z"):
        exact.stieltjes(z, "0.5", 3)


@pytest.mark.parametrize("z", [1e-300j, complex(-1e-300, 1e-300), 1e-200j])
def test_stieltjes_next_to_zero(z):
    # the float planning of the contour used to overflow there (OverflowError); reference:
    # S(z) = E[X⁻¹] + z E[X⁻²] + O(z²) from the exact inverse moments (Kummer series)
    value = exact.stieltjes(z, 0.001, 2.0, digits=12)
    m1, m2 = (arb(exact.inverse_moment(k, 0.001, 2.0)) for k in (1, 2))
    expected = acb(m1) + acb(z) * m2
    assert abs(float((value.real - expected.real).mid())) <= 1e-13 * float(m1.mid())
    assert abs(float((value.imag - expected.imag).mid())) <= 1e-11 * abs(z) * float(m2.mid())

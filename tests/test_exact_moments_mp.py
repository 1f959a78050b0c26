"""Moments (SPEC §5) and the Marchenko–Pastur functions (SPEC §2) against independent routes."""
import mpmath as mp
import pytest
import sympy as sp
from flint import acb, arb, fmpq

from htmp_exact import exact

from .reference import contains, htmp_pdf_hyperu


def _spec_moments(g, k):
    """The m1..m4 polynomials printed in SPEC §5 (an independent statement)."""
    return [1, 1 + g + 2 * g / k, 1 + 3 * g + g**2 + 6 * g / k + 6 * g**2 / k + 8 * g**2 / k**2,
            1 + 6 * g + 6 * g**2 + g**3 + 12 * g / k + 34 * g**2 / k + 12 * g**3 / k
            + 44 * g**2 / k**2 + 44 * g**3 / k**2 + 48 * g**3 / k**3]


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


def test_narayana_matches_sympy_catalan_at_gamma_one():
    for order in range(1, 8):
        assert exact.mp_moment(order, 1) == sp.catalan(order)


def test_ball_parameters_give_balls():
    m = exact.moment(3, arb("0.5"), arb(3) + arb(0, 1e-20))
    assert isinstance(m, arb) and m.overlaps(arb(exact.moment(3, "0.5", 3)))


@pytest.mark.parametrize("g", ["0.25", "1", "3"])
def test_mp_cdf_against_quadrature(g):
    with mp.workdps(30):
        gm = mp.mpf(g)
        lo, hi = (1 - mp.sqrt(gm)) ** 2, (1 + mp.sqrt(gm)) ** 2
        x = lo + (hi - lo) * mp.mpf("0.3")
        # t = lo + u^2 removes the square-root edge (and the 1/sqrt(t) pole at gamma = 1)
        dens_u = lambda u: 2 * u * u * mp.sqrt(hi - lo - u * u) / (2 * mp.pi * gm * (lo + u * u))
        ref = mp.quad(dens_u, [0, mp.sqrt(x - lo)]) + (1 - 1 / gm if gm > 1 else 0)
        ref_sf = 1 - ref
        xs = mp.nstr(x, 40)
    assert contains(exact.mp_cdf(xs, g), ref, ref_digits=20)
    assert contains(exact.mp_sf(xs, g), ref_sf, ref_digits=20)
    assert exact.mp_cdf(hi * 2, g) == 1 and exact.mp_sf(-1, g) == 1


@pytest.mark.parametrize("g", ["0.5", "2"])
def test_mp_stieltjes_solves_quadratic_and_matches_quadrature(g):
    z = complex(-0.3, 0.8)
    S = exact.mp_stieltjes(z, g)
    gb = arb(g)
    zb = acb(z)  # exact: -0.3 and 0.8 are binary64 values
    assert abs(gb * zb * S * S + (zb + gb - 1) * S + 1) < arb("1e-13")
    gm = mp.mpf(g)
    lo, hi = (1 - mp.sqrt(gm)) ** 2, (1 + mp.sqrt(gm)) ** 2
    with mp.workdps(25):
        zz = mp.mpc(z)
        ref = mp.quad(lambda t: mp.sqrt((hi - t) * (t - lo)) / (2 * mp.pi * gm * t) / (t - zz), [lo, hi])
        ref += (1 - 1 / gm if gm > 1 else 0) / (-zz)
    assert abs(complex(S.real.mid(), S.imag.mid()) - complex(ref)) < 1e-12


@pytest.mark.parametrize("g", ["0.25", "3"])
def test_mp_moments_against_quadrature(g):
    with mp.workdps(30):
        gm = mp.mpf(g)
        lo, hi = (1 - mp.sqrt(gm)) ** 2, (1 + mp.sqrt(gm)) ** 2
        for order in (1, 2, 5):
            # t = lo + u^2 removes the square-root edge; the atom at 0 adds nothing for k >= 1
            f = lambda u: (lo + u * u) ** order * 2 * u * u * mp.sqrt(hi - lo - u * u) / (2 * mp.pi * gm * (lo + u * u))
            q = mp.quad(f, [0, mp.sqrt(hi - lo)])
            m = exact.mp_moment(order, g)
            assert abs(q - mp.mpf(int(m.p)) / int(m.q)) < mp.mpf(10) ** -20


@pytest.mark.parametrize("fn", [exact.mp_pdf, exact.mp_cdf, exact.mp_sf])
def test_mp_x_ball_across_zero_is_rejected(fn):
    # at gamma = 2 the cdf jumps from 0 to the atom 1/2 at x = 0: a ball across 0 has no
    # single answer (mp_cdf used to return 1/2 for [-1e-3, 1e-3]); balls on one side are fine
    with pytest.raises(ValueError, match="x = .* ball containing 0"):
        fn(arb(0, fmpq(1, 1000)), 2)
    assert exact.mp_cdf(-arb("0.5"), 2) == 0 and exact.mp_cdf(arb("0.1"), 2) == fmpq(1, 2)

"""The certified Marchenko–Pastur functions (SPEC §2) against quadrature and the quadratic."""

import mpmath as mp
import pytest
import sympy as sp
from flint import acb, arb, fmpq

from htmp_exact import exact

from ..reference import contains


def test_narayana_matches_sympy_catalan_at_gamma_one():
    for order in range(1, 8):
        assert exact.mp_moment(order, 1) == sp.catalan(order)


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
            f = lambda u: (
                (lo + u * u) ** order * 2 * u * u * mp.sqrt(hi - lo - u * u) / (2 * mp.pi * gm * (lo + u * u))
            )
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


def test_mp_pdf_at_an_exact_point_next_to_the_edges_raises_the_precision():
    # γ = 1e-300: λ± = (1 ± 1e-150)², so x = 1 is inside the bulk, 2e-150 from both edges; at
    # 53 bits the edges' balls contain 1 (this used to raise "ball containing a bulk edge")
    value = exact.mp_pdf(1, "1e-300")
    assert contains(value, 1 / (mp.pi * mp.sqrt(mp.mpf("1e-300"))), ref_digits=15)  # 1/(π√γ) at x = 1
    assert contains(exact.mp_cdf(1, "1e-300"), mp.mpf(1) / 2 - mp.sqrt(mp.mpf("1e-300")) / mp.pi, 15)

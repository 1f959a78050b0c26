"""MP closed forms of the fast path against the certified exact path, the quadratic of SPEC §2
and, for the quantiles, inversion of the certified cdf."""

import numpy as np
import pytest

from htmp_exact import exact, fast

from .reference import exact_atom

GAMMAS = [1e-3, 0.25, 0.5, 0.999999, 1.0, 1.000001, 2.0, 4.0, 100.0]


def _edges(gamma):
    return (1 - gamma) ** 2 / (1 + gamma**0.5) ** 2, (1 + gamma**0.5) ** 2


@pytest.mark.parametrize("gamma", [1e-3, 0.5, 1.0, 1.000001, 4.0])
def test_mp_stieltjes_solves_the_quadratic_and_matches_exact(gamma):
    z = np.array([-1e6, 1e6j, -1e-8, 1e-8j, 0.5 + 1e-6j, 1 + 1e-9j, 3 - 1e-6j, 1e-12 + 1e-9j, 1e30 + 1e20j])
    s = fast.mp_stieltjes(z, gamma)
    residual = gamma * z * s * s + (z + (gamma - 1)) * s + 1  # SPEC §2
    assert np.all(np.abs(residual) <= 1e-12 * (np.abs(gamma * z * s * s) + np.abs((z + (gamma - 1)) * s) + 1))
    assert np.all(s.imag * z.imag >= 0)  # Im S > 0 for Im z > 0
    for zi, si in zip(z, s):
        ref = complex(exact.mp_stieltjes(complex(zi), gamma, digits=16))
        assert abs(si - ref) <= 1e-14 * abs(ref)


@pytest.mark.parametrize("gamma", GAMMAS)
def test_mp_cdf_and_sf_keep_relative_accuracy_next_to_the_edges(gamma):
    # the small side (cdf minus the atom next to λ−, sf next to λ+) to ~1e-15 relative, at
    # distances 1e-8 … 1e-2 (relative) inside the bulk, and exact values outside
    lo, hi = _edges(gamma)
    atom = exact_atom(gamma)
    for d in (1e-8, 1e-6, 1e-4, 1e-2):
        if lo > 0:
            x = lo * (1 + d)
            small = float(exact.mp_cdf(x, gamma, digits=18)) - atom
            if atom == 0:
                assert abs(fast.mp_cdf(x, gamma) / small - 1) <= 1e-14
            else:
                assert abs(fast.mp_cdf(x, gamma) - atom - small) <= 2e-16
            assert fast.mp_cdf(lo * (1 - d), gamma) == atom
        x = hi * (1 - d)
        assert abs(fast.mp_sf(x, gamma) / float(exact.mp_sf(x, gamma, digits=18)) - 1) <= 1e-14
        assert fast.mp_sf(hi * (1 + d), gamma) == 0
    x = np.linspace(lo, hi, 9)[1:-1]
    assert np.allclose(
        fast.mp_cdf(x, gamma), [float(exact.mp_cdf(v, gamma, digits=18)) for v in x], rtol=0, atol=2e-15
    )
    assert np.allclose(
        fast.mp_pdf(x, gamma), [float(exact.mp_pdf(v, gamma, digits=18)) for v in x], rtol=1e-14, atol=0
    )


@pytest.mark.parametrize("gamma", [0.5, 0.999999, 1.0, 4.0])
def test_mp_ppf_inverts_the_certified_cdf_to_a_few_ulps(gamma):
    atom = exact_atom(gamma)
    q = atom + (1 - atom) * np.array([1e-12, 1e-6, 0.01, 0.3, 0.5, 0.9, 0.999])
    x = fast.mp_ppf(q, gamma)
    for qi, xi in zip(q, x):
        # the certified cdf brackets qi between the neighbouring floats of x, up to 4 ulps away
        below = float(exact.mp_cdf(float(np.nextafter(xi, 0) - 3 * np.spacing(xi)), gamma, digits=20))
        above = float(exact.mp_cdf(float(xi + 4 * np.spacing(xi)), gamma, digits=20))
        assert below <= qi <= above, (qi, xi)
    assert fast.mp_ppf(0.5 * atom, gamma) == pytest.approx(
        0.0 if atom else _edges(gamma)[0], rel=1e-15, abs=0
    )
    assert fast.mp_ppf(1.0, gamma) == pytest.approx(_edges(gamma)[1], rel=1e-15)


@pytest.mark.parametrize("gamma", [1e-30, 1e-16, 1e-8])
def test_mp_at_small_gamma_against_mpmath_quadrature(gamma):
    # the bulk [λ−, λ+] has width 4√γ: the edges rounded to ulp(1) would cost ε/√γ relative
    # (0.04 absolute in the cdf at γ = 1e-30); the semicircle-like law is integrated in mpmath,
    # in t = λ− + u², at the same binary64 points
    import mpmath as mp

    with mp.workdps(40):
        g = mp.mpf(gamma)
        lo, hi = (1 - mp.sqrt(g)) ** 2, (1 + mp.sqrt(g)) ** 2
        for fraction in (0.2, 0.3, 0.5, 0.7, 0.8):
            x = float(lo + (hi - lo) * fraction)  # rounded: at γ = 1e-30 to ±2.8% of the width
            assert lo < x < hi
            density = lambda u: 2 * u * u * mp.sqrt(max(hi - lo - u * u, 0)) / (2 * mp.pi * g * (lo + u * u))
            below = mp.quad(density, [0, mp.sqrt(mp.mpf(x) - lo)])
            above = mp.quad(density, [mp.sqrt(mp.mpf(x) - lo), mp.sqrt(hi - lo)])
            assert abs(fast.mp_cdf(x, gamma) - float(below)) <= 4e-16
            assert abs(fast.mp_sf(x, gamma) / float(above) - 1) <= 1e-14
            pdf = mp.sqrt((hi - x) * (x - lo)) / (2 * mp.pi * g * x)
            assert abs(fast.mp_pdf(x, gamma) / float(pdf) - 1) <= 1e-14


def test_mp_quantile_of_one_is_the_upper_edge_even_when_the_atom_rounds_to_one():
    # γ = 1e50: the atom 1 − 1/γ is 1.0 in float64; q = 1 is the upper end of the support
    assert fast.mp_ppf(1.0, 1e50) == pytest.approx((1 + 1e25) ** 2, rel=1e-15)
    assert fast.mp_ppf(0.5, 1e50) == 0.0


@pytest.mark.parametrize("gamma", [1e-320, 1.7e308])
def test_mp_gamma_outside_the_validated_domain_is_refused(gamma):
    # beyond [1e-300, 1e300] the closed forms overflow (the Stieltjes transform was NaN at 1.7e308)
    for function in (fast.mp_pdf, fast.mp_cdf, fast.mp_sf, fast.mp_ppf, fast.mp_stieltjes):
        with pytest.raises(ValueError, match=r"gamma = .* outside .* \[1e-300, 1e\+300\]"):
            function(0.5 if function is fast.mp_ppf else -1.0, gamma)


@pytest.mark.parametrize("gamma", [1e20, 1e40, 1e80, 1e150, 1e300])
def test_mp_at_large_gamma_against_mpmath_quadrature(gamma):
    # the bulk γ + 1 ± 2√γ is narrow against λ± ≈ γ: x − λ± from the edges themselves lost
    # 1e-32·γ (7e-8 relative at γ = 1e50, everything at 1e80); mpmath at 400 digits, in
    # t = λ+ − u², at binary64 points (for γ ≥ 1e33 the bulk holds only the float γ itself)
    import mpmath as mp

    with mp.workdps(400):
        g = mp.mpf(gamma)
        lo, hi = (1 - mp.sqrt(g)) ** 2, (1 + mp.sqrt(g)) ** 2
        points = {float(g + f * 2 * mp.sqrt(g)) for f in (-0.7, 0.0, 0.5)}
        for x in sorted(points):
            assert lo < x < hi
            density = lambda u: 2 * u * u * mp.sqrt(max(hi - lo - u * u, 0)) / (2 * mp.pi * g * (hi - u * u))
            above = mp.quad(density, [0, mp.sqrt(hi - mp.mpf(x))])
            assert abs(fast.mp_sf(x, gamma) / float(above) - 1) <= 1e-14
            assert abs(fast.mp_cdf(x, gamma) - float(1 - above)) <= 2e-16
            pdf = float(mp.sqrt((hi - x) * (x - lo)) / (2 * mp.pi * g * x))
            assert fast.mp_pdf(x, gamma) == pdf == 0.0 or abs(fast.mp_pdf(x, gamma) / pdf - 1) <= 1e-14


def test_mp_cdf_at_gamma_one_down_to_subnormal_x():
    # λ− = 0: F(x) = (2/π)√x (1 − x/12 + …) (SPEC §2 integrated); w² below the float range
    # used to divide 0 by 0 (ZeroDivisionError) and to lose relative accuracy below 1e-305
    x = np.array([5e-324, 1e-320, 1e-310, 1e-306, 1e-200])
    reference = 2 / np.pi * np.sqrt(x)
    assert np.all(np.abs(fast.mp_cdf(x, 1.0) / reference - 1) <= 1e-14)
    assert np.all(fast.mp_sf(x, 1.0) == 1.0)  # 1 − 1e-162 rounds to 1
    assert fast.mp_cdf(np.inf, 0.5) == 1.0 and fast.mp_sf(np.inf, 0.5) == 0.0


def test_mp_ppf_down_to_the_float_range_at_gamma_one():
    # the inverse of F(x) = (2/π)√x: x = (πq/2)²; bisection from the midpoint of the bulk stopped
    # at 4·2^-200 = 1.2e-60 for every q below 1e-30
    for q in (1e-30, 1e-32, 1e-100, 1e-150):
        assert fast.mp_ppf(q, 1.0) == pytest.approx((np.pi * q / 2) ** 2, rel=1e-14)
    assert fast.mp_ppf(1e-300, 1.0) == 5e-324  # F(5e-324) = 1.4e-162 > q: the smallest float


@pytest.mark.parametrize(
    "q, gamma", [(0.9990000000000001, 1000.0), (1.000088900581341e-12, 1.000000000001), (0.5 + 2**-52, 2.0)]
)
def test_mp_ppf_just_above_the_atom(q, gamma):
    # the bulk mass wanted, q − (1 − 1/γ), is formed without rounding 1 − 1/γ (9240 ulps off at
    # γ = 1000); reference: the certified cdf brackets q between the neighbours of x
    x = float(fast.mp_ppf(q, gamma))
    below = float(exact.mp_cdf(float(x - 3 * np.spacing(x)), gamma, digits=30).mid())
    above = float(exact.mp_cdf(float(x + 3 * np.spacing(x)), gamma, digits=30).mid())
    assert below <= q <= above, (x, below, above)


@pytest.mark.parametrize(
    "z, gamma",
    [
        (1 + 1e-300j, 1e-50),  # a bulk of width 4e-25 around 1: the edges rounded to 1.0 gave 1e300j
        (0.9999999800000002 + 1e-12j, 1e-16),
        (3.999999999998 + 1e-12j, 0.999999999999),
        (5e159 + 1j, 1e160),  # 2γz overflowed: 0
        (5e299 + 1e10j, 1e300),  # NaN
        (-1e-300, 1e300),
        (-1e-308, 2.0),
    ],
)
def test_mp_stieltjes_next_to_a_narrow_bulk_and_at_extreme_gamma(z, gamma):
    # z − λ± from the edge distances of Re z; divisions ordered to stay in range; reference:
    # the certified closed form (Arb)
    reference = complex(exact.mp_stieltjes(z, gamma, digits=16))
    value = complex(fast.mp_stieltjes(z, gamma))
    assert abs(value - reference) <= 1e-14 * abs(reference)
    assert fast.mp_stieltjes(-1e-320, 4.0) == np.inf  # S ≈ 0.75/1e-320 is real and beyond the floats


@pytest.mark.parametrize("q, gamma", [(1e-10, 0.5), (1e-20, 0.25), (1e-8, 2.0), (0.3, 2.0), (0.4999, 2.0)])
def test_mp_isf_keeps_small_levels(q, gamma):
    # isf without forming 1 − q (ppf(1 − 1e-10) is 8e-8 off in sf); reference: the certified sf
    # at the neighbours of x brackets q
    x = float(fast.mp_isf(q, gamma))
    lo, hi = float(x - 2 * np.spacing(x)), float(x + 2 * np.spacing(x))
    sf_hi, sf_lo = (float(exact.mp_sf(v, gamma, digits=20).mid()) for v in (hi, lo))
    assert sf_hi <= q <= sf_lo
    assert fast.mp_isf(0.6, 2.0) == 0.0  # inside the atom

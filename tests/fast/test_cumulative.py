"""fast.cdf/sf (grouped route: quadrature of the Riccati solution from tail anchors) against the
certified exact path and independent quadratures."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import integrate

from htmp_exact import exact, fast

from ..reference import htmp_cdf_phase_near_zero
from .reference import CDF_ABS_TOL, GRID, SF_REL_TOL, XS
from .reference import exact_float as _exact


@pytest.mark.parametrize("gamma, kappa", GRID)
def test_cdf_and_sf_match_exact_on_the_grid(gamma, kappa):
    cdf, sf = fast.cdf(XS, gamma, kappa), fast.sf(XS, gamma, kappa)
    for i, x in enumerate(XS):
        assert abs(cdf[i] - _exact(exact.cdf, x, gamma, kappa)) <= CDF_ABS_TOL, x
        ref = _exact(exact.sf, x, gamma, kappa)
        if ref >= 1e-300:
            assert abs(sf[i] / ref - 1) <= SF_REL_TOL, (x, sf[i], ref)


@pytest.mark.parametrize(
    "gamma, kappa, xs",
    [
        (1000.0, 50.0, [1e-3, 1.0, 100.0, 900.0, 1500.0, 5000.0]),
        (0.999, 2000.0, [1e-3, 0.01, 1.0, 3.9, 5.0]),
        # s = 1.7e7 just past the upper edge: the density falls at a rate ~1e5 per unit of log y
        (0.0014923851002122534, 51396.853771103226, [1.0787, 1.079, 1.08]),
    ],
)
def test_sf_in_the_upper_tail(gamma, kappa, xs):
    refs = np.array([_exact(exact.sf, x, gamma, kappa) for x in xs])
    assert np.all(np.abs(fast.sf(xs, gamma, kappa) / refs - 1) <= SF_REL_TOL)


def test_sf_just_past_the_upper_edge_at_large_s():
    # s = 1.7e7: the density falls at a rate ~1e5 per unit of t = log y (t ≈ 17), so a
    # quadrature piece whose midpoint is rounded to a float has its mass moved by up to 1e-10
    # (1.4e-10 in sf); with the nodes as exact offsets from the piece's start, ~2e-12
    gamma, kappa, x = 0.0014923851002122534, 51396.853771103226, 1.079
    assert abs(fast.sf(x, gamma, kappa) / _exact(exact.sf, x, gamma, kappa) - 1) <= 5e-12


@settings(max_examples=15, deadline=None, derandomize=True)
@given(gamma=st.floats(0.02, 50), kappa=st.floats(0.05, 300), x=st.floats(0.01, 10))
def test_cdf_matches_exact_at_random_points(gamma, kappa, x):
    assert abs(fast.cdf(x, gamma, kappa) - _exact(exact.cdf, x, gamma, kappa)) <= CDF_ABS_TOL


def test_sf_derivative_is_the_density():
    # −d sf/dx = pdf by central differences (independent of the quadrature inside cdf/sf)
    x = np.linspace(0.2, 3.0, 7)
    h = 1e-5
    derivative = (fast.sf(x - h, 0.5, 10.0) - fast.sf(x + h, 0.5, 10.0)) / (2 * h)
    density = np.array([_exact(exact.pdf, v, 0.5, 10.0) for v in x])
    assert np.allclose(derivative, density, rtol=1e-7)


@pytest.mark.parametrize(
    "gamma, kappa, xs",
    [
        (1.0, 20.0, [1e-12, 1e-3, 0.5, 2.0]),  # α + 1 = 0: F ~ 1/|log x|, closed-form anchor
        (0.9999, 100.0, [1e-12, 1e-3, 1.0]),  # α + 1 = 0.005
        (0.999, 0.01, [1e-9, 0.5, 30.0]),  # small κ: slow lower tail
    ],
)
def test_cdf_with_slowly_decaying_lower_tails(gamma, kappa, xs):
    xs = np.array(xs)
    refs = np.array([_exact(exact.cdf, x, gamma, kappa) for x in xs])
    assert np.all(np.abs(fast.cdf(xs, gamma, kappa) / refs - 1) <= 1e-14)


@pytest.mark.parametrize("gamma, a, b", [(0.5, 0.9, 1.1), (1.0, 1e-3, 0.5), (0.001, 0.99, 1.01)])
def test_cdf_at_the_top_of_the_kappa_domain_against_quadrature_of_the_pdf(gamma, a, b):
    # κ = 10⁵ (certified cdf is slow there): cdf(a) from the lower anchor, sf(b) from the upper
    # one and scipy's quad of the density in between add up to 1
    logpdf = fast.logpdf_function(gamma, 1e5, a, b)  # one solve for all quad's points
    mass, _ = integrate.quad(
        lambda v: float(np.exp(logpdf(np.array([v]))[0])), a, b, epsabs=0, epsrel=1e-12, limit=200
    )
    total = fast.cdf(a, gamma, 1e5) + mass + fast.sf(b, gamma, 1e5)
    assert total == pytest.approx(1.0, abs=1e-10 * mass + 1e-15)


@pytest.mark.parametrize("gamma, kappa", [(1.0, 0.05), (0.5, 0.05), (2.0, 0.05), (2.0, 3.0)])
def test_cdf_and_sf_at_subnormal_x(gamma, kappa):
    # x/scale below the float range (γ > 1: scale γ) used to fail on log(0) in the solve's range;
    # reference: the phase of mpmath's hyperu (the atom of γ > 1 included)
    x = np.array([5e-324, 1e-310, 1.0])
    cdf, sf = fast.cdf(x, gamma, kappa), fast.sf(x, gamma, kappa)
    for i in range(2):
        reference = float(htmp_cdf_phase_near_zero(float(x[i]), gamma, kappa))
        assert abs(cdf[i] - reference) <= 1e-13 * reference + 1e-300  # measured ≤ 8.3e-15 relative
        assert abs(sf[i] - (1 - reference)) <= 2e-16
    # γ = 1000, κ = 3: the continuous part near 0 is ~x^{−α−1} = x^{1.4985}: only the atom is left
    assert np.all(fast.cdf(x[:2], 1000.0, 3.0) == 0.999) and np.all(fast.sf(x[:2], 1000.0, 3.0) == 0.001)


def test_certified_lower_anchor_at_subnormal_x(monkeypatch):
    # where the tail check fails the lower quadrature starts from a certified cdf at x = e^t/s,
    # passed as an exact decimal (a float would underflow below the float range); forced here;
    # reference: the phase of mpmath's hyperu
    from htmp_exact.fast._cumulative import Cumulative

    monkeypatch.setattr(Cumulative, "_tail_anchor", lambda self, t_far, t_near: None)
    x = np.array([5e-324, 1e-310, 1.0])
    cdf = fast.cdf(x, 0.5, 1.2)  # α + 1 = 0.6: the anchor's route, not the closed form
    for i in range(2):
        reference = float(htmp_cdf_phase_near_zero(float(x[i]), 0.5, 1.2))
        assert abs(cdf[i] / reference - 1) <= 1e-13

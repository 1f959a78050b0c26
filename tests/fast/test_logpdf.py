"""fast.logpdf/pdf against the certified exact path (same float64 inputs)."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from htmp_exact import exact, fast

from .reference import CDF_ABS_TOL, GRID, LOGPDF_TOL, PDF_REL_TOL, SF_REL_TOL, XS
from .reference import exact_float as _exact


@pytest.mark.parametrize("gamma, kappa", GRID)
def test_fast_matches_exact_on_the_grid(gamma, kappa):
    lf, cf, sf = fast.logpdf(XS, gamma, kappa), fast.cdf(XS, gamma, kappa), fast.sf(XS, gamma, kappa)
    for i, x in enumerate(XS):
        ref = _exact(exact.logpdf, x, gamma, kappa)
        assert abs(lf[i] - ref) <= LOGPDF_TOL * max(1.0, abs(ref)), (x, lf[i], ref)
        if ref > -690:
            assert abs(np.expm1(lf[i] - ref)) <= PDF_REL_TOL, (x, lf[i], ref)
        assert abs(cf[i] - _exact(exact.cdf, x, gamma, kappa)) <= CDF_ABS_TOL, x
        s_ref = _exact(exact.sf, x, gamma, kappa)
        if s_ref >= 1e-300:
            assert abs(sf[i] / s_ref - 1) <= SF_REL_TOL, (x, sf[i], s_ref)


@pytest.mark.parametrize("gamma, kappa, xs, tails", [
    (0.001, 1e4, [1e-6, 0.9, 0.97, 1.0, 1.03, 1.2, 3.0], False),   # s = 5·10⁶, narrow bulk
    (0.5, 1e5, [0.05, 0.09, 0.5, 1.0, 2.9, 3.0, 10.0], False),     # κ at the top of the domain
    (1000.0, 50.0, [1e-3, 1.0, 100.0, 900.0, 1500.0, 5000.0], True),
    (0.999, 2000.0, [1e-3, 0.01, 1.0, 3.9, 5.0], True),            # γ near 1, large κ
])
def test_fast_matches_exact_in_extreme_regimes(gamma, kappa, xs, tails):
    xs = np.array(xs)
    lf = fast.logpdf(xs, gamma, kappa)
    refs = np.array([_exact(exact.logpdf, x, gamma, kappa) for x in xs])
    assert np.all(np.abs(lf - refs) <= LOGPDF_TOL * np.maximum(1.0, np.abs(refs)))
    assert np.all(np.abs(np.expm1(lf - refs))[refs > -690] <= PDF_REL_TOL)
    if tails:   # certified sf is quick here
        sf_ref = np.array([_exact(exact.sf, x, gamma, kappa) for x in xs])
        assert np.all(np.abs(fast.sf(xs, gamma, kappa) / sf_ref - 1) <= SF_REL_TOL)


@settings(max_examples=15, deadline=None, derandomize=True)
@given(gamma=st.floats(0.02, 50), kappa=st.floats(0.05, 300), x=st.floats(0.01, 10))
def test_fast_matches_exact_at_random_points(gamma, kappa, x):
    ref = _exact(exact.logpdf, x, gamma, kappa)
    assert abs(fast.logpdf(x, gamma, kappa) - ref) <= LOGPDF_TOL * max(1.0, abs(ref))
    assert abs(fast.cdf(x, gamma, kappa) - _exact(exact.cdf, x, gamma, kappa)) <= CDF_ABS_TOL


@settings(max_examples=20, deadline=None, derandomize=True)
@given(log_gamma=st.floats(-3, 3), log_kappa=st.floats(-2, 5), log_x=st.floats(-12, 2))
def test_logpdf_matches_exact_over_the_whole_domain(log_gamma, log_kappa, log_x):
    gamma, kappa = 10.0 ** log_gamma, 10.0 ** log_kappa
    x = 10.0 ** log_x * max(1.0, gamma)
    ref = _exact(exact.logpdf, x, gamma, kappa)
    value = float(fast.logpdf(x, gamma, kappa))
    assert abs(value - ref) <= LOGPDF_TOL * max(1.0, abs(ref))
    if ref > -690:
        assert abs(np.expm1(value - ref)) <= PDF_REL_TOL

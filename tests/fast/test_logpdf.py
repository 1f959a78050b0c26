"""The grouped route of fast.logpdf/pdf (one Riccati solve per pair) against the certified exact
path at the same float64 inputs."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from htmp_exact import exact, fast

from .reference import GRID, LOGPDF_TOL, PDF_REL_TOL, XS, grouped
from .reference import exact_float as _exact


@pytest.mark.parametrize("gamma, kappa", GRID)
def test_grouped_logpdf_matches_exact_on_the_grid(gamma, kappa):
    values = grouped(fast.logpdf, XS, gamma, kappa)
    for x, value in zip(XS, values):
        ref = _exact(exact.logpdf, x, gamma, kappa)
        assert abs(value - ref) <= LOGPDF_TOL * max(1.0, abs(ref)), (x, value, ref)
        if ref > -690:
            assert abs(np.expm1(value - ref)) <= PDF_REL_TOL, (x, value, ref)


@pytest.mark.parametrize(
    "gamma, kappa, xs",
    [
        (0.001, 1e4, [1e-6, 0.9, 0.97, 1.0, 1.03, 1.2, 3.0]),  # s = 5·10⁶, narrow bulk
        (0.5, 1e5, [0.05, 0.09, 0.5, 1.0, 2.9, 3.0, 10.0]),  # κ at the top of the domain
        (1000.0, 50.0, [1e-3, 1.0, 100.0, 900.0, 1500.0, 5000.0]),
        (0.999, 2000.0, [1e-3, 0.01, 1.0, 3.9, 5.0]),  # γ near 1, large κ
    ],
)
def test_grouped_logpdf_in_extreme_regimes(gamma, kappa, xs):
    values = grouped(fast.logpdf, xs, gamma, kappa)
    refs = np.array([_exact(exact.logpdf, x, gamma, kappa) for x in xs])
    assert np.all(np.abs(values - refs) <= LOGPDF_TOL * np.maximum(1.0, np.abs(refs)))
    assert np.all(np.abs(np.expm1(values - refs))[refs > -690] <= PDF_REL_TOL)


def test_logpdf_function_is_the_grouped_route():
    f = fast.logpdf_function(0.3, 7.0, 1e-3, 20.0)
    x = np.array([1e-3, 0.4, 1.0, 2.2, 20.0])
    refs = np.array([_exact(exact.logpdf, v, 0.3, 7.0) for v in x])
    assert np.all(np.abs(f(x) - refs) <= LOGPDF_TOL * np.maximum(1.0, np.abs(refs)))
    with pytest.raises(ValueError, match="outside the solved range"):
        f(np.array([30.0]))


@settings(max_examples=20, deadline=None, derandomize=True)
@given(log_gamma=st.floats(-3, 3), log_kappa=st.floats(-2, 5), log_x=st.floats(-12, 2))
def test_grouped_logpdf_over_the_whole_domain(log_gamma, log_kappa, log_x):
    gamma, kappa = 10.0**log_gamma, 10.0**log_kappa
    x = 10.0**log_x * max(1.0, gamma)
    ref = _exact(exact.logpdf, x, gamma, kappa)
    value = float(grouped(fast.logpdf, x, gamma, kappa)[0])
    assert abs(value - ref) <= LOGPDF_TOL * max(1.0, abs(ref))
    if ref > -690:
        assert abs(np.expm1(value - ref)) <= PDF_REL_TOL


@pytest.mark.parametrize("gamma, kappa", [(1000.0, 1.0), (0.5, 0.01), (0.5, 3.0), (2.0, 50.0)])
def test_grouped_logpdf_at_subnormal_x(gamma, kappa):
    # s·x/scale below the float range used to fail on log(0) in the solve's range
    x = np.r_[5e-324, 1e-321, np.logspace(-3, 2, 130)]  # ≥ MIN_GROUP points: the grouped route
    values = fast.logpdf(x, gamma, kappa)
    for i in range(2):
        ref = _exact(exact.logpdf, float(x[i]), gamma, kappa)
        assert abs(values[i] - ref) <= LOGPDF_TOL * max(1.0, abs(ref))  # measured ≤ 4.7e-16

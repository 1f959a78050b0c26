"""Input checks, broadcasting, scalar results and scipy conventions of the fast path."""
import numpy as np
import pytest

from htmp_exact import exact, fast


def test_broadcasting_and_shapes():
    x = np.array([[0.5], [1.5]])
    g = np.array([0.25, 0.5, 2.0])
    out = fast.pdf(x, g, 10.0)
    assert out.shape == (2, 3)
    for i in range(2):
        for j in range(3):
            assert out[i, j] == pytest.approx(float(exact.pdf(float(x[i, 0]), float(g[j]), 10)), rel=1e-10)
    assert np.shape(fast.cdf(1.0, 0.5, 4.0)) == ()


def test_scipy_conventions_and_the_atom():
    assert fast.pdf(-1.0, 0.5, 4.0) == 0 and fast.logpdf(-1.0, 0.5, 4.0) == -np.inf
    assert fast.cdf(-1.0, 2.0, 4.0) == 0 and fast.sf(-1.0, 2.0, 4.0) == 1
    assert fast.cdf(0.0, 4.0, 4.0) == pytest.approx(0.75, abs=1e-16)   # atom 1 − 1/γ
    assert fast.sf(0.0, 4.0, 4.0) == pytest.approx(0.25, abs=1e-16)
    assert fast.pdf(0.0, 0.5, 4.0) == 0.0                               # α = 1 > 0
    assert fast.pdf(0.0, 0.9, 1.0) == np.inf                            # α < 0


def test_outside_the_documented_domain_is_nan():
    assert np.isnan(fast.pdf(1.0, 1e-4, 4.0)) and np.isnan(fast.cdf(1.0, 0.5, 1e6))


@pytest.mark.parametrize("args, err", [
    ((1.0, 0.0, 4.0), ValueError), ((1.0, 0.5, -4.0), ValueError), ((1.0, np.nan, 4.0), ValueError),
    ((1.0, 0.5, np.inf), ValueError), ((np.nan, 0.5, 4.0), ValueError), ((1.0, 0.5j, 4.0), TypeError),
    (([1.0, 2.0], [0.5, 0.5, 0.5], 4.0), ValueError),
])
def test_bad_inputs(args, err):
    with pytest.raises(err):
        fast.pdf(*args)


def test_quantile_and_logpdf_function_name_their_bad_inputs():
    # a NaN q was reported as "x must not be NaN"; a bad range reached math.log or the solver
    with pytest.raises(ValueError, match="q must not be NaN"):
        fast.ppf(np.nan, 0.5, 10)
    for lo, hi in [(2.0, 1.0), (0.0, 1.0), (-1.0, 1.0), (np.nan, 1.0), (0.5, np.inf)]:
        with pytest.raises(ValueError, match="x_lo"):
            fast.logpdf_function(0.5, 10, lo, hi)

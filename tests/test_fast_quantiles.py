"""ppf and isf of the fast path against cdf/sf and the certified cdf."""

import numpy as np
import pytest

from htmp_exact import exact, fast

QS = np.array([1e-12, 1e-6, 0.01, 0.3, 0.5, 0.7, 0.99, 1 - 1e-6, 1 - 1e-12])


@pytest.mark.parametrize("gamma, kappa", [(0.5, 10.0), (0.25, 1.0), (0.2, 1000.0), (0.9, 0.05)])
def test_ppf_and_isf_invert_cdf_and_sf(gamma, kappa):
    x = fast.ppf(QS, gamma, kappa)
    # a quantile below the float64 range comes back as 0 (κ = 0.05: F(1e-300) = 0.017)
    under = x == 0
    assert np.all(QS[under] < float(exact.cdf(1e-300, gamma, kappa)))
    assert np.all(np.diff(x[~under]) > 0)
    assert np.max(np.abs(fast.cdf(x[~under], gamma, kappa) - QS[~under])) <= 1e-12
    tiny = np.array([1e-12, 1e-6, 0.2])
    assert np.allclose(fast.sf(fast.isf(tiny, gamma, kappa), gamma, kappa), tiny, rtol=1e-10, atol=0)
    # and against the certified cdf at the returned point
    assert abs(float(exact.cdf(float(x[3]), gamma, kappa)) - QS[3]) <= 1e-12


def test_ppf_with_the_atom():
    g = 4.0
    x = fast.ppf([0.1, 0.75, 0.8, 0.99], g, 20.0)
    assert x[0] == 0 and x[1] == 0 and x[2] > 0
    assert abs(fast.cdf(x[2], g, 20.0) - 0.8) <= 1e-12 and abs(fast.cdf(x[3], g, 20.0) - 0.99) <= 1e-12


def test_ppf_underflow_gives_zero():
    # γ = 1, κ = 4: F(x) ~ 1/|log x| near 0, so the 1e-6 quantile is about exp(-1e6)
    assert fast.ppf(1e-6, 1.0, 4.0) == 0.0

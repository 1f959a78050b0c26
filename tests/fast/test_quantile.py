"""fast.ppf/isf: the certified cdf/sf at the returned points, the atom, and underflow."""

from fractions import Fraction

import numpy as np
import pytest
from flint import arb, fmpq

from htmp_exact import exact, fast
from htmp_exact.exact._precision import workprec

from .reference import exact_atom
from .reference import exact_float as _exact

QS = np.array([1e-12, 1e-6, 0.01, 0.3, 0.5, 0.7, 0.99, 1 - 1e-6])


@pytest.mark.parametrize("gamma, kappa", [(0.5, 10.0), (0.25, 1.0), (0.2, 1000.0), (0.9, 0.05), (3.0, 20.0)])
def test_ppf_and_isf_against_the_certified_cdf_and_sf(gamma, kappa):
    atom = exact_atom(gamma)
    q = atom + (1 - atom) * QS
    x = fast.ppf(q, gamma, kappa)
    under = x == 0  # a quantile below the float range comes back as 0 (κ = 0.05: F(1e-300) = 0.017)
    assert np.all(q[under] < _exact(exact.cdf, 1e-300, gamma, kappa))
    assert np.all(np.diff(x[~under]) > 0)
    for qi, xi in zip(q[~under][::2], x[~under][::2]):
        assert abs(_exact(exact.cdf, xi, gamma, kappa) - qi) <= 1e-12 * max(qi, 1e-3)
    tiny = np.array([1e-12, 1e-6, 0.2]) * (1 - atom)
    for qi, xi in zip(tiny, fast.isf(tiny, gamma, kappa)):
        assert _exact(exact.sf, xi, gamma, kappa) == pytest.approx(qi, rel=1e-10)


def test_ppf_inside_the_atom_and_its_edges():
    # γ = 4: F jumps from 0 to 3/4 at x = 0
    assert fast.ppf([0.0, 0.1, 0.75], 4.0, 20.0).tolist() == [0.0, 0.0, 0.0]
    assert fast.ppf(1.0, 4.0, 20.0) == np.inf and fast.isf(0.0, 4.0, 20.0) == np.inf
    assert fast.ppf(0.8, 4.0, 20.0) > 0


def test_ppf_underflow_gives_zero():
    # γ = 1, κ = 4: F(x) ~ 1/|log x| near 0, so the 1e-6 quantile is about exp(-1e6)
    assert fast.ppf(1e-6, 1.0, 4.0) == 0.0


def test_quantiles_propagate_nan_and_check_q():
    assert np.isnan(fast.isf([np.nan, 0.5], 0.5, 4.0)).tolist() == [True, False]
    with pytest.raises(ValueError, match="^q must lie in"):
        fast.isf(-0.5, 0.5, 4.0)


@pytest.mark.parametrize(
    "function, q, gamma, kappa",
    [
        (fast.isf, 0.009999999999999998, 100.0, 10.0),  # 1 − q rounded onto the atom: was 0
        (fast.isf, 0.6666666666666665, 1.5, 10.0),  # was 7% off
        (fast.ppf, 0.33333333333333337, 1.5, 10.0),  # q − atom rounded: was 27.5% off
        (fast.ppf, 0.9900000000000001, 100.0, 0.1),  # was 5.4 times the quantile
    ],
)
def test_quantiles_next_to_the_atom(function, q, gamma, kappa):
    # the continuous part's mass is formed from q in double-double; reference: the certified
    # cdf (sf) at x, less the exact atom, against q less the atom, in 400-bit ball arithmetic
    # (q − atom is below the ulps of the cdf's float); measured ≤ 1.2e-14 relative
    x = float(function(q, gamma, kappa))
    assert x > 0
    reached = (exact.cdf if function is fast.ppf else exact.sf)(x, gamma, kappa, digits=50)
    with workprec(400):
        atom = 1 - 1 / arb(fmpq(*Fraction(gamma).as_integer_ratio()))
        error = (reached - atom) / (arb(q) - atom) - 1 if function is fast.ppf else reached / arb(q) - 1
        assert abs(error) < 1e-12

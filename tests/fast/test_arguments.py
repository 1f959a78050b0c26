"""The input policy of the fast path: types, NaN and infinities, the validated domain, scalar
results, broadcasting and scipy's conventions."""

import numpy as np
import pytest
from flint import arb

from htmp_exact import exact, fast

from .reference import exact_float as _exact
from .reference import grouped

DENSITY_LIKE = [fast.pdf, fast.logpdf, fast.cdf, fast.sf]


def test_broadcasting_and_shapes():
    x = np.array([[0.5], [1.5]])
    g = np.array([0.25, 0.5, 2.0])
    out = fast.pdf(x, g, 10.0)
    assert out.shape == (2, 3)
    for i in range(2):
        for j in range(3):
            assert out[i, j] == pytest.approx(_exact(exact.pdf, x[i, 0], float(g[j]), 10), rel=1e-12)
    with pytest.raises(ValueError, match="cannot be broadcast"):
        fast.pdf([1.0, 2.0], [0.5, 0.5, 0.5], 4.0)


@pytest.mark.parametrize("fn", DENSITY_LIKE + [fast.ppf, fast.isf])
def test_scalar_input_gives_a_numpy_scalar(fn):
    value = fn(0.5, 0.5, 4.0)
    assert type(value) is np.float64
    assert type(fast.stieltjes(-1.0, 0.5, 4.0)) is np.complex128
    assert type(fast.mp_cdf(0.5, 0.5)) is np.float64 and type(fast.mp_stieltjes(-1.0, 0.5)) is np.complex128
    assert isinstance(fn([0.5], 0.5, 4.0), np.ndarray)


def test_nan_propagates_position_by_position():
    x = np.array([0.5, np.nan, 2.0])
    for fn in DENSITY_LIKE:
        out = fn(x, 0.5, 4.0)
        assert np.isnan(out[1]) and np.all(np.isfinite(out[[0, 2]]))
    assert np.isnan(fast.ppf([0.3, np.nan], 0.5, 4.0)).tolist() == [False, True]
    assert np.isnan(fast.stieltjes([complex(np.nan, 1), -1.0], 0.5, 4.0)).tolist() == [True, False]
    assert np.isnan(fast.mp_cdf([np.nan, 1.0], 0.5)).tolist() == [True, False]


def test_infinities_give_the_limits():
    x = np.array([-np.inf, np.inf])
    assert fast.pdf(x, 0.5, 4.0).tolist() == [0.0, 0.0]
    assert fast.logpdf(x, 0.5, 4.0).tolist() == [-np.inf, -np.inf]
    assert fast.cdf(x, 2.0, 4.0).tolist() == [0.0, 1.0]
    assert fast.sf(x, 2.0, 4.0).tolist() == [1.0, 0.0]
    assert fast.stieltjes(np.inf, 0.5, 4.0) == 0


def test_subnormal_x():
    # x = 1e-320 (y = s x subnormal): the lower-tail power law p ~ C x^α, α = 1 at γ = 0.5, κ = 4
    ref = _exact(exact.logpdf, 1e-320, 0.5, 4.0)
    assert fast.logpdf(1e-320, 0.5, 4.0) == pytest.approx(ref, rel=1e-12)
    assert grouped(fast.logpdf, 1e-320, 0.5, 4.0)[0] == pytest.approx(ref, rel=1e-12)
    assert fast.cdf(1e-320, 0.5, 4.0) == pytest.approx(_exact(exact.cdf, 1e-320, 0.5, 4.0), rel=1e-12)


@pytest.mark.parametrize(
    "bad", [True, np.bool_(False), 1 + 0j, None, "1.0", arb(1, 10), [1.0, None], np.array(["a"])]
)
def test_non_real_x_is_a_type_error_naming_x(bad):
    for fn in DENSITY_LIKE:
        with pytest.raises(TypeError, match="^x must"):
            fn(bad, 0.5, 4.0)
    with pytest.raises(TypeError, match="^q must"):
        fast.ppf(bad, 0.5, 4.0)


@pytest.mark.parametrize("name, position", [("gamma", 1), ("kappa", 2)])
@pytest.mark.parametrize(
    "bad, error",
    [
        (True, TypeError),
        (0.5j, TypeError),
        ("2", TypeError),
        (None, TypeError),
        (0.0, ValueError),
        (-1.0, ValueError),
        (np.nan, ValueError),
        (np.inf, ValueError),
    ],
)
def test_bad_parameters_name_themselves_and_the_range(name, position, bad, error):
    args = [1.0, 0.5, 4.0]
    args[position] = bad
    for fn in DENSITY_LIKE + [fast.ppf, fast.stieltjes]:
        with pytest.raises(error, match=f"^{name} must.*" + ("valid range" if error is ValueError else "")):
            fn(*args)


@pytest.mark.parametrize("gamma, kappa", [(1e-4, 4.0), (2e3, 4.0), (0.5, 1e-3), (0.5, 1e6)])
def test_outside_the_validated_domain_points_to_exact(gamma, kappa):
    for fn in DENSITY_LIKE + [fast.ppf, fast.isf, fast.stieltjes]:
        with pytest.raises(ValueError, match="validated domain.*htmp_exact.exact"):
            fn(0.5 if fn is not fast.stieltjes else -1.0, gamma, kappa)


def test_q_outside_the_unit_interval_names_q():
    for fn in (fast.ppf, fast.isf):
        with pytest.raises(ValueError, match="^q must lie in"):
            fn(1.5, 0.5, 4.0)
    with pytest.raises(ValueError, match="^q must lie in"):
        fast.mp_ppf(-0.1, 0.5)


def test_logpdf_function_checks_its_range():
    for lo, hi in [(2.0, 1.0), (0.0, 1.0), (-1.0, 1.0), (np.nan, 1.0), (0.5, np.inf)]:
        with pytest.raises(ValueError, match="x_lo"):
            fast.logpdf_function(0.5, 10, lo, hi)
    with pytest.raises(TypeError, match="x_lo"):
        fast.logpdf_function(0.5, 10, True, 2.0)
    with pytest.raises(ValueError, match="validated domain"):
        fast.logpdf_function(1e-5, 10, 0.5, 2.0)


def test_scipy_conventions_and_the_atom():
    assert fast.pdf(-1.0, 0.5, 4.0) == 0 and fast.logpdf(-1.0, 0.5, 4.0) == -np.inf
    assert fast.cdf(-1.0, 2.0, 4.0) == 0 and fast.sf(-1.0, 2.0, 4.0) == 1
    assert fast.cdf(0.0, 4.0, 4.0) == 0.75 and fast.sf(0.0, 4.0, 4.0) == 0.25  # atom 1 − 1/γ
    assert fast.pdf(0.0, 0.5, 4.0) == 0.0  # α = 1 > 0
    assert fast.pdf(0.0, 0.9, 1.0) == np.inf  # α < 0

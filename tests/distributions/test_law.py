"""The scipy conventions of the laws: checked arguments, NaN, loc/scale, freezing, the atom."""

import numpy as np
import pytest

from htmp_exact import exact, htmp, inverse_htmp, marchenko_pastur
from proofs_check.moments import SPEC_MOMENTS, gamma, kappa


@pytest.mark.parametrize(
    "law, args", [(htmp, (0.5, 3.0)), (inverse_htmp, (0.5, 3.0)), (marchenko_pastur, (0.5,))]
)
@pytest.mark.parametrize("method", ["pdf", "logpdf", "cdf", "logcdf", "sf", "logsf"])
def test_bad_points_raise_named_errors_and_nan_propagates(law, args, method):
    frozen = getattr(law(*args), method)
    for bad, err in (
        (np.array([1 + 1j]), TypeError),
        (None, TypeError),
        ("nan", TypeError),
        (True, TypeError),
    ):
        with pytest.raises(err, match="x must be real"):
            frozen(bad)
    # NaN propagates (scipy's convention), never a number (inverse_htmp.logpdf(nan) gave -inf,
    # .pdf(None) 0.0, .cdf(nan) 0.0, .sf('nan') 1.0)
    assert np.isnan(frozen(float("nan")))
    assert np.isnan(frozen(np.array([1.0, np.nan]))[1])


@pytest.mark.parametrize(
    "build, match",
    [
        (lambda: htmp(0.0, 3.0), "gamma must be finite and > 0"),
        (lambda: htmp(0.5, np.nan), "kappa must be finite"),
        (lambda: htmp(0.5, 3.0, scale=-1.0), "scale must be finite and > 0"),
        (lambda: htmp(0.5, 3.0, loc=np.inf), "loc"),
        (lambda: htmp(1e-4, 3.0), r"gamma in \[0.001, 1000\]"),
        (lambda: inverse_htmp(0.5, 1e6), r"validated domain .* kappa in"),
        (lambda: marchenko_pastur(-1.0), "gamma must be finite and > 0"),
        (lambda: htmp(True, 3.0), "gamma must be real"),
        (lambda: htmp.pdf(1.0, 0.5, -3.0), "kappa"),
        (lambda: htmp(0.5, 3.0).ppf(1.5), r"q must lie in \[0, 1\]"),
        (lambda: htmp(0.5, 3.0).interval("abc"), "confidence"),
        (lambda: htmp(0.5, 3.0).interval(2.0), "confidence"),
        (lambda: htmp(0.5, 3.0).moment(-1), "order"),
        (lambda: htmp(0.5, 3.0).rvs(3, random_state="seed"), "random_state"),
        (lambda: htmp(4.0, 3.0).entropy(), "atom"),
    ],
)
def test_bad_parameters_raise_named_errors(build, match):
    with pytest.raises((ValueError, TypeError), match=match):
        build()


def test_scalars_for_scalar_input_and_broadcasting():
    d = htmp(0.5, 10.0)
    assert np.ndim(d.pdf(1.0)) == 0 and np.ndim(d.cdf(1.0)) == 0
    out = htmp.pdf(np.array([[0.5], [1.5]]), [0.25, 0.5, 2.0], 10.0)
    assert out.shape == (2, 3)
    assert out[1, 2] == pytest.approx(float(exact.pdf(1.5, 2, 10)), rel=1e-12)


def test_loc_and_scale_shift_and_stretch_the_standard_law():
    # X = loc + scale·Y: against the certified standard law at (x − loc)/scale
    d = htmp(0.5, 10.0, loc=1.0, scale=3.0)
    x = 4.0
    assert d.pdf(x) == pytest.approx(float(exact.pdf(1, "0.5", 10)) / 3, rel=1e-12)
    assert d.cdf(x) == pytest.approx(float(exact.cdf(1, "0.5", 10)), abs=1e-14)
    assert d.mean() == pytest.approx(1.0 + 3.0) and d.var() == pytest.approx(9 * (0.5 + 0.1))
    assert (d.loc, d.scale, d.gamma, d.kappa) == (1.0, 3.0, 0.5, 10.0)


def test_the_atom_at_the_lower_end_of_the_support():
    # γ = 4: atom 3/4 at loc (scipy would give cdf 0 and sf 1 at the end of the support)
    for law, args in ((htmp, (4.0, 5.0)), (marchenko_pastur, (4.0,))):
        d = law(*args, loc=2.0)
        assert d.atom == 0.75
        assert d.cdf(2.0) == pytest.approx(0.75, abs=1e-15) and d.sf(2.0) == pytest.approx(0.25, abs=1e-15)
        assert d.cdf(np.nextafter(2.0, 0)) == 0 and d.logcdf(2.0) == pytest.approx(np.log(0.75))
        assert d.ppf(0.5) == 2.0 and d.ppf(0.75) == 2.0 and d.ppf(0.8) > 2.0
        x = d.rvs(20000, random_state=3)
        assert abs((x == 2.0).mean() - 0.75) < 5 * np.sqrt(0.75 * 0.25 / x.size)
    assert htmp(0.5, 5.0).atom == 0.0


def test_expectation_and_stats_use_exact_moments():
    # var, skewness and kurtosis from SPEC §5's polynomials m2, m3, m4 at γ = 1/2, κ = 4
    g, k = 0.5, 4.0
    m2, m3, m4 = (float(SPEC_MOMENTS[n].subs({gamma: g, kappa: k})) for n in (2, 3, 4))
    mean, var, skew, kurt = htmp(g, k).stats(moments="mvsk")
    assert (mean, var) == (1.0, pytest.approx(m2 - 1, rel=1e-15))
    assert skew == pytest.approx((m3 - 3 * var - 1) / var**1.5, rel=1e-14)
    assert kurt == pytest.approx((m4 - 4 * m3 + 6 * m2 - 3) / var**2 - 3, rel=1e-14)


def test_moments_beyond_the_float_range_are_inf():
    # exact rationals rounded once: float(fmpq) overflowed (OverflowError); reference: the exact
    # rational compared with the largest float
    assert exact.moment(60, 1000.0, 0.01) > 2**1024 and htmp.moment(60, 1000.0, 0.01) == np.inf
    assert exact.mp_moment(200, 1000.0) > 2**1024 and marchenko_pastur(1000.0).moment(200) == np.inf

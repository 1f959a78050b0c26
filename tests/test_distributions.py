"""ppf/isf of the fast path, the scipy-style objects, MP closed forms and tail exponents."""
import numpy as np
import pytest
from scipy import stats

from htmp_exact import exact, fast, htmp, marchenko_pastur, tail_exponents

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


def test_htmp_object_mixed_law_and_moments():
    d = htmp(2.0, 5.0, scale=3.0)
    assert d.cdf(0.0) == pytest.approx(0.5) and d.atom == 0.5
    assert d.mean() == pytest.approx(3.0) and d.var() == pytest.approx(9 * (2.0 + 4.0 / 5.0))  # m2 − 1 = γ + 2γ/κ
    x = d.rvs(20000, random_state=0)
    assert abs((x == 0).mean() - 0.5) < 5 * np.sqrt(0.25 / 20000)
    sd = np.sqrt(d.moment(4) - d.moment(2) ** 2)
    assert abs(np.mean(x**2) - d.moment(2)) < 5 * sd / np.sqrt(x.size)
    lo, hi = d.interval(0.9)
    assert lo == 0.0 and d.cdf(hi) == pytest.approx(0.95, abs=1e-12)
    assert d.pdf(3.0) == pytest.approx(float(exact.pdf(1, 2, 5)) / 3, rel=1e-11)
    assert d.logpdf(3.0) == pytest.approx(np.log(d.pdf(3.0)), rel=1e-12)


def test_htmp_rvs_pass_a_kolmogorov_smirnov_test():
    d = htmp(0.3, 8.0)
    x = d.rvs(3000, random_state=42)
    assert stats.kstest(x, d.cdf).pvalue > 0.01   # fails with probability 1% if correct


def test_mp_closed_forms_against_the_exact_path():
    x = np.array([-1.0, 0.0, 0.1, 0.5, 1.0, 2.0, 2.9, 4.0])
    for g in (0.5, 1.0, 2.0):
        for fast_fn, exact_fn in ((fast.mp_pdf, exact.mp_pdf), (fast.mp_cdf, exact.mp_cdf), (fast.mp_sf, exact.mp_sf)):
            ref = np.array([float(exact_fn(float(v), g)) for v in x])
            assert np.max(np.abs(fast_fn(x, g) - ref)) < 2e-15
    m = marchenko_pastur(0.5)
    q = np.array([0.01, 0.5, 0.99])
    assert np.allclose(m.cdf(m.ppf(q)), q, atol=1e-14)
    y = m.rvs(20000, random_state=1)
    assert abs(y.mean() - 1) < 5 * np.sqrt(m.var() / y.size)


@pytest.mark.parametrize("gamma, kappa", [(0.5, 4.0), (0.3, 1.5), (3.0, 12.0)])
def test_tail_exponents_match_the_slope_of_log_pdf(gamma, kappa):
    e = tail_exponents(gamma, kappa)
    x = np.array([1e-7, 2e-7])
    slope0 = np.diff(fast.logpdf(x, gamma, kappa)) / np.diff(np.log(x))
    assert slope0[0] == pytest.approx(e.htmp_at_zero, abs=1e-4)
    # inverse law q(λ) = p(1/λ)/λ²: slope −e.inverse_upper at large λ (small x)
    lam = 1 / x
    log_q = fast.logpdf(x, gamma, kappa) - 2 * np.log(lam)
    assert (np.diff(log_q) / np.diff(np.log(lam)))[0] == pytest.approx(-e.inverse_upper, abs=1e-4)
    big = np.array([200.0, 201.0])
    lp = fast.logpdf(big, gamma, kappa) + e.htmp_upper_rate * big - e.htmp_upper_power * np.log(big)
    assert abs(lp[1] - lp[0]) < 0.05 * abs(fast.logpdf(big, gamma, kappa)[1] - fast.logpdf(big, gamma, kappa)[0])


def test_bad_parameters():
    with pytest.raises(ValueError, match="gamma"):
        htmp(0.0, 1.0)
    with pytest.raises(ValueError, match="scale"):
        marchenko_pastur(0.5, scale=-1.0)
    with pytest.raises(ValueError, match="q must"):
        fast.ppf(1.5, 0.5, 4.0)
    with pytest.raises(ValueError, match="confidence"):
        htmp(0.5, 4.0).interval(2.0)


def test_inverse_htmp_is_the_law_of_one_over_x():
    from htmp_exact import inverse_htmp
    d, base = inverse_htmp(0.5, 4.0, scale=2.0), htmp(0.5, 4.0)
    lam = np.array([0.5, 2.0, 10.0, 100.0])
    assert np.allclose(d.cdf(lam), base.sf(2.0 / lam), rtol=1e-14)
    # density by a central difference of the cdf (an independent route to q(λ) = p(s/λ)s/λ²)
    h = 1e-6 * lam
    assert np.allclose((d.cdf(lam + h) - d.cdf(lam - h)) / (2 * h), d.pdf(lam), rtol=1e-6)
    q = np.array([0.1, 0.5, 0.9, 0.999])
    assert np.allclose(d.cdf(d.ppf(q)), q, atol=1e-12)
    slope = np.diff(np.log(d.pdf(np.array([1e5, 2e5])))) / np.log(2)
    assert slope[0] == pytest.approx(-tail_exponents(0.5, 4.0).inverse_upper, abs=1e-3)
    g = inverse_htmp(3.0, 12.0)   # the atom of X at 0 is mass 2/3 at λ = +inf
    assert g.sf(1e300) == pytest.approx(2 / 3) and g.cdf(1e300) == pytest.approx(1 / 3)
    draws = g.rvs(4000, random_state=0)
    assert abs(np.isinf(draws).mean() - 2 / 3) < 5 * np.sqrt(2 / 9 / 4000)


@pytest.mark.parametrize("gamma, kappa, scale, seed", [(0.5, 10.0, 2.0, 7), (2.0, 20.0, 0.5, 8)])
def test_fit_recovers_kappa_and_scale_within_three_standard_errors(gamma, kappa, scale, seed):
    data = htmp(gamma, kappa, scale=scale).rvs(10000, random_state=seed)
    result = htmp.fit(data, gamma=gamma)
    assert abs(result.kappa - kappa) < 3 * result.kappa_se
    assert abs(result.scale - scale) < 3 * result.scale_se
    assert 0 < result.kappa_se < 0.2 * kappa and 0 < result.scale_se < 0.05 * scale


def test_fit_rejects_bad_data():
    from htmp_exact.distributions import fit
    with pytest.raises(ValueError, match="data"):
        fit([1.0, np.nan, 2.0], 0.5)
    with pytest.raises(ValueError, match="data"):
        fit([-1.0, 2.0], 0.5)


def test_stieltjes_method_is_the_scaled_transform():
    # E[1/(X − z)], X = 2·HTMP(0.5, 10), by adaptive quadrature of the fast density
    # (independent of the Cauchy panels of fast.stieltjes); the mass outside [1e-8, 200] is < 1e-30
    from scipy.integrate import quad
    logpdf = fast.logpdf_function(0.5, 10.0, 1e-8, 200.0)
    z = -0.5 + 0.3j
    parts = [quad(lambda y, f=f: f(np.exp(logpdf(np.array([y]))[0]) / (2 * y - z)), 1e-8, 200.0,
                  points=[0.5, 1, 2, 4], limit=200, epsabs=1e-14, epsrel=1e-12)[0] for f in (np.real, np.imag)]
    assert htmp(0.5, 10.0, scale=2.0).stieltjes(z) == pytest.approx(parts[0] + 1j * parts[1], rel=1e-10)
    mp_law = marchenko_pastur(4.0, scale=3.0)
    assert mp_law.stieltjes(-1e-9) * 1e-9 == pytest.approx(0.75, rel=1e-6)   # the atom: −zS → 1 − 1/γ

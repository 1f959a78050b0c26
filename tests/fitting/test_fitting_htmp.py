"""fit_htmp: recovery and coverage on independent samples, the κ = ∞ limit, the profile against
an independent optimiser, zeros of the null space."""

import math
import warnings

import numpy as np
import pytest
from scipy.optimize import minimize, minimize_scalar
from scipy.stats import binom, chi2

from htmp_exact import exact, fast
from htmp_exact.fitting import fit_htmp


def iid_htmp(n, gamma, kappa, scale, seed):
    """n independent draws of scale·HTMP(γ, κ) by inversion (the model the likelihood assumes)."""
    return scale * fast.ppf(np.random.default_rng(seed).random(n), gamma, kappa)


def profile_at(x, gamma, kappa):
    """max over σ of Σ log p(x/σ)/σ, by scipy's bounded Brent on fast.logpdf (another optimiser)."""

    def negative(u):
        return -(np.sum(fast.logpdf(x / math.exp(u), gamma, kappa)) - x.size * u)

    m = float(np.log(np.mean(x)))
    res = minimize_scalar(negative, bounds=(m - 1, m + 1), method="bounded", options={"xatol": 1e-9})
    return -res.fun


def test_coverage_of_the_profile_intervals():
    """20 seeds, N = 300, κ = 10, scale 2, γ = 0.5: each 95 % interval misses with probability
    0.05 (asymptotically), so fewer than 16 hits of 20 has probability binom.cdf(15, 20, 0.95) = 0.016."""
    assert binom.cdf(15, 20, 0.95) < 0.02
    hits_kappa = hits_scale = 0
    for seed in range(20):
        fit = fit_htmp(iid_htmp(300, 0.5, 10.0, 2.0, seed), 0.5)
        hits_kappa += fit.kappa_ci[0] <= 10 <= fit.kappa_ci[1]
        hits_scale += fit.scale_ci[0] <= 2 <= fit.scale_ci[1]
    assert hits_kappa >= 16 and hits_scale >= 16


@pytest.mark.parametrize("gamma, kappa", [(0.25, 0.3), (2.0, 40.0), (1.0, 5.0)])
def test_maximum_and_interval_ends_against_an_independent_optimiser(gamma, kappa):
    fit = fit_htmp(iid_htmp(400, gamma, kappa, 1.5, 7), gamma)
    x = fit.data  # the positive values above zero_tol (at γ = 1 a few draws fall below it)

    # the joint maximum from Nelder–Mead in (log κ, log σ), started away from it, is not higher
    def negative(p):
        return -(np.sum(fast.logpdf(x / math.exp(p[1]), gamma, math.exp(p[0]))) - x.size * p[1])

    res = minimize(
        negative,
        [math.log(kappa) + 0.7, math.log(1.5) - 0.1],
        method="Nelder-Mead",
        options={"xatol": 1e-8, "fatol": 1e-10, "maxiter": 2000},
    )
    conditional = x.size * math.log(gamma) if gamma > 1 else 0.0  # the law of X given X > 0
    assert fit.loglik >= -res.fun + conditional - 1e-4
    assert abs(math.log(fit.kappa) - res.x[0]) < 0.02
    # the interval's ends are where the profile has fallen by χ²₁(0.95)/2
    for end in fit.kappa_ci:
        assert abs(profile_at(x, gamma, end) + conditional - (fit.loglik - chi2.ppf(0.95, 1) / 2)) < 0.02


def test_loglik_is_the_certified_log_likelihood_at_the_estimate():
    x = iid_htmp(50, 0.5, 8.0, 1.0, 3)
    fit = fit_htmp(x, 0.5)
    reference = sum(float(exact.logpdf(v / fit.scale, 0.5, fit.kappa, digits=20)) for v in x)
    assert abs(fit.loglik - (reference - x.size * math.log(fit.scale))) < 1e-8


def test_marchenko_pastur_data_give_kappa_inf_at_the_bound():
    x = 3.0 * fast.mp_ppf(np.random.default_rng(5).random(2000), 0.25)
    fit = fit_htmp(x, 0.25)
    assert fit.kappa == math.inf and fit.at_bound
    assert fit.kappa_ci[1] == math.inf and fit.kappa_ci[0] > 50
    assert fit.loglik == fit.mp_loglik
    assert abs(fit.scale / 3 - 1) < 0.01


def test_a_low_kappa_optimum_inside_the_range_is_not_at_the_bound():
    # zero_tol = 0: a third of these draws lie below max(x)·N·ε (the law is ~ x^(κ/2γ − 1) at 0)
    fit = fit_htmp(iid_htmp(500, 0.5, 0.05, 1.0, 11), 0.5, zero_tol=0.0)
    assert fit.n == 500
    assert not fit.at_bound and fit.kappa_ci[0] < 0.05 < fit.kappa_ci[1]


def test_null_space_rounding_is_counted_as_zeros():
    """γ = 4: 3/4 of the values are an exact atom; LAPACK returns them as ±1e-17."""
    rng = np.random.default_rng(2)
    x = iid_htmp(1200, 4.0, 30.0, 1.0, 2)
    zeros = x == 0
    noisy = x.copy()
    noisy[zeros] = rng.choice([-1e-17, 1e-17, -3e-18], zeros.sum())
    clean, rounded = fit_htmp(x[~zeros], 4.0), fit_htmp(noisy, 4.0)
    assert rounded.zeros.n_zero == zeros.sum() and rounded.zeros.n_negative > 0 and rounded.zeros.consistent
    assert rounded.kappa == clean.kappa and rounded.scale == clean.scale
    # np.abs turns the atom into tiny positive "data" and ruins the fit (the reason for zero_tol)
    assert fit_htmp(np.abs(noisy), 4.0, zero_tol=0.0).kappa < 0.5 * clean.kappa


def test_no_warning_leaks():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit_htmp(iid_htmp(200, 0.5, 1e4, 1.0, 1), 0.5)
        fit_htmp(iid_htmp(200, 2.0, 0.02, 1.0, 1), 2.0)

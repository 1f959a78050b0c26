"""Truncated likelihood and spike exclusion."""

import math

import numpy as np
from scipy.optimize import minimize

from htmp_exact import exact, fast
from htmp_exact.fitting import fit_htmp, fit_marchenko_pastur, spike_threshold


def iid_htmp(n, gamma, kappa, seed):
    return fast.ppf(np.random.default_rng(seed).random(n), gamma, kappa)


def test_truncated_loglik_is_the_certified_conditional_log_likelihood():
    x = iid_htmp(150, 0.5, 3.0, 4)
    fit = fit_htmp(x, 0.5, xmax=2.0)
    assert math.isfinite(fit.kappa)
    kept = x[x <= 2.0]
    assert fit.n == kept.size and fit.exclusion.n_excluded == (x > 2.0).sum() > 0
    s, k = fit.scale, fit.kappa
    mass = float(exact.cdf(2.0 / s, 0.5, k, digits=20))
    reference = sum(float(exact.logpdf(v / s, 0.5, k, digits=20)) for v in kept) - kept.size * math.log(
        s * mass
    )
    assert abs(fit.loglik - reference) < 1e-7


def test_truncated_fit_recovers_kappa_from_a_truncated_sample():
    """Draws of the law conditioned on x <= 1.6 (about its 85 % quantile): only the
    conditional likelihood is right; the untruncated fit of the same values is biased."""
    gamma, kappa = 0.5, 10.0
    top = float(fast.cdf(1.6, gamma, kappa))
    hits = 0
    biased = 0
    for seed in range(8):
        u = np.random.default_rng(seed).random(400) * top
        x = fast.ppf(u, gamma, kappa)
        fit = fit_htmp(x, gamma, xmax=1.6)
        hits += fit.kappa_ci[0] <= kappa <= fit.kappa_ci[1]
        biased += fit_htmp(x, gamma, ci=False).kappa > 2 * kappa
    assert hits >= 6 and biased >= 6  # binom.cdf(5, 8, 0.95) = 0.0058


def test_planted_spikes_are_found_and_their_exclusion_restores_the_fit():
    x = iid_htmp(500, 0.25, 30.0, 1)
    spiked = np.concatenate([x, [6.0, 8.0, 11.0]])
    clean = fit_htmp(x, 0.25)
    naive = fit_htmp(spiked, 0.25)
    assert naive.kappa < clean.kappa_ci[0]  # the spikes drag κ down
    auto = fit_htmp(spiked, 0.25, spikes="auto")
    assert auto.exclusion.excluded == (6.0, 8.0, 11.0)
    assert auto.kappa_ci[0] <= clean.kappa <= auto.kappa_ci[1]
    top = fit_htmp(spiked, 0.25, exclude_top=3)
    assert top.exclusion.excluded == (6.0, 8.0, 11.0) and top.n == 500
    assert x.max() < top.exclusion.window.hi < 6.0


def test_auto_rule_leaves_clean_samples_alone_mostly():
    """Each clean sample of N draws has a point beyond the 1 − 1/(10N) quantile with
    probability ≈ 0.095; of 6 samples, at most 3 with an exclusion (probability > 0.999)."""
    flagged = sum(
        fit_htmp(iid_htmp(300, 0.5, 20.0, seed), 0.5, spikes="auto", ci=False).exclusion.n_excluded > 0
        for seed in range(6)
    )
    assert flagged <= 3


def test_spike_threshold_is_the_quantile_rule():
    fit = fit_htmp(iid_htmp(300, 0.5, 20.0, 3), 0.5)
    t = spike_threshold(fit, 300)
    assert abs(float(exact.sf(t / fit.scale, 0.5, fit.kappa, digits=10)) - 1 / 3000) < 1e-9


def test_marchenko_pastur_with_spikes_is_minus_inf_until_they_are_excluded():
    rng = np.random.default_rng(0)
    w = rng.standard_normal((800, 200))
    w[:, :2] += 0.5 * rng.standard_normal((800, 1))  # a rank-one signal: spikes
    lam = np.linalg.eigvalsh(w.T @ w / 800)
    plain = fit_marchenko_pastur(lam, 0.25)
    assert plain.loglik == -math.inf and plain.n_outside >= 1
    auto = fit_marchenko_pastur(lam, 0.25, spikes="auto")
    assert math.isfinite(auto.loglik) and 1 <= auto.exclusion.n_excluded <= 3
    assert abs(auto.scale - 1) < 0.05


def test_truncated_maximum_against_an_independent_optimiser():
    """Nelder–Mead on the conditional log-likelihood written with fast.logpdf and fast.cdf
    (a cdf solve at every step) finds no higher value than the fit."""
    gamma, xmax = 0.5, 1.6
    x = fast.ppf(np.random.default_rng(9).random(400) * float(fast.cdf(xmax, gamma, 10.0)), gamma, 10.0)
    fit = fit_htmp(x, gamma, xmax=xmax, ci=False)

    def negative(p):
        kappa, scale = math.exp(p[0]), math.exp(p[1])
        mass = float(fast.cdf(xmax / scale, gamma, kappa))
        return -(np.sum(fast.logpdf(x / scale, gamma, kappa)) - x.size * math.log(scale * mass))

    res = minimize(
        negative,
        [math.log(fit.kappa) + 0.5, math.log(fit.scale) - 0.05],
        method="Nelder-Mead",
        options={"xatol": 1e-7, "fatol": 1e-9, "maxiter": 400},
    )
    assert fit.loglik >= -res.fun - 1e-4
    assert abs(math.log(fit.kappa) - res.x[0]) < 0.02 and abs(math.log(fit.scale) - res.x[1]) < 0.01

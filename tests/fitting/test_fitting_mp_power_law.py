"""fit_marchenko_pastur against a brute-force maximum; fit_power_law against Pareto samples and the
`powerlaw` package (skipped if absent)."""

import math
import warnings

import numpy as np
import pytest
from scipy.stats import binom

from htmp_exact import fast
from htmp_exact.fitting import fit_marchenko_pastur, fit_power_law


def test_marchenko_pastur_scale_is_the_brute_force_maximum():
    x = 2.5 * fast.mp_ppf(np.random.default_rng(1).random(500), 0.5)
    fit = fit_marchenko_pastur(x, 0.5)
    lower, upper = (1 - math.sqrt(0.5)) ** 2, (1 + math.sqrt(0.5)) ** 2
    sigmas = np.linspace(x.max() / upper, x.min() / lower, 200001)[1:-1]
    # Σ log p(x/σ)/σ on a fine grid, with the density written out (SPEC §2)
    y = x[None, :] / sigmas[:, None]
    ll = np.sum(
        np.log(np.sqrt((upper - y) * (y - lower)) / (2 * math.pi * 0.5 * y)), axis=1
    ) - x.size * np.log(sigmas)
    assert fit.loglik >= ll.max() - 1e-9
    assert abs(fit.scale - sigmas[np.argmax(ll)]) < 2 * (sigmas[1] - sigmas[0])
    assert fit.scale_ci[0] < 2.5 < fit.scale_ci[1]


def test_marchenko_pastur_gamma_above_one_uses_the_positive_values():
    rng = np.random.default_rng(3)
    w = rng.standard_normal((100, 300))
    lam = np.linalg.eigvalsh(w.T @ w / 100)
    fit = fit_marchenko_pastur(lam, 3.0)
    assert fit.zeros.n_zero == 200 and fit.n == 100 and fit.zeros.consistent
    assert abs(fit.scale - 1) < 0.05


def pareto(n, alpha, xmin, seed):
    return xmin * (1 - np.random.default_rng(seed).random(n)) ** (-1 / (alpha - 1))


def test_csn_exponent_is_within_its_standard_error_on_pareto_samples():
    """30 seeds, N = 2000, α = 2.5: |α̂ − α| < 2 SE has probability ≈ 0.954 each; at least 25 of 30
    hold with probability 1 − binom.cdf(24, 30, 0.954) > 0.99."""
    assert 1 - binom.cdf(24, 30, 0.954) > 0.99
    hits = 0
    for seed in range(30):
        fit = fit_power_law(pareto(2000, 2.5, 1.0, seed), xmin=1.0)
        hits += abs(fit.alpha - 2.5) < 2 * fit.alpha_se
        assert abs(fit.alpha_se - (fit.alpha - 1) / math.sqrt(2000)) < 1e-12
    assert hits >= 25


def test_csn_chooses_xmin_at_the_start_of_the_tail():
    """Uniform(0, 1) body, Pareto(α = 3) tail from x = 1 (half the mass): x_min in the tail, near 1."""
    rng = np.random.default_rng(4)
    x = np.concatenate([rng.random(2000), pareto(2000, 3.0, 1.0, 5)])
    fit = fit_power_law(x)
    assert 0.95 < fit.xmin < 2 and abs(fit.alpha - 3) < 3 * fit.alpha_se  # in the tail, not the body


def test_against_the_powerlaw_package():
    """Same exponent and standard error at a given x_min (CSN eqs. 3.1, 3.2).  `powerlaw` takes
    the empirical CDF on one side of each jump only, so its D is at most the two-sided
    sup |F_N − F| computed here, and equal where the sup falls on that side."""
    powerlaw = pytest.importorskip("powerlaw")
    rng = np.random.default_rng(1)
    x = np.concatenate([rng.exponential(1, 500), pareto(300, 2.7, 3.0, 2)])
    for xmin in np.sort(x)[[300, 450, 600, 700]]:
        ours = fit_power_law(x, xmin=xmin, min_tail=2)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = powerlaw.Fit(x, xmin=xmin, verbose=False).power_law
            se = theirs.standard_err if hasattr(type(theirs), "standard_err") else theirs.sigma
        assert abs(ours.alpha - theirs.alpha) < 1e-10 and abs(ours.alpha_se - se) < 1e-10
        assert ours.ks >= theirs.D - 1e-12
        ranks = np.arange(ours.n_tail)
        one_sided = np.max(np.abs(ranks / ours.n_tail - ours.cdf(ours.data)))
        assert abs(theirs.D - one_sided) < 1e-10


def test_csn_scan_picks_the_candidate_of_least_ks_distance():
    """The vectorised scan against one fit per candidate (the KS of the given-xmin path)."""
    rng = np.random.default_rng(6)
    x = np.concatenate([rng.exponential(1.0, 150), pareto(100, 2.5, 2.0, 7)])
    chosen = fit_power_law(x, min_tail=10)
    values = np.unique(x)
    candidates = values[np.searchsorted(np.sort(x), values) <= x.size - 10]
    distances = [fit_power_law(x, xmin=c, min_tail=10).ks for c in candidates]
    assert chosen.xmin == candidates[int(np.argmin(distances))]
    assert abs(chosen.ks - min(distances)) < 1e-12
    # the scan's own distances and exponents, candidate by candidate
    from htmp_exact.fitting._power_law import _alphas, _ks

    xs = np.sort(x)
    starts = np.searchsorted(xs, candidates)
    alphas = _alphas(xs, starts)
    assert np.allclose(alphas, [fit_power_law(x, xmin=c, min_tail=10).alpha for c in candidates], rtol=1e-12)
    assert np.allclose(_ks(xs, starts, alphas), distances, rtol=1e-10, atol=1e-14)

"""Vuong and boundary LR tests on cases with a known answer; compare(); the bootstrap."""

import math

import numpy as np
from scipy.stats import chi2, norm

from htmp_exact import fast
from htmp_exact.fitting import bootstrap_gof, compare, fit_htmp, nested_boundary, vuong


def test_vuong_on_two_normal_models_with_a_known_answer():
    """Data N(0, 1); model 1 = N(0, 1), model 2 = N(0, 2²).  Per point the log ratio has mean
    KL = log 2 − 3/8 ≈ 0.318 and a computable variance, so z ≈ √N·0.318/sd."""
    x = np.random.default_rng(0).standard_normal(4000)
    first, second = norm.logpdf(x), norm.logpdf(x, scale=2.0)
    result = vuong("n1", first, "n2", second)
    d = first - second
    assert abs(result.log_ratio - d.sum()) < 1e-9
    kl = math.log(2) - 3 / 8
    sd = math.sqrt(np.var(0.5 * x**2 * (1 - 1 / 4)))  # d = log 2 − (3/8)x², exactly
    assert abs(result.statistic - math.sqrt(4000) * kl / sd) < 0.1 * math.sqrt(4000) * kl / sd
    assert result.p_value < 1e-50 and result.favoured == "n1"
    # swapped arguments: same p-value, opposite sign
    swapped = vuong("n2", second, "n1", first)
    assert swapped.statistic == -result.statistic and swapped.p_value == result.p_value


def test_vuong_between_equally_good_models_is_not_significant():
    """Two models at the same KL distance from the truth: N(±0.5, 1) for data N(0, 1)."""
    x = np.random.default_rng(1).standard_normal(3000)
    result = vuong("left", norm.logpdf(x, -0.5), "right", norm.logpdf(x, 0.5))
    assert result.p_value > 0.01


def test_nested_boundary_p_value_is_half_the_chi2_tail():
    assert abs(nested_boundary("a", 10.0, "b", 8.75).p_value - 0.5 * chi2.sf(2.5, 1)) < 1e-15
    assert nested_boundary("a", 10.0, "b", 10.0).p_value == 1.0
    assert nested_boundary("a", 10.0, "b", -math.inf).p_value == 0.0


def iid_htmp(n, gamma, kappa, seed):
    return fast.ppf(np.random.default_rng(seed).random(n), gamma, kappa)


def test_compare_prefers_htmp_on_htmp_data_and_mp_is_not_rejected_on_mp_data():
    heavy = compare(iid_htmp(500, 0.5, 3.0, 0), 0.5)
    assert heavy.htmp.aic < heavy.mp.aic and heavy.htmp_vs_mp.p_value < 1e-6
    light = compare(2.0 * fast.mp_ppf(np.random.default_rng(2).random(800), 0.5), 0.5)
    assert light.htmp_vs_mp.p_value > 0.05 and light.mp.aic <= light.htmp.aic
    assert math.isfinite(light.mp.loglik) and light.htmp.at_bound


def test_compare_prefers_the_power_law_on_a_pareto_tail():
    """Exponential body with a Pareto(α = 2.2) tail: on the tail the power law beats HTMP's
    exponential decay (R > 0), and the data make that significant."""
    rng = np.random.default_rng(3)
    x = np.concatenate([rng.exponential(0.3, 1500), 2.0 * (1 - rng.random(500)) ** (-1 / 1.2)])
    result = compare(x, 0.5)
    assert result.power_law_vs_htmp.log_ratio > 0 and result.power_law_vs_htmp.p_value < 0.01
    assert abs(result.power_law.alpha - 2.2) < 3 * result.power_law.alpha_se
    assert "power_law" in str(result)


def test_bootstrap_p_value_separates_a_good_from_a_bad_fit():
    good = bootstrap_gof(fit_htmp(iid_htmp(200, 0.5, 10.0, 4), 0.5), 19, random_state=0)
    assert good.p_value > 0.05 and good.replicates.size == 19
    rng = np.random.default_rng(5)
    bimodal = np.concatenate([rng.uniform(0.2, 0.4, 100), rng.uniform(2.0, 2.2, 100)])
    bad = bootstrap_gof(fit_htmp(bimodal, 0.5), 19, random_state=0)
    assert bad.p_value == 1 / 20

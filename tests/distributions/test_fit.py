"""Maximum-likelihood fit of HTMP(γ, κ)·scale on synthetic data."""
import numpy as np
import pytest
from scipy import stats

from htmp_exact import exact, fast, htmp, inverse_htmp, marchenko_pastur, tail_exponents


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

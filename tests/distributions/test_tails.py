"""The exact tail exponents against the slopes of the certified log-density."""

import numpy as np
import pytest

from htmp_exact import exact, tail_exponents


@pytest.mark.parametrize("gamma, kappa", [(0.5, 4.0), (0.3, 1.5), (3.0, 12.0)])
def test_tail_exponents_match_the_slopes_of_the_log_density(gamma, kappa):
    e = tail_exponents(gamma, kappa)

    def logpdf(x):
        return np.array([float(exact.logpdf(v, gamma, kappa, digits=20)) for v in x])

    x = np.array([1e-9, 2e-9])
    assert (np.diff(logpdf(x)) / np.log(2))[0] == pytest.approx(e.htmp_at_zero, abs=1e-6)
    # inverse law q(λ) = p(1/λ)/λ² = p(x) x²: log q falls like −inverse_upper·log λ = inverse_upper·log x
    assert (np.diff(logpdf(x) + 2 * np.log(x)) / np.log(2))[0] == pytest.approx(e.inverse_upper, abs=1e-6)
    # upper tail: log p(x) + rate·x − power·log x is constant up to O(c/x); a 1% error in the
    # rate moves it by 0.01·rate·200, a power off by one by log 2 between x = 200 and 400
    big = np.array([200.0, 400.0]) * max(1.0, gamma)
    rest = logpdf(big) + e.htmp_upper_rate * big - e.htmp_upper_power * np.log(big)
    assert abs(rest[1] - rest[0]) < 0.05

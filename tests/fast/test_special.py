"""Float64 special functions of the per-point kernel against mpmath at 50 digits."""

import mpmath
import pytest

from htmp_exact.fast import _special


@pytest.mark.parametrize("c", [1e-3, 0.016, 0.1, 1.0, 3.0, 10.0, 30.0, 1e3, 5e4])
@pytest.mark.parametrize("m", [1e-9, 1e-5, 5e-4, 2e-3, 0.3, 2.0, 50.0])
def test_log_gamma_ratio(c, m):
    # log Γ(c + m) − log Γ(c): small m against small and large c (the Taylor branch must not
    # be used where m/c is not small: at c = 0.001, m = 0.001 it would be 2e-3 off)
    with mpmath.workdps(50):
        reference = float(mpmath.loggamma(mpmath.mpf(c) + m) - mpmath.loggamma(mpmath.mpf(c)))
    assert abs(_special.log_gamma_ratio(c, m) - reference) <= 1e-14 * max(1.0, abs(reference))

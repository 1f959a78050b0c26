"""MP closed forms of the fast path."""
import numpy as np
import pytest

from htmp_exact import exact, fast


@pytest.mark.parametrize("gamma", [1e-3, 0.5, 1.0, 1.000001, 4.0])
def test_mp_stieltjes_solves_the_quadratic_and_matches_exact(gamma):
    z = np.array([-1e6, 1e6j, -1e-8, 1e-8j, 0.5 + 1e-6j, 1 + 1e-9j, 3 - 1e-6j, 1e-12 + 1e-9j, 1e30 + 1e20j])
    s = fast.mp_stieltjes(z, gamma)
    residual = gamma * z * s * s + (z + (gamma - 1)) * s + 1        # SPEC §2
    assert np.all(np.abs(residual) <= 1e-12 * (np.abs(gamma * z * s * s) + np.abs((z + (gamma - 1)) * s) + 1))
    assert np.all(s.imag * z.imag >= 0)                                # Im S > 0 for Im z > 0
    for zi, si in zip(z, s):
        ref = complex(exact.mp_stieltjes(complex(zi), gamma, digits=16))
        assert abs(si - ref) <= 1e-14 * abs(ref)

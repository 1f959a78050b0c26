"""The Radau IIA tableau and solver of the Riccati equation."""

import numpy as np


def test_radau_tableau_satisfies_the_collocation_conditions():
    # stage order s: Σ_j a_ij c_j^(k−1) = c_i^k / k (k ≤ s); the last row is the Radau
    # quadrature, exact to degree 2s − 2; nodes: zeros of P_s(2c − 1) − P_{s−1}(2c − 1)
    import mpmath

    from htmp_exact.fast import _riccati

    c, a, s = _riccati.C, _riccati.A, _riccati.STAGES
    for k in range(1, s + 1):
        assert np.allclose(a @ c ** (k - 1), c**k / k, rtol=0, atol=4e-16)
    for k in range(2 * s - 1):
        assert abs(a[-1] @ c**k - 1 / (k + 1)) <= 4e-16
    assert all(abs(mpmath.legendre(s, 2 * x - 1) - mpmath.legendre(s - 1, 2 * x - 1)) < 1e-13 for x in c)

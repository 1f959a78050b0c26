"""fast.stieltjes against the exact path, the moments and the density."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from htmp_exact import exact, fast

from .reference import GRID, STIELTJES_REL_TOL

ZS = np.array(
    [
        -1e6,
        1e6j,
        1e6 + 1e3j,
        -1e-8,
        1e-8j,
        0.5 + 1e-6j,
        1 + 1e-6j,
        3 - 1e-6j,
        1 + 1j,
        -2 + 0.1j,
        40 + 1e-5j,
        1e-4 + 1e-10j,
        1e30 + 1e20j,
        1e120 - 1j,
    ]
)


@pytest.mark.parametrize("gamma, kappa", GRID)
def test_stieltjes_matches_exact(gamma, kappa):
    values = fast.stieltjes(ZS, gamma, kappa)
    for z, value in zip(ZS, values):
        ref = complex(exact.stieltjes(complex(z), gamma, kappa, digits=16))
        assert abs(value - ref) <= STIELTJES_REL_TOL * abs(ref), (z, value, ref)


@pytest.mark.parametrize("gamma, kappa", [(0.5, 10.0), (2.0, 3.0), (0.01, 1000.0)])
def test_stieltjes_boundary_value_is_the_density(gamma, kappa):
    # p(x) = Im S(x + i0)/π (SPEC §4); at Im z = 1e-9 the difference is O(1e-9)
    x = np.array([0.3, 0.9, 1.0, 1.1, 2.5]) * (gamma if gamma > 1 else 1.0)
    density = np.array([float(exact.pdf(float(v), gamma, kappa, digits=16)) for v in x])
    inside = density > 1e-3
    values = fast.stieltjes(x + 1e-9j, gamma, kappa).imag / np.pi
    assert np.allclose(values[inside], density[inside], rtol=1e-6)


def test_stieltjes_far_field_is_the_moment_series():
    # S(z) = −Σ m_k / z^{k+1}; with the exact moments (Jacobi route) up to k = 3
    z = np.array([3e3j, -4e3 + 1e3j, -5e3])
    moments = [float(exact.moment(k, "0.5", 10)) for k in range(4)]
    series = -sum(m / z ** (k + 1) for k, m in enumerate(moments))
    assert np.allclose(fast.stieltjes(z, 0.5, 10.0), series, rtol=1e-13, atol=0)


def test_stieltjes_symmetry_and_the_atom():
    z = np.array([0.7 + 0.2j, 5 + 1e-3j, -1 + 3j])
    assert np.allclose(fast.stieltjes(z.conj(), 3.0, 5.0), fast.stieltjes(z, 3.0, 5.0).conj(), rtol=1e-15)
    # lim_{z→0} −z S(z) = 1 − 1/γ (SPEC §4)
    assert 1e-12 * fast.stieltjes(-1e-12, 4.0, 2.0).real == pytest.approx(0.75, abs=1e-9)  # −z = 1e-12
    assert fast.stieltjes([[-1.0], [1j]], [0.5, 2.0], 4.0).shape == (2, 2)


@pytest.mark.parametrize(
    "z, err",
    [
        (1.0, ValueError),
        (0.0, ValueError),
        (1e300, ValueError),
        ("1j", TypeError),
        (None, TypeError),
        (True, TypeError),
    ],
)
def test_stieltjes_bad_inputs(z, err):
    with pytest.raises(err, match="^z"):
        fast.stieltjes(z, 0.5, 4.0)
    with pytest.raises(err, match="^z"):
        fast.mp_stieltjes(z, 0.5)


def test_stieltjes_nan_and_infinite_points():
    # NaN in, NaN out at that position; S(z) → 0 as |z| → ∞ (S ~ −1/z)
    values = fast.stieltjes([complex(np.nan, 1), complex(1, np.inf), -1.0], 0.5, 4.0)
    assert np.isnan(values[0]) and values[1] == 0 and np.isfinite(values[2])
    values = fast.mp_stieltjes([complex(np.nan, 1), complex(-np.inf, 0), -1.0], 0.5)
    assert np.isnan(values[0]) and values[1] == 0 and np.isfinite(values[2])


@settings(max_examples=12, deadline=None, derandomize=True)
@given(gamma=st.floats(0.3, 3), kappa=st.floats(0.5, 50), x=st.floats(-3, 5), y=st.floats(1e-3, 3))
def test_stieltjes_matches_exact_at_random_points(gamma, kappa, x, y):
    z = complex(x, y)
    ref = complex(exact.stieltjes(z, gamma, kappa, digits=16))
    assert abs(fast.stieltjes(z, gamma, kappa) - ref) <= STIELTJES_REL_TOL * abs(ref)


@pytest.mark.parametrize(
    "z, gamma, kappa",
    [(1e-300j, 0.5, 1.0), (-1e-300, 0.9, 0.5), (complex(1e-300, 1e-300), 0.5, 100.0), (1e-300j, 1000.0, 1.0)],
)
def test_stieltjes_at_the_smallest_z(z, gamma, kappa):
    # the quadrature's lower end used to be clipped at 1e-300 (18% off at |z| = 1e-300)
    value = complex(fast.stieltjes(z, gamma, kappa))
    ref = complex(exact.stieltjes(z, gamma, kappa))
    assert abs(value - ref) <= 1e-13 * abs(ref)  # measured ≤ 7.8e-15
    with pytest.raises(ValueError, match="too close to 0"):
        fast.stieltjes(z * 1e-10, gamma, kappa)

"""β-Laguerre sampler (SPEC §6): distributions, eigenvalues, moments and convergence to HTMP."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from htmp_exact import exact
from htmp_exact.ensembles import (
    beta_laguerre_bidiagonal,
    beta_laguerre_eigenvalues,
    kolmogorov_distance,
    sample_htmp_spectrum,
)


def test_bidiagonal_entries_have_the_chi_square_means():
    # E χ_r² = r: average 4000 draws; the standard error of a chi-square(r) mean is sqrt(2r/4000)
    n, beta, a = 4, 0.7, 3.1
    draws = [beta_laguerre_bidiagonal(n, beta, a, random_state=i) for i in range(4000)]
    d2 = np.mean([d**2 for d, _ in draws], axis=0)
    e2 = np.mean([e**2 for _, e in draws], axis=0)
    want_d, want_e = 2 * a - beta * np.arange(n), beta * np.arange(n - 1, 0, -1)
    assert np.all(np.abs(d2 - want_d) < 5 * np.sqrt(2 * want_d / 4000))
    assert np.all(np.abs(e2 - want_e) < 5 * np.sqrt(2 * want_e / 4000))


def test_eigenvalues_match_a_dense_b_bt():
    d, e = beta_laguerre_bidiagonal(60, 0.5, 40.0, random_state=3)
    B = np.diag(d) + np.diag(e, -1)
    dense = np.linalg.eigvalsh(B @ B.T)
    tri = beta_laguerre_eigenvalues(60, 0.5, 40.0, random_state=3)
    assert np.allclose(tri, dense, rtol=1e-12, atol=1e-12 * dense.max())


def test_seeded_samples_are_reproducible():
    assert np.array_equal(
        sample_htmp_spectrum(50, 0.5, 3.0, random_state=7), sample_htmp_spectrum(50, 0.5, 3.0, random_state=7)
    )
    gen = np.random.default_rng(1)
    assert not np.array_equal(
        sample_htmp_spectrum(50, 0.5, 3.0, random_state=gen),
        sample_htmp_spectrum(50, 0.5, 3.0, random_state=gen),
    )


@pytest.mark.parametrize("gamma, kappa", [(0.25, 6.0), (1.0, 4.0), (3.0, 5.0)])
def test_sample_moments_match_proposition_e4(gamma, kappa):
    # 10 draws of n = 2000.  At high temperature the eigenvalues are nearly independent, so the
    # sample mean of x^k has standard error about sqrt((m_2k - m_k^2) / T), T = 20000, computed
    # from the exact moments; allow 5 of them (repulsion only lowers the variance).
    xs = np.concatenate([sample_htmp_spectrum(2000, gamma, kappa, random_state=i) for i in range(10)])
    for k in (1, 2):
        m_k, m_2k = float(exact.moment(k, gamma, kappa)), float(exact.moment(2 * k, gamma, kappa))
        assert abs(np.mean(xs**k) - m_k) < 5 * np.sqrt((m_2k - m_k**2) / xs.size)


def test_atom_fraction_for_gamma_above_one():
    x = sample_htmp_spectrum(1001, 4.0, 8.0, random_state=0)
    assert np.count_nonzero(x == 0) == round(1001 * 0.75)
    assert np.all(x >= 0)


@pytest.mark.parametrize("gamma, kappa", [(0.25, 6.0), (1.0, 4.0), (4.0, 8.0)])
def test_kolmogorov_distance_to_htmp_falls_with_n(gamma, kappa):
    """The empirical law converges to HTMP(γ, κ) (Theorem E.2).

    Threshold: for n iid draws the Kolmogorov distance exceeds 1.63/√n with probability
    1%; eigenvalues of a β-ensemble repel, so their empirical CDF fluctuates no more than
    iid draws, and the finite-n bias is O(1/n).  Measured means: about 0.05 at n = 100 and
    0.012–0.018 (upper bound) at n = 1600.
    """

    def ks(n):
        bounds = [
            kolmogorov_distance(
                sample_htmp_spectrum(n, gamma, kappa, random_state=seed),
                lambda v: exact.cdf(v, gamma, kappa, digits=8),
                300,
            )
            for seed in range(3)
        ]
        return np.mean(bounds, axis=0)

    small, large = ks(100), ks(1600)
    assert large[1] < small[0]  # the upper bound at n = 1600 is below the lower bound at 100
    assert large[1] < 1.63 / np.sqrt(1600)


def test_kolmogorov_bounds_bracket_the_exact_distance():
    # against a law whose CDF is elementary: Exp(1), exact KS distance computed directly
    x = np.sort(np.random.default_rng(0).exponential(size=500))
    F = 1 - np.exp(-x)
    exact_ks = max(np.max(np.arange(1, 501) / 500 - F), np.max(F - np.arange(500) / 500))
    lower, upper = kolmogorov_distance(x, lambda v: 1 - np.exp(-v) if v > 0 else 0.0, grid_size=200)
    assert lower <= exact_ks + 1e-15 and exact_ks <= upper + 1e-15
    assert upper - lower < 0.02


@pytest.mark.parametrize(
    "sample,grid_size,match",
    [
        (np.array([]), 400, "sample"),
        (np.array([1.0, np.nan]), 400, "sample"),
        (np.array([1.0, np.inf]), 400, "sample"),
        (np.array([1.0, 2.0]), 1, "grid_size"),
    ],
)
def test_kolmogorov_distance_rejects_bad_samples(sample, grid_size, match):
    # an empty sample raised IndexError, and a NaN in it gave a silent distance of 0.5
    with pytest.raises(ValueError, match=match):
        kolmogorov_distance(sample, lambda v: 0.5, grid_size=grid_size)


@settings(max_examples=20, deadline=None, derandomize=True)
@given(gamma=st.floats(0.05, 20), kappa=st.floats(0.05, 200), n=st.integers(1, 300))
def test_samples_are_nonnegative_and_finite(gamma, kappa, n):
    x = sample_htmp_spectrum(n, gamma, kappa, random_state=0)
    assert x.shape == (n,) and np.all(np.isfinite(x)) and np.all(x >= 0)


@pytest.mark.parametrize(
    "args, err",
    [
        ((0, 0.5, 1.0), ValueError),
        ((10, 0.0, 1.0), ValueError),
        ((10, 0.5, -1.0), ValueError),
        ((10, float("nan"), 1.0), ValueError),
        ((10, 0.5, float("inf")), ValueError),
        ((10, 0.5j, 1.0), TypeError),
        ((2.5, 0.5, 1.0), TypeError),
        ((10, "0.5", 1.0), TypeError),
    ],
)
def test_bad_inputs(args, err):
    with pytest.raises(err):
        sample_htmp_spectrum(*args)


def test_bad_random_state_and_a_too_small():
    with pytest.raises(TypeError, match="random_state"):
        sample_htmp_spectrum(10, 0.5, 1.0, random_state="seed")
    with pytest.raises(ValueError, match="2a > beta"):
        beta_laguerre_bidiagonal(10, 1.0, 2.0)

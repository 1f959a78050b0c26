"""The variational β (SPEC §9): exact values, the batch sampler, Algorithm 1 and its intervals.

Independent routes: the pair count of the Weyl factors (proofs_check.structures / .variational), the
Laguerre Selberg integral (mean and variance of L = log|Δ| are derivatives of its logarithm),
Gamma laws at β = 0, W evaluated from the Weyl factors, Monte Carlo with the ensembles sampler.
"""

import dataclasses
import itertools
from fractions import Fraction
from math import comb
from pathlib import Path

import numpy as np
import pytest
from scipy import special, stats

from htmp_exact.variational import (
    MAX_N,
    estimate_beta,
    exact_beta,
    heuristic_beta,
    laguerre_batch,
    log_vandermonde,
    log_weyl_factor,
)
from proofs_check import structures
from proofs_check import variational as pv

TABLE = Path(__file__).parent.parent / "docs" / "data" / "variational_beta_b_d.csv"
WEYL = {
    "a": lambda N: structures.diagonal(N),
    "b": structures.commuting_blocks,
    "c": structures.symmetric_blocks,
    "d": structures.kronecker,
    "e": lambda N: structures.symmetric(N),
    "F.7": structures.free_eigenvectors,
}


# --- exact values -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key, sizes",
    [
        ("a", {"N": 2}),
        ("a", {"N": 9}),
        ("c", {"m": 2, "n": 2}),
        ("c", {"m": 3, "n": 4}),
        ("c", {"m": 1, "n": 7}),
        ("c", {"m": 5, "n": 1}),
        ("e", {"N": 2}),
        ("e", {"N": 11}),
        ("F.7", {"N": 9, "k": 1}),
        ("F.7", {"N": 9, "k": 4}),
        ("F.7", {"N": 6, "k": 6}),
    ],
)
def test_exact_beta_is_the_pair_count_of_the_weyl_factors(key, sizes):
    st = WEYL[key](*sizes.values())
    pairs = pv.product_pairs(st)
    assert pairs is not None
    assert exact_beta(key, **sizes) == Fraction(len(pairs), comb(st.dim, 2))


def test_exact_beta_closed_forms_of_corollary_g2_and_theorem_g3():
    for m, n in itertools.product(range(1, 7), range(1, 7)):
        if m * n >= 2:
            assert exact_beta("c", m=m, n=n) == Fraction(n - 1, m * n - 1)
    for N in range(2, 30):
        assert exact_beta("a", N=N) == 0 and exact_beta("e", N=N) == 1
        for k in range(1, N + 1):
            assert exact_beta("F.7", N=N, k=k) == Fraction(k * (k - 1), N * (N - 1))
    assert isinstance(exact_beta("e", N=3), Fraction)


def test_heuristic_beta_of_b_and_d():
    assert heuristic_beta("b", m=3, n=4) == Fraction(6, 66)
    assert heuristic_beta("d", m=3, n=4) == Fraction(3 + 6, 66)


@pytest.mark.parametrize(
    "call, error, words",
    [
        (lambda: exact_beta("b", m=2, n=3), ValueError, ["product form", "estimate_beta"]),
        (lambda: exact_beta("d", m=2, n=3), ValueError, ["product form", "estimate_beta"]),
        (lambda: exact_beta("a"), TypeError, ["missing", "N", "N >= 2"]),
        (lambda: exact_beta("a", N=1), ValueError, ["N = 1", "N >= 2"]),
        (lambda: exact_beta("F.7", N=4, k=5), ValueError, ["k = 5", "k <= N"]),
        (lambda: exact_beta("F.7", N=4, k=0), ValueError, ["k = 0", "1 <= k <= N"]),
        (lambda: exact_beta("F.7", N=4), TypeError, ["missing", "'k'"]),
        (lambda: exact_beta("c", m=1, n=1), ValueError, ["mn < 2"]),
        (lambda: exact_beta("e", N=3.0), TypeError, ["size N", "integer"]),
        (lambda: exact_beta("e", N=True), TypeError, ["size N"]),
        (lambda: exact_beta("e", N=3, k=2), TypeError, ["unexpected", "'k'"]),
        (lambda: exact_beta("f", N=3), ValueError, ["structure", "'f'"]),
        (lambda: exact_beta(5, N=3), TypeError, ["structure"]),
    ],
)
def test_exact_beta_rejects_bad_input(call, error, words):
    with pytest.raises(error) as info:
        call()
    assert all(w in str(info.value) for w in words), str(info.value)


# --- H and L ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key, sizes",
    [
        ("a", (4,)),
        ("b", (2, 3)),
        ("b", (3, 2)),
        ("c", (2, 3)),
        ("d", (2, 3)),
        ("d", (3, 3)),
        ("e", (5,)),
        ("F.7", (6, 3)),
    ],
)
def test_log_weyl_factor_is_half_the_log_of_the_weyl_factors(key, sizes):
    st = WEYL[key](*sizes)
    lam = np.random.default_rng(3).gamma(2.0, 2.0, size=(7, st.dim))
    want = 0.5 * sum((np.log(f) for f in st.w2_factors([lam[:, i] for i in range(st.dim)])), np.zeros(7))
    names = {"a": ["N"], "e": ["N"], "F.7": ["N", "k"]}.get(key, ["m", "n"])
    assert np.allclose(log_weyl_factor(key, lam, **dict(zip(names, sizes))), want, rtol=1e-12, atol=1e-12)


def test_log_vandermonde_is_the_log_of_the_product_of_gaps():
    lam = np.random.default_rng(4).gamma(1.0, 2.0, size=(5, 12))
    want = [np.log(abs(np.prod([x[j] - x[i] for i, j in itertools.combinations(range(12), 2)]))) for x in lam]
    assert np.allclose(log_vandermonde(lam), want, rtol=1e-12)
    tiny = np.array([1e-80 * i for i in range(1, 9)] + [1.0, 2.0])  # blocks of the product underflow
    direct = sum(np.log(abs(tiny[j] - tiny[i])) for i, j in itertools.combinations(range(10), 2))
    assert np.isclose(log_vandermonde(tiny), direct, rtol=1e-13)


def test_log_weyl_factor_rejects_a_wrong_length():
    with pytest.raises(ValueError, match="N = 6"):
        log_weyl_factor("b", np.ones(5), m=2, n=3)


# --- the batch sampler ------------------------------------------------------------------------------


def selberg_log_moments(N, beta, shape):
    """E_β[L] and Var_β(L): first and second β-derivatives of log Z_β, Z_β the Laguerre Selberg
    integral ∫ |Δ|^β Π λ^shape e^{−λ/2}
    = 2^{N(shape+1) + βN(N−1)/2} Π_j Γ(shape+1+jβ/2) Γ(1+(j+1)β/2)/Γ(1+β/2) (Mehta 17.6.5, λ = 2x)."""
    j = np.arange(N)
    mean = N * (N - 1) / 2 * np.log(2) + np.sum(
        j / 2 * special.digamma(shape + 1 + j * beta / 2)
        + (j + 1) / 2 * special.digamma(1 + (j + 1) * beta / 2)
        - special.digamma(1 + beta / 2) / 2
    )
    var = np.sum(
        (j / 2) ** 2 * special.polygamma(1, shape + 1 + j * beta / 2)
        + ((j + 1) / 2) ** 2 * special.polygamma(1, 1 + (j + 1) * beta / 2)
        - special.polygamma(1, 1 + beta / 2) / 4
    )
    return mean, var


@pytest.mark.parametrize(
    "N, beta, shape",
    [(2, 0.0, 0.0), (5, 0.0, 2.5), (5, 0.4, 0.0), (8, 1.0, -0.5), (12, 0.15, 3.0), (30, 2.0, 1.0)],
)
def test_sampler_log_vandermonde_moments_match_the_selberg_integral(N, beta, shape):
    draws = 40000
    L = log_vandermonde(laguerre_batch(N, beta, shape, draws, random_state=N))
    mean, var = selberg_log_moments(N, beta, shape)
    se_mean = np.sqrt(var / draws)
    se_var = np.sqrt((np.mean((L - L.mean()) ** 4) - L.var() ** 2) / draws)
    assert abs(L.mean() - mean) < 4 * se_mean
    assert abs(L.var() - var) < 4 * se_var


def test_sampler_at_beta_zero_gives_independent_gamma_variables():
    lam = laguerre_batch(4, 0.0, 1.5, 5000, random_state=2)
    assert np.all(np.diff(lam, axis=1) >= 0)
    flat = np.random.default_rng(0).permuted(lam, axis=1)[:, 0]  # one eigenvalue of each draw
    assert stats.kstest(flat, stats.gamma(2.5, scale=2.0).cdf).pvalue > 1e-3
    iid = np.sort(np.random.default_rng(1).gamma(2.5, 2.0, size=(5000, 4)), axis=1)  # order statistics
    assert stats.ks_2samp(lam[:, 0], iid[:, 0]).pvalue > 1e-3
    assert stats.ks_2samp(lam[:, 3], iid[:, 3]).pvalue > 1e-3


def test_sampler_agrees_with_the_ensembles_sampler():
    from htmp_exact.ensembles import beta_laguerre_eigenvalues

    N, beta, shape = 6, 0.7, 0.5
    gen = np.random.default_rng(5)
    a = shape + 1 + beta * (N - 1) / 2
    ref = np.array([beta_laguerre_eigenvalues(N, beta, a, gen) for _ in range(3000)])
    ours = laguerre_batch(N, beta, shape, 3000, random_state=6)
    for col in (0, N - 1):
        assert stats.ks_2samp(ref[:, col], ours[:, col]).pvalue > 1e-3


def test_sampler_seeds():
    first, again = (laguerre_batch(5, 0.3, 0.0, 4, random_state=9) for _ in range(2))
    assert np.array_equal(first, again)
    with pytest.raises(TypeError, match="random_state"):
        laguerre_batch(5, 0.3, 0.0, 4, random_state="x")


# --- Algorithm 1 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key, sizes, shape, seed",
    [
        ("a", {"N": 5}, 0.0, 1),
        ("c", {"m": 2, "n": 3}, 0.0, 2),
        ("c", {"m": 3, "n": 4}, 2.0, 3),
        ("c", {"m": 4, "n": 2}, -0.5, 4),
        ("e", {"N": 6}, 0.0, 5),
        ("F.7", {"N": 10, "k": 3}, 0.0, 6),
        ("F.7", {"N": 8, "k": 2}, 1.0, 7),
        ("F.7", {"N": 12, "k": 7}, 0.0, 8),
    ],
)
def test_algorithm_1_reproduces_the_exact_values(key, sizes, shape, seed):
    res = estimate_beta(key, shape=shape, random_state=seed, beta0=0.9, samples=500, iterations=30, **sizes)
    exact = float(exact_beta(key, **sizes))
    assert res.ci[0] <= exact <= res.ci[1]
    assert res.ci[1] - res.ci[0] < 0.15 * max(exact, 0.05)  # not a vacuous interval


def test_interval_coverage_on_a_product_form():
    exact = float(exact_beta("c", m=2, n=3))
    runs = [
        estimate_beta("c", m=2, n=3, samples=100, iterations=20, beta0=0.0, random_state=100 + r)
        for r in range(80)
    ]
    hits = sum(r.ci[0] <= exact <= r.ci[1] for r in runs)
    z = np.array([(r.beta - exact) / r.standard_error for r in runs])
    assert hits >= 69  # P(Binomial(80, 0.95) <= 68) ≈ 1e-3
    assert 0.7 < z.std() < 1.4 and abs(z.mean()) < 0.5


@pytest.mark.parametrize(
    "key, sizes, exact",
    [
        ("b", {"m": 1, "n": 5}, 1.0),
        ("d", {"m": 1, "n": 5}, 1.0),
        ("d", {"m": 4, "n": 1}, 1.0),
        ("b", {"m": 4, "n": 1}, 0.0),
    ],
)
def test_non_product_route_at_sizes_where_it_reduces_to_e_or_a(key, sizes, exact):
    res = estimate_beta(key, random_state=1, beta0=0.5, samples=100, iterations=10, **sizes)
    assert res.beta == pytest.approx(exact, abs=1e-12) and res.standard_error < 1e-12


@pytest.mark.parametrize("key, m, n", [("b", 2, 3), ("d", 2, 3), ("d", 3, 2)])
def test_estimate_for_b_and_d_is_a_fixed_point_of_an_independent_slope(key, m, n):
    res = estimate_beta(key, m=m, n=n, shape=0.0, random_state=11, samples=1000, iterations=30)
    slope, se = pv.slope_and_error(WEYL[key](m, n), res.beta, 0.0, draws=20000)
    combined = np.hypot(se, (1 - res.slope_derivative) * res.standard_error)
    assert abs(slope - res.beta) < 4 * combined
    assert abs(res.beta - float(heuristic_beta(key, m=m, n=n))) > 4 * res.standard_error  # not Remark F.6


def test_result_object_and_early_stop():
    res = estimate_beta("F.7", N=10, k=3, random_state=0, samples=500, iterations=200, tol=0.004)
    assert res.converged and 8 <= res.iterations < 200
    assert res.path.shape == (res.iterations + 1,) and res.slopes.shape == (res.iterations,)
    assert res.ci[0] <= res.beta <= res.ci[1] and 1.959 * res.standard_error < 0.004
    assert res.sizes == {"N": 10, "k": 3} and res.averaged == res.iterations - res.iterations // 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        res.beta = 0.0
    again = estimate_beta("F.7", N=10, k=3, random_state=0, samples=500, iterations=200, tol=0.004)
    assert again.beta == res.beta
    assert not estimate_beta("F.7", N=10, k=3, random_state=0, samples=50, iterations=9, tol=1e-6).converged


def test_beta_zero_iterates_are_handled():
    res = estimate_beta("F.7", N=10, k=1, beta0=0.3, random_state=0, samples=50, iterations=5)
    assert res.path[0] == 0.3 and np.all(res.path[1:] == 0.0) and res.ci == (0.0, 0.0)


@pytest.mark.parametrize(
    "kwargs, error, word",
    [
        ({"shape": -1.0}, ValueError, "shape"),
        ({"shape": "0"}, TypeError, "shape"),
        ({"samples": 5}, ValueError, "samples"),
        ({"iterations": 1}, ValueError, "iterations"),
        ({"step_exponent": 0.5}, ValueError, "step_exponent"),
        ({"burn_in": 1.0}, ValueError, "burn_in"),
        ({"beta0": -0.1}, ValueError, "beta0"),
        ({"tol": 0.0}, ValueError, "tol"),
        ({"random_state": 1.5}, TypeError, "random_state"),
        ({"K": 3}, TypeError, "'K'"),
    ],
)
def test_estimate_beta_rejects_bad_input(kwargs, error, word):
    with pytest.raises(error, match=word):
        estimate_beta("c", m=2, n=2, **kwargs)


def test_estimate_beta_rejects_large_N():
    with pytest.raises(ValueError, match=f"N <= {MAX_N}"):
        estimate_beta("d", m=20, n=11)


# --- the shipped table ------------------------------------------------------------------------------


def test_table_schema_and_heuristic_column():
    import csv

    rows = list(csv.DictReader(TABLE.open()))
    shapes = sorted({float(r["shape"]) for r in rows})
    assert len(shapes) >= 3
    for key in ("b", "d"):
        for shape in shapes:
            got = {
                (int(r["m"]), int(r["n"]))
                for r in rows
                if r["structure"] == key and float(r["shape"]) == shape
            }
            assert got == set(itertools.product(range(2, 11), repeat=2))
    for r in rows:
        m, n = int(r["m"]), int(r["n"])
        assert int(r["N"]) == m * n
        want = float(heuristic_beta(r["structure"], m=m, n=n))
        assert float(r["heuristic"]) == pytest.approx(want, rel=1e-12)
        assert float(r["ci_low"]) <= float(r["beta"]) <= float(r["ci_high"])


@pytest.mark.parametrize("key, m, n, shape", [("b", 2, 2, 0.0), ("d", 2, 3, 2.0), ("b", 3, 2, -0.5)])
def test_table_rows_are_fixed_points_of_an_independent_slope(key, m, n, shape):
    import csv

    row = next(
        r
        for r in csv.DictReader(TABLE.open())
        if r["structure"] == key and int(r["m"]) == m and int(r["n"]) == n and float(r["shape"]) == shape
    )
    beta, se = float(row["beta"]), float(row["standard_error"])
    slope, se_mc = pv.slope_and_error(WEYL[key](m, n), beta, shape, draws=20000)
    assert abs(slope - beta) < 4 * np.hypot(se_mc, (1 - float(row["slope_derivative"])) * se)


def test_a_non_convex_estimate_warns():
    from htmp_exact.variational._algorithm import _average

    # columns [C, V, (hl)², hl·l², l⁴, h·l², l³]: r' = (h·l² − (C/V)·l³)/V = (2 − 0)/1 = 2
    moments = np.tile([0.5, 1.0, 1.0, 0.0, 3.0, 2.0, 0.0], (4, 1))
    with pytest.warns(RuntimeWarning, match="not convex"):
        _average(np.full(5, 0.5), moments, 0, 100)


def test_table_d_is_symmetric_in_m_and_n():
    # W of (d) is unchanged by transposing the m×n array; the code lays out m×n and n×m differently
    import csv

    rows = {
        (r["structure"], int(r["m"]), int(r["n"]), r["shape"]): (float(r["beta"]), float(r["standard_error"]))
        for r in csv.DictReader(TABLE.open())
    }
    z = np.array(
        [
            (b - rows["d", n, m, s][0]) / np.hypot(se, rows["d", n, m, s][1])
            for (key, m, n, s), (b, se) in rows.items()
            if key == "d" and m < n
        ]
    )
    assert z.size == 4 * 36 and np.abs(z).max() < 4.5 and 0.8 < z.std() < 1.3


@pytest.mark.parametrize(
    "args, error, word",
    [
        ((0, 0.1, 0.0, 5), ValueError, "n"),
        ((3, -0.1, 0.0, 5), ValueError, "beta"),
        ((3, 0.1, -1.0, 5), ValueError, "shape"),
        ((3, 0.1, 0.0, 2.5), TypeError, "size"),
        ((3, float("nan"), 0.0, 5), ValueError, "beta"),
    ],
)
def test_sampler_rejects_bad_input(args, error, word):
    with pytest.raises(error, match=word):
        laguerre_batch(*args)

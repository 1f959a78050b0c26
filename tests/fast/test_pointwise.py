"""The per-point kernel (pairs with fewer than MIN_GROUP points) against the certified exact path,
and against the grouped route (an independent algorithm) where certified values would be slow."""

import math
from fractions import Fraction

import numpy as np
import pytest

from htmp_exact import exact, fast
from htmp_exact.fast import _pointwise

from .reference import LOGPDF_TOL, POINTWISE_TOL, grouped
from .reference import exact_float as _exact


def _sweep(seed: int, n: int):
    """(γ, κ, x) over the documented domain in strata: bulk, both far tails, γ near and at 1,
    integer b = −α, small κ (c < 1), large κ, next to the edges of the MP bulk, and the slowly
    decaying lower tails at γ near 1."""
    rng = np.random.default_rng(seed)

    def log_uniform(lo, hi, size=n):
        return 10 ** rng.uniform(lo, hi, size)

    rows = []
    g, k = log_uniform(-3, 3), log_uniform(-2, 5)
    rows += zip(g, k, rng.gamma(2, 0.5, n) * np.maximum(g, 1))
    g, k = log_uniform(-3, 3), log_uniform(-2, 5)
    rows += zip(g, k, log_uniform(-12, 3) * np.maximum(g, 1))
    g = 1 + rng.choice([-1, 1], n) * log_uniform(-8, -1)
    g[: n // 4] = 1.0
    rows += zip(g, log_uniform(-2, 5), rng.gamma(2, 0.5, n) * np.maximum(g, 1))
    rows += zip(np.full(n, 0.5), 2.0 * rng.integers(1, 2000, n), rng.gamma(2, 0.5, n))  # b = 1 − κ/2
    g = log_uniform(-3, 3)
    rows += zip(g, log_uniform(-2, math.log10(2)), rng.gamma(2, 0.5, n) * np.maximum(g, 1))
    g = log_uniform(-3, 3)
    rows += zip(g, log_uniform(4, 5), rng.gamma(2, 0.5, n) * np.maximum(g, 1))
    g, k = log_uniform(-3, 3), log_uniform(0, 5)
    carrier = np.where(g > 1, 1 / g, g)
    edge = np.where(rng.uniform(size=n) < 0.5, (1 - np.sqrt(carrier)) ** 2, (1 + np.sqrt(carrier)) ** 2)
    rows += zip(g, k, edge * (1 + rng.choice([-1, 1], n) * log_uniform(-8, -1)) * np.maximum(g, 1))
    g = 1 + rng.choice([-1, 1], n) * log_uniform(-6, -0.5)
    rows += zip(g, log_uniform(-2, 5), log_uniform(-25, -3) * np.maximum(g, 1))  # power-law lower tails
    return [(float(a), float(b), float(c)) for a, b, c in rows]


SWEEP = _sweep(20261207, 32)  # 8 strata × 32 points


def test_pointwise_logpdf_matches_exact_over_the_strata():
    g, k, x = (np.array(v) for v in zip(*SWEEP))
    values = fast.logpdf(x, g, k)  # all pairs distinct: the per-point kernel
    refs = np.array([_exact(exact.logpdf, xi, gi, ki) for gi, ki, xi in SWEEP])
    errors = np.abs(values - refs) / np.maximum(1.0, np.abs(refs))
    assert np.all(errors <= POINTWISE_TOL), [
        (SWEEP[i], errors[i]) for i in np.flatnonzero(errors > POINTWISE_TOL)
    ]
    assert np.median(errors) <= 1e-14


@pytest.mark.parametrize(
    "gamma, kappa, x",
    [
        (0.0011445056492332443, 15951.550841827971, [1.068550821340148, 1.0687, 1.0675, 1.06]),  # s = 7e6
        (0.0029225833660028937, 25164.897090873867, [0.9045134495116219, 0.95]),
        (0.0018452988591995804, 28474.557665844754, [1.0823021678296758]),
        (0.001, 1e5, [0.9375, 0.938, 1.064, 1.0646, 1e-3, 5.0]),  # s = 5e7
    ],
)
def test_pointwise_next_to_the_edges_at_large_s(gamma, kappa, x):
    # the two saddles nearly meet: φ' at the trapezoid's nodes is ~1e3 while its terms are ~s
    # (the plain sum y + (s−1)/t − c/(1+t) would leave 1e-11 in logpdf)
    values = _pointwise.logpdf_points(np.array(x), np.full(len(x), gamma), np.full(len(x), kappa))
    refs = np.array([_exact(exact.logpdf, v, gamma, kappa) for v in x])
    assert np.all(np.abs(values - refs) <= 2e-13 * np.maximum(1.0, np.abs(refs))), values - refs


@pytest.mark.parametrize("gamma, kappa", [(1.0, 2.0), (1.0, 1e5), (0.5, 4.0), (0.2, 8000.0), (4.0, 1.0)])
def test_pointwise_at_exact_integers_and_gamma_one(gamma, kappa):
    # c = κ/2 integer; b = −α integer (γ = 1: b = 1; γ = 0.5: b = 1 − κ/2; γ = 0.2, κ = 8000: b = −15999)
    # (at γ = 1, κ = 2, c = s = 1, the kernel leaves the points to the grouped route)
    x = np.array([1e-300, 1e-6, 0.3, 1.0, 2.5, 40.0]) * max(1.0, gamma)
    values = fast.logpdf(x, gamma, kappa)
    refs = np.array([_exact(exact.logpdf, v, gamma, kappa) for v in x])
    assert np.all(np.abs(values - refs) <= POINTWISE_TOL * np.maximum(1.0, np.abs(refs)))


@pytest.mark.parametrize(
    "gamma, kappa, x", [(0.5, 2.0, 2.0), (2.0, 4.0, 4.0), (0.5, 2.0, 2.0000000000000004)]
)
def test_pointwise_at_a_double_saddle(gamma, kappa, x):
    # c = 1, s = 2, y = 4: q(t) = (2t + 1)², the two saddles coincide at t = −1/2 exactly
    # (φ'' = 0 there: the peak's width is the cubic one)
    value = _pointwise.logpdf_points(np.array([x]), np.array([gamma]), np.array([kappa]))[0]
    ref = _exact(exact.logpdf, x, gamma, kappa)
    assert abs(value - ref) <= 1e-14 * max(1.0, abs(ref))


def test_small_c_panels_follow_the_steepening_integrand():
    # c = 0.75 < 1, s = 75, y ≈ s: P2's integrand e^{(1−c)u − y e^u + (s−1) log(1 + e^u)} is
    # flat at its peak and steepens fast beyond (a panel sized at its start would leave 1.5e-12)
    x = np.array([0.99, 1.0, 1.01])
    values = _pointwise.logpdf_points(x, np.full(3, 0.01), np.full(3, 1.5))
    refs = np.array([_exact(exact.logpdf, v, 0.01, 1.5) for v in x])
    assert np.all(np.abs(values - refs) <= 2e-14 * np.maximum(1.0, np.abs(refs))), values - refs


def test_pointwise_and_grouped_routes_agree_on_a_dense_grid():
    # two independent algorithms (quadrature of U on the cut; Radau solve of the Riccati equation)
    rng = np.random.default_rng(7)
    for gamma, kappa in zip(10 ** rng.uniform(-3, 3, 12), 10 ** rng.uniform(-2, 5, 12)):
        x = np.geomspace(1e-6, 50, 40) * max(1.0, gamma)
        values = _pointwise.logpdf_points(x, np.full(x.size, gamma), np.full(x.size, kappa))
        reference = grouped(fast.logpdf, x, gamma, kappa)
        assert np.all(np.abs(values - reference) <= POINTWISE_TOL * np.maximum(1.0, np.abs(reference))), (
            gamma,
            kappa,
        )


def test_the_choice_of_route_follows_the_group_size():
    # one pair with MIN_GROUP points (grouped, LOGPDF_TOL) next to distinct pairs (per point)
    many = np.linspace(0.5, 2.0, fast.MIN_GROUP)
    x = np.concatenate([many, [0.7, 1.1]])
    g = np.concatenate([np.full(many.size, 0.3), [0.31, 0.32]])
    values = fast.logpdf(x, g, 12.0)
    for i in (0, many.size - 1, many.size, many.size + 1):
        ref = _exact(exact.logpdf, x[i], g[i], 12.0)
        tolerance = LOGPDF_TOL if i < many.size else POINTWISE_TOL
        assert abs(values[i] - ref) <= tolerance * max(1.0, abs(ref))


@pytest.mark.parametrize(
    "gamma, kappa",
    [
        (0.5, 10.0),
        (0.2, 1000.0),
        (2.0, 5.0),
        (0.05, 30.0),
        (1.0, 2.0),
        (0.001, 1e4),
        (0.9, 2.5),
        (3.0, 1e5),
        (1.0, 2.02),
    ],
)
def test_float_start_value_matches_the_certified_boundary_value(gamma, kappa):
    # u(log s) = c x conj(S(x + i0)) at x = 1 (exact.stieltjes_boundary) against m + y conj(J_t/J)
    u = _pointwise.log_derivative(gamma, kappa)
    c = kappa / 2 if gamma <= 1 else kappa / (2 * gamma)
    carrier = (gamma, kappa) if gamma <= 1 else (1 / Fraction(gamma), Fraction(kappa) / Fraction(gamma))
    reference = c * complex(exact.stieltjes_boundary(1, *carrier, digits=17)).conjugate()
    assert abs(u - reference) <= 2e-14 * abs(reference)
    assert abs(u.imag - reference.imag) <= 2e-14 * abs(reference.imag)


@pytest.mark.parametrize(
    "gamma, kappa",
    [
        (1.0, 4.0),
        (0.999, 10.0),
        (0.8, 2.0),
        (0.6, 3.0),
        (0.5, 4.0),
        (3.0, 5.0),
        (0.9716034972213828, 0.03238023029768432),
        (1.0424433517247942, 0.0119928770),
    ],
)
def test_closed_forms_at_the_ends_of_the_range(gamma, kappa):
    # (c + s + 1) y < 1e-25: the two leading terms of U at 0 (m = α + 1 = 0, 0.005, 0.25, 0.67, 2,
    # 0.67 for the dual, 5e-4 and 2.5e-4 at c = 0.016 and 0.006: the second matters while (c y)^m
    # is not negligible, and log Γ(c + m) − log Γ(c) must hold at m ~ c/30); y > 1e100: U ~ z^{−c}
    s = kappa / 2 / min(gamma, 1.0) if gamma <= 1 else kappa / 2
    x = np.array([1e-27 / s, 1e-40, 1e-300, 1e-320, 1e101 / s]) * max(1.0, gamma)
    values = _pointwise.logpdf_points(x, np.full(x.size, gamma), np.full(x.size, kappa))
    refs = np.array([_exact(exact.logpdf, v, gamma, kappa) for v in x])
    assert np.all(np.abs(values - refs) <= 1e-14 * np.maximum(1.0, np.abs(refs))), values - refs

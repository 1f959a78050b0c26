r"""Weyl formulae for structured symmetric matrices (SPEC §7, paper Appendix F).

Each structure maps eigenvalues ``λ`` and orthogonal factors to a tuple of
symmetric matrices.  Orthogonal factors are Cayley transforms
``Q = (I − S)(I + S)^{-1}`` of skew matrices ``S`` (rational in the entries of
``S``).  The ambient coordinates are, for each matrix, its diagonal entries and
``√2`` times its upper off-diagonal entries (the Frobenius metric), so with the
Jacobian ``J`` of the map and the weights ``G = diag(1, …, 2, …)``,
``det(JᵀGJ)`` is the squared volume factor.  The claim

    dVol = h(Q) · W(λ) · dQ dλ     ⇔     det(JᵀGJ) = h̃(S) · W(λ)²

is checked three ways:

* **exact in λ** — ``S`` at random rational points, ``λ`` symbols: the
  polynomial ``det(JᵀGJ)`` is divided by ``W(λ)²`` (itself a polynomial) with
  zero remainder and a quotient of degree 0 in λ;
* **symbolic in S and λ** for the smallest sizes: ``det(JᵀGJ)/W²`` simplifies
  to a rational function free of λ;
* **floating point** at sizes up to N = 8: ``J`` by complex-step
  differentiation (exact to rounding for this analytic map), and
  ``log det(JᵀGJ) − log W²`` constant in λ to 1e-8 over random λ.

Run ``python -m proofs_check.weyl``.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from functools import partial
from math import comb

import numpy as np
import sympy as sp
from sympy.polys.matrices import DomainMatrix

from ._report import Check, main_for
from .structures import (
    SEED,
    ExactOps,
    FloatOps,
    Structure,
    commuting_blocks,
    diagonal,
    free_eigenvectors,
    kronecker,
    symmetric,
    symmetric_blocks,
    w2,
)


def coordinates(ops, matrices) -> list:
    """Ambient coordinates: each matrix's upper triangle, row by row."""
    return [M[i, j] for M in matrices for i in range(M.shape[0]) for j in range(i, M.shape[0])]


def metric_weights(structure: Structure) -> list[int]:
    """Frobenius weights: 1 on diagonal entries, 2 = (√2)² on off-diagonal ones."""
    sample = structure.build(FloatOps, [0.0] * structure.n_lambda, [0.0] * structure.n_angle)
    return [1 if i == j else 2 for M in sample for i in range(M.shape[0]) for j in range(i, M.shape[0])]


def jacobian_exact(structure: Structure, lam: Sequence[sp.Symbol], angles: Sequence) -> sp.Matrix:
    """J = ∂(coordinates)/∂(λ, angles), with λ symbolic and ``angles`` symbols or rationals.

    At rational angles the derivatives are taken through one symbol ε:
    ∂/∂θ_p = d/dε at ε = 0 of the map at θ + ε e_p (much cheaper than keeping
    every angle symbolic).
    """
    base = coordinates(ExactOps, structure.build(ExactOps, list(lam), list(angles)))
    if not all(sp.sympify(a).is_Rational for a in angles):
        return sp.Matrix(base).jacobian(list(lam) + list(angles))
    eps = sp.Symbol("epsilon")
    columns = [[sp.diff(entry, symbol) for entry in base] for symbol in lam]
    for p in range(structure.n_angle):
        moved = [a + eps if q == p else a for q, a in enumerate(angles)]
        entries = coordinates(ExactOps, structure.build(ExactOps, list(lam), moved))
        columns.append([sp.diff(entry, eps).subs(eps, 0) for entry in entries])
    return sp.Matrix(columns).T


def gram_determinant_exact(structure: Structure, lam: Sequence[sp.Symbol], angles: Sequence) -> sp.Expr:
    """det(JᵀGJ) as an exact polynomial in λ (rational angles) or rational function (symbolic)."""
    J = jacobian_exact(structure, lam, angles)
    gram = (J.T * sp.diag(*metric_weights(structure)) * J).applyfunc(sp.cancel)
    dm = DomainMatrix.from_Matrix(gram)
    return dm.domain.to_sympy(dm.det())


def random_angles(count: int, rng: random.Random) -> list[sp.Rational]:
    """Random small rationals (a Cayley point)."""
    return [sp.Rational(rng.randint(-9, 9), rng.randint(1, 9)) for _ in range(count)]


def check_exact_in_lambda(
    structure: Structure, points: int = 2, exponent: int = 1, seed: int = SEED
) -> Check:
    """det(JᵀGJ) = h · W(λ)^(2·exponent) as polynomials in λ, at rational Cayley points.

    ``exponent`` ≠ 1 states a false Weyl formula (used to show the check can fail).
    """
    lam = sp.symbols(f"lambda0:{structure.n_lambda}")
    w2_poly = sp.Poly(sp.expand(w2(structure, lam) ** exponent), *lam)
    rng = random.Random(seed)
    failures = []
    for _ in range(points):
        det = sp.Poly(gram_determinant_exact(structure, lam, random_angles(structure.n_angle, rng)), *lam)
        quotient, remainder = sp.div(det, w2_poly)
        if not remainder.is_zero or quotient.total_degree() > 0 or quotient.is_zero:
            failures.append("remainder ≠ 0 or quotient depends on λ")
    return Check(
        f"({structure.key}) {structure.name}: det(JᵀGJ) = h(S)·W(λ)²",
        "exact polynomial division in λ, S rational",
        f"{structure.sizes}, {points} S points",
        not failures,
        failures[0] if failures else "",
    )


def check_symbolic(structure: Structure, exponent: int = 1) -> Check:
    """det(JᵀGJ)/W(λ)² is free of λ with both λ and the Cayley parameters symbolic."""
    lam = sp.symbols(f"lambda0:{structure.n_lambda}")
    angles = sp.symbols(f"theta0:{structure.n_angle}")
    ratio = sp.cancel(gram_determinant_exact(structure, lam, angles) / w2(structure, lam) ** exponent)
    free = not ratio.free_symbols & set(lam) and ratio != 0
    return Check(
        f"({structure.key}) {structure.name}: det(JᵀGJ)/W(λ)² free of λ",
        "sympy, λ and S symbolic",
        structure.sizes,
        free,
        "" if free else f"ratio depends on λ: {sp.count_ops(ratio)} ops",
    )


def log_gram_determinant_float(structure: Structure, lam: np.ndarray, angles: np.ndarray) -> float:
    """log det(JᵀGJ) in float64, J by complex-step differentiation (step 1e-30)."""
    step = 1e-30
    params = np.concatenate([lam, angles]).astype(complex)

    def coords(p: np.ndarray) -> np.ndarray:
        mats = structure.build(FloatOps, list(p[: structure.n_lambda]), list(p[structure.n_lambda :]))
        return np.array(coordinates(FloatOps, mats))

    J = np.empty((len(coords(params)), len(params)))
    for p in range(len(params)):
        moved = params.copy()
        moved[p] += 1j * step
        J[:, p] = coords(moved).imag / step
    weights = np.array(metric_weights(structure), dtype=float)
    sign, logdet = np.linalg.slogdet(J.T @ (weights[:, None] * J))
    return logdet if sign > 0 else -np.inf


def check_float(
    structure: Structure, lambda_draws: int = 5, exponent: int = 1, tol: float = 1e-8, seed: int = SEED
) -> Check:
    """log det(JᵀGJ) − exponent·log W(λ)² is constant over random λ (fixed random S)."""
    rng = np.random.default_rng(seed)
    angles = rng.normal(size=structure.n_angle)
    ratios = []
    for _ in range(lambda_draws):
        lam = rng.normal(size=structure.n_lambda) * 3
        ratios.append(
            log_gram_determinant_float(structure, lam, angles)
            - exponent * sum(np.log(float(f)) for f in structure.w2_factors(list(lam)))
        )
    spread = float(np.max(ratios) - np.min(ratios))
    return Check(
        f"({structure.key}) {structure.name}: det(JᵀGJ)/W(λ)² constant in λ",
        "float64, complex-step Jacobian",
        f"{structure.sizes}, {lambda_draws} λ draws",
        spread < tol,
        f"spread of log ratio {spread:.1e}",
    )


def repulsion_count(structure: Structure) -> int:
    """D derived from W: half the total degree in λ of the polynomial W(λ)²."""
    lam = sp.symbols(f"lambda0:{structure.n_lambda}")
    return sum(sp.Poly(f, *lam).total_degree() for f in structure.w2_factors(lam)) // 2


def repulsion_table(structures: Sequence[Structure]) -> str:
    """Remark F.6: D from the W's, SPEC's formula, and the effective exponent D / (N(N−1)/2)."""
    rows = [
        "| structure | sizes | N | D (from W) | D (SPEC formula) | D / (N(N−1)/2) |",
        "|---|---|---|---|---|---|",
    ]
    for st in structures:
        pairs = comb(st.dim, 2)
        rows.append(
            f"| ({st.key}) {st.name} | {st.sizes} | {st.dim} | {repulsion_count(st)} | "
            f"{st.repulsions} | {st.repulsions / pairs:.3f} |"
        )
    return "\n".join(rows)


def check_repulsion_counts(structures: Sequence[Structure]) -> Check:
    """The degree of each W equals SPEC's count D (Remark F.6)."""
    bad = [f"({st.key}) {st.sizes}" for st in structures if repulsion_count(st) != st.repulsions]
    return Check(
        "Remark F.6: D = number of eigenvalue-difference factors in W",
        "degree of the polynomial W(λ)²",
        f"{len(structures)} structures/sizes",
        not bad,
        f"differ: {bad}" if bad else "",
    )


EXACT_CASES = [
    diagonal(3),
    commuting_blocks(2, 2),
    commuting_blocks(2, 3),
    symmetric_blocks(2, 2),
    kronecker(2, 2),
    kronecker(2, 3),
    symmetric(2),
    symmetric(3),
    free_eigenvectors(3, 1),
    free_eigenvectors(3, 2),
]
SYMBOLIC_CASES = [
    diagonal(3),
    commuting_blocks(2, 2),
    symmetric_blocks(2, 2),
    kronecker(2, 2),
    symmetric(2),
    free_eigenvectors(3, 2),
]
FLOAT_CASES = [
    diagonal(8),
    commuting_blocks(2, 4),
    commuting_blocks(3, 5),
    symmetric_blocks(2, 4),
    kronecker(2, 4),
    kronecker(3, 3),
    symmetric(8),
    free_eigenvectors(8, 3),
]


def checks() -> list[Callable[[], Check]]:
    """Every Weyl check, as zero-argument callables (run and timed by the reporter)."""
    runs: list[Callable[[], Check]] = []
    runs += [partial(check_exact_in_lambda, st, points=3 if st.n_angle <= 3 else 2) for st in EXACT_CASES]
    runs += [partial(check_symbolic, st) for st in SYMBOLIC_CASES]
    runs += [partial(check_float, st) for st in FLOAT_CASES]
    runs.append(lambda: check_repulsion_counts(EXACT_CASES + FLOAT_CASES))
    return runs


def main() -> None:
    """Print the repulsion table, then run and report the checks."""
    print("## Remark F.6: repulsion counts\n\n" + repulsion_table(EXACT_CASES + FLOAT_CASES) + "\n")
    main_for("Weyl formulae (Table F.1)", checks)


if __name__ == "__main__":
    main()

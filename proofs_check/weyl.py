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

import itertools
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from math import comb

import numpy as np
import sympy as sp
from sympy.polys.matrices import DomainMatrix

from ._report import Check, main_for

SEED = 20251129


class ExactOps:
    """Matrix operations on sympy matrices (exact rationals and symbols)."""

    @staticmethod
    def eye(n: int) -> sp.Matrix:
        return sp.eye(n)

    @staticmethod
    def matrix(rows: Sequence[Sequence]) -> sp.Matrix:
        return sp.Matrix(rows)

    @staticmethod
    def inv(m: sp.Matrix) -> sp.Matrix:
        return m.inv()

    @staticmethod
    def kron(a: sp.Matrix, b: sp.Matrix) -> sp.Matrix:
        return sp.kronecker_product(a, b)

    @staticmethod
    def diag(values: Sequence) -> sp.Matrix:
        return sp.diag(*values)


class FloatOps:
    """The same operations on complex numpy arrays (for complex-step derivatives)."""

    @staticmethod
    def eye(n: int) -> np.ndarray:
        return np.eye(n, dtype=complex)

    @staticmethod
    def matrix(rows: Sequence[Sequence]) -> np.ndarray:
        return np.array(rows, dtype=complex)

    @staticmethod
    def inv(m: np.ndarray) -> np.ndarray:
        return np.linalg.inv(m)

    @staticmethod
    def kron(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return np.kron(a, b)

    @staticmethod
    def diag(values: Sequence) -> np.ndarray:
        return np.diag(np.asarray(values, dtype=complex))


def cayley(ops, angles: Sequence, n: int):
    """``Q = (I − S)(I + S)^{-1}`` for the skew ``S`` with upper entries ``angles`` (row-major)."""
    rows = [[0] * n for _ in range(n)]
    for (i, j), value in zip(itertools.combinations(range(n), 2), angles):
        rows[i][j], rows[j][i] = value, -value
    skew = ops.matrix(rows)
    return (ops.eye(n) - skew) @ ops.inv(ops.eye(n) + skew)


def n_angles(n: int) -> int:
    """Dimension of O(n): the number of Cayley parameters."""
    return n * (n - 1) // 2


def squared_distance(u: Sequence, v: Sequence):
    """‖u − v‖₂² (a polynomial in the entries)."""
    return sum((a - b) ** 2 for a, b in zip(u, v))


def product(factors) -> object:
    """Π of an iterable (1 when empty)."""
    result = 1
    for f in factors:
        result = result * f
    return result


def w2(structure: Structure, lam: Sequence):
    """W(λ)² = the product of the structure's factors."""
    return product(structure.w2_factors(lam))


@dataclass(frozen=True)
class Structure:
    """A matrix structure of Table F.1 at given sizes.

    ``build(ops, lam, angles)`` returns the tuple of symmetric matrices;
    ``w2_factors(lam)`` the factors of ``W(λ)²`` (one per eigenvalue difference);
    ``repulsions`` is SPEC's count D; ``dim`` the total
    number of eigenvalues N.
    """

    key: str
    name: str
    sizes: str
    n_lambda: int
    n_angle: int
    build: Callable
    w2_factors: Callable
    repulsions: int
    dim: int


def diagonal(N: int) -> Structure:
    """(a) A = Λ."""
    return Structure(
        "a", "diagonal", f"N={N}", N, 0, lambda ops, lam, ang: [ops.diag(lam)], lambda lam: [], 0, N
    )


def commuting_blocks(m: int, n: int) -> Structure:
    """(b) A_k = Q Λ_k Qᵀ, k = 1..m, one Q ∈ O(n) (Theorem F.2)."""

    def build(ops, lam, ang):
        Q = cayley(ops, ang, n)
        return [Q @ ops.diag(lam[k * n : (k + 1) * n]) @ Q.T for k in range(m)]

    def w2_factors(lam):
        vec = lambda i: [lam[k * n + i] for k in range(m)]
        return [squared_distance(vec(i), vec(j)) for i, j in itertools.combinations(range(n), 2)]

    return Structure(
        "b",
        "commuting block diagonal",
        f"m={m}, n={n}",
        m * n,
        n_angles(n),
        build,
        w2_factors,
        comb(n, 2),
        m * n,
    )


def symmetric_blocks(m: int, n: int) -> Structure:
    """(c) A_k = Q_k Λ_k Q_kᵀ with independent Q_k ∈ O(n) (Corollary F.4)."""

    def build(ops, lam, ang):
        na = n_angles(n)
        mats = []
        for k in range(m):
            Q = cayley(ops, ang[k * na : (k + 1) * na], n)
            mats.append(Q @ ops.diag(lam[k * n : (k + 1) * n]) @ Q.T)
        return mats

    def w2_factors(lam):
        return [
            (lam[k * n + i] - lam[k * n + j]) ** 2
            for k in range(m)
            for i, j in itertools.combinations(range(n), 2)
        ]

    return Structure(
        "c",
        "symmetric block diagonal",
        f"m={m}, n={n}",
        m * n,
        m * n_angles(n),
        build,
        w2_factors,
        m * comb(n, 2),
        m * n,
    )


def kronecker(m: int, n: int) -> Structure:
    """(d) A = (Q1⊗Q2) Λ (Q1⊗Q2)ᵀ, Λ = diag(λ_{ai}) in Kronecker order a·n + i (Theorem F.5)."""

    def build(ops, lam, ang):
        Q = ops.kron(cayley(ops, ang[: n_angles(m)], m), cayley(ops, ang[n_angles(m) :], n))
        return [Q @ ops.diag(lam) @ Q.T]

    def w2_factors(lam):
        row = lambda a: [lam[a * n + i] for i in range(n)]
        col = lambda i: [lam[a * n + i] for a in range(m)]
        return [squared_distance(row(a), row(b)) for a, b in itertools.combinations(range(m), 2)] + [
            squared_distance(col(i), col(j)) for i, j in itertools.combinations(range(n), 2)
        ]

    return Structure(
        "d",
        "Kronecker-like",
        f"m={m}, n={n}",
        m * n,
        n_angles(m) + n_angles(n),
        build,
        w2_factors,
        comb(m, 2) + comb(n, 2),
        m * n,
    )


def symmetric(N: int) -> Structure:
    """(e) A = Q Λ Qᵀ, Q ∈ O(N) (Corollary F.3)."""

    def build(ops, lam, ang):
        Q = cayley(ops, ang, N)
        return [Q @ ops.diag(lam) @ Q.T]

    def w2_factors(lam):
        return [(lam[i] - lam[j]) ** 2 for i, j in itertools.combinations(range(N), 2)]

    return Structure("e", "symmetric", f"N={N}", N, n_angles(N), build, w2_factors, comb(N, 2), N)


def free_eigenvectors(N: int, k: int, seed: int = SEED) -> Structure:
    """(F.7) A = Q Λ Qᵀ, Q = Q₀ · diag(R, I): the first k columns rotate by R ∈ O(k).

    ``Q₀`` is a fixed rational orthogonal matrix (a Cayley transform at a
    seeded random rational point), so the N − k other eigenvectors are fixed.
    """
    rng = random.Random(seed)
    fixed_angles = [sp.Rational(rng.randint(-5, 5), rng.randint(1, 5)) for _ in range(n_angles(N))]

    def build(ops, lam, ang):
        base = cayley(ops, [complex(a) if ops is FloatOps else a for a in fixed_angles], N)
        rotation = cayley(ops, ang, k)
        rows = [
            [rotation[i, j] if i < k and j < k else (1 if i == j else 0) for j in range(N)] for i in range(N)
        ]
        Q = base @ ops.matrix(rows)
        return [Q @ ops.diag(lam) @ Q.T]

    def w2_factors(lam):
        return [(lam[i] - lam[j]) ** 2 for i, j in itertools.combinations(range(k), 2)]

    return Structure(
        "F.7", f"{k} free eigenvectors", f"N={N}, k={k}", N, n_angles(k), build, w2_factors, comb(k, 2), N
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

r"""The matrix structures of Table F.1 (SPEC §7, paper Appendix F), as maps from eigenvalues
``λ`` and Cayley parameters to tuples of symmetric matrices, for :mod:`.weyl` and
:mod:`.variational`.

Orthogonal factors are Cayley transforms ``Q = (I − S)(I + S)^{-1}`` of skew matrices ``S``
(rational in the entries of S), built with exact (sympy) or complex floating (numpy)
operations.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from math import comb

import numpy as np
import sympy as sp

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

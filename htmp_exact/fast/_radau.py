r"""The Radau IIA tableau of :mod:`._riccati` (Hairer & Wanner, *Solving ODEs II*, §IV.5).

Nodes ``c_i``: the zeros of ``P_s(2c−1) − P_{s−1}(2c−1)`` (Legendre polynomials, DLMF 18.3;
``c_s = 1``); matrix ``a_ij = ∫_0^{c_i} ℓ_j`` with ℓ_j the Lagrange basis on the nodes.
Computed in 40-digit mpmath arithmetic and rounded to float64.
"""

from __future__ import annotations

import mpmath
import numpy as np


def radau_tableau(stages: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(c, A, nodes, weights)``: Radau IIA nodes and matrix, and the barycentric weights
    of the dense-output nodes ``(0, c_1, …, c_s)`` (scaled to max 1)."""
    with mpmath.workdps(40):
        legendre = np.zeros(stages + 1)
        legendre[-2:] = [-1, 1]
        guesses = sorted(np.polynomial.legendre.legroots(legendre).real)
        roots = [
            mpmath.findroot(
                lambda x: mpmath.legendre(stages, x) - mpmath.legendre(stages - 1, x), mpmath.mpf(g)
            )
            for g in guesses[:-1]
        ] + [mpmath.mpf(1)]
        c = [(x + 1) / 2 for x in roots]
        vandermonde = mpmath.matrix([[ci**k for k in range(stages)] for ci in c])
        matrix = np.empty((stages, stages))
        for j in range(stages):
            unit = mpmath.matrix(stages, 1)
            unit[j] = 1
            coef = mpmath.lu_solve(vandermonde, unit)  # ℓ_j(τ) = Σ_k coef_k τ^k
            for i in range(stages):
                matrix[i, j] = float(mpmath.fsum(coef[k] * c[i] ** (k + 1) / (k + 1) for k in range(stages)))
        nodes = [mpmath.mpf(0)] + c
        bary = [
            1 / mpmath.fprod(nodes[j] - nodes[k] for k in range(stages + 1) if k != j)
            for j in range(stages + 1)
        ]
        scale = max(abs(w) for w in bary)
        return (
            np.array([float(x) for x in c]),
            matrix,
            np.array([float(x) for x in nodes]),
            np.array([float(w / scale) for w in bary]),
        )

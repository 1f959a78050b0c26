r"""The variational β of product-form structures (SPEC §9; paper Prop. G.1, Cor. G.2, Thm G.3, Lemma G.4).

The claim: for ``p ∝ W(λ) Π w(λ_i)`` with ``W = Π_{(i,j)∈P} |λ_i − λ_j|`` (|P| = D pairs) and the
Laguerre family ``p_β ∝ |Δ(λ)|^β Π w(λ_i)``, the minimiser of ``KL(p_β ‖ p)`` is
``β* = D / (N(N−1)/2)``.  It follows from two steps, each checked here by its own route:

* **the KL derivative** ``d/dβ KL(p_β ‖ p) = β Var_β(L) − Cov_β(H, L)`` (``L = log|Δ|``,
  ``H = log W``), for any exponential family ``p_β ∝ w e^{βL}`` and target ``p ∝ w e^{H}``:
  checked exactly with sympy on a finite sample space with rational ``L``, ``H``, ``w``;
* **exchangeability**: with uniformly random labels, ``E[H | the eigenvalues as a set]`` is the
  average of ``H`` over all N! relabellings, which is ``(D / C(N, 2)) L``, so
  ``Cov_β(H, L) = β* Var_β(L)`` for every β and the derivative ``Var_β(L)(β − β*)`` has the one
  root β*.  The pair set P is read off the Weyl factors of ``proofs_check.structures`` (each factor of
  ``W²`` must be ``(λ_i − λ_j)²``; (b), (d) with m ≥ 2 are shown not to be of that form), and the
  orbit average over S_N is enumerated in exact rationals.  The result is compared with
  ``htmp_exact.variational.exact_beta``.

Monte Carlo (Lemma G.4): with draws of ``p_β`` from ``htmp_exact.ensembles`` (not the batch
sampler of ``htmp_exact.variational``) and ``H`` evaluated from the Weyl factors, the slope
``Cov(H, L)/Var(L)`` equals β at β = β* within 4 standard errors (a two-sided tolerance of
probability 6e-5 under the CLT, at fixed seeds), and at a wrong β it still equals β*, so the
identity β = Cov/Var fails there.  ``ensembles`` requires β > 0, so (a) (β* = 0) is sampled at a
wrong β only.

Run ``python -m proofs_check.variational``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from fractions import Fraction
from functools import partial
from math import comb, factorial

import numpy as np
import sympy as sp

from htmp_exact.ensembles import beta_laguerre_eigenvalues
from htmp_exact.variational import exact_beta

from . import structures
from ._report import Check, main_for

SEED = 20251205
#: slack for slopes that are exact up to rounding ((a): H = 0, (e): H = L, where the error is 0)
ROUNDING = 1e-12
Pair = tuple[int, int]


def kl_derivative_gap(values: Sequence[tuple[int, int, int]], sign: int = 1) -> sp.Expr:
    """``d/dβ KL(p_β‖p) − sign·(β Var_β(L) − Cov_β(H, L))`` on the points ``(L, H, w)``, simplified."""
    beta = sp.Symbol("beta", real=True)
    L = [sp.Integer(v[0]) for v in values]
    H = [sp.Integer(v[1]) for v in values]
    w = [sp.Integer(v[2]) for v in values]
    z_beta = sum(wi * sp.exp(beta * li) for wi, li in zip(w, L))
    z_target = sum(wi * sp.exp(hi) for wi, hi in zip(w, H))
    p_beta = [wi * sp.exp(beta * li) / z_beta for wi, li in zip(w, L)]
    kl = sum(pb * (beta * li - sp.log(z_beta) - hi + sp.log(z_target)) for pb, li, hi in zip(p_beta, L, H))
    mean_L = sum(pb * li for pb, li in zip(p_beta, L))
    var_L = sum(pb * (li - mean_L) ** 2 for pb, li in zip(p_beta, L))
    cov_HL = sum(
        pb * (hi - sum(q * h for q, h in zip(p_beta, H))) * (li - mean_L) for pb, li, hi in zip(p_beta, L, H)
    )
    return sp.simplify(sp.diff(kl, beta) - sign * (beta * var_L - cov_HL))


def check_kl_derivative(sign: int = 1) -> Check:
    """The KL derivative identity of Lemma G.4 on a 4-point sample space (``sign = −1``: a false one)."""
    values = [(0, 1, 1), (1, -2, 2), (3, 2, 1), (-1, 0, 3)]
    gap = kl_derivative_gap(values, sign)
    return Check(
        "Lemma G.4: d/dβ KL(p_β‖p) = β Var_β(L) − Cov_β(H, L)",
        "sympy, exact, 4-point exponential family",
        "β symbolic",
        gap == 0,
        "" if gap == 0 else f"difference {gap}",
    )


def product_pairs(structure: structures.Structure) -> list[Pair] | None:
    """The pairs (i, j) with ``W² = Π (λ_i − λ_j)²``, read off the Weyl factors; None if a factor
    is not the square of one eigenvalue difference (W is not of product form)."""
    lam = sp.symbols(f"lambda0:{structure.n_lambda}")
    pairs = []
    for factor in structure.w2_factors(lam):
        poly = sp.Poly(sp.expand(factor), *lam)
        used = [i for i in range(len(lam)) if poly.degree(lam[i]) > 0]
        if len(used) != 2 or sp.expand(factor - (lam[used[0]] - lam[used[1]]) ** 2) != 0:
            return None
        pairs.append((used[0], used[1]))
    return pairs


def orbit_weights(pairs: Sequence[Pair], N: int) -> dict[Pair, Fraction]:
    """The average over all N! relabellings σ of the number of pairs p ∈ P with σ(p) = {a, b}:
    the coefficient of ``log|λ_a − λ_b|`` in ``E[H | the set of eigenvalues]``."""
    counts = {pair: 0 for pair in itertools.combinations(range(N), 2)}
    for sigma in itertools.permutations(range(N)):
        for i, j in pairs:
            counts[tuple(sorted((sigma[i], sigma[j])))] += 1  # type: ignore[index]
    return {pair: Fraction(count, factorial(N)) for pair, count in counts.items()}


def check_exact_beta(
    structure: structures.Structure, sizes: dict[str, int], claimed: Callable[..., Fraction] = exact_beta
) -> Check:
    """Pairs from W, uniform orbit weights D/C(N, 2), and ``claimed(key, **sizes)`` equal to it."""
    N = structure.dim
    pairs = product_pairs(structure)
    label = f"({structure.key}) {structure.name}: β* = D / C(N, 2) = exact_beta"
    route = "W's factors → pairs; exact orbit average over S_N"
    if pairs is None:
        return Check(label, route, structure.sizes, False, "W is not of product form")
    target = Fraction(len(pairs), comb(N, 2))
    weights = orbit_weights(pairs, N)
    uniform = all(w == target for w in weights.values())
    value = claimed(structure.key, **sizes)
    ok = uniform and value == target and len(pairs) == structure.repulsions
    return Check(
        label,
        route,
        structure.sizes,
        ok,
        f"D = {len(pairs)}, β* = {target}"
        + ("" if ok else f"; exact_beta = {value}, orbit weights uniform: {uniform}"),
    )


def check_not_product_form(structure: structures.Structure) -> Check:
    """(b), (d) with m ≥ 2: some factor of W² is not a squared eigenvalue difference."""
    ok = product_pairs(structure) is None
    return Check(
        f"({structure.key}) {structure.name}: W is not of product form",
        "W's factors",
        structure.sizes,
        ok,
        "" if ok else "all factors are squared differences",
    )


def slope_and_error(
    structure: structures.Structure, beta: float, shape: float, draws: int, seed: int = SEED
) -> tuple[float, float]:
    """Monte Carlo ``Cov(H, L)/Var(L)`` under ``p_β`` and its delta-method standard error.

    Draws from ``ensembles.beta_laguerre_eigenvalues`` with ``a = shape + 1 + β(N−1)/2``, labels
    permuted uniformly, ``H = ½ Σ log(factors of W²)`` from the Weyl structure.
    """
    N = structure.dim
    gen = np.random.default_rng(seed)
    a = shape + 1 + beta * (N - 1) / 2
    lam = np.array([gen.permutation(beta_laguerre_eigenvalues(N, beta, a, gen)) for _ in range(draws)])
    columns = [lam[:, i] for i in range(N)]
    H = 0.5 * sum((np.log(f) for f in structure.w2_factors(columns)), np.zeros(draws))
    L = 0.5 * sum(np.log((columns[i] - columns[j]) ** 2) for i, j in itertools.combinations(range(N), 2))
    hc, lc = H - H.mean(), L - L.mean()
    slope = float((hc * lc).sum() / (lc * lc).sum())
    residual = (hc - slope * lc) * lc
    return slope, float(residual.std() / np.sqrt(draws) / (lc * lc).mean())


def check_lemma_g4(
    structure: structures.Structure, beta: float, shape: float = 0.0, draws: int = 20000
) -> Check:
    """Monte Carlo: ``β = Cov_β(H, L)/Var_β(L)`` within 4 standard errors at this β."""
    slope, se = slope_and_error(structure, beta, shape, draws)
    ok = abs(slope - beta) <= 4 * se + ROUNDING
    return Check(
        f"({structure.key}) Lemma G.4 at β = {beta:.4g}: β = Cov_β(H, L)/Var_β(L)",
        "Monte Carlo, ensembles sampler, tolerance 4 s.e.",
        f"{structure.sizes}, a' = {shape}, {draws} draws",
        ok,
        f"slope {slope:.5f} ± {se:.5f}",
    )


def check_lemma_g4_fails_off_optimum(
    structure: structures.Structure, beta: float, shape: float = 0.0, draws: int = 20000
) -> Check:
    """Monte Carlo at β ≠ β*: the slope is β* (exchangeability), so β = Cov/Var fails."""
    target = float(Fraction(structure.repulsions, comb(structure.dim, 2)))
    slope, se = slope_and_error(structure, beta, shape, draws)
    ok = abs(slope - beta) > 4 * se + ROUNDING and abs(slope - target) <= 4 * se + ROUNDING
    return Check(
        f"({structure.key}) Lemma G.4 fails at β = {beta:.4g} ≠ β* = {target:.4g}; slope = β*",
        "Monte Carlo, ensembles sampler, tolerance 4 s.e.",
        f"{structure.sizes}, a' = {shape}, {draws} draws",
        ok,
        f"slope {slope:.5f} ± {se:.5f}",
    )


#: (structure, sizes) of the product-form structures checked: (a), (c), (e), F.7
EXACT_CASES = (
    [(structures.diagonal(N), {"N": N}) for N in (3, 6)]
    + [(structures.symmetric_blocks(m, n), {"m": m, "n": n}) for m, n in ((2, 2), (2, 3), (3, 2), (1, 5))]
    + [(structures.symmetric(N), {"N": N}) for N in (2, 5, 7)]
    + [(structures.free_eigenvectors(N, k), {"N": N, "k": k}) for N, k in ((3, 1), (3, 2), (7, 3), (6, 6))]
)
NOT_PRODUCT = [
    structures.commuting_blocks(2, 2),
    structures.commuting_blocks(3, 2),
    structures.kronecker(2, 2),
    structures.kronecker(2, 3),
]


def checks() -> list[Callable[[], Check]]:
    """Every check of this script, as zero-argument callables."""
    runs: list[Callable[[], Check]] = [check_kl_derivative]
    runs += [partial(check_exact_beta, st, sz) for st, sz in EXACT_CASES]
    runs += [partial(check_not_product_form, st) for st in NOT_PRODUCT]
    c23, f63 = structures.symmetric_blocks(2, 3), structures.free_eigenvectors(6, 3)
    runs += [
        lambda: check_lemma_g4(c23, 0.4),
        lambda: check_lemma_g4(f63, 0.2, shape=1.5),
        lambda: check_lemma_g4(structures.symmetric(4), 1.0),
        lambda: check_lemma_g4_fails_off_optimum(c23, 0.7),
        lambda: check_lemma_g4_fails_off_optimum(f63, 0.05, shape=1.5),
        lambda: check_lemma_g4_fails_off_optimum(structures.diagonal(4), 0.5),
    ]
    return runs


def main() -> None:
    main_for("Variational β of product-form structures (Appendix G)", checks)


if __name__ == "__main__":
    main()

r"""The structures of Table F.1 and Corollary F.7: sizes, repulsion counts, log volume factors (SPEC §7, §9).

A structure is named by its key (``'a'``, ``'b'``, ``'c'``, ``'d'``, ``'e'``, ``'F.7'``) and
sized by keyword arguments (``N``; ``m, n`` with ``N = mn``; ``N, k``).  The ``N`` eigenvalues
of the m×n structures are laid out as an m×n array, entry ``(k, i)`` at index ``k·n + i``
(block ``k``, position ``i``), as in ``proofs_check.weyl``.

``log_weyl_factor`` is ``H = log h(λ)`` with ``h = W(λ)`` of SPEC §7; ``log_vandermonde`` is
``L = log|Δ(λ)|``.  Both take arrays of shape ``(..., N)`` of labelled eigenvalues.  The checks of
sizes and of the numeric parameters of the module live here too.
"""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from fractions import Fraction
from math import comb

import numpy as np

from .._jit import jit

__all__ = [
    "STRUCTURES",
    "PRODUCT_FORM",
    "check_float",
    "check_int",
    "check_sizes",
    "dimension",
    "repulsions",
    "heuristic_beta",
    "exact_beta",
    "log_vandermonde",
    "log_weyl_factor",
]

#: structure key → (name, size names)
STRUCTURES: dict[str, tuple[str, tuple[str, ...]]] = {
    "a": ("diagonal", ("N",)),
    "b": ("commuting block diagonal", ("m", "n")),
    "c": ("symmetric block diagonal", ("m", "n")),
    "d": ("Kronecker-like", ("m", "n")),
    "e": ("symmetric", ("N",)),
    "F.7": ("free eigenvectors", ("N", "k")),
}
#: structures whose h is a product of |λ_i − λ_j| over a set of pairs (Prop. G.1)
PRODUCT_FORM = ("a", "c", "e", "F.7")

_RANGES = {
    "a": "N >= 2",
    "e": "N >= 2",
    "b": "m >= 1, n >= 1, mn >= 2",
    "c": "m >= 1, n >= 1, mn >= 2",
    "d": "m >= 1, n >= 1, mn >= 2",
    "F.7": "N >= 2, 1 <= k <= N",
}


def _key(structure: object) -> str:
    if not isinstance(structure, str):
        raise TypeError(
            f"structure must be one of {list(STRUCTURES)} (a str), got "
            f"{type(structure).__name__} {structure!r}"
        )
    if structure not in STRUCTURES:
        raise ValueError(f"structure must be one of {list(STRUCTURES)}, got {structure!r}")
    return structure


def check_int(value: object, name: str, low: int, high: int) -> int:
    """``value`` as an int in ``[low, high]``, or a TypeError/ValueError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer in [{low}, {high}], got {type(value).__name__} {value!r}")
    if not low <= value <= high:
        raise ValueError(f"{name} must be an integer in [{low}, {high}], got {value!r}")
    return int(value)


def check_float(value: object, name: str, low: float, high: float, closed: str = "()") -> float:
    """``value`` as a finite float in the interval (``closed``: its brackets), or a named error."""
    interval = f"{closed[0]}{low}, {high}{closed[1]}"
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a real number in {interval}, got {type(value).__name__} {value!r}")
    v = float(value)
    inside = (v >= low if closed[0] == "[" else v > low) and (v <= high if closed[1] == "]" else v < high)
    if not (np.isfinite(v) and inside):
        raise ValueError(f"{name} must be a real number in {interval}, got {value!r}")
    return v


def check_sizes(structure: object, sizes: Mapping[str, object]) -> dict[str, int]:
    """The sizes of ``structure`` as ints, or a TypeError/ValueError naming the size and its range."""
    key = _key(structure)
    names = STRUCTURES[key][1]
    valid = f"structure {key!r} takes sizes {', '.join(names)} with {_RANGES[key]}"
    unknown = sorted(set(sizes) - set(names))
    if unknown:
        raise TypeError(f"unexpected size(s) {unknown}: {valid}")
    missing = [name for name in names if name not in sizes]
    if missing:
        raise TypeError(f"missing size(s) {missing}: {valid}")
    out: dict[str, int] = {}
    for name in names:
        value = sizes[name]
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise TypeError(f"size {name} must be an integer ({valid}), got {type(value).__name__} {value!r}")
        out[name] = int(value)
    low = {"N": 2, "m": 1, "n": 1, "k": 1}
    for name, value in out.items():
        if value < low[name]:
            raise ValueError(f"size {name} = {value} is out of range: {valid}")
    if "m" in out and out["m"] * out["n"] < 2:
        raise ValueError(f"sizes m = {out['m']}, n = {out['n']} give N = mn < 2: {valid}")
    if key == "F.7" and out["k"] > out["N"]:
        raise ValueError(f"size k = {out['k']} exceeds N = {out['N']}: {valid}")
    return out


def dimension(structure: str, sizes: dict[str, int]) -> int:
    """N, the number of eigenvalues."""
    return sizes["m"] * sizes["n"] if "m" in sizes else sizes["N"]


def repulsions(structure: str, sizes: dict[str, int]) -> int:
    """D, the number of eigenvalue-difference factors of W (Remark F.6, SPEC §7 table)."""
    if structure == "a":
        return 0
    if structure == "e":
        return comb(sizes["N"], 2)
    if structure == "F.7":
        return comb(sizes["k"], 2)
    m, n = sizes["m"], sizes["n"]
    return {"b": comb(n, 2), "c": m * comb(n, 2), "d": comb(m, 2) + comb(n, 2)}[structure]


def heuristic_beta(structure: str, **sizes: int) -> Fraction:
    r"""Remark F.6's effective repulsion exponent :math:`D / \binom{N}{2}` (SPEC §7, §9).

    Exact for the product-form structures (Prop. G.1); the comparison point for (b), (d).

    >>> heuristic_beta("d", m=2, n=3)
    Fraction(4, 15)
    """
    checked = check_sizes(structure, sizes)
    return Fraction(repulsions(structure, checked), comb(dimension(structure, checked), 2))


def exact_beta(structure: str, **sizes: int) -> Fraction:
    r"""The exact variational exponent :math:`\beta^* = D / \binom{N}{2}` of a product-form structure.

    For ``h(λ) = Π_{(i,j)∈P} |λ_i − λ_j|`` with ``|P| = D`` pairs, the minimiser of
    :math:`\mathrm{KL}(p_\beta \,\|\, p)` over the Laguerre β-ensembles with the same one-body
    weight is

    .. math:: \beta^* = \frac{D}{N(N-1)/2}

    whatever the weight (paper Prop. G.1, Cor. G.2, Thm G.3; SPEC §9): ``p_β`` is exchangeable,
    so every pair has the same covariance with ``L = log|Δ|`` and ``Cov_β(H, L) = β* Var_β(L)``
    for every β, and the critical-point equation ``β Var_β(L) = Cov_β(H, L)`` has the one
    root β*.  Exact (a :class:`fractions.Fraction`); checked in ``proofs_check.variational``.

    Parameters
    ----------
    structure : {'a', 'c', 'e', 'F.7'}
        (a) diagonal, sizes ``N >= 2``: 0; (c) m symmetric n×n blocks, ``m, n >= 1``,
        ``mn >= 2``: ``(n − 1)/(mn − 1)``; (e) symmetric, ``N >= 2``: 1; (F.7) k free
        eigenvectors, ``N >= 2``, ``1 <= k <= N``: ``k(k − 1)/(N(N − 1))``.
    **sizes : int
        The sizes named above.

    Raises
    ------
    ValueError
        For (b) and (d), which are not of product form (use :func:`estimate_beta`), and for
        sizes out of range.
    TypeError
        For a missing, unexpected or non-integer size.

    >>> exact_beta("c", m=3, n=4), exact_beta("F.7", N=10, k=4)
    (Fraction(3, 11), Fraction(2, 15))
    """
    key = _key(structure)
    if key not in PRODUCT_FORM:
        raise ValueError(
            f"structure {key!r} is not of product form (its W is a product of norms of "
            f"vectors of eigenvalues), so beta* has no closed form: use "
            f"estimate_beta({key!r}, m=..., n=...); exact_beta takes {list(PRODUCT_FORM)}"
        )
    return heuristic_beta(key, **sizes)


@jit
def _sum_log_gaps_rows(rows: np.ndarray, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """Per row, ``Σ_p log|row[first_p] − row[second_p]|``: products of gaps, one log per block."""
    out = np.empty(rows.shape[0])
    for r in range(rows.shape[0]):
        total, block = 0.0, 1.0
        for p in range(first.size):
            block *= abs(rows[r, first[p]] - rows[r, second[p]])
            if not 1e-100 < block < 1e100:
                total += np.log(block)
                block = 1.0
        out[r] = total + np.log(block)
    return out


def _sum_log_gaps(x: np.ndarray, first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """``Σ_p log|x[..., first_p] − x[..., second_p]|`` over the last axis (−inf if a gap is 0)."""
    rows = np.ascontiguousarray(x, dtype=float).reshape(-1, x.shape[-1])
    return _sum_log_gaps_rows(rows, first.astype(np.intp), second.astype(np.intp)).reshape(x.shape[:-1])


def _log_norm_gaps(vectors: np.ndarray) -> np.ndarray:
    """``Σ_{i<j} log‖v_i − v_j‖₂`` for vectors ``v_i = vectors[..., :, i]`` (shape ``(..., dim, count)``)."""
    first, second = np.triu_indices(vectors.shape[-1], 1)
    squared = ((vectors[..., first] - vectors[..., second]) ** 2).sum(axis=-2)
    return 0.5 * np.log(squared).sum(axis=-1)


def log_vandermonde(lam: np.ndarray) -> np.ndarray:
    r"""``L = log|Δ(λ)| = Σ_{i<j} log|λ_i − λ_j|`` over the last axis (SPEC §9).

    >>> bool(np.isclose(log_vandermonde(np.array([1.0, 2.0, 4.0])), np.log(1 * 3 * 2)))
    True
    """
    lam = np.asarray(lam, dtype=float)
    first, second = np.triu_indices(lam.shape[-1], 1)
    return _sum_log_gaps(lam, first, second)


def log_weyl_factor(structure: str, lam: np.ndarray, **sizes: int) -> np.ndarray:
    r"""``H = log h(λ)``, ``h = W(λ)`` the volume factor of the structure (SPEC §7 table).

    ``lam`` has shape ``(..., N)``; for the m×n structures entry ``k·n + i`` is eigenvalue ``i``
    of block ``k``.  (b): ``Σ_{i<j} log‖λ_{·i} − λ_{·j}‖₂``, columns ``λ_{·i} ∈ ℝ^m``; (d): that
    plus ``Σ_{a<b} log‖λ_{a·} − λ_{b·}‖₂`` over rows; (c): ``Σ_k Σ_{i<j} log|λ_{ki} − λ_{kj}|``;
    (F.7): ``Σ_{i<j<k} log|λ_i − λ_j|`` over the first k; (e): ``L``; (a): 0.

    >>> H = log_weyl_factor("b", np.array([0.0, 1.0, 3.0, 5.0]), m=2, n=2)   # log‖(0, 3) − (1, 5)‖
    >>> bool(np.isclose(H, np.log(np.sqrt(5.0))))
    True
    """
    checked = check_sizes(structure, sizes)
    lam = np.asarray(lam, dtype=float)
    N = dimension(structure, checked)
    if lam.shape[-1:] != (N,):
        raise ValueError(
            f"lam must have last axis of length N = {N} for structure {structure!r} "
            f"with sizes {checked}, got shape {lam.shape}"
        )
    if structure == "a":
        return np.zeros(lam.shape[:-1])
    if structure == "e":
        return log_vandermonde(lam)
    if structure == "F.7":
        return log_vandermonde(lam[..., : checked["k"]])
    grid = lam.reshape(lam.shape[:-1] + (checked["m"], checked["n"]))
    if structure == "c":
        return log_vandermonde(grid).sum(axis=-1)
    columns = _log_norm_gaps(grid)
    if structure == "b":
        return columns
    return columns + _log_norm_gaps(np.swapaxes(grid, -1, -2))

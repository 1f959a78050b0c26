r"""Marchenko–Pastur MP(γ) in float64: closed forms (SPEC §2)."""
from __future__ import annotations

import numpy as np

from ._arguments import broadcast
from ._stieltjes import complex_points


def _mp_edges(gamma: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    root = np.sqrt(gamma)
    return ((1 - gamma) / (1 + root)) ** 2, (1 + root) ** 2   # λ− without cancellation near γ = 1


def mp_pdf(x, gamma) -> np.ndarray:
    r"""MP(γ) density ``√((λ+ − x)(x − λ−)) / (2πγx)`` on the bulk (continuous part), float64."""
    x, gamma, _ = broadcast(x, gamma, 1.0)
    lo, hi = _mp_edges(gamma)
    inside = (x > lo) & (x < hi)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = np.sqrt(np.clip((hi - x) * (x - lo), 0, None)) / (2 * np.pi * gamma * x)
    return np.where(inside, value, 0.0)


def _mp_bulk_mass(x: np.ndarray, gamma: np.ndarray) -> np.ndarray:
    """∫_{λ−}^x of the MP density (same antiderivative as the exact path, arcsin form)."""
    a, b = _mp_edges(gamma)
    xc = np.clip(x, a, b)
    with np.errstate(invalid="ignore", divide="ignore"):
        arg1 = np.clip((2 * xc - a - b) / (b - a), -1, 1)
        arg2 = np.clip(((a + b) * xc - 2 * a * b) / ((b - a) * xc), -1, 1)
        prim = (np.sqrt(np.clip((b - xc) * (xc - a), 0, None)) + (a + b) / 2 * np.arcsin(arg1)
                - np.abs(1 - gamma) * np.arcsin(arg2))
    prim_at_a = -(a + b) / 2 * np.pi / 2 + np.abs(1 - gamma) * np.pi / 2
    return (prim - prim_at_a) / (2 * np.pi * gamma)


def mp_cdf(x, gamma) -> np.ndarray:
    r"""MP(γ) distribution function, atom ``1 − 1/γ`` at 0 for γ > 1; float64."""
    x, gamma, _ = broadcast(x, gamma, 1.0)
    atom = np.where(gamma > 1, 1 - 1 / gamma, 0.0)
    lo, hi = _mp_edges(gamma)
    value = np.where(x >= hi, 1.0, atom + np.where(x > lo, _mp_bulk_mass(x, gamma), 0.0))
    return np.where(x < 0, 0.0, value)


def mp_sf(x, gamma) -> np.ndarray:
    r"""MP(γ) survival function; float64."""
    x, gamma, _ = broadcast(x, gamma, 1.0)
    cont = np.where(gamma > 1, 1 / gamma, 1.0)
    lo, hi = _mp_edges(gamma)
    value = np.where(x >= hi, 0.0, cont - np.where(x > lo, _mp_bulk_mass(x, gamma), 0.0))
    return np.where(x < 0, 1.0, np.clip(value, 0.0, 1.0))


def mp_stieltjes(z, gamma) -> np.ndarray:
    r"""MP(γ) Stieltjes transform (atom included), the root of ``γ z S² + (z + γ − 1) S + 1 = 0``
    with ``S ~ −1/z`` (SPEC §2); complex128, ``z`` off ``[0, ∞)``.

    With ``R = √(z − λ+)·√(z − λ−)`` and ``d± = z + γ − 1 ± R`` (``d+·d− = 4γz``):
    ``S = −2/d+ = −d−/(2γz)``, evaluated from whichever of ``d±`` is larger (no cancellation).
    """
    z, gamma, _ = complex_points(z, gamma, 1.0)
    lo, hi = _mp_edges(gamma)
    root = np.sqrt(z - hi) * np.sqrt(z - lo)
    plus, minus = z + (gamma - 1) + root, z + (gamma - 1) - root
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.abs(plus) >= np.abs(minus), -2 / plus, -minus / (2 * gamma * z))


def mp_ppf(q, gamma) -> np.ndarray:
    r"""MP(γ) quantile by bisection on :func:`mp_cdf` (0 inside the atom); float64."""
    q, gamma, _ = broadcast(q, gamma, 1.0)
    if np.any((q < 0) | (q > 1)):
        raise ValueError("q must lie in [0, 1]")
    lo, hi = _mp_edges(gamma)
    left, right = lo.copy(), hi.copy()
    for _ in range(80):
        mid = (left + right) / 2
        below = mp_cdf(mid, gamma) < q
        left, right = np.where(below, mid, left), np.where(below, right, mid)
    atom = np.where(gamma > 1, 1 - 1 / gamma, 0.0)
    return np.where(q <= atom, 0.0, right)

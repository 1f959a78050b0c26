r"""Gauss–Legendre panels for Cauchy integrals ``∫ f(x)/(x − z) dx`` with ``z`` near the path.

Used by the fast Stieltjes transform (:func:`htmp_exact.fast.stieltjes`).  An n-node
Gauss–Legendre rule on a panel ``[lo, hi]`` integrates a function analytic inside the
Bernstein ellipse of parameter ρ with error ``O(ρ^{−2n})`` (Trefethen, *Approximation
Theory and Approximation Practice*, Thm 19.3).  For the kernel ``1/(x − z)`` ρ is set
by the pole: ``ρ = |w + √(w² − 1)|`` with ``w = (z − mid)/half``.  With 16 nodes,
ρ ≥ :data:`RHO_MIN` = 3.5 gives ``3.5^{−32} ≈ 4e-18``.  Panels closer to a pole are
replaced by panels graded geometrically (ratio 3) toward its real part, which keeps
ρ ≥ 3.7 on every panel down to the width ``Im z / 3``.
"""
from __future__ import annotations

import math

import numpy as np

GL_NODES, GL_WEIGHTS = np.polynomial.legendre.leggauss(16)
RHO_MIN = 3.5


def bernstein_rho(pole: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """ρ ≥ 1 of the Bernstein ellipse of ``[lo, hi]`` through ``pole`` (broadcasting)."""
    w = (pole - (lo + hi) / 2) / ((hi - lo) / 2)
    root = np.sqrt(w * w - 1)
    return np.maximum(np.abs(w + root), np.abs(w - root))  # the two roots' product is 1


def graded_offsets(eta: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Panel ends, as offsets from a pole's real part, on ``[lo_i, hi_i]`` (offsets, row i, sorted).

    The ends are ``±η·3^k/3`` (k ≥ 0) clipped to the interval, plus the interval's
    ends: a panel at distance d from 0 has width at most 2d (or ``η/3`` next to it),
    so a pole at ``iη`` has ρ ≥ 3.7 on every panel.  Clipped ends repeat; the
    resulting zero-width panels contribute nothing.  Offsets (not absolute positions)
    keep ``x − Re z`` exact for the kernel when ``η ≪ |Re z|``.
    """
    ratio = float(np.max((hi - lo) / eta))
    k = np.arange(int(math.ceil(math.log(max(ratio, 1.0), 3))) + 3)
    steps = eta[:, None] * 3.0 ** (k - 1)
    ends = np.concatenate([lo[:, None], hi[:, None], np.zeros_like(lo)[:, None], -steps, steps], axis=1)
    return np.sort(np.clip(ends, lo[:, None], hi[:, None]), axis=1)


def panel_nodes(breaks: np.ndarray):
    """Gauss–Legendre nodes and weights on the panels between consecutive ``breaks`` (last axis)."""
    half = np.diff(breaks, axis=-1) / 2
    mid = (breaks[..., 1:] + breaks[..., :-1]) / 2
    return (mid[..., None] + half[..., None] * GL_NODES, half[..., None] * GL_WEIGHTS)

"""Shared by the fast-path tests: certified references at the same binary64 inputs, and the
tolerances (the worst errors measured on the validation sweeps of docs/fast-path.md, times ~3–5)."""

from fractions import Fraction

import numpy as np

from htmp_exact import fast

XS = np.array([1e-9, 1e-3, 0.05, 0.3, 0.7, 1.0, 1.3, 2.0, 3.0, 5.0, 20.0, 60.0])
GRID = [(g, k) for g in (0.01, 0.5, 1.0, 3.0) for k in (0.1, 4.0, 100.0, 1000.0)]

LOGPDF_TOL = 2e-14  # grouped route: |Δ logpdf| / max(1, |logpdf|)   (measured ≤ 4.3e-15)
POINTWISE_TOL = 1e-12  # per-point route: the documented bound            (measured ≤ 6.4e-13)
PDF_REL_TOL = 1e-12  # grouped route: |Δ pdf| / pdf where pdf ≥ 1e-300  (measured ≤ 2.8e-13)
CDF_ABS_TOL = 5e-15  # (measured ≤ 1.6e-15)
SF_REL_TOL = 1e-11  # where sf ≥ 1e-300 (measured ≤ 2.8e-13 on the grid, 2e-12 at s = 1.7e7)
STIELTJES_REL_TOL = 1e-13  # (measured ≤ 1.1e-14)


def exact_atom(gamma: float) -> float:
    """The mass ``1 − 1/γ`` at 0 (γ > 1, else 0), correctly rounded (from exact fractions)."""
    return float(1 - 1 / Fraction(gamma)) if gamma > 1 else 0.0


def exact_float(fn, x, gamma, kappa):
    """``fn`` of :mod:`htmp_exact.exact` at the same binary64 inputs, rounded to float."""
    return float(fn(float(x), gamma, kappa, digits=16))


def grouped(fn, x, gamma, kappa):
    """``fn`` of :mod:`htmp_exact.fast` at the points x of one pair, through the grouped route
    (the points are repeated up to the group size that selects one Riccati solve)."""
    x = np.atleast_1d(np.asarray(x, dtype=float))
    copies = -(-fast.MIN_GROUP // x.size)
    return fn(np.tile(x, copies), gamma, kappa)[: x.size]

"""Arguments of the fast path: conversion and checks, broadcasting, the validated domain,
grouping of the points by their parameter pair (γ, κ)."""
from __future__ import annotations

from collections.abc import Iterator

import numpy as np

#: Validated domain of the fast path (cross-checked against :mod:`htmp_exact.exact`).
GAMMA_RANGE = (1e-3, 1e3)
KAPPA_RANGE = (1e-2, 1e5)


def _check_parameter(value: np.ndarray, name: str) -> None:
    bad = ~np.isfinite(value) | (value <= 0)
    if np.any(bad):
        raise ValueError(f"{name} must be finite and > 0 (valid range (0, inf)), got {value[bad].flat[0]!r}")


def broadcast_parameters(first: np.ndarray, gamma, kappa) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Broadcast ``first`` (already converted) with real, finite, positive γ and κ."""
    for name, value in (("gamma", gamma), ("kappa", kappa)):
        if np.iscomplexobj(np.asarray(value)):
            raise TypeError(f"{name} must be real, got complex {value!r}")
    first, gamma, kappa = np.broadcast_arrays(first, *(np.asarray(v, dtype=float) for v in (gamma, kappa)))
    _check_parameter(gamma, "gamma")
    _check_parameter(kappa, "kappa")
    return first, gamma, kappa


def broadcast(x, gamma, kappa, name: str = "x") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``x`` (named ``name`` in errors), γ and κ as broadcast float arrays; complex or NaN ``x`` is an error."""
    if np.iscomplexobj(np.asarray(x)):
        raise TypeError(f"{name} must be real, got complex {x!r}")
    x, gamma, kappa = broadcast_parameters(np.asarray(x, dtype=float), gamma, kappa)
    if np.any(np.isnan(x)):
        raise ValueError(f"{name} must not be NaN")
    return x, gamma, kappa


def in_domain(gamma: float, kappa: float) -> bool:
    """Whether (γ, κ) lies in :data:`GAMMA_RANGE` × :data:`KAPPA_RANGE`."""
    return GAMMA_RANGE[0] <= gamma <= GAMMA_RANGE[1] and KAPPA_RANGE[0] <= kappa <= KAPPA_RANGE[1]


def groups(gamma: np.ndarray, kappa: np.ndarray) -> Iterator[tuple[float, float, np.ndarray]]:
    """Yield ``(γ, κ, flat indices)`` for each distinct in-domain pair (others stay NaN).

    One sort of integer keys (not ``np.unique(axis=0)``, 20× slower on 10⁵ pairs); no sort
    at all when every point has the same pair.
    """
    g, k = gamma.ravel(), kappa.ravel()
    if g.size == 0:
        return
    if g.min() == g.max() and k.min() == k.max():
        if in_domain(g[0], k[0]):
            yield float(g[0]), float(k[0]), np.arange(g.size)
        return
    g_values, g_index = np.unique(g, return_inverse=True)
    k_values, k_index = np.unique(k, return_inverse=True)
    key = g_index.ravel() * k_values.size + k_index.ravel()
    order = np.argsort(key, kind="stable")
    for sel in np.split(order, np.flatnonzero(np.diff(key[order])) + 1):
        g_j, k_j = g_values[key[sel[0]] // k_values.size], k_values[key[sel[0]] % k_values.size]
        if in_domain(g_j, k_j):
            yield float(g_j), float(k_j), sel

"""Arguments of the fast path: the input policy, broadcasting, the validated domain, and the
grouping of points by their parameter pair (γ, κ).

Input policy (also in the package docstring and docs/fast-path.md):

* ``x`` (``q``, ``z``): int or float numbers or arrays of them (``z`` may be complex).  NaN
  gives NaN at that position; ``x = ±inf`` gives the limits.  bool, complex ``x``/``q``,
  None, strings, object arrays (e.g. ``flint.arb``) raise ``TypeError`` naming the argument.
* ``gamma``, ``kappa``: real numbers (not bool), finite and > 0, else ``TypeError`` /
  ``ValueError`` naming the parameter, its value and the valid range; a pair outside the
  validated domain :data:`GAMMA_RANGE` × :data:`KAPPA_RANGE` (for MP: γ in
  :data:`MP_GAMMA_RANGE`) raises ``ValueError`` pointing to :mod:`htmp_exact.exact`.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from .._inputs import float_points, positive_floats
from .._parameters import FAST_GAMMA, FAST_KAPPA, FAST_MP_GAMMA, check_fast_domain

#: Validated domain of the fast path (cross-checked against :mod:`htmp_exact.exact`).
GAMMA_RANGE = (FAST_GAMMA.low, FAST_GAMMA.high)
KAPPA_RANGE = (FAST_KAPPA.low, FAST_KAPPA.high)
MP_GAMMA_RANGE = (FAST_MP_GAMMA.low, FAST_MP_GAMMA.high)


def broadcast(
    first: np.ndarray, gamma: object, kappa: object, name: str = "x"
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``first`` (converted), γ and κ checked and broadcast to one shape (copies)."""
    gamma_array, kappa_array = positive_floats(gamma, "gamma"), positive_floats(kappa, "kappa")
    try:
        arrays = np.broadcast_arrays(first, gamma_array, kappa_array)
    except ValueError:
        raise ValueError(
            f"{name}, gamma and kappa cannot be broadcast together: shapes {np.shape(first)}, "
            f"{gamma_array.shape}, {kappa_array.shape}"
        ) from None
    first, gamma_array, kappa_array = (np.array(a) for a in arrays)
    check_fast_domain(gamma_array, kappa_array)
    return first, gamma_array, kappa_array


def points(
    x: object, gamma: object, kappa: object, name: str = "x"
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Real points ``x`` (named ``name`` in errors), γ and κ as broadcast float arrays."""
    return broadcast(float_points(x, name), gamma, kappa, name)


def complex_array(value: object, name: str) -> np.ndarray:
    """``value`` as a complex128 array (real or complex numbers; bool, None, strings and
    object arrays raise ``TypeError`` naming ``name``)."""
    array = np.asarray(value)
    if array.dtype.kind not in "iufc":
        raise TypeError(
            f"{name} must be a complex or real number or an array of them, "
            f"got {type(value).__name__} {value!r}"
        )
    return array.astype(np.complex128, copy=False)


def off_support(z: np.ndarray, name: str = "z") -> None:
    """``ValueError`` if some finite ``z`` lies on the support ``[0, ∞)`` of the laws."""
    on = (z.imag == 0) & (z.real >= 0) & np.isfinite(z.real)
    if np.any(on):
        raise ValueError(
            f"{name} = {z[on].flat[0]!r} is on the support [0, inf); the Stieltjes transform "
            f"is defined for {name} in C \\ [0, inf)"
        )


def mp_points(
    x: object, gamma: object, name: str = "x", complex_x: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Points (real, or complex with ``complex_x``) and γ (in :data:`FAST_MP_GAMMA`) broadcast."""
    first = complex_array(x, name) if complex_x else float_points(x, name)
    gamma_array = positive_floats(gamma, "gamma")
    outside = (gamma_array < FAST_MP_GAMMA.low) | (gamma_array > FAST_MP_GAMMA.high)
    if np.any(outside):
        raise ValueError(
            f"gamma = {gamma_array[outside].flat[0].item()!r} is outside the fast path's validated "
            f"domain gamma in {FAST_MP_GAMMA} for MP; use htmp_exact.exact there"
        )
    try:
        first, gamma_array = (np.array(a) for a in np.broadcast_arrays(first, gamma_array))
    except ValueError:
        raise ValueError(
            f"{name} and gamma cannot be broadcast together: shapes {np.shape(first)}, {gamma_array.shape}"
        ) from None
    return first, gamma_array


def as_result(out: np.ndarray) -> np.ndarray:
    """``out``, or its numpy scalar when it is 0-d (scalar input gives a scalar, as in scipy)."""
    return out[()] if out.ndim == 0 else out


def groups(
    gamma: np.ndarray, kappa: np.ndarray, min_size: int = 1
) -> tuple[np.ndarray, Iterator[tuple[float, float, np.ndarray]]]:
    """Split the flat points by their pair (γ, κ): ``(few, large)`` where ``few`` are the flat
    indices of the points whose pair has fewer than ``min_size`` points, and ``large`` yields
    ``(γ, κ, flat indices)`` for each other pair.

    Sorts of integer keys (not ``np.unique(axis=0)``, 20× slower on 10⁵ pairs); no sort at
    all when every point has the same pair.
    """
    g, k = gamma.ravel(), kappa.ravel()
    if g.size == 0:
        return np.arange(0), iter(())
    if g.min() == g.max() and k.min() == k.max():
        if g.size < min_size:
            return np.arange(g.size), iter(())
        return np.arange(0), iter([(float(g[0]), float(k[0]), np.arange(g.size))])
    g_values, g_index = np.unique(g, return_inverse=True)
    k_values, k_index = np.unique(k, return_inverse=True)
    key = g_index.ravel() * k_values.size + k_index.ravel()
    labels, group, sizes = np.unique(key, return_inverse=True, return_counts=True)
    few = sizes[group] < min_size
    order = np.argsort(np.where(few, -1, group), kind="stable")[np.count_nonzero(few) :]

    def large() -> Iterator[tuple[float, float, np.ndarray]]:
        for sel in np.split(order, np.flatnonzero(np.diff(group[order])) + 1):
            if sel.size:
                index = labels[group[sel[0]]]
                yield float(g_values[index // k_values.size]), float(k_values[index % k_values.size]), sel

    return np.flatnonzero(few), large()

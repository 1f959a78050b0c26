"""Argument checks shared by the fitting functions (named ValueError/TypeError messages)."""

from __future__ import annotations

import math
from typing import Union

import numpy as np

RandomState = Union[None, int, np.random.Generator]

#: The documented domain of the fast path in γ (:data:`htmp_exact.fast.GAMMA_RANGE`).
GAMMA_RANGE = (1e-3, 1e3)
#: The κ range searched by the HTMP fits (:data:`htmp_exact.fast.KAPPA_RANGE`).
KAPPA_RANGE = (1e-2, 1e5)
#: Fewest positive values a fit accepts.
MIN_POINTS = 5


def real_float(value: object, name: str) -> float:
    """``value`` as a float, or a TypeError naming ``name`` if it is not a real number."""
    if isinstance(value, (bool, complex, np.complexfloating)) or not isinstance(
        value, (int, float, np.integer, np.floating)
    ):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
    return float(value)


def gamma_value(gamma: object) -> float:
    """γ as a float in :data:`GAMMA_RANGE`, or a named error."""
    g = real_float(gamma, "gamma")
    if not GAMMA_RANGE[0] <= g <= GAMMA_RANGE[1]:
        raise ValueError(
            f"gamma must lie in [{GAMMA_RANGE[0]:g}, {GAMMA_RANGE[1]:g}] (the fast path's domain), "
            f"got {gamma!r}"
        )
    return g


def level_value(level: object) -> float:
    """A confidence level in (0, 1), or a named error."""
    v = real_float(level, "level")
    if not 0 < v < 1:
        raise ValueError(f"level must lie in (0, 1), got {level!r}")
    return v


def positive_value(value: object, name: str) -> float:
    """A finite float > 0, or a named error."""
    v = real_float(value, name)
    if not (v > 0 and math.isfinite(v)):
        raise ValueError(f"{name} must lie in (0, inf), got {value!r}")
    return v


def count_value(value: object, name: str, minimum: int = 0) -> int:
    """An int >= ``minimum``, or a named error."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer >= {minimum}, got {type(value).__name__} {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


def generator(random_state: RandomState) -> np.random.Generator:
    """A numpy Generator from ``None`` (fresh entropy), an int seed or a Generator."""
    if isinstance(random_state, np.random.Generator):
        return random_state
    if random_state is None or (
        isinstance(random_state, (int, np.integer)) and not isinstance(random_state, bool)
    ):
        return np.random.default_rng(random_state)
    raise TypeError(
        "random_state must be None, an int seed or a numpy.random.Generator, "
        f"got {type(random_state).__name__}"
    )


def real_array(data: object, name: str = "data") -> np.ndarray:
    """A 1-D float array of finite values, or a TypeError (complex, non-numeric) or a ValueError
    (NaN, inf, empty)."""
    arr = np.asarray(data)
    if arr.dtype.kind == "c":
        raise TypeError(
            f"{name} must be real; got complex values (eigenvalues of a symmetric matrix are real: "
            "use numpy.linalg.eigvalsh, or take .real if the imaginary parts are rounding)"
        )
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be an array of real numbers, got dtype {arr.dtype}")
    x = arr.astype(float).ravel()
    if x.size == 0:
        raise ValueError(f"{name} is empty")
    bad = ~np.isfinite(x)
    if np.any(bad):
        raise ValueError(
            f"{name} must be finite; {int(bad.sum())} of {x.size} values are NaN or inf "
            f"(first at index {int(np.flatnonzero(bad)[0])})"
        )
    return x

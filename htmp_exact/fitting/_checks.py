"""Argument checks shared by the fitting functions (named ValueError/TypeError messages)."""

from __future__ import annotations

from typing import TypedDict

import numpy as np

from .._parameters import FAST_GAMMA, FAST_KAPPA

#: The κ range searched by the HTMP fits: the fast path's validated domain.
KAPPA_RANGE = (FAST_KAPPA.low, FAST_KAPPA.high)


class Sample(TypedDict, total=False):
    """How a spectrum is prepared for a fit (the keywords of :func:`fit_htmp`,
    :func:`fit_marchenko_pastur` and :func:`compare`).

    ``level``: confidence level of the profile-likelihood intervals (default 0.95);
    ``xmax``, ``exclude_top``, ``spikes``: truncation, at most one of them: leave out the
    values above ``xmax``, or the ``exclude_top`` largest, or (``spikes="auto"``) the outliers
    of the fitted bulk; ``zero_tol``: values with ``|x| <= zero_tol`` are zeros (default
    ``max|x|·N·ε``, as :func:`numpy.linalg.matrix_rank`), values below ``-zero_tol`` raise.
    """

    level: float
    xmax: float | None
    exclude_top: int
    spikes: str | None
    zero_tol: float | None


def sample_options(options: Sample) -> Sample:
    """The options with their defaults, or a TypeError naming an unknown keyword."""
    unknown = sorted(set(options) - set(Sample.__annotations__))
    if unknown:
        raise TypeError(f"unknown keyword {unknown[0]!r}; the fits take {', '.join(Sample.__annotations__)}")
    defaults: Sample = {"level": 0.95, "xmax": None, "exclude_top": 0, "spikes": None, "zero_tol": None}
    return {**defaults, **options}


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
    """γ as a float in the fast path's domain, or a named error."""
    g = real_float(gamma, "gamma")
    if not FAST_GAMMA.contains(g):
        raise ValueError(f"gamma must lie in {FAST_GAMMA} (the fast path's domain), got {gamma!r}")
    return g


def level_value(level: object) -> float:
    """A confidence level in (0, 1), or a named error."""
    v = real_float(level, "level")
    if not 0 < v < 1:
        raise ValueError(f"level must lie in (0, 1), got {level!r}")
    return v


def count_value(value: object, name: str, minimum: int = 0) -> int:
    """An int >= ``minimum``, or a named error."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer >= {minimum}, got {type(value).__name__} {value!r}")
    if value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    return int(value)


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

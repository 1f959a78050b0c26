r"""Zero eigenvalues: the atom of HTMP(γ, κ) and MP(γ) at 0 for γ > 1 (SPEC §2, §3).

For γ > 1 the laws put mass ``1 − 1/γ`` at 0: a Gram matrix ``WᵀW/n`` of an ``n × m``
matrix with ``m > n`` has ``m − n`` zero eigenvalues (its null space).  LAPACK returns
them as numbers of the order of ``max(λ)·m·ε``, of either sign.  The fits count every
value with ``|x| ≤ zero_tol`` as a zero, check the count against ``N(1 − 1/γ)`` and fit
(κ, scale) to the positive values, whose law is the continuous part conditioned on
``X > 0`` (the zeros carry no information on κ or the scale once γ is given).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ._checks import MIN_POINTS, real_array, real_float

_EPS = float(np.finfo(float).eps)


@dataclass(frozen=True)
class ZeroSummary:
    """How the zeros of a sample were counted.

    Attributes
    ----------
    zero_tol : float
        Values with ``|x| <= zero_tol`` were counted as zeros.
    n_total : int
        Size of the sample.
    n_zero : int
        Values counted as zeros (``n_negative`` of them were negative).
    n_negative : int
        Negative values within the tolerance (rounding of a null space).
    expected_zeros : float
        ``n_total·(1 − 1/γ)`` for γ > 1, else 0.
    consistent : bool
        ``|n_zero − expected_zeros|`` is at most ``max(1, 3·sd)`` with sd the binomial
        standard deviation ``√(N p (1 − p))``, ``p = 1 − 1/γ`` (for γ ≤ 1: no zero found).
    note : str
        A sentence for the user when the count is not what γ predicts, else ``""``.
    """

    zero_tol: float
    n_total: int
    n_zero: int
    n_negative: int
    expected_zeros: float
    consistent: bool
    note: str


def default_zero_tol(x: np.ndarray) -> float:
    r"""``max|x| · N · ε``, the tolerance of :func:`numpy.linalg.matrix_rank` written for eigenvalues.

    The eigenvalues of a symmetric ``N × N`` matrix computed by LAPACK carry absolute
    errors of order ``ε‖A‖`` times a modest function of ``N``; ``N·ε·max|λ|`` bounds them
    in practice (``max|λ|`` is ``‖A‖`` for a positive semi-definite matrix).
    """
    return float(np.max(np.abs(x))) * x.size * _EPS


def _zero_count_check(n_total: int, n_zero: int, gamma: float, has_atom: bool) -> tuple[float, bool, str]:
    if gamma <= 1 or not has_atom:
        if n_zero == 0:
            return 0.0, True, ""
        return (
            0.0,
            False,
            (
                f"{n_zero} of {n_total} values are zeros, but the law (gamma = {gamma:g}) has no "
                "atom at 0: they were left out of the likelihood (check gamma and the orientation: "
                "for the eigenvalues of W^T W / n, gamma is the number of columns over the number "
                "of rows of W)"
            ),
        )
    p = 1 - 1 / gamma
    expected = n_total * p
    slack = max(1.0, 3 * math.sqrt(n_total * p * (1 - p)))
    if abs(n_zero - expected) <= slack:
        return expected, True, ""
    return (
        expected,
        False,
        (
            f"{n_zero} of {n_total} values are zeros where gamma = {gamma:g} predicts "
            f"n(1 - 1/gamma) = {expected:.1f}: check gamma (and zero_tol)"
        ),
    )


def split_zeros(
    data: object, gamma: float, zero_tol: float | None = None, has_atom: bool = True
) -> tuple[np.ndarray, ZeroSummary]:
    """The positive values of ``data`` (sorted) and a :class:`ZeroSummary`; ``has_atom=False``
    for a law without an atom at 0 whatever γ (the inverse law).

    Raises
    ------
    TypeError
        ``data`` complex or not numeric.
    ValueError
        NaN or inf in ``data``, or values below ``-zero_tol`` (the message gives how many
        and the most negative), or a negative ``zero_tol``.
    """
    x = real_array(data)
    if zero_tol is None:
        tol = default_zero_tol(x)
    else:
        tol = real_float(zero_tol, "zero_tol")
        if not (tol >= 0 and math.isfinite(tol)):
            raise ValueError(f"zero_tol must be finite and >= 0, got {zero_tol!r}")
    negative = x < -tol
    if np.any(negative):
        raise ValueError(
            f"data has {int(negative.sum())} values below -zero_tol = {-tol:.3g} (the most negative is "
            f"{float(x.min()):.6g}); eigenvalues of a positive semi-definite matrix are >= 0 up to rounding "
            f"of order max(lambda)·N·eps = {default_zero_tol(x):.3g}: pass a larger zero_tol if these are "
            "rounding, or check the data"
        )
    zero = np.abs(x) <= tol
    n_zero = int(zero.sum())
    expected, consistent, note = _zero_count_check(x.size, n_zero, gamma, has_atom)
    summary = ZeroSummary(tol, int(x.size), n_zero, int((zero & (x < 0)).sum()), expected, consistent, note)
    return np.sort(x[~zero]), summary


def require_points(x: np.ndarray, zeros: ZeroSummary) -> None:
    """A ValueError unless ``x`` (the positive values) has at least :data:`MIN_POINTS` values."""
    if x.size < MIN_POINTS:
        raise ValueError(
            f"data has {x.size} positive values (of {zeros.n_total}; {zeros.n_zero} are zeros, "
            f"|x| <= zero_tol = {zeros.zero_tol:.3g}); at least {MIN_POINTS} are needed"
        )

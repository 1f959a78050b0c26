r"""From a weight or feature matrix to its spectrum, γ and a fit.

For ``W`` of shape ``(n, m)`` (n rows, m columns) the Gram matrices ``WᵀW`` (m × m) and
``WWᵀ`` (n × n) share their nonzero eigenvalues ``s_i²`` (``s_i``: singular values of W).
The conventions:

=============  ============================  ==========  =================================
``side``       eigenvalues of                γ           zeros (null space)
=============  ============================  ==========  =================================
``"columns"``  ``WᵀW / n``                   ``m / n``   ``m − n`` if m > n (γ > 1)
``"rows"``     ``WWᵀ / m``                   ``n / m``   ``n − m`` if n > m (γ > 1)
``"smaller"``  the smaller of the two        ``≤ 1``     none
=============  ============================  ==========  =================================

(``"smaller"``: the Gram matrix of the smaller dimension divided by the larger one, so
``γ = min(n, m)/max(n, m)``.)  The κ fitted depends on the side: by the duality of SPEC §3
the nonzero eigenvalues of the ``γ > 1`` side follow ``γ·HTMP(1/γ, κ/γ)``, so
``κ_smaller = κ_larger / γ_larger`` with the same scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.linalg

from ._htmp import fit_htmp
from ._results import HTMPFit

SIDES = ("smaller", "columns", "rows")
METHODS = ("svd", "eigh")


@dataclass(frozen=True, eq=False)
class Spectrum:
    """Eigenvalues of a normalised Gram matrix of ``W`` (see the module docstring).

    Attributes
    ----------
    eigenvalues : ndarray
        Sorted ascending, zeros of the null space included.
    gamma : float
        The aspect ratio that goes with them.
    shape : (int, int)
        ``W.shape``.
    side : str
        ``"columns"`` or ``"rows"`` (what ``"smaller"`` resolved to).
    """

    eigenvalues: np.ndarray
    gamma: float
    shape: tuple[int, int]
    side: str


def matrix_spectrum(w, side: str = "smaller", method: str = "svd") -> Spectrum:
    r"""The spectrum of ``WᵀW/n`` or ``WWᵀ/m`` of a real matrix ``W`` (n × m) and its γ.

    ``method="svd"``: ``λ_i = s_i²/n`` from the singular values (:func:`scipy.linalg.svdvals`,
    LAPACK ``gesdd``), with ``|m − n|`` exact zeros for the null space of the larger Gram
    matrix; the nonzero λ carry relative errors of order ε·κ(W)².  ``method="eigh"``:
    :func:`numpy.linalg.eigvalsh` of the Gram matrix (LAPACK ``syevd``); its null space
    comes out as values of order ``±max(λ)·m·ε``, which the fits count as zeros
    (``zero_tol``).

    Raises TypeError for a complex or non-numeric matrix, ValueError for a matrix that is
    not 2-D, has NaN/inf or a side of 0.
    """
    arr = np.asarray(w)
    if arr.dtype.kind == "c":
        raise TypeError("w must be a real matrix, got complex entries")
    if arr.dtype.kind not in "biuf":
        raise TypeError(f"w must be a real numeric matrix, got dtype {arr.dtype}")
    if arr.ndim != 2 or 0 in arr.shape:
        raise ValueError(f"w must be a 2-D matrix with both sides >= 1, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError("w must be finite (it has NaN or inf entries)")
    if side not in SIDES:
        raise ValueError(f"side must be one of {SIDES}, got {side!r}")
    if method not in METHODS:
        raise ValueError(f"method must be one of {METHODS}, got {method!r}")
    n, m = arr.shape
    if side == "smaller":
        side = "columns" if m <= n else "rows"
    a = arr.astype(float) if side == "columns" else arr.T.astype(float)
    rows, cols = a.shape  # eigenvalues of aᵀa / rows, γ = cols / rows
    if method == "svd":
        s = scipy.linalg.svdvals(a)
        lam = np.concatenate([np.zeros(max(cols - rows, 0)), s**2 / rows])
    else:
        lam = np.linalg.eigvalsh(a.T @ a / rows)
    return Spectrum(np.sort(lam), cols / rows, (n, m), side)


def fit_matrix(w, side: str = "smaller", method: str = "svd", **kwargs: Any) -> HTMPFit:
    """:func:`fit_htmp` on :func:`matrix_spectrum` ``(w, side, method)`` with its γ; ``kwargs``
    go to :func:`fit_htmp` (``level``, ``xmax``, ``exclude_top``, ``spikes``, ``zero_tol``).

    Examples
    --------
    >>> w = np.random.default_rng(0).standard_normal((400, 100))
    >>> fit = fit_matrix(w)                     # eigenvalues of WᵀW/400, γ = 1/4: MP
    >>> fit.gamma, bool(fit.kappa_ci[1] == np.inf)
    (0.25, True)
    """
    spectrum = matrix_spectrum(w, side, method)
    return fit_htmp(spectrum.eigenvalues, spectrum.gamma, **kwargs)

r"""β-Laguerre ensembles (Dumitriu–Edelman) and the high-temperature limit HTMP (SPEC §6).

The Dumitriu–Edelman model: ``B`` is ``n × n`` lower bidiagonal with independent

* diagonal ``χ_{2a}, χ_{2a−β}, …, χ_{2a−β(n−1)}``,
* sub-diagonal ``χ_{β(n−1)}, …, χ_β``,

(``χ_r² ~ chi-square(r)``, ``r`` real).  The eigenvalues of the tridiagonal
``L = B Bᵀ`` have joint density
``∝ Π_{i<j} |λ_i − λ_j|^β Π_i λ_i^{a − 1 − β(n−1)/2} e^{−λ_i/2}`` (needs
``2a > β(n − 1)``).  At high temperature, ``β = κ/n`` and ``a = c/γ = s``
(γ ≤ 1), the empirical spectral distribution of ``L / (2s)`` converges to
HTMP(γ, κ) (paper Theorem E.2, Algorithm 2).  For γ > 1 the duality of SPEC §3
is used: a fraction ``1 − 1/γ`` of exact zeros and ``γ`` times a spectrum of
HTMP(1/γ, κ/γ).

Eigenvalues come from LAPACK's ``dsterf`` (Pal–Walker–Kahan QR on the
tridiagonal, eigenvalues only, ``O(n²)``); no dense matrix is formed.  Their
error is ``O(ε‖L‖)`` in absolute terms: eigenvalues below about ``ε·max λ`` are not
resolved and come out as rounding noise or 0.  For ``α + 1 = c/γ − c`` near 0 (γ near 1
with small κ) HTMP has much mass there — about 17% below
``1e-15·max λ`` at γ = 0.9, κ = 0.02 — and the sampled spectrum is wrong near 0 (its
Kolmogorov distance to the law does not fall with n); elsewhere it converges.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy.linalg import eigvalsh_tridiagonal

from ._inputs import RandomState, float_points, generator, positive_float, shown

#: Largest matrix size and grid size accepted: eigenvalues cost O(n²) time (n = 10⁴ takes
#: about a second, n = 10⁶ would take hours).
MAX_SIZE = 10**6


def _size(n: object, name: str = "n", minimum: int = 1) -> int:
    """``n`` as an int, or a TypeError/ValueError naming ``name`` unless it is an integer in
    ``[minimum, MAX_SIZE]``."""
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, (int, np.integer)):
        raise TypeError(
            f"{name} must be an integer in [{minimum}, {MAX_SIZE}], got {type(n).__name__} {shown(n)}"
        )
    if not minimum <= n <= MAX_SIZE:
        raise ValueError(f"{name} must be an integer in [{minimum}, {MAX_SIZE}], got {shown(n)}")
    return int(n)


def beta_laguerre_bidiagonal(
    n: int, beta: float, a: float, random_state: RandomState = None
) -> tuple[np.ndarray, np.ndarray]:
    """Diagonal and sub-diagonal of the Dumitriu–Edelman bidiagonal ``B`` (SPEC §6).

    Returns ``(d, e)`` with ``d_i = χ_{2a − βi}`` (i = 0..n−1) and
    ``e_i = χ_{β(n−1−i)}`` (i = 0..n−2).  Requires ``2a > β(n − 1)``.
    """
    n = _size(n)
    beta, a = positive_float(beta, "beta"), positive_float(a, "a")
    if not 2 * a > beta * (n - 1):
        raise ValueError(f"need 2a > beta(n-1); got a={a!r}, beta={beta!r}, n={n}")
    gen = generator(random_state)
    d = np.sqrt(gen.chisquare(2 * a - beta * np.arange(n)))
    e = np.sqrt(gen.chisquare(beta * np.arange(n - 1, 0, -1))) if n > 1 else np.empty(0)
    return d, e


def beta_laguerre_eigenvalues(n: int, beta: float, a: float, random_state: RandomState = None) -> np.ndarray:
    """Sorted eigenvalues of ``L = B Bᵀ`` for the β-Laguerre ensemble (joint density in SPEC §6).

    ``L`` is tridiagonal with diagonal ``d_i² + e_{i−1}²`` and off-diagonal
    ``d_i e_i``; its eigenvalues come from LAPACK ``dsterf``, and the rare tiny
    negative ones (rounding, ``O(ε‖L‖)``) are set to 0, since ``L`` is positive semi-definite.

    >>> lam = beta_laguerre_eigenvalues(500, 1.0, 400.0, random_state=1)
    >>> bool(abs(lam.mean() / 800 - 1) < 0.01)      # E tr L = 2an
    True
    """
    d, e = beta_laguerre_bidiagonal(n, beta, a, random_state)
    diag = d**2
    diag[1:] += e**2
    if n == 1:
        return diag
    return np.maximum(eigvalsh_tridiagonal(diag, d[:-1] * e, lapack_driver="sterf"), 0.0)


def sample_htmp_spectrum(n: int, gamma: float, kappa: float, random_state: RandomState = None) -> np.ndarray:
    """``n`` sorted eigenvalues whose empirical law converges to HTMP(γ, κ) as n → ∞ (SPEC §6).

    γ ≤ 1: eigenvalues of the β-Laguerre ensemble with ``β = κ/n``,
    ``a = s = κ/(2γ)``, divided by ``2s``.  γ > 1: ``round(n(1 − 1/γ))`` exact
    zeros (the atom) and ``γ`` times a sample of HTMP(1/γ, κ/γ) of the remaining
    size (the duality of SPEC §3).  ``random_state``: None, a seed, or a numpy Generator.

    >>> x = sample_htmp_spectrum(2000, 0.25, 6.0, random_state=0)
    >>> bool(abs(x.mean() - 1) < 0.01), bool(abs((x**2).mean() - 4/3) < 0.03)   # m1, m2 (SPEC §5)
    (True, True)
    """
    n = _size(n)
    gamma, kappa = positive_float(gamma, "gamma"), positive_float(kappa, "kappa")
    gen = generator(random_state)
    if gamma > 1:
        zeros = int(round(n * (1 - 1 / gamma)))
        if zeros == n:
            return np.zeros(n)
        nonzero = gamma * sample_htmp_spectrum(n - zeros, 1 / gamma, kappa / gamma, gen)
        return np.concatenate([np.zeros(zeros), nonzero])
    s = kappa / (2 * gamma)
    return beta_laguerre_eigenvalues(n, kappa / n, s, gen) / (2 * s)


def kolmogorov_distance(
    sample: np.ndarray, cdf: Callable[[float], float], grid_size: int = 400
) -> tuple[float, float]:
    """Bounds ``(lower, upper)`` on ``sup_x |F_n(x) − F(x)|`` from ``grid_size`` evaluations of ``cdf``.

    ``F_n`` is the empirical CDF of ``sample``; ``cdf`` is any non-decreasing
    CDF (e.g. the exact path's).  ``F`` is evaluated at sample quantiles; on each
    gap between grid points both functions are monotone, which gives the upper
    bound.  The two bounds differ by at most the largest F-increment between grid points.
    """
    xs = np.sort(float_points(sample, "sample").ravel())
    n = xs.size
    if n == 0 or not np.all(np.isfinite(xs)):
        raise ValueError(
            f"sample must be a non-empty array of finite numbers, got {n} values"
            f"{'' if n == 0 else ' with NaN or inf'}"
        )
    _size(grid_size, "grid_size", 2)
    grid = np.unique(np.quantile(xs, np.linspace(0, 1, grid_size)))
    f = np.array([float(cdf(x)) for x in grid])
    f_left = float(cdf(np.nextafter(grid[0], -np.inf)))  # F just below the sample (an atom at 0)
    above = np.searchsorted(xs, grid, side="right") / n  # F_n(x)
    below = np.searchsorted(xs, grid, side="left") / n  # F_n(x−)
    lower = float(np.max(np.abs(above - f)))
    # on (g_j, g_{j+1}): F_n ∈ [F_n(g_j), F_n(g_{j+1}−)], F ∈ [F(g_j), F(g_{j+1})]
    # below the smallest grid point F_n = 0, above the largest F_n = 1
    gaps = np.concatenate([below[1:] - f[:-1], f[1:] - above[:-1], [f_left, 1.0 - f[-1]]])
    return lower, float(max(lower, np.max(gaps)))

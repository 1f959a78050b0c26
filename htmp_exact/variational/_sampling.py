r"""Many draws of the Laguerre β-ensemble with a fixed one-body weight, at once (SPEC §6, §9).

The family (G.2) of SPEC §9 is ``p_β(λ) ∝ |Δ(λ)|^β Π_i λ_i^{a'} e^{−λ_i/2}`` with the shape
``a'`` fixed and β free.  In the Dumitriu–Edelman model (SPEC §6) the exponent of ``λ_i`` is
``a − 1 − β(N−1)/2``, so ``a = a' + 1 + β(N − 1)/2`` moves with β: the diagonal of ``B`` is
``χ_{2a'+2+β(N−1−i)}`` (i = 0..N−1) and its sub-diagonal ``χ_{β(N−1−i)}`` (i = 0..N−2).  At
β = 0 the sub-diagonal vanishes and the eigenvalues are independent Gamma(a' + 1, scale 2)
variables.  The chi variables of all draws are drawn in one call; the eigenvalues of each
tridiagonal ``B Bᵀ`` come from LAPACK ``dsterf`` (eigenvalues only, ``O(N²)``).
"""

from __future__ import annotations

import numpy as np
from scipy.linalg.lapack import dsterf

from .._inputs import RandomState, generator
from ._structures import check_float, check_int

__all__ = ["laguerre_batch", "random_labels"]


def _chi(df: np.ndarray, shape: tuple, gen: np.random.Generator) -> np.ndarray:
    """χ variables with ``df`` degrees of freedom (broadcast to ``shape``); χ_0 = 0."""
    df = np.broadcast_to(df, shape)
    out = np.zeros(shape)
    positive = df > 0
    out[positive] = np.sqrt(2.0 * gen.standard_gamma(df[positive] / 2.0))
    return out


def laguerre_batch(
    n: int, beta: float, shape: float, size: int, random_state: RandomState = None
) -> np.ndarray:
    r"""``size`` independent draws of the Laguerre β-ensemble with weight ``λ^{shape} e^{−λ/2}``.

    Joint density of each row (sorted increasingly)

    .. math:: p_\beta(\lambda) \propto \prod_{i<j} |\lambda_i - \lambda_j|^\beta
              \prod_i \lambda_i^{a'} e^{-\lambda_i/2}, \qquad a' = \text{shape} > -1,\ \beta \ge 0,

    sampled exactly (Dumitriu–Edelman, SPEC §6, with ``a = a' + 1 + β(n − 1)/2``).  Eigenvalues
    by LAPACK ``dsterf``: absolute error ``O(ε‖B Bᵀ‖)``.

    Returns
    -------
    ndarray of shape ``(size, n)``

    >>> lam = laguerre_batch(3, 0.0, 1.5, 20000, random_state=0)   # β = 0: iid Gamma(2.5, scale 2)
    >>> bool(abs(lam.mean() - 5.0) < 0.05)
    True
    """
    n, size = check_int(n, "n", 1, 10**4), check_int(size, "size", 1, 10**8)
    beta = check_float(beta, "beta", 0.0, np.inf, "[)")
    shape = check_float(shape, "shape", -1.0, np.inf)
    gen = generator(random_state)
    steps = np.arange(n - 1, -1, -1, dtype=float)  # N − 1 − i
    d = _chi(2.0 * shape + 2.0 + beta * steps, (size, n), gen)
    e = _chi(beta * steps[:-1], (size, n - 1), gen)
    diagonal = d**2
    diagonal[:, 1:] += e**2
    off = d[:, :-1] * e
    lam = np.empty((size, n))
    for row in range(size):
        values, info = dsterf(diagonal[row], off[row])
        if info != 0:
            raise RuntimeError(f"LAPACK dsterf failed (info = {info}) on a Laguerre tridiagonal, n = {n}")
        lam[row] = values
    return np.maximum(lam, 0.0)


def random_labels(lam: np.ndarray, gen: np.random.Generator) -> np.ndarray:
    """Each row of ``lam`` in a uniformly random order (the labelling of SPEC §9)."""
    return gen.permuted(lam, axis=-1)

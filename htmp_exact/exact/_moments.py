r"""Exact moments of HTMP(γ, κ) from its Jacobi matrix (SPEC §5, paper Proposition E.4).

In the variable ``y = s x`` the law is the orthogonality measure of the
associated Laguerre polynomials, with recurrence coefficients

``b_0 = c + α + 1 = s``, ``b_n = 2n + 2c + α + 1``, ``a_n^2 = (n + c)(n + c + α)``,

so ``m_k(y) = (J^k)_{00}`` and ``m_k = m_k(y) / s^k``.  Only the products
``a_n^2`` enter ``(J^k)_{00}``, so the computation is rational: exact
:class:`flint.fmpq` for rational γ, κ (O(k²) operations; k = 100 takes
milliseconds), a ball for :class:`flint.arb` parameters.
"""
from __future__ import annotations

import operator
from typing import Union

from flint import arb, fmpq

from .._inputs import RealInput, shown
from .._parameters import HTMPParams


#: Largest moment order computed: the exact rationals grow like k² digits and the recurrence
#: costs O(k²) operations on them (k = 1000 takes about 3 s, k = 2000 thirty).
MAX_ORDER = 1000


def check_order(k: object) -> int:
    """Validate a moment order: an integer ``0 <= k <=`` :data:`MAX_ORDER`."""
    if isinstance(k, bool):
        raise TypeError(f"k must be an integer in [0, {MAX_ORDER}], got bool {shown(k)}")
    try:
        order = operator.index(k)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"k must be an integer in [0, {MAX_ORDER}], got {type(k).__name__} {shown(k)}") from None
    if not 0 <= order <= MAX_ORDER:
        raise ValueError(f"k must be an integer in [0, {MAX_ORDER}], got {shown(k)}")
    return order


def jacobi_moment(k: int, b, a2):
    """``(J^k)_{00}`` for the Jacobi matrix with diagonal ``b(n)`` and squared off-diagonal ``a2(n)``.

    Uses the similar matrix with super-diagonal 1 and sub-diagonal ``a2(n)``
    (same ``(0,0)`` entry of every power); only rows ``n <= k/2`` matter.
    """
    size = k // 2 + 1
    diag = [b(n) for n in range(size)]
    sub = [a2(n) for n in range(1, size)]  # sub[n-1] = a_n^2
    vec = [diag[0] * 0 + 1] + [diag[0] * 0] * (size - 1)
    # vec = e_0^T J'^j, row vector; J' has J'[n][n] = b_n, J'[n][n+1] = a_{n+1}^2, J'[n+1][n] = 1
    for step in range(k):
        top = min(size - 1, step + 1, k - step)
        new = [None] * size
        for n in range(top + 1):
            v = vec[n] * diag[n]
            if n > 0:
                v += vec[n - 1] * sub[n - 1]
            if n + 1 < size:
                v += vec[n + 1]
            new[n] = v
        for n in range(top + 1, size):
            new[n] = vec[n] * 0
        vec = new
    return vec[0]


def moment(k: int, gamma: RealInput, kappa: RealInput) -> Union[fmpq, arb]:
    r"""The ``k``-th moment :math:`m_k = E[X^k]` of HTMP(γ, κ), exact when γ, κ are rational.

    ``m_0 = 1`` (the atom included), ``m_1 = 1``, ``m_2 = 1 + γ + 2γ/κ`` (SPEC §5).

    >>> from htmp_exact import exact
    >>> exact.moment(2, "0.5", 4)   # 1 + γ + 2γ/κ
    7/4
    """
    order = check_order(k)
    p = HTMPParams.from_inputs(gamma, kappa)
    if order == 0:
        return fmpq(1) if p.exact else arb(1)
    c, s = p.c, p.s
    value = jacobi_moment(order, lambda n: s if n == 0 else 2 * n + c + s,
                          lambda n: (n + c) * (n + s - 1))
    return value / s ** order

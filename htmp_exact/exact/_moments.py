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
        raise TypeError(
            f"k must be an integer in [0, {MAX_ORDER}], got {type(k).__name__} {shown(k)}"
        ) from None
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


def moment(k: int, gamma: RealInput, kappa: RealInput) -> fmpq | arb:
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
    value = jacobi_moment(order, lambda n: s if n == 0 else 2 * n + c + s, lambda n: (n + c) * (n + s - 1))
    return value / s**order


def inverse_moment(k: int, gamma: RealInput, kappa: RealInput) -> fmpq | arb:
    r"""The negative moment :math:`E[X^{-k}]` of HTMP(γ, κ): finite exactly when ``k < α + 1``
    (so only for γ < 1), ``+inf`` otherwise; exact when γ, κ are rational.

    Near ``z = 0`` the connection formula (DLMF 13.2.42) splits ``U(c, -α, w)`` into
    ``Γ(1+α)/Γ(s) M(c, -α, w)`` and a term of order ``w^(1+α)``, so the Stieltjes transform
    (SPEC §4) is, up to a term of order ``z^α``,

    .. math:: S(z) = \frac{s}{\alpha}\, \frac{M(c+1, 1-\alpha, -s z)}{M(c, -\alpha, -s z)},

    and :math:`S(z) = \sum_j E[X^{-j-1}] z^j` gives the moments of order below ``α + 1`` as
    the Taylor coefficients of that ratio of Kummer series (DLMF 13.2.2).  For example
    ``E[1/X] = s/α``, which tends to MP's ``1/(1 - γ)`` as κ → ∞.  The law of ``λ = 1/X``
    (:class:`~htmp_exact.distributions.inverse_htmp`) has these as its moments.

    >>> from htmp_exact import exact
    >>> exact.inverse_moment(1, "0.5", 4)      # s/α = 4/1
    4
    >>> exact.inverse_moment(2, "0.5", 4).is_finite()     # k = 2 = α + 1: the power-law tail of 1/X
    False
    """
    order = check_order(k)
    p = HTMPParams.from_inputs(gamma, kappa)
    exact_rational = p.exact
    if order == 0:
        return fmpq(1) if exact_rational else arb(1)
    margin = p.alpha + 1 - order  # the moment is finite exactly when k < α + 1
    if not (margin > 0 or margin <= 0):
        raise ValueError(
            f"k = {order} and alpha + 1 = {p.alpha + 1}: the balls cannot decide whether the "
            "moment is finite; give gamma and kappa exactly"
        )
    if not margin > 0:
        return arb.pos_inf()
    c, alpha, s = p.c, p.alpha, p.s
    one = fmpq(1) if exact_rational else arb(1)
    numerator, denominator = [one], [one]  # Kummer series of M(c+1, 1-α, w) and M(c, -α, w)
    for n in range(1, order):
        numerator.append(numerator[-1] * (c + n) / ((1 - alpha + n - 1) * n))
        denominator.append(denominator[-1] * (c + n - 1) / ((-alpha + n - 1) * n))
    quotient = [one]
    for n in range(1, order):
        quotient.append(
            numerator[n] - sum((denominator[i] * quotient[n - i] for i in range(1, n + 1)), one * 0)
        )
    return s / alpha * quotient[order - 1] * (-s) ** (order - 1)

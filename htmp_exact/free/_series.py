r"""Moments of ``μ ⊠ ν`` from the S-transform series (SPEC §10), in exact rationals when possible.

With ``ψ(z) = Σ_{k≥1} m_k z^k`` (SPEC §10: ``ψ_μ(z) = ∫ zx/(1 − zx) μ(dx)``), its compositional
inverse ``χ`` and ``S(w) = χ(w)(1 + w)/w``, multiplicativity ``S_{μ⊠ν} = S_μ S_ν`` reads
``χ_{μ⊠ν}(w) = χ_μ(w) χ_ν(w) (1 + w)/w``; reverting that series gives ``ψ_{μ⊠ν}``, whose
coefficients are the moments.  Series reversion by Lagrange inversion,
``[w^n] f^{⟨−1⟩} = [z^{n−1}] (z/f(z))^n / n``.  All operations are field operations, so
:class:`fractions.Fraction` inputs give exact moments and floats give floats.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Union

Number = Union[Fraction, float]


def as_rational(value: object, name: str) -> Fraction:
    """An exact rational for ``value``: ints, Fractions, ``"p/q"`` or decimal strings exactly; a
    float as the simplest fraction that rounds to it (0.1 → 1/10, 1/3 → 1/3), else its binary value."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a real number, got bool {value!r}")
    if hasattr(value, "p") and hasattr(value, "q"):  # flint.fmpq
        return Fraction(int(value.p), int(value.q))
    if isinstance(value, (int, Fraction, str)):
        try:
            return Fraction(value)
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"{name}: cannot read {value!r} as a rational number") from None
    number = float(value)  # type: ignore[arg-type]
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite, got {value!r}")
    simple = Fraction(number).limit_denominator(10**9)
    return simple if float(simple) == number else Fraction(number)


def _multiply(a: Sequence[Number], b: Sequence[Number], order: int) -> list[Number]:
    """Product of two power series (coefficient lists from z^0), truncated after z^order."""
    zero = a[0] * 0
    out = [zero] * (order + 1)
    for i, ai in enumerate(a[: order + 1]):
        if ai:
            for j, bj in enumerate(b[: order + 1 - i]):
                out[i + j] += ai * bj
    return out


def _reciprocal(a: Sequence[Number], order: int) -> list[Number]:
    """``1/a(z)`` to order ``order`` (``a[0] ≠ 0``)."""
    out: list[Number] = [1 / a[0]]
    for n in range(1, order + 1):
        out.append(-sum((a[j] * out[n - j] for j in range(1, min(n, len(a) - 1) + 1)), a[0] * 0) / a[0])
    return out


def revert(f: Sequence[Number], order: int) -> list[Number]:
    """Compositional inverse of ``f(z) = Σ_{k≥1} f[k] z^k`` (``f[0] = 0``, ``f[1] ≠ 0``) to ``order``."""
    h = _reciprocal(list(f[1:]), order)  # z/f(z)
    out = [f[1] * 0]
    power = [f[1] * 0 + 1]
    for n in range(1, order + 1):
        power = _multiply(power, h, order)  # (z/f)^n
        out.append(power[n - 1] / n)
    return out


def product_moments(mu: Sequence[Number], nu: Sequence[Number]) -> list[Number]:
    """Moments ``m_0..m_K`` of ``μ ⊠ ν`` from those of μ and ν (lists ``m_0 = 1, …, m_K``).

    >>> product_moments([1, 1, 2], [Fraction(1), Fraction(3), Fraction(9)])   # ⊠ δ_3: m_k(μ)·3^k
    [Fraction(1, 1), Fraction(3, 1), Fraction(18, 1)]
    """
    mu, nu = ([Fraction(m) if isinstance(m, int) else m for m in seq] for seq in (mu, nu))
    order = min(len(mu), len(nu)) - 1
    if order == 0:
        return [mu[0] * nu[0]]
    chi_mu, chi_nu = (
        revert([m * 0 for m in mu[:1]] + list(mu[1:]), order),
        revert([m * 0 for m in nu[:1]] + list(nu[1:]), order),
    )
    # χ_μ χ_ν starts at w², so (1 + w)/w keeps it a series starting at w
    product = _multiply(chi_mu, chi_nu, order + 1)
    shifted = product[1:] + [product[0] * 0]
    chi = [a + b for a, b in zip(shifted, [shifted[0] * 0] + shifted[:-1])]
    psi = revert(chi[: order + 1], order)
    return [mu[0] * nu[0]] + psi[1:]


def inverse_htmp_moments(order: int, gamma: Fraction, kappa: Fraction) -> list[Number]:
    r"""``E[X^{−k}]``, k = 0..order, for X ~ HTMP(γ, κ), γ < 1: exact where finite (k < α + 1), inf beyond.

    From ``S(z) = s U(c+1, 1−α, −sz)/U(c, −α, −sz)`` (SPEC §4) and the small-z expansion of U
    (DLMF 13.2.42 with the ``z^{1−b}`` terms, of order ``z^α`` and beyond, left out):
    ``S(z) = (s/α) M(c+1, 1−α, −sz)/M(c, −α, −sz) + O(z^α)``, while
    ``S(z) = Σ_j E[X^{−j−1}] z^j`` for ``j < α``.  M is Kummer's series (DLMF 13.2.2).

    >>> inverse_htmp_moments(1, Fraction(1, 2), Fraction(10))[1]   # E[1/X] = s/α = c/(γα)
    Fraction(5, 2)
    """
    c = kappa / 2
    s = c / gamma
    alpha = c * (1 / gamma - 1) - 1
    finite = [k for k in range(1, order + 1) if k < alpha + 1]
    out: list[Number] = [Fraction(1)] + [math.inf] * order
    if not finite:
        return out
    terms = max(finite) - 1  # the order in z needed; (b)_n ≠ 0 for these n even at integer α

    def kummer(a: Fraction, b: Fraction) -> list[Fraction]:
        coefficients, term = [Fraction(1)], Fraction(1)
        for n in range(terms):
            term = term * (a + n) / (b + n) * (-s) / (n + 1)
            coefficients.append(term)
        return coefficients

    ratio = _multiply(kummer(c + 1, 1 - alpha), _reciprocal(kummer(c, -alpha), terms), terms)
    for k in finite:
        out[k] = s / alpha * ratio[k - 1]
    return out

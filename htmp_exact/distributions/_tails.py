"""The exact power-law and exponential tail exponents of HTMP(γ, κ) and of its inverse (SPEC §3)."""

from __future__ import annotations

from dataclasses import dataclass

from .._inputs import positive_float
from .._parameters import HTMPParams

__all__ = ["TailExponents", "tail_exponents"]


@dataclass(frozen=True)
class TailExponents:
    """Exact power-law exponents (SPEC §3, Theorem 4.3) of HTMP(γ, κ) and of λ = 1/X.

    * ``htmp_at_zero``: p(x) ~ C x^e as x → 0 (e = α for γ < 1, −α − 2 for γ > 1; at
      γ = 1 e = −1 with logarithmic corrections);
    * ``htmp_upper_rate``, ``htmp_upper_power``: p(x) ~ C x^power e^(−rate·x) as x → ∞
      (rate s, power α + 2c);
    * ``inverse_upper``: q(λ) ~ C λ^(−e) as λ → ∞ for the inverse law (e = α + 2 for γ ≤ 1,
      −α for γ > 1, where the continuous part is meant): the heavy tail of the
      feature-matrix eigenvalues.
    """

    htmp_at_zero: float
    htmp_upper_rate: float
    htmp_upper_power: float
    inverse_upper: float


def tail_exponents(gamma: float, kappa: float) -> TailExponents:
    """The exponents of :class:`TailExponents` for HTMP(γ, κ) (c, α, s of SPEC §3 in floats).

    >>> tail_exponents(0.5, 4.0).inverse_upper       # α + 2 = (κ/2)(1/γ − 1) + 1
    3.0
    """
    p = HTMPParams.of(positive_float(gamma, "gamma"), positive_float(kappa, "kappa"))
    below_one = p.gamma <= 1
    return TailExponents(
        htmp_at_zero=p.alpha if below_one else -p.alpha - 2,
        htmp_upper_rate=p.s,
        htmp_upper_power=p.alpha + 2 * p.c,
        inverse_upper=p.alpha + 2 if below_one else -p.alpha,
    )

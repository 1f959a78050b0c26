"""The parameters of the laws, declared once: domains, the derived HTMP parameters, the duality
and the Marchenko–Pastur edges (SPEC §2–§3).

* ``c = κ/2``, ``alpha = c(1/γ − 1) − 1``, ``s = c/γ``, so ``c + alpha + 1 = s`` (SPEC §3);
  the density in ``y = s x`` involves Tricomi's ``U(c, −alpha, y e^{iπ})``, and ``b = −alpha``.
* Duality (SPEC §3): for γ > 1 the continuous part of HTMP(γ, κ), renormalised, is the law
  of ``γ X'`` with ``X' ~ HTMP(1/γ, κ/γ)``.
* MP edges ``λ± = (1 ± √γ)²`` (SPEC §2), with ``λ− = ((1 − γ)/(1 + √γ))²`` free of
  cancellation near γ = 1.

The formulas are written once and serve every number type the package uses: exact
:class:`flint.fmpq`, :class:`flint.arb` balls and float64 (scalars or numpy arrays).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from flint import arb, fmpq

from ._inputs import Real, is_exact, to_positive

__all__ = [
    "Interval",
    "GAMMA",
    "KAPPA",
    "FAST_GAMMA",
    "FAST_KAPPA",
    "FAST_MP_GAMMA",
    "EXACT_MAX_S",
    "HTMPParams",
    "gamma_above_one",
    "mp_edges",
    "atom_mass",
    "float_atom",
]


@dataclass(frozen=True)
class Interval:
    """The valid range of a parameter, ``low < value <= high`` or ``low <= value <= high``."""

    name: str
    low: float
    high: float
    low_open: bool = True

    def __str__(self) -> str:
        left, right = "(" if self.low_open else "[", ")" if math.isinf(self.high) else "]"
        return f"{left}{self.low:g}, {self.high:g}{right}"

    def contains(self, value: float) -> bool:
        above = value > self.low if self.low_open else value >= self.low
        return bool(above and value <= self.high)


#: The laws' parameters: any γ > 0 and κ > 0 (the certified path accepts them all).
GAMMA = Interval("gamma", 0.0, math.inf)
KAPPA = Interval("kappa", 0.0, math.inf)

#: The certified kernels are validated for ``max(c, s) <= EXACT_MAX_S`` (``s`` of the γ ≤ 1 law
#: that carries HTMP(γ, κ), which is ``c = κ/2`` for γ > 1): beyond, Arb's U and the contour
#: integral need more than the precision cap in the bulk.
EXACT_MAX_S = 1e8

#: The domain on which the float64 fast path is validated against the certified path.
FAST_GAMMA = Interval("gamma", 1e-3, 1e3, low_open=False)
FAST_KAPPA = Interval("kappa", 1e-2, 1e5, low_open=False)
#: MP(γ) in float64 (closed forms): validated for these γ (beyond, its Stieltjes transform overflows).
FAST_MP_GAMMA = Interval("gamma", 1e-300, 1e300, low_open=False)


def check_fast_domain(gamma: np.ndarray, kappa: np.ndarray) -> None:
    """``ValueError`` naming the first pair (γ, κ) outside :data:`FAST_GAMMA` × :data:`FAST_KAPPA`."""
    outside = (
        (gamma < FAST_GAMMA.low)
        | (gamma > FAST_GAMMA.high)
        | (kappa < FAST_KAPPA.low)
        | (kappa > FAST_KAPPA.high)
    )
    if np.any(outside):
        index = np.flatnonzero(outside.ravel())[0]
        raise ValueError(
            f"(gamma, kappa) = ({float(gamma.ravel()[index])!r}, {float(kappa.ravel()[index])!r}) is outside "
            f"the fast path's validated domain gamma in {FAST_GAMMA}, kappa in {FAST_KAPPA}; "
            "use htmp_exact.exact there"
        )


@dataclass(frozen=True)
class HTMPParams:
    """Derived parameters of HTMP(γ, κ), SPEC §3, in the number type of γ and κ.

    ``c = κ/2``, ``alpha = c(1 − γ)/γ − 1`` (= ``c(1/γ − 1) − 1``, formed without rounding 1/γ
    in floats), ``s = c/γ``.  Exact (:class:`fmpq`) whenever γ and κ are.
    """

    gamma: Any
    kappa: Any
    c: Any
    alpha: Any
    s: Any

    @classmethod
    def of(cls, gamma: Any, kappa: Any) -> HTMPParams:
        """The derived parameters of numbers γ, κ (fmpq, arb or float), unchecked."""
        c = kappa / 2
        return cls(gamma=gamma, kappa=kappa, c=c, alpha=c * (1 - gamma) / gamma - 1, s=c / gamma)

    @classmethod
    def from_inputs(cls, gamma: object, kappa: object) -> HTMPParams:
        """Exact parameters from user inputs (see :func:`htmp_exact._inputs.to_real`), checked > 0."""
        return cls.of(to_positive(gamma, "gamma"), to_positive(kappa, "kappa"))

    @property
    def exact(self) -> bool:
        return is_exact(self.gamma) and is_exact(self.kappa)

    def within_exact_range(self) -> bool:
        """Whether ``max(c, s) <= EXACT_MAX_S``, the range of the certified kernels."""
        return bool(max(arb(self.c), arb(self.s)) <= EXACT_MAX_S)

    def dual(self) -> HTMPParams:
        """Parameters of HTMP(1/γ, κ/γ), the dual law (SPEC §3, duality)."""
        return HTMPParams.of(1 / self.gamma, self.kappa / self.gamma)


def gamma_above_one(gamma: Real) -> bool:
    """Whether γ > 1, decided certainly (a ball straddling 1 is rejected)."""
    if isinstance(gamma, fmpq):
        return bool(gamma > 1)
    if gamma > 1:
        return True
    if gamma <= 1:
        return False
    raise ValueError(
        f"gamma ball {gamma} contains 1: the law has an atom for gamma > 1 and none "
        "for gamma <= 1, so gamma must be given exactly or with a ball excluding 1"
    )


def atom_mass(gamma: Any) -> Any:
    """The mass ``1 − 1/γ`` of the atom at 0 for γ > 1 (SPEC §2–§3); the caller decides γ > 1."""
    return 1 - 1 / gamma


def float_atom(gamma: Any) -> Any:
    """``max(0, 1 − 1/γ)`` for float γ: a float, or an array for an array γ."""
    g = np.asarray(gamma, dtype=float)
    value = np.where(g > 1, atom_mass(np.where(g > 1, g, 1.0)), 0.0)
    return float(value) if value.ndim == 0 else value


def mp_edges(gamma: Any, sqrt: Callable[[Any], Any] = arb.sqrt) -> tuple[Any, Any]:
    """``(λ−, λ+)`` of MP(γ): ``λ− = ((1 − γ)/(1 + √γ))²`` (no cancellation near γ = 1),
    ``λ+ = (1 + √γ)²``; ``sqrt`` is the square root of γ's number type (``numpy.sqrt`` for
    floats and arrays)."""
    root = sqrt(gamma)
    return ((1 - gamma) / (1 + root)) ** 2, (1 + root) ** 2

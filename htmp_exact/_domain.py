"""Parameter domains, input conversion and the derived HTMP parameters (SPEC §3).

One place declares what the package accepts:

* ``gamma`` (γ) and ``kappa`` (κ): real, finite, ``> 0``;
* ``x``: real and finite (the laws live on ``[0, ∞)``; ``x < 0`` is allowed and
  gives pdf 0, cdf 0);
* ``z`` for Stieltjes transforms: complex, finite, off the support ``[0, ∞)``
  (:func:`to_off_support`; parts kept exact like reals).

The float APIs (fast path, ensembles, distributions) take plain floats, checked by
:func:`positive_float`, and random generators through :func:`generator`.

Exact inputs are kept exact: ``int``, :class:`fractions.Fraction`, decimal
strings such as ``"0.01"`` or ``"1e-9"`` (read as the exact decimal) and
:class:`decimal.Decimal`, rational strings such as ``"1/3"``,
:class:`flint.fmpq`, ``float`` and :class:`mpmath.mpf` (their exact binary
value) all become :class:`flint.fmpq`.  An inexact :class:`flint.arb` ball is
kept as a ball.  Exactness matters: with rational γ and κ the parameter
``b = -α`` is an exact rational, so an integer ``b`` (γ = 1, or γ = 1/5 with
κ = 8000) reaches Arb as an exact integer and the logarithmic limit of
Tricomi's U is taken correctly (SPEC §8).
"""
from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Union

import flint
from flint import arb, fmpq, fmpz

import mpmath
import numpy as np

Real = Union[arb, fmpq]
RealInput = Union[int, float, str, Fraction, fmpq, fmpz, arb, "mpmath.mpf"]


def to_real(value: object, name: str) -> Real:
    """Convert a real input to an exact :class:`fmpq` (or keep an :class:`arb` ball).

    Raises ``TypeError`` for non-real inputs (complex, None, arrays) and
    ``ValueError`` for NaN, infinities and unparsable strings, naming ``name``.
    """
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a real number, got bool {value!r}")
    if isinstance(value, fmpq):
        return value
    if isinstance(value, (int, fmpz)):
        return fmpq(int(value))
    if isinstance(value, Fraction):
        return fmpq(value.numerator, value.denominator)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{name} must be finite, got {value!r}")
        num, den = value.as_integer_ratio()
        return fmpq(num, den)
    if isinstance(value, str):
        if "/" in value:
            try:
                ratio = Fraction(value.strip())
            except (ValueError, ZeroDivisionError):
                raise ValueError(f"{name}: cannot read {value!r} as a rational p/q") from None
            return fmpq(ratio.numerator, ratio.denominator)
        try:
            value = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"{name}: cannot read {value!r} as a decimal number") from None
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{name} must be finite, got {value!r}")
        num, den = value.as_integer_ratio()
        return fmpq(num, den)
    if isinstance(value, arb):
        if not value.is_finite():
            raise ValueError(f"{name} must be a finite ball, got {value}")
        if value.is_exact():
            man, exp = value.mid().man_exp()
            man, exp = int(man), int(exp)
            return fmpq(man * 2**exp) if exp >= 0 else fmpq(man, 2**-exp)
        return value
    if isinstance(value, mpmath.mpf):
        if not mpmath.isfinite(value):
            raise ValueError(f"{name} must be finite, got {value!r}")
        sign, man, exp, _ = value._mpf_
        num = -int(man) if sign else int(man)
        return fmpq(num * 2**exp) if exp >= 0 else fmpq(num, 2**-exp)
    if isinstance(value, (complex, flint.acb, mpmath.mpc)):
        raise TypeError(f"{name} must be real, got complex {value!r}")
    if isinstance(value, numbers.Rational):
        return fmpq(int(value.numerator), int(value.denominator))
    if isinstance(value, numbers.Real):  # numpy floating scalars and the like
        return to_real(float(value), name)
    raise TypeError(
        f"{name} must be a real number (int, float, Fraction, Decimal, decimal or p/q str, "
        f"fmpq, arb or mpf), got {type(value).__name__} {value!r}"
    )


@dataclass(frozen=True)
class ComplexPoint:
    """A complex argument with parts kept as :func:`to_real` keeps reals (exact :class:`fmpq`
    where the input is exact), so that the ball is formed at each working precision."""

    real: Real
    imag: Real

    def ball(self) -> "flint.acb":
        """The point as an :class:`flint.acb` at the current precision."""
        return flint.acb(arb(self.real), arb(self.imag))

    def conjugate(self) -> "ComplexPoint":
        return ComplexPoint(self.real, -self.imag)

    @property
    def exact(self) -> bool:
        return is_exact(self.real) and is_exact(self.imag)


def to_complex(value: object, name: str) -> ComplexPoint:
    """Convert a complex input (Python ``complex``, :class:`flint.acb`, :class:`mpmath.mpc`,
    or any real input of :func:`to_real`) to a :class:`ComplexPoint`.

    Raises ``TypeError`` for other types and ``ValueError`` for non-finite parts, naming ``name``.
    """
    if isinstance(value, (flint.acb, complex, mpmath.mpc)):
        return ComplexPoint(to_real(value.real, f"{name}.real"), to_real(value.imag, f"{name}.imag"))
    try:
        return ComplexPoint(to_real(value, name), fmpq(0))
    except TypeError:
        raise TypeError(
            f"{name} must be a complex or real number, got {type(value).__name__} {value!r}"
        ) from None


def to_off_support(value: object, name: str) -> ComplexPoint:
    """:func:`to_complex`, and require the point to lie certainly off ``[0, ∞)`` (the support
    of the laws, where their Stieltjes transforms are not defined)."""
    point = to_complex(value, name)
    if arb(point.imag).contains(0) and not arb(point.real) < 0:
        raise ValueError(
            f"{name} = {value!r} is on (or may touch) the support [0, inf); the Stieltjes "
            f"transform is defined for {name} in C \\ [0, inf)"
        )
    return point


def to_signed_real(value: object, name: str) -> Real:
    """Like :func:`to_real`, and require the sign to be certain: a ball that contains 0 but
    is not exactly 0 is rejected (the laws switch formulas at 0)."""
    v = to_real(value, name)
    if isinstance(v, arb) and not (v > 0 or v < 0):
        raise ValueError(
            f"{name} = {v} is a ball containing 0: give {name} exactly or as a ball that excludes 0"
        )
    return v


def to_positive(value: object, name: str) -> Real:
    """Like :func:`to_real`, and require ``value > 0`` (certainly, for a ball)."""
    v = to_real(value, name)
    if isinstance(v, fmpq):
        if v <= 0:
            raise ValueError(f"{name} must be > 0 (valid range (0, inf)), got {value!r}")
    elif not v > 0:
        raise ValueError(
            f"{name} must be > 0 (valid range (0, inf)); the ball {v} is not certainly positive"
        )
    return v


RandomState = Union[None, int, np.random.Generator]


def generator(rng: RandomState) -> np.random.Generator:
    """A numpy Generator from ``None`` (fresh entropy), a seed or a Generator."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or isinstance(rng, (int, np.integer)):
        return np.random.default_rng(rng)
    raise TypeError(f"rng must be None, an int seed or a numpy Generator, got {type(rng).__name__}")


def positive_float(value: object, name: str) -> float:
    """A finite float > 0 (float APIs: fast path, ensembles, distributions), or a ValueError/TypeError naming the parameter."""
    if isinstance(value, (bool, complex)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {value!r}")
    v = float(value)
    if not math.isfinite(v) or v <= 0:
        raise ValueError(f"{name} must be finite and > 0 (valid range (0, inf)), got {value!r}")
    return v


def is_exact(v: Real) -> bool:
    return isinstance(v, fmpq)


def is_integer(v: Real) -> bool:
    """Whether ``v`` is an exact integer (an :class:`fmpq` with denominator 1)."""
    return isinstance(v, fmpq) and v.q == 1


@dataclass(frozen=True)
class HTMPParams:
    """Derived parameters of HTMP(γ, κ), SPEC §3.

    ``c = κ/2``, ``alpha = c(1/γ - 1) - 1``, ``s = c/γ`` (so ``c + alpha + 1 = s``).
    Exact (:class:`fmpq`) whenever γ and κ are.
    """

    gamma: Real
    kappa: Real
    c: Real
    alpha: Real
    s: Real

    @classmethod
    def from_inputs(cls, gamma: object, kappa: object) -> "HTMPParams":
        g = to_positive(gamma, "gamma")
        k = to_positive(kappa, "kappa")
        c = k / 2
        return cls(gamma=g, kappa=k, c=c, alpha=c * (1 / g - 1) - 1, s=c / g)

    @property
    def exact(self) -> bool:
        return is_exact(self.gamma) and is_exact(self.kappa)

    def dual(self) -> "HTMPParams":
        """Parameters of HTMP(1/γ, κ/γ), the dual law (SPEC §3, duality)."""
        g = 1 / self.gamma
        k = self.kappa / self.gamma
        c = k / 2
        return HTMPParams(gamma=g, kappa=k, c=c, alpha=c * (1 / g - 1) - 1, s=c / g)


def gamma_above_one(gamma: Real) -> bool:
    """Whether γ > 1, decided certainly (a ball straddling 1 is rejected)."""
    if isinstance(gamma, fmpq):
        return gamma > 1
    if gamma > 1:
        return True
    if gamma <= 1:
        return False
    raise ValueError(
        f"gamma ball {gamma} contains 1: the law has an atom for gamma > 1 and none "
        "for gamma <= 1, so gamma must be given exactly or with a ball excluding 1"
    )

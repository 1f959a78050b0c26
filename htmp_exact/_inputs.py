"""Conversion and checking of inputs: exact numbers for the certified path, floats for the rest.

Exact inputs are kept exact: ``int``, :class:`fractions.Fraction`, decimal strings such as
``"0.01"`` or ``"1e-9"`` (read as the exact decimal), :class:`decimal.Decimal`, rational
strings such as ``"1/3"``, :class:`flint.fmpq`, ``float`` and :class:`mpmath.mpf` (their
exact binary value) all become :class:`flint.fmpq`.  An inexact :class:`flint.arb` ball is
kept as a ball.  Exactness matters: with rational γ and κ the parameter ``b = -α`` is an
exact rational, so an integer ``b`` (γ = 1, or γ = 1/5 with κ = 8000) reaches Arb as an
exact integer and the logarithmic limit of Tricomi's U is taken correctly (SPEC §8).

Complex points (Stieltjes transforms) are kept the same way, part by part: Python ``complex``,
:class:`flint.acb`, :class:`mpmath.mpc`, a pair ``(re, im)`` of exact reals, or a string
``"13/10+1/5j"`` / ``"-0.5-2e-3j"``.

The float APIs (fast path, distributions, ensembles) check their parameters with
:func:`positive_float` and take random generators through :func:`generator`.
"""

from __future__ import annotations

import math
import numbers
import sys
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import TypeGuard, Union

if sys.version_info >= (3, 11):
    from typing import Unpack as Unpack
else:
    from typing_extensions import Unpack as Unpack

import flint
import mpmath
import numpy as np
from flint import arb, fmpq, fmpz

Real = Union[arb, fmpq]
RealInput = Union[int, float, str, Fraction, Decimal, fmpq, fmpz, arb, "mpmath.mpf"]
ComplexInput = Union[RealInput, complex, "flint.acb", "mpmath.mpc", tuple, str]

#: Accepted spellings of a real input, for error messages.
REAL_TYPES = "int, float, Fraction, Decimal, decimal or p/q str, fmpq, arb or mpf"


def shown(value: object, width: int = 40) -> str:
    """``repr(value)`` cut to ``width`` characters, for error messages (inputs may be huge)."""
    text = repr(value)
    return text if len(text) <= width else f"{text[: width - 12]}...{text[-9:]}"


def one_of(value: object, options: tuple[str, ...], name: str) -> str:
    """``value`` if it is one of the strings ``options``, else a ValueError naming ``name``."""
    if value not in options:
        raise ValueError(f"{name} must be one of {options}, got {shown(value)}")
    return str(value)


def _binary_fraction(man: int, exp: int) -> fmpq:
    return fmpq(man * 2**exp) if exp >= 0 else fmpq(man, 2**-exp)


def _from_string(text: str, name: str) -> fmpq:
    text = text.strip()
    if "/" in text:
        try:
            ratio = Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"{name}: cannot read {text!r} as a rational p/q") from None
        return fmpq(ratio.numerator, ratio.denominator)
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{name}: cannot read {text!r} as a decimal number") from None
    return _from_decimal(value, name)


def _from_decimal(value: Decimal, name: str) -> fmpq:
    if not value.is_finite():
        raise ValueError(f"{name} must be finite, got {shown(value)}")
    num, den = value.as_integer_ratio()
    return fmpq(num, den)


def to_real(value: object, name: str) -> Real:
    """Convert a real input to an exact :class:`fmpq` (or keep an :class:`arb` ball).

    Raises ``TypeError`` for non-real inputs (complex, None, bool, arrays) and ``ValueError``
    for NaN, infinities and unparsable strings, naming ``name``.
    """
    if isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be a real number, got bool {shown(value)}")
    if isinstance(value, fmpq):
        return value
    if isinstance(value, (int, fmpz, np.integer)):
        return fmpq(int(value))
    if isinstance(value, Fraction):
        return fmpq(value.numerator, value.denominator)
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise ValueError(f"{name} must be finite, got {shown(value)}")
        return fmpq(*float(value).as_integer_ratio())
    if isinstance(value, str):
        return _from_string(value, name)
    if isinstance(value, Decimal):
        return _from_decimal(value, name)
    if isinstance(value, arb):
        if not value.is_finite():
            raise ValueError(f"{name} must be a finite ball, got {value}")
        if value.is_exact():
            man, exp = value.mid().man_exp()
            return _binary_fraction(int(man), int(exp))
        return value
    if isinstance(value, mpmath.mpf):
        if not mpmath.isfinite(value):
            raise ValueError(f"{name} must be finite, got {shown(value)}")
        sign, man, exp, _ = value._mpf_
        return _binary_fraction(-int(man) if sign else int(man), int(exp))
    if isinstance(value, (complex, np.complexfloating, flint.acb, mpmath.mpc)):
        raise TypeError(f"{name} must be real, got complex {shown(value)}")
    if isinstance(value, numbers.Rational):
        return fmpq(int(value.numerator), int(value.denominator))
    raise TypeError(f"{name} must be a real number ({REAL_TYPES}), got {type(value).__name__} {shown(value)}")


def is_exact(v: Real) -> TypeGuard[fmpq]:
    """Whether ``v`` is exact (an :class:`fmpq`, not a ball)."""
    return isinstance(v, fmpq)


def is_integer(v: Real) -> TypeGuard[fmpq]:
    """Whether ``v`` is an exact integer (an :class:`fmpq` with denominator 1)."""
    return isinstance(v, fmpq) and v.q == 1


@dataclass(frozen=True)
class ComplexPoint:
    """A complex argument with parts kept as :func:`to_real` keeps reals (exact :class:`fmpq`
    where the input is exact), so that the ball is formed at each working precision."""

    real: Real
    imag: Real

    def ball(self) -> flint.acb:
        """The point as an :class:`flint.acb` at the current precision."""
        return flint.acb(arb(self.real), arb(self.imag))

    @property
    def exact(self) -> bool:
        return is_exact(self.real) and is_exact(self.imag)


def _complex_from_string(text: str, name: str) -> ComplexPoint:
    """``"re+imj"``, ``"re-imj"``, ``"imj"`` or a real string; parts decimal or p/q."""
    stripped = text.strip().replace(" ", "")
    if not stripped.endswith(("j", "J")):
        return ComplexPoint(to_real(stripped, name), fmpq(0))
    body = stripped[:-1]
    # the split is at the last sign that is neither leading nor the sign of an exponent
    split = next((i for i in range(len(body) - 1, 0, -1) if body[i] in "+-" and body[i - 1] not in "eE"), 0)
    real_text, imag_text = body[:split], body[split:]
    if imag_text in ("", "+", "-"):
        imag_text += "1"
    real = to_real(real_text, f"{name}.real") if real_text else fmpq(0)
    return ComplexPoint(real, to_real(imag_text, f"{name}.imag"))


def to_complex(value: object, name: str) -> ComplexPoint:
    """Convert a complex input to a :class:`ComplexPoint`: Python ``complex``, :class:`flint.acb`,
    :class:`mpmath.mpc`, a pair ``(re, im)`` of real inputs (exact rationals such as
    ``("13/10", "1/5")``), a string ``"13/10+1/5j"``, or any real input of :func:`to_real`.

    Raises ``TypeError`` for other types and ``ValueError`` for non-finite parts, naming ``name``.
    """
    if isinstance(value, (flint.acb, complex, np.complexfloating, mpmath.mpc)):
        return ComplexPoint(to_real(value.real, f"{name}.real"), to_real(value.imag, f"{name}.imag"))
    if isinstance(value, tuple):
        if len(value) != 2:
            raise TypeError(f"{name} given as a tuple must be a pair (re, im), got {shown(value)}")
        return ComplexPoint(to_real(value[0], f"{name}.real"), to_real(value[1], f"{name}.imag"))
    if isinstance(value, str):
        return _complex_from_string(value, name)
    try:
        return ComplexPoint(to_real(value, name), fmpq(0))
    except TypeError:
        raise TypeError(
            f"{name} must be a complex number (complex, acb, mpc, a pair (re, im) of exact reals, "
            f"or a string such as '13/10+1/5j'), got {type(value).__name__} {shown(value)}"
        ) from None


def to_off_support(value: object, name: str) -> ComplexPoint:
    """:func:`to_complex`, and require the point to lie certainly off ``[0, ∞)`` (the support
    of the laws, where their Stieltjes transforms are not defined)."""
    point = to_complex(value, name)
    if arb(point.imag).contains(0) and not arb(point.real) < 0:
        raise ValueError(
            f"{name} = {shown(value)} is on (or may touch) the support [0, inf); the Stieltjes "
            f"transform is defined for {name} in C \\ [0, inf) (use stieltjes_boundary on the support)"
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
            raise ValueError(f"{name} must be > 0 (valid range (0, inf)), got {shown(value)}")
    elif not v > 0:
        raise ValueError(f"{name} must be > 0 (valid range (0, inf)); the ball {v} is not certainly positive")
    return v


RandomState = Union[None, int, np.random.Generator]


def generator(random_state: RandomState) -> np.random.Generator:
    """A numpy Generator from ``None`` (fresh entropy), a seed or a Generator."""
    if isinstance(random_state, np.random.Generator):
        return random_state
    if random_state is None or (
        isinstance(random_state, (int, np.integer)) and not isinstance(random_state, (bool, np.bool_))
    ):
        if random_state is not None and random_state < 0:
            raise ValueError(f"random_state must be a seed >= 0, got {random_state!r}")
        return np.random.default_rng(random_state)
    raise TypeError(
        "random_state must be None, an int seed >= 0 or a numpy Generator, "
        f"got {type(random_state).__name__} {random_state!r}"
    )


def float_points(value: object, name: str) -> np.ndarray:
    """Points (x, q, ...) of the float APIs as a float64 array: NaN is kept (it propagates to
    NaN results, as in scipy); complex, bool and non-numeric inputs raise a TypeError naming
    ``name``."""
    array = np.asarray(value)
    if array.dtype.kind not in "iuf":
        kind = {"c": "complex", "b": "bool"}.get(array.dtype.kind, f"non-numeric ({array.dtype})")
        raise TypeError(f"{name} must be real numbers, got {kind} {shown(value)}")
    return array.astype(float, copy=False)


def positive_floats(value: object, name: str) -> np.ndarray:
    """Parameters of the float APIs as a float64 array of finite values > 0, or a
    ValueError/TypeError naming ``name``, the first bad value and the valid range."""
    array = float_points(value, name)
    bad = ~(np.isfinite(array) & (array > 0))
    if np.any(bad):
        raise ValueError(
            f"{name} must be finite and > 0 (valid range (0, inf)), got {array[bad].flat[0].item()!r}"
        )
    return array


def positive_float(value: object, name: str) -> float:
    """A finite float > 0 (parameters of the float APIs), or a ValueError/TypeError naming it."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__} {shown(value)}")
    v = float(value) if abs(value) < 1e308 else math.inf
    if not math.isfinite(v) or v <= 0:
        raise ValueError(f"{name} must be finite and > 0 (valid range (0, inf)), got {shown(value)}")
    return v

r"""How table inputs are written: exact decimals, or binary64 numbers as ``float.hex()``.

* ``"decimal"``: an input is the exact decimal written (``"0.1"`` is 1/10); a float64
  implementation receives the nearest double, so its error includes the rounding of
  its inputs (the condition number of the quantity times ~1e-16).
* ``"binary64"``: an input is a binary64 number, written exactly as ``float.hex()``
  (``"0x1.999999999999ap-4"``), with its shortest round-trip decimal (``repr``) beside
  it for reading; the reference is the value at that exact binary number, the very
  input a float64 implementation receives.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

from .._inputs import one_of
from .rounding import short_repr

__all__ = ["ENCODINGS", "check_encoding", "parse_input", "encode", "readable", "as_float", "is_hex"]

ENCODINGS = ("decimal", "binary64")


def check_encoding(encoding: object) -> str:
    return one_of(encoding, ENCODINGS, "encoding")


def is_hex(text: str) -> bool:
    return text.lstrip("+-").lower().startswith("0x")


def parse_input(value: object, name: str) -> Fraction:
    """The exact rational value of a table input: a decimal or ``float.hex()`` string, an int,
    a :class:`~fractions.Fraction`, a :class:`~decimal.Decimal` or a float (its exact binary value)."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a real number or a decimal/hex string, got bool {value!r}")
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    if isinstance(value, (float, Decimal)):
        if not value.is_finite() if isinstance(value, Decimal) else not math.isfinite(value):
            raise ValueError(f"{name} must be finite, got {value!r}")
        return Fraction(value)
    if not isinstance(value, str):
        raise TypeError(
            f"{name} must be a real number or a decimal/hex string, got "
            f"{type(value).__name__} {short_repr(value)}"
        )
    text = value.strip()
    try:
        number = Fraction(float.fromhex(text)) if is_hex(text) else Fraction(text)
    except (ValueError, ZeroDivisionError, OverflowError):
        raise ValueError(
            f"{name} must be a finite decimal (e.g. '0.25', '1e-9') or float.hex() string, "
            f"got {short_repr(value)}"
        ) from None
    return number


def encode(text: str, encoding: str, name: str) -> str:
    """An input given as an exact decimal string, written in ``encoding``
    (binary64: the nearest double's hex)."""
    check_encoding(encoding)
    parse_input(text, name)
    if encoding == "decimal" or is_hex(text):
        return text
    number = float(text)
    if not math.isfinite(number) or (number == 0 and Fraction(text) != 0):
        raise ValueError(f"{name} = {text} lies outside the binary64 range")
    return number.hex()


def readable(text: str) -> str:
    """The shortest decimal that reads back as the same input (``repr`` of a binary64 input)."""
    return repr(float.fromhex(text)) if is_hex(text) else text


def as_float(text: str) -> float:
    """The double a float64 implementation receives: exact for binary64 inputs, the nearest for decimals."""
    return float.fromhex(text) if is_hex(text) else float(text)

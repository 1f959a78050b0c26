r"""Error measures, tolerances and the float reference of each table row.

===========================  ==========================================================
quantity                     error of a result ``got`` against the reference ``ref``
===========================  ==========================================================
pdf, cdf, sf, ppf, isf,      ``|got − ref| / max(|ref|, atol/rtol)`` (relative; ``atol``
moment                       is an absolute floor, for values near 0 such as a cdf in
                             its lower tail; with ``atol = 0`` a zero reference needs
                             ``got == 0``)
logpdf                       ``|got − ref| / max(1, |ref|, atol/rtol)`` (absolute where
                             ``|logpdf| ≤ 1``, relative beyond)
stieltjes                    ``|got − ref| / max(|ref|, atol/rtol)`` (complex modulus)
===========================  ==========================================================

A point passes when its error is at most ``rtol`` — that is, when
``|got − ref| ≤ max(rtol·scale, atol)``.  Infinite references (logpdf outside the
support) need the same infinity.  NaN and an infinite ``got`` for a finite reference are
failures.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Union

from ..tables.schema import check_law, check_quantity

__all__ = [
    "DEFAULT_TOLERANCES",
    "default_tolerances",
    "check_tolerance",
    "reference_float",
    "point_error",
    "FLOAT_MIN",
    "FLOAT_MAX",
]

#: Recommended (rtol, atol) per law and quantity for a float64 implementation on the binary64
#: tables (measured figures and their reasons: docs/conformance.md).  MP: the edges are in the
#: tables at relative distances δ down to 1e-8, where the density's condition number is ~1/(2δ),
#: times ~1/(1 - √γ) at the lower edge for γ near 1 (a correct formula with (1 - √γ)² reaches 2e-6
#: there), and a lower-edge cdf (~δ^(3/2)) is known to about 1e-16 in absolute terms only.
DEFAULT_TOLERANCES = {
    ("htmp", "pdf"): (1e-10, 0.0),
    ("htmp", "logpdf"): (1e-10, 0.0),
    ("htmp", "cdf"): (1e-10, 0.0),
    ("htmp", "sf"): (1e-10, 0.0),
    ("htmp", "ppf"): (1e-10, 0.0),
    ("htmp", "isf"): (1e-10, 0.0),
    ("htmp", "stieltjes"): (1e-10, 0.0),
    ("htmp", "moment"): (1e-12, 0.0),
    ("mp", "pdf"): (1e-5, 0.0),
    ("mp", "logpdf"): (1e-5, 0.0),
    ("mp", "cdf"): (1e-9, 1e-15),
    ("mp", "sf"): (1e-9, 1e-15),
    ("mp", "ppf"): (1e-9, 0.0),
    ("mp", "isf"): (1e-9, 0.0),
    ("mp", "stieltjes"): (1e-10, 0.0),
    ("mp", "moment"): (1e-12, 0.0),
}

#: References of smaller magnitude (other than 0) are skipped: a float64 result cannot hold them
#: to relative accuracy (subnormal or zero).
FLOAT_MIN = 1e-300
#: References of larger magnitude are skipped (they overflow float64).
FLOAT_MAX = 1e300

Number = Union[float, complex]


def default_tolerances(law: str, quantity: str) -> tuple[float, float]:
    """The recommended ``(rtol, atol)`` of ``quantity`` of ``law``."""
    return DEFAULT_TOLERANCES[(check_law(law), check_quantity(quantity))]


def check_tolerance(value: object, name: str) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or value < 0
    ):
        raise ValueError(f"{name} must be a finite number >= 0, got {value!r}")
    return float(value)


def reference_float(value: str, value_imag: str = "") -> Number:
    """The table's value as the nearest float (or complex); ``inf``/``-inf`` kept."""
    real = float(value)
    return complex(real, float(value_imag)) if value_imag else real


def skip_reason(value: str, value_imag: str, quantity: str) -> str:
    """Why a reference (the table's decimal texts) cannot be compared in float64 ('' if it can).

    Decided on the exact decimals: a value such as ``2.5e-1050`` is not 0, though its float is."""
    parts = [Decimal(value)] + ([Decimal(value_imag)] if value_imag else [])
    if any(p.is_infinite() for p in parts):
        return "" if quantity == "logpdf" else "reference is infinite"
    size = max(abs(p) for p in parts)
    if size == 0:
        return ""
    if size < Decimal(FLOAT_MIN):
        return f"reference below the float64 range (|value| < {FLOAT_MIN:g})"
    if size > Decimal(FLOAT_MAX):
        return f"reference above the float64 range (|value| > {FLOAT_MAX:g})"
    return ""


def point_error(got: Number, reference: Number, quantity: str, rtol: float, atol: float) -> float:
    """The error of one result (see the module docstring); ``inf`` for NaN or a wrong infinity."""
    if isinstance(got, complex) or isinstance(reference, complex):
        got, reference = complex(got), complex(reference)
        if not (math.isfinite(got.real) and math.isfinite(got.imag)):
            return math.inf
    elif math.isnan(got):
        return math.inf
    if not math.isfinite(abs(reference)):
        return 0.0 if got == reference else math.inf
    if not math.isfinite(abs(got)):
        return math.inf
    scale = abs(reference)
    if quantity == "logpdf":
        scale = max(1.0, scale)
    floor = atol / rtol if rtol > 0 else (math.inf if atol > 0 else 0.0)
    scale = max(scale, floor)
    difference = abs(got - reference)
    if scale == 0:
        return 0.0 if difference == 0 else math.inf
    return difference / scale if math.isfinite(scale) else 0.0

r"""Check another implementation of an HTMP quantity against the certified reference tables.

``check_implementation(f, quantity="pdf")`` evaluates ``f(x, gamma, kappa)`` on every
point of the shipped preset table (:func:`htmp_exact.tables.shipped_table`, values
certified to 30 digits) and reports, per regime, the maximum error, the worst point,
and the number of NaN/inf results and exceptions, with a verdict against ``rtol``.

``f`` may be vectorized (called once with float64 arrays) or scalar (called point by
point when the vectorized call raises or returns the wrong shape).  Inputs are the
float64 values nearest to the table's exact decimals; the reference is the certified
value at the exact decimal, so ``rtol`` below about 1e-15 (times the condition number
of the quantity) is not meaningful.

Error measure: relative ``|f − ref| / |ref|``; for ``logpdf`` the absolute error
divided by ``max(1, |ref|)`` (the fast path's documented measure).
"""
from __future__ import annotations

import importlib
import math
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

from .tables import Row, shipped_table


@dataclass
class RegimeReport:
    """Errors of one regime of the table."""

    regime: str
    points: int = 0
    max_error: float = 0.0
    worst_point: Optional[Tuple[str, str, str]] = None
    nonfinite: int = 0
    exceptions: int = 0
    first_exception: str = ""


@dataclass
class CheckReport:
    """The result of :func:`check_implementation`; ``passed`` is the verdict."""

    quantity: str
    rtol: float
    regimes: Dict[str, RegimeReport] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return all(r.nonfinite == 0 and r.exceptions == 0 and r.max_error <= self.rtol
                   for r in self.regimes.values())

    def to_markdown(self) -> str:
        """A per-regime table and the verdict."""
        lines = [f"Check of {self.quantity} against the certified table (rtol {self.rtol:g})", "",
                 "| regime | points | max error | worst (gamma, kappa, x) | NaN/inf | exceptions |",
                 "|---|---|---|---|---|---|"]
        for r in self.regimes.values():
            worst = ", ".join(r.worst_point) if r.worst_point else "-"
            exc = f"{r.exceptions} ({r.first_exception})" if r.exceptions else "0"
            lines.append(f"| {r.regime} | {r.points} | {r.max_error:.2e} | {worst} | {r.nonfinite} | {exc} |")
        lines += ["", "PASS" if self.passed else "FAIL"]
        return "\n".join(lines)


def _errors(values: np.ndarray, reference: np.ndarray, quantity: str) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        if quantity == "logpdf":
            return np.abs(values - reference) / np.maximum(1.0, np.abs(reference))
        scale = np.where(reference == 0, 1.0, np.abs(reference))
        return np.abs(values - reference) / scale


def _evaluate(f: Callable, rows: Sequence[Row]) -> Tuple[np.ndarray, List[str]]:
    """Values of f at the rows (NaN where it raised) and the exception messages per point."""
    x = np.array([float(r.x) for r in rows])
    g = np.array([float(r.gamma) for r in rows])
    k = np.array([float(r.kappa) for r in rows])
    try:
        out = np.asarray(f(x, g, k), dtype=float)
        if out.shape == x.shape:
            return out, [""] * len(rows)
    except Exception:  # noqa: BLE001 - a vectorized call that fails falls back to scalar calls
        pass
    values, errors = np.full(len(rows), np.nan), [""] * len(rows)
    for i, (xi, gi, ki) in enumerate(zip(x, g, k)):
        try:
            values[i] = float(f(float(xi), float(gi), float(ki)))
        except Exception as err:  # noqa: BLE001 - the report counts them
            message = str(err).strip().splitlines()[0] if str(err).strip() else ""
            errors[i] = f"{type(err).__name__}: {message[:80]}"
    return values, errors


def _reference(row: Row) -> float:
    """The certified value as the nearest float (0 or ±inf outside float64 range)."""
    return float(row.value)


def check_implementation(f: Callable, quantity: str = "pdf", rtol: float = 1e-10,
                         rows: Optional[Sequence[Row]] = None) -> CheckReport:
    """Compare ``f(x, gamma, kappa)`` with the certified table of ``quantity``.

    ``rows``: the table to use (default: the shipped preset "paper" table of
    ``quantity``).  Rows whose reference underflows float64 (|value| < 1e-300,
    except for ``logpdf``) are skipped: float64 cannot represent them.
    """
    if not (isinstance(rtol, (int, float)) and math.isfinite(rtol) and rtol > 0):
        raise ValueError(f"rtol must be a finite number > 0, got {rtol!r}")
    table = list(rows) if rows is not None else shipped_table(quantity)
    table = [r for r in table if quantity == "logpdf" or r.value == "0" or abs(_reference(r)) >= 1e-300]
    values, errors = _evaluate(f, table)
    reference = np.array([_reference(r) for r in table])
    err = _errors(values, reference, quantity)
    report = CheckReport(quantity, float(rtol))
    for i, row in enumerate(table):
        reg = report.regimes.setdefault(row.regime, RegimeReport(row.regime))
        reg.points += 1
        if errors[i]:
            reg.exceptions += 1
            reg.first_exception = reg.first_exception or errors[i]
        elif not math.isfinite(values[i]):
            reg.nonfinite += 1
        elif err[i] > reg.max_error or reg.worst_point is None:
            reg.max_error, reg.worst_point = max(reg.max_error, float(err[i])), (row.gamma, row.kappa, row.x)
    return report


def load_function(spec: str) -> Callable:
    """Import ``"package.module:function"`` (the CLI's argument)."""
    module_name, sep, attr = spec.partition(":")
    if not sep or not module_name or not attr:
        raise ValueError(f"expected 'module:function', got {spec!r}")
    obj = importlib.import_module(module_name)
    for part in attr.split("."):
        obj = getattr(obj, part)
    if not callable(obj):
        raise TypeError(f"{spec} is not callable")
    return obj

r"""Check another implementation of an HTMP or MP quantity against the certified tables.

>>> import numpy as np
>>> from htmp_exact.checker import check_implementation
>>> def mp_pdf(x, gamma):          # a float64 Marchenko-Pastur density (continuous part)
...     lo, hi = (1 - np.sqrt(gamma)) ** 2, (1 + np.sqrt(gamma)) ** 2
...     inside = (x > lo) & (x < hi)
...     return np.where(inside, np.sqrt(np.clip((hi - x) * (x - lo), 0, None)) / (2 * np.pi * gamma * x), 0.0)
>>> report = check_implementation(mp_pdf, law="mp", quantity="pdf", rtol=1e-5)
>>> report.passed
True

Modules: :mod:`.evaluation` (calling the function: vectorized, per parameter set, scalar;
timeouts), :mod:`.errors` (error measures and tolerances), :mod:`.diagnoses` (which
convention explains the failures), :mod:`.report` (markdown and JSON).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from typing import Any

from ..tables import Table, shipped_table
from ..tables.encoding import as_float
from ..tables.presets import PRESETS
from ..tables.schema import check_law, check_quantity
from .diagnoses import diagnose
from .errors import check_tolerance, default_tolerances, point_error, reference_float, skip_reason
from .evaluation import evaluate
from .report import CheckReport, PointResult, Skipped

__all__ = ["check_implementation", "load_function", "CheckReport", "PointResult"]


def _inputs(table: Table, texts: tuple[str, ...]) -> dict:
    """The inputs as the function receives them: floats, a complex z, an int k."""
    values: dict = {}
    for name, text in zip(table.input_names, texts):
        values[name] = int(text) if name == "k" else as_float(text)
    return values


def _call_args(inputs: dict) -> tuple[Any, ...]:
    if "z_real" in inputs:
        z = complex(inputs["z_real"], inputs["z_imag"])
        return (z,) + tuple(v for k, v in inputs.items() if k not in ("z_real", "z_imag"))
    return tuple(inputs.values())


def _select_table(law: str, quantity: str, preset: str | None, table: Table | None, encoding: str) -> Table:
    if table is not None:
        if not isinstance(table, Table):
            raise TypeError(f"table must be a htmp_exact.tables.Table, got {type(table).__name__}")
        if (table.law, table.quantity) != (law, quantity):
            raise ValueError(f"the table holds {table.law} {table.quantity}, not {law} {quantity}")
        return table
    if preset is not None and PRESETS.get(preset, law) != law:
        raise ValueError(f"preset {preset!r} is a preset of law {PRESETS[preset]!r}, not {law!r}")
    return shipped_table(quantity, law, preset or "", encoding)


def check_implementation(
    f: Callable,
    law: str = "htmp",
    quantity: str = "pdf",
    *,
    preset: str | None = None,
    table: Table | None = None,
    encoding: str = "binary64",
    rtol: float | None = None,
    atol: float | None = None,
    timeout: float | None = None,
    progress: bool | None = None,
) -> CheckReport:
    """Compare ``f`` with the certified table of ``quantity`` of ``law`` and report.

    Parameters
    ----------
    f : callable
        ``f(x, gamma, kappa)`` (pdf, logpdf, cdf, sf), ``f(q, gamma, kappa)`` (ppf, isf),
        ``f(z, gamma, kappa)`` with complex ``z`` (stieltjes), ``f(k, gamma, kappa)`` (moment);
        for ``law="mp"`` the same without ``kappa``.  Vectorized or scalar (see
        :mod:`.evaluation`).
    law, quantity : str
        ``"htmp"`` or ``"mp"``; one of :data:`htmp_exact.tables.QUANTITIES`.
    preset, table, encoding :
        The reference: a shipped preset (default ``standard`` for HTMP, ``mp`` for MP) in
        ``encoding`` (``binary64``: the inputs are the doubles ``f`` receives), or a
        :class:`~htmp_exact.tables.Table` (e.g. from :func:`~htmp_exact.tables.load_table`).
    rtol, atol : float, optional
        Tolerance of the error measure (:mod:`.errors`); default per quantity.
    timeout : float, optional
        Seconds per point; calls then run in a worker process (:mod:`.evaluation`).
    progress : bool, optional
        Progress bar on stderr (default: only when stderr is a terminal).

    Rows whose reference lies outside the float64 range are skipped (listed in the report).
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    law, quantity = check_law(law), check_quantity(quantity)
    default_rtol, default_atol = default_tolerances(law, quantity)
    rtol = check_tolerance(default_rtol if rtol is None else rtol, "rtol")
    atol = check_tolerance(default_atol if atol is None else atol, "atol")
    if timeout is not None and (
        isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0
    ):
        raise ValueError(f"timeout must be a number of seconds > 0, got {timeout!r}")
    reference_table = _select_table(law, quantity, preset, table, encoding)
    name = (
        f"table {reference_table.preset or 'custom'} ({reference_table.encoding} inputs, "
        f"{reference_table.digits} digits)"
    )
    report = CheckReport(law, quantity, rtol, atol, name)
    kept: list[tuple[Any, dict, Any, str]] = []
    for row in reference_table.rows:
        inputs = _inputs(reference_table, row.inputs)
        reference = reference_float(row.value, row.value_imag)
        reason = skip_reason(row.value, row.value_imag, quantity)
        if reason:
            report.skipped.append(Skipped(row.regime, inputs, reason))
        else:
            text = row.value + (
                f" {'+' if not row.value_imag.startswith('-') else '-'} {row.value_imag.lstrip('-')}i"
                if row.value_imag
                else ""
            )
            kept.append((row, inputs, reference, text))
    outcomes, report.mode = evaluate(
        f,
        [_call_args(inputs) for _, inputs, _, _ in kept],
        complex_values=quantity == "stieltjes",
        timeout=timeout,
        progress=progress,
    )
    for (row, inputs, reference, text), outcome in zip(kept, outcomes):
        if outcome.status != "value":
            report.points.append(
                PointResult(
                    row.regime,
                    inputs,
                    reference,
                    text,
                    outcome.value,
                    float("inf"),
                    outcome.status,
                    outcome.message,
                )
            )
            continue
        got = outcome.value
        error = point_error(got, reference, quantity, rtol, atol)
        status = "pass" if error <= rtol else "fail"
        if status == "fail" and got != got:
            status = "nan"
        elif status == "fail" and abs(got) == float("inf") and abs(reference) != float("inf"):
            status = "inf"
        report.points.append(PointResult(row.regime, inputs, reference, text, got, error, status))
    report.diagnoses = diagnose(report.points, law, quantity, rtol, atol)
    return report


def load_function(spec: str) -> Callable:
    """Import ``"module:function"`` (``function`` may be dotted), with the current folder on the path
    as ``python -m`` has it; a clear error for a bad spec, a missing module or a non-callable."""
    if not isinstance(spec, str):
        raise TypeError(f"expected 'module:function', got {type(spec).__name__}")
    module_name, sep, attr = spec.partition(":")
    if not sep or not module_name or not attr:
        raise ValueError(f"expected 'module:function', got {spec!r}")
    if os.getcwd() not in sys.path and "" not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        obj: Any = importlib.import_module(module_name)
    except Exception as err:
        raise ImportError(
            f"cannot import module {module_name!r} (from {os.getcwd()}): {type(err).__name__}: {err}"
        ) from None
    for part in attr.split("."):
        if not hasattr(obj, part):
            raise AttributeError(f"module {module_name!r} has no attribute {attr!r}")
        obj = getattr(obj, part)
    if not callable(obj):
        raise TypeError(f"{spec} is {type(obj).__name__}, not a callable")
    return obj

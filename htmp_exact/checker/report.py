r"""The report of a check: every point, per-regime summaries, exceptions, skipped rows, diagnoses.

Point statuses: ``"pass"``; ``"fail"`` (error above the tolerance); ``"nan"``; ``"inf"``
(an infinite result for a finite reference); ``"exception"``; ``"timeout"``.  Everything
but ``"pass"`` fails the check.  :meth:`CheckReport.to_markdown` lists per regime the
maximum error and the worst point, then every failing point; :meth:`CheckReport.to_json`
gives ``verdict``, ``points`` (each with ``inputs``, ``reference``, ``got``, ``error``,
``status``, ``message``), ``regimes``, ``skipped``, ``exceptions`` and ``diagnoses``.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

__all__ = ["PointResult", "Skipped", "RegimeSummary", "CheckReport"]


@dataclass(frozen=True)
class PointResult:
    """One compared point: inputs as the function received them, the reference, the result."""

    regime: str
    inputs: dict[str, Any]
    reference: Any
    reference_text: str
    got: Any
    error: float
    status: str
    message: str = ""

    @property
    def passed(self) -> bool:
        return self.status == "pass"


@dataclass(frozen=True)
class Skipped:
    """A table row left out of the comparison, and why."""

    regime: str
    inputs: dict[str, Any]
    reason: str


@dataclass
class RegimeSummary:
    """Counts and the worst finite error of one regime."""

    regime: str
    points: int = 0
    failed: int = 0
    nonfinite: int = 0
    exceptions: int = 0
    timeouts: int = 0
    skipped: int = 0
    max_error: float | None = None
    worst: PointResult | None = None

    def add(self, point: PointResult) -> None:
        self.points += 1
        self.failed += not point.passed
        self.nonfinite += point.status in ("nan", "inf")
        self.exceptions += point.status == "exception"
        self.timeouts += point.status == "timeout"
        if point.status in ("pass", "fail") and (self.max_error is None or point.error > self.max_error):
            self.max_error, self.worst = point.error, point


def _number(value: Any) -> Any:
    """A JSON-safe number: floats as numbers (non-finite as strings), complex as [re, im]."""
    if isinstance(value, complex):
        return [_number(value.real), _number(value.imag)]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def _inputs_text(inputs: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in inputs.items())


@dataclass
class CheckReport:
    """The result of :func:`~htmp_exact.checker.check_implementation`; ``passed`` is the verdict."""

    law: str
    quantity: str
    #: tolerances of the error measure (:mod:`.errors`)
    rtol: float
    atol: float
    #: the reference table, described; how ``f`` was called (vectorized, per parameter set, scalar)
    table: str
    mode: str = ""
    points: list[PointResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    diagnoses: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return bool(self.points) and all(p.passed for p in self.points)

    @property
    def failures(self) -> list[PointResult]:
        return [p for p in self.points if not p.passed]

    @property
    def regimes(self) -> dict[str, RegimeSummary]:
        summaries: dict[str, RegimeSummary] = {}
        for point in self.points:
            summaries.setdefault(point.regime, RegimeSummary(point.regime)).add(point)
        for row in self.skipped:
            summaries.setdefault(row.regime, RegimeSummary(row.regime)).skipped += 1
        return summaries

    def exceptions(self) -> list[dict[str, Any]]:
        """Exception and timeout messages with their counts, regimes and a first point."""
        groups: dict[str, list[PointResult]] = {}
        for point in self.points:
            if point.status in ("exception", "timeout"):
                groups.setdefault(point.message, []).append(point)
        return [
            {
                "message": m,
                "count": len(ps),
                "regimes": sorted({p.regime for p in ps}),
                "first": {k: _number(v) for k, v in ps[0].inputs.items()},
            }
            for m, ps in groups.items()
        ]

    def verdict(self) -> str:
        return "pass" if self.passed else "fail"

    def _summary_line(self) -> str:
        failed = len(self.failures)
        skipped = f"; {len(self.skipped)} rows skipped" if self.skipped else ""
        return (
            f"{self.verdict().upper()}: {failed} of {len(self.points)} points fail "
            f"(rtol {self.rtol:g}, atol {self.atol:g}){skipped}"
        )

    def to_markdown(self) -> str:
        """Verdict, per-regime table, diagnoses, exceptions, skipped rows, every failing point."""
        lines = [
            f"## Check of {self.law} {self.quantity} against {self.table}",
            "",
            self._summary_line(),
            f"(calls: {self.mode})" if self.mode else "",
            "",
            (
                "| regime | points | failed | max error | worst point | NaN/inf | exceptions | timeouts "
                "| skipped |"
            ),
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for s in self.regimes.values():
            if s.max_error is None:
                error, worst = ("no finite result" if s.points else "-"), "-"
            else:
                error, worst = f"{s.max_error:.2e}", _inputs_text(s.worst.inputs) if s.worst else "-"
            lines.append(
                f"| {s.regime} | {s.points} | {s.failed} | {error} | {worst} | {s.nonfinite} | "
                f"{s.exceptions} | {s.timeouts} | {s.skipped} |"
            )
        if self.diagnoses:
            lines += ["", "### Diagnoses", ""] + [f"- {d}" for d in self.diagnoses]
        if self.exceptions():
            lines += ["", "### Exceptions and timeouts", ""]
            lines += [
                f"- {e['count']} × `{e['message']}` (regimes: {', '.join(e['regimes'])}; first at "
                f"{', '.join(f'{k}={v}' for k, v in e['first'].items())})"
                for e in self.exceptions()
            ]
        if self.skipped:
            lines += ["", "### Skipped rows", ""]
            for reason, count in Counter(s.reason for s in self.skipped).items():
                lines.append(f"- {count} rows: {reason}")
        if self.failures:
            lines += [
                "",
                f"### Failing points ({len(self.failures)})",
                "",
                "| regime | inputs | reference | got | error | status |",
                "|---|---|---|---|---|---|",
            ]
            for p in self.failures:
                got = p.message if p.status in ("exception", "timeout") else repr(p.got)
                error = "-" if p.status in ("exception", "timeout") else f"{p.error:.3g}"
                lines.append(
                    f"| {p.regime} | {_inputs_text(p.inputs)} | {p.reference_text} | {got} | {error} | "
                    f"{p.status} |"
                )
        lines += ["", self.verdict().upper()]
        return "\n".join(line for i, line in enumerate(lines) if line or i == 0 or lines[i - 1])

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict(),
            "law": self.law,
            "quantity": self.quantity,
            "table": self.table,
            "rtol": self.rtol,
            "atol": self.atol,
            "calls": self.mode,
            "counts": {
                "points": len(self.points),
                "failed": len(self.failures),
                "skipped": len(self.skipped),
            },
            "diagnoses": list(self.diagnoses),
            "regimes": [
                {
                    "regime": s.regime,
                    "points": s.points,
                    "failed": s.failed,
                    "max_error": _number(s.max_error) if s.max_error is not None else None,
                    "worst_inputs": {k: _number(v) for k, v in s.worst.inputs.items()} if s.worst else None,
                    "nonfinite": s.nonfinite,
                    "exceptions": s.exceptions,
                    "timeouts": s.timeouts,
                    "skipped": s.skipped,
                }
                for s in self.regimes.values()
            ],
            "exceptions": self.exceptions(),
            "skipped": [
                {
                    "regime": s.regime,
                    "inputs": {k: _number(v) for k, v in s.inputs.items()},
                    "reason": s.reason,
                }
                for s in self.skipped
            ],
            "points": [
                {
                    "regime": p.regime,
                    "inputs": {k: _number(v) for k, v in p.inputs.items()},
                    "reference": _number(p.reference),
                    "reference_text": p.reference_text,
                    "got": _number(p.got),
                    "error": _number(p.error),
                    "status": p.status,
                    "message": p.message,
                }
                for p in self.points
            ],
        }

    def to_json(self) -> str:
        """The report as JSON (strict: non-finite numbers are written as strings)."""
        return json.dumps(self.to_dict(), indent=1, allow_nan=False)

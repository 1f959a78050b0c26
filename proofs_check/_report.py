"""Results of machine checks and their Markdown report (shared by every script)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    """One verified (or refuted) identity.

    ``identity`` names the claim, ``route`` how it was checked, ``sizes`` the
    orders/sizes/points covered, ``passed`` the verdict, ``detail`` a short
    explanation (the failing case when ``passed`` is false).
    """

    identity: str
    route: str
    sizes: str
    passed: bool
    detail: str = ""
    seconds: float = 0.0


def timed(run: Callable[[], Check]) -> Check:
    """Run one check and record its wall-clock time."""
    start = time.perf_counter()
    result = run()
    return Check(
        result.identity, result.route, result.sizes, result.passed, result.detail, time.perf_counter() - start
    )


def markdown_table(checks: Iterable[Check]) -> str:
    """The checks as a Markdown table (identity, route, sizes, result, seconds)."""
    rows = ["| identity | route | sizes / orders | result | seconds |", "|---|---|---|---|---|"]
    for ch in checks:
        verdict = "pass" if ch.passed else f"**FAIL**: {ch.detail}"
        if ch.passed and ch.detail:
            verdict += f" ({ch.detail})"
        rows.append(f"| {ch.identity} | {ch.route} | {ch.sizes} | {verdict} | {ch.seconds:.1f} |")
    return "\n".join(rows)


def run_and_report(title: str, runs: Iterable[Callable[[], Check]]) -> list[Check]:
    """Run the checks, print a titled Markdown table, return the results."""
    results = [timed(run) for run in runs]
    print(f"## {title}\n\n{markdown_table(results)}\n", flush=True)
    return results


def exit_status(results: Iterable[Check]) -> int:
    """0 if every check passed, else 1 (the scripts' exit code)."""
    return 0 if all(ch.passed for ch in results) else 1


def main_for(title: str, runs: Callable[[], Iterable[Callable[[], Check]]]) -> None:
    """``python -m proofs_check.<name>``: report and exit non-zero on a failure."""
    sys.exit(exit_status(run_and_report(title, runs())))

"""Command line ``htmp-exact``.

* ``htmp-exact`` (no arguments; the README's main job) prints a small certified table of
  HTMP pdf/cdf/sf values; ``--gamma/--kappa/--x/--digits`` choose other points.
* ``htmp-exact table --preset paper --quantity pdf --digits 30 --format csv`` writes a
  certified reference table (or ``--gamma … --kappa … --x …`` for a grid), on ``--jobs N``
  processes, with a progress bar on stderr.
* ``htmp-exact check module:function --quantity pdf --rtol 1e-10`` checks a user's
  ``f(x, gamma, kappa)`` against the shipped certified table; exit code 0 (pass) or 1 (fail).
"""
from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from typing import List, Optional, Sequence

from . import exact
from .checker import check_implementation, load_function
from .tables import QUANTITIES, compute_table, preset_points, to_csv, to_json

DEFAULT_GAMMAS = ["0.5", "1", "2"]
DEFAULT_KAPPAS = ["1", "10", "1000"]
DEFAULT_XS = ["0.25", "1", "4"]
COMMANDS = ("table", "check")


def certified_table(gammas: Sequence[str], kappas: Sequence[str], xs: Sequence[str],
                    digits: int) -> List[List[str]]:
    """Rows ``[gamma, kappa, x, pdf, cdf, sf]`` of certified balls printed to ``digits`` digits."""
    rows = []
    for g in gammas:
        for k in kappas:
            for x in xs:
                vals = [f(x, g, k, digits=digits).str(digits, radius=True)
                        for f in (exact.pdf, exact.cdf, exact.sf)]
                rows.append([g, k, x] + vals)
    return rows


def _grid_options(parser: argparse.ArgumentParser, digits: int) -> None:
    parser.add_argument("--gamma", nargs="+", default=DEFAULT_GAMMAS, help="values of γ (exact decimals)")
    parser.add_argument("--kappa", nargs="+", default=DEFAULT_KAPPAS, help="values of κ (exact decimals)")
    parser.add_argument("--x", nargs="+", default=DEFAULT_XS,
                        help="points x (exact decimals; z = -x for stieltjes, the order k for moment)")
    parser.add_argument("--digits", type=int, default=digits, help=f"certified digits (default {digits})")


def _default_job(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="htmp-exact", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    _grid_options(parser, 15)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    rows = certified_table(args.gamma, args.kappa, args.x, args.digits)
    print("Certified HTMP(gamma, kappa) values (every ball contains the true value)")
    print(" | ".join(["gamma", "kappa", "x", "pdf", "cdf", "sf"]))
    for row in rows:
        print(" | ".join(row))
    print(f"{len(rows)} points, {time.perf_counter() - start:.2f} s")
    return 0


def _table(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="htmp-exact table",
                                     description="Write a certified reference table (values correctly rounded).")
    _grid_options(parser, 30)
    parser.add_argument("--preset", choices=["paper"], help="a preset grid of the paper's regimes")
    parser.add_argument("--quantity", choices=QUANTITIES, default="pdf")
    parser.add_argument("--format", choices=["csv", "json"], default="csv")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--output", help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error(f"--jobs must be >= 1, got {args.jobs}")
    points = (preset_points(args.preset) if args.preset else
              [("grid", g, k, x) for g in args.gamma for k in args.kappa for x in args.x])
    progress = sys.stderr.isatty() or len(points) > 20
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:
            rows = compute_table(points, args.quantity, args.digits, executor=pool, progress=progress)
    else:
        rows = compute_table(points, args.quantity, args.digits, progress=progress)
    text = to_csv(rows) if args.format == "csv" else to_json(rows) + "\n"
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            out.write(text)
    else:
        sys.stdout.write(text)
    return 0


def _check(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="htmp-exact check",
                                     description="Check f(x, gamma, kappa) against the certified table.")
    parser.add_argument("function", help="module:function to import and check")
    parser.add_argument("--quantity", choices=["pdf", "logpdf", "cdf", "sf"], default="pdf")
    parser.add_argument("--preset", choices=["paper"], default="paper")
    parser.add_argument("--rtol", type=float, default=1e-10, help="tolerance on the error (default 1e-10)")
    args = parser.parse_args(argv)
    report = check_implementation(load_function(args.function), args.quantity, args.rtol)
    print(report.to_markdown())
    return 0 if report.passed else 1


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Entry point of the ``htmp-exact`` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    command = {"table": _table, "check": _check}.get(args[0]) if args else None
    try:
        return command(args[1:]) if command else _default_job(args)
    except (ValueError, TypeError, ImportError, AttributeError, exact.PrecisionError) as err:
        print(f"htmp-exact: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""Command line ``htmp-exact``.

* ``htmp-exact`` (no arguments; the README's main job) prints a small certified table of
  HTMP pdf/cdf/sf values; ``--gamma/--kappa/--x/--digits`` choose other points.
* ``htmp-exact table --preset standard --quantity cdf --encoding binary64 --digits 20`` writes
  a certified reference table (``--gamma … --kappa … --x …`` for a grid instead of a preset),
  on ``--jobs N`` processes, with a progress bar on a terminal.
* ``htmp-exact check module:function --law htmp --quantity pdf`` checks a user's function
  against a certified table; the module is imported from the current folder as ``python -m``
  does.  Exit code 0: pass, 1: fail, 2: usage error (one line on stderr).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from fractions import Fraction
from typing import NoReturn

from . import exact
from .checker import check_implementation, load_function
from .tables import (
    ENCODINGS,
    LAWS,
    PRESETS,
    QUANTITIES,
    Point,
    Table,
    compute_table,
    preset_points,
    to_csv,
    to_json,
)
from .tables.encoding import encode, parse_input
from .tables.io import load_table

__all__ = ["main", "certified_table"]

DEFAULT_GAMMAS = ["0.5", "1", "2"]
DEFAULT_KAPPAS = ["1", "10", "1000"]
DEFAULT_XS = ["0.25", "1", "4"]
#: Ranges the command accepts (the certified functions accept more, at a cost that grows without bound).
GAMMA_RANGE = ("1e-4", "1e4")
KAPPA_RANGE = ("1e-4", "1e6")
X_LIMIT = "1e300"
MAX_CLI_DIGITS = 100


class UsageError(Exception):
    """A wrong command line: reported on one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _in_range(name: str, text: str, low: str, high: str) -> str:
    value = parse_input(text, name)
    if not Fraction(low) <= value <= Fraction(high):
        raise UsageError(f"--{name} {text}: must lie in [{low}, {high}]")
    return text


def _x_value(text: str) -> str:
    if abs(parse_input(text, "x")) > Fraction(X_LIMIT):
        raise UsageError(f"--x {text}: |x| must be at most {X_LIMIT}")
    return text


def certified_table(
    gammas: Sequence[str], kappas: Sequence[str], xs: Sequence[str], digits: int
) -> list[list[str]]:
    """Rows ``[gamma, kappa, x, pdf, cdf, sf]`` of certified balls printed to ``digits`` digits."""
    rows = []
    for g in gammas:
        for k in kappas:
            for x in xs:
                vals = [
                    f(x, g, k, digits=digits).str(digits, radius=True)
                    for f in (exact.pdf, exact.cdf, exact.sf)
                ]
                rows.append([g, k, x] + vals)
    return rows


def _grid_options(parser: argparse.ArgumentParser, digits: int) -> None:
    parser.add_argument("--gamma", nargs="+", default=DEFAULT_GAMMAS, help="values of γ (exact decimals)")
    parser.add_argument("--kappa", nargs="+", default=DEFAULT_KAPPAS, help="values of κ (exact decimals)")
    parser.add_argument("--x", nargs="+", default=DEFAULT_XS, help="points x (exact decimals)")
    parser.add_argument("--digits", type=int, default=digits, help=f"significant digits (default {digits})")


def _checked_grid(args: argparse.Namespace) -> None:
    args.gamma = [_in_range("gamma", g, *GAMMA_RANGE) for g in args.gamma]
    args.kappa = [_in_range("kappa", k, *KAPPA_RANGE) for k in args.kappa]
    args.x = [_x_value(x) for x in args.x]
    if not 1 <= args.digits <= MAX_CLI_DIGITS:
        raise UsageError(f"--digits {args.digits}: must lie in [1, {MAX_CLI_DIGITS}]")


def _default_job(argv: Sequence[str]) -> int:
    parser = _Parser(
        prog="htmp-exact", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    _grid_options(parser, 15)
    args = parser.parse_args(argv)
    _checked_grid(args)
    start = time.perf_counter()
    rows = certified_table(args.gamma, args.kappa, args.x, args.digits)
    print("Certified HTMP(gamma, kappa) values (every ball contains the true value)")
    print(" | ".join(["gamma", "kappa", "x", "pdf", "cdf", "sf"]))
    for row in rows:
        print(" | ".join(row))
    print(f"{len(rows)} points, {time.perf_counter() - start:.2f} s")
    return 0


def _grid_points(args: argparse.Namespace) -> list[Point]:
    if args.quantity not in ("pdf", "logpdf", "cdf", "sf"):
        raise UsageError(
            f"--quantity {args.quantity} needs --preset (a grid takes x for pdf, logpdf, cdf, sf)"
        )
    if args.law == "mp":
        args.kappa = [None]
    points = []
    for g in args.gamma:
        for k in args.kappa:
            for x in args.x:
                params = (encode(g, args.encoding, "gamma"),) + (
                    () if k is None else (encode(k, args.encoding, "kappa"),)
                )
                points.append(Point("grid", (encode(x, args.encoding, "x"),) + params))
    return points


def _table(argv: Sequence[str]) -> int:
    parser = _Parser(
        prog="htmp-exact table", description="Write a certified reference table (values correctly rounded)."
    )
    _grid_options(parser, 20)
    parser.add_argument("--law", choices=LAWS, default="htmp")
    parser.add_argument("--preset", choices=tuple(PRESETS), help="a preset grid (else --gamma/--kappa/--x)")
    parser.add_argument("--quantity", choices=QUANTITIES, default="pdf")
    parser.add_argument(
        "--encoding",
        choices=ENCODINGS,
        default="binary64",
        help="inputs as binary64 numbers (default) or exact decimals",
    )
    parser.add_argument("--format", choices=["csv", "json"], default="csv")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--output", help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        raise UsageError(f"--jobs must be >= 1, got {args.jobs}")
    if args.preset and PRESETS[args.preset] != args.law:
        raise UsageError(
            f"--preset {args.preset} is a preset of law {PRESETS[args.preset]!r}, not {args.law!r}"
        )
    if args.preset is None:
        _checked_grid(args)
    elif not 1 <= args.digits <= MAX_CLI_DIGITS:
        raise UsageError(f"--digits {args.digits}: must lie in [1, {MAX_CLI_DIGITS}]")
    points = preset_points(args.preset, args.quantity, args.encoding) if args.preset else _grid_points(args)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        progress = sys.stderr.isatty()
        if args.jobs > 1:
            with ProcessPoolExecutor(args.jobs) as pool:
                rows = compute_table(
                    points, args.law, args.quantity, args.digits, executor=pool, progress=progress
                )
        else:
            rows = compute_table(points, args.law, args.quantity, args.digits, progress=progress)
        table = Table(args.law, args.quantity, args.encoding, args.digits, args.preset or "", rows)
        out.write(to_csv(table) if args.format == "csv" else to_json(table) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 0


def _check(argv: Sequence[str]) -> int:
    parser = _Parser(
        prog="htmp-exact check",
        description="Check an implementation against a certified table. Calling conventions: "
        "pdf/logpdf/cdf/sf f(x, gamma, kappa), ppf/isf f(q, gamma, kappa), "
        "stieltjes f(z, gamma, kappa) with complex z, moment f(k, gamma, kappa); "
        "MP: the same without kappa.",
    )
    parser.add_argument(
        "function", help="module:function to import (from the current folder, as python -m does)"
    )
    parser.add_argument("--law", choices=LAWS, default="htmp")
    parser.add_argument("--quantity", choices=QUANTITIES, default="pdf")
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--preset", choices=tuple(PRESETS), help="shipped table (default: standard, mp for MP)"
    )
    source.add_argument("--table", help="a table file written by 'htmp-exact table'")
    parser.add_argument(
        "--encoding", choices=ENCODINGS, default="binary64", help="shipped table's input encoding"
    )
    parser.add_argument("--rtol", type=float, help="relative tolerance (default: per quantity, see the docs)")
    parser.add_argument("--atol", type=float, help="absolute floor of the error (default: per quantity)")
    parser.add_argument("--format", choices=["markdown", "json"], default="markdown")
    parser.add_argument("--timeout", type=float, help="seconds per scalar call (in a worker process)")
    args = parser.parse_args(argv)
    function = load_function(args.function)
    table = load_table(args.table) if args.table else None
    report = check_implementation(
        function,
        law=args.law,
        quantity=args.quantity,
        preset=args.preset,
        table=table,
        encoding=args.encoding,
        rtol=args.rtol,
        atol=args.atol,
        timeout=args.timeout,
    )
    print(report.to_markdown() if args.format == "markdown" else report.to_json())
    return 0 if report.passed else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``htmp-exact`` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    command = {"table": _table, "check": _check}.get(args[0]) if args else None
    try:
        return command(args[1:]) if command else _default_job(args)
    except (
        UsageError,
        ValueError,
        TypeError,
        ImportError,
        AttributeError,
        OSError,
        exact.PrecisionError,
    ) as err:
        message = " ".join(str(err).split()) or type(err).__name__
        print(f"htmp-exact: error: {message}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""Command line: ``htmp-exact`` prints a small certified table of HTMP values (the README's main job).

``htmp-exact [--gamma G ...] [--kappa K ...] [--x X ...] [--digits D]`` prints, for each
(γ, κ, x), the certified pdf, cdf and sf as balls ``[midpoint +/- radius]``.
"""
from __future__ import annotations

import argparse
import sys
import time
from typing import List, Optional, Sequence

from . import exact

DEFAULT_GAMMAS = ["0.5", "1", "2"]
DEFAULT_KAPPAS = ["1", "10", "1000"]
DEFAULT_XS = ["0.25", "1", "4"]


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


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="htmp-exact", description=__doc__)
    parser.add_argument("--gamma", nargs="+", default=DEFAULT_GAMMAS, help="values of γ (exact decimals)")
    parser.add_argument("--kappa", nargs="+", default=DEFAULT_KAPPAS, help="values of κ (exact decimals)")
    parser.add_argument("--x", nargs="+", default=DEFAULT_XS, help="points x (exact decimals)")
    parser.add_argument("--digits", type=int, default=15, help="certified relative digits (default 15)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        rows = certified_table(args.gamma, args.kappa, args.x, args.digits)
    except (ValueError, TypeError, exact.PrecisionError) as err:
        print(f"htmp-exact: {err}", file=sys.stderr)
        return 2
    header = ["gamma", "kappa", "x", "pdf", "cdf", "sf"]
    print("Certified HTMP(gamma, kappa) values (every ball contains the true value)")
    print(" | ".join(header))
    for row in rows:
        print(" | ".join(row))
    print(f"{len(rows)} points, {time.perf_counter() - start:.2f} s")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

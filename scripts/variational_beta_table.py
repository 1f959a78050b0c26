"""Precompute the variational β of structures (b) and (d) by Algorithm 1 (SPEC §9).

Run: ``nice -n 10 python scripts/variational_beta_table.py [out.csv]`` (default
``docs/data/variational_beta_b_d.csv``; about 15 minutes of CPU).  One row per structure
(b, d), m, n ∈ {2, …, 10} and shape a' ∈ SHAPES, each the result of one call of
``estimate_beta`` with its default settings and the seed in the row.  Columns:

structure, m, n, N          the structure and its sizes (N = mn)
shape                       a' of the one-body weight λ^{a'} e^{−λ/2}
beta                        the estimate of β* (Polyak–Ruppert / averaged one-step estimate)
ci_low, ci_high             its 95% interval
standard_error              the asymptotic standard error of beta
heuristic                   Remark F.6's D / (N(N−1)/2)
ratio                       beta / heuristic
slope_derivative            the estimate of r'(β*) (r(β) = Cov_β(H, L)/Var_β(L))
samples, iterations, seed   the settings of the call
cpu_seconds                 CPU time of the call
"""

import csv
import itertools
import sys
import time
from pathlib import Path

from htmp_exact.variational import estimate_beta

SHAPES = (-0.5, 0.0, 2.0, 8.0)
SIZES = range(2, 11)
COLUMNS = [
    "structure",
    "m",
    "n",
    "N",
    "shape",
    "beta",
    "ci_low",
    "ci_high",
    "standard_error",
    "heuristic",
    "ratio",
    "slope_derivative",
    "samples",
    "iterations",
    "seed",
    "cpu_seconds",
]


def row(structure: str, m: int, n: int, shape: float, seed: int) -> dict:
    start = time.process_time()
    res = estimate_beta(structure, m=m, n=n, shape=shape, random_state=seed)
    return {
        "structure": structure,
        "m": m,
        "n": n,
        "N": m * n,
        "shape": shape,
        "beta": f"{res.beta:.8g}",
        "ci_low": f"{res.ci[0]:.8g}",
        "ci_high": f"{res.ci[1]:.8g}",
        "standard_error": f"{res.standard_error:.4g}",
        "heuristic": f"{res.heuristic:.12g}",
        "ratio": f"{res.beta / res.heuristic:.6g}",
        "slope_derivative": f"{res.slope_derivative:.4g}",
        "samples": res.samples,
        "iterations": res.iterations,
        "seed": seed,
        "cpu_seconds": f"{time.process_time() - start:.2f}",
    }


def main() -> None:
    default = Path(__file__).parent.parent / "docs" / "data" / "variational_beta_b_d.csv"
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        cases = itertools.product(("b", "d"), SHAPES, SIZES, SIZES)
        for seed, (structure, shape, m, n) in enumerate(cases, start=1):
            writer.writerow(row(structure, m, n, shape, seed))
            handle.flush()
            print(structure, shape, m, n, flush=True)


if __name__ == "__main__":
    main()

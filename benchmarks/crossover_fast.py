"""The automatic choice of the fast path: n points of one pair (γ, κ) by one Riccati solve
(grouped) against the per-point kernel, for n = 8 … 512.

Run: ``python benchmarks/crossover_fast.py [--pairs P] [--seed S]``.

For P seeded pairs in each of two regions — the mixed grid of ``bench_mixed_grid.py``
(γ ∈ 10^[-1.5, 0.5], κ ∈ 10^[-1, 2.2]) and the documented domain (γ ∈ [1e-3, 1e3],
κ ∈ [1e-2, 1e5]) — and x ~ Gamma(2, 0.5)·max(1, γ): the median time of each route and the
share of pairs for which the grouped route is faster.  ``fast.MIN_GROUP`` is set near the
crossover.  Prints a Markdown table.
"""

import argparse
import time

import numpy as np
from _report import recorded

from htmp_exact import fast
from htmp_exact.fast import _htmp, _pointwise

SIZES = [8, 16, 32, 64, 128, 192, 256, 512]


def route_times(gamma: float, kappa: float, x: np.ndarray) -> tuple[float, float]:
    start = time.perf_counter()
    _htmp.logpdf_function(gamma, kappa, float(x.min()), float(x.max()))(x)
    middle = time.perf_counter()
    _pointwise.logpdf_points(x, np.full(x.size, gamma), np.full(x.size, kappa))
    return middle - start, time.perf_counter() - middle


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=40)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)
    regions = {
        "mixed grid": (10 ** rng.uniform(-1.5, 0.5, args.pairs), 10 ** rng.uniform(-1, 2.2, args.pairs)),
        "documented domain": (10 ** rng.uniform(-3, 3, args.pairs), 10 ** rng.uniform(-2, 5, args.pairs)),
    }
    route_times(0.5, 10.0, np.array([1.0, 2.0]))  # compiles both routes
    route_times(0.5, 1.0, np.array([1.0, 2.0]))
    print(f"MIN_GROUP = {fast.MIN_GROUP}\n")
    print("| region | n | grouped, median | per point, median | grouped faster for |")
    print("|---|---|---|---|---|")
    for name, (gammas, kappas) in regions.items():
        for n in SIZES:
            times = np.array(
                [route_times(g, k, rng.gamma(2, 0.5, n) * max(1.0, g)) for g, k in zip(gammas, kappas)]
            )
            grouped, per_point = np.median(times, axis=0)
            print(
                f"| {name} | {n} | {grouped * 1e3:.2f} ms | {per_point * 1e3:.2f} ms "
                f"| {np.mean(times[:, 0] < times[:, 1]):.0%} of pairs |",
                flush=True,
            )


if __name__ == "__main__":
    with recorded("fast-crossover", "Fast path: the automatic choice of route"):
        main()

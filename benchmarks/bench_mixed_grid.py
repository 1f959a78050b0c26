"""The fast path on a mixed grid (every point its own (γ, κ)) against the authors'-style approach,
with the grouped benchmark of ``bench_fast.py`` in the same run.

Run: ``python benchmarks/bench_mixed_grid.py [--seed S] [--points N] [--subsample M]``.

(a) ``fast.logpdf`` on N = 10⁵ points (seeded): γ log-uniform over 10^-1.5 … 10^0.5, κ
    log-uniform over 10^-1 … 10^2.2, x ~ Gamma(shape 2, scale 0.5) — all pairs distinct, so
    the automatic choice takes the per-point kernel;
(b) the authors'-style helper (mpmath ``hyperu`` at 15 digits per point, ``authors_style.py``)
    on a seeded subsample of M = 1000 of those points, extrapolated to N (its cost per point is
    heavy-tailed: the subsample mean is the estimate; failures counted);
(c) the same points with one Riccati solve per point (the grouped route applied to single
    points), on 300 of them, extrapolated;
(d) the per-point cost distribution over the documented domain (γ ∈ [1e-3, 1e3] and
    κ ∈ [1e-2, 1e5] log-uniform, x ~ Gamma(2, 0.5)·max(1, γ)): 2000 points, each timed in one
    call on 20 copies of it (best of 3);
(e) the set-up of one Riccati solve (start value, and solve over x ∈ [0.5, 2] of the carrying
    law) for 40 pairs with κ ≤ 10⁴, median;
(f) the start values of the 10 pairs of ``bench_fast.py``: float (c ≥ 1) against all certified;
(g) the grouped benchmark of ``bench_fast.py``.
Prints Markdown tables.  Timings are wall-clock in one process; the machine's load affects all
rows alike.
"""

import argparse
import math
import time

import numpy as np
from _report import recorded
from authors_style import authors_style_pdf
from bench_fast import PAIRS, grouped_rows, print_table

from htmp_exact import exact, fast
from htmp_exact.fast import _pointwise, _riccati
from htmp_exact.fast._solution import CarrierLaw, start_value


def mixed_grid(seed: int, n: int):
    rng = np.random.default_rng(seed)
    return 10 ** rng.uniform(-1.5, 0.5, n), 10 ** rng.uniform(-1, 2.2, n), rng.gamma(2, 0.5, n)


def per_point_costs(seed: int, n: int, copies: int = 20) -> np.ndarray:
    """Seconds per point of the per-point kernel at n points of the documented domain: each point
    timed in one call on ``copies`` copies of it (the kernel's cost, the ~µs of Python per call
    spread over the copies), best of 3."""
    rng = np.random.default_rng(seed + 1)
    g, k = 10 ** rng.uniform(-3, 3, n), 10 ** rng.uniform(-2, 5, n)
    x = rng.gamma(2, 0.5, n) * np.maximum(g, 1)
    _pointwise.logpdf_points(x, g, k)  # compiles every route these points need
    costs = np.empty(n)
    for i in range(n):
        xs, gs, ks = np.full(copies, x[i]), np.full(copies, g[i]), np.full(copies, k[i])
        best = np.inf
        for _ in range(3):
            start = time.perf_counter()
            _pointwise.logpdf_points(xs, gs, ks)
            best = min(best, time.perf_counter() - start)
        costs[i] = best / copies
    return costs


def setup_costs(seed: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Seconds for the start value and for the solve over x ∈ [0.5, 2] (of the carrying law) of
    n pairs with κ ≤ 1e4."""
    rng = np.random.default_rng(seed + 2)
    starts, solves = [], []
    for g, k in zip(10 ** rng.uniform(-3, 3, n), 10 ** rng.uniform(-2, 4, n)):
        law = CarrierLaw.from_inputs(g, k)
        begin = time.perf_counter()
        u0 = start_value(law)
        middle = time.perf_counter()
        for end in (math.log(0.5 * law.s), math.log(2.0 * law.s)):
            _riccati.solve(law.a, law.b, math.log(law.s), u0.real, math.log(-u0.imag), end)
        starts.append(middle - begin)
        solves.append(time.perf_counter() - middle)
    return np.array(starts), np.array(solves)


def start_value_costs() -> tuple[float, float]:
    """Seconds for the start values of the 10 pairs of ``bench_fast.py``: as the grouped route
    takes them (:func:`~htmp_exact.fast._solution.start_value`) and all certified (the boundary
    value of the Stieltjes transform at 17 digits)."""
    laws = [CarrierLaw.from_inputs(g, k) for g, k in PAIRS]
    begin = time.perf_counter()
    for law in laws:
        start_value(law)
    middle = time.perf_counter()
    for law in laws:
        exact.stieltjes_boundary(1, law.exact_gamma, law.exact_kappa, digits=17)
    return middle - begin, time.perf_counter() - middle


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--points", type=int, default=100_000)
    parser.add_argument("--subsample", type=int, default=1000)
    args = parser.parse_args()
    g, k, x = mixed_grid(args.seed, args.points)

    start = time.perf_counter()
    fast.logpdf(x[:200], g[:200], k[:200])  # compiles the routes (once per process and cache)
    t_compile = time.perf_counter() - start

    start = time.perf_counter()
    values = fast.logpdf(x, g, k)
    t_fast = time.perf_counter() - start

    rng = np.random.default_rng(args.seed + 3)
    sub = rng.choice(x.size, args.subsample, replace=False)
    start = time.perf_counter()
    slow = np.vectorize(authors_style_pdf)(x[sub], g[sub], k[sub])
    t_slow = (time.perf_counter() - start) / sub.size * x.size

    few = sub[:300]
    fast.logpdf_function(g[0], k[0], x[0], x[0])  # compiles the solver (once per process and cache)
    start = time.perf_counter()
    for i in few:
        fast.logpdf_function(g[i], k[i], x[i], x[i])(np.array([x[i]]))
    t_grouped = (time.perf_counter() - start) / few.size * x.size

    costs = per_point_costs(args.seed, 2000)
    starts, solves = setup_costs(args.seed, 40)
    converged = ~np.isnan(slow) & (slow > 0)
    agree = np.abs(np.exp(values[sub][converged]) / slow[converged] - 1)

    n = x.size
    print(f"Mixed grid: {n:,} points, seed {args.seed}\n")
    print_table(
        [
            ("fast.logpdf (automatic choice: per-point kernel)", t_fast),
            (f"mpmath hyperu per point (extrapolated from {sub.size})", t_slow),
            ("one Riccati solve per point (extrapolated from 300)", t_grouped),
        ],
        t_fast,
        n,
    )
    print(
        f"\nspeed-up over the authors' style: {t_slow / t_fast:,.0f}×; over one solve per point: "
        f"{t_grouped / t_fast:,.0f}×"
    )
    print(f"fast.logpdf per point on the grid: {t_fast / n * 1e6:.2f} µs (mean, one array call)")
    print(
        f"mpmath failures on the subsample: {int(np.isnan(slow).sum())} of {sub.size}; "
        f"agreement where it converged: median {np.median(agree):.1e}, max {np.max(agree):.1e}"
    )
    print(f"first call on the grid (compiles the routes; 0 with a warm cache): {t_compile:.2f} s\n")
    print("| per-point kernel, documented domain (2000 points) | median | 90% | 99% | max |")
    print("|---|---|---|---|---|")
    q = np.quantile(costs, [0.5, 0.9, 0.99]) * 1e6
    print(f"| µs per point | {q[0]:.1f} | {q[1]:.1f} | {q[2]:.1f} | {costs.max() * 1e6:.0f} |")
    total = starts + solves
    print(
        f"\nset-up of one Riccati solve, 40 pairs with κ ≤ 1e4: median {np.median(total) * 1e3:.2f} ms "
        f"(start value {np.median(starts) * 1e3:.2f} ms, "
        f"solve over x ∈ [0.5, 2] {np.median(solves) * 1e3:.2f} ms), "
        f"max {total.max() * 1e3:.1f} ms\n"
    )
    chosen, certified = start_value_costs()
    print(
        f"start values of the 10 pairs of bench_fast.py: {chosen * 1e3:.1f} ms "
        f"(float, c ≥ 1; certified, c < 1) against {certified * 1e3:.1f} ms all certified\n"
    )
    rows, notes = grouped_rows(args.seed)
    print("Grouped (bench_fast.py), same run:\n")
    print_table(rows, rows[0][1], 100_000)
    for note in notes:
        print(note)


if __name__ == "__main__":
    with recorded("fast-mixed-grid", "Fast path: mixed grid and per-point kernel"):
        main()

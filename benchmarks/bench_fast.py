"""Grouped throughput of the fast path (many points per (γ, κ)) against the authors'-style approach
and a float64 floor, in one run.

Run: ``python benchmarks/bench_fast.py``.  After one warm-up call (numba loads the compiled
Riccati solver once per process; its time is printed too), times
(a) ``htmp_exact.fast.pdf`` on 10⁵ points: 10 (γ, κ) pairs × 10⁴ x each (x log-spaced in
    [1e-3, 10]), one call (one Riccati solve per pair);
(b) a re-creation of the usual approach (mpmath ``hyperu`` per point at 15 digits, through
    ``np.vectorize``; ``authors_style.py``) on a random subsample of 300 of those points
    (failures counted);
(c) ``scipy.stats.gamma.logpdf`` on the same 10⁵ points (a floor for any float64 density);
(d) the per-point cost once set up: ``fast.logpdf_function`` solved once per pair, then
    evaluated on the 10⁵ points;
(e) ``htmp_exact.fast.stieltjes`` on 10⁴ points ``x + 1e-6 i`` (10 pairs × 10³ x), next to
    the support, where the quadrature is refined;
and prints a Markdown table of points per second and the ratios.
"""

import time

import numpy as np
from _report import recorded
from authors_style import authors_style_pdf
from scipy import stats

from htmp_exact import fast

PAIRS = [
    (0.1, 1.0),
    (0.25, 4.0),
    (0.5, 10.0),
    (0.5, 100.0),
    (0.9, 20.0),
    (1.0, 2.0),
    (2.0, 5.0),
    (0.2, 1000.0),
    (0.5, 1000.0),
    (4.0, 50.0),
]


def grouped_rows(seed: int = 0):
    """``(rows, notes)``: table rows ``(name, seconds for 10⁵ points)`` and remarks."""
    xs = np.logspace(-3, 1, 10_000)
    x = np.concatenate([xs for _ in PAIRS])
    g = np.repeat([p[0] for p in PAIRS], xs.size)
    k = np.repeat([p[1] for p in PAIRS], xs.size)

    start = time.perf_counter()
    fast.pdf(np.full(fast.MIN_GROUP, 1.0), 0.3, 3.0)  # once per process: numba loads the Riccati solver
    t_warm = time.perf_counter() - start

    start = time.perf_counter()
    fast.pdf(x, g, k)
    t_fast = time.perf_counter() - start

    sub = np.random.default_rng(seed).choice(x.size, 300, replace=False)
    start = time.perf_counter()
    slow = np.vectorize(authors_style_pdf)(x[sub], g[sub], k[sub])
    t_slow = (time.perf_counter() - start) / sub.size * x.size

    start = time.perf_counter()
    stats.gamma.logpdf(x, a=k / (2 * g), scale=2 * g / k)
    t_floor = time.perf_counter() - start

    functions = [fast.logpdf_function(gamma, kappa, 1e-3, 10.0) for gamma, kappa in PAIRS]
    start = time.perf_counter()
    for function in functions:
        function(xs)
    t_evaluate = time.perf_counter() - start

    z = np.logspace(-3, 1, 1000) + 1e-6j
    start = time.perf_counter()
    for gamma, kappa in PAIRS:
        fast.stieltjes(z, gamma, kappa)
    t_stieltjes = (time.perf_counter() - start) * x.size / (z.size * len(PAIRS))

    rows = [
        ("fast.pdf, 10 pairs × 10⁴ x (grouped: one Riccati solve per pair)", t_fast),
        ("mpmath hyperu per point (extrapolated from 300)", t_slow),
        ("scipy.stats.gamma.logpdf (float64 floor)", t_floor),
        ("logpdf_function, evaluation only (set-up excluded)", t_evaluate),
        ("fast.stieltjes at x + 1e-6i (extrapolated from 10⁴)", t_stieltjes),
    ]
    notes = [
        f"mpmath failures on the grouped subsample: {int(np.isnan(slow).sum())} of {sub.size}",
        f"first grouped call in the process (loads the compiled solver): {t_warm:.3f} s",
    ]
    return rows, notes


def print_table(rows, reference: float, points: int) -> None:
    print("| method | points/s | time for 10⁵ points | ratio to the first row |")
    print("|---|---|---|---|")
    for name, t in rows:
        print(f"| {name} | {points / t:,.0f} | {t:.3f} s | {t / reference:.3g} |")


def main():
    rows, notes = grouped_rows()
    print_table(rows, rows[0][1], 100_000)
    print()
    for note in notes:
        print(note)


if __name__ == "__main__":
    with recorded("fast-grouped", "Fast path: grouped throughput"):
        main()

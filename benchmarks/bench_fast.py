"""Fast path throughput against the authors'-style approach and a float64 floor, in one run.

Run: ``python benchmarks/bench_fast.py``.  After one warm-up call (numba loads the compiled
Riccati solver once per process; its time is printed too), times
(a) ``htmp_exact.fast.pdf`` on 10⁵ points: 10 (γ, κ) pairs × 10⁴ x each (x log-spaced in
    [1e-3, 10]), one call;
(b) a re-creation of the usual approach (mpmath ``hyperu`` per point at 15 digits, through
    ``np.vectorize``) on a random subsample of 300 of those points (failures counted);
(c) ``scipy.stats.gamma.logpdf`` on the same 10⁵ points (a floor for any float64 density);
(d) the per-point cost once set up: ``fast.logpdf_function`` solved once per pair, then
    evaluated on the 10⁵ points;
(e) ``htmp_exact.fast.stieltjes`` on 10⁴ points ``x + 1e-6 i`` (10 pairs × 10³ x), next to
    the support, where the quadrature is refined;
and prints points per second and the ratios.
"""

import time

import mpmath as mp
import numpy as np
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


def authors_style_pdf(x, gamma, kappa):
    mp.mp.dps = 15
    c = kappa / 2
    s = c / gamma
    alpha = c * (1 / gamma - 1) - 1
    y = s * x
    try:
        u = mp.hyperu(c, -alpha, -y)
        return float(
            s * mp.power(y, alpha) * mp.exp(-y) / (mp.gamma(c + 1) * mp.gamma(c + alpha + 1) * abs(u) ** 2)
        )
    except (ValueError, ZeroDivisionError, mp.libmp.NoConvergence):
        return np.nan


def main():
    xs = np.logspace(-3, 1, 10_000)
    x = np.concatenate([xs for _ in PAIRS])
    g = np.repeat([p[0] for p in PAIRS], xs.size)
    k = np.repeat([p[1] for p in PAIRS], xs.size)

    start = time.perf_counter()
    fast.pdf(1.0, 0.3, 3.0)  # once per process: numba loads (or compiles) the Riccati solver
    t_warm = time.perf_counter() - start

    start = time.perf_counter()
    fast.pdf(x, g, k)
    t_fast = time.perf_counter() - start

    sub = np.random.default_rng(0).choice(x.size, 300, replace=False)
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

    n = x.size
    print("| method | points/s | time for 10⁵ points | ratio to fast |")
    print("|---|---|---|---|")
    for name, t in (
        ("htmp_exact.fast.pdf", t_fast),
        ("mpmath hyperu per point (extrapolated from 300)", t_slow),
        ("scipy.stats.gamma.logpdf (floor)", t_floor),
        ("logpdf_function, evaluation only (set-up excluded)", t_evaluate),
        ("htmp_exact.fast.stieltjes at x + 1e-6i (extrapolated from 10⁴)", t_stieltjes),
    ):
        print(f"| {name} | {n / t:,.0f} | {t:.3f} s | {t / t_fast:.3g} |")
    print(f"\nmpmath failures on the subsample: {int(np.isnan(slow).sum())} of {sub.size}")
    print(f"first fast call in the process (loads the compiled solver; one point): {t_warm:.3f} s")


if __name__ == "__main__":
    main()

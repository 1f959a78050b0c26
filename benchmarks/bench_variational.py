"""Cost and interval coverage of Algorithm 1 (``htmp_exact.variational.estimate_beta``, SPEC §9).

Run: ``python benchmarks/bench_variational.py`` (timing, about a minute) or
``python benchmarks/bench_variational.py coverage`` (coverage, 10–20 minutes).

Timing: wall-clock and CPU seconds of one default call ``estimate_beta(structure, m=m, n=n)``
(1000 draws × 40 iterations) for (b) and (d) at several sizes, and, in the same run, the cost
per draw of the baseline that draws one matrix at a time with ``ensembles.beta_laguerre_eigenvalues``
and sums ``log|λ_i − λ_j|`` with numpy, against the batch sampler and compiled log-gap sums.

Coverage: 200 default calls with different seeds per case; the truth is ``exact_beta`` for the
product forms and, for (b) and (d), a reference run with 150 times as many draws.
"""

import sys
import time

import numpy as np
from _report import recorded

from htmp_exact.ensembles import beta_laguerre_eigenvalues
from htmp_exact.variational import estimate_beta, exact_beta, laguerre_batch, log_vandermonde, log_weyl_factor


def timed(run):
    wall, cpu = time.perf_counter(), time.process_time()
    out = run()
    return out, time.perf_counter() - wall, time.process_time() - cpu


def naive_draws(structure, m, n, beta, draws, gen):
    """The baseline: one ensembles draw at a time, numpy sums of log gaps per draw."""
    N = m * n
    first, second = np.triu_indices(N, 1)
    for _ in range(draws):
        lam = gen.permutation(beta_laguerre_eigenvalues(N, beta, 1 + beta * (N - 1) / 2, gen))
        np.log(np.abs(lam[first] - lam[second])).sum()
        log_weyl_factor(structure, lam, m=m, n=n)


def batch_draws(structure, m, n, beta, draws, gen):
    lam = gen.permuted(laguerre_batch(m * n, beta, 0.0, draws, gen), axis=1)
    log_vandermonde(lam)
    log_weyl_factor(structure, lam, m=m, n=n)


def time_case(structure, m, n):
    """One markdown row: estimate_beta's wall and CPU time, and both samplers' CPU µs per draw."""
    res, wall, cpu = timed(lambda: estimate_beta(structure, m=m, n=n, random_state=0))
    gen = np.random.default_rng(0)
    _, _, naive = timed(lambda: naive_draws(structure, m, n, res.beta, 2000, gen))
    _, _, batch = timed(lambda: batch_draws(structure, m, n, res.beta, 2000, gen))
    return (
        f"| ({structure}) | {m} × {n} | {m * n} | {wall:.2f} | {cpu:.2f} | "
        f"{res.standard_error / res.beta:.2%} | {naive / 2000 * 1e6:.0f} | {batch / 2000 * 1e6:.0f} |"
    )


def timing():
    log_vandermonde(np.arange(3.0))  # compile (or load) the log-gap kernel
    print(
        "| structure | m × n | N | estimate_beta wall s | CPU s | rel. s.e. | "
        "baseline CPU µs/draw | batch CPU µs/draw |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for structure, m, n in [("b", 2, 2), ("d", 3, 3), ("b", 5, 5), ("d", 5, 5), ("b", 10, 10), ("d", 10, 10)]:
        print(time_case(structure, m, n), flush=True)


def coverage(replicates=200):
    cases = [
        ("c", {"m": 2, "n": 3}, 0.0, float(exact_beta("c", m=2, n=3))),
        ("F.7", {"N": 10, "k": 3}, 0.0, float(exact_beta("F.7", N=10, k=3))),
        ("c", {"m": 5, "n": 4}, 2.0, float(exact_beta("c", m=5, n=4))),
    ]
    for structure, sizes, shape in [
        ("b", {"m": 3, "n": 3}, 0.0),
        ("d", {"m": 4, "n": 4}, -0.5),
        ("b", {"m": 6, "n": 4}, 2.0),
    ]:
        ref = estimate_beta(structure, shape=shape, random_state=1, samples=20000, iterations=300, **sizes)
        print(
            f"reference ({structure}) {sizes} a' = {shape}: {ref.beta:.6f} ± {ref.standard_error:.1e}",
            flush=True,
        )
        cases.append((structure, sizes, shape, ref.beta))
    print("| structure | sizes | a' | truth | coverage of 95% CI | mean z | sd z | mean half-width |")
    print("|---|---|---|---|---|---|---|---|")
    for structure, sizes, shape, truth in cases:
        runs = [
            estimate_beta(structure, shape=shape, random_state=10_000 + r, **sizes) for r in range(replicates)
        ]
        z = np.array([(r.beta - truth) / r.standard_error for r in runs])
        hits = np.mean([r.ci[0] <= truth <= r.ci[1] for r in runs])
        width = np.mean([(r.ci[1] - r.ci[0]) / 2 for r in runs])
        label = ", ".join(f"{k}={v}" for k, v in sizes.items())
        print(
            f"| ({structure}) | {label} | {shape} | {truth:.6f} | {hits:.3f} | {z.mean():+.2f} | "
            f"{z.std():.2f} | {width:.2e} |",
            flush=True,
        )


if __name__ == "__main__":
    if sys.argv[1:] == ["coverage"]:
        with recorded("variational-coverage", "Variational β: coverage of the intervals"):
            coverage()
    else:
        with recorded("variational-timing", "Variational β: cost"):
            timing()

"""Time the β-Laguerre sampler (SPEC §6) against dense LAPACK in the same run.

Run: ``python benchmarks/bench_ensembles.py`` (writes docs/benchmarks/ensembles.md).  Seconds per draw of
``sample_htmp_spectrum(n, 0.5, 10)`` (tridiagonal, LAPACK dsterf) for several n, and
for n = 2000 the baseline that forms ``L = B Bᵀ`` densely and calls ``numpy.linalg.eigvalsh``.
"""

import numpy as np
from _report import table, timings, write

from htmp_exact.ensembles import beta_laguerre_bidiagonal, sample_htmp_spectrum


def best_of(run, repeat=3):
    return min(timings(run, repeat))


def dense_baseline(n, gamma, kappa, random_state):
    s = kappa / (2 * gamma)
    d, e = beta_laguerre_bidiagonal(n, kappa / n, s, random_state)
    B = np.diag(d) + np.diag(e, -1)
    return np.linalg.eigvalsh(B @ B.T) / (2 * s)


def main():
    gamma, kappa = 0.5, 10.0
    rows = []
    for n in (1000, 2000, 5000, 10000):
        tri = best_of(lambda n=n: sample_htmp_spectrum(n, gamma, kappa, random_state=0))
        dense = (
            f"{best_of(lambda n=n: dense_baseline(n, gamma, kappa, np.random.default_rng(0))):.3f} s"
            if n <= 2000
            else "not run"
        )
        rows.append([n, f"{tri:.3f} s", dense])
    write(
        "ensembles",
        "β-Laguerre sampler: seconds per draw (best of 3)",
        [
            (
                "sample_htmp_spectrum(n, 0.5, 10) against the dense baseline in the same run",
                table(["n", "tridiagonal (LAPACK dsterf)", "dense eigvalsh of B Bᵀ"], rows),
            )
        ],
    )


if __name__ == "__main__":
    main()

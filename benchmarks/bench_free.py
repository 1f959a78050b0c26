"""Density of HTMP(γ, κ) ⊠ ν on 1000 points, against baselines run in the same process.

Run: ``python benchmarks/bench_free.py``.  After a warm-up (numba loads the compiled
kernels once per process; printed), times with γ = 1/2:

(a) ``multiplicative_convolution(htmp(γ, κ), …)`` built and its ``pdf`` on 1000 points
    ``x ∈ [0.01, 8]``, for κ ∈ {1, 10, 100, 1000} and ν: a point mass at 2, three atoms,
    200 atoms (a Gamma(2, 1/2) sample, as from an empirical population spectrum) and the
    Gamma(2, 1/2) law given by its pdf;
(b) baseline: ``fast.stieltjes`` of μ alone at the same 1000 points ``x + 1e-6 i`` (one
    evaluation of μ's Cauchy transform by the fast path);
(c) baseline: the same subordination solve with μ's transform taken from ``fast.stieltjes``
    (``method="direct"``), for κ = 10 and three atoms;
(d) baseline: the plain fixed-point iteration ``Ω ← T(Ω)`` (no Newton, no continuation) on the
    same panels at ``x + 1e-3 x i`` (it cannot reach the axis), for κ = 10 and three atoms:
    iterations and time until every step is below 1e-12·|Ω| (at most 20,000);
(e) ``cdf`` on the same 1000 points (builds the product's own panels once).

Each time is the best of three runs (the machine is shared and noisy).
"""

import time

import numpy as np
from _report import recorded, timings
from scipy import stats

from htmp_exact import fast, htmp
from htmp_exact.free import multiplicative_convolution
from htmp_exact.free._subordination import residual

GAMMA = 0.5
X = np.linspace(0.01, 8, 1000)
NU = {
    "delta at 2": dict(atoms=[2.0]),
    "3 atoms": dict(atoms=[0.5, 1.0, 3.0], weights=[0.25, 0.5, 0.25]),
    "200 atoms": dict(atoms=np.random.default_rng(0).gamma(2.0, 0.5, 200)),
    "Gamma pdf": dict(nu=stats.gamma(2.0, scale=0.5)),
}


def best_of(run, repeat=3):
    return min(timings(run, repeat))


def naive_fixed_point(kappa):
    """Iterations and seconds of Ω ← T(Ω) at x + 1e-3 x i from Ω = ζ/mean(ν)."""
    d = multiplicative_convolution(htmp(GAMMA, kappa), **NU["3 atoms"])
    zeta = X * (1 + 1e-3j)
    omega = zeta / d._nu.typical
    start = time.perf_counter()
    iterations = 0
    while iterations < 20_000:
        step = residual(d._mu, d._nu, omega, zeta)[0]
        omega, iterations = omega - step, iterations + 1
        if np.all(np.abs(step) <= 1e-12 * np.abs(omega)):
            break
    return iterations, time.perf_counter() - start


def main():
    start = time.perf_counter()
    multiplicative_convolution(htmp(GAMMA, 10.0), atoms=[1.0]).pdf(X[:3])
    print(f"warm-up (numba load, first build): {time.perf_counter() - start:.2f} s\n")

    print("| κ | ν | build + pdf, 1000 points (s) | fast.stieltjes of μ alone, 1000 points (s) |")
    print("|---|---|---|---|")
    for kappa in (1.0, 10.0, 100.0, 1000.0):
        t_mu = best_of(lambda kappa=kappa: fast.stieltjes(X + 1e-6j, GAMMA, kappa))
        for name, kwargs in NU.items():
            t = best_of(
                lambda kappa=kappa, kwargs=kwargs: multiplicative_convolution(
                    htmp(GAMMA, kappa), **kwargs
                ).pdf(X)
            )
            print(f"| {kappa:g} | {name} | {t:.3f} | {t_mu:.3f} |")

    law = htmp(GAMMA, 10.0)
    t_panels = best_of(lambda: multiplicative_convolution(law, **NU["3 atoms"]).pdf(X))
    t_direct = best_of(lambda: multiplicative_convolution(law, method="direct", **NU["3 atoms"]).pdf(X), 1)
    iterations, t_naive = naive_fixed_point(10.0)
    t_cdf = best_of(lambda: multiplicative_convolution(law, **NU["3 atoms"]).cdf(X))
    print(
        f"\nκ = 10, 3 atoms: panels {t_panels:.3f} s; method='direct' (fast.stieltjes) {t_direct:.2f} s "
        f"({t_direct / t_panels:.0f}x); plain fixed point at x + 1e-3 x i: {iterations} iterations, "
        f"{t_naive:.2f} s ({t_naive / t_panels:.0f}x); cdf on 1000 points {t_cdf:.3f} s"
    )


if __name__ == "__main__":
    with recorded("free-convolution", "Population covariance: speed"):
        main()

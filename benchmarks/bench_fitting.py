"""Speed of the fits (htmp_exact.fitting), with baselines measured in the same run.

Run: ``python benchmarks/bench_fitting.py`` (``--quick`` skips the fresh-install measurement
and the bootstrap).  Times

(a) the first fit in a fresh process with an empty numba cache (``NUMBA_CACHE_DIR`` set to a
    new temporary directory: what a fresh install pays once), and the same with the cache
    that run filled;
(b) ``fit_htmp`` on 10⁴ eigenvalues (a β-Laguerre spectrum, γ = 0.5, κ = 20), after a
    warm-up, with and without the profile-likelihood intervals, against the plain approach on
    the same values (:func:`nested_brent_fit`: scipy's bounded Brent over log κ in
    [1e-2, 1e5], each step a bounded Brent over log σ on one ``fast.logpdf_function`` solve;
    no intervals, no κ = ∞, no check for a boundary maximum);
(c) the same with a truncated likelihood (``exclude_top=5``) and automatic spike detection
    at N = 256;
(d) ``bootstrap_gof`` with 100 replicates at N = 512, both samplers;
(e) the fast path's costs the fits are made of: the per-(γ, κ) set-up of
    ``fast.logpdf_function`` (median over the 8 grid values of κ) and the per-point cost,
    and how many of each a fit of 10⁴ values used.
Medians of 5 runs (1 for the bootstrap).  The machine is shared: compare ratios.
"""

import os
import subprocess
import sys
import tempfile

import numpy as np
from _report import recorded, timings
from scipy.optimize import minimize_scalar

from htmp_exact import fast
from htmp_exact.ensembles import sample_htmp_spectrum
from htmp_exact.fitting import _likelihood, bootstrap_gof, fit_htmp

FRESH = """
import time
start = time.perf_counter()
import numpy as np
from htmp_exact.ensembles import sample_htmp_spectrum
from htmp_exact.fitting import fit_htmp
fit_htmp(sample_htmp_spectrum(1000, 0.5, 20.0, 0), 0.5)
print(time.perf_counter() - start)
"""


def nested_brent_fit(x, gamma):
    """The plain maximum-likelihood fit (baseline): nested bounded Brent searches."""
    start = np.log(np.mean(x))

    def profile(t):
        f = fast.logpdf_function(gamma, np.exp(t), x.min() * np.exp(-start - 2), x.max() * np.exp(-start + 2))
        res = minimize_scalar(
            lambda u: -(np.sum(f(x * np.exp(-u))) - x.size * u),
            bounds=(start - 2, start + 2),
            method="bounded",
            options={"xatol": 1e-8},
        )
        return res.fun

    res = minimize_scalar(
        profile, bounds=(np.log(1e-2), np.log(1e5)), method="bounded", options={"xatol": 1e-3}
    )
    return np.exp(res.x)


def median_time(run, repeat=5):
    return float(np.median(timings(run, repeat)))


def fresh_process_seconds():
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ, NUMBA_CACHE_DIR=cache)
        run = [
            subprocess.run([sys.executable, "-c", FRESH], env=env, capture_output=True, text=True, check=True)
            for _ in range(2)
        ]
    return float(run[0].stdout), float(run[1].stdout)


def count_evaluations(x):
    """Set-ups and likelihood evaluations (each N points) of one fit."""
    counts = {"setup": 0, "points": 0}
    original_logpdf, original_call = _likelihood.logpdf_on, _likelihood.ScaleLikelihood.__call__

    def counted_logpdf(*args):
        counts["setup"] += 1
        return original_logpdf(*args)

    def counted_call(self, kappa, u, exact=False):
        counts["points"] += self.n
        return original_call(self, kappa, u, exact)

    _likelihood.logpdf_on, _likelihood.ScaleLikelihood.__call__ = counted_logpdf, counted_call
    try:
        fit_htmp(x, 0.5)
    finally:
        _likelihood.logpdf_on, _likelihood.ScaleLikelihood.__call__ = original_logpdf, original_call
    return counts


def main(quick):
    rows = []
    if not quick:
        cold, warm = fresh_process_seconds()
        rows += [
            ("first fit, fresh process, empty numba cache (N = 1000)", cold),
            ("first fit, fresh process, numba cache filled", warm),
        ]
    x = 1.5 * sample_htmp_spectrum(10_000, 0.5, 20.0, 1)
    fit_htmp(x[:1000], 0.5)  # warm-up
    rows += [
        ("fit_htmp, N = 10^4, with intervals", median_time(lambda: fit_htmp(x, 0.5))),
        (
            "fit_htmp, N = 10^4, point estimate only (ci=False)",
            median_time(lambda: fit_htmp(x, 0.5, ci=False)),
        ),
        (
            "baseline: nested bounded Brent (kappa, then scale), point estimate",
            median_time(lambda: nested_brent_fit(x, 0.5)),
        ),
    ]
    small = sample_htmp_spectrum(256, 1.0, 15.0, 3)
    rows += [
        ("fit_htmp, N = 10^4, exclude_top=5", median_time(lambda: fit_htmp(x, 0.5, exclude_top=5), 3)),
        ("fit_htmp, N = 256, with intervals", median_time(lambda: fit_htmp(small, 1.0))),
        ("fit_htmp, N = 256, exclude_top=5", median_time(lambda: fit_htmp(small, 1.0, exclude_top=5))),
        ("fit_htmp, N = 256, spikes='auto'", median_time(lambda: fit_htmp(small, 1.0, spikes="auto"), 3)),
    ]
    if not quick:
        fit = fit_htmp(1.5 * sample_htmp_spectrum(512, 0.5, 10.0, 2), 0.5)
        for sampler in ("inversion", "beta_laguerre"):
            rows.append(
                (
                    f"bootstrap_gof, 100 replicates, N = 512, {sampler}",
                    median_time(
                        lambda s=sampler: bootstrap_gof(fit, 100, random_state=0, sampler=s, progress=False),
                        1,
                    ),
                )
            )
    kappas = np.logspace(-2, 5, 8)
    setup = float(
        np.median([median_time(lambda k=k: fast.logpdf_function(0.5, k, 1e-3, 50.0), 3) for k in kappas])
    )
    function = fast.logpdf_function(0.5, 20.0, 1e-3, 50.0)
    per_point = median_time(lambda: function(x)) / x.size
    counts = count_evaluations(x)
    rows += [
        ("fast.logpdf_function set-up per (gamma, kappa), median over the grid", setup),
        ("fast path per-point cost (s/point)", per_point),
    ]
    width = max(len(r[0]) for r in rows)
    for name, seconds in rows:
        print(f"{name:{width}}  {seconds:10.4g} s")
    model = counts["setup"] * setup + counts["points"] * per_point
    print(
        f"a fit of 10^4 values with intervals: {counts['setup']} set-ups, "
        f"{counts['points']:.3g} point evaluations -> model {model:.3g} s"
    )


if __name__ == "__main__":
    with recorded("fitting", "Fitting: speed", preformatted=True):
        main("--quick" in sys.argv)

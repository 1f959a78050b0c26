"""Accuracy of the fast path against the certified exact path (same binary64 inputs).

Run: ``python benchmarks/accuracy_fast.py [--grid] [--strata N] [--seed S] [--limit SECONDS]``.

``--grid``: γ ∈ {0.001, 0.01, 0.1, 0.5, 0.9, 1, 1.001, 2, 10, 100, 1000} × κ ∈ {0.01, 0.1, 1, 4,
20, 100, 1000, 10⁴, 10⁵} × 12 x from 1e-9 to 60 (times max(1, γ)), and 8 z for the Stieltjes
transform: worst errors per κ of the grouped logpdf, pdf, cdf, sf, Stieltjes transform and of
the per-point logpdf.

``--strata N``: the per-point kernel on 8 strata of N seeded points each over the documented
domain (bulk, both far tails, γ near and at 1, integer b = −α, small κ, large κ, next to the
edges of the bulk, the slowly decaying lower tails at γ near 1): worst, 99th percentile and
median of ``|Δ logpdf|/max(1, |logpdf|)``.

``--mp``: MP(γ) next to its edges (relative distances 1e-10 … 1e-2 inside the bulk): relative
error of the small side (the cdf next to λ− for γ < 1, where there is no atom; the sf next to
λ+), absolute error of the cdf next to λ− for γ > 1 and on the bulk, and ``mp_ppf`` in ulps
from the certified quantile.

``--nice``: the per-point kernel against the grouped route (two independent algorithms, no
certified reference) on 18 γ × 21 κ × 22 x of simple values (exact integers c and b, the
double saddle at γ = 1/2, κ = 2, x = 2).

A certified reference that takes longer than ``--limit`` seconds (default 15; POSIX alarm) is
skipped and counted.  Prints Markdown tables.
"""

import argparse
import math
import signal
from fractions import Fraction

import numpy as np
from _report import recorded

from htmp_exact import exact, fast
from htmp_exact.fast import _pointwise

GAMMAS = [0.001, 0.01, 0.1, 0.5, 0.9, 1.0, 1.001, 2.0, 10.0, 100.0, 1000.0]
KAPPAS = [0.01, 0.1, 1.0, 4.0, 20.0, 100.0, 1000.0, 1e4, 1e5]
XS = np.array([1e-9, 1e-3, 0.05, 0.3, 0.7, 1.0, 1.3, 2.0, 3.0, 5.0, 20.0, 60.0])
ZS = np.array([-1e-3, -1.0, -20.0, 0.3 + 1e-6j, 1.0 + 1e-3j, 2.5 + 0.5j, 1j, 5.0 + 1e-6j])


class _Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise _Timeout


def reference(function, point, gamma: float, kappa: float, limit: int):
    """The certified value at 16 digits as a Python float/complex, or None past ``limit`` seconds."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(limit)
    try:
        value = function(point, gamma, kappa, digits=16)
        return complex(value) if isinstance(point, complex) else float(value)
    except _Timeout:
        return None
    finally:
        signal.alarm(0)


def grid_errors(gamma: float, kappa: float, limit: int) -> tuple[dict, int]:
    """Worst errors of each quantity at one pair, and the number of skipped references."""
    xs, zs = XS * max(1.0, gamma), ZS * max(1.0, gamma)
    tiled = np.tile(xs, fast.MIN_GROUP // xs.size + 1)  # enough points: the grouped route
    values = {
        "logpdf grouped": fast.logpdf(tiled, gamma, kappa)[: xs.size],
        "pdf": fast.pdf(tiled, gamma, kappa)[: xs.size],
        "logpdf per point": _pointwise.logpdf_points(xs, np.full(xs.size, gamma), np.full(xs.size, kappa)),
        "cdf": fast.cdf(xs, gamma, kappa),
        "sf": fast.sf(xs, gamma, kappa),
    }
    errors = {name: 0.0 for name in [*values, "stieltjes"]}
    skipped = 0
    for i, x in enumerate(xs):
        log_p, cdf, sf = (
            reference(f, float(x), gamma, kappa, limit) for f in (exact.logpdf, exact.cdf, exact.sf)
        )
        skipped += (log_p is None) + (cdf is None) + (sf is None)
        if log_p is not None:
            for name in ("logpdf grouped", "logpdf per point"):
                errors[name] = max(errors[name], abs(values[name][i] - log_p) / max(1.0, abs(log_p)))
            if log_p > math.log(1e-300):
                errors["pdf"] = max(errors["pdf"], abs(values["pdf"][i] / math.exp(log_p) - 1))
        if cdf is not None:
            errors["cdf"] = max(errors["cdf"], abs(values["cdf"][i] - cdf))
        if sf is not None and sf >= 1e-300:
            errors["sf"] = max(errors["sf"], abs(values["sf"][i] / sf - 1))
    transform = fast.stieltjes(zs, gamma, kappa)
    for z, value in zip(zs, transform):
        ref = reference(exact.stieltjes, complex(z), gamma, kappa, limit)
        if ref is None:
            skipped += 1
        else:
            errors["stieltjes"] = max(errors["stieltjes"], abs(value - ref) / abs(ref))
    return errors, skipped


def grid_table(limit: int) -> None:
    names = ["logpdf grouped", "logpdf per point", "pdf", "cdf", "sf", "stieltjes"]
    print(
        "| κ | logpdf (grouped), / max(1, \\|logpdf\\|) | logpdf (per point) | pdf, relative (pdf ≥ 1e-300) "
        "| cdf, absolute | sf, relative (sf ≥ 1e-300) | Stieltjes, relative | references skipped |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for kappa in KAPPAS:
        worst = dict.fromkeys(names, 0.0)
        skipped = 0
        for gamma in GAMMAS:
            errors, missing = grid_errors(gamma, kappa, limit)
            skipped += missing
            worst = {name: max(worst[name], errors[name]) for name in names}
        print(
            f"| {kappa:g} | " + " | ".join(f"{worst[name]:.1e}" for name in names) + f" | {skipped} |",
            flush=True,
        )


def strata(rng: np.random.Generator, n: int) -> list[tuple[str, float, float, float]]:
    """(stratum, γ, κ, x) rows: n per stratum."""

    def log_uniform(lo, hi):
        return 10 ** rng.uniform(lo, hi, n)

    def bulk(gamma):
        return rng.gamma(2, 0.5, n) * np.maximum(gamma, 1)

    rows = []

    def add(name, gamma, kappa, x):
        rows.extend((name, float(a), float(b), float(c)) for a, b, c in zip(gamma, kappa, x))

    g = log_uniform(-3, 3)
    add("domain (bulk)", g, log_uniform(-2, 5), bulk(g))
    g = log_uniform(-3, 3)
    add("both far tails, x ∈ [1e-12, 1e3]", g, log_uniform(-2, 5), log_uniform(-12, 3) * np.maximum(g, 1))
    g = 1 + rng.choice([-1, 1], n) * log_uniform(-8, -1)
    g[: n // 8] = 1.0
    add("γ within 1e-8 … 0.1 of 1, and γ = 1", g, log_uniform(-2, 5), bulk(g))
    add(
        "integer b = −α (γ = 1/2, even κ)",
        np.full(n, 0.5),
        2.0 * rng.integers(1, 2000, n),
        bulk(np.full(n, 0.5)),
    )
    g = log_uniform(-3, 3)
    add("small κ ≤ 2 (c < 1)", g, log_uniform(-2, math.log10(2)), bulk(g))
    g = log_uniform(-3, 3)
    add("large κ ∈ [1e4, 1e5]", g, log_uniform(4, 5), bulk(g))
    g, k = log_uniform(-3, 3), log_uniform(0, 5)
    carrier = np.where(g > 1, 1 / g, g)
    edge = np.where(rng.uniform(size=n) < 0.5, (1 - np.sqrt(carrier)) ** 2, (1 + np.sqrt(carrier)) ** 2)
    add(
        "within 1e-8 … 0.1 of the MP edges",
        g,
        k,
        edge * (1 + rng.choice([-1, 1], n) * log_uniform(-8, -1)) * np.maximum(g, 1),
    )
    g = 1 + rng.choice([-1, 1], n) * log_uniform(-6, -0.5)
    add(
        "lower tail x ∈ [1e-25, 1e-3], γ near 1",
        g,
        log_uniform(-2, 5),
        log_uniform(-25, -3) * np.maximum(g, 1),
    )
    return rows


def strata_table(seed: int, n: int, limit: int) -> None:
    rows = strata(np.random.default_rng(seed), n)
    gamma, kappa, x = (np.array([row[i] for row in rows]) for i in (1, 2, 3))
    values = _pointwise.logpdf_points(x, gamma, kappa)
    by_stratum: dict[str, list[float]] = {}
    skipped = dict.fromkeys([row[0] for row in rows], 0)
    for (name, g, k, xi), value in zip(rows, values):
        ref = reference(exact.logpdf, xi, g, k, limit)
        if ref is None:
            skipped[name] += 1
            continue
        error = np.inf if math.isnan(value) else abs(value - ref) / max(1.0, abs(ref))
        by_stratum.setdefault(name, []).append(error)
    print(f"\nPer-point kernel, {n} points per stratum, seed {seed}\n")
    print("| stratum | worst | 99% | median | > 1e-12 | references skipped |")
    print("|---|---|---|---|---|---|")
    for name, errors in by_stratum.items():
        e = np.array(errors)
        print(
            f"| {name} | {e.max():.1e} | {np.quantile(e, 0.99):.1e} | {np.median(e):.1e} "
            f"| {(e > 1e-12).sum()} | {skipped[name]} |"
        )


MP_GAMMAS = [1e-3, 0.01, 0.1, 0.5, 0.999999, 1.0, 1.000001, 2.0, 10.0, 100.0, 1000.0]


def mp_table() -> None:
    print(
        "\n| γ | cdf next to λ−: relative (γ < 1), absolute (γ > 1) | sf next to λ+, relative "
        "| cdf on the bulk, absolute "
        "| ppf, ulps |"
    )
    print("|---|---|---|---|---|")
    for gamma in MP_GAMMAS:
        lower, upper = (1 - gamma) ** 2 / (1 + math.sqrt(gamma)) ** 2, (1 + math.sqrt(gamma)) ** 2
        atom = float(1 - 1 / Fraction(gamma)) if gamma > 1 else 0.0
        low_side = high_side = bulk = ulps = 0.0
        for d in 10.0 ** np.arange(-10, -1):
            if lower > 0:  # relative for γ < 1; absolute for γ > 1 (the small side sits on the atom)
                x = lower * (1 + d)
                ref = float(exact.mp_cdf(x, gamma, digits=20))
                error = abs(fast.mp_cdf(x, gamma) - ref)
                low_side = max(low_side, error / ref if atom == 0 else error)
            x = upper * (1 - d)
            high_side = max(
                high_side, abs(fast.mp_sf(x, gamma) / float(exact.mp_sf(x, gamma, digits=20)) - 1)
            )
        for x in np.linspace(lower, upper, 41)[1:-1]:
            bulk = max(bulk, abs(fast.mp_cdf(x, gamma) - float(exact.mp_cdf(x, gamma, digits=20))))
        for q in atom + (1 - atom) * np.array([1e-12, 1e-6, 0.01, 0.3, 0.5, 0.9, 0.999]):
            x = fast.mp_ppf(q, gamma)
            ulps = max(ulps, _ulps_from_quantile(x, q, gamma))
        low = f"{low_side:.1e}" if lower > 0 else "(λ− = 0)"
        print(f"| {gamma:.7g} | {low} | {high_side:.1e} | {bulk:.1e} | {ulps:g} |")


def _ulps_from_quantile(x: float, q: float, gamma: float) -> float:
    """How many floats lie between x and the certified quantile (by bisection on the certified cdf)."""
    for k in range(64):
        step = k * np.spacing(x)
        if (
            float(exact.mp_cdf(x - step - np.spacing(x), gamma, digits=20))
            <= q
            <= float(exact.mp_cdf(x + step + np.spacing(x), gamma, digits=20))
        ):
            return float(k)
    return math.inf


NICE_GAMMAS = [0.001, 0.01, 0.1, 0.125, 0.25, 1 / 3, 0.5, 0.75, 0.9, 1.0]
NICE_GAMMAS += [1.5, 2.0, 3.0, 4.0, 8.0, 10.0, 100.0, 1000.0]
NICE_KAPPAS = [0.01, 0.1, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0, 12.0, 16.0, 20.0]
NICE_KAPPAS += [50.0, 100.0, 1000.0, 1e4, 1e5]
NICE_XS = np.array([1e-12, 1e-6, 0.01, 0.1, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0])
NICE_XS = np.concatenate([NICE_XS, [8.0, 10.0, 16.0, 20.0, 50.0, 100.0]])


def nice_table() -> None:
    worst, where, left = 0.0, None, 0
    for gamma in NICE_GAMMAS:
        for kappa in NICE_KAPPAS:
            xs = NICE_XS * max(1.0, gamma)
            per_point = _pointwise.logpdf_points(xs, np.full(xs.size, gamma), np.full(xs.size, kappa))
            grouped = fast.logpdf(np.tile(xs, fast.MIN_GROUP // xs.size + 1), gamma, kappa)[: xs.size]
            left += int(np.isnan(per_point).sum())
            errors = np.where(
                np.isnan(per_point), 0.0, np.abs(per_point - grouped) / np.maximum(1.0, np.abs(grouped))
            )
            if errors.max() > worst:
                worst, where = float(errors.max()), (gamma, kappa, float(xs[np.argmax(errors)]))
    print(
        f"\nper-point kernel against the grouped route on {len(NICE_GAMMAS)} γ × {len(NICE_KAPPAS)} κ × "
        f"{NICE_XS.size} x: worst {worst:.1e} at (γ, κ, x) = {where}; {left} points left to the grouped route"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--grid", action="store_true")
    parser.add_argument("--strata", type=int, default=0)
    parser.add_argument("--mp", action="store_true")
    parser.add_argument("--nice", action="store_true")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--limit", type=int, default=15)
    args = parser.parse_args()
    title = "Fast path: accuracy against the certified path"
    if args.grid:
        with recorded("fast-accuracy-grid", title + " (grid)"):
            grid_table(args.limit)
    if args.strata:
        with recorded("fast-accuracy-per-point", title + " (per-point kernel)"):
            strata_table(args.seed, args.strata, args.limit)
    if args.mp:
        with recorded("fast-accuracy-mp", title + " (MP edges and quantiles)"):
            mp_table()
    if args.nice:
        with recorded("fast-accuracy-table", title + " (table of round parameters)"):
            nice_table()


if __name__ == "__main__":
    main()

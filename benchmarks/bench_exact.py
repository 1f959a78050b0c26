"""Time the certified exact path against mpmath's hyperu (15 digits) in the same run.

Usage: python benchmarks/bench_exact.py [--quick] [--repeat N]
Writes docs/benchmarks/exact.md (exact-steady.md with --repeat): median time per point of the
certified pdf at 15 digits, the certified pdf at 1000 digits, the certified cdf at 15 digits,
and mpmath's per-point hyperu-based pdf.  With
``--repeat N`` each point's time is the median of N calls (steady state, warm caches);
the default is one call per point (first calls, including one-off costs such as Arb's
Gauss–Legendre nodes for a new rule size).
"""

import statistics
import sys
import time

import mpmath as mp
from _report import table, write

from htmp_exact import exact

KAPPAS = ["0.1", "1", "10", "20", "100", "1000", "10000"]
GAMMAS = ["0.25", "1", "4"]


def points(kappas):
    for k in kappas:
        for g in GAMMAS:
            for x in ["0.3", "1", "2.5"]:
                yield x, g, k


def median_time(fn, pts, repeat=1):
    times, failures = [], 0
    for x, g, k in pts:
        calls = []
        for _ in range(repeat):
            t = time.perf_counter()
            try:
                fn(x, g, k)
            except Exception:
                failures += 1
            calls.append(time.perf_counter() - t)
        times.append(statistics.median(calls))
    return statistics.median(times), failures // repeat


def mpmath_pdf(x, g, k):
    with mp.workdps(15):
        g, k, x = mp.mpf(g), mp.mpf(k), mp.mpf(x)
        c = k / 2
        al = c * (1 / g - 1) - 1
        s = c / g
        y = s * x
        u = mp.hyperu(c, -al, mp.mpc(-y, 0))
        v = s * y**al * mp.exp(-y) / (mp.gamma(c + 1) * mp.gamma(c + al + 1) * abs(u) ** 2)
        if not mp.isfinite(v):
            raise ArithmeticError("mpmath returned a non-finite value")
        return v


def main():
    quick = "--quick" in sys.argv
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 1
    rows = []
    for k in KAPPAS:
        pts = list(points([k]))
        pdf15, f1 = median_time(lambda x, g, kk: exact.pdf(x, g, kk, digits=15), pts, repeat)
        mpm, f2 = median_time(mpmath_pdf, pts)
        cdf15, f3 = median_time(lambda x, g, kk: exact.cdf(x, g, kk, digits=15), pts, repeat)
        if quick or float(k) > 1000:
            pdf1000 = "not run"
        else:
            seconds, f4 = median_time(lambda x, g, kk: exact.pdf(x, g, kk, digits=1000), pts[:3])
            pdf1000 = f"{seconds * 1e3:.1f} ms ({f4} failed)"
        rows.append(
            [
                k,
                f"{pdf15 * 1e3:.3f} ms ({f1} failed)",
                f"{mpm * 1e3:.2f} ms ({f2} failed)",
                f"{cdf15 * 1e3:.3f} ms ({f3} failed)",
                pdf1000,
            ]
        )
    header = [
        "κ",
        "certified pdf, 15 digits",
        "mpmath hyperu pdf, 15 digits (same run)",
        "certified cdf, 15 digits",
        "certified pdf, 1000 digits (γ = 1/4)",
    ]
    calls = (
        f"median over points of the median of {repeat} calls (steady state)"
        if repeat > 1
        else "one call per point (first calls: one-off costs such as Gauss–Legendre nodes included)"
    )
    write(
        "exact" if repeat == 1 else "exact-steady",
        "Certified path: time per point",
        [(f"γ ∈ {{1/4, 1, 4}}, x ∈ {{0.3, 1, 2.5}}; {calls}", table(header, rows))],
    )


if __name__ == "__main__":
    main()

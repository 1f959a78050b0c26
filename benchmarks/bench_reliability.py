"""Reliability figures: threads, the time budget, junk arguments, and the cost of the distribution objects.

Run: ``python benchmarks/bench_reliability.py`` (writes docs/benchmarks/reliability.md).

1. **Threads**: mixed certified calls (15, 40, 80 digits) serially, then from 4 threads in the
   same run; the balls must agree, the caller's precision must be restored, no thread may hang.
2. **Time budget**: calls that need far more than their budget (10,000 digits at κ = 10⁵, the
   cdf at κ = 10⁸, 1000 digits at κ = 10⁴), run with ``timeout`` = 1 and 5 s: the time taken.
3. **Junk arguments**: every public entry point with one argument replaced by junk (None, bools,
   strings, NaN, infinities, complex, huge integers, arrays, balls): how the calls end.
4. **Overhead** of the scipy distribution objects over the fast path they wrap.
"""

from __future__ import annotations

import itertools
import threading
import time
from decimal import Decimal
from fractions import Fraction

import numpy as np
from _report import table, write
from flint import acb, arb, ctx

from htmp_exact import PrecisionError, ensembles, exact, fast, htmp, inverse_htmp, marchenko_pastur

CALLS = (
    (exact.cdf, "2.3", "0.1", 1000),
    (exact.pdf, "0.7", "0.5", 3),
    (exact.sf, "1.5", "2", 7),
    (exact.logpdf, "1e-3", "0.999", "2.5"),
    (exact.cdf, "0.9", "0.25", 200),
    (exact.pdf, "1.7", "0.2", 8000),
)
CASES = [(*call, digits) for digits, call in itertools.product((15, 40, 80), CALLS)]


def threads() -> str:
    start = time.perf_counter()
    serial = [f(x, g, k, digits=d) for f, x, g, k, d in CASES]
    serial_time = time.perf_counter() - start
    results: dict = {}

    def work(worker: int) -> None:
        for i in range(worker, len(CASES), 4):
            f, x, g, k, d = CASES[i]
            results[i] = f(x, g, k, digits=d)

    start = time.perf_counter()
    pool = [threading.Thread(target=work, args=(w,)) for w in range(4)]
    for t in pool:
        t.start()
    for t in pool:
        t.join(timeout=600)
    threaded_time = time.perf_counter() - start
    hung = sum(t.is_alive() for t in pool)
    agree = sum(results[i].overlaps(ball) for i, ball in enumerate(serial) if i in results)
    rows = [
        ["serial", len(CASES), f"{serial_time:.2f} s", "-", "-"],
        ["4 threads", len(CASES), f"{threaded_time:.2f} s", f"{agree} of {len(CASES)}", hung],
    ]
    return (
        table(
            ["run", "calls", "wall time", "balls agreeing with the serial run", "threads still running"], rows
        )
        + f"\n\nCaller's precision after the threads: {ctx.prec} bits (53 before)."
    )


def budget() -> str:
    calls = [
        ("pdf, 10000 digits, κ = 10⁵", lambda t: exact.pdf("1", "0.5", 100000, digits=10000, timeout=t)),
        ("cdf, κ = 10⁸ (Sturm count of 5·10⁷ steps)", lambda t: exact.cdf("1", "0.5", 10**8, timeout=t)),
        ("sf, 1000 digits, κ = 10⁴", lambda t: exact.sf("1.1", "0.5", 10000, digits=1000, timeout=t)),
    ]
    rows = []
    for name, call in calls:
        for limit in (1, 5):
            start = time.perf_counter()
            try:
                call(limit)
                outcome = "finished"
            except PrecisionError as err:
                outcome = (
                    "PrecisionError: time budget spent" if "time budget" in str(err) else "PrecisionError"
                )
            rows.append([name, f"{limit} s", f"{time.perf_counter() - start:.2f} s", outcome])
    return table(["call", "timeout", "time taken", "outcome"], rows)


JUNK = [
    None,
    True,
    False,
    "",
    "abc",
    "1/0",
    "nan",
    "inf",
    "1e400",
    "1e-400",
    b"1",
    float("nan"),
    float("inf"),
    -float("inf"),
    -1.0,
    0.0,
    1e-320,
    5e-324,
    1e308,
    1 + 2j,
    10**400,
    -(10**400),
    10**30,
    Fraction(7, 3),
    Decimal("NaN"),
    Decimal("-Infinity"),
    [1.0, 2.0],
    (1, 2, 3),
    object(),
    np.array([1 + 1j]),
    np.array(["a"]),
    np.float32(np.nan),
    arb(1, 10),
    arb("0.5", "0.4"),
    acb(1, 1),
]

ENTRY_POINTS = [
    (exact.pdf, ("x", "gamma", "kappa"), ("0.7", "0.5", 3)),
    (exact.logpdf, ("x", "gamma", "kappa"), ("0.7", "0.5", 3)),
    (exact.cdf, ("x", "gamma", "kappa"), ("0.7", "2", 3)),
    (exact.sf, ("x", "gamma", "kappa"), ("0.7", "0.5", 3)),
    (exact.stieltjes, ("z", "gamma", "kappa"), (-1, "0.5", 3)),
    (exact.stieltjes_boundary, ("x", "gamma", "kappa"), ("0.7", "0.5", 3)),
    (exact.moment, ("k", "gamma", "kappa"), (3, "0.5", 3)),
    (exact.inverse_moment, ("k", "gamma", "kappa"), (1, "0.5", 3)),
    (exact.mp_pdf, ("x", "gamma"), ("0.7", "0.5")),
    (exact.mp_cdf, ("x", "gamma"), ("0.7", "2")),
    (exact.mp_stieltjes, ("z", "gamma"), (-1, "0.5")),
    (exact.mp_moment, ("k", "gamma"), (3, "0.5")),
    (fast.pdf, ("x", "gamma", "kappa"), (0.7, 0.5, 3.0)),
    (fast.cdf, ("x", "gamma", "kappa"), (0.7, 2.0, 3.0)),
    (fast.ppf, ("q", "gamma", "kappa"), (0.3, 0.5, 3.0)),
    (fast.stieltjes, ("z", "gamma", "kappa"), (-1.0, 0.5, 3.0)),
    (fast.mp_cdf, ("x", "gamma"), (0.7, 0.5)),
    (htmp.pdf, ("x", "gamma", "kappa"), (0.7, 0.5, 3.0)),
    (htmp.sf, ("x", "gamma", "kappa"), (0.7, 2.0, 3.0)),
    (inverse_htmp.cdf, ("x", "gamma", "kappa"), (0.7, 0.5, 3.0)),
    (marchenko_pastur.ppf, ("q", "gamma"), (0.3, 0.5)),
    (
        lambda n, g, k: ensembles.sample_htmp_spectrum(n, g, k, random_state=0),
        ("n", "gamma", "kappa"),
        (20, 0.5, 3.0),
    ),
]


def junk() -> str:
    outcomes = {
        "named ValueError/TypeError": 0,
        "PrecisionError (limit named)": 0,
        "a value (valid input)": 0,
        "unnamed error": 0,
        "other exception": 0,
    }
    slowest = 0.0
    surprises = []
    for function, names, valid in ENTRY_POINTS:
        for position in range(len(valid)):
            for value in JUNK:
                arguments = list(valid)
                arguments[position] = value
                start = time.perf_counter()
                try:
                    function(*arguments)
                    outcomes["a value (valid input)"] += 1
                except (ValueError, TypeError) as err:
                    named = any(name in str(err) for name in names)
                    outcomes["named ValueError/TypeError" if named else "unnamed error"] += 1
                    if not named:
                        surprises.append(f"{_called(function, arguments)}: {type(err).__name__}: {err}")
                except PrecisionError:
                    outcomes["PrecisionError (limit named)"] += 1
                except Exception as err:
                    outcomes["other exception"] += 1
                    surprises.append(f"{_called(function, arguments)}: {type(err).__name__}: {err}")
                slowest = max(slowest, time.perf_counter() - start)
    total = sum(outcomes.values())
    listed = "".join(f"\n* `{line}`" for line in surprises)
    return (
        table(["outcome", "calls"], [[k, v] for k, v in outcomes.items()])
        + f"\n\n{total} calls ({len(ENTRY_POINTS)} entry points × each argument × {len(JUNK)} junk values); "
        f"slowest call {slowest:.2f} s."
        + (f"\n\nUnnamed errors and other exceptions:\n{listed}" if surprises else "")
    )


def _called(function: object, arguments: list) -> str:
    name = getattr(function, "__qualname__", repr(function))
    return f"{name}({', '.join(repr(a) for a in arguments)})"


def overhead() -> str:
    rows = []
    x = np.linspace(0.1, 3.0, 10_000)
    frozen = htmp(0.5, 10.0)
    fast.pdf(1.0, 0.5, 10.0)
    for name, direct, wrapped in (
        ("scalar x", lambda: fast.pdf(1.0, 0.5, 10.0), lambda: frozen.pdf(1.0)),
        ("10⁴ x", lambda: fast.pdf(x, 0.5, 10.0), lambda: frozen.pdf(x)),
    ):
        timings = []
        for run in (direct, wrapped):
            repeat = 200 if name == "scalar x" else 20
            start = time.perf_counter()
            for _ in range(repeat):
                run()
            timings.append((time.perf_counter() - start) / repeat)
        rows.append(
            [
                name,
                f"{timings[0] * 1e3:.3f} ms",
                f"{timings[1] * 1e3:.3f} ms",
                f"{(timings[1] - timings[0]) * 1e3:.3f} ms",
            ]
        )
    return table(["input", "fast.pdf", "htmp(0.5, 10).pdf", "overhead"], rows)


def main() -> None:
    write(
        "reliability",
        "Reliability",
        [
            ("Threads", threads()),
            ("Time budget", budget()),
            ("Junk arguments", junk()),
            ("Overhead of the distribution objects", overhead()),
        ],
    )


if __name__ == "__main__":
    main()

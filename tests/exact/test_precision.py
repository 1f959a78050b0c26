"""The precision driver: prec/digits, restoration of the caller's precision, inexact inputs."""

import pytest
from flint import arb, ctx

from htmp_exact import exact


def test_precision_argument_and_restoration():
    old = ctx.prec
    ctx.prec = 77
    try:
        v = exact.pdf(1, "0.5", 4, prec=300)
        assert ctx.prec == 77
        assert v.rel_accuracy_bits() > 250
        with pytest.raises(ValueError):
            exact.pdf(1, "0.5", 4, prec=100, digits=10)
        assert ctx.prec == 77
    finally:
        ctx.prec = old


def test_inexact_ball_input_stops_early_with_precision_error():
    with pytest.raises(exact.PrecisionError, match="inexact ball inputs"):
        exact.pdf(arb(1) + arb(0, 1e-10), "0.5", 4, digits=30)


def test_threads_share_the_exact_path_safely():
    # python-flint's precision is process-global: four threads at 15/40/80 digits once left the
    # caller's precision at 300+ bits, and mixed threaded runs hung; every thread's result must
    # contain the value computed serially, and the caller's precision must be restored
    import threading

    cases = [
        (f, x, g, k, d)
        for d in (15, 40, 80)
        for f, x, g, k in (
            (exact.cdf, "2.3", "0.1", 1000),
            (exact.pdf, "0.7", "0.5", 3),
            (exact.sf, "1.5", "2", 7),
            (exact.logpdf, "1e-3", "0.999", "2.5"),
        )
    ]
    serial = [f(x, g, k, digits=d) for f, x, g, k, d in cases]
    results, errors = {}, []

    def work(worker):
        try:
            for i in range(worker, len(cases), 4):
                f, x, g, k, d = cases[i]
                results[i] = f(x, g, k, digits=d)
                assert ctx.prec == 53
        except Exception as err:
            errors.append(err)

    threads = [threading.Thread(target=work, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    assert not any(t.is_alive() for t in threads) and not errors, errors
    assert ctx.prec == 53
    for i, ball in enumerate(serial):
        assert results[i].overlaps(ball) and results[i].rel_accuracy_bits() >= cases[i][4] * 3.3


def test_a_call_ends_within_its_time_budget():
    # 10000 digits at kappa = 10^5 needs minutes; with timeout=1 s it stops with a named error
    # soon after the budget (the kernels check it between Arb calls)
    import time

    start = time.monotonic()
    with pytest.raises(exact.PrecisionError, match="time budget"):
        exact.pdf("1.0", "0.5", 100000, digits=10000, timeout=1)
    assert time.monotonic() - start < 10
    with pytest.raises(ValueError, match="timeout"):
        exact.pdf(1, "0.5", 3, timeout=0)
    with pytest.raises(TypeError, match="timeout"):
        exact.pdf(1, "0.5", 3, timeout="1")


@pytest.mark.parametrize("radius", ["0.5", "1e-3"])
def test_a_wide_input_ball_fails_at_once(radius):
    # a wide ball ran for minutes (radius 0.5) or ended in an OverflowError after 25 s (1e-3)
    import time

    start = time.monotonic()
    with pytest.raises(exact.PrecisionError, match="input radius limits the accuracy"):
        exact.pdf(arb("0.7", radius), "0.5", 3)
    with pytest.raises(exact.PrecisionError, match="input radius"):
        exact.cdf("0.7", arb("0.5") + arb(0, arb(radius) / 2), 3, prec=64)
    assert time.monotonic() - start < 1


@pytest.mark.parametrize("gamma,kappa", [(1e-320, 3), ("0.5", 10**400), ("0.5", 1e308), ("1e-300", 3)])
def test_parameters_beyond_the_kernels_range_are_named(gamma, kappa):
    # these raised OverflowError, or PrecisionError after trying every precision
    for f in (exact.pdf, exact.cdf):
        with pytest.raises(exact.PrecisionError, match=r"max\(c, s\) <= 1e\+08"):
            f(0.7, gamma, kappa)


@pytest.mark.parametrize(
    "keyword,value", [("prec", 10**400), ("digits", 10**400), ("prec", 1), ("digits", 0)]
)
def test_precision_keywords_out_of_range_are_named(keyword, value):
    with pytest.raises(ValueError, match=f"{keyword} must be an integer in"):
        exact.pdf(1, "0.5", 3, **{keyword: value})

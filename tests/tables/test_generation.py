"""Certified rows (htmp_exact.tables.generation, quantiles) against independent routes."""

from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction

import mpmath as mp
import pytest

from htmp_exact import tables
from htmp_exact.tables import Point, certified_row, compute_table

from ..reference import htmp_pdf_connection


def _close(text, value, digits):
    with mp.workdps(digits + 10):
        return abs(mp.mpf(text) - value) <= abs(value) * mp.mpf(10) ** (1 - digits) / 2 + mp.mpf(10) ** -(
            digits + 5
        )


def test_pdf_row_matches_the_connection_formula_at_binary64_inputs():
    x, g, k = 0.3, 0.1, 7.0  # binary64: the reference is at the exact doubles, not at 0.3, 0.1, 7
    row = certified_row("pdf", g, k, x, 25)
    assert row.inputs == (x.hex(), g.hex(), k.hex())
    assert _close(row.value, htmp_pdf_connection(Fraction(x), Fraction(g), Fraction(k), dps=60), 25)
    decimal = certified_row("pdf", "0.1", "7", "0.3", 25)
    assert decimal.value != row.value  # the decimal 0.1 is not the double 0.1


def test_pdf_far_beyond_the_float_range():
    """exact.pdf returns a ball at x = 1e308; the row must round it (it raised PrecisionError)."""
    row = certified_row("pdf", "0.5", "3", "1e308", 10)
    mantissa, exponent = row.value.split("e-")
    assert len(mantissa.replace(".", "")) == 10 and int(exponent) > 10**307


def test_mp_rows_against_mpmath_closed_forms():
    g, x = Fraction(1, 4), Fraction(7, 10)
    with mp.workdps(50):
        gm, xm = mp.mpf(1) / 4, mp.mpf(7) / 10
        lo, hi = (1 - mp.sqrt(gm)) ** 2, (1 + mp.sqrt(gm)) ** 2
        density = mp.sqrt((hi - xm) * (xm - lo)) / (2 * mp.pi * gm * xm)
        cdf = mp.quad(lambda t: mp.sqrt((hi - t) * (t - lo)) / (2 * mp.pi * gm * t), [lo, xm])
        assert _close(certified_row("pdf", g, None, x, 30, law="mp").value, density, 30)
        assert _close(certified_row("logpdf", g, None, x, 30, law="mp").value, mp.log(density), 30)
        assert _close(certified_row("cdf", g, None, x, 30, law="mp").value, cdf, 30)
        q = mp.mpf("0.3")
        root = mp.findroot(
            lambda t: mp.quad(lambda u: mp.sqrt((hi - u) * (u - lo)) / (2 * mp.pi * gm * u), [lo, t]) - q,
            mp.mpf("0.6"),
        )
        assert _close(certified_row("ppf", g, None, "0.3", 25, law="mp").value, root, 25)
        assert _close(certified_row("isf", g, None, "0.7", 25, law="mp").value, root, 25)
        z = mp.mpc(1, mp.mpf(1) / 8)  # root of γ z S² + (z + γ − 1) S + 1 = 0 with Im S > 0
        disc = mp.sqrt((z + gm - 1) ** 2 - 4 * gm * z)
        roots = [(-(z + gm - 1) + s * disc) / (2 * gm * z) for s in (1, -1)]
        expected = [r for r in roots if r.imag > 0][0]
        row = certified_row("stieltjes", g, None, complex(1, 0.125), 20, law="mp")
        assert abs(mp.mpc(row.value, row.value_imag) - expected) < mp.mpf(10) ** -19 * abs(expected)


def test_quantile_conventions_at_the_atom():
    # gamma = 2: atom 1/2 at 0, so ppf(q) = 0 for q <= 1/2 and isf(q) = 0 for q >= 1/2
    assert certified_row("ppf", "2", "3", "0.5", 20).value == "0"
    assert certified_row("isf", "2", "3", "0.75", 20).value == "0"
    above = certified_row("ppf", "2", "3", "0.6", 20).value
    assert Fraction(above) > 0


def test_htmp_quantile_inverts_an_independent_cdf():
    """mpmath quadrature of the connection-formula density up to the certified ppf gives q."""
    g, k, q = "0.25", "3", "0.4"
    x = Fraction(certified_row("ppf", g, k, q, 20).value)
    with mp.workdps(30):
        xm = mp.mpf(x.numerator) / x.denominator
        mass = mp.quad(lambda t: htmp_pdf_connection(t, g, k, dps=30), [0, xm / 4, xm])
    assert abs(mass - mp.mpf(q)) < mp.mpf(10) ** -15


def test_moments_are_exact_rationals_of_the_spec():
    row = certified_row("moment", "0.5", "4", 3, 10)
    g, k = Fraction(1, 2), Fraction(4)
    m3 = 1 + 3 * g + g**2 + 6 * g / k + 6 * g**2 / k + 8 * g**2 / k**2  # SPEC §5
    assert Fraction(row.exact) == m3 and row.value == tables.round_significant(m3, 10)
    assert Fraction(certified_row("moment", "3", None, 4, 5, law="mp").exact) == 1 + 6 * 3 + 6 * 9 + 27


def test_executor_gives_the_same_rows():
    points = tables.preset_points("paper", "cdf", "binary64")[:6]
    with ThreadPoolExecutor(2) as pool:
        parallel = compute_table(points, "htmp", "cdf", 20, executor=pool)
    assert parallel == compute_table(points, "htmp", "cdf", 20)


def test_dask_local_cluster_gives_the_same_rows():
    distributed = pytest.importorskip("distributed")
    points = tables.preset_points("mp", "pdf", "binary64")[:5]
    with (
        distributed.LocalCluster(
            processes=False, n_workers=1, threads_per_worker=1, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        rows = compute_table(points, "mp", "pdf", 20, executor=client.get_executor())
    assert rows == compute_table(points, "mp", "pdf", 20)


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: certified_row("median", "0.5", "4", "1", 10), ValueError, "quantity"),
        (lambda: certified_row("pdf", "0.5", "4", "1", 0), ValueError, "digits"),
        (lambda: certified_row("pdf", "0.5", "4", "1", 10, law="wishart"), ValueError, "law"),
        (lambda: certified_row("pdf", "-0.5", "4", "1", 10), ValueError, "gamma must be > 0"),
        (lambda: certified_row("pdf", "0.5", "0", "1", 10), ValueError, "kappa must be > 0"),
        (lambda: certified_row("pdf", "0.5", "4", "abc", 10), ValueError, "x must be a finite decimal"),
        (lambda: certified_row("pdf", "0.5", "4", float("nan"), 10), ValueError, "x must be finite"),
        (lambda: certified_row("pdf", "0.5", "4", [1], 10), TypeError, "x must be"),
        (lambda: certified_row("ppf", "0.5", "4", "1.5", 10), ValueError, r"q must lie in \(0, 1\)"),
        (lambda: certified_row("moment", "0.5", "4", "2.5", 10), ValueError, "k must be an integer"),
        (lambda: certified_row("stieltjes", "0.5", "4", complex(1, 0), 10), ValueError, "support"),
        (
            lambda: certified_row("stieltjes", "0.5", "4", ("0.1", "1"), 10),
            ValueError,
            "z_real = 0.1 is not a binary64",
        ),
        (lambda: certified_row("pdf", "0.5", None, "1", 10), ValueError, "kappa must be given"),
        (lambda: compute_table([("r", "1", "1")], "htmp", "pdf"), ValueError, "points must be Point"),
        (lambda: compute_table([Point("r", ("1",))], "htmp", "pdf"), ValueError, "3 inputs"),
        (lambda: tables.preset_points("nature"), ValueError, "preset"),
        (lambda: tables.preset_points("paper", "pdf", "octal"), ValueError, "encoding"),
        (lambda: tables.read_csv("a,b\n1,2\n"), ValueError, "header"),
        (lambda: tables.read_csv(3), TypeError, "text must be a str"),
        (lambda: tables.shipped_table("pdf", "htmp", "nature"), ValueError, "no shipped table"),
        (lambda: tables.load_table(3), TypeError, "path must be a str"),
    ],
)
def test_bad_inputs_name_the_parameter(call, error, match):
    with pytest.raises(error, match=match):
        call()

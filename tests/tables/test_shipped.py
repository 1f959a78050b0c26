"""The shipped tables: schema, sizes, regeneration byte for byte, values against independent routes."""

from fractions import Fraction
from importlib import resources

import mpmath as mp
import pytest

from htmp_exact import tables
from htmp_exact.tables import Table, compute_table, preset_points, to_csv

from ..reference import htmp_pdf_connection

NAMES = tables.shipped_tables()


def _text(name):
    return resources.files("htmp_exact.data").joinpath(name).read_text(encoding="utf-8")


def test_every_preset_quantity_is_shipped_and_sizes_hold():
    for quantity in tables.QUANTITIES:
        assert tables.table_name("mp", "mp", quantity, "binary64") in NAMES
        assert tables.table_name("htmp", "paper", quantity, "decimal") in NAMES
        assert tables.table_name("htmp", "paper", quantity, "binary64") in NAMES
    for quantity in ("pdf", "logpdf", "cdf", "sf", "ppf", "isf", "stieltjes"):
        assert len(tables.shipped_table(quantity).rows) >= 2000
    for quantity in ("pdf", "logpdf", "cdf", "sf", "ppf", "isf", "stieltjes"):
        assert len(tables.shipped_table(quantity, "mp").rows) >= 500
    total = sum(len(_text(n).encode()) for n in NAMES)
    assert total < 5e6


@pytest.mark.parametrize("name", NAMES)
def test_sample_regenerates_byte_for_byte(name):
    """Every 97th row of each file (and its header) comes out identical from the generator."""
    shipped = tables.read_csv(_text(name))
    assert to_csv(shipped) == _text(name)
    points = preset_points(shipped.preset, shipped.quantity, shipped.encoding)
    assert [p.inputs for p in points] == [r.inputs for r in shipped.rows]
    step = 97 if shipped.quantity not in ("ppf", "isf") or shipped.preset == "mp" else 401
    sample = list(range(0, len(points), step))
    again = compute_table([points[i] for i in sample], shipped.law, shipped.quantity, shipped.digits)
    expected = Table(
        shipped.law, shipped.quantity, shipped.encoding, shipped.digits, "", [shipped.rows[i] for i in sample]
    )
    assert to_csv(
        Table(shipped.law, shipped.quantity, shipped.encoding, shipped.digits, "", again)
    ) == to_csv(expected)


def test_shipped_pdf_agrees_with_mpmath_connection_formula():
    """Independent route: the real P/Q connection formula with mpmath (tests/reference.py)."""
    checked = 0
    table = tables.shipped_table("pdf")
    for row in table.rows[::17]:
        x, g, k = (tables.parse_input(t, "input") for t in row.inputs)
        b = -(k / 2 * (1 / g - 1) - 1)
        y = float(k / 2 / g * x)
        if b.denominator == 1 or k > 100 or not 1e-200 < y < 300 or g > 1:
            continue
        ref = htmp_pdf_connection(x, g, k, dps=int(50 + y / 2))
        with mp.workdps(30):
            assert abs(mp.mpf(row.value) / ref - 1) < mp.mpf(10) ** -19, row
        checked += 1
    assert checked >= 25


def test_shipped_mp_cdf_against_mpmath_quadrature():
    table = tables.shipped_table("cdf", "mp")
    with mp.workdps(30):
        for row in table.rows[::23]:
            x, g = (tables.parse_input(t, "input") for t in row.inputs)
            xm, gm = mp.mpf(x.numerator) / x.denominator, mp.mpf(g.numerator) / g.denominator
            lo, hi = (1 - mp.sqrt(gm)) ** 2, (1 + mp.sqrt(gm)) ** 2
            atom = max(0, 1 - 1 / gm)
            top = min(max(xm, lo), hi)
            density = lambda t, lo=lo, hi=hi, gm=gm: mp.sqrt((hi - t) * (t - lo)) / (2 * mp.pi * gm * t)
            if top - lo < hi - top:  # integrate over the shorter side (tanh-sinh at one edge)
                mass = mp.quad(density, [lo, top]) if top > lo else 0
            else:
                mass = 1 / max(gm, 1) - (mp.quad(density, [top, hi]) if hi > top else 0)
            expected = atom + mass if xm >= 0 else 0
            assert abs(mp.mpf(row.value) - expected) <= mp.mpf(10) ** -18 * max(
                abs(expected), mp.mpf(10) ** -8
            ), row


def test_shipped_moments_match_the_spec_polynomials():
    for row in tables.shipped_table("moment").rows:
        k, g, kappa = int(row.inputs[0]), *(tables.parse_input(t, "p") for t in row.inputs[1:])
        expected = {
            0: Fraction(1),
            1: Fraction(1),
            2: 1 + g + 2 * g / kappa,
            3: 1 + 3 * g + g**2 + 6 * g / kappa + 6 * g**2 / kappa + 8 * g**2 / kappa**2,
        }.get(k)
        if expected is not None:
            assert Fraction(row.exact) == expected, row


def test_shipped_sf_upper_tail_against_the_density():
    """Independent route: sf equals the mpmath integral of the density above x."""
    table = tables.shipped_table("sf", preset="paper", encoding="decimal")
    row = next(r for r in table.rows if r.inputs == ("3", "0.25", "1"))
    with mp.workdps(30):
        mass = mp.quad(lambda t: htmp_pdf_connection(t, "0.25", "1", dps=40), [3, 10, 40, mp.inf])
        assert abs(mp.mpf(row.value) / mass - 1) < mp.mpf(10) ** -20

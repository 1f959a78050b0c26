"""Arbitrary junk in one argument of each public entry point: a named ValueError or TypeError (or,
for the certified path, a PrecisionError naming the limit hit), a valid result for valid input,
never another exception, a silent NaN or a hang."""

import math
from decimal import Decimal
from fractions import Fraction
from functools import partial

import numpy as np
import pytest
from flint import acb, arb
from hypothesis import given, settings
from hypothesis import strategies as st

from htmp_exact import PrecisionError, ensembles, exact, fast, htmp, inverse_htmp, marchenko_pastur, tables

SPECIAL = [
    Decimal("NaN"),
    Decimal("-Infinity"),
    "1/0",
    "nan",
    "inf",
    "1e-400",
    "1e400",
    "-0",
    arb(1, 10),
    arb(0.5, 0.6),
    acb(1, 1),
    np.float32(np.nan),
    np.array([1 + 1j]),
    np.array(["a"]),
    1e-320,
    5e-324,
    1e308,
    -1e-320,
]
JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.text(max_size=6),
    st.binary(max_size=4),
    st.floats(allow_nan=True, allow_infinity=True),
    st.complex_numbers(allow_nan=True),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.just(10**400),
    st.just(-(10**400)),
    st.fractions(max_denominator=10**6),
    st.lists(st.floats(-3, 3), max_size=3),
    st.just(object()),
    st.integers(0, len(SPECIAL) - 1).map(SPECIAL.__getitem__),
)

#: (name, function, argument names, valid arguments); the junk replaces one argument
EXACT = [
    ("pdf", exact.pdf, ("x", "gamma", "kappa"), ("0.7", "0.5", 3)),
    ("logpdf", exact.logpdf, ("x", "gamma", "kappa"), ("0.7", "0.5", 3)),
    ("cdf", exact.cdf, ("x", "gamma", "kappa"), ("0.7", "2", 3)),
    ("sf", exact.sf, ("x", "gamma", "kappa"), ("0.7", "0.5", 3)),
    ("stieltjes", exact.stieltjes, ("z", "gamma", "kappa"), (-1, "0.5", 3)),
    ("stieltjes_boundary", exact.stieltjes_boundary, ("x", "gamma", "kappa"), ("0.7", "0.5", 3)),
    ("moment", exact.moment, ("k", "gamma", "kappa"), (3, "0.5", 3)),
    ("inverse_moment", exact.inverse_moment, ("k", "gamma", "kappa"), (1, "0.5", 3)),
    ("atom", exact.atom, ("gamma",), ("2",)),
    ("mp_pdf", exact.mp_pdf, ("x", "gamma"), ("0.7", "0.5")),
    ("mp_cdf", exact.mp_cdf, ("x", "gamma"), ("0.7", "2")),
    ("mp_sf", exact.mp_sf, ("x", "gamma"), ("0.7", "0.5")),
    ("mp_stieltjes", exact.mp_stieltjes, ("z", "gamma"), (-1, "0.5")),
    ("mp_moment", exact.mp_moment, ("k", "gamma"), (3, "0.5")),
]
FLOAT = [
    ("fast.pdf", fast.pdf, ("x", "gamma", "kappa"), (0.7, 0.5, 3.0)),
    ("fast.logpdf", fast.logpdf, ("x", "gamma", "kappa"), ([0.7, 1.2], 0.5, 3.0)),
    ("fast.sf", fast.sf, ("x", "gamma", "kappa"), (0.7, 2.0, 3.0)),
    ("fast.isf", fast.isf, ("q", "gamma", "kappa"), (0.3, 0.5, 3.0)),
    ("fast.stieltjes", fast.stieltjes, ("z", "gamma", "kappa"), (-1.0 + 0.5j, 0.5, 3.0)),
    (
        "fast.logpdf_function",
        lambda g, k, lo, hi: fast.logpdf_function(g, k, lo, hi)(1.0),
        ("gamma", "kappa", "x_lo", "x_hi"),
        (0.5, 3.0, 0.01, 10.0),
    ),
    ("fast.mp_ppf", fast.mp_ppf, ("q", "gamma"), (0.3, 0.5)),
    ("htmp.pdf", htmp.pdf, ("x", "gamma", "kappa"), (0.7, 0.5, 3.0)),
    ("htmp.cdf", htmp.cdf, ("x", "gamma", "kappa"), (0.7, 2.0, 3.0)),
    ("htmp.ppf", htmp.ppf, ("q", "gamma", "kappa"), (0.3, 0.5, 3.0)),
    ("inverse_htmp.sf", inverse_htmp.sf, ("x", "gamma", "kappa"), (0.7, 0.5, 3.0)),
    ("marchenko_pastur.logpdf", marchenko_pastur.logpdf, ("x", "gamma"), (0.7, 0.5)),
    (
        "htmp.interval",
        lambda c, g, k: htmp(g, k).interval(c),
        ("confidence", "gamma", "kappa"),
        (0.9, 0.5, 3.0),
    ),
    (
        "sample_htmp_spectrum",
        lambda n, g, k: ensembles.sample_htmp_spectrum(n, g, k, random_state=0),
        ("n", "gamma", "kappa"),
        (20, 0.5, 3.0),
    ),
    (
        "beta_laguerre_eigenvalues",
        lambda n, b, a: ensembles.beta_laguerre_eigenvalues(n, b, a, random_state=0),
        ("n", "beta", "a"),
        (20, 0.5, 30.0),
    ),
    (
        "kolmogorov_distance",
        lambda s, g: ensembles.kolmogorov_distance(s, lambda v: min(1.0, max(0.0, v)), g),
        ("sample", "grid_size"),
        ([0.1, 0.5, 0.9], 10),
    ),
    ("round_significant", tables.round_significant, ("value", "digits"), (Fraction(1, 3), 10)),
]


def _check(function, names, arguments, position):
    try:
        result = function(*arguments)
    except (ValueError, TypeError) as err:
        message = str(err)
        assert any(name in message for name in names), (
            f"{type(err).__name__} does not name the argument: {message}"
        )
        return
    except PrecisionError as err:
        assert "bits" in str(err) or "time budget" in str(err) or "validated" in str(err), str(err)
        return
    values = np.asarray(result, dtype=object).ravel()
    for value in values:
        if isinstance(value, (float, np.floating)) and math.isnan(value):
            junk = arguments[position]
            assert np.any(np.isnan(np.asarray(junk, dtype=float))), f"NaN for {arguments!r}"


ENTRY_POINTS = [
    (
        name,
        function
        if name in ("moment", "inverse_moment", "atom", "mp_moment")
        else partial(function, timeout=10),
        names,
        valid,
    )
    for name, function, names, valid in EXACT
] + FLOAT


@pytest.mark.parametrize("name, function, names, valid", ENTRY_POINTS, ids=[e[0] for e in ENTRY_POINTS])
@settings(max_examples=40, deadline=None, derandomize=True)
@given(junk=JUNK, position=st.integers(0, 2))
def test_entry_points(name, function, names, valid, junk, position):
    position %= len(valid)
    arguments = list(valid)
    arguments[position] = junk
    _check(function, names, arguments, position)

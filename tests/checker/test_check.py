"""check_implementation: verdicts, the report (failures, exceptions, NaN, skipped rows, JSON), timeouts."""

import json
import math

import pytest

from htmp_exact import fast, tables
from htmp_exact.checker import check_implementation, load_function
from htmp_exact.checker.errors import point_error
from htmp_exact.testing import assert_conforms

from . import targets


def test_fast_passes_at_its_accuracy_and_a_1e9_perturbation_fails():
    """On the standard binary64 table the fast path's worst pdf error is ~4e-13 (docs/conformance.md)."""
    good = check_implementation(fast.pdf, "htmp", "pdf", rtol=1e-10)
    assert good.passed, good.to_markdown()
    assert max(p.error for p in good.points) < 1e-11
    bad = check_implementation(targets.perturbed_pdf, "htmp", "pdf", rtol=1e-10)
    assert not bad.passed and len(bad.failures) == len(bad.points)
    assert all(8e-10 < p.error < 1.2e-9 for p in bad.points)


def test_scalar_exact_path_passes_on_the_paper_table():
    report = check_implementation(targets.exact_pdf, "htmp", "pdf", preset="paper", rtol=1e-14)
    assert report.passed and report.mode == "scalar"


def test_report_lists_every_failure_exceptions_and_nan():
    report = check_implementation(targets.fragile_pdf, "htmp", "pdf", preset="paper")
    assert not report.passed
    failing = {(p.regime, p.inputs["x"], p.inputs["gamma"], p.inputs["kappa"]) for p in report.failures}
    expected = {
        (p.regime, p.inputs["x"], p.inputs["gamma"], p.inputs["kappa"])
        for p in report.points
        if p.inputs["kappa"] >= 1000 or p.inputs["x"] < 0.01
    }
    assert failing == expected
    large = report.regimes["large kappa (near MP)"]
    assert large.exceptions == large.points and large.max_error is None
    (group,) = [e for e in report.exceptions() if "OverflowError" in e["message"]]
    assert group["message"] == "OverflowError: kappa too large" and group["count"] >= 12
    assert report.regimes["far tails"].nonfinite >= 1
    markdown = report.to_markdown()
    assert "no finite result" in markdown and "0.00e+00 | -" not in markdown
    assert markdown.count("| exception |") == sum(p.status == "exception" for p in report.points)


def test_a_regime_of_nan_is_a_failure_not_a_pass():
    report = check_implementation(targets.nan_for_large_kappa, "htmp", "cdf", preset="paper")
    large = report.regimes["large kappa (near MP)"]
    assert large.failed == large.points == large.nonfinite and large.max_error is None
    assert not report.passed


def test_json_report_has_verdict_points_and_diagnoses():
    report = check_implementation(targets.htmp_cdf_without_atom, "htmp", "cdf", preset="paper")
    data = json.loads(report.to_json())
    assert data["verdict"] == "fail" and isinstance(data["diagnoses"], list) and data["diagnoses"]
    point = data["points"][0]
    assert {"inputs", "reference", "got", "error", "status"} <= set(point)
    assert set(point["inputs"]) == {"x", "gamma", "kappa"}
    assert sum(p["status"] != "pass" for p in data["points"]) == data["counts"]["failed"]


def test_skipped_rows_are_reported_with_their_reason():
    report = check_implementation(fast.pdf, "htmp", "pdf", preset="paper")
    assert report.skipped and all("float64 range" in s.reason for s in report.skipped)
    assert "rows skipped" in report.to_markdown() and "Skipped rows" in report.to_markdown()


def test_stieltjes_moments_and_quantiles_can_be_checked():
    assert check_implementation(targets.htmp_stieltjes, "htmp", "stieltjes", preset="paper").passed
    assert check_implementation(targets.htmp_moment, "htmp", "moment", preset="paper").passed
    assert check_implementation(fast.ppf, "htmp", "ppf", preset="paper", rtol=1e-9).passed
    assert check_implementation(fast.mp_stieltjes, "mp", "stieltjes").passed


def test_per_parameter_set_vectorization_is_used():
    report = check_implementation(targets.per_gamma_mp_pdf, "mp", "pdf", rtol=1e-5)
    assert report.mode == "per parameter set" and report.passed


def test_timeout_marks_hanging_points_and_the_rest_are_checked():
    table = tables.shipped_table("cdf", preset="paper")
    rows = [r for r in table.rows if r.regime in ("large kappa (near MP)", "small kappa")][::3]
    small = tables.Table(table.law, table.quantity, table.encoding, table.digits, "paper", rows)
    report = check_implementation(targets.slow_cdf, "htmp", "cdf", table=small, timeout=1.0)
    statuses = {p.regime: set() for p in report.points}
    for p in report.points:
        statuses[p.regime].add(p.status)
    assert statuses["large kappa (near MP)"] == {"timeout"} and statuses["small kappa"] == {"pass"}


def test_error_measures():
    assert point_error(1.0 + 1e-12, 1.0, "pdf", 1e-10, 0.0) == pytest.approx(1e-12)
    assert point_error(1e-20, 0.0, "cdf", 1e-10, 0.0) == math.inf  # atol 0: 0 must be 0
    assert point_error(1e-20, 0.0, "cdf", 1e-10, 1e-15) <= 1e-10  # atol floor
    assert point_error(-700.5, -700.0, "logpdf", 1e-3, 0.0) == pytest.approx(0.5 / 700)
    assert point_error(0.3, 0.2, "logpdf", 1, 0.0) == pytest.approx(0.1)  # absolute below |ref| = 1
    assert point_error(-math.inf, -math.inf, "logpdf", 1e-10, 0.0) == 0.0
    assert point_error(math.nan, 1.0, "pdf", 1e-10, 0.0) == math.inf
    assert point_error(1j, 1j * (1 + 1e-12), "stieltjes", 1e-10, 0.0) == pytest.approx(1e-12, rel=1e-3)


def test_assert_conforms_raises_with_the_report():
    assert assert_conforms(fast.cdf, "htmp", "cdf", preset="paper").passed
    with pytest.raises(AssertionError, match="missing atom"):
        assert_conforms(targets.htmp_cdf_without_atom, "htmp", "cdf", preset="paper")


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: check_implementation(3, "htmp", "pdf"), TypeError, "f must be callable"),
        (lambda: check_implementation(fast.pdf, "wishart", "pdf"), ValueError, "law"),
        (lambda: check_implementation(fast.pdf, "htmp", "median"), ValueError, "quantity"),
        (lambda: check_implementation(fast.pdf, "htmp", "pdf", rtol=-1), ValueError, "rtol"),
        (lambda: check_implementation(fast.pdf, "htmp", "pdf", atol=math.nan), ValueError, "atol"),
        (lambda: check_implementation(fast.pdf, "htmp", "pdf", timeout=0), ValueError, "timeout"),
        (lambda: check_implementation(fast.pdf, "htmp", "pdf", preset="mp"), ValueError, "preset 'mp'"),
        (
            lambda: check_implementation(fast.pdf, "htmp", "pdf", table=tables.shipped_table("cdf")),
            ValueError,
            "holds",
        ),
        (lambda: load_function("no_colon"), ValueError, "module:function"),
        (lambda: load_function("tests.checker.targets:nothing"), AttributeError, "no attribute"),
        (lambda: load_function("tests.checker.no_such_module:f"), ImportError, "cannot import"),
    ],
)
def test_bad_arguments(call, error, match):
    with pytest.raises(error, match=match):
        call()

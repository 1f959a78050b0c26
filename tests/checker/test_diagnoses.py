"""Each diagnosis against a deliberately wrong implementation (and none for right ones)."""

import pytest

from htmp_exact import fast
from htmp_exact.checker import check_implementation

from . import targets


def _diagnoses(f, law, quantity, **kw):
    report = check_implementation(f, law, quantity, **kw)
    assert not report.passed
    return " | ".join(report.diagnoses)


def test_missing_atom_in_a_cdf():
    text = _diagnoses(targets.mp_cdf_without_atom, "mp", "cdf")
    assert "missing atom" in text
    assert "missing atom" in _diagnoses(targets.htmp_cdf_without_atom, "htmp", "cdf", preset="paper")


def test_continuous_part_instead_of_the_mixed_law():
    text = _diagnoses(targets.htmp_cdf_continuous_part, "htmp", "cdf", preset="paper")
    assert "continuous part normalized" in text and "missing atom" not in text


def test_total_mass_one_over_gamma():
    assert "total mass 1/gamma instead of 1" in _diagnoses(
        targets.htmp_pdf_mass_over_gamma, "htmp", "pdf", preset="paper"
    )


def test_rescaled_variable_is_estimated():
    text = _diagnoses(targets.htmp_pdf_rescaled, "htmp", "pdf", preset="paper")
    assert "rescaled variable" in text and "a = 2 for every parameter set" in text


def test_gamma_and_its_inverse_swapped():
    assert "gamma and 1/gamma swapped" in _diagnoses(targets.mp_pdf_swapped, "mp", "pdf")


@pytest.mark.parametrize(
    "f, law, phrase",
    [
        (targets.htmp_green, "htmp", "sign convention"),
        (targets.mp_stieltjes_conjugate, "mp", "complex conjugate"),
    ],
)
def test_stieltjes_conventions(f, law, phrase):
    kw = {"preset": "paper"} if law == "htmp" else {}
    assert phrase in _diagnoses(f, law, "stieltjes", **kw)


def test_ppf_convention_inside_the_atom():
    assert "instead of 0" in _diagnoses(targets.mp_ppf_at_edge, "mp", "ppf")


def test_absolute_accuracy_only():
    def absolute(x, gamma, kappa):
        return fast.cdf(x, gamma, kappa) + 1e-15

    assert "absolute accuracy only" in _diagnoses(absolute, "htmp", "cdf", preset="paper")


def test_no_diagnosis_for_a_correct_implementation():
    assert check_implementation(fast.sf, "htmp", "sf", preset="paper").diagnoses == []

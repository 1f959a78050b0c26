"""proofs_check: every script passes, and every kind of check fails on a false identity."""

import subprocess
import sys
from fractions import Fraction

import sympy as sp

from proofs_check import identities, moments, structures, weyl
from proofs_check._report import Check, exit_status, markdown_table


def test_python_m_proofs_check_passes():
    run = subprocess.run([sys.executable, "-m", "proofs_check"], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "**FAIL**" not in run.stdout
    for title in ("Proposition E.4", "Remark F.6", "Weyl formulae", "identities"):
        assert title in run.stdout


def test_report_marks_failures():
    results = [Check("a", "r", "s", True), Check("b", "r", "s", False, "why")]
    assert "**FAIL**: why" in markdown_table(results)
    assert exit_status(results) == 1 and exit_status(results[:1]) == 0


def test_moment_routes_disagree_with_a_wrong_jacobi_diagonal():
    paper = moments.paper_route(4)
    wrong = moments.jacobi_route(4, diagonal=lambda n: moments.jacobi_diagonal(n) + int(n == 1))
    assert not moments.check_routes_agree(paper, wrong).passed
    assert moments.check_routes_agree(paper, moments.jacobi_route(4)).passed


def test_moment_closed_forms_catch_a_wrong_coefficient():
    g, k = moments.gamma, moments.kappa
    wrong = {**moments.SPEC_MOMENTS, 2: 1 + g + 3 * g / k}
    assert not moments.check_closed_forms(moments.moments_gamma_tau(), wrong).passed


def test_nonnegativity_check_catches_a_negative_coefficient():
    g, t = moments.gamma, moments.tau
    assert not moments.check_polynomial_nonnegative([sp.Integer(1), 1 + g - g * t]).passed
    assert not moments.check_polynomial_nonnegative([sp.Integer(1), 1 + g / (1 + t)]).passed


def test_narayana_check_catches_a_wrong_limit():
    ms = list(moments.moments_gamma_tau()[:4])
    ms[3] = ms[3] + moments.gamma / 7
    assert not moments.check_narayana_limit(ms).passed


def test_moment_quadrature_catches_a_wrong_moment():
    ms = list(moments.moments_gamma_tau()[:3])
    ms[2] = ms[2] * (1 + sp.Rational(1, 10**30))
    assert not moments.check_quadrature(ms, points=[(Fraction(1, 2), Fraction(4))], orders=[2]).passed


def test_weyl_checks_fail_with_a_wrong_exponent():
    st = structures.symmetric(3)
    assert not weyl.check_exact_in_lambda(st, points=1, exponent=2).passed
    assert not weyl.check_float(structures.symmetric(5), exponent=2).passed
    assert not weyl.check_symbolic(structures.symmetric(2), exponent=2).passed


def test_weyl_checks_fail_with_the_wrong_structure_factor():
    # (b)'s W applied to (c)'s map: the commuting-block W is not the right volume factor
    b, c = structures.commuting_blocks(2, 2), structures.symmetric_blocks(2, 2)
    mixed = structures.Structure(
        "c?", c.name, c.sizes, c.n_lambda, c.n_angle, c.build, b.w2_factors, b.repulsions, c.dim
    )
    assert not weyl.check_exact_in_lambda(mixed, points=1).passed
    assert not weyl.check_float(mixed).passed


def test_repulsion_count_check_catches_a_wrong_D():
    st = structures.kronecker(2, 3)
    wrong = structures.Structure(
        st.key, st.name, st.sizes, st.n_lambda, st.n_angle, st.build, st.w2_factors, st.repulsions + 1, st.dim
    )
    assert not weyl.check_repulsion_counts([wrong]).passed


def test_identity_check_catches_a_small_perturbation():
    assert not identities.check_duality(points=1, scale=1 + Fraction(1, 10**25)).passed


def test_variational_checks_fail_on_false_identities():
    from proofs_check import variational

    assert not variational.check_kl_derivative(sign=-1).passed
    c23 = structures.symmetric_blocks(2, 3)
    assert not variational.check_exact_beta(
        c23, {"m": 2, "n": 3}, claimed=lambda key, **s: Fraction(1, 2)
    ).passed
    assert not variational.check_exact_beta(structures.commuting_blocks(2, 2), {"m": 2, "n": 2}).passed
    assert not variational.check_not_product_form(structures.kronecker(1, 3)).passed
    assert not variational.check_lemma_g4(c23, 0.6, draws=4000).passed
    assert not variational.check_lemma_g4_fails_off_optimum(c23, 0.4, draws=4000).passed

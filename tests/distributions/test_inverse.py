"""inverse_htmp, the law of 1/X: moments, sampling, the atom at infinity, the transform."""

import mpmath as mp
import numpy as np
import pytest
from scipy import stats

from htmp_exact import inverse_htmp
from htmp_exact.ensembles import sample_htmp_spectrum

from ..reference import htmp_pdf_hyperu


def test_inverse_moments_against_quadrature_and_divergence():
    # E[λ^k] = E[X^-k] (exact series of Kummer functions) against mpmath quadrature of the
    # density; α + 1 = 9 at γ = 1/4, κ = 6, so k = 9 is infinite
    d = inverse_htmp(0.25, 6.0)
    for order in (1, 4):
        with mp.workdps(18):
            ref = mp.quad(
                lambda t: t ** (-order) * htmp_pdf_hyperu(t, "0.25", 6, dps=18), [0, 0.5, 1.5, 6, mp.inf]
            )
        assert d.moment(order) == pytest.approx(float(ref), rel=1e-12)
    assert d.moment(9) == np.inf and d.moment(8) < np.inf
    assert inverse_htmp(0.5, 4.0).var() == np.inf and inverse_htmp(2.0, 4.0).mean() == np.inf


def test_cdf_against_inverted_beta_laguerre_samples():
    # the law of 1/X against reciprocals of β-Laguerre eigenvalues (SPEC §6), an independent
    # route: one-sample KS test (fails with probability 1e-3 if right), and the power-law tail
    # exponent α + 2 from the slope of log q at large λ
    lam = 1 / np.concatenate([sample_htmp_spectrum(1000, 0.5, 4.0, random_state=s) for s in range(3)])
    d = inverse_htmp(0.5, 4.0)
    assert stats.kstest(lam, d.cdf).pvalue > 1e-3
    slope = np.diff(d.logpdf(np.array([1e5, 2e5]))) / np.log(2)
    assert slope[0] == pytest.approx(-3.0, abs=1e-3)


def test_the_atom_of_x_at_zero_is_mass_at_infinity():
    g = inverse_htmp(3.0, 12.0)  # mass 2/3 at λ = +inf
    assert g.atom == pytest.approx(2 / 3)
    assert g.sf(1e300) == pytest.approx(2 / 3) and g.cdf(1e300) == pytest.approx(1 / 3)
    draws = g.rvs(4000, random_state=0)
    assert abs(np.isinf(draws).mean() - 2 / 3) < 5 * np.sqrt(2 / 9 / 4000)
    assert g.pdf(1e-320) == 0.0 and g.pdf(0.0) == 0.0


def test_stieltjes_of_the_inverse_law_against_quadrature():
    # E[1/(λ − z)] with λ = 1/X, by quadrature over x of p(x)/(1/x − z)
    z = 0.5 + 0.7j
    with mp.workdps(18):
        ref = mp.quad(lambda t: htmp_pdf_hyperu(t, "0.5", 10, dps=18) / (1 / t - z), [0, 0.5, 1.5, 6, mp.inf])
    assert inverse_htmp(0.5, 10.0).stieltjes(z) == pytest.approx(complex(ref), rel=1e-10)


def test_inverse_law_on_arrays_with_points_outside_the_support():
    # scipy passes γ, κ with one element for a frozen law: they used to be indexed with the
    # full mask (IndexError); reference: λ = 1/X on the certified path
    from htmp_exact import exact

    d = inverse_htmp(0.5, 5.0)
    lam = np.array([1.0, 2.0, -1.0, 0.0, np.inf])
    x = 1 / lam[:2]
    pdf = [float(exact.pdf(v, 0.5, 5.0).mid()) * v**2 for v in x]
    np.testing.assert_allclose(d.pdf(lam)[:2], pdf, rtol=1e-12)
    np.testing.assert_allclose(d.cdf(lam)[:2], [float(exact.sf(v, 0.5, 5.0).mid()) for v in x], rtol=1e-12)
    assert list(d.cdf(lam)[2:]) == [0.0, 0.0, 1.0] and list(d.sf(lam)[2:]) == [1.0, 1.0, 0.0]
    atom_law = inverse_htmp(2.0, 5.0)  # draws include +inf (the atom of X at 0)
    draws = atom_law.rvs(200, random_state=5)
    assert np.all(np.isfinite(atom_law.cdf(draws)))

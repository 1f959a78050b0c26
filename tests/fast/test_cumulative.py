"""fast.cdf/sf against the certified exact path and independent quadrature."""
import numpy as np
import pytest

from htmp_exact import exact, fast

from .reference import exact_float as _exact


def test_pdf_is_exp_logpdf_and_integrates_against_cdf():
    x = np.linspace(0.2, 3.0, 7)
    assert np.allclose(fast.pdf(x, 0.5, 10.0), np.exp(fast.logpdf(x, 0.5, 10.0)), rtol=1e-15)
    # -d sf/dx = pdf, central differences (independent of the quadrature inside cdf/sf)
    h = 1e-5
    deriv = (fast.sf(x - h, 0.5, 10.0) - fast.sf(x + h, 0.5, 10.0)) / (2 * h)
    assert np.allclose(deriv, fast.pdf(x, 0.5, 10.0), rtol=1e-7)


@pytest.mark.parametrize("gamma, kappa, xs", [
    (1.0, 20.0, [1e-12, 1e-3, 0.5, 2.0]),       # α + 1 = 0: F ~ 1/|log x|, closed-form anchor
    (0.9999, 100.0, [1e-12, 1e-3, 1.0]),        # α + 1 = 0.005
    (0.999, 0.01, [1e-9, 0.5, 30.0]),           # small κ: slow lower tail
])
def test_cdf_with_slowly_decaying_lower_tails(gamma, kappa, xs):
    xs = np.array(xs)
    refs = np.array([_exact(exact.cdf, x, gamma, kappa) for x in xs])
    assert np.all(np.abs(fast.cdf(xs, gamma, kappa) / refs - 1) <= 1e-14)


def test_cdf_at_the_top_of_the_kappa_domain_against_quadrature_of_the_pdf():
    # κ = 10⁵ (certified cdf is slow or fails there): increments of cdf against scipy
    # quad of the fast density, and cdf + sf = 1
    from scipy import integrate
    for gamma, (a, b) in ((0.5, (0.9, 1.1)), (1.0, (1e-3, 0.5)), (0.001, (0.99, 1.01))):
        logpdf = fast.logpdf_function(gamma, 1e5, a, b)   # one solve for all quad's points
        quad, _ = integrate.quad(lambda v: float(np.exp(logpdf(np.array([v]))[0])), a, b,
                                 epsabs=0, epsrel=1e-12, limit=200)
        c = fast.cdf([a, b], gamma, 1e5)
        assert c[1] - c[0] == pytest.approx(quad, rel=1e-10)
        assert np.allclose(c + fast.sf([a, b], gamma, 1e5), 1.0, rtol=0, atol=1e-15)

"""The fast float64 path against the certified exact path (same float64 inputs)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from htmp_exact import exact, fast

XS = np.array([1e-9, 1e-3, 0.05, 0.3, 0.7, 1.0, 1.3, 2.0, 3.0, 5.0, 20.0, 60.0])
GRID = [(g, k) for g in (0.01, 0.5, 1.0, 3.0) for k in (0.1, 4.0, 100.0, 1000.0)]

# tolerances: the worst errors measured on the README's validation grid, times ~3–5
LOGPDF_TOL = 2e-14  # |Δ logpdf| / max(1, |logpdf|)   (measured ≤ 4.8e-15)
PDF_REL_TOL = 1e-12  # |Δ pdf| / pdf where pdf ≥ 1e-300  (measured ≤ 2.3e-13)
CDF_ABS_TOL = 5e-15  # (measured ≤ 1.1e-15)
SF_REL_TOL = 1e-11  # where sf ≥ 1e-300                (measured ≤ 1.7e-12)


def _exact(fn, x, g, k):
    return float(fn(float(x), g, k, digits=16))


@pytest.mark.parametrize("gamma, kappa", GRID)
def test_fast_matches_exact_on_the_grid(gamma, kappa):
    lf, cf, sf = fast.logpdf(XS, gamma, kappa), fast.cdf(XS, gamma, kappa), fast.sf(XS, gamma, kappa)
    for i, x in enumerate(XS):
        ref = _exact(exact.logpdf, x, gamma, kappa)
        assert abs(lf[i] - ref) <= LOGPDF_TOL * max(1.0, abs(ref)), (x, lf[i], ref)
        if ref > -690:
            assert abs(np.expm1(lf[i] - ref)) <= PDF_REL_TOL, (x, lf[i], ref)
        assert abs(cf[i] - _exact(exact.cdf, x, gamma, kappa)) <= CDF_ABS_TOL, x
        s_ref = _exact(exact.sf, x, gamma, kappa)
        if s_ref >= 1e-300:
            assert abs(sf[i] / s_ref - 1) <= SF_REL_TOL, (x, sf[i], s_ref)


@pytest.mark.parametrize(
    "gamma, kappa, xs, tails",
    [
        (0.001, 1e4, [1e-6, 0.9, 0.97, 1.0, 1.03, 1.2, 3.0], False),  # s = 5·10⁶, narrow bulk
        (0.5, 1e5, [0.05, 0.09, 0.5, 1.0, 2.9, 3.0, 10.0], False),  # κ at the top of the domain
        (1000.0, 50.0, [1e-3, 1.0, 100.0, 900.0, 1500.0, 5000.0], True),
        (0.999, 2000.0, [1e-3, 0.01, 1.0, 3.9, 5.0], True),  # γ near 1, large κ
    ],
)
def test_fast_matches_exact_in_extreme_regimes(gamma, kappa, xs, tails):
    xs = np.array(xs)
    lf = fast.logpdf(xs, gamma, kappa)
    refs = np.array([_exact(exact.logpdf, x, gamma, kappa) for x in xs])
    assert np.all(np.abs(lf - refs) <= LOGPDF_TOL * np.maximum(1.0, np.abs(refs)))
    assert np.all(np.abs(np.expm1(lf - refs))[refs > -690] <= PDF_REL_TOL)
    if tails:  # certified sf is quick here
        sf_ref = np.array([_exact(exact.sf, x, gamma, kappa) for x in xs])
        assert np.all(np.abs(fast.sf(xs, gamma, kappa) / sf_ref - 1) <= SF_REL_TOL)


def test_pdf_is_exp_logpdf_and_integrates_against_cdf():
    x = np.linspace(0.2, 3.0, 7)
    assert np.allclose(fast.pdf(x, 0.5, 10.0), np.exp(fast.logpdf(x, 0.5, 10.0)), rtol=1e-15)
    # -d sf/dx = pdf, central differences (independent of the quadrature inside cdf/sf)
    h = 1e-5
    deriv = (fast.sf(x - h, 0.5, 10.0) - fast.sf(x + h, 0.5, 10.0)) / (2 * h)
    assert np.allclose(deriv, fast.pdf(x, 0.5, 10.0), rtol=1e-7)


def test_broadcasting_and_shapes():
    x = np.array([[0.5], [1.5]])
    g = np.array([0.25, 0.5, 2.0])
    out = fast.pdf(x, g, 10.0)
    assert out.shape == (2, 3)
    for i in range(2):
        for j in range(3):
            assert out[i, j] == pytest.approx(float(exact.pdf(float(x[i, 0]), float(g[j]), 10)), rel=1e-10)
    assert np.shape(fast.cdf(1.0, 0.5, 4.0)) == ()


def test_scipy_conventions_and_the_atom():
    assert fast.pdf(-1.0, 0.5, 4.0) == 0 and fast.logpdf(-1.0, 0.5, 4.0) == -np.inf
    assert fast.cdf(-1.0, 2.0, 4.0) == 0 and fast.sf(-1.0, 2.0, 4.0) == 1
    assert fast.cdf(0.0, 4.0, 4.0) == pytest.approx(0.75, abs=1e-16)  # atom 1 − 1/γ
    assert fast.sf(0.0, 4.0, 4.0) == pytest.approx(0.25, abs=1e-16)
    assert fast.pdf(0.0, 0.5, 4.0) == 0.0  # α = 1 > 0
    assert fast.pdf(0.0, 0.9, 1.0) == np.inf  # α < 0


def test_outside_the_documented_domain_is_nan():
    assert np.isnan(fast.pdf(1.0, 1e-4, 4.0)) and np.isnan(fast.cdf(1.0, 0.5, 1e6))


@pytest.mark.parametrize(
    "args, err",
    [
        ((1.0, 0.0, 4.0), ValueError),
        ((1.0, 0.5, -4.0), ValueError),
        ((1.0, np.nan, 4.0), ValueError),
        ((1.0, 0.5, np.inf), ValueError),
        ((np.nan, 0.5, 4.0), ValueError),
        ((1.0, 0.5j, 4.0), TypeError),
        (([1.0, 2.0], [0.5, 0.5, 0.5], 4.0), ValueError),
    ],
)
def test_bad_inputs(args, err):
    with pytest.raises(err):
        fast.pdf(*args)


@settings(max_examples=15, deadline=None, derandomize=True)
@given(gamma=st.floats(0.02, 50), kappa=st.floats(0.05, 300), x=st.floats(0.01, 10))
def test_fast_matches_exact_at_random_points(gamma, kappa, x):
    ref = _exact(exact.logpdf, x, gamma, kappa)
    assert abs(fast.logpdf(x, gamma, kappa) - ref) <= LOGPDF_TOL * max(1.0, abs(ref))
    assert abs(fast.cdf(x, gamma, kappa) - _exact(exact.cdf, x, gamma, kappa)) <= CDF_ABS_TOL


@settings(max_examples=20, deadline=None, derandomize=True)
@given(log_gamma=st.floats(-3, 3), log_kappa=st.floats(-2, 5), log_x=st.floats(-12, 2))
def test_logpdf_matches_exact_over_the_whole_domain(log_gamma, log_kappa, log_x):
    gamma, kappa = 10.0**log_gamma, 10.0**log_kappa
    x = 10.0**log_x * max(1.0, gamma)
    ref = _exact(exact.logpdf, x, gamma, kappa)
    value = float(fast.logpdf(x, gamma, kappa))
    assert abs(value - ref) <= LOGPDF_TOL * max(1.0, abs(ref))
    if ref > -690:
        assert abs(np.expm1(value - ref)) <= PDF_REL_TOL


# --------------------------------------------------------------------------
# Stieltjes transform
# --------------------------------------------------------------------------

STIELTJES_REL_TOL = 1e-13  # measured worst on the README grid (3.5e-14), times ~3: see README
ZS = np.array(
    [
        -1e6,
        1e6j,
        1e6 + 1e3j,
        -1e-8,
        1e-8j,
        0.5 + 1e-6j,
        1 + 1e-6j,
        3 - 1e-6j,
        1 + 1j,
        -2 + 0.1j,
        40 + 1e-5j,
        1e-4 + 1e-10j,
        1e30 + 1e20j,
        1e120 - 1j,
    ]
)


@pytest.mark.parametrize("gamma, kappa", GRID)
def test_stieltjes_matches_exact(gamma, kappa):
    values = fast.stieltjes(ZS, gamma, kappa)
    for z, value in zip(ZS, values):
        ref = complex(exact.stieltjes(complex(z), gamma, kappa, digits=16))
        assert abs(value - ref) <= STIELTJES_REL_TOL * abs(ref), (z, value, ref)


@pytest.mark.parametrize("gamma, kappa", [(0.5, 10.0), (2.0, 3.0), (0.01, 1000.0)])
def test_stieltjes_boundary_value_is_the_density(gamma, kappa):
    # p(x) = Im S(x + i0)/π (SPEC §4); at Im z = 1e-9 the difference is O(1e-9)
    x = np.array([0.3, 0.9, 1.0, 1.1, 2.5]) * (gamma if gamma > 1 else 1.0)
    density = np.array([float(exact.pdf(float(v), gamma, kappa, digits=16)) for v in x])
    inside = density > 1e-3
    values = fast.stieltjes(x + 1e-9j, gamma, kappa).imag / np.pi
    assert np.allclose(values[inside], density[inside], rtol=1e-6)


def test_stieltjes_far_field_is_the_moment_series():
    # S(z) = −Σ m_k / z^{k+1}; with the exact moments (Jacobi route) up to k = 3
    z = np.array([3e3j, -4e3 + 1e3j, -5e3])
    moments = [float(exact.moment(k, "0.5", 10)) for k in range(4)]
    series = -sum(m / z ** (k + 1) for k, m in enumerate(moments))
    assert np.allclose(fast.stieltjes(z, 0.5, 10.0), series, rtol=1e-13, atol=0)


def test_stieltjes_symmetry_and_the_atom():
    z = np.array([0.7 + 0.2j, 5 + 1e-3j, -1 + 3j])
    assert np.allclose(fast.stieltjes(z.conj(), 3.0, 5.0), fast.stieltjes(z, 3.0, 5.0).conj(), rtol=1e-15)
    # lim_{z→0} −z S(z) = 1 − 1/γ (SPEC §4)
    assert 1e-12 * fast.stieltjes(-1e-12, 4.0, 2.0).real == pytest.approx(0.75, abs=1e-9)  # −z = 1e-12
    assert fast.stieltjes([[-1.0], [1j]], [0.5, 2.0], 4.0).shape == (2, 2)


@pytest.mark.parametrize(
    "z, err",
    [
        (1.0, ValueError),
        (0.0, ValueError),
        (complex(np.nan, 1), ValueError),
        (complex(1, np.inf), ValueError),
        ("1j", TypeError),
    ],
)
def test_stieltjes_bad_inputs(z, err):
    with pytest.raises(err):
        fast.stieltjes(z, 0.5, 4.0)
    with pytest.raises(err):
        fast.mp_stieltjes(z, 0.5)


@pytest.mark.parametrize("gamma", [1e-3, 0.5, 1.0, 1.000001, 4.0])
def test_mp_stieltjes_solves_the_quadratic_and_matches_exact(gamma):
    z = np.array([-1e6, 1e6j, -1e-8, 1e-8j, 0.5 + 1e-6j, 1 + 1e-9j, 3 - 1e-6j, 1e-12 + 1e-9j, 1e30 + 1e20j])
    s = fast.mp_stieltjes(z, gamma)
    residual = gamma * z * s * s + (z + (gamma - 1)) * s + 1  # SPEC §2
    assert np.all(np.abs(residual) <= 1e-12 * (np.abs(gamma * z * s * s) + np.abs((z + (gamma - 1)) * s) + 1))
    assert np.all(s.imag * z.imag >= 0)  # Im S > 0 for Im z > 0
    for zi, si in zip(z, s):
        ref = complex(exact.mp_stieltjes(complex(zi), gamma, digits=16))
        assert abs(si - ref) <= 1e-14 * abs(ref)


@settings(max_examples=12, deadline=None, derandomize=True)
@given(gamma=st.floats(0.3, 3), kappa=st.floats(0.5, 50), x=st.floats(-3, 5), y=st.floats(1e-3, 3))
def test_stieltjes_matches_exact_at_random_points(gamma, kappa, x, y):
    z = complex(x, y)
    ref = complex(exact.stieltjes(z, gamma, kappa, digits=16))
    assert abs(fast.stieltjes(z, gamma, kappa) - ref) <= STIELTJES_REL_TOL * abs(ref)


def test_radau_tableau_satisfies_the_collocation_conditions():
    # stage order s: Σ_j a_ij c_j^(k−1) = c_i^k / k (k ≤ s); the last row is the Radau
    # quadrature, exact to degree 2s − 2; nodes: zeros of P_s(2c − 1) − P_{s−1}(2c − 1)
    import mpmath

    from htmp_exact import _riccati

    c, a, s = _riccati.C, _riccati.A, _riccati.STAGES
    for k in range(1, s + 1):
        assert np.allclose(a @ c ** (k - 1), c**k / k, rtol=0, atol=4e-16)
    for k in range(2 * s - 1):
        assert abs(a[-1] @ c**k - 1 / (k + 1)) <= 4e-16
    assert all(abs(mpmath.legendre(s, 2 * x - 1) - mpmath.legendre(s - 1, 2 * x - 1)) < 1e-13 for x in c)


@pytest.mark.parametrize(
    "gamma, kappa, xs",
    [
        (1.0, 20.0, [1e-12, 1e-3, 0.5, 2.0]),  # α + 1 = 0: F ~ 1/|log x|, closed-form anchor
        (0.9999, 100.0, [1e-12, 1e-3, 1.0]),  # α + 1 = 0.005
        (0.999, 0.01, [1e-9, 0.5, 30.0]),  # small κ: slow lower tail
    ],
)
def test_cdf_with_slowly_decaying_lower_tails(gamma, kappa, xs):
    xs = np.array(xs)
    refs = np.array([_exact(exact.cdf, x, gamma, kappa) for x in xs])
    assert np.all(np.abs(fast.cdf(xs, gamma, kappa) / refs - 1) <= 1e-14)


def test_cdf_at_the_top_of_the_kappa_domain_against_quadrature_of_the_pdf():
    # κ = 10⁵ (certified cdf is slow or fails there): increments of cdf against scipy
    # quad of the fast density, and cdf + sf = 1
    from scipy import integrate

    for gamma, (a, b) in ((0.5, (0.9, 1.1)), (1.0, (1e-3, 0.5)), (0.001, (0.99, 1.01))):
        logpdf = fast.logpdf_function(gamma, 1e5, a, b)  # one solve for all quad's points
        quad, _ = integrate.quad(
            lambda v: float(np.exp(logpdf(np.array([v]))[0])), a, b, epsabs=0, epsrel=1e-12, limit=200
        )
        c = fast.cdf([a, b], gamma, 1e5)
        assert c[1] - c[0] == pytest.approx(quad, rel=1e-10)
        assert np.allclose(c + fast.sf([a, b], gamma, 1e5), 1.0, rtol=0, atol=1e-15)


def test_quantile_and_logpdf_function_name_their_bad_inputs():
    # a NaN q was reported as "x must not be NaN"; a bad range reached math.log or the solver
    with pytest.raises(ValueError, match="q must not be NaN"):
        fast.ppf(np.nan, 0.5, 10)
    for lo, hi in [(2.0, 1.0), (0.0, 1.0), (-1.0, 1.0), (np.nan, 1.0), (0.5, np.inf)]:
        with pytest.raises(ValueError, match="x_lo"):
            fast.logpdf_function(0.5, 10, lo, hi)

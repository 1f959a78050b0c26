"""From a matrix (orientation, null space, duality), the inverse law, bad inputs, plots."""

import math
import sys
import warnings

import numpy as np
import pytest

from htmp_exact import exact, fast
from htmp_exact.fitting import (
    fit_htmp,
    fit_inverse_htmp,
    fit_marchenko_pastur,
    fit_matrix,
    fit_power_law,
    matrix_spectrum,
    plot_fit,
)


def test_spectrum_orientation_matches_the_gram_matrices():
    w = np.random.default_rng(0).standard_normal((30, 50))
    columns = matrix_spectrum(w, side="columns")
    assert columns.gamma == 50 / 30 and columns.eigenvalues.size == 50
    reference = np.linalg.eigvalsh(w.T @ w / 30)
    assert np.allclose(columns.eigenvalues, np.where(np.abs(reference) < 1e-12, 0.0, reference), atol=1e-12)
    assert (columns.eigenvalues == 0).sum() == 20
    rows = matrix_spectrum(w, side="rows")
    assert rows.gamma == 30 / 50 and np.allclose(rows.eigenvalues, np.linalg.eigvalsh(w @ w.T / 50))
    smaller = matrix_spectrum(w)
    assert smaller.side == "rows" and smaller.gamma == 0.6
    eigh = matrix_spectrum(w, side="columns", method="eigh")
    assert (eigh.eigenvalues < 0).any()  # the null space as LAPACK rounds it


def test_kappa_of_the_two_sides_follows_the_duality():
    """κ_smaller = κ_larger/γ_larger with the same scale (SPEC §3 duality), on a heavy-tailed matrix."""
    rng = np.random.default_rng(1)
    w = rng.standard_t(3, size=(150, 450)) / math.sqrt(3)
    larger = fit_matrix(w, side="columns", method="eigh")
    smaller = fit_matrix(w)
    assert larger.gamma == 3.0 and larger.zeros.n_zero == 300 and larger.zeros.consistent
    # the smaller side's values are the larger side's over γ: ℓ_smaller = ℓ_larger + N log γ at the maxima
    assert abs(smaller.loglik - (larger.loglik + 150 * math.log(3.0))) < 1e-3
    # κ and the scale agree to the search's tolerance (a profile within 1e-4 of its maximum: 1 % here)
    assert abs(smaller.kappa / (larger.kappa / 3) - 1) < 1e-2
    assert abs(smaller.scale / larger.scale - 1) < 1e-3


def test_inverse_law_loglik_is_the_certified_change_of_variables():
    lam = 3.0 / fast.ppf(np.random.default_rng(2).random(150), 0.5, 6.0)
    fit = fit_inverse_htmp(lam, 0.5)
    assert math.isfinite(fit.kappa)
    s, k = fit.scale, fit.kappa
    reference = sum(float(exact.logpdf(s / v, 0.5, k, digits=20)) + math.log(s / v**2) for v in lam)
    assert abs(fit.loglik - reference) < 1e-8
    assert fit.kappa_ci[0] < 6 < fit.kappa_ci[1] and fit.scale_ci[0] < 3 < fit.scale_ci[1]
    exact_tail = 0.5 * 6 * (1 / 0.5 - 1) + 1  # α + 2 (SPEC §3)
    assert exact_tail == 4.0


def test_inverse_law_truncation_leaves_out_the_largest():
    lam = 3.0 / fast.ppf(np.random.default_rng(3).random(300), 0.5, 6.0)
    fit = fit_inverse_htmp(lam, 0.5, exclude_top=5)
    assert fit.exclusion.n_excluded == 5 and min(fit.exclusion.excluded) > fit.data.max()


@pytest.mark.parametrize("call", [fit_htmp, fit_marchenko_pastur, fit_inverse_htmp])
def test_bad_inputs_are_named_errors(call):
    x = fast.ppf(np.random.default_rng(4).random(50), 0.5, 5.0)
    with pytest.raises(TypeError, match="complex"):
        call(x + 1j, 0.5)
    with pytest.raises(TypeError, match="data"):
        call(np.array(["a", "b"]), 0.5)
    with pytest.raises(ValueError, match="NaN or inf"):
        call(np.append(x, np.nan), 0.5)
    with pytest.raises(ValueError, match="at least 5"):
        call(x[:4], 0.5)
    with pytest.raises(ValueError, match=r"below -zero_tol .* most negative is -0.01"):
        call(np.append(x, [-1e-3, -1e-2]), 0.5)
    with pytest.raises(ValueError, match="gamma"):
        call(x, 0.0)
    with pytest.raises(TypeError, match="gamma"):
        call(x, "0.5")
    with pytest.raises(ValueError, match="level"):
        call(x, 0.5, level=1.5)
    with pytest.raises(ValueError, match="not both"):
        call(x, 0.5, xmax=1.0, exclude_top=2)
    with pytest.raises(ValueError, match="exclude_top"):
        call(x, 0.5, exclude_top=48)
    with pytest.raises(ValueError, match="zero_tol"):
        call(x, 0.5, zero_tol=-1.0)


def test_more_bad_inputs():
    x = fast.ppf(np.random.default_rng(5).random(50), 0.5, 5.0)
    with pytest.raises(ValueError, match="spikes"):
        fit_htmp(x, 0.5, spikes="yes")
    with pytest.raises(ValueError, match="empty"):
        fit_htmp([], 0.5)
    with pytest.raises(ValueError, match="min_tail"):
        fit_power_law(x[:5])
    with pytest.raises(ValueError, match="shape"):
        matrix_spectrum(np.ones(5))
    with pytest.raises(TypeError, match="complex"):
        matrix_spectrum(np.ones((3, 4)) * 1j)
    with pytest.raises(ValueError, match="side"):
        matrix_spectrum(np.ones((3, 4)), side="left")


def test_zeros_below_gamma_one_are_reported_not_silently_dropped():
    x = np.append(fast.ppf(np.random.default_rng(6).random(100), 0.5, 5.0), [0.0, 0.0])
    fit = fit_htmp(x, 0.5)
    assert fit.zeros.n_zero == 2 and not fit.zeros.consistent and "no atom" in fit.zeros.note
    wrong = fit_htmp(np.append(x, np.zeros(300)), 2.0)  # 302 zeros where 201 are expected
    assert not wrong.zeros.consistent and "predicts" in wrong.zeros.note


def test_plot_fit_draws_two_panels_and_needs_matplotlib(monkeypatch):
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    fit = fit_htmp(fast.ppf(np.random.default_rng(7).random(100), 0.5, 5.0), 0.5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        figure = plot_fit(fit)
    left, right = figure.axes
    assert len(left.lines) == 1 and len(right.lines) == 2 and right.get_xscale() == "log"
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match="pip install matplotlib"):
        plot_fit(fit)


def test_fitted_laws_return_scalars_for_scalars_as_scipy_does():
    x = fast.ppf(np.random.default_rng(8).random(200), 0.5, 5.0)
    fit = fit_htmp(x, 0.5)
    for value in (fit.logpdf(1.0), fit.cdf(1.0), fit.ppf(0.5), fit.rvs(random_state=1)):
        assert np.ndim(value) == 0
    assert fit.logpdf([0.5, 1.0]).shape == (2,) and fit.rvs((2, 3), random_state=1).shape == (2, 3)
    # the fitted law's quantile inverts its distribution function (fast.ppf against fast.cdf)
    assert abs(fit.cdf(fit.ppf(0.3)) - 0.3) < 1e-9
    power = fit_power_law(x)
    assert np.ndim(power.sf(2.0)) == 0 and abs(power.sf(power.xmin) - 1) < 1e-15

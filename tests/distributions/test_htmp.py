"""htmp: against the certified path, sampling, the Stieltjes transform."""

import numpy as np
import pytest
from scipy import stats

from htmp_exact import exact, fast, htmp
from htmp_exact.ensembles import sample_htmp_spectrum


def test_values_against_the_certified_path():
    d = htmp(2.0, 5.0, scale=3.0)
    assert d.pdf(3.0) == pytest.approx(float(exact.pdf(1, 2, 5)) / 3, rel=1e-11)
    assert d.logsf(30.0) == pytest.approx(float(exact.sf(10, 2, 5).log()), rel=1e-11)
    assert d.isf(1e-9) == pytest.approx(3 * float(fast.isf(1e-9, 2.0, 5.0)), rel=1e-14)
    assert d.moment(4) == pytest.approx(81 * float(exact.moment(4, 2, 5)), rel=1e-15)


def test_rvs_against_the_beta_laguerre_sampler():
    # inversion draws (fast.ppf) against eigenvalues of the β-Laguerre ensemble (SPEC §6), an
    # independent route to HTMP(γ, κ): a two-sample KS test (fails with probability ~1e-3 if right)
    draws = htmp(0.3, 8.0).rvs(3000, random_state=42)
    eigenvalues = np.concatenate(
        [sample_htmp_spectrum(1000, 0.3, 8.0, random_state=seed) for seed in range(3)]
    )
    assert stats.ks_2samp(draws, eigenvalues).pvalue > 1e-3
    assert (
        stats.kstest(
            draws,
            lambda v: np.array([float(exact.cdf(float(t), "0.3", 8, digits=8)) for t in np.atleast_1d(v)]),
        ).pvalue
        > 1e-3
    )


def test_stieltjes_method_is_the_scaled_transform():
    # E[1/(X − z)], X = 1 + 2·HTMP(0.5, 10), by adaptive quadrature of the certified density
    from scipy.integrate import quad

    z = -0.5 + 0.3j
    density = lambda y: float(exact.pdf(y, "0.5", 10, digits=16))
    parts = [
        quad(
            lambda y, f=f: f(density(y) / (1 + 2 * y - z)),
            0,
            60,
            points=[0.5, 1, 2, 4],
            limit=200,
            epsabs=1e-14,
            epsrel=1e-12,
        )[0]
        for f in (np.real, np.imag)
    ]
    assert htmp(0.5, 10.0, loc=1.0, scale=2.0).stieltjes(z) == pytest.approx(
        parts[0] + 1j * parts[1], rel=1e-10
    )

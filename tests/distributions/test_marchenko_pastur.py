"""marchenko_pastur: closed forms against the certified path, quantiles, sampling, the transform."""

import numpy as np
import pytest

from htmp_exact import exact, marchenko_pastur


@pytest.mark.parametrize("gamma", [0.5, 1.0, 2.0])
def test_closed_forms_against_the_certified_path(gamma):
    d = marchenko_pastur(gamma)
    for x in (-1.0, 0.0, 0.1, 0.5, 1.0, 2.0, 2.9, 4.0):
        assert abs(d.pdf(x) - float(exact.mp_pdf(x, gamma))) < 2e-15
        assert abs(d.cdf(x) - float(exact.mp_cdf(x, gamma))) < 2e-15
        assert abs(d.sf(x) - float(exact.mp_sf(x, gamma))) < 2e-15


def test_quantiles_samples_and_the_atom_limit():
    m = marchenko_pastur(0.5)
    q = np.array([0.01, 0.5, 0.99])
    assert np.allclose([float(exact.mp_cdf(float(v), "0.5")) for v in m.ppf(q)], q, atol=1e-14)
    y = m.rvs(20000, random_state=1)
    assert abs(y.mean() - 1) < 5 * np.sqrt(float(exact.mp_moment(2, "0.5")) - 1) / np.sqrt(y.size)
    law = marchenko_pastur(4.0, scale=3.0)
    assert law.stieltjes(-1e-9) * 1e-9 == pytest.approx(0.75, rel=1e-6)  # the atom: −zS → 1 − 1/γ

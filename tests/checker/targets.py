"""Implementations for the checker tests, right and deliberately wrong (tests.checker.targets)."""

import math
import time

import numpy as np

from htmp_exact import exact, fast


def exact_pdf(x, gamma, kappa):
    """Scalar: the certified pdf rounded to float."""
    return float(exact.pdf(x, gamma, kappa))


def perturbed_pdf(x, gamma, kappa):
    """The fast path, wrong by a relative 1e-9."""
    return fast.pdf(x, gamma, kappa) * (1 + 1e-9)


def fragile_pdf(x, gamma, kappa):
    """Scalar: raises for kappa >= 1000, NaN for x < 0.01, otherwise right."""
    if kappa >= 1000:
        raise OverflowError("kappa too large")
    if x < 0.01:
        return math.nan
    return exact_pdf(x, gamma, kappa)


def slow_cdf(x, gamma, kappa):
    """Scalar: hangs (sleeps) for kappa >= 1000, else right."""
    if kappa >= 1000:
        time.sleep(30)
    return float(exact.cdf(x, gamma, kappa))


def per_gamma_mp_pdf(x, gamma):
    """Vectorized over x only (gamma must be a scalar), like a scipy.stats object built per gamma."""
    if np.ndim(gamma):
        raise TypeError("gamma must be a scalar")
    return fast.mp_pdf(np.asarray(x), gamma)


def mp_pdf_formula(x, gamma):
    """A correct float64 MP density (continuous part), the usual formula."""
    lo, hi = (1 - np.sqrt(gamma)) ** 2, (1 + np.sqrt(gamma)) ** 2
    with np.errstate(all="ignore"):
        value = np.sqrt(np.clip((hi - x) * (x - lo), 0, None)) / (2 * np.pi * gamma * x)
    return np.where((x > lo) & (x < hi), value, 0.0)


def htmp_cdf_without_atom(x, gamma, kappa):
    return fast.cdf(x, gamma, kappa) - np.where(gamma > 1, 1 - 1 / gamma, 0.0)


def mp_cdf_without_atom(x, gamma):
    return fast.mp_cdf(x, gamma) - np.where(gamma > 1, 1 - 1 / gamma, 0.0)


def htmp_cdf_continuous_part(x, gamma, kappa):
    """The cdf of the continuous part normalized to mass 1 (the law of X given X > 0)."""
    atom = np.where(gamma > 1, 1 - 1 / gamma, 0.0)
    return (fast.cdf(x, gamma, kappa) - atom) / (1 - atom)


def htmp_pdf_mass_over_gamma(x, gamma, kappa):
    """A density of total mass 1/gamma times the right one."""
    return fast.pdf(x, gamma, kappa) / gamma


def htmp_pdf_rescaled(x, gamma, kappa):
    """The density of X/2: x -> 2x."""
    return 2 * fast.pdf(2 * np.asarray(x), gamma, kappa)


def mp_pdf_swapped(x, gamma):
    """An MP density parametrized by Q = 1/gamma (WeightWatcher's aspect ratio) called with gamma."""
    return mp_pdf_formula(x, 1 / np.asarray(gamma))


def htmp_stieltjes(z, gamma, kappa):
    return fast.stieltjes(z, gamma, kappa)


def htmp_green(z, gamma, kappa):
    """The Green's function G(z) = integral of mu(dx)/(z - x) = -S(z)."""
    return -fast.stieltjes(z, gamma, kappa)


def mp_stieltjes_conjugate(z, gamma):
    return np.conj(fast.mp_stieltjes(z, gamma))


def mp_ppf_at_edge(q, gamma):
    """ppf returning the lower edge instead of 0 inside the atom."""
    lo = (1 - np.sqrt(gamma)) ** 2
    value = fast.mp_ppf(q, gamma)
    return np.where(value == 0, lo, value)


def htmp_moment(k, gamma, kappa):
    return float(exact.moment(int(k), gamma, kappa))


def nan_for_large_kappa(x, gamma, kappa):
    return np.where(np.asarray(kappa) >= 1000, np.nan, fast.cdf(x, gamma, kappa))

"""Implementations for the checker tests and the CLI (importable as ``tests.checker_targets``)."""
import math

import numpy as np

from htmp_exact import exact


def exact_pdf(x, gamma, kappa):
    """Scalar: the certified pdf rounded to float (should pass at rtol 1e-10)."""
    return float(exact.pdf(x, gamma, kappa))


def perturbed_pdf(x, gamma, kappa):
    """The same, wrong by a relative 1e-9 (must fail at rtol 1e-10)."""
    return exact_pdf(x, gamma, kappa) * (1 + 1e-9)


def fragile_pdf(x, gamma, kappa):
    """Raises for kappa >= 1000, NaN for x < 0.01, otherwise right."""
    if kappa >= 1000:
        raise OverflowError("kappa too large")
    if x < 0.01:
        return math.nan
    return exact_pdf(x, gamma, kappa)


def vectorized_logpdf(x, gamma, kappa):
    """Vectorized over numpy arrays (one call for the whole table)."""
    return np.array([float(exact.logpdf(a, b, c)) for a, b, c in zip(x, gamma, kappa)])

r"""pdf, logpdf, cdf, sf of HTMP(γ, κ) in float64, evaluated per distinct (γ, κ)."""
from __future__ import annotations

import math
from typing import Callable

import numpy as np

from .. import exact
from ._arguments import broadcast, groups
from ._cumulative import Cumulative
from ._solution import CarrierLaw, solve_between

Kernel = Callable[[float, float, np.ndarray], np.ndarray]


def _evaluate(x, gamma, kappa, kernel: Kernel, at_zero: Callable[[float, float], float],
              below: float) -> np.ndarray:
    """Group the points by (γ, κ): ``below`` for x < 0, ``at_zero`` at 0, ``kernel`` for x > 0."""
    x, gamma, kappa = broadcast(x, gamma, kappa)
    out = np.full(x.shape, np.nan)
    flat_x, flat_out = x.ravel(), out.reshape(-1)
    for g, k, sel in groups(gamma, kappa):
        xs = flat_x[sel]
        flat_out[sel[xs < 0]] = below
        zero = xs == 0
        if np.any(zero):
            flat_out[sel[zero]] = at_zero(g, k)
        pos = xs > 0
        if np.any(pos):
            flat_out[sel[pos]] = kernel(g, k, xs[pos])
    return out


def logpdf_function(gamma: float, kappa: float, x_lo: float, x_hi: float) -> Callable[[np.ndarray], np.ndarray]:
    """``x ↦ logpdf(x)`` for HTMP(γ, κ) on ``[x_lo, x_hi]`` (x > 0) from one solve of the Riccati equation.

    For repeated evaluation at one (γ, κ) (e.g. a likelihood in the scale parameter).
    """
    if not (0 < x_lo <= x_hi < math.inf):
        raise ValueError(f"need 0 < x_lo <= x_hi < inf, got x_lo = {x_lo!r}, x_hi = {x_hi!r}")
    law = CarrierLaw.from_inputs(gamma, kappa)
    scale = law.scale
    lo, hi = x_lo / scale, x_hi / scale
    solution = solve_between(law, lo, hi)
    shift = 2 * math.log(scale)

    def evaluate(x: np.ndarray) -> np.ndarray:
        x1 = np.asarray(x, dtype=float) / scale
        if np.any(x1 < lo * (1 - 1e-12)) or np.any(x1 > hi * (1 + 1e-12)):
            raise ValueError(f"x outside the solved range [{x_lo}, {x_hi}]")
        return solution.logpdf_at(x1) - shift
    return evaluate


def _logpdf_kernel(g: float, k: float, x: np.ndarray) -> np.ndarray:
    return logpdf_function(g, k, float(x.min()), float(x.max()))(x)


def _carrier_cumulative(g: float, k: float, x: np.ndarray):
    """(cdf, sf) of the carrying law at ``x/scale``, with its ``1/γ`` mass for γ > 1."""
    law = CarrierLaw.from_inputs(g, k)
    x1 = x / law.scale
    cdf, sf = Cumulative(law, float(x1.min()), float(x1.max())).cdf_sf_at(x1)
    return cdf / law.scale, sf / law.scale


def _cdf_kernel(g: float, k: float, x: np.ndarray) -> np.ndarray:
    cdf = _carrier_cumulative(g, k, x)[0]
    return (1 - 1 / g) + cdf if g > 1 else cdf


def _sf_kernel(g: float, k: float, x: np.ndarray) -> np.ndarray:
    return _carrier_cumulative(g, k, x)[1]


def _logpdf_at_zero(g: float, k: float) -> float:
    return float(exact.logpdf(0, g, k, digits=16))


def logpdf(x, gamma, kappa) -> np.ndarray:
    r"""log p(x) of HTMP(γ, κ) (continuous part for γ > 1), float64, broadcasting over all arguments.

    ``x < 0``: −inf; ``x = 0``: the limit.  (γ, κ) outside the documented domain
    (:data:`GAMMA_RANGE`, :data:`KAPPA_RANGE`): NaN.

    >>> import numpy as np
    >>> from htmp_exact import exact, fast
    >>> bool(abs(fast.logpdf(1.3, 0.5, 10.0) - float(exact.logpdf(1.3, 0.5, 10))) < 1e-12)
    True
    """
    return _evaluate(x, gamma, kappa, _logpdf_kernel, _logpdf_at_zero, -np.inf)


def pdf(x, gamma, kappa) -> np.ndarray:
    r"""Density p(x) of HTMP(γ, κ) (continuous part, mass 1/γ, for γ > 1), float64.

    ``exp(logpdf)``; see :func:`logpdf` for conventions and the module docstring
    for the algorithm.
    """
    return np.exp(logpdf(x, gamma, kappa))


def cdf(x, gamma, kappa) -> np.ndarray:
    r"""P(X ≤ x) of HTMP(γ, κ), atom ``1 − 1/γ`` at 0 included for γ > 1; float64.

    >>> from htmp_exact import exact, fast
    >>> bool(abs(fast.cdf(0.7, 2.0, 5.0) - float(exact.cdf(0.7, 2, 5))) < 1e-13)
    True
    """
    return _evaluate(x, gamma, kappa, _cdf_kernel, lambda g, k: max(0.0, 1 - 1 / g), 0.0)


def sf(x, gamma, kappa) -> np.ndarray:
    r"""P(X > x) of HTMP(γ, κ), computed directly (relative accuracy in the upper tail); float64."""
    return _evaluate(x, gamma, kappa, _sf_kernel, lambda g, k: min(1.0, 1 / g), 1.0)

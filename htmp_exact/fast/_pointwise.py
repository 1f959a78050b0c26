r"""Per-point evaluation of log p for points whose (γ, κ) all differ: one route per point.

Each point is reduced to its carrying law (γ ≤ 1; SPEC §3 duality) with parameters ``c``,
``s``, ``m`` and ``y = s x`` (:func:`~._normalization.parameters`), and

.. math:: \log p(x) = \log s - (m+1)\log y - y - \log\Gamma(c+1) + \log\Gamma(s) - 2 \log|J|,
          \qquad J = \Gamma(s)\, U(s, m+1, y e^{-i\pi}) = \int e^{\varphi(t)}\,dt

(SPEC §3 with Kummer's transformation DLMF 13.2.40, and DLMF 13.4.4).  Routes:

* ``CLOSED``: ``y > 10^100`` or ``(c + s + 1) y < 10^-25``: the leading terms of U at infinity
  or at 0 (:mod:`._normalization`);
* ``SMALL_C``: ``c < 1``: two positive integrals (:mod:`._positive`);
* ``SADDLE``: ``c ≥ 1``: the trapezoidal rule on the steepest-descent path through the upper
  complex saddle (bulk) or along the real axis through the real saddle where ``Re φ`` peaks
  (tails) (:mod:`._steepest`), normalized at that saddle (:func:`~._normalization.normalization`);
  where neither applies (saddles next to each other at the edges of the bulk, ``s < 3`` in the
  tails), Gauss–Legendre quadrature on a traced polygon (:mod:`._polygon`);
* ``GROUPED``: γ = 1 with κ = 2 (c = s = 1), left to the grouped route (NaN here).

Each route is a separate compiled function called on its points only, so that a first call
compiles only the code its points need.
"""

from __future__ import annotations

import math

import numpy as np

from .._jit import jit
from . import _steepest
from ._normalization import (
    SMALL_Y,
    Y_FAR,
    discriminant,
    far_logpdf,
    normalization,
    parameters,
    small_c_logpdf,
    small_y_logpdf,
)
from ._polygon import polygon

CLOSED, SMALL_C, SADDLE, GROUPED = 0, 1, 2, 3
SMALL_S = 3.0  # below: the tails by the polygon (the real saddle's path may end at 0 at finite τ)
TRAPEZOID_S = 2.0  # the complex trapezoid needs the path to end at 0 like t^{s-1} with s ≥ this
ONE_PLUS = (
    1.0 + 2.0**-50
)  # the start value at s = 1 (γ = 1, κ = 2) moves here: the saddles at 0 and −(y+α)/y part


@jit
def routes(x: np.ndarray, gamma: np.ndarray, kappa: np.ndarray, out: np.ndarray) -> None:
    """The route of each point (module docstring)."""
    for i in range(x.size):
        c, s, _, y, _, _ = parameters(gamma[i], kappa[i], x[i])
        if y > Y_FAR or (c + s + 1.0) * y < SMALL_Y:
            out[i] = CLOSED
        elif c < 1.0:
            out[i] = SMALL_C
        elif s > 1.0:
            out[i] = SADDLE
        else:
            out[i] = GROUPED


@jit
def _closed_points(x: np.ndarray, gamma: np.ndarray, kappa: np.ndarray, out: np.ndarray) -> None:
    for i in range(x.size):
        c, s, m, y, low, scale = parameters(gamma[i], kappa[i], x[i])
        alpha = _steepest.alpha_of(s, c, low)
        if y > Y_FAR:
            out[i] = far_logpdf(y, s, c, alpha) - 2.0 * math.log(scale)
        else:
            log_y = math.log(s) + math.log(x[i]) - math.log(scale)
            out[i] = small_y_logpdf(log_y, s, c, m, alpha) - 2.0 * math.log(scale)


@jit
def _small_c_points(x: np.ndarray, gamma: np.ndarray, kappa: np.ndarray, out: np.ndarray) -> None:
    for i in range(x.size):
        c, s, _, y, _, scale = parameters(gamma[i], kappa[i], x[i])
        out[i] = small_c_logpdf(y, s, c) - 2.0 * math.log(scale)


@jit
def _saddle_points(x: np.ndarray, gamma: np.ndarray, kappa: np.ndarray, out: np.ndarray) -> None:
    """The trapezoidal rules of :mod:`._steepest`; NaN where they do not apply."""
    for i in range(x.size):
        c, s, m, y, low, scale = parameters(gamma[i], kappa[i], x[i])
        out[i] = _saddle_logpdf(y, s, c, m, low) - 2.0 * math.log(scale)


@jit
def _saddle_logpdf(y: float, s: float, c: float, m: float, low: tuple[float, float, float]) -> float:
    disc = discriminant(y, s, c)
    if disc < 0.0:
        if s >= TRAPEZOID_S:
            centre, total, _, ok = _steepest.complex_saddle(y, s, c, disc, low)
            if ok:
                return normalization(centre, y, s, c, low) - 2.0 * math.log(abs(total))
        return math.nan
    b = y + m - 1.0
    root = math.sqrt(disc)
    far = (-b - math.copysign(root, b)) / (2.0 * y)
    near = (s - 1.0) / (y * far)
    peak, other = (far, near) if far < -1.0 else (near, far)
    slope = _steepest.saddle_slope(complex(peak, 0.0), y, s, c, low).real
    alpha = _steepest.alpha_of(s, c, low)
    if s >= SMALL_S and -_steepest.centred_real(other, peak, slope, alpha, y, s, c) > _steepest.LEVEL + 5.0:
        log_j, ok = _steepest.real_peak(peak, y, s, c, low)
        if ok:
            return normalization(complex(peak, 0.0), y, s, c, low) - 2.0 * log_j
    return math.nan


@jit
def _polygon_points(x: np.ndarray, gamma: np.ndarray, kappa: np.ndarray, out: np.ndarray) -> None:
    """Gauss–Legendre on a traced polygon (:mod:`._polygon`); NaN where no path is found."""
    for i in range(x.size):
        c, s, _, y, low, scale = parameters(gamma[i], kappa[i], x[i])
        centre, total, _, ok = polygon(y, s, c, discriminant(y, s, c), low)
        out[i] = (
            normalization(centre, y, s, c, low) - 2.0 * math.log(abs(total)) - 2.0 * math.log(scale)
            if ok
            else math.nan
        )


def logpdf_points(x: np.ndarray, gamma: np.ndarray, kappa: np.ndarray) -> np.ndarray:
    """log p(x) of HTMP(γ, κ) at flat arrays of finite ``x > 0`` (NaN where no route applies: the
    caller evaluates those points by the grouped route)."""
    code = np.empty(x.size, dtype=np.int64)
    routes(x, gamma, kappa, code)
    out = np.full(x.size, np.nan)
    for route, kernel in ((CLOSED, _closed_points), (SMALL_C, _small_c_points), (SADDLE, _saddle_points)):
        selected = np.flatnonzero(code == route)
        if selected.size:
            values = np.empty(selected.size)
            kernel(x[selected], gamma[selected], kappa[selected], values)
            out[selected] = values
    left = np.flatnonzero((code == SADDLE) & np.isnan(out))
    if left.size:
        values = np.empty(left.size)
        _polygon_points(x[left], gamma[left], kappa[left], values)
        out[left] = values
    return out


def log_derivative(gamma: float, kappa: float) -> complex:
    """``u = y w'(y)/w(y)`` of ``w(y) = U(c, −α, y e^{iπ})`` at ``y = s`` (x = 1 in the carrying law:
    the start of the Riccati solve of :mod:`._solution`), ``u = m + y conj(J_t/J)`` with
    ``J_t = ∫ t e^{φ} dt`` on the path of J; for ``c ≥ 1`` (NaN otherwise, or where no route
    applies).  The trapezoidal rule where it applies, else the polygon (compiled only when needed)."""
    value = _start_by_trapezoid(gamma, kappa)
    return _start_by_polygon(gamma, kappa) if math.isnan(value.real) else value


@jit
def _start_parameters(
    gamma: float, kappa: float
) -> tuple[float, float, float, float, tuple[float, float, float]]:
    """(c, s, m, y, low) at x = 1 of the carrying law, with ``s = 1`` moved to :data:`ONE_PLUS`."""
    c, s, m, y, low, _ = parameters(gamma, kappa, max(gamma, 1.0))
    return c, max(s, ONE_PLUS), m, y, low


@jit
def _start_by_trapezoid(gamma: float, kappa: float) -> complex:
    c, s, m, y, low = _start_parameters(gamma, kappa)
    disc = discriminant(y, s, c)
    if c >= 1.0 and disc < 0.0 and s >= TRAPEZOID_S:
        _, total, moment, ok = _steepest.complex_saddle(y, s, c, disc, low)
        if ok:
            return m + y * (moment / total).conjugate()
    return complex(math.nan, math.nan)


@jit
def _start_by_polygon(gamma: float, kappa: float) -> complex:
    c, s, m, y, low = _start_parameters(gamma, kappa)
    if c >= 1.0:
        _, total, moment, ok = polygon(y, s, c, discriminant(y, s, c), low)
        if ok:
            return m + y * (moment / total).conjugate()
    return complex(math.nan, math.nan)

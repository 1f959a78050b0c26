r"""The mass of a truncation window as a function of the log-scale, from few distribution-function solves.

A truncated likelihood needs ``M(u) = P(lo e^{−u} < X ≤ hi e^{−u})`` at every scale u the
search visits, and each :func:`htmp_exact.fast.cdf` call costs one Riccati solve with its
tail anchors.  One call evaluates M on a table of nodes ``u_j = u_c + jδ``, ``|j| ≤ 64``,
and between nodes ``log M`` is the cubic Hermite interpolant with the exact slopes

.. math::

    \frac{d}{du}\log M = \frac{lo\,e^{-u}\,p(lo\,e^{-u}) - hi\,e^{-u}\,p(hi\,e^{-u})}{M(u)}

(p from the same solve as the likelihood).  Its error is ``δ⁴/384·max|(log M)''''|``; the
node spacing ``δ = min(0.005, 0.25 κ^{−2/3})`` follows the width of the law's edges at
large κ (``κ^{−2/3}``, the soft edge that replaces MP's square-root edge).  A u outside the
tables adds a table centred on it.  The likelihood's reported values use :meth:`exact`.
"""

from __future__ import annotations

import math

import numpy as np

from ._laws import LogPdf, Window, window_mass

_HALF = 64


class WindowMass:
    """``log M(u)`` for one (γ, κ < ∞) and a truncated window (module docstring)."""

    def __init__(self, gamma: float, kappa: float, window: Window, logpdf: LogPdf):
        self.gamma, self.kappa, self.window, self.logpdf = gamma, kappa, window, logpdf
        self.delta = min(0.005, 0.25 * kappa ** (-2 / 3))
        self._tables: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def _masses(self, u: np.ndarray) -> np.ndarray:
        w = self.window
        return window_mass(w.lo * np.exp(-u), w.hi * np.exp(-u), self.gamma, self.kappa)

    def _flux(self, end: float, u: np.ndarray) -> np.ndarray:
        """``y p(y)`` at ``y = end·e^{−u}`` (0 for an end at 0 or ∞)."""
        if end == 0 or math.isinf(end):
            return np.zeros_like(u)
        y = end * np.exp(-u)
        return y * np.exp(self.logpdf(y))

    def _table(self, centre: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        nodes = centre + self.delta * np.arange(-_HALF, _HALF + 1)
        mass = self._masses(nodes)
        with np.errstate(divide="ignore", invalid="ignore"):
            slope = (self._flux(self.window.lo, nodes) - self._flux(self.window.hi, nodes)) / mass
            table = (nodes, np.log(mass), slope)
        self._tables.append(table)
        return table

    def __call__(self, u: float) -> float:
        """Interpolated ``log M(u)`` (−inf where the mass underflows)."""
        table = next((t for t in self._tables if t[0][0] <= u <= t[0][-1]), None)
        nodes, values, slopes = table if table is not None else self._table(u)
        j = min(int((u - nodes[0]) / self.delta), nodes.size - 2)
        f0, f1, d0, d1 = values[j], values[j + 1], slopes[j] * self.delta, slopes[j + 1] * self.delta
        if not all(map(math.isfinite, (f0, f1, d0, d1))):
            return self.exact(u)
        s = (u - nodes[j]) / self.delta
        h00, h10, h01, h11 = 2 * s**3 - 3 * s**2 + 1, s**3 - 2 * s**2 + s, -2 * s**3 + 3 * s**2, s**3 - s**2
        return float(h00 * f0 + h10 * d0 + h01 * f1 + h11 * d1)

    def exact(self, u: float) -> float:
        """``log M(u)`` from one distribution-function solve."""
        mass = float(self._masses(np.array([u]))[0])
        return math.log(mass) if mass > 0 else -math.inf

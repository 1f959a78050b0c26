r"""Piecewise-polynomial laws on ``(0, ∞)`` and their Cauchy transform up to the real axis.

A law is stored as atoms plus a density in ``t = log x``: ``q(t) = p(e^t) e^t`` is sampled at
16 Gauss–Legendre nodes on each panel of a mesh in t (adaptive: a panel is halved until the
last two Legendre coefficients of q fall below ``tol`` times its largest value).  Its Cauchy
(Stieltjes) transform ``S(Ω) = ∫ μ(dx)/(x − Ω)``, ``S'(Ω)`` and ``T(Ω) = ∫ x μ(dx)/(x − Ω)``
(``= 1 + ΩS``, summed directly since that difference cancels at large |Ω|) are computed for Ω
in the closed upper half-plane, so on ``(0, ∞)`` they are the boundary values at ``x + i0``.
Per (point, panel) pair, with ``τ = (log Ω − mid)/half`` and ρ the Bernstein-ellipse
parameter of τ (Trefethen, *ATAP*, Thm 19.3):

* ρ ≥ 3: the panel's own 16-point rule (error ``O(ρ^{−32})``; compiled with numba);
* 1.3 ≤ ρ < 3: the panel's polynomial resampled at 64 Gauss points (error ``O(ρ^{−128})``);
* ρ < 1.3 (the pole on or next to the panel): product integration.  With
  ``t* = log Ω`` and ``B(d) = d/expm1(d)``, ``q(t)/(e^t − Ω) = f(t)/(t − t*)`` for the smooth
  ``f = q·B(t − t*)/Ω``; f is expanded in Legendre polynomials and
  ``J_k(τ) = ∫_{−1}^{1} P_k(u)/(u − τ) du`` comes from ``J_0 = log(τ − 1) − log(τ + 1)``
  and the forward recurrence ``(k+1) J_{k+1} = (2k+1)(τ J_k + 2δ_{k0}) − k J_{k−1}``
  (stable for ρ < 1.3: errors grow at most like ``ρ^k`` while f's coefficients fall
  much faster).  ``S'`` on such a panel uses
  ``Ω ∫ q/(e^t − Ω)² = [−q/(e^t − Ω)] + ∫ q'/(e^t − Ω) − ∫ q/(e^t − Ω)`` (integration by
  parts, exact per panel), with q' from the panel's polynomial.

Not certified: float64, accuracy set by how well the polynomials resolve the density
(``tol``); measured in ``tests/test_free.py`` against the fast path and mpmath.
"""

from __future__ import annotations

import cmath
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from numpy.polynomial import legendre as leg

from .._jit import jit

N_NODES = 16
NODES, WEIGHTS = leg.leggauss(N_NODES)
_FINE_NODES, _FINE_WEIGHTS = leg.leggauss(64)
RHO_FAR, RHO_NEAR = 3.0, 1.3
_COARSE = 1 / 16  # narrowest panel refined for below the absolute floor of :func:`build`
MAX_WIDTH = 1.0  # widest panel in t (keeps B's poles at t* ± 2πi far from every panel)
_VANDERMONDE = leg.legvander(NODES, N_NODES - 1)  # P_k(u_j)
TO_LEGENDRE = (_VANDERMONDE * WEIGHTS[:, None]).T * ((2 * np.arange(N_NODES) + 1) / 2)[:, None]
_RESAMPLE = leg.legvander(_FINE_NODES, N_NODES - 1) @ TO_LEGENDRE  # values at the 64 points
_DIFFERENTIATE = (
    np.stack([leg.legval(NODES, leg.legder(np.eye(N_NODES)[k])) for k in range(N_NODES)], axis=1)
    @ TO_LEGENDRE
)  # d/du at the 16 points


@dataclass(frozen=True)
class PanelLaw:
    """Atoms (``positions ≥ 0``, ``masses``) plus the density ``q(t) = p(e^t)e^t`` at the
    Gauss nodes of the panels between ``breaks`` (in t = log x), ``q`` of shape (panels, 16)."""

    breaks: np.ndarray
    q: np.ndarray
    positions: np.ndarray
    masses: np.ndarray
    mid: np.ndarray = field(init=False, repr=False)
    half: np.ndarray = field(init=False, repr=False)
    t: np.ndarray = field(init=False, repr=False)
    x: np.ndarray = field(init=False, repr=False)
    w: np.ndarray = field(init=False, repr=False)
    dq: np.ndarray = field(init=False, repr=False)
    ends: np.ndarray = field(init=False, repr=False)
    x_fine: np.ndarray = field(init=False, repr=False)
    w_fine: np.ndarray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        mid, half = (self.breaks[1:] + self.breaks[:-1]) / 2, np.diff(self.breaks) / 2
        t = mid[:, None] + half[:, None] * NODES
        coefficients = self.q @ TO_LEGENDRE.T
        derived = dict(
            mid=mid,
            half=half,
            t=t,
            x=np.exp(t),
            w=half[:, None] * WEIGHTS * self.q,
            dq=self.q @ _DIFFERENTIATE.T / half[:, None],
            ends=np.stack([coefficients @ (-1.0) ** np.arange(N_NODES), coefficients.sum(1)], 1),
            x_fine=np.exp(mid[:, None] + half[:, None] * _FINE_NODES),
            w_fine=half[:, None] * _FINE_WEIGHTS * (self.q @ _RESAMPLE.T),
        )
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    @property
    def panel_mass(self) -> np.ndarray:
        return self.w.sum(axis=1)

    def cauchy(self, omega: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(S(Ω), S'(Ω), T(Ω))`` for Ω with ``Im Ω ≥ 0``, Ω ≠ 0 (boundary values on the axis), where
        ``T(Ω) = ∫ x/(x − Ω) μ(dx) = 1 + ΩS(Ω)`` is summed directly (no cancellation at large |Ω|)."""
        omega = np.asarray(omega, dtype=complex)
        flat = omega.reshape(-1)
        out = np.empty((3, flat.size), dtype=complex)
        chunk = max(1, 1_000_000 // self.x.size)
        for start in range(0, flat.size, chunk):
            out[:, start : start + chunk] = self._cauchy_flat(flat[start : start + chunk])
        return out[0].reshape(omega.shape), out[1].reshape(omega.shape), out[2].reshape(omega.shape)

    def _cauchy_flat(self, omega: np.ndarray) -> np.ndarray:
        omega = self._off_breaks(omega)
        out = point_masses(omega, self.positions, self.masses)
        tau = (np.log(omega)[:, None] - self.mid) / self.half
        rho = np.empty(tau.shape)
        _far_sums(omega, tau, self.x, self.w, out, rho)
        for pairs, kernel in (
            (np.nonzero((rho < RHO_FAR) & (rho >= RHO_NEAR)), self._resampled),
            (np.nonzero(rho < RHO_NEAR), self._product_integration),
        ):
            if pairs[0].size:
                values = kernel(omega[pairs[0]], pairs[1], tau[pairs])
                for row in range(3):
                    np.add.at(out[row], pairs[0], values[row])
        return out

    def _off_breaks(self, omega: np.ndarray) -> np.ndarray:
        """Ω moved by a relative 1e-13 where it sits on a panel end (on the axis): there the
        logarithms of adjacent panels cancel as ±∞, and the integration-by-parts terms as 1/0."""
        t = np.log(omega)
        index = np.clip(np.searchsorted(self.breaks, t.real), 1, len(self.breaks) - 1)
        nearest = np.where(
            np.abs(t.real - self.breaks[index - 1]) < np.abs(t.real - self.breaks[index]),
            self.breaks[index - 1],
            self.breaks[index],
        )
        on = (np.abs(t.real - nearest) < 1e-13) & (np.abs(t.imag) < 1e-13)
        return np.where(on, np.exp(nearest + 1e-13 + 1j * t.imag), omega)

    def _resampled(self, omega, panel, tau) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        inv = 1 / (self.x_fine[panel] - omega[:, None])
        w = self.w_fine[panel]
        return (w * inv).sum(1), (w * inv**2).sum(1), (w * self.x_fine[panel] * inv).sum(1)

    def _product_integration(self, omega, panel, tau) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        d = self.t[panel] - np.log(omega)[:, None]
        with np.errstate(divide="ignore", invalid="ignore"):
            b = np.where(d == 0, 1.0, d / np.expm1(d)) / omega[:, None]
        q, dq = self.q[panel], self.dq[panel]
        stacked = np.concatenate([q * b, dq * b, q * self.x[panel] * b]) @ TO_LEGENDRE.T
        cauchy_q, cauchy_dq, weighted = np.split((stacked * np.tile(legendre_cauchy(tau), (3, 1))).sum(1), 3)
        lo, hi = np.exp(self.breaks[panel]), np.exp(self.breaks[panel + 1])
        boundary = self.ends[panel, 0] / (lo - omega) - self.ends[panel, 1] / (hi - omega)
        return cauchy_q, (boundary + cauchy_dq - cauchy_q) / omega, weighted

    def cumulative(self, x: np.ndarray, upper: bool = False) -> np.ndarray:
        """Mass of the panels in ``(e^{t_0}, x]`` (or, with ``upper``, in ``(x, e^{t_M})``), atoms
        excluded; x ≥ 0 (array).  The upper sum runs from the top (relative accuracy in that tail)."""
        t = np.log(np.maximum(np.asarray(x, dtype=float), 1e-320))
        panel = np.clip(np.searchsorted(self.breaks, t) - 1, 0, len(self.mid) - 1)
        u = np.clip((t - self.mid[panel]) / self.half[panel], -1.0, 1.0)
        coefficients = self.q[panel] @ TO_LEGENDRE.T * self.half[panel, None]
        partial = legendre_antiderivative(coefficients, u, from_right=upper)
        mass = self.panel_mass
        if upper:
            after = np.concatenate([np.cumsum(mass[::-1])[::-1][1:], [0.0]])[panel]
            inside = after + partial
            return np.where(t <= self.breaks[0], mass.sum(), np.where(t >= self.breaks[-1], 0.0, inside))
        before = np.concatenate([[0.0], np.cumsum(mass)])[panel]
        inside = before + partial
        return np.where(t <= self.breaks[0], 0.0, np.where(t >= self.breaks[-1], mass.sum(), inside))


def point_masses(omega: np.ndarray, positions: np.ndarray, masses: np.ndarray) -> np.ndarray:
    """``(S, S', T)`` of ``Σ m_i δ_{a_i}`` at the points Ω (1-D): ``Σ m/(a − Ω)``, ``Σ m/(a − Ω)²``,
    ``Σ m a/(a − Ω)``, shape (3, len Ω)."""
    out = np.zeros((3, omega.size), dtype=complex)
    _point_mass_sums(
        np.ascontiguousarray(omega, dtype=complex),
        np.asarray(positions, float),
        np.asarray(masses, float),
        out,
    )
    return out


@jit
def _point_mass_sums(omega, positions, masses, out) -> None:  # pragma: no cover - compiled
    for p in range(omega.size):
        for i in range(positions.size):
            term = masses[i] / (positions[i] - omega[p])
            out[0, p] += term
            out[1, p] += term / (positions[i] - omega[p])
            out[2, p] += term * positions[i]


@jit
def _far_sums(omega, tau, x, w, out, rho) -> None:  # pragma: no cover - compiled
    """Add the 16-point sums of S, S', T over the panels with ρ ≥ 3 to ``out``; store ρ (or 4.0
    where ``|τ| > 5/3``, which already implies ρ > 3)."""
    for p in range(tau.shape[0]):
        for m in range(tau.shape[1]):
            t = tau[p, m]
            if t.real * t.real + t.imag * t.imag > 25.0 / 9.0:
                rho[p, m] = 4.0
            else:
                rho[p, m] = abs(t + cmath.sqrt(t - 1) * cmath.sqrt(t + 1))
            if rho[p, m] >= RHO_FAR:
                for j in range(x.shape[1]):
                    term = w[m, j] / (x[m, j] - omega[p])
                    out[0, p] += term
                    out[1, p] += term / (x[m, j] - omega[p])
                    out[2, p] += term * x[m, j]


def legendre_cauchy(tau: np.ndarray) -> np.ndarray:
    """``J_k(τ) = ∫_{−1}^{1} P_k(u)/(u − τ) du``, k < 16, for Im τ ≥ 0 (shape (len τ, 16))."""
    out = np.empty(tau.shape + (N_NODES,), dtype=complex)
    out[..., 0] = np.log(tau - 1) - np.log(tau + 1)
    out[..., 1] = tau * out[..., 0] + 2
    for k in range(1, N_NODES - 1):
        out[..., k + 1] = ((2 * k + 1) * tau * out[..., k] - k * out[..., k - 1]) / (k + 1)
    return out


def legendre_antiderivative(coefficients: np.ndarray, u: np.ndarray, from_right: bool = False) -> np.ndarray:
    """``∫_{−1}^{u} Σ_k a_k P_k`` row by row, ``a_0 (u + 1) + Σ_{k≥1} a_k (P_{k+1} − P_{k−1})(u)/(2k+1)``;
    with ``from_right``, ``∫_u^1`` (``a_0 (1 − u)`` minus the same sum)."""
    p = leg.legvander(u, N_NODES)
    k = np.arange(1, N_NODES)
    rest = (coefficients[:, 1:] * (p[:, 2:] - p[:, :-2]) / (2 * k + 1)).sum(1)
    return coefficients[:, 0] * (1 - u) - rest if from_right else coefficients[:, 0] * (u + 1) + rest


def build(
    density: Callable[[np.ndarray], np.ndarray],
    t_lo: float,
    t_hi: float,
    positions: np.ndarray,
    masses: np.ndarray,
    tol: float = 1e-13,
    floor: float = 0.0,
    min_width: float = 1e-9,
    max_panels: int = 20_000,
) -> PanelLaw:
    """Adaptive panels on ``[t_lo, t_hi]`` for the density ``p`` (a vectorized function of x).

    Start from panels of width ≤ :data:`MAX_WIDTH` in t; halve every panel whose last two
    Legendre coefficients of ``q = p·x`` exceed ``tol`` times the largest |q| on it, until none
    does, a panel is narrower than ``min_width`` or ``max_panels`` is reached (a non-smooth
    density).  Where those coefficients are below ``floor`` (far tails) panels are halved only
    down to width :data:`_COARSE`: enough for power laws, not for a steep exponential tail, which
    is then resolved in absolute terms only.
    """
    count = max(2, int(np.ceil((t_hi - t_lo) / MAX_WIDTH)))
    breaks = np.linspace(t_lo, t_hi, count + 1)
    todo = np.ones(count, dtype=bool)
    q = np.zeros((count, N_NODES))
    while True:
        lo, hi = breaks[:-1][todo], breaks[1:][todo]
        t = (lo + hi)[:, None] / 2 + (hi - lo)[:, None] / 2 * NODES
        q[todo] = np.asarray(density(np.exp(t)), dtype=float) * np.exp(t)
        if not np.all(np.isfinite(q[todo])):
            raise ArithmeticError("the density is not finite at some quadrature node")
        tail = np.abs(q[todo] @ TO_LEGENDRE[-2:].T).max(1)
        split = np.zeros_like(todo)
        split[todo] = (
            (tail > tol * np.abs(q[todo]).max(1))
            & (hi - lo > min_width)
            & ((tail > floor) | (hi - lo > _COARSE))
        )
        if not split.any() or len(breaks) + split.sum() > max_panels:
            return PanelLaw(breaks, q, np.asarray(positions, float), np.asarray(masses, float))
        keep = np.repeat(~split, 1 + split)
        middles = (breaks[:-1][split] + breaks[1:][split]) / 2
        breaks, todo = np.insert(breaks, np.flatnonzero(split) + 1, middles), ~keep
        q = np.repeat(q, 1 + split, axis=0)

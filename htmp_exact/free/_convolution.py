r"""The law ``μ ⊠ ν`` as a distribution object: pdf, cdf, sf, Stieltjes transform, moments."""

from __future__ import annotations

import functools
import math
from fractions import Fraction
from typing import Any

import numpy as np

from . import _panels
from ._laws import Factor, from_atoms, from_law
from ._series import Number, product_moments
from ._subordination import Subordination, solve

_PANEL_TOL = 1e-11  # Legendre-tail tolerance of the product's own panels (its density is float64)
_FLOOR = 1e-15  # q below this times its peak: resolved in absolute terms only (its relative noise)
_RESOLVED = 1e-25  # the product's panels cover the range where q exceeds this times its peak
_ACCEPT_ANGLE = 1e-7  # a real point whose continuation stopped below this angle keeps that value
_ARC_PANELS = 42  # geometric panels (ratio 2) in the angle of the cdf's semicircle, down to π·2^−42
_ARC_NODES, _ARC_WEIGHTS = np.polynomial.legendre.leggauss(10)


def _real_points(x: Any, name: str = "x") -> np.ndarray:
    x = np.asarray(x)
    if x.dtype.kind not in "biuf":
        raise TypeError(f"{name} must be real, got dtype {x.dtype} ({x!r})")
    x = x.astype(float)
    if np.any(np.isnan(x)):
        raise ValueError(f"{name} must not be NaN")
    return x


def _scalar(values: np.ndarray, like: np.ndarray):
    return values[()] if like.ndim == 0 else values


class FreeMultiplicativeConvolution:
    r"""The free multiplicative convolution ``μ ⊠ ν`` (SPEC §10), built by
    :func:`htmp_exact.free.multiplicative_convolution`.

    ``pdf`` is the density of the continuous part (on ``(0, ∞)``); the only possible atom is
    at 0, of mass :attr:`atom` ``= max(μ({0}), ν({0}))``, included in ``cdf``.  All values are
    float64 and not certified (module :mod:`htmp_exact.free`); moments are exact rationals.
    """

    def __init__(self, mu: Factor, nu: Factor):
        self._mu, self._nu = mu, nu

    def __repr__(self) -> str:
        return f"FreeMultiplicativeConvolution({self._mu.name} ⊠ {self._nu.name})"

    @property
    def atom(self) -> float:
        """Mass at 0: ``max(μ({0}), ν({0}))`` (Belinschi; derivation in :mod:`htmp_exact.free`)."""
        return max(self._mu.atom, self._nu.atom)

    def support(self) -> tuple[float, float]:
        """An interval containing the support: ``[a_μ a_ν, b_μ b_ν]`` (0 below if there is an atom)."""
        lo = 0.0 if self.atom > 0 else self._mu.support[0] * self._nu.support[0]
        return lo, self._mu.support[1] * self._nu.support[1]

    def resolved_range(self) -> tuple[float, float]:
        """At most where the density is computed to relative accuracy: the product of the factors'
        resolved ranges (each where its ``p(x)·x`` exceeds 1e-40 of its peak; discrete ν: its atoms).
        Outside, the factors' remainders are point masses or dropped, and values are accurate in
        absolute terms only."""
        return self._mu.span[0] * self._nu.span[0], self._mu.span[1] * self._nu.span[1]

    def subordination(self, zeta: Any) -> Subordination:
        """Solve the subordination equations at the points ζ (complex array, any half-plane, ζ ≠ 0):
        Ω_1, Ω_2 in the spectral variable (``ω_j(1/ζ) = 1/Ω_j(ζ)``), ``g = ζ S(ζ)`` and the angle
        reached.  Points in the lower half-plane are solved at the conjugate and conjugated back."""
        zeta = np.asarray(zeta, dtype=complex)
        if np.any(zeta == 0) or not np.all(np.isfinite(zeta)):
            raise ValueError("zeta must be finite and nonzero")
        flat = zeta.reshape(-1)
        flip = flat.imag < 0
        sol = solve(self._mu, self._nu, np.where(flip, flat.conj(), flat))
        fix = lambda v: np.where(flip, v.conj(), v).reshape(zeta.shape)
        return Subordination(
            fix(sol.omega1),
            fix(sol.omega2),
            fix(sol.g),
            sol.angle.reshape(zeta.shape),
            sol.converged.reshape(zeta.shape),
        )

    def _g_on_axis(self, x: np.ndarray) -> np.ndarray:
        """``g(x + i0)`` at x > 0 (1-D), with a clear error where the continuation did not reach the axis."""
        sol = self.subordination(x.astype(complex))
        failed = ~sol.converged & ~(sol.angle <= _ACCEPT_ANGLE)
        if np.any(failed):
            raise ArithmeticError(
                f"subordination did not converge at x = {x[failed][:5]} "
                f"(closest angle {sol.angle[failed].min():.2g})"
            )
        return sol.g

    def pdf(self, x: Any) -> float | np.ndarray:
        r"""Density of the continuous part, ``p(x) = Im S(x + i0)/π = Im g(x + i0)/(π x)`` (x > 0);
        0 for x < 0; at x = 0 the limit estimated from the lowest resolved decade."""
        x = _real_points(x)
        return _scalar(self._density(x), x)

    def _density(self, x: np.ndarray) -> np.ndarray:
        out = np.zeros(x.shape)
        inside = (x > 0) & np.isfinite(x)
        if np.any(inside):
            out[inside] = self._g_on_axis(x[inside]).imag / (math.pi * x[inside])
        if np.any(x == 0):
            out[x == 0] = self._density_at_zero
        return np.maximum(out, 0.0)

    @functools.cached_property
    def _density_at_zero(self) -> float:
        """0 if the support starts above 0; else from the log-slope of p over [1e-8, 1e-7]·(typical):
        0 for a rising density, inf for a falling one, the value at the lower point if flat."""
        if self.support()[0] > 0:
            return 0.0
        x = np.array([1e-8, 1e-7]) * self._mu.typical * self._nu.typical
        p1, p2 = self._g_on_axis(x).imag / (math.pi * x)
        slope = math.log10(p2 / p1) if p1 > 0 and p2 > 0 else 1.0
        return 0.0 if slope > 1e-3 else (math.inf if slope < -1e-3 else float(p1))

    def stieltjes(self, z: Any) -> complex | np.ndarray:
        r"""``S(z) = ∫ (μ⊠ν)(dx)/(x − z) = g(z)/z`` for z off ``[0, ∞)`` (atom included); complex128."""
        z = np.asarray(z)
        if z.dtype.kind not in "biufc":
            raise TypeError(f"z must be numeric, got dtype {z.dtype}")
        z = z.astype(complex)
        bad = ~np.isfinite(z) | ((z.imag == 0) & (z.real >= 0))
        if np.any(bad):
            raise ValueError(f"z must be finite and off the support [0, inf), got {z[bad].flat[0]!r}")
        sol = self.subordination(z)
        if not np.all(sol.converged):
            raise ArithmeticError(f"subordination did not converge at z = {z[~sol.converged][:5]}")
        values = sol.g / z
        return _scalar(np.where(z.imag == 0, values.real + 0j, values), z)  # real on the negative axis

    # ------------------------------------------------------------------ distribution function
    def _arc_cdf(self, x: np.ndarray) -> np.ndarray:
        r"""``F(x) = (μ⊠ν)([0, x]) = −(1/π) ∫_0^π Re g(x e^{iφ}) dφ`` (Cauchy's theorem on the upper
        semicircle through −x and x), by Gauss–Legendre on panels ``[π 2^{−j−1}, π 2^{−j}]`` and
        ``[0, π 2^{−42}]``."""
        ends = np.append(math.pi * 2.0 ** -np.arange(_ARC_PANELS + 1), 0.0)
        lo, hi = ends[1:], ends[:-1]
        phi = ((lo + hi) / 2)[:, None] + ((hi - lo) / 2)[:, None] * _ARC_NODES
        weights = ((hi - lo) / 2)[:, None] * _ARC_WEIGHTS
        points = x[:, None] * np.exp(1j * phi.ravel())
        g = self.subordination(points.ravel()).g.reshape(points.shape)
        return -(g.real * weights.ravel()).sum(1) / math.pi

    @functools.cached_property
    def _panels(self) -> tuple[_panels.PanelLaw, float, float, float]:
        """The product's continuous part on panels over its resolved range ``[x_a, x_b]`` (where
        ``q = p·x`` exceeds 1e-25 of its peak, within the factors' spans), the anchor
        ``F(x_a)`` (semicircle) and the power-law rates of q at both ends (for beyond them)."""
        lo, hi = self.resolved_range()
        grid = np.logspace(math.log10(lo), math.log10(hi), int(8 * math.log10(hi / lo)) + 2)
        q = self._density(grid) * grid
        keep = np.flatnonzero(q >= _RESOLVED * q.max())
        x_a, x_b = grid[max(keep[0] - 1, 0)], grid[min(keep[-1] + 1, grid.size - 1)]
        law = _panels.build(
            self._density,
            math.log(x_a),
            math.log(x_b),
            np.zeros(0),
            np.zeros(0),
            tol=_PANEL_TOL,
            floor=_FLOOR * q.max(),
            min_width=1e-6,
        )
        anchor = float(self._arc_cdf(np.array([x_a]))[0])
        return law, anchor, _rate(law.q[0], law.t[0]), _rate(law.q[-1, ::-1], -law.t[-1, ::-1])

    def cdf(self, x: Any) -> float | np.ndarray:
        """``P(X ≤ x)``, the atom at 0 included."""
        return self._distribution(x, upper=False)

    def sf(self, x: Any) -> float | np.ndarray:
        """``P(X > x)``, summed from the upper end (relative accuracy in the upper tail)."""
        return self._distribution(x, upper=True)

    def _distribution(self, x: Any, upper: bool) -> float | np.ndarray:
        """cdf/sf from the panels; beyond them q is carried on as the power law ``x^{±rate}`` it
        follows over the end panel (masses there are below 1e-25 of q's peak, or in a slow tail)."""
        x = _real_points(x)
        law, below, rate_lo, rate_hi = self._panels
        x_a, x_b = math.exp(law.breaks[0]), math.exp(law.breaks[-1])
        above = law.q[-1, -1] / rate_hi if rate_hi > 0 else 0.0  # mass above x_b
        cdf, sf = np.where(x < 0, 0.0, 1.0), np.where(x < 0, 1.0, 0.0)
        middle = (x >= x_a) & (x < x_b)
        cdf[middle] = below + law.cumulative(x[middle])
        sf[middle] = above + law.cumulative(x[middle], upper=True)
        low = (x >= 0) & (x < x_a)
        with np.errstate(over="ignore", divide="ignore"):
            cdf[low] = self.atom + (below - self.atom) * (x[low] / x_a) ** max(rate_lo, 0.0)
        sf[low] = 1 - cdf[low]
        high = (x >= x_b) & np.isfinite(x)
        sf[high] = above * (x_b / x[high]) ** rate_hi
        cdf[high] = 1 - sf[high]
        return _scalar(np.clip(sf if upper else cdf, 0.0, 1.0), x)

    # ------------------------------------------------------------------ moments
    def moments(self, order: int) -> list[Number]:
        """``[m_0, …, m_order]`` of μ ⊠ ν from the S-transform series (exact Fractions when both
        factors' moments are exact; inf from the first infinite moment of a factor on)."""
        mu, nu = self._mu.moments(order), self._nu.moments(order)
        finite = next(
            (k for k in range(order + 1) if not (math.isfinite(mu[k]) and math.isfinite(nu[k]))), order + 1
        )
        out: list[Number] = product_moments(mu[:finite], nu[:finite]) if finite > 0 else []
        return out + [math.inf] * (order + 1 - finite)

    def moment(self, k: int) -> Number:
        """``E[X^k]``: an exact :class:`fractions.Fraction` when the inputs are rational."""
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 0:
            raise ValueError(f"k must be an integer >= 0, got {k!r}")
        return self.moments(int(k))[int(k)]

    def mean(self) -> Number:
        return self.moment(1)

    def var(self) -> Number:
        m = self.moments(2)
        return m[2] - m[1] ** 2

    def std(self) -> float:
        return math.sqrt(self.var())


def _rate(q: np.ndarray, t: np.ndarray) -> float:
    """The rate r of ``q ∝ e^{r t}`` between the first and last node (``inf`` unless both are > 0,
    in which case q is taken to vanish beyond)."""
    if not (q[0] > 0 and q[-1] > 0):
        return math.inf
    return math.log(q[-1] / q[0]) / (t[-1] - t[0])


def multiplicative_convolution(
    law: Any, atoms: Any = None, weights: Any = None, nu: Any = None, method: str = "panels"
) -> FreeMultiplicativeConvolution:
    r"""The free multiplicative convolution ``μ ⊠ ν`` (SPEC §10, paper Theorem 4.3).

    .. math::

        S_{μ⊠ν}(w) = S_μ(w)\,S_ν(w), \qquad
        S(w) = χ(w)\frac{1 + w}{w},\quad χ = ψ^{-1},\quad ψ(z) = \int \frac{zx}{1 - zx}\,μ(dx).

    Parameters
    ----------
    law : law object
        μ: ``htmp(γ, κ)``, ``marchenko_pastur(γ)`` or ``inverse_htmp(γ, κ)`` (γ ≤ 1) from
        :mod:`htmp_exact.distributions`, with any ``scale``; or any law on ``[0, ∞)`` with
        ``pdf`` and ``cdf`` (for instance a frozen ``scipy.stats`` law).
    atoms, weights : array_like, optional
        ν as ``Σ w_i δ_{a_i}``: atoms ≥ 0 (an atom at 0 is allowed), weights > 0 summing to 1
        (within 1e-12; default: equal weights, as for the eigenvalues of a population
        covariance).  Read exactly: ints, Fractions and ``"p/q"`` or decimal strings as they
        are, floats as the simplest fraction that rounds to them (0.1 is 1/10).
    nu : law object, optional
        ν as a law with ``pdf`` and ``cdf`` (``sf``, ``ppf`` and ``support`` are used when
        present), or any of the laws accepted for ``law``.  Give ``nu`` or ``atoms``, not both.
    method : {"panels", "direct"}
        How μ's Cauchy transform is evaluated when μ is HTMP: Gauss–Legendre panels of its pdf
        with product integration (default), or :func:`htmp_exact.fast.stieltjes` (slower;
        stops 1e-9 rad from the axis).

    Returns
    -------
    FreeMultiplicativeConvolution
        With ``pdf``, ``cdf``, ``sf``, ``stieltjes``, ``moment``, ``moments``, ``mean``, ``var``,
        ``std``, ``atom``, ``support``, ``resolved_range`` and ``subordination``.

    Raises
    ------
    ValueError
        Weights not positive or not summing to 1, negative atoms, ν = δ₀, both or neither of
        ``atoms`` and ``nu``, an unknown ``method``, ``inverse_htmp`` with γ > 1 (mass at ∞).
    TypeError
        ``nu`` or ``law`` without ``pdf``/``cdf`` (or ``stieltjes``).

    Notes
    -----
    Algorithm, guarantees and measured accuracy: :mod:`htmp_exact.free`.  Float64, not certified.

    Examples
    --------
    >>> from htmp_exact import marchenko_pastur
    >>> law = multiplicative_convolution(marchenko_pastur(0.5), atoms=[1, 3], weights=["1/2", "1/2"])
    >>> law.moment(2)      # m₂ = m₂(ν) + γ m₁(ν)²  for MP(γ) ⊠ ν
    Fraction(7, 1)
    """
    if method not in ("panels", "direct"):
        raise ValueError(f"method must be 'panels' or 'direct', got {method!r}")
    if (atoms is None) == (nu is None):
        raise ValueError("give exactly one of atoms= (with weights=) or nu= (a law with a pdf)")
    if atoms is not None:
        count = np.size(atoms)
        second = from_atoms(atoms, [Fraction(1, count)] * count if weights is None else weights)
    else:
        if weights is not None:
            raise ValueError("weights= goes with atoms=, not with nu=")
        second = from_law(nu)
    first = from_law(law, direct=(method == "direct"))
    return FreeMultiplicativeConvolution(first, second)

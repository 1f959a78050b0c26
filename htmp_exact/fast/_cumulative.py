r"""cdf and sf of the carrying law from the Riccati solution: Gauss–Legendre quadrature of
``dF/dt = e^v/(π c)`` over the solver's steps, from anchors in both tails.

The solve runs :data:`TAIL_EFOLDS` e-folds of the density beyond the requested range on
each side, where the mass left over is bounded below 1e-20 of the rest
(:meth:`Cumulative._tail_anchor`): ``F(x) = F(anchor) + ∫`` below x = 1 and
``sf(x) = sf(anchor) + ∫`` above, so both tails keep their relative accuracy.  A lower
tail too slow for that (α + 1 < :data:`STEEP_SLOPE`) is anchored at ``y ≤ 1e-18/max(1, c)``
by the closed form of the two leading terms of U at 0 (:func:`small_y_cdf`).
"""

from __future__ import annotations

import cmath
import functools
import math

import mpmath
import numpy as np

from .. import exact
from ._panels import GL_NODES, GL_WEIGHTS
from ._solution import T_FAR, Y_FAR, CarrierLaw, RiccatiSolution, log_y_range

TAIL_EFOLDS = 50.0  # the solve runs this many e-folds of the density into each tail,
STEEP_SLOPE = 0.5  # below if α + 1 is at least this (else to the closed form at small y)
#: Piece ends, in units of 1/(rate at which v falls), of a steep interval (:meth:`Cumulative.sub_intervals`)
STEEP_OFFSETS = np.array([0.0, 1, 2, 3, 4, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64])


def lower_end(law: CarrierLaw, t_lo: float) -> float:
    """Where the lower solve ends.  If the density falls steeply enough at 0 (α + 1 ≥
    :data:`STEEP_SLOPE`): :data:`TAIL_EFOLDS`/(α + 1) below t_lo, or below the start of
    the power law ``p ∝ x^α`` if that is lower — where U is near its value at 0, i.e.
    ``a·y ≪ min(1, |b|)`` (at γ ≈ 1 and large κ the bulk reaches down to y ~ 1/a).  Else
    where :func:`small_y_cdf` holds (``y ≤ 1e-18/max(1, a)``)."""
    if law.m >= STEEP_SLOPE:
        power_law = math.log(0.1 * min(1.0, max(abs(law.b), 0.1)) / max(1.0, law.a))
        return min(t_lo, power_law) - TAIL_EFOLDS / law.m
    return min(t_lo, math.log(1e-18 / max(1.0, law.a)))


def upper_end(law: CarrierLaw, y_hi: float) -> float:
    """How far above ``y_hi`` to solve: ``v' ≈ s + c − y`` for y ≫ s (from
    ``u ≈ −a + a(a − b + 1)/y``), so past ``y = 2(s + c) + 100`` v falls by more than
    :data:`TAIL_EFOLDS` over one e-fold of y, and over ``y_hi + 100`` beyond that."""
    return math.log(min(max(math.e * (2 * (law.s + law.c) + 100), y_hi + 2 * TAIL_EFOLDS), Y_FAR))


def small_y_cdf(law: CarrierLaw, t: float) -> float:
    """F at ``y = e^t ≤ 1e-18/max(1, a)`` for ``m = α + 1 < 1``, from the phase formula
    ``F = −arg w/(πc)`` and the two leading terms of U at 0 (DLMF 13.2.42 with M → 1):
    ``w ∝ 1 + R z^m``, ``R = Γ(−m)Γ(a+m)/(Γ(a)Γ(m))``, ``z = y e^{iπ}`` (relative
    corrections O(a·y)); at m = 0 (γ = 1) the logarithmic case (DLMF 13.2.19)
    ``w ∝ −(log z + ψ(a) + 2γ_E)``.  log|R| in 30-digit mpmath (it cancels for small m).
    """
    m, a = law.m, law.a
    if m == 0:
        w = -complex(t + float(mpmath.digamma(a)) + 2 * float(mpmath.euler), math.pi)
        return -cmath.phase(w) / (math.pi * law.c)
    with mpmath.workdps(30):
        mm, aa = mpmath.mpf(m), mpmath.mpf(a)
        log_r = float(
            mpmath.loggamma(1 - mm) - mpmath.loggamma(1 + mm) + mpmath.loggamma(aa + mm) - mpmath.loggamma(aa)
        )
    log_size = log_r + m * t  # log|R y^m|; R < 0 for 0 < m < 1
    size = math.exp(log_size)
    real = -math.expm1(log_size) + size * 2 * math.sin(math.pi * m / 2) ** 2  # 1 − |R|y^m cos(πm)
    return -math.atan2(-size * math.sin(math.pi * m), real) / (math.pi * law.c)


class Cumulative:
    """cdf and sf of the carrying law on ``[x_lo/scale, x_hi/scale]`` (its own x; ``x_lo > 0``),
    from one Riccati solve that runs on into both tails (:func:`lower_end`, :func:`upper_end`).

    The range is kept in logarithms, so ``x_lo/scale`` below the float64 range is valid.  Its
    top is capped at ``y = s x =`` :data:`~._solution.Y_FAR`; beyond it sf is 0 in float64
    (below ``e^{−10^{100}}``).  Only if a tail check fails is a certified cdf/sf at the extreme
    requested point used as the anchor.
    """

    def __init__(self, law: CarrierLaw, x_lo: float, x_hi: float, scale: float = 1.0):
        self.law = law
        self.t_lo, self.t_hi = log_y_range(law, x_lo, x_hi, scale)
        self.x_hi = math.exp(self.t_hi) / law.s
        self.ends = (lower_end(law, self.t_lo), upper_end(law, math.exp(self.t_hi)))
        self.solution = RiccatiSolution(law, *self.ends)
        self.t0 = self.solution.t0
        self._cumulative_masses: dict[float, tuple[np.ndarray, np.ndarray]] = {}

    @functools.cached_property
    def lower_anchor(self) -> tuple[float, float]:
        """(t, cdf) where the lower quadrature starts; computed on first use."""
        law, t_far = self.law, self.ends[0]
        if law.m < STEEP_SLOPE:
            return t_far, small_y_cdf(law, t_far)
        return self._tail_anchor(t_far, self.t_lo) or (
            self.t_lo,
            float(exact.cdf(self._exact_point(self.t_lo), law.exact_gamma, law.exact_kappa, digits=16)),
        )

    @functools.cached_property
    def upper_anchor(self) -> tuple[float, float]:
        """(t, sf) where the upper quadrature starts; computed on first use."""
        law = self.law
        return self._tail_anchor(self.ends[1], self.t_hi) or (
            self.t_hi,
            float(exact.sf(self.x_hi, law.exact_gamma, law.exact_kappa, digits=16)),
        )

    def _exact_point(self, t: float) -> str:
        """``x = e^t/s`` as a decimal string, for the certified path: exact also where x lies
        below the float range (a float x would underflow to 0 there)."""
        log10_x = (t - math.log(self.law.s)) / math.log(10.0)
        exponent = math.floor(log10_x)
        return f"{10.0 ** (log10_x - exponent)!r}e{exponent}"

    def _tail_anchor(self, t_far: float, t_near: float) -> tuple[float, float] | None:
        """``(t_far, mass beyond t_far)`` if that mass is below 1e-20 of the mass beyond t_near.

        The mass beyond is bounded as if v went on falling at the rate it has at t_far
        (below: at most α + 1, the power law's rate at 0): ``e^{v}/(πc·rate)``.  None if the
        tail is not steep enough (the caller then uses a certified anchor at t_near); when
        ``t_far = t_near`` only a mass beyond that underflows to 0 passes.
        """
        point = np.array([t_far])
        slope = float(self.solution.slope(point)[0])
        rate = min(slope, self.law.m) if t_far < self.t0 else -slope
        if not rate > 0:
            return None
        beyond = math.exp(float(self.solution.v(point)[0])) / (math.pi * self.law.c * rate)
        mass = beyond + float(self._integral(t_far, np.array([t_near]))[0])
        return (t_far, beyond) if beyond <= 1e-20 * mass else None

    def _descent(self, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each interval: ``top``, the end with the larger v; ``inward`` (±1), the
        direction into the interval from it; and the rate (≥ 0) at which v falls from
        there, from the equation's ``v' = 1 − b − y − 2ρ``."""
        v = self.solution.v
        top_is_hi = v(hi) >= v(lo)
        top = np.where(top_is_hi, hi, lo)
        inward = np.where(top_is_hi, -1.0, 1.0)
        return top, inward, np.maximum(-inward * self.solution.slope(top), 0.0)

    def sub_intervals(self, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Split each interval where v falls steeply from its top (rate m, :meth:`_descent`)
        at the distances :data:`STEEP_OFFSETS`/m from the top, the last piece to the far
        end.  Returns ``(lo, hi, owner)`` of the pieces, ``owner`` the interval's index.

        In each piece but the last, v falls by at most 8 (where it falls at the rate m or
        faster), so 16-node Gauss–Legendre integrates ``e^v`` to about 1e-16; beyond
        ``64/m`` it is below ``e^{−64}`` of the top.  The tails need this: v ≈ −y in the
        upper tail and v' ≈ α + 1 (up to 5e6) in the lower one, on long solver steps.
        """
        top, inward, rate = self._descent(lo, hi)
        width = hi - lo
        levels = 1 + (STEEP_OFFSETS[None, 1:] < (rate * width)[:, None]).sum(axis=1)
        owner = np.repeat(np.arange(lo.size), levels)
        k = np.arange(owner.size) - np.repeat(np.cumsum(levels) - levels, levels)
        rate, width, top, inward = rate[owner], width[owner], top[owner], inward[owner]
        with np.errstate(divide="ignore", invalid="ignore"):
            near = np.where(k == 0, 0.0, STEEP_OFFSETS[k] / rate)
            far = np.where(
                k == levels[owner] - 1, width, STEEP_OFFSETS[np.minimum(k + 1, STEEP_OFFSETS.size - 1)] / rate
            )
        ends = np.stack([top + inward * near, top + inward * far])
        return ends.min(axis=0), ends.max(axis=0), owner

    def _mass(self, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """``∫_lo^hi e^{v} dt`` on each interval (lo ≤ hi).

        The nodes are passed as (piece start, offset): where v falls steeply (rate r) at large
        |t|, a piece's midpoint rounded to a float would shift all its nodes alike and move
        the piece's mass by up to ``r·|t|·ε/2`` (1e-10 at r = 1e5, t = 17), while the start
        is a float and the offsets are exact to their own size."""
        sub_lo, sub_hi, owner = self.sub_intervals(lo, hi)
        half = 0.5 * (sub_hi - sub_lo)
        offsets = half[:, None] * (1.0 + GL_NODES)
        starts = np.broadcast_to(sub_lo[:, None], offsets.shape)
        values = np.exp(self.solution.v(starts.ravel(), offsets.ravel())).reshape(offsets.shape)
        return np.bincount(owner, weights=half * (values @ GL_WEIGHTS), minlength=lo.size)

    def _cumulative(self, lo: float) -> tuple[np.ndarray, np.ndarray]:
        """The solver's steps on the far side of the anchor ``lo`` from t0, with the mass
        ``∫ e^v dt`` between ``lo`` and each, cumulated **from the anchor** (so a tail
        integral never comes from a difference of large sums); computed once per anchor."""
        if lo not in self._cumulative_masses:
            bottom = lo < self.t0
            piece = self.solution.pieces[0] if bottom else self.solution.pieces[1]
            grid = np.unique(np.concatenate([piece.t, [lo]]))
            grid = grid[grid >= lo] if bottom else grid[grid <= lo]
            steps = self._mass(grid[:-1], grid[1:])
            self._cumulative_masses[lo] = (
                grid,
                np.concatenate([[0.0], np.cumsum(steps)])
                if bottom
                else np.concatenate([np.cumsum(steps[::-1])[::-1], [0.0]]),
            )
        return self._cumulative_masses[lo]

    def _integral(self, lo: float, t: np.ndarray) -> np.ndarray:
        """∫ between ``lo`` (an anchor below or above t0) and each t of ``e^v/(πc) dt``.

        Gauss–Legendre on every solver step (:meth:`sub_intervals`), cumulated from the
        anchor (:meth:`_cumulative`); each point adds the partial step that contains it.
        Returns unsigned values (t may fall an ulp beyond the anchor).
        """
        grid, cumulative = self._cumulative(lo)
        start = np.clip(np.searchsorted(grid, t, side="right") - 1, 0, len(grid) - 2)
        if lo < self.t0:
            return (cumulative[start] + self._mass(grid[start], t)) / (math.pi * self.law.c)
        return (cumulative[start + 1] + self._mass(t, grid[start + 1])) / (math.pi * self.law.c)

    def cdf_sf(self, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(cdf, sf) at the points t, each side integrated from its anchor (:meth:`_tail_anchor`)."""
        cdf, sf = np.empty_like(t), np.empty_like(t)
        lower = t <= self.t0
        if np.any(lower):
            cdf[lower] = self.lower_anchor[1] + self._integral(self.lower_anchor[0], t[lower])
            sf[lower] = 1 - cdf[lower]
        upper = ~lower & (t <= T_FAR)
        if np.any(upper):
            sf[upper] = self.upper_anchor[1] + self._integral(self.upper_anchor[0], t[upper])
            cdf[upper] = 1 - sf[upper]
        cdf[t > T_FAR], sf[t > T_FAR] = 1.0, 0.0
        return cdf, sf

    def density_in_t(self, t: np.ndarray) -> np.ndarray:
        """``dF/dt = e^v/(π c)`` at the points t."""
        return np.exp(self.solution.v(t)) / (math.pi * self.law.c)

    def cdf_sf_at(self, x: np.ndarray, scale: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
        """(cdf, sf) at ``x/scale``, with the first-order correction ``(dF/dt)·δ`` for the rounding of t."""
        t, delta = self.solution.log_y(x, scale)
        cdf, sf = self.cdf_sf(t)
        shift = self.density_in_t(t) * delta
        return cdf + shift, sf - shift

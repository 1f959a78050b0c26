r"""Fast float64 HTMP pdf, logpdf, cdf, sf, ppf, isf, Stieltjes transform and MP closed forms, numpy-vectorized (not certified).

Algorithm (a Riccati equation for the logarithmic derivative of U on the cut)
--------------------------------------------------------------------------------
Let ``w(y) = U(c, −α, y e^{iπ})`` (SPEC §3, value above the cut), ``t = log y`` and
``u = d log w / d t = y w'/w``.  Kummer's equation (DLMF 13.2.1) with ``z = −y`` gives

    du/dt = (1 − b − y) u − u² − a y,        a = c,  b = −α,  y = e^t.

``w`` never vanishes on the cut, so ``u`` is smooth (no poles, no oscillation), and
the density is its imaginary part: with ``θ = arg w`` and ``F(x) = −θ(sx)/(πc)``
(the phase formula of the exact path), ``p(x) = −Im u(t) / (π c x)``.  We integrate
``ρ = Re u`` and ``v = log(−Im u)``:

    ρ' = (1 − b − y) ρ − ρ² + e^{2v} − a y,      v' = 1 − b − y − 2ρ,

so ``logpdf = v − log(π c x)`` keeps its accuracy where the pdf underflows.
Perturbations of ``(ρ, v)`` scale like ``−Im u``, which decreases away from the bulk
in both directions, so the equation is integrated **outward from x = 1** (the mean):
down to the smallest and up to the largest requested x.  The starting value
``u(log s) = s·c·U(c+1, 1−α, −s)/U(c, −α, −s)`` (DLMF 13.3.22) is computed once per
(γ, κ) by the certified path (:mod:`htmp_exact.exact`), then rounded to float64.
The integrator is Radau IIA collocation with 8 stages (:mod:`htmp_exact._riccati`,
compiled with numba): L-stable, so neither the stiff tails nor the oscillatory bulk at
large κ limit its steps; global errors near 1e-15.

cdf and sf: ``dF/dt = e^v/(π c)`` is integrated by Gauss–Legendre quadrature over the
solver's steps (split where v falls steeply: :meth:`_Solution.sub_intervals`), from
anchors 50 e-folds of the density beyond the requested range, where the mass left over
is bounded below 1e-20 of the rest: ``F(x) = F(anchor) + ∫`` below x = 1 and
``sf(x) = sf(anchor) + ∫`` above, so both tails keep their relative accuracy.  A lower
tail too slow for that (α + 1 < 0.5) is anchored at y ≤ 1e-18/max(1, c) by the closed form
of the two leading terms of U at 0 (:meth:`_Solution._small_y_cdf`).  ppf/isf: Newton
steps on log F (log sf) over one solve on [1e-300, 1e300].
Stieltjes transform: ``S(z) = ∫ p(x)/(x − z) dx`` by Gauss–Legendre panels over the same
solution, refined toward ``Re z`` next to the support (:mod:`htmp_exact._cauchy`).
γ > 1 uses the exact duality of SPEC §3 (the atom ``1 − 1/γ`` at 0).  MP(γ): closed forms
(SPEC §2) for ``mp_pdf``, ``mp_cdf``, ``mp_sf``, ``mp_stieltjes``; bisection for ``mp_ppf``.

Cost: one certified evaluation (the start) and one ODE solve (1–10 ms) per distinct (γ, κ),
then about 0.13 µs per point (0.26 ms per Stieltjes point next to the support).  Domain
and measured errors: see the README and ``tests/test_fast.py``.  Conventions as in
scipy.stats: ``x < 0`` gives pdf 0, logpdf −inf, cdf 0 (plus nothing), sf 1.
"""
from __future__ import annotations

import cmath
import functools
import math
from collections.abc import Callable

import mpmath
import numpy as np
from flint import arb

from . import _riccati, exact
from ._cauchy import RHO_MIN, bernstein_rho, graded_offsets, panel_nodes
from ._parameters import HTMPParams
from .exact._precision import midpoint, rel_accuracy_bits, workprec
from .exact.tricomi import u_on_cut

#: Documented domain of the fast path (validated against the exact path); outside it: NaN.
GAMMA_RANGE = (1e-3, 1e3)
KAPPA_RANGE = (1e-2, 1e5)


def _check_parameter(value: np.ndarray, name: str) -> None:
    bad = ~np.isfinite(value) | (value <= 0)
    if np.any(bad):
        raise ValueError(f"{name} must be finite and > 0 (valid range (0, inf)), got {value[bad].flat[0]!r}")


def _broadcast_parameters(first: np.ndarray, gamma, kappa) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Broadcast ``first`` (already converted) with real, finite, positive γ and κ."""
    for name, value in (("gamma", gamma), ("kappa", kappa)):
        if np.iscomplexobj(np.asarray(value)):
            raise TypeError(f"{name} must be real, got complex {value!r}")
    first, gamma, kappa = np.broadcast_arrays(first, *(np.asarray(v, dtype=float) for v in (gamma, kappa)))
    _check_parameter(gamma, "gamma")
    _check_parameter(kappa, "kappa")
    return first, gamma, kappa


def _broadcast(x, gamma, kappa, name: str = "x") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``x`` (named ``name`` in errors), γ and κ as broadcast float arrays; complex or NaN ``x`` is an error."""
    if np.iscomplexobj(np.asarray(x)):
        raise TypeError(f"{name} must be real, got complex {x!r}")
    x, gamma, kappa = _broadcast_parameters(np.asarray(x, dtype=float), gamma, kappa)
    if np.any(np.isnan(x)):
        raise ValueError(f"{name} must not be NaN")
    return x, gamma, kappa


def _in_domain(gamma: float, kappa: float) -> bool:
    return GAMMA_RANGE[0] <= gamma <= GAMMA_RANGE[1] and KAPPA_RANGE[0] <= kappa <= KAPPA_RANGE[1]
_TAIL_EFOLDS = 50.0    # the cdf/sf solve runs this many e-folds of the density into each tail,
_STEEP_SLOPE = 0.5      # below if α + 1 is at least this (else to the closed form at small y)
_Y_FAR = 1e100      # beyond y = s·x the density is the leading term of U's expansion (:meth:`_Solution._component`)
_T_FAR = math.log(_Y_FAR)
#: Piece ends, in units of 1/(rate at which v falls), of a steep interval (:meth:`_Solution.sub_intervals`)
_STEEP_OFFSETS = np.array([0.0, 1, 2, 3, 4, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32, 40, 48, 56, 64])


class _Solution:
    """The Riccati solution for the γ ≤ 1 law carrying HTMP(γ, κ) (itself, or for γ > 1 the
    dual HTMP(1/γ, κ/γ) of SPEC §3), on ``[log(s x_lo), log(s x_hi)]`` in that law's x.

    Its float coefficients are rounded from the exact rational parameters (for the dual,
    ``s = κ/2`` and ``α + 1 = κ(γ − 1)/(2γ)`` without the rounding of 1/γ, which at
    κ = 10⁵ would cost 1e-11 in the pdf).

    ``x_hi`` is capped at ``y = s x_hi =`` :data:`_Y_FAR`; beyond it v has a closed form
    (:meth:`_component`) and sf is 0 in float64 (below ``e^{−10^{100}}``).

    With ``need_cdf`` the solve runs on into both tails, far enough that the mass beyond
    is below 1e-20 of the mass it anchors (:meth:`_tail_anchor`); a slowly decaying lower
    tail (α + 1 < 0.5: γ near 1 or small κ) is anchored by :meth:`_small_y_cdf` instead.
    Only if a tail check fails is a certified cdf/sf at the extreme requested point used.
    """

    def __init__(self, gamma: float, kappa: float, x_lo: float, x_hi: float, need_cdf: bool):
        params = HTMPParams.from_inputs(gamma, kappa)
        if gamma > 1:
            params = params.dual()
        self.c, self.s = float(params.c), float(params.s)
        self.m = float(params.alpha + 1)   # the log-slope of the density at 0 (≥ 0)
        self.a, self.b = self.c, 1 - self.m
        self.gamma, self.kappa = float(params.gamma), float(params.kappa)
        self._cumulative_masses: dict = {}
        self.x_lo, self.x_hi = x_lo, min(x_hi, _Y_FAR / self.s)
        self.t0 = math.log(self.s)
        t_lo, t_hi = math.log(self.s * self.x_lo), math.log(self.s * self.x_hi)
        ends = (self._lower_end(t_lo), self._upper_end(self.s * self.x_hi)) if need_cdf else (t_lo, t_hi)
        u0 = self._start(params)
        self.pieces = [_riccati.solve(self.a, self.b, self.t0, u0.real, math.log(-u0.imag), end) for end in ends]
        self._params, self._t_lo, self._t_hi, self._ends = params, t_lo, t_hi, ends

    @functools.cached_property
    def lower_anchor(self) -> tuple[float, float]:
        """(t, cdf) where the lower quadrature starts (needs ``need_cdf``); computed on first use."""
        t_far = self._ends[0]
        if self.m < _STEEP_SLOPE:
            return t_far, self._small_y_cdf(t_far)
        return (self._tail_anchor(t_far, self._t_lo)
                or (self._t_lo, float(exact.cdf(self.x_lo, self._params.gamma, self._params.kappa, digits=16))))

    @functools.cached_property
    def upper_anchor(self) -> tuple[float, float]:
        """(t, sf) where the upper quadrature starts (needs ``need_cdf``); computed on first use."""
        return (self._tail_anchor(self._ends[1], self._t_hi)
                or (self._t_hi, float(exact.sf(self.x_hi, self._params.gamma, self._params.kappa, digits=16))))

    def _lower_end(self, t_lo: float) -> float:
        """Where the lower solve ends.  If the density falls steeply enough at 0 (α + 1 ≥
        :data:`_STEEP_SLOPE`): :data:`_TAIL_EFOLDS`/(α + 1) below t_lo, or below the start of
        the power law ``p ∝ x^α`` if that is lower — where U is near its value at 0, i.e.
        ``a·y ≪ min(1, |b|)`` (at γ ≈ 1 and large κ the bulk reaches down to y ~ 1/a).  Else
        where :meth:`_small_y_cdf` holds (``y ≤ 1e-18/max(1, a)``)."""
        if self.m >= _STEEP_SLOPE:
            power_law = math.log(0.1 * min(1.0, max(abs(self.b), 0.1)) / max(1.0, self.a))
            return min(t_lo, power_law) - _TAIL_EFOLDS / self.m
        return min(t_lo, math.log(1e-18 / max(1.0, self.a)))

    def _small_y_cdf(self, t: float) -> float:
        """F at ``y = e^t ≤ 1e-18/max(1, a)`` for ``m = α + 1 < 1``, from the phase formula
        ``F = −arg w/(πc)`` and the two leading terms of U at 0 (DLMF 13.2.42 with M → 1):
        ``w ∝ 1 + R z^m``, ``R = Γ(−m)Γ(a+m)/(Γ(a)Γ(m))``, ``z = y e^{iπ}`` (relative
        corrections O(a·y)); at m = 0 (γ = 1) the logarithmic case (DLMF 13.2.19)
        ``w ∝ −(log z + ψ(a) + 2γ_E)``.  log|R| in 30-digit mpmath (it cancels for small m).
        """
        if self.m == 0:
            w = -complex(t + float(mpmath.digamma(self.a)) + 2 * float(mpmath.euler), math.pi)
            return -cmath.phase(w) / (math.pi * self.c)
        with mpmath.workdps(30):
            m, a = mpmath.mpf(self.m), mpmath.mpf(self.a)
            log_r = float(mpmath.loggamma(1 - m) - mpmath.loggamma(1 + m) + mpmath.loggamma(a + m) - mpmath.loggamma(a))
        log_size = log_r + self.m * t            # log|R y^m|; R < 0 for 0 < m < 1
        size = math.exp(log_size)
        real = -math.expm1(log_size) + size * 2 * math.sin(math.pi * self.m / 2) ** 2   # 1 − |R|y^m cos(πm)
        return -math.atan2(-size * math.sin(math.pi * self.m), real) / (math.pi * self.c)

    def _upper_end(self, y_hi: float) -> float:
        """How far above ``y_hi`` to solve: ``v' ≈ s + c − y`` for y ≫ s (from
        ``u ≈ −a + a(a − b + 1)/y``), so past ``y = 2(s + c) + 100`` v falls by more than
        :data:`_TAIL_EFOLDS` over one e-fold of y, and over ``y_hi + 100`` beyond that."""
        return math.log(min(max(math.e * (2 * (self.s + self.c) + 100), y_hi + 2 * _TAIL_EFOLDS), _Y_FAR))

    def _tail_anchor(self, t_far: float, t_near: float) -> tuple[float, float] | None:
        """``(t_far, mass beyond t_far)`` if that mass is below 1e-20 of the mass beyond t_near.

        The mass beyond is bounded as if v went on falling at the rate it has at t_far
        (below: at most α + 1, the power law's rate at 0): ``e^{v}/(πc·rate)``.  None if the
        tail is not steep enough (the caller then uses a certified anchor at t_near); when
        ``t_far = t_near`` only a mass beyond that underflows to 0 passes.
        """
        point = np.array([t_far])
        slope = float(self.slope(point)[0])
        rate = min(slope, self.m) if t_far < self.t0 else -slope
        if not rate > 0:
            return None
        beyond = math.exp(float(self.v(point)[0])) / (math.pi * self.c * rate)
        mass = beyond + float(self._integral(t_far, np.array([t_near]))[0])
        return (t_far, beyond) if beyond <= 1e-20 * mass else None

    def _start(self, params: HTMPParams) -> complex:
        """``u`` at y = s from two certified U's (DLMF 13.3.22), rounded to complex128.

        From 80 bits: the ratio needs 56, and at 64 the two U's often leave fewer (then a
        second round at 128 doubles the cost, 23 ms instead of 9 at γ = 0.2, κ = 1000).
        """
        prec = 80
        while True:
            with workprec(prec):
                u0 = u_on_cut(params.c, params.alpha, params.s, prec)
                u1 = u_on_cut(params.c + 1, params.alpha - 1, params.s, prec)
                u = arb(params.s) * arb(params.c) * u1 / u0
            if rel_accuracy_bits(u) >= 56 or prec >= 4096:
                break
            prec *= 2
        value = midpoint(u)
        if not (value.imag < 0 and math.isfinite(value.real)):
            raise ArithmeticError(f"fast path: no starting value for gamma={self.gamma}, kappa={self.kappa}")
        return value

    def _component(self, t: np.ndarray, name: str) -> np.ndarray:
        """ρ (``name = "rho"``) or v at the points t: the solution, or beyond ``y = e^t`` =
        :data:`_Y_FAR` the leading term ``U(a, b, −y) ≈ (−y)^{−a}`` (DLMF 13.7.3; relative
        error ``a(a − b + 1)/y``, below 1e-80 in the domain): ``ρ = −a`` and
        ``v = log(πc) + (1 + α + 2c) log y − y − log Γ(c+1) − log Γ(c+α+1)``."""
        out = np.empty_like(t)
        for piece in self.pieces:
            mask = (t <= self.t0) if piece.t[-1] < self.t0 else (t > self.t0) & (t <= _T_FAR)
            if np.any(mask):
                out[mask] = getattr(piece, name)(t[mask])
        far = t > _T_FAR
        if np.any(far):
            alpha = -self.b
            with np.errstate(invalid="ignore", over="ignore"):   # t = inf (s·x overflows): v = −inf
                out[far] = -self.a if name == "rho" else np.where(t[far] == np.inf, -np.inf, (
                    math.log(math.pi * self.c) + (1 + alpha + 2 * self.c) * t[far] - np.exp(t[far])
                    - math.lgamma(self.c + 1) - math.lgamma(self.c + alpha + 1)))
        return out

    def v(self, t: np.ndarray) -> np.ndarray:
        """``log(−Im u)`` at the points ``t`` (inside the solved range)."""
        return self._component(t, "v")

    def slope(self, t: np.ndarray) -> np.ndarray:
        """``v' = 1 − b − y − 2ρ`` at the points t (from the equation)."""
        return 1 - self.b - np.exp(t) - 2 * self._component(t, "rho")

    def log_y(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``t = log(s x)`` in float64 and its rounding error ``δ = log(s x) − t``.

        t alone is off by up to ``|t|·ε`` (and s·x by ε), which v' (as large as y in the
        upper tail, α + 1 in the lower) turns into logpdf errors |t| times the density's own
        conditioning; so s, s·x and the log are formed in ``np.longdouble`` (64-bit mantissa
        on x86-64; where it is plain double, δ = 0) and the callers add ``v'·δ``.
        """
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            t_long = np.log(np.longdouble(self.c) / np.longdouble(self.gamma) * np.asarray(x, dtype=np.longdouble))
            t = t_long.astype(float)
            delta = np.where(np.isfinite(t), (t_long - t).astype(float), 0.0)
        return t, delta

    def v_at(self, x: np.ndarray) -> np.ndarray:
        """v at ``log(s x)``, with the first-order correction for the rounding of t."""
        t, delta = self.log_y(x)
        with np.errstate(invalid="ignore"):
            return self.v(t) + np.where(delta == 0, 0.0, self.slope(t) * delta)

    def cdf_sf_at(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(cdf, sf) at x, with the first-order correction ``(dF/dt)·δ`` for the rounding of t."""
        t, delta = self.log_y(x)
        cdf, sf = self.cdf_sf(t)
        shift = np.exp(self.v(t)) / (math.pi * self.c) * delta
        return cdf + shift, sf - shift

    def _descent(self, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For each interval: ``top``, the end with the larger v; ``inward`` (±1), the
        direction into the interval from it; and the rate (≥ 0) at which v falls from
        there, from the equation's ``v' = 1 − b − y − 2ρ``."""
        top_is_hi = self.v(hi) >= self.v(lo)
        top = np.where(top_is_hi, hi, lo)
        inward = np.where(top_is_hi, -1.0, 1.0)
        return top, inward, np.maximum(-inward * self.slope(top), 0.0)

    def sub_intervals(self, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Split each interval where v falls steeply from its top (rate m, :meth:`_descent`)
        at the distances :data:`_STEEP_OFFSETS`/m from the top, the last piece to the far
        end.  Returns ``(lo, hi, owner)`` of the pieces, ``owner`` the interval's index.

        In each piece but the last, v falls by at most 8 (where it falls at the rate m or
        faster), so 16-node Gauss–Legendre integrates ``e^v`` to about 1e-16; beyond
        ``64/m`` it is below ``e^{−64}`` of the top.  The tails need this: v ≈ −y in the
        upper tail and v' ≈ α + 1 (up to 5e6) in the lower one, on long solver steps.
        """
        top, inward, rate = self._descent(lo, hi)
        width = hi - lo
        levels = 1 + (_STEEP_OFFSETS[None, 1:] < (rate * width)[:, None]).sum(axis=1)
        owner = np.repeat(np.arange(lo.size), levels)
        k = np.arange(owner.size) - np.repeat(np.cumsum(levels) - levels, levels)
        rate, width, top, inward = rate[owner], width[owner], top[owner], inward[owner]
        with np.errstate(divide="ignore", invalid="ignore"):
            near = np.where(k == 0, 0.0, _STEEP_OFFSETS[k] / rate)
            far = np.where(k == levels[owner] - 1, width, _STEEP_OFFSETS[np.minimum(k + 1, _STEEP_OFFSETS.size - 1)] / rate)
        ends = np.stack([top + inward * near, top + inward * far])
        return ends.min(axis=0), ends.max(axis=0), owner

    def _mass(self, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """``∫_lo^hi e^{v} dt`` on each interval (lo ≤ hi)."""
        sub_lo, sub_hi, owner = self.sub_intervals(lo, hi)
        nodes, weights = (rule[:, 0] for rule in panel_nodes(np.stack([sub_lo, sub_hi], axis=-1)))
        pieces = (weights * np.exp(self.v(nodes.ravel())).reshape(nodes.shape)).sum(axis=1)
        return np.bincount(owner, weights=pieces, minlength=lo.size)

    def _cumulative(self, lo: float) -> tuple[np.ndarray, np.ndarray]:
        """The solver's steps on the far side of the anchor ``lo`` from t0, with the mass
        ``∫ e^v dt`` between ``lo`` and each, cumulated **from the anchor** (so a tail
        integral never comes from a difference of large sums); computed once per anchor."""
        if lo not in self._cumulative_masses:
            bottom = lo < self.t0
            piece = self.pieces[0] if bottom else self.pieces[1]
            grid = np.unique(np.concatenate([piece.t, [lo]]))
            grid = grid[grid >= lo] if bottom else grid[grid <= lo]
            steps = self._mass(grid[:-1], grid[1:])
            self._cumulative_masses[lo] = (grid, np.concatenate([[0.0], np.cumsum(steps)]) if bottom
                                           else np.concatenate([np.cumsum(steps[::-1])[::-1], [0.0]]))
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
            return (cumulative[start] + self._mass(grid[start], t)) / (math.pi * self.c)
        return (cumulative[start + 1] + self._mass(t, grid[start + 1])) / (math.pi * self.c)

    def cdf_sf(self, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(cdf, sf) at the points t, each side integrated from its anchor (:meth:`_tail_anchor`)."""
        cdf, sf = np.empty_like(t), np.empty_like(t)
        lower = t <= self.t0
        if np.any(lower):
            cdf[lower] = self.lower_anchor[1] + self._integral(self.lower_anchor[0], t[lower])
            sf[lower] = 1 - cdf[lower]
        upper = ~lower & (t <= _T_FAR)
        if np.any(upper):
            sf[upper] = self.upper_anchor[1] + self._integral(self.upper_anchor[0], t[upper])
            cdf[upper] = 1 - sf[upper]
        cdf[t > _T_FAR], sf[t > _T_FAR] = 1.0, 0.0
        return cdf, sf


def _solve(gamma: float, kappa: float, xs: np.ndarray, need_cdf: bool) -> _Solution:
    x_lo, x_hi = min(float(xs.min()), 0.5), max(float(xs.max()), 2.0)  # both sides of x = 1 exist
    return _Solution(gamma, kappa, x_lo, x_hi, need_cdf)


def _groups(gamma: np.ndarray, kappa: np.ndarray):
    """Yield ``(γ, κ, flat indices)`` for each distinct in-domain pair (others stay NaN).

    One sort of integer keys (not ``np.unique(axis=0)``, 20× slower on 10⁵ pairs); no sort
    at all when every point has the same pair.
    """
    g, k = gamma.ravel(), kappa.ravel()
    if g.size == 0:
        return
    if g.min() == g.max() and k.min() == k.max():
        if _in_domain(g[0], k[0]):
            yield float(g[0]), float(k[0]), np.arange(g.size)
        return
    g_values, g_index = np.unique(g, return_inverse=True)
    k_values, k_index = np.unique(k, return_inverse=True)
    key = g_index.ravel() * k_values.size + k_index.ravel()
    order = np.argsort(key, kind="stable")
    for sel in np.split(order, np.flatnonzero(np.diff(key[order])) + 1):
        g_j, k_j = g_values[key[sel[0]] // k_values.size], k_values[key[sel[0]] % k_values.size]
        if _in_domain(g_j, k_j):
            yield float(g_j), float(k_j), sel


def _evaluate(x, gamma, kappa, kernel: Callable[[float, float, np.ndarray], np.ndarray],
              at_zero: Callable[[float, float], float], below: float) -> np.ndarray:
    """Group the points by (γ, κ): ``below`` for x < 0, ``at_zero`` at 0, ``kernel`` for x > 0."""
    x, gamma, kappa = _broadcast(x, gamma, kappa)
    out = np.full(x.shape, np.nan)
    flat_x, flat_out = x.ravel(), out.reshape(-1)
    for g, k, sel in _groups(gamma, kappa):
        xs = flat_x[sel]
        flat_out[sel[xs < 0]] = below
        zero = xs == 0
        if np.any(zero):
            flat_out[sel[zero]] = at_zero(g, k)
        pos = xs > 0
        if np.any(pos):
            flat_out[sel[pos]] = kernel(g, k, xs[pos])
    return out


def _dual_scale(g: float) -> float:
    """γ for γ > 1 (x' = x/γ in the dual law HTMP(1/γ, κ/γ), SPEC §3), else 1."""
    return g if g > 1 else 1.0


def logpdf_function(gamma: float, kappa: float, x_lo: float, x_hi: float) -> Callable[[np.ndarray], np.ndarray]:
    """``x ↦ logpdf(x)`` for HTMP(γ, κ) on ``[x_lo, x_hi]`` (x > 0) from one solve of the Riccati equation.

    For repeated evaluation at one (γ, κ) (e.g. a likelihood in the scale parameter).
    """
    if not (0 < x_lo <= x_hi < math.inf):
        raise ValueError(f"need 0 < x_lo <= x_hi < inf, got x_lo = {x_lo!r}, x_hi = {x_hi!r}")
    scale = _dual_scale(gamma)
    lo, hi = x_lo / scale, x_hi / scale
    sol = _solve(gamma, kappa, np.array([lo, hi]), need_cdf=False)
    shift = 2 * math.log(scale)

    def evaluate(x: np.ndarray) -> np.ndarray:
        x1 = np.asarray(x, dtype=float) / scale
        if np.any(x1 < lo * (1 - 1e-12)) or np.any(x1 > hi * (1 + 1e-12)):
            raise ValueError(f"x outside the solved range [{x_lo}, {x_hi}]")
        return sol.v_at(x1) - np.log(math.pi * sol.c * x1) - shift
    return evaluate


def _logpdf_kernel(g: float, k: float, x: np.ndarray) -> np.ndarray:
    return logpdf_function(g, k, float(x.min()), float(x.max()))(x)


def _distribution_kernel(which: int):
    def kernel(g: float, k: float, x: np.ndarray) -> np.ndarray:
        x1 = x / _dual_scale(g)
        sol = _solve(g, k, x1, need_cdf=True)
        cdf, sf = sol.cdf_sf_at(x1)
        if g > 1:
            cdf, sf = (1 - 1 / g) + cdf / g, sf / g
        return cdf if which == 0 else sf
    return kernel


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
    return _evaluate(x, gamma, kappa, _distribution_kernel(0),
                     lambda g, k: max(0.0, 1 - 1 / g), 0.0)


def sf(x, gamma, kappa) -> np.ndarray:
    r"""P(X > x) of HTMP(γ, κ), computed directly (relative accuracy in the upper tail); float64."""
    return _evaluate(x, gamma, kappa, _distribution_kernel(1),
                     lambda g, k: min(1.0, 1 / g), 1.0)


def _quantile_kernel(g: float, k: float, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
    """x with cdf(x) = lower (where ``lower <= 0.5``) or sf(x) = upper (else), in the γ ≤ 1
    law carrying HTMP(γ, κ) (:class:`_Solution`).

    Solves the Riccati equation once over x ∈ [1e-300, 1e300] (the upper end capped at
    ``y = 1e100``), starts from interpolation of cdf/sf on the solver's grid and takes
    Newton steps on log F (or log sf) in t = log(s x), whose derivative is p/F.
    """
    use_cdf = lower <= 0.5
    sol = _Solution(g, k, 1e-300, 1e300, need_cdf=True)
    t_lo, t_hi = math.log(sol.s * sol.x_lo), math.log(sol.s * sol.x_hi)
    grid = np.unique(np.concatenate([p.t for p in sol.pieces] + [[t_lo, t_hi]]))
    grid = grid[(grid >= t_lo) & (grid <= t_hi)]
    f_grid, s_grid = sol.cdf_sf(grid)
    target = np.where(use_cdf, lower, upper)
    with np.errstate(divide="ignore"):
        t = np.where(use_cdf, np.interp(np.log(target), np.log(f_grid), grid),
                     np.interp(-np.log(target), -np.log(s_grid), grid))
        for _ in range(6):
            f, sf_ = sol.cdf_sf(t)
            density = np.exp(sol.v(t)) / (math.pi * sol.c)     # dF/dt
            step = np.where(use_cdf, (np.log(f) - np.log(target)) * f / density,
                            -(np.log(sf_) - np.log(target)) * sf_ / density)
            t = np.clip(t - step, grid[0], grid[-1])
        below = use_cdf & (target < f_grid[0])
    x = np.exp(t) / sol.s
    x[below] = 0.0  # the quantile underflows float64 (e.g. γ = 1, where F(x) ~ 1/|log x|)
    return x


def _quantile(q, gamma, kappa, upper_tail: bool) -> np.ndarray:
    q, gamma, kappa = _broadcast(q, gamma, kappa, "q")
    if np.any((q < 0) | (q > 1)):
        raise ValueError("q must lie in [0, 1]")
    out = np.full(q.shape, np.nan)
    flat_q, flat_out = q.ravel(), out.reshape(-1)
    for g, k, sel in _groups(gamma, kappa):
        cdf_q = 1 - flat_q[sel] if upper_tail else flat_q[sel]
        sf_q = flat_q[sel] if upper_tail else 1 - flat_q[sel]
        atom = 1 - 1 / g if g > 1 else 0.0
        lower, upper = (cdf_q - atom) / (1 - atom), sf_q / (1 - atom)  # the continuous part's law
        values = np.where(lower <= 0, 0.0, np.inf)
        inside = (lower > 0) & (upper > 0)
        if np.any(inside):
            values[inside] = _dual_scale(g) * _quantile_kernel(g, k, lower[inside], upper[inside])
        flat_out[sel] = values
    return out


def ppf(q, gamma, kappa) -> np.ndarray:
    r"""Quantile function: the smallest x with cdf(x) ≥ q (0 for q ≤ 1 − 1/γ when γ > 1); float64.

    Where the quantile is below the float64 range (q below cdf(1e-300)) the result is 0.

    >>> from htmp_exact import fast
    >>> bool(abs(fast.cdf(fast.ppf(0.3, 0.5, 10.0), 0.5, 10.0) - 0.3) < 1e-12)
    True
    """
    return _quantile(q, gamma, kappa, upper_tail=False)


def isf(q, gamma, kappa) -> np.ndarray:
    r"""Inverse survival function: x with sf(x) = q, accurate for tiny q; float64."""
    return _quantile(q, gamma, kappa, upper_tail=True)


# --------------------------------------------------------------------------
# Stieltjes transform: Cauchy integral of the Riccati solution (SPEC §4)
# --------------------------------------------------------------------------

_FAR = 1e100          # |z| beyond which S(z) = −1/z to far better than float64
_MAX_PANEL = 0.25     # widest base panel in t = log(s x)
_NEAR_T = 0.1         # x within a factor e^{±0.1} of Re z: panels in x (exact x − Re z), not in t
_NEGLIGIBLE = 1e-28   # base panels with mass·(1 + 1/x) below this are left out of the sum


def _complex_points(z, gamma, kappa) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    z = np.asarray(z)
    if z.dtype.kind not in "biufc":
        raise TypeError(f"z must be numeric, got {z.dtype}")
    z, gamma, kappa = _broadcast_parameters(z.astype(complex), gamma, kappa)
    bad = ~np.isfinite(z) | ((z.imag == 0) & (z.real >= 0))
    if np.any(bad):
        raise ValueError(f"z must be finite and off the support [0, inf), got {z[bad].flat[0]!r}")
    return z, gamma, kappa


def _base_panels(sol: _Solution, t_lo: float, t_hi: float) -> np.ndarray:
    """Panel ends in t: the solver's steps, split to width ≤ :data:`_MAX_PANEL`."""
    steps = np.unique(np.concatenate([p.t for p in sol.pieces] + [[t_lo, t_hi]]))
    steps = steps[(steps >= t_lo) & (steps <= t_hi)]
    parts = np.maximum(np.ceil(np.diff(steps) / _MAX_PANEL).astype(int), 1)
    start = np.repeat(steps[:-1], parts)
    within = np.arange(parts.sum()) - np.repeat(np.cumsum(parts) - parts, parts)
    return np.append(start + within * np.repeat(np.diff(steps) / parts, parts), steps[-1])


def _cauchy_transform(g: float, k: float, z: np.ndarray) -> np.ndarray:
    """``∫ p(x)/(x − z) dx`` for the γ ≤ 1 law carrying HTMP(γ, κ) (:class:`_Solution`), at z
    with Im z ≥ 0, off [0, ∞).

    ``p(x) dx = e^{v(t)}/(πc) dt`` on ``[x_lo, x_hi]`` with ``x_lo = 1e-17·min|z|``
    and ``x_hi = 1e17·max(|z|, 1)``: Gauss–Legendre on the base panels, except the
    panels too close to the pole ``log(s z)`` (ρ < :data:`~htmp_exact._cauchy.RHO_MIN`, or
    within :data:`_NEAR_T` of it, where rounding of t would spoil ``x − z``), which are
    replaced by panels in x graded toward ``Re z``.  Below ``x_lo``,
    ``∫_0^{x_lo} p/(x − z) = −F(x_lo)/z·(1 + O(x_lo/|z|))``; above ``x_hi`` the integral
    is below ``sf(x_hi)/x_hi``, negligible.
    """
    x_lo = max(1e-300, min(0.5, 1e-17 * float(np.abs(z).min())))
    x_hi = max(2.0, 1e17 * max(1.0, float(np.abs(z).max())))
    sol = _Solution(g, k, x_lo, x_hi, need_cdf=True)
    t_lo, t_hi = math.log(sol.s * x_lo), math.log(sol.s * x_hi)
    breaks = _base_panels(sol, t_lo, t_hi)
    pieces = sol.sub_intervals(breaks[:-1], breaks[1:])
    breaks = np.unique(np.concatenate(pieces[:2]))
    nodes, weights = panel_nodes(breaks)
    mass = weights * np.exp(sol.v(nodes.ravel())).reshape(nodes.shape) / (math.pi * sol.c)
    x_nodes = np.exp(nodes) / sol.s
    near = _near_panels(np.log(sol.s * z), breaks)
    rows = np.flatnonzero(near.any(axis=1))
    first = np.argmax(near[rows], axis=1)
    last = near.shape[1] - 1 - np.argmax(near[rows, ::-1], axis=1)
    panel = np.arange(near.shape[1])
    near[rows] = (panel >= first[:, None]) & (panel <= last[:, None])   # one contiguous run per point
    # panels whose mass cannot reach 1e-28·|S| (|S(z)| ≳ 1/(1 + |z|), |x − z| ≳ max(x, |z|)/10)
    kept = (mass * (1 + 1 / x_nodes)).max(axis=1) >= _NEGLIGIBLE
    mass, x_nodes, far = mass[kept], x_nodes[kept], ~near[:, kept]
    values = np.empty(z.shape, dtype=complex)
    chunk = max(1, 2_000_000 // max(mass.size, 1))
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        for i in range(0, z.size, chunk):
            part = (mass / (x_nodes - z[i:i + chunk, None, None])).sum(axis=-1)
            values[i:i + chunk] = np.where(far[i:i + chunk], part, 0.0).sum(axis=-1)
    if rows.size:   # in chunks of about 20,000 panels
        for part in np.array_split(np.arange(rows.size), min(rows.size, 1 + rows.size * (last - first).max() // 20_000)):
            values[rows[part]] += _near_integral(sol, breaks, z[rows[part]], first[part], last[part])
    return values - sol.cdf_sf(np.array([math.log(sol.s * x_lo)]))[0] / z   # F(x_lo)/(−z)


def _near_panels(pole: np.ndarray, breaks: np.ndarray) -> np.ndarray:
    """(point, panel) pairs with ρ < RHO_MIN or within :data:`_NEAR_T` of the pole ``log(s z)``.

    ρ is computed only inside the bounding box of the ρ = 3.5 ellipse
    (semi-axes 1.9 and 1.61 half-widths); elsewhere ρ > 3.5.
    """
    lo, hi = breaks[None, :-1], breaks[None, 1:]
    half, mid = (hi - lo) / 2, (hi + lo) / 2
    re, im = pole.real[:, None], pole.imag[:, None]
    gap = np.maximum(np.maximum(lo - re, re - hi), 0.0)
    near = (im < _NEAR_T) & (gap < _NEAR_T)
    box = (np.abs(re - mid) < 1.9 * half) & (im < 1.61 * half)
    i, j = np.nonzero(box)
    inside = bernstein_rho(pole[i], breaks[j], breaks[j + 1]) < RHO_MIN
    near[i[inside], j[inside]] = True
    return near


def _near_integral(sol: _Solution, breaks: np.ndarray, z: np.ndarray, first: np.ndarray,
                   last: np.ndarray) -> np.ndarray:
    """``∫ p(x)/(x − z) dx`` over the base panels ``first..last`` (one run per point), in x.

    The panel ends are the base panels' own ends (which resolve the density) together
    with ends graded toward ``Re z`` (which resolve the kernel), as offsets from ``Re z``.
    """
    centre, eta = z.real, z.imag
    index = np.minimum(first[:, None] + np.arange((last - first).max() + 2), (last + 1)[:, None])
    base = np.exp(breaks[index]) / sol.s - centre[:, None]
    ends = np.sort(np.concatenate([graded_offsets(eta, base[:, 0], base[:, -1]), base], axis=1), axis=1)
    offsets, weights = panel_nodes(ends)
    x = centre[:, None, None] + offsets
    density = np.exp(sol.v(np.log(sol.s * x).ravel())).reshape(x.shape) / (math.pi * sol.c * x)
    return (weights * density / (offsets - 1j * eta[:, None, None])).sum(axis=(1, 2))


def _stieltjes_kernel(g: float, k: float, z: np.ndarray) -> np.ndarray:
    """S(z) for one (γ, κ); γ > 1 through the duality, ``S = −(1 − 1/γ)/z + S'(z/γ)/γ²``."""
    scale = _dual_scale(g)
    w = z / scale
    values = -1 / w
    inner = np.abs(w) <= _FAR
    if np.any(inner):
        flip = w.imag < 0          # S(conj z) = conj S(z)
        upper = np.where(flip, w.conj(), w)[inner]
        result = _cauchy_transform(g, k, upper)
        values[inner] = np.where(flip[inner], result.conj(), result)
    return (-(1 - 1 / g) / z if g > 1 else 0.0) + values / scale ** 2


def stieltjes(z, gamma, kappa) -> np.ndarray:
    r"""Stieltjes transform ``S(z) = ∫ μ(dx)/(x − z)`` of HTMP(γ, κ), atom included; complex128.

    ``z``: complex (or real < 0), finite, off the support ``[0, ∞)`` (else ``ValueError``);
    broadcasting over ``z``, γ, κ; (γ, κ) outside the documented domain: NaN.
    Algorithm: Gauss–Legendre quadrature of the density from the Riccati solution
    (module docstring) against ``1/(x − z)``, with panels graded toward ``Re z`` when z
    is close to the support (:mod:`htmp_exact._cauchy`); ``−1/z`` for ``|z| > 1e100``.
    Valid for ``|z| ≥ 1e-280``.  Measured error: README.

    >>> from htmp_exact import exact, fast
    >>> w = fast.stieltjes(1 + 1e-3j, 0.5, 10.0)
    >>> bool(abs(w - complex(exact.stieltjes(1 + 1e-3j, 0.5, 10))) < 1e-12 * abs(w))
    True
    """
    z, gamma, kappa = _complex_points(z, gamma, kappa)
    out = np.full(z.shape, np.nan + 0j)
    flat_z, flat_out = z.ravel(), out.reshape(-1)
    for g, k, sel in _groups(gamma, kappa):
        flat_out[sel] = _stieltjes_kernel(g, k, flat_z[sel])
    return out


# --------------------------------------------------------------------------
# Marchenko–Pastur MP(γ): closed forms (SPEC §2)
# --------------------------------------------------------------------------

def _mp_edges(gamma: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    root = np.sqrt(gamma)
    return ((1 - gamma) / (1 + root)) ** 2, (1 + root) ** 2   # λ− without cancellation near γ = 1


def mp_pdf(x, gamma) -> np.ndarray:
    r"""MP(γ) density ``√((λ+ − x)(x − λ−)) / (2πγx)`` on the bulk (continuous part), float64."""
    x, gamma, _ = _broadcast(x, gamma, 1.0)
    lo, hi = _mp_edges(gamma)
    inside = (x > lo) & (x < hi)
    with np.errstate(invalid="ignore", divide="ignore"):
        value = np.sqrt(np.clip((hi - x) * (x - lo), 0, None)) / (2 * np.pi * gamma * x)
    return np.where(inside, value, 0.0)


def _mp_bulk_mass(x: np.ndarray, gamma: np.ndarray) -> np.ndarray:
    """∫_{λ−}^x of the MP density (same antiderivative as the exact path, arcsin form)."""
    a, b = _mp_edges(gamma)
    xc = np.clip(x, a, b)
    with np.errstate(invalid="ignore", divide="ignore"):
        arg1 = np.clip((2 * xc - a - b) / (b - a), -1, 1)
        arg2 = np.clip(((a + b) * xc - 2 * a * b) / ((b - a) * xc), -1, 1)
        prim = (np.sqrt(np.clip((b - xc) * (xc - a), 0, None)) + (a + b) / 2 * np.arcsin(arg1)
                - np.abs(1 - gamma) * np.arcsin(arg2))
    prim_at_a = -(a + b) / 2 * np.pi / 2 + np.abs(1 - gamma) * np.pi / 2
    return (prim - prim_at_a) / (2 * np.pi * gamma)


def mp_cdf(x, gamma) -> np.ndarray:
    r"""MP(γ) distribution function, atom ``1 − 1/γ`` at 0 for γ > 1; float64."""
    x, gamma, _ = _broadcast(x, gamma, 1.0)
    atom = np.where(gamma > 1, 1 - 1 / gamma, 0.0)
    lo, hi = _mp_edges(gamma)
    value = np.where(x >= hi, 1.0, atom + np.where(x > lo, _mp_bulk_mass(x, gamma), 0.0))
    return np.where(x < 0, 0.0, value)


def mp_sf(x, gamma) -> np.ndarray:
    r"""MP(γ) survival function; float64."""
    x, gamma, _ = _broadcast(x, gamma, 1.0)
    cont = np.where(gamma > 1, 1 / gamma, 1.0)
    lo, hi = _mp_edges(gamma)
    value = np.where(x >= hi, 0.0, cont - np.where(x > lo, _mp_bulk_mass(x, gamma), 0.0))
    return np.where(x < 0, 1.0, np.clip(value, 0.0, 1.0))


def mp_stieltjes(z, gamma) -> np.ndarray:
    r"""MP(γ) Stieltjes transform (atom included), the root of ``γ z S² + (z + γ − 1) S + 1 = 0``
    with ``S ~ −1/z`` (SPEC §2); complex128, ``z`` off ``[0, ∞)``.

    With ``R = √(z − λ+)·√(z − λ−)`` and ``d± = z + γ − 1 ± R`` (``d+·d− = 4γz``):
    ``S = −2/d+ = −d−/(2γz)``, evaluated from whichever of ``d±`` is larger (no cancellation).
    """
    z, gamma, _ = _complex_points(z, gamma, 1.0)
    lo, hi = _mp_edges(gamma)
    root = np.sqrt(z - hi) * np.sqrt(z - lo)
    plus, minus = z + (gamma - 1) + root, z + (gamma - 1) - root
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.abs(plus) >= np.abs(minus), -2 / plus, -minus / (2 * gamma * z))


def mp_ppf(q, gamma) -> np.ndarray:
    r"""MP(γ) quantile by bisection on :func:`mp_cdf` (0 inside the atom); float64."""
    q, gamma, _ = _broadcast(q, gamma, 1.0)
    if np.any((q < 0) | (q > 1)):
        raise ValueError("q must lie in [0, 1]")
    lo, hi = _mp_edges(gamma)
    left, right = lo.copy(), hi.copy()
    for _ in range(80):
        mid = (left + right) / 2
        below = mp_cdf(mid, gamma) < q
        left, right = np.where(below, mid, left), np.where(below, right, mid)
    atom = np.where(gamma > 1, 1 - 1 / gamma, 0.0)
    return np.where(q <= atom, 0.0, right)

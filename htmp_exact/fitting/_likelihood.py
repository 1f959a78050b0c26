r"""The log-likelihood of (κ, scale) for positive data in a window, and its profile over the scale.

With ``u = log(scale)`` and the positive values ``x_1..x_N`` inside the window ``(lo, hi]``,

.. math::

    \ell(\kappa, u) = \sum_i \log p_\kappa(x_i e^{-u}) - N u
                      - N \log P_\kappa(lo\,e^{-u} < X \le hi\,e^{-u}),

the log-likelihood of the law of ``scale·X`` conditioned on ``X > 0`` and on the window
(``p_κ``: density of the continuous part of HTMP(γ, κ), SPEC §3; κ = ∞: MP(γ), SPEC §2).
Untruncated, the last term is ``N log γ`` for γ > 1 (the continuous part has mass 1/γ).
For each κ, :meth:`ScaleLikelihood.profile` maximises over u (:func:`._profile.maximize`).
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import minimize_scalar

from ._laws import LogPdf, Window, atom, logpdf_on, mp_edges, window_mass
from ._mass import WindowMass
from ._profile import Maximum, Memo, interval_end, maximize, quadratic_guess

#: The scale is searched within a factor e^{±U_SPAN} of the start (a law of mean 1: the sample mean).
U_SPAN = math.log(64.0)
#: Profile log-likelihoods are computed to about this absolute accuracy.
GAIN_TOL = 1e-5


class ScaleLikelihood:
    """``ℓ(κ, u)`` (module docstring) for sorted positive ``x`` inside ``window``; one solve per κ, kept."""

    def __init__(self, x: np.ndarray, gamma: float, window: Window, u_start: float):
        self.x, self.gamma, self.window = x, gamma, window
        self.n = x.size
        self.u_start = u_start
        self.u_lo, self.u_hi = u_start - U_SPAN, u_start + U_SPAN
        self._logpdfs: dict[float, LogPdf] = {}
        self._masses: dict[float, WindowMass] = {}
        self.maxima: dict[float, Maximum] = {}

    def thinned(self, size: int) -> ScaleLikelihood:
        """The likelihood of ``size`` evenly spaced order statistics (first and last included),
        sharing this one's solves: a cheap stand-in to locate the maximum in κ coarsely."""
        if self.n <= size:
            return self
        other = ScaleLikelihood(
            self.x[np.linspace(0, self.n - 1, size).round().astype(int)],
            self.gamma,
            self.window,
            self.u_start,
        )
        other._logpdfs, other._masses = self._logpdfs, self._masses
        return other

    def logpdf(self, kappa: float) -> LogPdf:
        """The standard law's log-density on every ``x e^{-u}`` the scale search can reach, and
        at the window's ends (with the margin of the mass tables, :mod:`._mass`)."""
        if kappa not in self._logpdfs:
            w = self.window
            bottom = min(float(self.x[0]), w.lo) if w.lo > 0 else float(self.x[0])
            top = max(float(self.x[-1]), w.hi) if math.isfinite(w.hi) else float(self.x[-1])
            self._logpdfs[kappa] = logpdf_on(
                self.gamma, kappa, bottom * math.exp(-self.u_hi - 1), top * math.exp(-self.u_lo + 1)
            )
        return self._logpdfs[kappa]

    def log_mass(self, kappa: float, u: float, exact: bool = True) -> float:
        """``log P(lo e^{-u} < X ≤ hi e^{-u})`` of the standard law; interpolated (:mod:`._mass`)
        unless ``exact``."""
        w = self.window
        if not w.truncated:
            return math.log(1 - atom(self.gamma))
        if math.isinf(kappa):
            mass = window_mass(
                np.array([w.lo * math.exp(-u)]), np.array([w.hi * math.exp(-u)]), self.gamma, kappa
            )
            return math.log(mass[0]) if mass[0] > 0 else -math.inf
        if kappa not in self._masses:
            self._masses[kappa] = WindowMass(self.gamma, kappa, w, self.logpdf(kappa))
        return self._masses[kappa].exact(u) if exact else self._masses[kappa](u)

    def __call__(self, kappa: float, u: float, exact: bool = False) -> float:
        """ℓ(κ, u); the window's mass interpolated unless ``exact`` (:meth:`log_mass`)."""
        if not self.u_lo <= u <= self.u_hi:
            return -math.inf
        with np.errstate(divide="ignore", invalid="ignore"):
            total = float(np.sum(self.logpdf(kappa)(self.x * math.exp(-u))))
        log_mass = self.log_mass(kappa, u, exact)
        if not (math.isfinite(total) and math.isfinite(log_mass)):
            return -math.inf  # (a window mass that underflows is treated as impossible)
        return total - self.n * (u + log_mass)

    def profile(self, kappa: float, u0: float | None = None, h: float | None = None) -> Maximum:
        """max over u of ℓ(κ, u), from ``u0`` (default: the nearest κ already profiled)."""
        if kappa in self.maxima:
            return self.maxima[kappa]
        if math.isinf(kappa):
            best = self._mp_profile()
        else:
            if u0 is None:
                u0, h = self._warm_start(kappa)
            h = h if h is not None else max(2 / math.sqrt(self.n), 1e-3)
            found = maximize(Memo(lambda u: self(kappa, u)), u0, h, self.u_lo, self.u_hi, GAIN_TOL)
            best = Maximum(found.x, self(kappa, found.x, exact=True), found.curvature, found.at_edge)
        self.maxima[kappa] = best
        return best

    def feasible_mp(self):
        """The interval of u where every x e^{-u} lies inside MP's support ``[λ−, λ+]`` (may be empty)."""
        lower, upper = mp_edges(self.gamma)
        lo = max(math.log(float(self.x[-1]) / upper), self.u_lo)
        hi = min(math.log(float(self.x[0]) / lower) if lower > 0 else math.inf, self.u_hi)
        return lo, hi

    def _mp_profile(self) -> Maximum:
        """MP: ℓ is finite only on :meth:`feasible_mp` and falls to −inf at its ends (the density
        vanishes like a square root at λ±), so a bounded Brent search inside it; −inf if empty."""
        lo, hi = self.feasible_mp()
        if not lo < hi:
            return Maximum(math.nan, -math.inf, 0.0, False)
        res = minimize_scalar(
            lambda u: -self(math.inf, u),
            bounds=(lo, hi),
            method="bounded",
            options={"xatol": 1e-9 * max(1.0, abs(lo)), "maxiter": 200},
        )
        return Maximum(float(res.x), -float(res.fun), 0.0, False)

    def _warm_start(self, kappa: float):
        """u* and the width of the nearest κ profiled (in log κ), or the start value."""
        if not self.maxima:
            return self.u_start, None
        near = min(
            self.maxima, key=lambda k: abs(math.log(k) - math.log(kappa)) if math.isfinite(k) else math.inf
        )
        m = self.maxima[near]
        if m.at_edge or not math.isfinite(m.x):
            return self.u_start, None
        width = 1 / math.sqrt(-m.curvature) if m.curvature < 0 else None
        return m.x, width

    def scale_end(self, kappa: float, target: float, side: int) -> float:
        """The u on ``side`` (±1) of the maximum where ℓ(κ, ·) falls to ``target``; nan if the
        maximum is below the target."""
        m = self.profile(kappa)
        if m.value < target:
            return math.nan
        if math.isinf(kappa):
            guess = m.x + side * 0.01
        else:
            guess = quadratic_guess(m.x, m.value, m.curvature, target, side, 0.05)
        edge = self.u_lo if side < 0 else self.u_hi
        return interval_end(Memo(lambda u: self(kappa, u)), m.x, guess, edge, target, 1e-5)

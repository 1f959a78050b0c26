r"""Fit results: frozen dataclasses that also act as the fitted (window-conditional) laws."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import ClassVar, Union

import numpy as np

from .. import fast
from .._inputs import RandomState, generator
from ._laws import Window, atom, cdf, window_mass
from ._zeros import ZeroSummary

Size = Union[int, tuple[int, ...], None]


class InformationCriteria:
    """AIC and BIC of a fit that has ``n_params`` free parameters (γ is given, not fitted), a
    log-likelihood ``loglik`` and ``n`` values."""

    n_params: ClassVar[int]
    loglik: float
    n: int

    @property
    def aic(self) -> float:
        """Akaike's criterion ``2k − 2ℓ``."""
        return 2 * self.n_params - 2 * self.loglik

    @property
    def bic(self) -> float:
        """Schwarz's criterion ``k log N − 2ℓ``."""
        return self.n_params * math.log(self.n) - 2 * self.loglik


@dataclass(frozen=True)
class Exclusion:
    """What a fit left out of its likelihood, besides zeros.

    Attributes
    ----------
    rule : str
        ``"none"``, ``"xmax"`` (values above a given ``xmax``), ``"exclude_top"`` (the ``k``
        largest) or ``"auto"`` (outliers beyond the fitted bulk, see :func:`fit_htmp`).
    window : Window
        The likelihood is that of the law conditioned on ``(lo, hi]`` (in the data's units).
    excluded : tuple of float
        The values left out (sorted).
    """

    rule: str
    window: Window
    excluded: tuple[float, ...]

    @property
    def n_excluded(self) -> int:
        return len(self.excluded)


@dataclass(frozen=True, eq=False)
class FittedLaw(InformationCriteria):
    """Shared part of the HTMP and MP fits: the law of ``scale·X`` given ``X > 0`` and the window.

    ``kappa = inf`` stands for MP(γ); ``level`` is the confidence level of the intervals.
    """

    model: ClassVar[str] = ""
    n_params: ClassVar[int] = 0

    gamma: float
    kappa: float
    scale: float
    loglik: float
    n: int
    zeros: ZeroSummary
    exclusion: Exclusion
    data: np.ndarray = field(repr=False)
    level: float

    def _mass(self) -> float:
        w = self.exclusion.window
        return float(
            window_mass(np.array([w.lo / self.scale]), np.array([w.hi / self.scale]), self.gamma, self.kappa)[
                0
            ]
        )

    def logpdf(self, x) -> np.ndarray:
        """log-density of the fitted law (given X > 0 and the window) at x; −inf outside the window."""
        x = np.asarray(x, dtype=float)
        w = self.exclusion.window
        with np.errstate(divide="ignore"):
            std = (
                np.log(fast.mp_pdf(x / self.scale, self.gamma))
                if math.isinf(self.kappa)
                else fast.logpdf(x / self.scale, self.gamma, self.kappa)
            )
        value = std - math.log(self.scale) - math.log(self._mass())
        return np.where((x > w.lo) & (x <= w.hi), value, -np.inf)[()]

    def cdf(self, x) -> np.ndarray:
        """Distribution function of the fitted law (given X > 0 and the window)."""
        x = np.asarray(x, dtype=float)
        w = self.exclusion.window
        inside = np.clip(x, w.lo, w.hi) / self.scale
        base = (
            atom(self.gamma)
            if w.lo == 0
            else float(cdf(np.array([w.lo / self.scale]), self.gamma, self.kappa)[0])
        )
        return np.clip((cdf(inside, self.gamma, self.kappa) - base) / self._mass(), 0.0, 1.0)[()]

    def ppf(self, q) -> np.ndarray:
        """Quantile function of the fitted law (given X > 0 and the window), by :func:`fast.ppf`."""
        w = self.exclusion.window
        lo = (
            atom(self.gamma)
            if w.lo == 0
            else float(cdf(np.array([w.lo / self.scale]), self.gamma, self.kappa)[0])
        )
        full = np.clip(lo + self._mass() * np.asarray(q, dtype=float), 0.0, 1.0)
        std = (
            fast.mp_ppf(full, self.gamma)
            if math.isinf(self.kappa)
            else fast.ppf(full, self.gamma, self.kappa)
        )
        return (np.asarray(std) * self.scale)[()]

    def rvs(self, size: Size = None, random_state: RandomState = None) -> np.ndarray:
        """Independent draws from the fitted law (inversion: :meth:`ppf` of uniforms)."""
        return self.ppf(generator(random_state).random(size))

    def ks_distance(self) -> float:
        """Kolmogorov–Smirnov distance ``sup |F_N − F|`` between the data and the fitted law."""
        f = self.cdf(self.data)
        n = self.data.size
        ranks = np.arange(1, n + 1)
        return float(max(np.max(ranks / n - f), np.max(f - (ranks - 1) / n)))


@dataclass(frozen=True, eq=False)
class HTMPFit(FittedLaw):
    """Maximum-likelihood fit of ``scale·HTMP(γ, κ)`` (γ given) by :func:`fit_htmp`.

    Attributes (besides :class:`FittedLaw`'s)
    ------------------------------------------
    kappa_ci, scale_ci : (float, float)
        Profile-likelihood intervals ``{θ : ℓ_p(θ) ≥ ℓ̂ − χ²_{1,level}/2}``.  ``kappa_ci``
        may be ``(0, ·)`` (the likelihood does not fall by the threshold down to κ = 1e-2:
        not bounded below within the searched range) or ``(·, inf)`` (it does not fall by
        κ = 1e5: MP and every larger κ are compatible with the data).
    at_bound : bool
        The maximum is at an end of the range: κ = 1e-2, κ = 1e5 (the likelihood still
        rises there but MP itself fits worse), or κ = inf (MP: the likelihood rises
        toward κ → ∞ and MP attains the supremum).
    mp_loglik : float
        The profile log-likelihood at κ = ∞ (MP; −inf if data lie outside every scaled support).
    profile : tuple of (float, float)
        The (κ, profile log-likelihood) pairs the search evaluated with all values (sorted by κ).
    """

    model: ClassVar[str] = "htmp"
    n_params: ClassVar[int] = 2

    kappa_ci: tuple[float, float] = (math.nan, math.nan)
    scale_ci: tuple[float, float] = (math.nan, math.nan)
    at_bound: bool = False
    mp_loglik: float = -math.inf
    profile: tuple[tuple[float, float], ...] = field(default=(), repr=False)


@dataclass(frozen=True, eq=False)
class MarchenkoPasturFit(FittedLaw):
    """Maximum-likelihood fit of ``scale·MP(γ)`` by :func:`fit_marchenko_pastur` (``kappa = inf``).

    ``loglik = -inf`` (and ``scale`` the moment estimate) when no scale puts every value in
    the support ``scale·[λ−, λ+]``: then ``n_outside`` counts the values outside the support
    at that scale.  ``scale_ci`` is the profile-likelihood interval; MP is not a regular
    model (its support moves with the scale), so its coverage is only approximate.
    """

    model: ClassVar[str] = "marchenko_pastur"
    n_params: ClassVar[int] = 1

    scale_ci: tuple[float, float] = (math.nan, math.nan)
    n_outside: int = 0

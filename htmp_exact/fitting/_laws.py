r"""HTMP(γ, κ) and its limit MP(γ) = HTMP(γ, ∞) at scale 1, through the public float path.

Everything the fits need from a law: the log-density of the continuous part on a range
(one Riccati solve per κ, :func:`htmp_exact.fast.logpdf_function`), the mass of a window
``(lo, hi]`` of the positive half-line, and quantiles.  κ = ∞ stands for MP(γ)
(closed forms, :func:`htmp_exact.fast.mp_pdf` and friends).  For γ > 1 both laws
have an atom ``1 − 1/γ`` at 0 (SPEC §2, §3); windows never contain it (``lo ≥ 0`` is
open), so the fits use the law of ``X`` given ``X > 0``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .. import _parameters as parameters
from .. import fast

LogPdf = Callable[[np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Window:
    """The open-closed window ``(lo, hi]`` a truncated likelihood conditions on (``(0, ∞)``: none)."""

    lo: float = 0.0
    hi: float = math.inf

    @property
    def truncated(self) -> bool:
        return self.lo > 0 or math.isfinite(self.hi)


def mp_edges(gamma: float) -> tuple:
    """``λ± = (1 ± √γ)²`` (SPEC §2) in floats (:func:`htmp_exact._parameters.mp_edges`)."""
    return parameters.mp_edges(gamma, math.sqrt)


def atom(gamma: float) -> float:
    """Mass at 0: ``max(0, 1 − 1/γ)``."""
    return parameters.float_atom(gamma)


def logpdf_on(gamma: float, kappa: float, x_lo: float, x_hi: float) -> LogPdf:
    """``x ↦ log p(x)`` on ``[x_lo, x_hi]``: one Riccati solve, or MP's closed form for κ = ∞."""
    if math.isinf(kappa):

        def mp_logpdf(x: np.ndarray) -> np.ndarray:
            with np.errstate(divide="ignore"):
                return np.log(fast.mp_pdf(x, gamma))

        return mp_logpdf
    return fast.logpdf_function(gamma, kappa, x_lo, x_hi)


def cdf(x: np.ndarray, gamma: float, kappa: float) -> np.ndarray:
    """P(X ≤ x), atom included."""
    return fast.mp_cdf(x, gamma) if math.isinf(kappa) else fast.cdf(x, gamma, kappa)


def sf(x: np.ndarray, gamma: float, kappa: float) -> np.ndarray:
    """P(X > x), computed directly."""
    return fast.mp_sf(x, gamma) if math.isinf(kappa) else fast.sf(x, gamma, kappa)


def window_mass(lo: np.ndarray, hi: np.ndarray, gamma: float, kappa: float) -> np.ndarray:
    """``P(lo < X ≤ hi)`` with ``lo ≥ 0`` (so the atom is never counted), from whichever of
    cdf or sf keeps the relative accuracy: ``cdf(hi) − atom`` when ``lo = 0``, ``sf(lo)``
    when ``hi = ∞``, else ``sf(lo) − sf(hi)``."""
    lo, hi = np.broadcast_arrays(np.asarray(lo, float), np.asarray(hi, float))
    if np.all(lo == 0):
        return (
            cdf(hi, gamma, kappa) - atom(gamma)
            if np.any(np.isfinite(hi))
            else np.full(hi.shape, 1 - atom(gamma))
        )
    if np.all(np.isinf(hi)):
        return sf(lo, gamma, kappa)
    return sf(lo, gamma, kappa) - sf(hi, gamma, kappa)


def ppf_positive(q: np.ndarray, gamma: float, kappa: float) -> np.ndarray:
    """Quantile of ``X`` given ``X > 0`` (q in [0, 1])."""
    a = atom(gamma)
    full = a + (1 - a) * np.asarray(q, float)
    if math.isinf(kappa):
        return fast.mp_ppf(full, gamma)
    return fast.ppf(full, gamma, kappa)


def isf_positive(q: np.ndarray, gamma: float, kappa: float) -> np.ndarray:
    """x with ``P(X > x | X > 0) = q``; for MP, the upper edge λ+ when q is below float resolution."""
    a = atom(gamma)
    tail = (1 - a) * np.asarray(q, float)
    if math.isinf(kappa):
        return fast.mp_ppf(1 - tail, gamma)
    return fast.isf(tail, gamma, kappa)

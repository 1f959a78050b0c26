r"""Parametric-bootstrap goodness-of-fit p-value of a fitted HTMP or MP law (KS statistic, refits)."""

from __future__ import annotations

import math
import sys
from dataclasses import dataclass, field

import numpy as np
from scipy.interpolate import PchipInterpolator

from .._inputs import RandomState, generator
from ..ensembles import sample_htmp_spectrum
from . import _htmp, _marchenko_pastur
from ._checks import MIN_POINTS, count_value
from ._inverse import InverseHTMPFit
from ._results import FittedLaw, HTMPFit, MarchenkoPasturFit

SAMPLERS = ("inversion", "beta_laguerre")
_TABLE = 4096
_LOGIT = 9.0


@dataclass(frozen=True)
class GoodnessOfFit:
    """Result of :func:`bootstrap_gof`.

    Attributes
    ----------
    statistic : float
        KS distance between the data and the fitted law.
    p_value : float
        ``(1 + #{b : D_b ≥ D}) / (1 + n_boot)``: the share of refitted samples of the
        fitted law that fit at least as badly (the +1's make it a valid p-value).
    n_boot : int
    sampler : str
    replicates : ndarray
        The KS distances ``D_b`` of the refitted samples.
    """

    statistic: float
    p_value: float
    n_boot: int
    sampler: str
    replicates: np.ndarray = field(repr=False)


def _progress(done: int, total: int, show: bool) -> None:
    if show:
        end = "\n" if done == total else ""
        sys.stderr.write(f"\rbootstrap {done}/{total}{end}")
        sys.stderr.flush()


class _Inversion:
    """Independent draws of a fitted law by inversion, its quantile function tabulated once.

    ``log Q(u)`` against ``t = logit u`` on 4096 equally spaced t in [−9, 9] (one
    :meth:`FittedLaw.ppf` call), interpolated by PCHIP (monotone; power-law and exponential
    tails are smooth in these variables); uniforms outside the table go to
    :meth:`FittedLaw.ppf` itself, as do all if the table has a zero (a quantile below the
    float range).
    """

    def __init__(self, fit: FittedLaw):
        self.fit = fit
        t = np.linspace(-_LOGIT, _LOGIT, _TABLE)
        self.ends = (1 / (1 + math.exp(_LOGIT)), 1 / (1 + math.exp(-_LOGIT)))
        table = fit.ppf(1 / (1 + np.exp(-t)))
        self.log_q = PchipInterpolator(t, np.log(table)) if np.all(table > 0) else None

    def __call__(self, n: int, gen: np.random.Generator) -> np.ndarray:
        u = gen.random(n)
        if self.log_q is None:
            return self.fit.ppf(u)
        inside = (u >= self.ends[0]) & (u <= self.ends[1])
        x = np.empty(n)
        x[inside] = np.exp(self.log_q(np.log(u[inside]) - np.log1p(-u[inside])))
        if not np.all(inside):
            x[~inside] = self.fit.ppf(u[~inside])
        return x


def _sample(fit: FittedLaw, inversion: _Inversion | None, gen: np.random.Generator) -> np.ndarray:
    """The positive values, inside the fit's window, of one simulated sample (sorted): by
    inversion if given, else a β-Laguerre spectrum."""
    if inversion is not None:
        x = inversion(fit.n, gen)
    else:
        x = fit.scale * sample_htmp_spectrum(fit.zeros.n_total, fit.gamma, fit.kappa, gen)
    w = fit.exclusion.window
    return np.sort(x[(x > max(w.lo, 0.0)) & (x <= w.hi)])


def _refit_distance(fit: FittedLaw, x: np.ndarray) -> float:
    """KS distance of the refit of the fit's model (same γ, same window) to x."""
    w = fit.exclusion.window
    if isinstance(fit, HTMPFit):
        refit: FittedLaw = _htmp.fit_window(x, fit.gamma, w, fit.level, False, fit.zeros, fit.exclusion)
    else:
        refit = _marchenko_pastur.fit_window(x, fit.gamma, w, fit.level, fit.zeros, fit.exclusion)
    return refit.ks_distance()


def bootstrap_gof(
    fit: HTMPFit | MarchenkoPasturFit | InverseHTMPFit,
    n_boot: int = 100,
    random_state: RandomState = None,
    sampler: str = "inversion",
    progress: bool | None = None,
) -> GoodnessOfFit:
    r"""Parametric-bootstrap p-value of the KS distance of a fit (the procedure of CSN §4.1).

    For ``b = 1..n_boot``: draw a sample of the fitted law, refit the same model (same γ,
    window and rule for zeros, κ searched globally again, no intervals), and record the KS
    distance ``D_b`` of the refit to its sample.  ``p = (1 + #{D_b ≥ D})/(1 + n_boot)``.

    Samplers: ``"inversion"`` draws N independent values of the window-conditional law
    (:func:`htmp_exact.fast.ppf`, tabulated once at 4096 levels and interpolated by PCHIP),
    N the number of values fitted — the model the likelihood assumes.  ``"beta_laguerre"``
    draws a whole spectrum of the same size (zeros included) from the high-temperature
    β-Laguerre ensemble (:func:`htmp_exact.ensembles.sample_htmp_spectrum`, HTMP with κ < ∞
    only) and keeps the values in the window: eigenvalues of one matrix are not independent
    (they repel), and this sampler keeps that.  A spike rule (``spikes="auto"``) is not
    re-run on the samples: the window is held fixed.
    A fit of the inverse law is tested through its :attr:`~InverseHTMPFit.reciprocal`
    (the KS distance is invariant under λ ↦ 1/λ).

    Parameters
    ----------
    fit : HTMPFit, MarchenkoPasturFit or InverseHTMPFit
    n_boot : int
        Replicates (>= 1).  The p-value's Monte Carlo standard error is about
        ``√(p(1 − p)/n_boot)``.
    random_state : None, int or numpy.random.Generator
    sampler : {"inversion", "beta_laguerre"}
    progress : bool, optional
        Print ``bootstrap b/n_boot`` on stderr; default: when stderr is a terminal.
    """
    if isinstance(fit, InverseHTMPFit):
        fit = fit.reciprocal
    if not isinstance(fit, (HTMPFit, MarchenkoPasturFit)):
        raise TypeError(
            f"fit must be an HTMPFit, MarchenkoPasturFit or InverseHTMPFit, got {type(fit).__name__}"
        )
    n_boot = count_value(n_boot, "n_boot", 1)
    if sampler not in SAMPLERS:
        raise ValueError(f"sampler must be one of {SAMPLERS}, got {sampler!r}")
    if sampler == "beta_laguerre" and math.isinf(fit.kappa):
        raise ValueError("sampler='beta_laguerre' needs a finite kappa (this fit is MP): use 'inversion'")
    if not math.isfinite(fit.loglik):
        raise ValueError("the fit has loglik = -inf (data outside the support): no goodness of fit to test")
    gen = generator(random_state)
    show = sys.stderr.isatty() if progress is None else bool(progress)
    observed = fit.ks_distance()
    replicates = np.empty(n_boot)
    with np.errstate(all="ignore"):
        inversion = _Inversion(fit) if sampler == "inversion" else None
        for b in range(n_boot):
            x = _sample(fit, inversion, gen)
            replicates[b] = _refit_distance(fit, x) if x.size >= MIN_POINTS else math.inf
            _progress(b + 1, n_boot, show)
    p = (1 + int(np.sum(replicates >= observed))) / (1 + n_boot)
    return GoodnessOfFit(observed, p, n_boot, sampler, replicates)

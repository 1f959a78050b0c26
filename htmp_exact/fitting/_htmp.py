r"""Maximum-likelihood fit of ``scale·HTMP(γ, κ)`` (γ given): a global profile-likelihood search in κ."""

from __future__ import annotations

import math

import numpy as np
from scipy.stats import chi2

from .._inputs import Unpack
from ._checks import KAPPA_RANGE, Sample, sample_options
from ._laws import Window
from ._likelihood import ScaleLikelihood
from ._profile import Memo, interval_end, maximize, quadratic_guess
from ._results import Exclusion, HTMPFit
from ._spikes import prepared
from ._zeros import ZeroSummary

#: Points of the coarse grid in log κ: one per decade of :data:`KAPPA_RANGE`.
GRID = np.log(
    np.logspace(
        math.log10(KAPPA_RANGE[0]),
        math.log10(KAPPA_RANGE[1]),
        round(math.log10(KAPPA_RANGE[1] / KAPPA_RANGE[0])) + 1,
    )
)
#: The grid is searched with this many evenly spaced order statistics (all values if fewer).
THIN = 1000
#: Accuracy of the maximum of the κ profile (log-likelihood units), and of interval ends in log κ relative
#: to the interval's half-width (the profile there is then within about 0.01 of its target).
KAPPA_GAIN_TOL = 1e-4
KAPPA_XTOL = 2e-3


def fit_htmp(data, gamma: float, *, ci: bool = True, **options: Unpack[Sample]) -> HTMPFit:
    r"""Fit ``scale·HTMP(γ, κ)`` to eigenvalues by maximum likelihood, γ given (SPEC §3).

    .. math::

        (\hat\kappa, \hat\sigma) = \arg\max_{\kappa, \sigma} \sum_i \log\frac{p_\kappa(x_i/\sigma)/\sigma}
        {P_\kappa(X > 0,\ lo < \sigma X \le hi)}

    over the positive values ``x_i`` inside the window ``(lo, hi]`` (SPEC §3 for p; the
    conditioning removes the atom ``1 − 1/γ`` at 0 when γ > 1 and, with ``xmax``,
    ``exclude_top`` or ``spikes``, the values above the window).

    Algorithm: for each κ the scale is profiled out (one Riccati solve of the fast path,
    :func:`htmp_exact.fast.logpdf_function`, then parabolic interpolation in ``log σ`` to
    1e-5 in the log-likelihood).  The profile ``ℓ_p(κ)`` is evaluated on a grid of one
    point per decade of κ over ``[1e-2, 1e5]`` (the fast path's documented range; above
    1000 values, with 1000 evenly spaced order statistics, whose maximum is then refined
    first), refined with all values by parabolic interpolation, and compared with κ = ∞ (MP(γ),
    the weak limit as κ → ∞): if MP's profile likelihood is at least the largest finite
    one, ``kappa = inf``.  Intervals: profile likelihood, ``{κ : ℓ_p(κ) ≥ ℓ̂ − χ²_{1,level}/2}``
    (ends by Brent's method, to 0.2 % of the interval's half-width in log κ); for the scale, the largest
    and smallest σ with ``ℓ(κ, σ) ≥ ℓ̂ − χ²_{1,level}/2`` over the κ evaluated inside the κ
    interval.  Float64, not certified; the log-likelihood is accurate to about 1e-5 plus the
    fast path's relative error (1e-13) times ``N``.

    Parameters
    ----------
    data : array_like
        Eigenvalues (real, finite; any shape, flattened).
    gamma : float
        Aspect ratio in [1e-3, 1e3]: ``m/n`` for the eigenvalues of ``WᵀW/n``, W of shape
        ``(n, m)`` (see :func:`fit_matrix` and ``docs/fitting.md``).
    ci : bool
        Compute the intervals (the parametric bootstrap refits without them).
    **options
        ``level``, ``xmax``, ``exclude_top``, ``spikes``, ``zero_tol``: :class:`Sample`
        (``spikes="auto"`` leaves out the outliers of the fitted bulk, :func:`auto_window`).

    Returns
    -------
    HTMPFit

    Examples
    --------
    >>> from htmp_exact.ensembles import sample_htmp_spectrum
    >>> x = 2.0 * sample_htmp_spectrum(2000, 0.5, 20.0, 1)
    >>> fit = fit_htmp(x, 0.5)
    >>> bool(fit.kappa_ci[0] < 20 < fit.kappa_ci[1]), bool(fit.scale_ci[0] < 2 < fit.scale_ci[1])
    (True, True)
    """
    g, level, kept, zeros, exclusion = prepared(
        data, gamma, sample_options(options), lambda v, g, w, lvl, z, e: fit_window(v, g, w, lvl, False, z, e)
    )
    return fit_window(kept, g, exclusion.window, level, ci, zeros, exclusion)


def _kappa(t: float) -> float:
    """κ = e^t, inside :data:`KAPPA_RANGE` despite the rounding of exp(log(1e5))."""
    return math.inf if math.isinf(t) else min(max(math.exp(t), KAPPA_RANGE[0]), KAPPA_RANGE[1])


def _start_scale(x: np.ndarray, gamma: float) -> float:
    """log of the moment estimate: HTMP has mean 1, so ``E[X | X > 0] = max(1, γ)``."""
    return math.log(float(np.mean(x)) / max(1.0, gamma))


def fit_window(
    x: np.ndarray,
    gamma: float,
    window: Window,
    level: float,
    ci: bool,
    zeros: ZeroSummary,
    exclusion: Exclusion,
) -> HTMPFit:
    """The fit of :func:`fit_htmp` on sorted positive values inside ``window``."""
    lik = ScaleLikelihood(x, gamma, window, _start_scale(x, gamma))
    with np.errstate(all="ignore"):
        coarse = lik.thinned(THIN)
        rough = Memo(lambda t: coarse.profile(_kappa(t)).value)
        start, step = float(max(GRID, key=rough)), math.log(10.0)
        if coarse is not lik:  # the thinned maximum, then steps of its standard deviation
            first = maximize(rough, start, step, float(GRID[0]), float(GRID[-1]), KAPPA_GAIN_TOL)
            start, step = (
                first.x,
                (min(step, 1 / math.sqrt(-first.curvature)) if first.curvature < 0 else step),
            )
        profile = Memo(lambda t: _profile_value(lik, coarse, _kappa(t)))
        top = maximize(profile, start, step, float(GRID[0]), float(GRID[-1]), KAPPA_GAIN_TOL)
        mp = lik.profile(math.inf)
        t_hat = math.inf if mp.value >= top.value else top.x
        best = lik.profile(_kappa(t_hat))
        kappa_ci, scale_ci = ((math.nan, math.nan), (math.nan, math.nan))
        if ci:
            target = best.value - chi2.ppf(level, 1) / 2
            kappa_ci = _kappa_interval(profile, t_hat, top.curvature, target)
            scale_ci = _scale_interval(lik, profile, target, kappa_ci)
    pairs = tuple(sorted((k, m.value) for k, m in lik.maxima.items() if math.isfinite(k)))
    at_bound = math.isinf(t_hat) or top.at_edge
    return HTMPFit(
        gamma,
        _kappa(t_hat),
        math.exp(best.x),
        best.value,
        int(x.size),
        zeros,
        exclusion,
        x,
        level,
        kappa_ci,
        scale_ci,
        at_bound,
        mp.value,
        pairs,
    )


def _profile_value(lik: ScaleLikelihood, coarse: ScaleLikelihood, kappa: float) -> float:
    """ℓ_p(κ), started from the maximum of the thinned likelihood at κ if it has one
    (its scale is within about 1/√1000 of the full one; widths scale like 1/√N)."""
    hint = coarse.maxima.get(kappa) if coarse is not lik else None
    if hint is not None and not hint.at_edge and hint.curvature < 0:
        return lik.profile(kappa, hint.x, 1 / math.sqrt(-hint.curvature * lik.n / coarse.n)).value
    return lik.profile(kappa).value


def _kappa_interval(profile: Memo, t_hat: float, curvature: float, target: float) -> tuple[float, float]:
    """Ends of ``{κ : ℓ_p(κ) ≥ target}`` around κ̂; 0 / inf where the set reaches an end of the range."""
    lo_t, hi_t = float(GRID[0]), float(GRID[-1])
    if math.isinf(t_hat):
        if profile(hi_t) < target:
            return KAPPA_RANGE[1], math.inf  # the crossing lies beyond κ = 1e5: conservative
        start, curvature = hi_t, 0.0
    else:
        start = t_hat
    ends = []
    for side, edge in ((-1, lo_t), (1, hi_t)):
        if side == 1 and math.isinf(t_hat):
            ends.append(math.inf)
            continue
        guess = quadratic_guess(start, profile(start), curvature, target, side, math.log(10.0))
        end = interval_end(profile, start, guess, edge, target, KAPPA_XTOL * abs(guess - start))
        unbounded = end == edge and profile(edge) >= target
        ends.append((0.0 if side < 0 else math.inf) if unbounded else _kappa(end))
    return ends[0], ends[1]


def _approximate_end(lik: ScaleLikelihood, kappa: float, target: float, side: int) -> float:
    """Where the parabola at the scale maximum for κ falls to ``target`` (the maximum without a curvature)."""
    m = lik.profile(kappa)
    return quadratic_guess(m.x, m.value, m.curvature, target, side, 0.0)


def _scale_interval(
    lik: ScaleLikelihood, profile: Memo, target: float, kappa_ci: tuple[float, float]
) -> tuple[float, float]:
    """Smallest and largest σ with ``ℓ(κ, σ) ≥ target`` over the κ evaluated inside ``kappa_ci``
    (and κ = ∞ if it is inside): the profile-likelihood interval of the scale, up to the κ
    sampling; two candidates per side by a quadratic model, then exact ends (Brent)."""
    candidates: list[float] = [
        _kappa(t)
        for t, v in profile.values.items()
        if v >= target and kappa_ci[0] <= _kappa(t) <= kappa_ci[1]
    ]
    ends = []
    for side in (-1, 1):
        ranked = sorted(candidates, key=lambda k: side * _approximate_end(lik, k, target, side), reverse=True)
        ranked = ranked[:2]
        if math.isinf(kappa_ci[1]) and lik.profile(math.inf).value >= target:
            ranked.append(math.inf)
        values = [lik.scale_end(k, target, side) for k in ranked]
        ends.append(math.exp(max(side * v for v in values if not math.isnan(v)) * side))
    return ends[0], ends[1]

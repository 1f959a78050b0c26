r"""Spikes: which large values a fit leaves out, and the truncated window it then conditions on.

A few eigenvalues far above the bulk (spikes: low-rank structure learnt by a layer) are
not draws of the bulk law; with them in the sample, the fitted κ adapts its tail to them.
A truncated likelihood (:mod:`._likelihood`) fits the law conditioned on ``(0, xmax]``:

* ``xmax``: values above ``xmax`` are left out, the window is ``(0, xmax]``;
* ``exclude_top = k``: the ``k`` largest values are left out, and the window ends at the
  geometric mean of the largest kept and the smallest left-out value;
* ``spikes="auto"``: outliers beyond the fitted bulk, by the rule of :func:`auto_window`.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from .._inputs import positive_float as positive_value
from ._checks import MIN_POINTS, Sample, count_value, gamma_value, level_value
from ._laws import Window, isf_positive, mp_edges
from ._results import Exclusion, FittedLaw
from ._zeros import ZeroSummary, require_points, split_zeros

#: Upper quantile of the Tracy–Widom β = 1 law at 0.99 (Tracy & Widom 1996; Johnstone 2001, Table 1).
TW1_99 = 2.02
#: Auto detection stops after this many refits.
MAX_ROUNDS = 10

Fitter = Callable[[np.ndarray, Window], FittedLaw]


def spike_threshold(fit: FittedLaw, n_positive: int) -> float:
    r"""The value beyond which a point is an outlier of the fitted bulk.

    HTMP (κ < ∞): the quantile ``1 − 1/(10N)`` of the fitted law given X > 0 (untruncated),
    ``N`` the number of positive values: a sample of N independent draws of the law has a
    point beyond it with probability ``1 − (1 − 1/(10N))^N ≈ 0.095``.
    MP (κ = ∞): ``scale·(λ+ + 2.02 σ_TW)``, the upper edge plus the Tracy–Widom 99 % margin of
    the largest eigenvalue of an ``n × p`` white Wishart matrix,
    ``σ_TW = (1 + √γ)(1 + 1/√γ)^{1/3} n^{−2/3}`` with ``n = N/min(γ, 1)`` rows
    (Johnstone 2001, Theorem 1.1).
    """
    g = fit.gamma
    if math.isinf(fit.kappa):
        rows = n_positive / min(g, 1.0)
        margin = TW1_99 * (1 + math.sqrt(g)) * (1 + 1 / math.sqrt(g)) ** (1 / 3) * rows ** (-2 / 3)
        return fit.scale * (mp_edges(g)[1] + margin)
    return fit.scale * float(isf_positive(np.array([1 / (10 * n_positive)]), g, fit.kappa)[0])


def _top_window(x: np.ndarray, k: int) -> Window:
    """The window ``(0, √(x_(N−k) x_(N−k+1))]`` leaving out the k largest of sorted x."""
    return Window(0.0, math.inf) if k == 0 else Window(0.0, math.sqrt(float(x[-k - 1]) * float(x[-k])))


def _split(x: np.ndarray, window: Window) -> tuple[np.ndarray, tuple[float, ...]]:
    inside = (x > window.lo) & (x <= window.hi)
    return x[inside], tuple(float(v) for v in x[~inside])


def fixed_window(
    x: np.ndarray, xmax: float | None, exclude_top: int, min_points: int
) -> tuple[np.ndarray, Exclusion]:
    """The kept values and the :class:`Exclusion` for a given ``xmax`` or ``exclude_top`` (not both)."""
    k = count_value(exclude_top, "exclude_top")
    if xmax is not None and k:
        raise ValueError(f"give xmax or exclude_top, not both (got xmax={xmax!r}, exclude_top={k})")
    if k > x.size - min_points:
        raise ValueError(f"exclude_top must leave at least {min_points} positive values, got {k} of {x.size}")
    if xmax is not None:
        window, rule = Window(0.0, positive_value(xmax, "xmax")), "xmax"
    else:
        window, rule = _top_window(x, k), ("exclude_top" if k else "none")
    kept, excluded = _split(x, window)
    if kept.size < min_points:
        raise ValueError(
            f"xmax = {xmax!r} leaves {kept.size} positive values; at least {min_points} are needed"
        )
    return kept, Exclusion(rule, window, excluded)


def auto_window(x: np.ndarray, fit_window: Fitter, min_points: int) -> tuple[np.ndarray, Exclusion]:
    r"""Leave out the outliers of the fitted bulk: the fixed point of "fit the law to the values
    below the threshold, recompute the threshold (:func:`spike_threshold`)".

    Start from a fit that leaves out the top 10 % (so that spikes cannot mask one another:
    the truncated likelihood is consistent for the bulk whatever the truncation point); then
    window ``(0, t]`` with t the threshold of the last fit, until the set left out repeats
    (at most :data:`MAX_ROUNDS` fits).  At most 10 % of the values are left out (the largest).
    """
    cap = max(1, min(x.size // 10, x.size - min_points))
    window = _top_window(x, cap)
    for _ in range(MAX_ROUNDS):
        kept, excluded = _split(x, window)
        t = spike_threshold(fit_window(kept, window), x.size)
        k = int(np.sum(x > t))
        new = _top_window(x, cap) if k > cap else (Window(0.0, t) if k else Window())
        done = int(np.sum(x > new.hi)) == len(excluded)
        window = new
        if done:
            break
    kept, excluded = _split(x, window)
    return kept, Exclusion("auto", window, excluded)


def choose_window(
    x: np.ndarray,
    xmax: float | None,
    exclude_top: int,
    spikes: str | None,
    fit_window: Fitter,
    min_points: int,
) -> tuple[np.ndarray, Exclusion]:
    """The kept values and the :class:`Exclusion` for the arguments ``xmax``, ``exclude_top``,
    ``spikes`` of the fit functions (at most one of them)."""
    if spikes is None:
        return fixed_window(x, xmax, exclude_top, min_points)
    if spikes != "auto":
        raise ValueError(f"spikes must be None or 'auto', got {spikes!r}")
    if xmax is not None or exclude_top:
        raise ValueError(
            f"give spikes='auto' or xmax/exclude_top, not both (got xmax={xmax!r}, "
            f"exclude_top={exclude_top!r})"
        )
    return auto_window(x, fit_window, min_points)


def prepared(
    data: object, gamma: object, options: Sample, refit: Callable[..., FittedLaw]
) -> tuple[float, float, np.ndarray, ZeroSummary, Exclusion]:
    """``(γ, level, kept values, zeros, exclusion)`` of a spectrum for a fit: γ and the level
    checked, zeros split off (:func:`split_zeros`), the window chosen (:func:`choose_window`);
    ``refit(values, gamma, window, level, zeros, exclusion)`` fits inside a window (for
    ``spikes="auto"``)."""
    g, level = gamma_value(gamma), level_value(options["level"])
    x, zeros = split_zeros(data, g, options["zero_tol"])
    require_points(x, zeros)
    kept, exclusion = choose_window(
        x,
        options["xmax"],
        options["exclude_top"],
        options["spikes"],
        lambda v, w: refit(v, g, w, level, zeros, Exclusion("auto", w, ())),
        MIN_POINTS,
    )
    return g, level, kept, zeros, exclusion

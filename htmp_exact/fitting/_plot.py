r"""Plots of a fit: the histogram of the spectrum with the fitted densities, and the tail on log–log axes."""

from __future__ import annotations

import math
from typing import Any, Union

import numpy as np

from ._compare import Comparison
from ._inverse import InverseHTMPFit
from ._power_law import PowerLawFit
from ._results import HTMPFit, MarchenkoPasturFit

Fit = Union[HTMPFit, MarchenkoPasturFit, InverseHTMPFit]


def _label(fit: Fit) -> str:
    if isinstance(fit, MarchenkoPasturFit):
        return f"MP, scale {fit.scale:.3g}"
    name = "inverse HTMP" if isinstance(fit, InverseHTMPFit) else "HTMP"
    kappa = "∞ (MP)" if math.isinf(fit.kappa) else f"{fit.kappa:.3g}"
    return f"{name}, κ = {kappa}, scale {fit.scale:.3g}"


def _fits(result: Fit | Comparison) -> tuple[np.ndarray, list[Fit], PowerLawFit | None]:
    if isinstance(result, Comparison):
        fits: list[Fit] = [result.htmp]
        if math.isfinite(result.mp.loglik):
            fits.append(result.mp)
        return result.htmp.data, fits, result.power_law
    if isinstance(result, (HTMPFit, MarchenkoPasturFit, InverseHTMPFit)):
        return result.data, [result], None
    raise TypeError(f"result must be a fit or a Comparison, got {type(result).__name__}")


def plot_fit(result: Fit | Comparison, bins: int | str = "auto", axes: Any = None) -> Any:
    """Draw the fit on two axes and return the matplotlib Figure.

    Left: the histogram (density) of the values in the likelihood, with the fitted
    densities (the laws given X > 0 and the fit's window, so both integrate to 1 over the
    values shown), cut at 1.5 times the highest bar.  Right: the empirical survival function
    ``P(X > x)`` of the same values on log–log axes with the fitted ones and, for a
    :class:`Comparison`, the power law above its ``xmin`` (scaled by the tail's share of the
    values).

    Parameters
    ----------
    result : HTMPFit, MarchenkoPasturFit, InverseHTMPFit or Comparison
    bins : int or str
        Passed to :meth:`matplotlib.axes.Axes.hist`.
    axes : pair of matplotlib Axes, optional
        Where to draw; default: a new figure with two.

    Raises
    ------
    ImportError
        matplotlib is not installed (``pip install matplotlib``).
    """
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("plot_fit needs matplotlib: pip install matplotlib (or htmp-exact[test])") from exc
    data, fits, power = _fits(result)
    if axes is None:
        fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    left, right = axes
    heights = left.hist(data, bins=bins, density=True, color="0.8", label=f"{data.size} values")[0]
    grid = np.linspace(float(data[0]), float(data[-1]), 600)
    log_grid = np.geomspace(float(data[0]), float(data[-1]), 400)
    ranks = np.arange(data.size)
    right.loglog(data, 1 - ranks / data.size, ".", color="0.5", markersize=3, label="data")
    with np.errstate(all="ignore"):
        for fit in fits:
            left.plot(grid, np.exp(fit.logpdf(grid)), label=_label(fit))
            right.loglog(log_grid, 1 - fit.cdf(log_grid), label=_label(fit))
        if power is not None:
            share = power.n_tail / data.size
            tail = log_grid[log_grid >= power.xmin]
            right.loglog(
                tail,
                share * power.sf(tail),
                "--",
                label=f"power law, α = {power.alpha:.3g} ± {power.alpha_se:.2g}",
            )
    left.set_ylim(0, 1.5 * float(np.max(heights)))  # a density singular at 0 (γ = 1) stays readable
    left.set_xlabel("eigenvalue")
    left.set_ylabel("density")
    right.set_xlabel("eigenvalue")
    right.set_ylabel("P(X > x)")
    right.set_ylim(0.5 / data.size, 1.5)
    left.legend(fontsize=8)
    right.legend(fontsize=8)
    return left.figure

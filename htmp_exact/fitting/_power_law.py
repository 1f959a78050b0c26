r"""Continuous power-law tail fit (Clauset, Shalizi & Newman 2009, SIAM Review 51, 661: "CSN").

Above ``x_min`` the density is ``p(x) = (α − 1)/x_min · (x/x_min)^{−α}`` (CSN eq. 2.2).
For a given ``x_min`` the maximum-likelihood exponent is (CSN eq. 3.1)

.. math::

    \hat\alpha = 1 + n \Big[\sum_{x_i \ge x_{min}} \log(x_i/x_{min})\Big]^{-1},
    \qquad \sigma_{\hat\alpha} = (\hat\alpha - 1)/\sqrt{n}   \quad\text{(eq. 3.2)},

and ``x_min`` is the candidate minimising the Kolmogorov–Smirnov distance between the
tail's empirical distribution and the fitted one (CSN §3.3).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np

from .._inputs import RandomState, generator
from .._inputs import positive_float as positive_value
from ._checks import count_value, real_array
from ._results import InformationCriteria

#: Element budget of one block of the KS scan (rows of candidates × tail points).
_BLOCK = 4_000_000


@dataclass(frozen=True, eq=False)
class PowerLawFit(InformationCriteria):
    """A continuous power law above ``xmin`` fitted by :func:`fit_power_law`.

    Attributes
    ----------
    alpha, alpha_se : float
        Exponent of the density and its standard error ``(α − 1)/√n_tail``.
    xmin : float
        Start of the tail.
    n_tail : int
        Values ``>= xmin``.
    ks : float
        KS distance between the tail and the fitted law.
    loglik : float
        Log-likelihood of the tail (x_min given).
    data : ndarray
        The tail (sorted).
    """

    model = "power_law"
    n_params: ClassVar[int] = 1  # the exponent; x_min is chosen by the KS criterion and held fixed

    alpha: float
    alpha_se: float
    xmin: float
    n_tail: int
    ks: float
    loglik: float
    data: np.ndarray = field(repr=False)

    @property
    def n(self) -> int:  # type: ignore[override]  # the values the likelihood counts: the tail
        return self.n_tail

    def logpdf(self, x) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = math.log(self.alpha - 1) - math.log(self.xmin) - self.alpha * np.log(x / self.xmin)
        return np.where(x >= self.xmin, value, -np.inf)[()]

    def cdf(self, x) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(x >= self.xmin, -np.expm1((1 - self.alpha) * np.log(x / self.xmin)), 0.0)[()]

    def sf(self, x) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(x >= self.xmin, np.exp((1 - self.alpha) * np.log(x / self.xmin)), 1.0)[()]

    def rvs(self, size=None, random_state: RandomState = None) -> np.ndarray:
        """Independent draws ``x_min (1 − u)^{−1/(α−1)}`` (CSN eq. D.4)."""
        u = generator(random_state).random(size)
        return self.xmin * (1 - u) ** (-1 / (self.alpha - 1))

    def ks_distance(self) -> float:
        return self.ks


def _alphas(x: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """α̂ for the tails ``x[i:]``, i in ``starts`` (x sorted), from suffix sums of log x."""
    logs = np.log(x)
    suffix = np.concatenate([np.cumsum(logs[::-1])[::-1], [0.0]])
    m = x.size - starts
    with np.errstate(divide="ignore"):
        return 1 + m / (suffix[starts] - m * logs[starts])


def _ks(x: np.ndarray, starts: np.ndarray, alphas: np.ndarray) -> np.ndarray:
    """KS distances of the tails ``x[i:]`` (i in ascending ``starts``) against their fitted
    power laws, in blocks of rows that share the columns from the block's first start."""
    n = x.size
    out = np.empty(starts.size)
    b = 0
    while b < starts.size:
        first = int(starts[b])
        rows = max(1, _BLOCK // (n - first))
        i, a = starts[b : b + rows, None], alphas[b : b + rows, None]
        j = np.arange(first, n)[None, :]
        inside = j >= i
        m = n - i
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            model = -np.expm1((1 - a) * np.log(x[None, first:] / x[i]))
            above = np.where(inside, (j - i + 1) / m - model, 0.0)
            below = np.where(inside, model - (j - i) / m, 0.0)
        out[b : b + rows] = np.maximum(above.max(axis=1), below.max(axis=1))
        b += rows
    return out


def fit_power_law(
    data, *, xmin: float | None = None, min_tail: int = 10, max_candidates: int = 1000
) -> PowerLawFit:
    r"""Fit a continuous power law to the upper tail of ``data`` (CSN, module docstring).

    Parameters
    ----------
    data : array_like
        Real, finite values; values ``<= 0`` are never in the tail.
    xmin : float, optional
        Start of the tail; default: chosen by minimising the KS distance over the distinct
        values that leave at least ``min_tail`` points in the tail (at most
        ``max_candidates`` of them, evenly spaced in rank, when there are more: each costs
        O(tail size)).
    min_tail : int
        Fewest points in a tail (default 10; CSN note the estimate is biased below ~50).
    max_candidates : int
        Cap on the candidates of the KS scan (default 1000; exact CSN for fewer distinct values).

    Returns
    -------
    PowerLawFit

    Examples
    --------
    >>> u = np.random.default_rng(0).random(5000)
    >>> fit = fit_power_law(2.0 * (1 - u) ** (-1 / 1.5), xmin=2.0)   # Pareto, α = 2.5
    >>> bool(abs(fit.alpha - 2.5) < 3 * fit.alpha_se)
    True
    """
    x = np.sort(real_array(data))
    x = x[x > 0]
    min_tail = count_value(min_tail, "min_tail", 2)
    max_candidates = count_value(max_candidates, "max_candidates", 1)
    if x.size < min_tail:
        raise ValueError(f"data has {x.size} positive values; min_tail = {min_tail} are needed")
    if xmin is not None:
        start = int(np.searchsorted(x, positive_value(xmin, "xmin"), side="left"))
        if x.size - start < min_tail:
            raise ValueError(
                f"xmin = {xmin!r} leaves {x.size - start} values in the tail; min_tail = {min_tail}"
            )
        starts = np.array([start])
    else:
        first = np.flatnonzero(np.diff(np.concatenate([[0.0], x])) > 0)  # first index of each distinct value
        starts = first[x.size - first >= min_tail]
        if starts.size > max_candidates:
            starts = starts[np.unique(np.linspace(0, starts.size - 1, max_candidates).round().astype(int))]
    if xmin is None:
        alphas = _alphas(x, starts)
        ks = np.where(np.isfinite(alphas), _ks(x, starts, alphas), np.inf)
        tail = x[int(starts[int(np.argmin(ks))]) :]
        x_min = float(tail[0])
    else:
        tail, x_min = x[int(starts[0]) :], float(xmin)
    m = tail.size
    logs = np.log(tail / x_min)
    alpha = 1 + m / float(np.sum(logs))
    ranks = np.arange(m)
    model = -np.expm1((1 - alpha) * logs)
    ks_value = float(max(np.max((ranks + 1) / m - model), np.max(model - ranks / m)))
    loglik = m * math.log(alpha - 1) - m * math.log(x_min) - alpha * float(np.sum(logs))
    return PowerLawFit(alpha, (alpha - 1) / math.sqrt(m), x_min, m, ks_value, loglik, tail)

r"""Maximum-likelihood fit of ``scale·MP(γ)`` (γ given): the κ = ∞ member of the HTMP family."""

from __future__ import annotations

import math

import numpy as np
from scipy.stats import chi2

from .._inputs import Unpack
from ._checks import Sample, sample_options
from ._laws import Window, mp_edges
from ._likelihood import ScaleLikelihood
from ._results import Exclusion, MarchenkoPasturFit
from ._spikes import prepared
from ._zeros import ZeroSummary


def fit_marchenko_pastur(data, gamma: float, **options: Unpack[Sample]) -> MarchenkoPasturFit:
    r"""Fit ``scale·MP(γ)`` to eigenvalues by maximum likelihood, γ given (SPEC §2).

    .. math::

        \hat\sigma = \arg\max_\sigma \sum_i \log \frac{p(x_i/\sigma)/\sigma}{P(X > 0,\ \sigma X \le hi)},
        \qquad p(x) = \frac{\sqrt{(\lambda_+ - x)(x - \lambda_-)}}{2\pi\gamma x}
        \text{ on } [\lambda_-, \lambda_+].

    The likelihood is finite only for σ with every kept value in ``σ·[λ−, λ+]``, i.e.
    ``max x/λ+ ≤ σ ≤ min x/λ−``, and falls to −inf at both ends (the density vanishes like a
    square root at the edges); the maximum is found inside by a bounded Brent search.
    A spiked sample (values far above the bulk) usually has **no** such σ: then
    ``loglik = -inf``, ``scale`` is the moment estimate ``mean(x)/max(1, γ)``, and
    ``n_outside`` counts the values outside its support.  Leave the spikes out
    (``xmax``, ``exclude_top`` or ``spikes="auto"``, as for :func:`fit_htmp`; the auto rule
    is the upper edge plus the Tracy–Widom 99 % margin, :func:`spike_threshold`) to get a
    finite likelihood.  For γ < 1 the lower edge binds too: values below ``σ·λ−`` cannot
    be left out by truncation from above.

    Interval: profile likelihood ``{σ : ℓ(σ) ≥ ℓ̂ − χ²_{1,level}/2}``; MP is not a regular
    model (the support moves with σ), so its coverage is approximate.  Float64, closed forms.

    Examples
    --------
    >>> from htmp_exact import fast
    >>> x = 3.0 * fast.mp_ppf(np.random.default_rng(0).random(2000), 0.25)
    >>> fit = fit_marchenko_pastur(x, 0.25)
    >>> bool(abs(fit.scale / 3 - 1) < 0.01), bool(fit.scale_ci[0] < 3 < fit.scale_ci[1])
    (True, True)
    """
    g, level, kept, zeros, exclusion = prepared(data, gamma, sample_options(options), fit_window)
    return fit_window(kept, g, exclusion.window, level, zeros, exclusion)


def fit_window(
    x: np.ndarray, gamma: float, window: Window, level: float, zeros: ZeroSummary, exclusion: Exclusion
) -> MarchenkoPasturFit:
    u_start = math.log(float(np.mean(x)) / max(1.0, gamma))
    lik = ScaleLikelihood(x, gamma, window, u_start)
    with np.errstate(all="ignore"):
        best = lik.profile(math.inf)
        if not math.isfinite(best.value):
            lower, upper = mp_edges(gamma)
            scaled = x / math.exp(u_start)
            outside = int(np.sum((scaled < lower) | (scaled > upper)))
            return MarchenkoPasturFit(
                gamma,
                math.inf,
                math.exp(u_start),
                -math.inf,
                int(x.size),
                zeros,
                exclusion,
                x,
                level,
                (math.nan, math.nan),
                outside,
            )
        target = best.value - chi2.ppf(level, 1) / 2
        ends = tuple(math.exp(lik.scale_end(math.inf, target, side)) for side in (-1, 1))
    scale, n = math.exp(best.x), int(x.size)
    return MarchenkoPasturFit(
        gamma, math.inf, scale, best.value, n, zeros, exclusion, x, level, (ends[0], ends[1]), 0
    )

r"""HTMP vs MP vs a power law on one spectrum: likelihoods, AIC/BIC, likelihood-ratio tests, KS, bootstrap."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._inputs import RandomState, Unpack
from . import _htmp, _marchenko_pastur
from ._bootstrap import GoodnessOfFit, bootstrap_gof
from ._checks import Sample, count_value
from ._laws import Window
from ._power_law import PowerLawFit, fit_power_law
from ._results import Exclusion, HTMPFit, MarchenkoPasturFit
from ._vuong import LikelihoodRatio, nested_boundary, vuong


@dataclass(frozen=True, eq=False)
class Comparison:
    """Result of :func:`compare`.

    Attributes
    ----------
    htmp, mp : HTMPFit, MarchenkoPasturFit
        Fits to the kept values (zeros and excluded spikes out; both on the same window).
    power_law : PowerLawFit
        CSN fit of the kept values' upper tail ``x >= xmin``.
    htmp_vs_mp : LikelihoodRatio
        Nested likelihood-ratio test with κ = ∞ on the boundary (:func:`nested_boundary`).
    htmp_tail, mp_tail : HTMPFit, MarchenkoPasturFit
        HTMP and MP refitted to the tail alone (the law conditioned on ``x >= xmin``), so that
        all three models are compared on the same values.
    power_law_vs_htmp, power_law_vs_mp : LikelihoodRatio
        Vuong's non-nested tests on the tail (R > 0 favours the power law).
    gof : GoodnessOfFit or None
        Parametric-bootstrap p-value of the HTMP fit (``n_boot > 0``).
    """

    htmp: HTMPFit
    mp: MarchenkoPasturFit
    power_law: PowerLawFit
    htmp_vs_mp: LikelihoodRatio
    htmp_tail: HTMPFit
    mp_tail: MarchenkoPasturFit
    power_law_vs_htmp: LikelihoodRatio
    power_law_vs_mp: LikelihoodRatio
    gof: GoodnessOfFit | None

    def table(self) -> list[tuple[str, str, int, int, float, float, float, float]]:
        """Rows ``(data, model, N, k, loglik, AIC, BIC, KS)`` for the bulk and the tail."""
        rows = []
        for part, fits in (
            ("all", (self.htmp, self.mp)),
            ("tail", (self.htmp_tail, self.mp_tail, self.power_law)),
        ):
            for fit in fits:
                rows.append(
                    (part, fit.model, fit.n, fit.n_params, fit.loglik, fit.aic, fit.bic, fit.ks_distance())
                )
        return rows

    def __str__(self) -> str:
        lines = [
            f"{'data':5} {'model':17} {'N':>6} {'k':>2} {'loglik':>12} {'AIC':>12} {'BIC':>12} {'KS':>7}"
        ]
        for part, model, n, k, ll, aic, bic, ks in self.table():
            lines.append(f"{part:5} {model:17} {n:6d} {k:2d} {ll:12.3f} {aic:12.3f} {bic:12.3f} {ks:7.4f}")
        h = self.htmp
        lines.append(
            f"HTMP: kappa = {h.kappa:.4g} {_interval(h.kappa_ci, h.level)}, scale = {h.scale:.6g} "
            f"{_interval(h.scale_ci, h.level)}{' (at the end of the range)' if h.at_bound else ''}"
        )
        lines.append(
            f"power law: alpha = {self.power_law.alpha:.4g} ± {self.power_law.alpha_se:.2g} above "
            f"xmin = {self.power_law.xmin:.6g} ({self.power_law.n_tail} values)"
        )
        for test in (self.htmp_vs_mp, self.power_law_vs_htmp, self.power_law_vs_mp):
            lines.append(
                f"{test.first} vs {test.second} ({test.test}): log ratio {test.log_ratio:.3f}, "
                f"p = {test.p_value:.3g}"
            )
        if self.gof is not None:
            lines.append(
                f"HTMP goodness of fit: KS = {self.gof.statistic:.4f}, bootstrap p = {self.gof.p_value:.3g} "
                f"({self.gof.n_boot} replicates, {self.gof.sampler})"
            )
        notes = {self.htmp.zeros.note} - {""}
        if self.htmp.exclusion.n_excluded:
            notes.add(
                f"{self.htmp.exclusion.n_excluded} values above {self.htmp.exclusion.window.hi:.6g} "
                f"excluded ({self.htmp.exclusion.rule})"
            )
        return "\n".join(lines + sorted(notes))


def _interval(ci: tuple[float, float], level: float) -> str:
    return f"[{ci[0]:.4g}, {ci[1]:.4g}] ({100 * level:g}%)"


def compare(
    data,
    gamma: float,
    *,
    xmin: float | None = None,
    n_boot: int = 0,
    random_state: RandomState = None,
    sampler: str = "inversion",
    progress: bool | None = None,
    **options: Unpack[Sample],
) -> Comparison:
    r"""Compare HTMP(γ, κ), MP(γ) (both scaled) and a power-law tail on one spectrum.

    1. :func:`fit_htmp` (with the :class:`Sample` options ``level``, ``xmax``, ``exclude_top``,
       ``spikes``, ``zero_tol``)
       and :func:`fit_marchenko_pastur` on the same kept values and window.  HTMP ⊃ MP
       (κ = ∞), so they are compared by the likelihood ratio with the boundary correction of
       :func:`nested_boundary` (``p = ½ P(χ²₁ > 2R)``), and by AIC/BIC.
    2. :func:`fit_power_law` on the kept values (``xmin`` given or chosen by CSN's KS rule);
       HTMP and MP refitted to that tail (conditioned on ``x >= xmin``), and Vuong's test
       (:func:`vuong`) between the power law and each, on the tail values.
    3. With ``n_boot > 0``: :func:`bootstrap_gof` of the HTMP fit (``random_state``,
       ``sampler``, ``progress``).

    Only log-likelihoods of the same values are comparable: the table gives the bulk
    ("all") and the tail separately.  ``print(result)`` shows the table and the tests.

    Examples
    --------
    >>> from htmp_exact.ensembles import sample_htmp_spectrum
    >>> x = sample_htmp_spectrum(400, 0.5, 4.0, 3)
    >>> result = compare(x, 0.5)
    >>> result.htmp_vs_mp.p_value < 1e-6, result.htmp.aic < result.mp.aic
    (True, True)
    """
    n_boot = count_value(n_boot, "n_boot")
    htmp = _htmp.fit_htmp(data, gamma, **options)
    g, kept, window = htmp.gamma, htmp.data, htmp.exclusion.window
    mp = _marchenko_pastur.fit_window(kept, g, window, htmp.level, htmp.zeros, htmp.exclusion)
    power = fit_power_law(kept, xmin=xmin)
    tail_window = Window(float(np.nextafter(power.xmin, 0.0)), window.hi)
    tail_exclusion = Exclusion("tail", tail_window, ())
    htmp_tail = _htmp.fit_window(power.data, g, tail_window, htmp.level, False, htmp.zeros, tail_exclusion)
    mp_tail = _marchenko_pastur.fit_window(power.data, g, tail_window, htmp.level, htmp.zeros, tail_exclusion)
    tail = power.data
    with np.errstate(all="ignore"):
        power_vs_htmp = vuong("power_law", power.logpdf(tail), "htmp", htmp_tail.logpdf(tail))
        power_vs_mp = vuong(
            "power_law",
            power.logpdf(tail),
            "marchenko_pastur",
            mp_tail.logpdf(tail) if math.isfinite(mp_tail.loglik) else np.full(tail.size, -np.inf),
        )
    gof = bootstrap_gof(htmp, n_boot, random_state, sampler, progress) if n_boot else None
    return Comparison(
        htmp,
        mp,
        power,
        nested_boundary("htmp", htmp.loglik, "marchenko_pastur", mp.loglik),
        htmp_tail,
        mp_tail,
        power_vs_htmp,
        power_vs_mp,
        gof,
    )

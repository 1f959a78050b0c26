r"""Fast float64 HTMP pdf, logpdf, cdf, sf, ppf, isf, Stieltjes transform and MP closed forms, numpy-vectorized (not certified).

Algorithm (a Riccati equation for the logarithmic derivative of U on the cut)
--------------------------------------------------------------------------------
Let ``w(y) = U(c, −α, y e^{iπ})`` (SPEC §3, value above the cut), ``t = log y`` and
``u = d log w / d t = y w'/w``.  Kummer's equation (DLMF 13.2.1) with ``z = −y`` gives

    du/dt = (1 − b − y) u − u² − a y,        a = c,  b = −α,  y = e^t.

``w`` never vanishes on the cut, so ``u`` is smooth (no poles, no oscillation), and
the density is its imaginary part: with ``θ = arg w`` and ``F(x) = −θ(sx)/(πc)``
(the phase formula of the exact path), ``p(x) = −Im u(t) / (π c x)``.  We integrate
``ρ = Re u`` and ``v = log(−Im u)``:

    ρ' = (1 − b − y) ρ − ρ² + e^{2v} − a y,      v' = 1 − b − y − 2ρ,

so ``logpdf = v − log(π c x)`` keeps its accuracy where the pdf underflows.
Perturbations of ``(ρ, v)`` scale like ``−Im u``, which decreases away from the bulk
in both directions, so the equation is integrated **outward from x = 1** (the mean):
down to the smallest and up to the largest requested x.  The starting value
``u(log s) = s·c·U(c+1, 1−α, −s)/U(c, −α, −s)`` (DLMF 13.3.22) is computed once per
(γ, κ) by the certified path (:mod:`htmp_exact.exact`), then rounded to float64.
The integrator is Radau IIA collocation with 8 stages (:mod:`htmp_exact.fast._riccati`,
compiled with numba): L-stable, so neither the stiff tails nor the oscillatory bulk at
large κ limit its steps; global errors near 1e-15.

cdf and sf: ``dF/dt = e^v/(π c)`` is integrated by Gauss–Legendre quadrature over the
solver's steps (split where v falls steeply; :mod:`htmp_exact.fast._cumulative`), from
anchors 50 e-folds of the density beyond the requested range, where the mass left over
is bounded below 1e-20 of the rest: ``F(x) = F(anchor) + ∫`` below x = 1 and
``sf(x) = sf(anchor) + ∫`` above, so both tails keep their relative accuracy.  A lower
tail too slow for that (α + 1 < 0.5) is anchored at y ≤ 1e-18/max(1, c) by the closed form
of the two leading terms of U at 0 (:func:`~htmp_exact.fast._cumulative.small_y_cdf`).  ppf/isf: Newton
steps on log F (log sf) over one solve on [1e-300, 1e300].
Stieltjes transform: ``S(z) = ∫ p(x)/(x − z) dx`` by Gauss–Legendre panels over the same
solution, refined toward ``Re z`` next to the support (:mod:`htmp_exact.fast._stieltjes`).
γ > 1 uses the exact duality of SPEC §3 (the atom ``1 − 1/γ`` at 0).  MP(γ): closed forms
(SPEC §2) for ``mp_pdf``, ``mp_cdf``, ``mp_sf``, ``mp_stieltjes``; bisection for ``mp_ppf``.

Cost: one certified evaluation (the start) and one ODE solve (1–10 ms) per distinct (γ, κ),
then about 0.13 µs per point (0.26 ms per Stieltjes point next to the support).  Domain
and measured errors: see the README and ``tests/test_fast.py``.  Conventions as in
scipy.stats: ``x < 0`` gives pdf 0, logpdf −inf, cdf 0 (plus nothing), sf 1.
"""
from __future__ import annotations

from ._arguments import GAMMA_RANGE, KAPPA_RANGE
from ._htmp import MIN_GROUP, cdf, logpdf, logpdf_function, pdf, sf
from ._marchenko_pastur import mp_cdf, mp_pdf, mp_ppf, mp_sf, mp_stieltjes
from ._quantile import isf, ppf
from ._stieltjes import stieltjes

__all__ = [
    "GAMMA_RANGE",
    "KAPPA_RANGE",
    "cdf",
    "isf",
    "logpdf",
    "logpdf_function",
    "mp_cdf",
    "mp_pdf",
    "mp_ppf",
    "mp_sf",
    "mp_stieltjes",
    "pdf",
    "ppf",
    "sf",
    "stieltjes",
]

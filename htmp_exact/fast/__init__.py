r"""Fast float64 evaluation of HTMP(γ, κ) and MP(γ): pdf, logpdf, cdf, sf, ppf, isf, Stieltjes
transform, numpy-vectorized (not certified; measured accuracy in docs/fast-path.md).

Two routes, chosen per parameter pair (automatic choice)
---------------------------------------------------------
* **Grouped** (a pair with at least :data:`MIN_GROUP` points; always for cdf, sf, ppf, isf,
  stieltjes): one solve of a Riccati equation per (γ, κ).  With ``w(y) = U(c, −α, y e^{iπ})``
  (SPEC §3, above the cut), ``t = log y`` and ``u = y w'/w = ρ − i e^v``, Kummer's equation
  (DLMF 13.2.1) gives

      ρ' = (1 − b − y) ρ − ρ² + e^{2v} − a y,      v' = 1 − b − y − 2ρ      (a = c, b = −α),

  and ``p(x) = e^v/(π c x)``.  Perturbations decay away from the bulk, so the equation is
  integrated outward from x = 1 (:mod:`._solution`) by 8-stage Radau IIA collocation
  (:mod:`._riccati`), from ``u = m + y conj(J_t/J)`` at y = s computed by the per-point
  quadrature below (c ≥ 1) or from the certified boundary value of the Stieltjes transform
  (:func:`htmp_exact.exact.stieltjes_boundary`, c < 1).  cdf/sf: Gauss–Legendre quadrature of
  ``dF/dt = e^v/(πc)`` from anchors in both tails (:mod:`._cumulative`); quantiles by Newton
  steps on it (:mod:`._quantile`); Stieltjes transform by Cauchy-integral panels
  (:mod:`._stieltjes`).  Set-up ~0.5–3 ms per pair, then ~0.1 µs per point.
* **Per point** (pairs with fewer points; logpdf and pdf): U on the cut from DLMF 13.4.4 after
  Kummer's transformation, ``Γ(s) U(s, α+2, y e^{−iπ}) = ∫ e^{yt} t^{s−1} (1+t)^{−c} dt``:
  for ``c < 1`` as two positive integrals along the negative axis (:mod:`._positive`), for
  ``c ≥ 1`` by the trapezoidal rule on the steepest-descent path through a saddle
  (:mod:`._steepest`) or Gauss–Legendre on a traced polygon (:mod:`._polygon`), normalized
  at the saddle without large terms (:mod:`._normalization`); closed forms for
  ``y > 10^100`` and ``y < 10^-25`` (:mod:`._pointwise`).  ~2–40 µs per point (median 5 µs).

The choice is made per pair within each call: at :data:`MIN_GROUP` = 128 points the two
routes cost about the same (``benchmarks/crossover_fast.py``).

γ > 1 through the duality of SPEC §3 (the atom ``1 − 1/γ`` at 0).  MP(γ) (SPEC §2):
closed forms, with the mass next to each edge computed directly (:mod:`._marchenko_pastur`).

Input policy
------------
* ``x`` (``q``, ``z``): int or float numbers or arrays of them (``z`` may be complex),
  broadcast with γ and κ.  NaN gives NaN at that position; ``x = ±inf`` gives the limits
  (pdf 0, logpdf −inf, cdf 0/1, sf 1/0; S(z) → 0).  bool, complex x or q, None, strings,
  object arrays (e.g. ``flint.arb``) raise ``TypeError`` naming the argument; ``q`` outside
  [0, 1], ``z`` on [0, ∞) and HTMP ``z`` with ``|z| < 1e-300`` raise ``ValueError``.
* ``gamma``, ``kappa``: real, not bool, finite and > 0 (``TypeError``/``ValueError`` naming
  the parameter, its value and the valid range); a pair outside the validated domain
  :data:`GAMMA_RANGE` × :data:`KAPPA_RANGE` (for MP: γ in :data:`MP_GAMMA_RANGE`) raises
  ``ValueError`` pointing to :mod:`htmp_exact.exact`.
* Scalar input gives a numpy scalar (``numpy.float64``, ``numpy.complex128``), as scipy does.
* Conventions as in scipy.stats: ``x < 0`` gives pdf 0, logpdf −inf, cdf 0, sf 1.
"""

from __future__ import annotations

from ._arguments import GAMMA_RANGE, KAPPA_RANGE, MP_GAMMA_RANGE
from ._htmp import MIN_GROUP, cdf, logpdf, logpdf_function, pdf, sf
from ._marchenko_pastur import mp_cdf, mp_isf, mp_pdf, mp_ppf, mp_sf, mp_stieltjes
from ._quantile import isf, ppf
from ._stieltjes import stieltjes

__all__ = [
    "GAMMA_RANGE",
    "KAPPA_RANGE",
    "MP_GAMMA_RANGE",
    "MIN_GROUP",
    "cdf",
    "isf",
    "logpdf",
    "logpdf_function",
    "mp_cdf",
    "mp_isf",
    "mp_pdf",
    "mp_ppf",
    "mp_sf",
    "mp_stieltjes",
    "pdf",
    "ppf",
    "sf",
    "stieltjes",
]

r"""Free multiplicative convolution ``μ ⊠ ν`` of an HTMP-family law with a population spectrum (SPEC §10).

Theorem 4.3 of the paper: with a population covariance Σ whose spectrum tends to ν, the limiting
spectrum of the feature matrix is ``μ ⊠ ν`` with μ = HTMP(γ, κ).  :func:`multiplicative_convolution`
builds that law for μ an ``htmp``, ``marchenko_pastur`` or ``inverse_htmp`` object (any scale) and ν
given by atoms and weights or by a law object with a pdf (any ``scipy.stats`` frozen law on
``[0, ∞)``); the result has ``pdf``, ``cdf``, ``sf``, ``stieltjes``, ``moment``/``moments`` (exact
fractions), ``mean``, ``var``, ``atom``, ``support`` and ``resolved_range``.

Definitions (SPEC §10).  For a law μ on ``[0, ∞)`` other than δ₀,

.. math::

    ψ_μ(z) = \int \frac{zx}{1 - zx}\,μ(dx) = -1 - \frac{S_μ(1/z)}{z}, \qquad
    η_μ = \frac{ψ_μ}{1 + ψ_μ}, \qquad S_μ(w) = χ_μ(w)\,\frac{1 + w}{w},\quad χ_μ = ψ_μ^{-1},

and ``μ ⊠ ν`` is the law with ``S_{μ⊠ν} = S_μ S_ν`` (Anderson–Guionnet–Zeitouni Def. 5.3.28).

Algorithm (float64).

* Subordination (Belinschi–Bercovici 2007): in the spectral variable ``ζ`` (``z = 1/ζ``), with
  ``k(Ω) = S(Ω)/(1 + ΩS(Ω))``, the points ``Ω_2 = ζ k_μ(Ω_1)`` and ``Ω_1 = ζ k_ν(Ω_2)`` give
  ``ζ S_{μ⊠ν}(ζ) = Ω_1 S_μ(Ω_1)``.  For ζ off ``[0, ∞)``, ``Ω_1`` is the Denjoy–Wolff point of
  ``T(Ω) = ζ k_ν(ζ k_μ(Ω))`` (the fixed-point iteration converges from any start, and T has
  no other fixed point off ``[0, ∞)``).  It is found by Newton's method on ``Ω − T(Ω)``,
  continued along the arc ``|ζ| e^{iθ}`` from ``θ = π/2`` down to the real axis and solved on the
  axis itself for the boundary values; step rules and the convergence test are in
  :mod:`htmp_exact.free._subordination`.  Density by Stieltjes inversion,
  ``p(x) = Im S(x + i0)/π``.
* Cauchy transforms of the factors: HTMP and its inverse (and any law with a pdf) as 16-point
  Gauss–Legendre panels in ``log x`` built from the pdf, with product integration next to the
  axis, so boundary values ``S(x + i0)`` are available (:mod:`htmp_exact.free._panels`); MP by
  its closed form; atoms exactly.  ``method="direct"`` takes HTMP's transform from
  :func:`htmp_exact.fast.stieltjes` instead (about 100 times slower; it stops 1e-9 rad from the
  axis).
* cdf and sf: the product's own panels over its resolved range, anchored by
  ``F(x) = −(1/π)∫_0^π Re g(x e^{iφ}) dφ`` (Cauchy's theorem on a semicircle), ``g = ζ S(ζ)``.
* Atom at 0: ``(μ ⊠ ν)({0}) = max(μ({0}), ν({0}))`` (no atom elsewhere for these μ).  Derivation:
  ``1 + ψ_ρ(z) = ∫ (1 − zx)^{-1} ρ(dx) → ρ({0})`` as ``z → −∞``, so ``η_ρ`` maps ``(−∞, 0)``
  into ``(1 − 1/ρ({0}), 0)``.  Since ``η_{μ⊠ν} = η_μ(ω_1) = η_ν(ω_2)``, the limit
  ``1 − 1/c`` (``c`` the mass at 0 of μ ⊠ ν) is at least ``1 − 1/max(a, b)``; and as
  ``ω_1 ω_2 = z η(z) → +∞``, one of ``ω_j`` tends to ``−∞``, which gives ``c = a`` or ``c = b``,
  hence ``c = max(a, b)`` (a, b the masses of μ, ν at 0).  For matrices:
  ``dim ker Σ^{1/2} O H Oᵀ Σ^{1/2} = max(dim ker H, dim ker Σ)`` for Haar O.
* Moments: exact, from the S-transform series (:mod:`htmp_exact.free._series`), with μ's moments
  from :func:`htmp_exact.exact.moment` (the inverse law: from the small-z expansion of U).

Not certified: there is no interval-Newton enclosure of the subordination equations; every value
is float64.  Measured accuracy (``tests/test_free.py``, ``docs/free-convolution.md``): against the
fast path for ``μ ⊠ δ_a`` the density to 1e-13 relative where ``p·x`` exceeds 1e-10 of its peak,
the cdf to 1e-15 absolute; against Silverstein's equation (MP) to 1e-12 of the peak.

Proposition 4.2, measured (``notebooks/free_convolution.ipynb``): for ν = Pareto(b) and μ with a
lighter tail (HTMP with γ < 1, MP) the tail index b passes to ``μ ⊠ ν`` (log–log slopes over
``[1e3, 1e6]`` within 2e-3 of ``−b`` and ``−(b + 1)``), with constant ``m_1(μ)^b``; with μ the
inverse law (tail index α + 1) the smaller index passes.

>>> from htmp_exact import fast, htmp
>>> law = multiplicative_convolution(htmp(0.5, 10.0), atoms=[2.0])      # μ ⊠ δ_2: μ scaled by 2
>>> bool(abs(law.pdf(1.3) - fast.pdf(0.65, 0.5, 10.0) / 2) < 1e-14)
True
>>> law.moment(2)                                                      # 4·(1 + γ + 2γ/κ)
Fraction(32, 5)
"""

from ._convolution import FreeMultiplicativeConvolution, multiplicative_convolution

__all__ = ["FreeMultiplicativeConvolution", "multiplicative_convolution"]

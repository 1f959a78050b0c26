r"""HTMP(γ, κ) and the law of its inverse as scipy distributions (SPEC §3–§5).

Thin wrappers over the float64 fast path (:mod:`htmp_exact.fast`); moments are exact rationals
(Proposition E.4, :func:`htmp_exact.exact.moment`) rounded to float.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import exact, fast
from .._parameters import check_fast_domain, float_atom
from ..fitting import HTMPFit, InverseHTMPFit, fit_htmp, fit_inverse_htmp
from ._law import Law, exact_moments
from ._tails import TailExponents, tail_exponents

__all__ = ["htmp", "inverse_htmp", "htmp_gen", "inverse_htmp_gen"]


class _TwoShapeLaw(Law):
    """Shared by HTMP and its inverse: the validated domain of the fast path, the atom."""

    def _check_shapes(self, **shapes: np.ndarray) -> None:
        gamma, kappa = np.broadcast_arrays(shapes["gamma"], shapes["kappa"])
        check_fast_domain(gamma, kappa)

    def atom(self, gamma: Any, kappa: Any, loc: Any = 0, scale: Any = 1) -> Any:
        """The mass of the law's atom: ``max(0, 1 − 1/γ)``."""
        self.parameters(gamma, kappa, loc=loc, scale=scale)
        return float_atom(gamma)

    def tail_exponents(self, gamma: float, kappa: float, loc: Any = 0, scale: Any = 1) -> TailExponents:
        """The exact tail exponents of :func:`~htmp_exact.distributions.tail_exponents`."""
        return tail_exponents(gamma, kappa)


class htmp_gen(_TwoShapeLaw):
    r"""HTMP(γ, κ) (SPEC §3), ``htmp(gamma, kappa, loc=0, scale=1)``.

    For γ > 1 the law is mixed: an atom ``1 − 1/γ`` at ``loc`` and a continuous part of mass
    ``1/γ``, whose density ``pdf`` gives; ``cdf(loc) = 1 − 1/γ``, ``ppf(q) = loc`` for
    ``q ≤ 1 − 1/γ`` and ``rvs`` draws exact zeros (times scale, plus loc) with that probability.
    Moments are exact (Proposition E.4).  γ ∈ [1e-3, 1e3], κ ∈ [1e-2, 1e5] (the fast path's
    validated domain).

    >>> from htmp_exact import htmp
    >>> d = htmp(4.0, 5.0)
    >>> float(d.cdf(0.0)), float(d.sf(0.0)), d.atom           # atom 3/4, continuous mass 1/4
    (0.75, 0.25, 0.75)
    >>> float(d.mean()), float(d.var())                       # 1 and γ + 2γ/κ (SPEC §5)
    (1.0, 5.6)
    """

    # scipy's kernels are the fast path's functions themselves: (x, gamma, kappa) -> values
    _pdf = staticmethod(fast.pdf)
    _logpdf = staticmethod(fast.logpdf)
    _cdf = staticmethod(fast.cdf)
    _sf = staticmethod(fast.sf)
    _ppf = staticmethod(fast.ppf)
    _isf = staticmethod(fast.isf)

    def _munp(self, n: int, gamma: np.ndarray, kappa: np.ndarray) -> np.ndarray:
        return exact_moments(lambda g, k: exact.moment(n, g, k), gamma, kappa)

    def _stats(self, gamma: np.ndarray, kappa: np.ndarray) -> tuple:
        m1, m2, m3, m4 = (self._munp(n, gamma, kappa) for n in (1, 2, 3, 4))
        var = m2 - m1**2
        skew = (m3 - 3 * m1 * var - m1**3) / var**1.5
        kurt = (m4 - 4 * m1 * m3 + 6 * m1**2 * m2 - 3 * m1**4) / var**2 - 3
        return m1, var, skew, kurt

    def _entropy(self, gamma: np.ndarray, kappa: np.ndarray) -> np.ndarray:
        if np.any(np.asarray(gamma) > 1):
            raise ValueError(
                "gamma > 1: the law has an atom at 0, so its differential entropy is not defined"
            )
        return super()._entropy(gamma, kappa)

    def stieltjes(self, z: Any, gamma: Any, kappa: Any, loc: Any = 0, scale: Any = 1) -> Any:
        """``E[1/(X − z)] = S((z − loc)/scale)/scale`` (SPEC §4, atom included), z off the support;
        complex128 (:func:`htmp_exact.fast.stieltjes`)."""
        params = self.parameters(gamma, kappa, loc=loc, scale=scale)
        return (
            fast.stieltjes((np.asarray(z) - params["loc"]) / params["scale"], gamma, kappa) / params["scale"]
        )

    def fit(self, data: Any, gamma: float, **options: Any) -> HTMPFit:
        """Maximum-likelihood (κ, scale) with γ given, profile-likelihood intervals, zeros and
        spikes handled: :func:`htmp_exact.fitting.fit_htmp` (not scipy's generic fit)."""
        return fit_htmp(data, gamma, **options)


class inverse_htmp_gen(_TwoShapeLaw):
    r"""The law of ``λ = scale/X``, X ~ HTMP(γ, κ): feature-matrix eigenvalues (SPEC §3, Theorem 4.1/4.3).

    Density ``q(λ) = p(1/λ)/λ²`` (``scale = 1``); for γ < 1 a power-law upper tail with
    exponent ``α + 2`` (:func:`tail_exponents`), and moments ``E[λ^k] = E[X^{-k}]`` finite for
    ``k < α + 1`` (exact, :func:`htmp_exact.exact.inverse_moment`), ``inf`` beyond.  For γ > 1
    the atom of X at 0 is an atom of λ at +∞: ``cdf(λ) → 1/γ`` as λ → ∞ and ``rvs`` returns
    ``inf`` with probability ``1 − 1/γ``.

    >>> from htmp_exact import inverse_htmp
    >>> d = inverse_htmp(0.5, 4.0)
    >>> float(d.mean())                            # E[1/X] = s/α = 4
    4.0
    >>> float(d.var())                             # E[1/X²] is infinite: α + 1 = 2
    inf
    """

    @staticmethod
    def _on_positive(
        lam: np.ndarray, gamma: np.ndarray, kappa: np.ndarray, fill: float, function: Any
    ) -> np.ndarray:
        """``function(λ, γ, κ)`` where ``1/λ`` is a finite positive float, ``fill`` elsewhere (λ ≤ 0,
        or so small that 1/λ overflows: there the density and the cdf are those of λ → 0+).
        scipy may pass γ, κ with fewer elements than λ: they are broadcast first."""
        lam, gamma, kappa = np.broadcast_arrays(lam, gamma, kappa)
        out = np.full(lam.shape, fill)
        inside = lam > 1 / np.finfo(float).max
        if np.any(inside):
            out[inside] = function(lam[inside], gamma[inside], kappa[inside])
        return out

    def _pdf(self, lam: np.ndarray, gamma: np.ndarray, kappa: np.ndarray) -> np.ndarray:
        return np.exp(self._logpdf(lam, gamma, kappa))

    def _logpdf(self, lam: np.ndarray, gamma: np.ndarray, kappa: np.ndarray) -> np.ndarray:
        # log p(1/λ) − 2 log λ: no overflow of 1/λ² for tiny λ (1/λ = inf gives log p = −inf)
        with np.errstate(divide="ignore", over="ignore"):
            return self._on_positive(
                lam, gamma, kappa, -np.inf, lambda v, g, k: fast.logpdf(1 / v, g, k) - 2 * np.log(v)
            )

    def _cdf(self, lam: np.ndarray, gamma: np.ndarray, kappa: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", over="ignore"):
            return self._on_positive(lam, gamma, kappa, 0.0, lambda v, g, k: fast.sf(1 / v, g, k))

    def _sf(self, lam: np.ndarray, gamma: np.ndarray, kappa: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", over="ignore"):
            return self._on_positive(lam, gamma, kappa, 1.0, lambda v, g, k: fast.cdf(1 / v, g, k))

    def _ppf(self, q: np.ndarray, gamma: np.ndarray, kappa: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore"):
            return 1 / fast.isf(q, gamma, kappa)

    def _isf(self, q: np.ndarray, gamma: np.ndarray, kappa: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore"):
            return 1 / fast.ppf(q, gamma, kappa)

    def _munp(self, n: int, gamma: np.ndarray, kappa: np.ndarray) -> np.ndarray:
        return exact_moments(lambda g, k: exact.inverse_moment(n, g, k), gamma, kappa)

    def _stats(self, gamma: np.ndarray, kappa: np.ndarray) -> tuple:
        m1, m2 = self._munp(1, gamma, kappa), self._munp(2, gamma, kappa)
        with np.errstate(invalid="ignore"):
            return m1, np.where(np.isinf(m2), np.inf, m2 - m1**2), None, None

    def _entropy(self, gamma: np.ndarray, kappa: np.ndarray) -> np.ndarray:
        if np.any(np.asarray(gamma) > 1):
            raise ValueError(
                "gamma > 1: the law has an atom at +inf, so its differential entropy is not defined"
            )
        return super()._entropy(gamma, kappa)

    def fit(self, data: Any, gamma: float, **options: Any) -> InverseHTMPFit:
        """Fit of the inverse law with γ given: :func:`htmp_exact.fitting.fit_inverse_htmp`."""
        return fit_inverse_htmp(data, gamma, **options)

    def stieltjes(self, z: Any, gamma: Any, kappa: Any, loc: Any = 0, scale: Any = 1) -> Any:
        r"""``E[1/(λ − z)]`` for z off the support: with ``w = (z − loc)/scale``,
        :math:`E[1/(1/X − w)] = -1/w - S_X(1/w)/w^2` (``E[X/(1 − wX)]``; the atom of X at 0,
        λ = ∞, contributes nothing), divided by scale; complex128."""
        params = self.parameters(gamma, kappa, loc=loc, scale=scale)
        w = (np.asarray(z, dtype=complex) - params["loc"]) / params["scale"]
        return (-1 / w - fast.stieltjes(1 / w, gamma, kappa) / w**2) / params["scale"]


htmp = htmp_gen(a=0.0, name="htmp", shapes="gamma, kappa")
inverse_htmp = inverse_htmp_gen(a=0.0, name="inverse_htmp", shapes="gamma, kappa")

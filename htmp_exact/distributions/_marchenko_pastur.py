r"""Marchenko–Pastur MP(γ) as a scipy distribution (SPEC §2): closed forms of the fast path."""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import exact, fast
from .._parameters import float_atom, mp_edges
from ..fitting import MarchenkoPasturFit, fit_marchenko_pastur
from ._law import Law, exact_moments

__all__ = ["marchenko_pastur", "marchenko_pastur_gen"]


class marchenko_pastur_gen(Law):
    r"""MP(γ), ``marchenko_pastur(gamma, loc=0, scale=1)``: density
    :math:`\sqrt{(\lambda_+ - x)(x - \lambda_-)}/(2\pi\gamma x)` on ``[λ−, λ+]``, and for γ > 1 an
    atom ``1 − 1/γ`` at 0 (``cdf(loc) = 1 − 1/γ``); Narayana moments (exact).

    >>> from htmp_exact import marchenko_pastur
    >>> d = marchenko_pastur(0.25)
    >>> [float(v) for v in d.support()]   # λ± = (1 ± √γ)²
    [0.25, 2.25]
    >>> float(d.moment(3))                # 1 + 3γ + γ²
    1.8125
    """

    def _get_support(self, gamma: Any) -> tuple:
        g = np.asarray(gamma, dtype=float)
        lower, upper = mp_edges(g, np.sqrt)
        return np.where(g > 1, 0.0, lower), upper

    # scipy's kernels are the fast path's closed forms themselves: (x, gamma) -> values
    _pdf = staticmethod(fast.mp_pdf)
    _cdf = staticmethod(fast.mp_cdf)
    _sf = staticmethod(fast.mp_sf)
    _ppf = staticmethod(fast.mp_ppf)
    _isf = staticmethod(fast.mp_isf)

    def _munp(self, n: int, gamma: np.ndarray) -> np.ndarray:
        return exact_moments(lambda g: exact.mp_moment(n, g), gamma)

    def _stats(self, gamma: np.ndarray) -> tuple:
        return 1.0 + 0 * gamma, gamma, None, None  # m1 = 1, m2 = 1 + γ (SPEC §2)

    def atom(self, gamma: Any, loc: Any = 0, scale: Any = 1) -> Any:
        """The mass of the atom at ``loc``: ``max(0, 1 − 1/γ)``."""
        self.parameters(gamma, loc=loc, scale=scale)
        return float_atom(gamma)

    def fit(self, data: Any, gamma: float, **options: Any) -> MarchenkoPasturFit:
        """Maximum-likelihood scale with γ given: :func:`htmp_exact.fitting.fit_marchenko_pastur`."""
        return fit_marchenko_pastur(data, gamma, **options)

    def stieltjes(self, z: Any, gamma: Any, loc: Any = 0, scale: Any = 1) -> Any:
        """``E[1/(X − z)]``, the root of SPEC §2's quadratic with ``S ~ −1/z`` (atom included);
        complex128 (:func:`htmp_exact.fast.mp_stieltjes`)."""
        params = self.parameters(gamma, loc=loc, scale=scale)
        return fast.mp_stieltjes((np.asarray(z) - params["loc"]) / params["scale"], gamma) / params["scale"]


marchenko_pastur = marchenko_pastur_gen(name="marchenko_pastur", shapes="gamma")

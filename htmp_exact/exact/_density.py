r"""Certified density of HTMP(γ, κ) and its logarithm (SPEC §3).

.. math:: p(x) = \frac{s\, y^{\alpha} e^{-y}}{\Gamma(c+1)\Gamma(c+\alpha+1)
          |U(c, -\alpha, y e^{i\pi})|^2}, \qquad y = s x

For γ > 1 the kernels use the exact duality of SPEC §3: the continuous part of HTMP(γ, κ)
is ``1/γ`` times the law of ``γ X'``, ``X' ~ HTMP(1/γ, κ/γ)``, so only γ ≤ 1 (``α ≥ -1``,
``b = -α ≤ 1``) reaches :mod:`.tricomi`.
"""

from __future__ import annotations

import math

from flint import arb

from .._inputs import Real, RealInput, shown, to_signed_real
from .._parameters import EXACT_MAX_S, HTMPParams, gamma_above_one
from ._precision import Precision, PrecisionError, Unpack, certify, workprec
from .tricomi import u_on_cut

__all__ = ["pdf", "logpdf"]


def law_parameters(gamma: RealInput, kappa: RealInput) -> HTMPParams:
    """The exact parameters of HTMP(γ, κ), checked to lie in the certified kernels' range
    (:data:`~htmp_exact._parameters.EXACT_MAX_S`); :class:`PrecisionError` beyond it."""
    p = HTMPParams.from_inputs(gamma, kappa)
    if not p.within_exact_range():
        raise PrecisionError(
            f"HTMP(gamma={shown(gamma)}, kappa={shown(kappa)}): c = kappa/2 = "
            f"{arb(p.c).str(3, radius=False)} and s = kappa/(2 gamma) = {arb(p.s).str(3, radius=False)}; "
            f"the certified kernels are validated for max(c, s) <= {EXACT_MAX_S:g} "
            "(beyond, Tricomi's U needs more than the precision cap)"
        )
    return p


def reduce_to_small_gamma(gamma: RealInput, kappa: RealInput) -> tuple[HTMPParams, Real | None]:
    """``(parameters of the γ ≤ 1 law, γ if γ > 1 else None)`` (the duality of SPEC §3)."""
    p = law_parameters(gamma, kappa)
    if gamma_above_one(p.gamma):
        return p.dual(), p.gamma
    return p, None


def log_density_small_gamma(p: HTMPParams, x: Real, prec: int) -> arb:
    r"""log p(x) for γ ≤ 1, x > 0: ``log s + α log y - y - lnΓ(c+1) - lnΓ(s) - 2 log|u|``.

    The terms are as large as ``y`` or ``s log s`` while their sum is the (moderate) log-density,
    so they are formed with that many extra bits: the absolute error of the sum becomes the
    relative error of the density.
    """
    log_y = float(arb(p.s * x).log().mid())  # y itself may lie beyond the float range
    s_float = float(arb(p.s).mid())
    size = 2 + abs(float(arb(p.alpha).mid())) * (1 + abs(log_y)) + s_float * math.log(2 + s_float)
    prec += int(max(math.log2(size), log_y / math.log(2))) + 5
    with workprec(prec):
        s = arb(p.s)
        y = arb(p.s * x)
        u = u_on_cut(p.c, p.alpha, p.s * x, prec)
        c = arb(p.c)
        return s.log() + arb(p.alpha) * y.log() - y - (c + 1).lgamma() - s.lgamma() - 2 * abs(u).log()


def _log_density(x: Real, p: HTMPParams, dual_gamma: Real | None, prec: int) -> arb:
    """log p(x) for x > 0; for γ > 1 through the dual law: ``p(x) = p'(x/γ)/γ²``."""
    if dual_gamma is None:
        return log_density_small_gamma(p, x, prec)
    return log_density_small_gamma(p, x / dual_gamma, prec) - 2 * arb(dual_gamma).log()


def _log_density_at_zero(p: HTMPParams, dual_gamma: Real | None) -> arb:
    """log of the density's finite limit at 0+ when ``α = 0`` (SPEC §3 tail constant):
    ``s^(α+1) Γ(c+α+1)/(Γ(c+1)Γ(α+1)²)`` at α = 0, divided by γ² for the dual law."""
    s, c = arb(p.s), arb(p.c)
    value = s.log() + s.lgamma() - (c + 1).lgamma()
    return value if dual_gamma is None else value - 2 * arb(dual_gamma).log()


def _at_zero(p: HTMPParams, dual_gamma: Real | None, log: bool, precision: Precision) -> arb:
    """The density (or its log) at x = 0+: 0, finite or +inf; ``p`` are the γ ≤ 1 parameters,
    near 0 the density behaves like x^α."""
    alpha = p.alpha
    if alpha > 0:
        return arb.neg_inf() if log else arb(0)
    if alpha < 0:
        return arb.pos_inf()
    if not alpha == 0:
        raise ValueError(f"alpha = {alpha} is a ball containing 0: give gamma and kappa exactly")

    def evaluate(w: int) -> arb:
        value = _log_density_at_zero(p, dual_gamma)
        return value if log else value.exp()

    return certify(evaluate, **precision, what="HTMP density at 0", inputs=(p.gamma, p.kappa))


def logpdf(x: RealInput, gamma: RealInput, kappa: RealInput, **precision: Unpack[Precision]) -> arb:
    r"""Certified :math:`\log p(x)` of HTMP(γ, κ) (continuous part when γ > 1).

    .. math:: p(x) = \frac{s\, y^{\alpha} e^{-y}}{\Gamma(c+1)\Gamma(c+\alpha+1)
              |U(c, -\alpha, y e^{i\pi})|^2}, \quad y = s x

    (SPEC §3; DLMF 13.2.42, 13.4.4).  ``x < 0`` gives ``-inf`` (pdf 0); at ``x = 0`` the
    limit (``-inf``, finite or ``+inf``).  See :func:`pdf` for the algorithm and the keywords.

    >>> from htmp_exact import exact
    >>> # γ = 1/2, κ = 2 (α = 0): p(0+) = s Γ(s)/Γ(c + 1) = 2, and p(x) = 2 + O(x log x)
    >>> gap = exact.logpdf("1e-40", "0.5", 2, digits=50) - exact.logpdf(0, "0.5", 2, digits=50)
    >>> abs(gap) < 1e-37
    True
    """
    return _density(x, gamma, kappa, True, precision)


def pdf(x: RealInput, gamma: RealInput, kappa: RealInput, **precision: Unpack[Precision]) -> arb:
    r"""Certified density of HTMP(γ, κ) at ``x`` (SPEC §3).

    Parameters
    ----------
    x, gamma, kappa
        Exact numbers (``int``, ``Fraction``, ``Decimal``, decimal or ``"p/q"`` strings,
        ``fmpq``, ``float`` and ``mpf`` by their exact binary value) or ``arb`` balls;
        γ, κ > 0.  For γ > 1 this is the density of the continuous part, of total mass
        ``1/γ``; the atom ``1 - 1/γ`` at 0 is :func:`atom`.  ``x < 0`` gives 0.
    **precision
        ``prec`` (bits: evaluate once at this working precision and return the ball as it
        is), ``digits`` (the relative accuracy to certify, default 15) and ``timeout``
        (seconds, default 60; :class:`PrecisionError` when it is spent):
        :class:`~htmp_exact.exact.Precision`.

    Returns
    -------
    arb
        A ball that contains the true value.

    Notes
    -----
    At integer ``c`` and ``b`` a closed form in the exponential integral; else Arb's
    ``acb_hypgeom_u`` at the exact point ``-y`` when it is accurate, else a certified
    saddle-point contour integral (:mod:`htmp_exact.exact.tricomi`); all rigorous.

    >>> from htmp_exact import exact
    >>> from flint import arb
    >>> # the density is the boundary value of the Stieltjes transform (SPEC §4)
    >>> s = exact.stieltjes(1 + 1e-30j, "0.5", 4, digits=25)
    >>> (s.imag / arb.pi()).overlaps(exact.pdf(1, "0.5", 4, digits=25))
    True
    """
    return _density(x, gamma, kappa, False, precision)


def _density(x: RealInput, gamma: RealInput, kappa: RealInput, log: bool, precision: Precision) -> arb:
    xv = to_signed_real(x, "x")
    p, g = reduce_to_small_gamma(gamma, kappa)
    if xv < 0:
        return arb.neg_inf() if log else arb(0)
    if xv == 0:
        return _at_zero(p, g, log, precision)

    def evaluate(w: int) -> arb:
        value = _log_density(xv, p, g, w)
        return value if log else value.exp()

    return certify(
        evaluate, **precision, what="HTMP logpdf" if log else "HTMP pdf", inputs=(xv, p.gamma, p.kappa)
    )

r"""Certified distribution and survival functions of HTMP(γ, κ), and its atom (SPEC §3).

``F(x) = -θ(sx)/(πc)`` where ``θ`` is the continuous argument of :math:`U(c,-\alpha,y e^{i\pi})`
(the phase formula of :mod:`._phase`); the number of half-turns is counted exactly by a
Sturm sequence of Laguerre functions.  For γ > 1, ``F(0) = 1 - 1/γ`` (the atom) and the
duality of SPEC §3 gives the continuous part.
"""

from __future__ import annotations

from collections.abc import Callable

from flint import arb, fmpq

from .._inputs import Real, RealInput, to_positive, to_signed_real
from .._parameters import HTMPParams, atom_mass, gamma_above_one
from ._density import reduce_to_small_gamma
from ._phase import distribution_phase, laguerre_zero_count, tail_phase, zero_total
from ._precision import (
    MAX_PREC,
    Precision,
    PrecisionError,
    Unpack,
    certify,
    meets_contract,
    more_accurate,
    rel_accuracy_bits,
    workprec,
)
from .tricomi import im_rotated_u, im_u_lower_contour, im_u_small, rotated_u_contour, u_on_cut

__all__ = ["cdf", "sf", "atom"]


def _sharp_im_u(p: HTMPParams, y: Real, im_u: arb, prec: int) -> arb:
    """``Im u`` with full relative accuracy where it is small (the lower tail): the sharper of
    the connection formula, the lower contour and the plain value, intersected with the latter."""
    sharp = im_u_small(p.c, p.alpha, y, prec)
    if not meets_contract(sharp, prec) and not meets_contract(im_u, prec):
        sharp = more_accurate(sharp, im_u_lower_contour(p.c, p.alpha, y, prec))
    if rel_accuracy_bits(sharp) > rel_accuracy_bits(im_u):
        return sharp.intersection(im_u)  # two rigorous enclosures of one number
    return im_u


def _upper_tail_sf(p: HTMPParams, y: Real, u, prec: int) -> arb | None:
    """``sf`` past the last zero of Im u from the rotated imaginary part (:func:`._phase.tail_phase`),
    or ``None`` where it is not finite."""
    im_rot = im_rotated_u(p.c, p.alpha, y, prec)
    if not meets_contract(im_rot, prec) and p.c >= 1:
        im_rot = more_accurate(im_rot, rotated_u_contour(p.c, p.alpha, y, prec).imag)
    if not im_rot.is_finite():
        return None
    return tail_phase(u, im_rot, p.c) / arb(p.c)


def cdf_sf_small_gamma(p: HTMPParams, x: Real, prec: int) -> tuple[arb, arb]:
    """(cdf, sf) of the γ ≤ 1 law at x > 0 via the phase (see :mod:`._phase`)."""
    nan = arb.nan()
    y = p.s * x
    count = laguerre_zero_count(p.c, p.alpha, y, prec)
    if count is None:
        # the count does not depend on prec and was already tried up to MAX_PREC bits:
        # a higher working precision would only repeat it
        raise PrecisionError(
            "HTMP cdf/sf: the Sturm count of the Laguerre zeros below "
            f"y = {arb(y).str(6, radius=False)} (c = {float(p.c):.6g}) stays undecided up to "
            f"{MAX_PREC} bits (the recurrence's start values, or its minimal solution, cost more "
            "bits than that)"
        )
    with workprec(prec):
        u = u_on_cut(p.c, p.alpha, y, prec)
        if not (u.real.is_finite() and u.imag.is_finite()):
            # not a wide phase in [0, π] (which, shifted by the atom for γ > 1, would look
            # like a finite accuracy that stalls): a failure at this precision
            return nan, nan
        turns = distribution_phase(u, _sharp_im_u(p, y, u.imag, prec), count)
        c = arb(p.c)
        cdf, sf = turns / c, (c - turns) / c
        inner, last = count
        if last != 0 and inner + (1 if last < 0 else 0) == zero_total(p.c):
            sf_tail = _upper_tail_sf(p, y, u, prec)
            if sf_tail is not None and rel_accuracy_bits(sf_tail) > rel_accuracy_bits(sf):
                sf, cdf = sf_tail, 1 - sf_tail
        return cdf, sf


Side = Callable[[tuple[arb, arb], arb | None], arb]


def _lower(pair: tuple[arb, arb], dual_gamma: arb | None) -> arb:
    """cdf from the dual law's (cdf, sf): ``atom + cdf'/γ`` for γ > 1."""
    if dual_gamma is None:
        return pair[0]
    return atom_mass(dual_gamma) + pair[0] / dual_gamma


def _upper(pair: tuple[arb, arb], dual_gamma: arb | None) -> arb:
    """sf from the dual law's (cdf, sf): ``sf'/γ`` for γ > 1."""
    return pair[1] if dual_gamma is None else pair[1] / dual_gamma


def _distribution(
    x: RealInput, gamma: RealInput, kappa: RealInput, side: Side, what: str, precision: Precision
) -> arb:
    xv = to_signed_real(x, "x")
    p, g = reduce_to_small_gamma(gamma, kappa)
    below = (arb(0), arb(1))  # (cdf, sf) of x < 0, and of x = 0 without an atom
    if xv < 0 or (xv == 0 and g is None):
        return side(below, None)
    if xv == 0:
        return certify(lambda w: side(below, arb(g)), **precision, what="HTMP atom", inputs=(p.gamma,))

    def evaluate(w: int) -> arb:
        if g is None:
            return side(cdf_sf_small_gamma(p, xv, w), None)
        return side(cdf_sf_small_gamma(p, xv / g, w), arb(g))

    return certify(evaluate, **precision, what=what, inputs=(xv, p.gamma, p.kappa))


def cdf(x: RealInput, gamma: RealInput, kappa: RealInput, **precision: Unpack[Precision]) -> arb:
    r"""Certified distribution function :math:`P(X \le x)` of HTMP(γ, κ), atom included.

    Exact formula (no quadrature): ``F(x) = -θ(sx)/(πc)`` where ``θ`` is the continuous
    argument of :math:`U(c,-\alpha,y e^{i\pi})`, the number of half-turns being counted
    exactly by a Sturm sequence of Laguerre functions (:mod:`htmp_exact.exact._phase`).
    For γ > 1, ``F(0) = 1 - 1/γ`` (the atom) and the duality of SPEC §3 is used.
    Keywords: :class:`~htmp_exact.exact.Precision`.

    >>> from htmp_exact import exact
    >>> exact.cdf(0, 4, 3) == exact.atom(4)     # the atom 3/4, not the continuous mass 1/4
    True
    >>> exact.atom(4)
    3/4
    """
    return _distribution(x, gamma, kappa, _lower, "HTMP cdf", precision)


def sf(x: RealInput, gamma: RealInput, kappa: RealInput, **precision: Unpack[Precision]) -> arb:
    r"""Certified survival function :math:`P(X > x)`, computed directly (not ``1 - cdf``).

    In the upper tail, ``sf = arg(e^{iπc} u)/(πc)`` with the exponentially small imaginary
    part taken from DLMF 13.2.41, so far-tail values keep full relative accuracy.
    Keywords: :class:`~htmp_exact.exact.Precision`.

    >>> from htmp_exact import exact
    >>> exact.sf(0, 4, 3)      # the continuous part's mass 1/γ
    0.250000000000000
    """
    return _distribution(x, gamma, kappa, _upper, "HTMP sf", precision)


def atom(gamma: RealInput) -> fmpq | arb:
    """Mass of HTMP(γ, κ) (and MP(γ)) at 0: ``max(0, 1 - 1/γ)``; exact :class:`fmpq` for rational γ.

    >>> from htmp_exact import exact
    >>> exact.atom("2.5")
    3/5
    """
    g = to_positive(gamma, "gamma")
    if not gamma_above_one(g):
        return fmpq(0) if isinstance(g, fmpq) else arb(0)
    return atom_mass(g)

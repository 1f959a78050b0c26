r"""Certified Stieltjes transform of HTMP(γ, κ), off the support and on it from above (SPEC §4).

.. math:: S(z) = \int \frac{\mu(dx)}{x - z} = s\, \frac{U(c+1, 1-\alpha, -s z)}{U(c, -\alpha, -s z)}

(paper Proposition E.3/E.7; DLMF 13.3.22 for the ratio), atom included for γ > 1.
"""

from __future__ import annotations

import math

from flint import acb, arb

from .._inputs import ComplexInput, RealInput, to_off_support, to_positive
from .._parameters import HTMPParams, atom_mass
from ._density import law_parameters, reduce_to_small_gamma
from ._precision import Precision, Unpack, certify, meets_contract, more_accurate, rel_accuracy_bits, workprec
from .tricomi import connection_bits, tricomi_contour, u_on_cut

__all__ = ["stieltjes", "stieltjes_boundary"]

#: Largest |s z| for which :func:`stieltjes` retries Arb's U at a boosted precision (tuning
#: only: its cost stays below ~0.1 s there; beyond, the boost reaches tens of thousands of bits).
BOOST_MAX_ARG = 2000.0


def _contour_ratio(p: HTMPParams, arg: acb, prec: int) -> acb:
    """``U(c+1, 1-α, arg) / U(c, -α, arg)`` by the contour integral, ``Im arg < 0``.

    After Kummer's transformation (DLMF 13.2.40) ``U(a, b, z) = z^(1-b) U(a-b+1, 2-b, z)``,
    the ratio is ``U(s, 1+α, z) / (z U(s, 2+α, z))`` (an integer power of z, no branch); its
    first parameter s ≥ c keeps the integrand's singularity at 0 mild, as in
    :func:`~htmp_exact.exact.tricomi.u_contour`.  If that fails, the ratio as it stands: the
    tracer may find a path for one form and miss it for the other (e.g. near the turning
    points of large-|z| arguments).  Each denominator is tried first, so a form whose path
    is not found costs nothing.
    """
    best = acb(arb.nan(), arb.nan())
    forms = (((p.s, 1 + p.alpha), (p.s, 2 + p.alpha), arg), ((p.c + 1, 1 - p.alpha), (p.c, -p.alpha), acb(1)))
    for numerator, denominator, factor in forms:
        below = tricomi_contour(*denominator, arg, prec)
        if rel_accuracy_bits(below) == -math.inf:
            continue
        ratio = tricomi_contour(*numerator, arg, prec) / (factor * below)
        best = more_accurate(best, ratio)
        if meets_contract(best, prec):
            break
    return best


def _ratio_upper(p: HTMPParams, z: acb, w: int) -> acb:
    """``S(z)`` for ``Im z >= 0`` (``-s z`` on or below the cut's lower side): Arb's U, one
    boosted retry at the precision its 1F1 form calls for, then the contour integral."""
    s, c, alpha = arb(p.s), arb(p.c), arb(p.alpha)
    arg = -s * z

    def direct(work: int) -> acb:
        with workprec(work):
            return s * arg.hypgeom_u(c + 1, 1 - alpha) / arg.hypgeom_u(c, -alpha)

    value = direct(w)
    size = float(abs(arg).upper())
    if not meets_contract(value, w) and size <= BOOST_MAX_ARG:
        boosted = direct(w + connection_bits(size, -p.alpha))
        if rel_accuracy_bits(boosted) > rel_accuracy_bits(value):
            value = boosted + 0
    if not meets_contract(value, w) and c >= 1 and arg.imag < 0:
        value = more_accurate(value, s * _contour_ratio(p, arg, w))
    return value


def stieltjes(z: ComplexInput, gamma: RealInput, kappa: RealInput, **precision: Unpack[Precision]) -> acb:
    r"""Certified Stieltjes transform :math:`S(z) = \int \mu(dx)/(x - z)` (atom included).

    .. math:: S(z) = s\, \frac{U(c+1, 1-\alpha, -s z)}{U(c, -\alpha, -s z)}

    (SPEC §4, paper Proposition E.3/E.7; DLMF 13.3.22 for the ratio), for ``z`` off
    ``[0, ∞)``: Python ``complex``, :class:`flint.acb`, :class:`mpmath.mpc` (exact binary
    parts), a pair ``(re, im)`` of exact reals such as ``("13/10", "1/5")``, a string
    ``"13/10+1/5j"``, or a real ``z < 0``.  Keywords: :class:`~htmp_exact.exact.Precision`.
    Algorithm: Arb's ``acb_hypgeom_u`` (principal branch); where it loses too many bits
    (large κ, z near the support, integer ``b``) both U's are computed by the certified
    contour integral of :func:`~htmp_exact.exact.tricomi.tricomi_contour`.

    >>> from htmp_exact import exact
    >>> s = exact.stieltjes(-1e6, 2, 3)          # S(z) ~ -1/z at infinity
    >>> abs(s.real * 1e6 - 1) < 1e-4
    True
    """
    point = to_off_support(z, "z")
    p = law_parameters(gamma, kappa)
    lower = arb(point.imag) < 0  # S(conj z) = conj S(z): work in the upper half plane

    def evaluate(w: int) -> acb:
        zb = point.ball()
        value = _ratio_upper(p, zb.conjugate() if lower else zb, w)
        return value.conjugate() if lower else value

    return certify(
        evaluate,
        **precision,
        what="HTMP Stieltjes transform",
        inputs=(point.real, point.imag, p.gamma, p.kappa),
    )


def stieltjes_boundary(
    x: RealInput, gamma: RealInput, kappa: RealInput, **precision: Unpack[Precision]
) -> acb:
    r"""Certified boundary value :math:`S(x + i0) = \lim_{\varepsilon \downarrow 0} S(x + i\varepsilon)`
    of the Stieltjes transform on the support, ``x > 0`` (atom included for γ > 1).

    .. math:: S(x + i0) = s\, \overline{U(c+1, 1-\alpha, y e^{i\pi})} \big/
              \overline{U(c, -\alpha, y e^{i\pi})}, \qquad y = s x

    (SPEC §4: ``-s(x + iε)`` lies below the cut, where U is the conjugate of its value above).
    ``Im S(x + i0) = π p(x)``.  Equivalently, with ``w(y) = U(c, -α, y e^{iπ})``, the logarithmic
    derivative ``y w'(y)/w(y) = c x \overline{S(x + i0)}`` (DLMF 13.3.22), the quantity the fast
    path's Riccati equation carries.  For γ > 1 the duality of SPEC §3 gives
    ``S(z) = -(1 - 1/γ)/z + S'(z/γ)/γ²`` with ``S'`` the transform of HTMP(1/γ, κ/γ).

    >>> from htmp_exact import exact
    >>> from flint import arb
    >>> s = exact.stieltjes_boundary(1, "0.5", 4, digits=20)
    >>> (s.imag / arb.pi()).overlaps(exact.pdf(1, "0.5", 4, digits=20))
    True
    """
    xv = to_positive(x, "x")
    p, g = reduce_to_small_gamma(gamma, kappa)

    def evaluate(w: int) -> acb:
        y = p.s * (xv if g is None else xv / g)
        value = arb(p.s) * (u_on_cut(p.c + 1, p.alpha - 1, y, w) / u_on_cut(p.c, p.alpha, y, w)).conjugate()
        if g is None:
            return value
        gb = arb(g)
        return -atom_mass(gb) / arb(xv) + value / (gb * gb)

    return certify(evaluate, **precision, what="HTMP Stieltjes boundary value", inputs=(xv, p.gamma, p.kappa))

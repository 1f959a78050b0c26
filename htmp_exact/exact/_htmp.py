r"""Certified HTMP(γ, κ): density, distribution function, Stieltjes transform, atom (SPEC §3–§4).

Every function returns a python-flint ball that contains the true value; see
:func:`~htmp_exact.exact._precision.certify` for ``prec``/``digits``.  Inputs:
``int``, :class:`fractions.Fraction`, :class:`decimal.Decimal`, decimal or ``"p/q"``
``str`` (exact), :class:`flint.fmpq`, ``float``/:class:`mpmath.mpf` (exact binary value)
and :class:`flint.arb` balls.

For γ > 1 the kernels use the exact duality of SPEC §3: the continuous part
of HTMP(γ, κ) is ``1/γ`` times the law of ``γ X'``, ``X' ~ HTMP(1/γ, κ/γ)``, so
only γ ≤ 1 (``α ≥ -1``, ``b = -α ≤ 1``) reaches :mod:`._tricomi`.
"""
from __future__ import annotations

import math
from typing import Optional, Union

from flint import acb, arb, fmpq

from .._domain import (HTMPParams, RealInput, gamma_above_one, is_exact, to_off_support, to_positive,
                       to_signed_real)
from ._phase import distribution_phase, laguerre_zero_count, tail_phase, zero_total
from ._precision import MAX_PREC, PrecisionError, certify, more_accurate, rel_accuracy_bits, workprec
from ._tricomi import (connection_bits, im_rotated_u, im_u_lower_contour, im_u_small, rotated_u_contour,
                       tricomi_contour, u_on_cut)

Number = Union[arb, fmpq]


def _reduce(gamma: RealInput, kappa: RealInput):
    """``(params of the γ ≤ 1 law, γ if γ > 1 else None)``."""
    p = HTMPParams.from_inputs(gamma, kappa)
    if gamma_above_one(p.gamma):
        return p.dual(), p.gamma
    return p, None


def _log_density_small_gamma(p: HTMPParams, x, prec: int) -> arb:
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
        return (s.log() + arb(p.alpha) * y.log() - y - (c + 1).lgamma() - s.lgamma()
                - 2 * abs(u).log())


def _pdf_at_zero(p: HTMPParams, dual_gamma, log: bool, prec, digits) -> arb:
    """Limit of the density (or its log) at x = 0+ (SPEC §3 tail constants): 0, finite or +inf.

    ``p`` are the γ ≤ 1 parameters; the density behaves like x^α there.
    """
    alpha = p.alpha
    if alpha > 0:
        return arb.neg_inf() if log else arb(0)
    if alpha < 0:
        return arb.pos_inf()
    if not alpha == 0:
        raise ValueError(f"alpha = {alpha} is a ball containing 0: give gamma and kappa exactly")

    def evaluate(w: int) -> arb:
        s, c = arb(p.s), arb(p.c)
        value = s * s.gamma() / (c + 1).gamma()  # s^(α+1) Γ(c+α+1)/(Γ(c+1)Γ(α+1)^2) at α = 0
        if dual_gamma is not None:
            value = value / arb(dual_gamma) ** 2
        return value.log() if log else value

    return certify(evaluate, prec=prec, digits=digits, what="HTMP density at 0", exact_inputs=p.exact)


def logpdf(x: RealInput, gamma: RealInput, kappa: RealInput, *, prec: Optional[int] = None,
           digits: Optional[int] = None) -> arb:
    r"""Certified :math:`\log p(x)` of HTMP(γ, κ) (continuous part when γ > 1).

    .. math:: p(x) = \frac{s\, y^{\alpha} e^{-y}}{\Gamma(c+1)\Gamma(c+\alpha+1)
              |U(c, -\alpha, y e^{i\pi})|^2}, \quad y = s x

    (SPEC §3; DLMF 13.2.42, 13.4.4).  ``x < 0`` gives ``-inf`` (pdf 0); at
    ``x = 0`` the limit (``-inf``, finite or ``+inf``).

    >>> from htmp_exact import exact
    >>> exact.logpdf(1, "0.5", 4).exp().overlaps(exact.pdf(1, "0.5", 4))
    True
    """
    xv = to_signed_real(x, "x")
    p, g = _reduce(gamma, kappa)
    if xv < 0:
        return arb.neg_inf()
    if xv == 0:
        return _pdf_at_zero(p, g, True, prec, digits)

    def evaluate(w: int) -> arb:
        if g is None:
            return _log_density_small_gamma(p, xv, w)
        return _log_density_small_gamma(p, xv / g, w) - 2 * arb(g).log()

    return certify(evaluate, prec=prec, digits=digits, what="HTMP logpdf",
                   exact_inputs=p.exact and is_exact(xv))


def pdf(x: RealInput, gamma: RealInput, kappa: RealInput, *, prec: Optional[int] = None,
        digits: Optional[int] = None) -> arb:
    r"""Certified density of HTMP(γ, κ) at ``x`` (SPEC §3).

    For γ > 1 this is the density of the continuous part, of total mass
    ``1/γ``; the atom ``1 - 1/γ`` at 0 is :func:`atom`.  ``x < 0`` gives 0.

    Algorithm: at integer ``c`` and ``b`` a closed form in the exponential integral
    (:mod:`htmp_exact.exact._tricomi_ei`); else Arb's ``acb_hypgeom_u`` at the exact point
    ``-y`` when it is accurate, else a certified saddle-point contour integral
    (:mod:`htmp_exact.exact._tricomi`); all rigorous.  Cost (15 digits, median on the
    benchmark grid): 0.05–0.09 ms for κ ≤ 20, 0.2 ms at κ = 100, ~1 ms at κ = 10³,
    ~1.3 ms at κ = 10⁴.

    >>> from htmp_exact import exact
    >>> from flint import arb
    >>> # the density is the boundary value of the Stieltjes transform (SPEC §4)
    >>> s = exact.stieltjes(1 + 1e-30j, "0.5", 4, digits=25)
    >>> (s.imag / arb.pi()).overlaps(exact.pdf(1, "0.5", 4, digits=25))
    True
    """
    xv = to_signed_real(x, "x")
    p, g = _reduce(gamma, kappa)
    if xv < 0:
        return arb(0)
    if xv == 0:
        return _pdf_at_zero(p, g, False, prec, digits)

    def evaluate(w: int) -> arb:
        if g is None:
            return _log_density_small_gamma(p, xv, w).exp()
        return _log_density_small_gamma(p, xv / g, w).exp() / arb(g) ** 2

    return certify(evaluate, prec=prec, digits=digits, what="HTMP pdf",
                   exact_inputs=p.exact and is_exact(xv))


def _cdf_sf_small_gamma(p: HTMPParams, x, prec: int):
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
        im_u = u.imag
        sharp = im_u_small(p.c, p.alpha, y, prec)
        if rel_accuracy_bits(sharp) < prec - 20 and rel_accuracy_bits(im_u) < prec - 20:
            sharp = more_accurate(sharp, im_u_lower_contour(p.c, p.alpha, y, prec))
        if rel_accuracy_bits(sharp) > rel_accuracy_bits(im_u):
            im_u = sharp.intersection(im_u)  # two rigorous enclosures of one number
        turns = distribution_phase(u, im_u, count)
        c = arb(p.c)
        cdf = turns / c
        sf = (c - turns) / c
        inner, last = count
        if last != 0 and inner + (1 if last < 0 else 0) == zero_total(p.c):
            im_rot = im_rotated_u(p.c, p.alpha, y, prec)
            if rel_accuracy_bits(im_rot) < prec - 20 and p.c >= 1:
                im_rot = more_accurate(im_rot, rotated_u_contour(p.c, p.alpha, y, prec).imag)
            if im_rot.is_finite():
                sf_tail = tail_phase(u, im_rot, p.c) / c
                if rel_accuracy_bits(sf_tail) > rel_accuracy_bits(sf):
                    sf = sf_tail
                    cdf = 1 - sf
        return cdf, sf


def _distribution(x: RealInput, gamma: RealInput, kappa: RealInput, which: int,
                  prec: Optional[int], digits: Optional[int]) -> arb:
    xv = to_signed_real(x, "x")
    p, g = _reduce(gamma, kappa)
    if xv < 0:
        return arb(which)  # cdf 0, sf 1
    if xv == 0:
        if g is None:
            return arb(which)  # cdf(0) = 0, sf(0) = 1 without an atom
        return certify(lambda w: 1 - 1 / arb(g) if which == 0 else 1 / arb(g), prec=prec, digits=digits,
                       what="HTMP atom", exact_inputs=p.exact)

    def evaluate(w: int) -> arb:
        if g is None:
            return _cdf_sf_small_gamma(p, xv, w)[which]
        cdf_d, sf_d = _cdf_sf_small_gamma(p, xv / g, w)
        inv = 1 / arb(g)
        return (1 - inv) + inv * cdf_d if which == 0 else inv * sf_d

    return certify(evaluate, prec=prec, digits=digits, what="HTMP cdf" if which == 0 else "HTMP sf",
                   exact_inputs=p.exact and is_exact(xv))


def cdf(x: RealInput, gamma: RealInput, kappa: RealInput, *, prec: Optional[int] = None,
        digits: Optional[int] = None) -> arb:
    r"""Certified distribution function :math:`P(X \le x)` of HTMP(γ, κ), atom included.

    Exact formula (no quadrature): ``F(x) = -θ(sx)/(πc)`` where ``θ`` is the
    continuous argument of :math:`U(c,-\alpha,y e^{i\pi})`, the number of
    half-turns being counted exactly by a Sturm sequence of Laguerre functions
    (:mod:`htmp_exact.exact._phase`).  For γ > 1, ``F(0) = 1 - 1/γ`` (the atom)
    and the duality of SPEC §3 is used.

    >>> from htmp_exact import exact
    >>> exact.cdf(0, 2, 3) == exact.atom(2)
    True
    """
    return _distribution(x, gamma, kappa, 0, prec, digits)


def sf(x: RealInput, gamma: RealInput, kappa: RealInput, *, prec: Optional[int] = None,
       digits: Optional[int] = None) -> arb:
    r"""Certified survival function :math:`P(X > x)`, computed directly (not ``1 - cdf``).

    In the upper tail, ``sf = arg(e^{iπc} u)/(πc)`` with the exponentially small
    imaginary part taken from DLMF 13.2.41, so far-tail values keep full
    relative accuracy.
    """
    return _distribution(x, gamma, kappa, 1, prec, digits)


def atom(gamma: RealInput) -> Number:
    """Mass of HTMP(γ, κ) (and MP(γ)) at 0: ``max(0, 1 - 1/γ)``; exact :class:`fmpq` for rational γ."""
    g = to_positive(gamma, "gamma")
    if not gamma_above_one(g):
        return fmpq(0) if isinstance(g, fmpq) else arb(0)
    return 1 - 1 / g


def stieltjes_boundary(x: RealInput, gamma: RealInput, kappa: RealInput, *, prec: Optional[int] = None,
                       digits: Optional[int] = None) -> acb:
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
    p, g = _reduce(gamma, kappa)

    def evaluate(w: int) -> acb:
        xp = xv if g is None else xv / g
        y = p.s * xp
        ratio = u_on_cut(p.c + 1, p.alpha - 1, y, w) / u_on_cut(p.c, p.alpha, y, w)
        value = arb(p.s) * ratio.conjugate()
        if g is None:
            return value
        gb = arb(g)
        return -(1 - 1 / gb) / arb(xv) + value / (gb * gb)

    return certify(evaluate, prec=prec, digits=digits, what="HTMP Stieltjes boundary value",
                   exact_inputs=p.exact and is_exact(xv))


#: Largest |s z| for which :func:`stieltjes` retries Arb's U at a boosted precision (its cost
#: stays below ~0.1 s there; beyond, the boost reaches tens of thousands of bits).
_BOOST_MAX_ARG = 2000.0


def _contour_ratio(p: HTMPParams, arg: acb, prec: int) -> acb:
    """``U(c+1, 1-α, arg) / U(c, -α, arg)`` by the contour integral, ``Im arg < 0``.

    After Kummer's transformation (DLMF 13.2.40) ``U(a, b, z) = z^(1-b) U(a-b+1, 2-b, z)``,
    the ratio is ``U(s, 1+α, z) / (z U(s, 2+α, z))`` (an integer power of z, no branch); its
    first parameter s ≥ c keeps the integrand's singularity at 0 mild, as in
    :func:`~htmp_exact.exact._tricomi.u_contour`.  If that fails, the ratio as it stands: the
    tracer may find a path for one form and miss it for the other (e.g. near the turning
    points of large-|z| arguments).  Each denominator is tried first, so a form whose path
    is not found costs nothing.
    """
    best = acb(arb.nan(), arb.nan())
    forms = (((p.s, 1 + p.alpha), (p.s, 2 + p.alpha), arg),
             ((p.c + 1, 1 - p.alpha), (p.c, -p.alpha), acb(1)))
    for numerator, denominator, factor in forms:
        below = tricomi_contour(*denominator, arg, prec)
        if rel_accuracy_bits(below) == -math.inf:
            continue
        ratio = tricomi_contour(*numerator, arg, prec) / (factor * below)
        best = more_accurate(best, ratio)
        if rel_accuracy_bits(best) >= prec - 20:
            break
    return best


def stieltjes(z: object, gamma: RealInput, kappa: RealInput, *, prec: Optional[int] = None,
              digits: Optional[int] = None) -> acb:
    r"""Certified Stieltjes transform :math:`S(z) = \int \mu(dx)/(x - z)` (atom included).

    .. math:: S(z) = s\, \frac{U(c+1, 1-\alpha, -s z)}{U(c, -\alpha, -s z)}

    (SPEC §4, paper Proposition E.3/E.7; DLMF 13.3.22 for the ratio), for ``z``
    off ``[0, ∞)``: Python ``complex``, :class:`flint.acb`, :class:`mpmath.mpc`
    (exact binary parts) or a real ``z < 0``.
    Algorithm: Arb's ``acb_hypgeom_u`` (principal branch); where it loses too many bits
    (large κ, z near the support, integer ``b``) both U's are computed by the certified
    contour integral of :func:`~htmp_exact.exact._tricomi.tricomi_contour`.

    >>> from htmp_exact import exact
    >>> s = exact.stieltjes(-1e6, 2, 3)          # S(z) ~ -1/z at infinity
    >>> abs(s.real * 1e6 - 1) < 1e-4
    True
    """
    point = to_off_support(z, "z")
    p = HTMPParams.from_inputs(gamma, kappa)

    lower = arb(point.imag) < 0  # S(conj z) = conj S(z): work in the upper half plane
    z_upper = point.conjugate() if lower else point

    def direct(w: int) -> acb:
        s, c, alpha = arb(p.s), arb(p.c), arb(p.alpha)
        arg = -s * z_upper.ball()
        return s * arg.hypgeom_u(c + 1, 1 - alpha) / arg.hypgeom_u(c, -alpha)

    def evaluate(w: int) -> acb:
        s, c = arb(p.s), arb(p.c)
        arg = -s * z_upper.ball()
        value = direct(w)
        size = float(abs(arg).upper())
        if rel_accuracy_bits(value) < w - 20 and size <= _BOOST_MAX_ARG:
            # one retry at the precision Arb's U calls for (see connection_bits), before the contour
            boost = w + connection_bits(size, -p.alpha)
            with workprec(boost):
                boosted = direct(boost)
            if rel_accuracy_bits(boosted) > rel_accuracy_bits(value):
                value = boosted + 0
        if rel_accuracy_bits(value) < w - 20 and c >= 1 and arg.imag < 0:
            value = more_accurate(value, s * _contour_ratio(p, arg, w))
        return value.conjugate() if lower else value

    return certify(evaluate, prec=prec, digits=digits, what="HTMP Stieltjes transform",
                   exact_inputs=p.exact and point.exact)

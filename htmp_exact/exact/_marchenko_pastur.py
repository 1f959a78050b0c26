r"""Certified Marchenko–Pastur MP(γ) (SPEC §2), the κ → ∞ limit of HTMP(γ, κ).

Edges :math:`\lambda_\pm = (1 \pm \sqrt\gamma)^2`; density
:math:`p(x) = \sqrt{(\lambda_+ - x)(x - \lambda_-)} / (2\pi\gamma x)` on the
bulk, plus an atom ``1 - 1/γ`` at 0 when γ > 1.  Closed forms, evaluated in
ball arithmetic with :func:`~htmp_exact.exact._precision.certify`.
"""
from __future__ import annotations

from math import comb
from typing import Optional

from flint import acb, arb, fmpq

from .._domain import RealInput, gamma_above_one, is_exact, to_off_support, to_positive, to_signed_real
from ._moments import check_order
from ._precision import certify


def _edges(g: arb):
    r = g.sqrt()
    return (1 - r) ** 2, (1 + r) ** 2


def mp_pdf(x: RealInput, gamma: RealInput, *, prec: Optional[int] = None,
           digits: Optional[int] = None) -> arb:
    """Certified MP(γ) density (continuous part; 0 outside the bulk)."""
    xv, g = to_signed_real(x, "x"), to_positive(gamma, "gamma")

    def evaluate(w: int) -> arb:
        gb, xb = arb(g), arb(xv)
        lo, hi = _edges(gb)
        if xb <= lo or xb >= hi:
            return arb(0)
        if not (xb > lo and xb < hi):
            raise ValueError(f"x = {x!r} is a ball containing a bulk edge")
        return ((hi - xb) * (xb - lo)).sqrt() / (2 * arb.pi() * gb * xb)

    return certify(evaluate, prec=prec, digits=digits, what="MP pdf",
                   exact_inputs=is_exact(xv) and is_exact(g))


def _asin_in_range(v: arb) -> arb:
    """asin of a ball whose true value lies in [-1, 1] (x in the bulk), as
    atan2(v, sqrt(max(0, 1 - v²))): finite even when rounding pushes the ball past ±1
    (at γ = 1, where λ- = 0, the second argument below is exactly 1)."""
    return arb.atan2(v, (1 - v * v).nonnegative_part().sqrt())


def _bulk_cdf(xb: arb, gb: arb) -> arb:
    r"""``∫_{λ-}^{x} p``: with a, b the edges, an antiderivative of √((b-t)(t-a))/t is
    √((b-t)(t-a)) + (a+b)/2 · asin((2t-a-b)/(b-a)) - √(ab) · asin(((a+b)t - 2ab)/((b-a)t)).
    """
    a, b = _edges(gb)
    root_ab = abs(1 - gb)  # √(ab) = |1 - γ|
    half_pi = arb.pi() / 2
    prim = (((b - xb) * (xb - a)).sqrt() + (a + b) / 2 * _asin_in_range((2 * xb - a - b) / (b - a))
            - root_ab * _asin_in_range(((a + b) * xb - 2 * a * b) / ((b - a) * xb)))
    prim_at_a = -(a + b) / 2 * half_pi + root_ab * half_pi
    return (prim - prim_at_a) / (2 * arb.pi() * gb)


def _mp_distribution(x: RealInput, gamma: RealInput, which: int, prec, digits) -> arb:
    xv, g = to_signed_real(x, "x"), to_positive(gamma, "gamma")
    above = gamma_above_one(g)

    def evaluate(w: int) -> arb:
        gb, xb = arb(g), arb(xv)
        lo, hi = _edges(gb)
        atom_mass = 1 - 1 / gb if above else arb(0)
        if xb < 0:
            cdf = arb(0)
        elif xb <= lo:
            cdf = atom_mass
        elif xb >= hi:
            cdf = arb(1)
        else:
            cont = _bulk_cdf(xb, gb)
            cdf = atom_mass + cont
            if which == 1:
                return 1 / gb - cont if above else 1 - cont
        return cdf if which == 0 else 1 - cdf

    return certify(evaluate, prec=prec, digits=digits, what="MP cdf" if which == 0 else "MP sf",
                   exact_inputs=is_exact(xv) and is_exact(g))


def mp_cdf(x: RealInput, gamma: RealInput, *, prec: Optional[int] = None,
           digits: Optional[int] = None) -> arb:
    """Certified MP(γ) distribution function, atom included (closed form, see :func:`_bulk_cdf`)."""
    return _mp_distribution(x, gamma, 0, prec, digits)


def mp_sf(x: RealInput, gamma: RealInput, *, prec: Optional[int] = None,
          digits: Optional[int] = None) -> arb:
    """Certified MP(γ) survival function."""
    return _mp_distribution(x, gamma, 1, prec, digits)


def mp_stieltjes(z: object, gamma: RealInput, *, prec: Optional[int] = None,
                 digits: Optional[int] = None) -> acb:
    r"""Certified MP(γ) Stieltjes transform, the root of ``γ z S² + (z + γ - 1) S + 1 = 0``
    with ``S ~ -1/z`` at infinity: :math:`S = (1 - γ - z + \sqrt{z-\lambda_+}\sqrt{z-\lambda_-})/(2γz)`.
    """
    point = to_off_support(z, "z")
    g = to_positive(gamma, "gamma")

    def evaluate(w: int) -> acb:
        gb, zb = arb(g), point.ball()
        lo, hi = _edges(gb)
        root = (zb - hi).sqrt() * (zb - lo).sqrt()
        return (1 - gb - zb + root) / (2 * gb * zb)

    return certify(evaluate, prec=prec, digits=digits, what="MP Stieltjes transform",
                   exact_inputs=is_exact(g) and point.exact)


def mp_moment(k: int, gamma: RealInput):
    """Narayana moments ``m_k = Σ_{j<k} γ^j/(j+1) C(k,j) C(k-1,j)`` (exact for rational γ)."""
    order = check_order(k)
    g = to_positive(gamma, "gamma")
    if order == 0:
        return fmpq(1) if isinstance(g, fmpq) else arb(1)
    return sum((g ** j * fmpq(comb(order, j) * comb(order - 1, j), j + 1) for j in range(order)),
               fmpq(0) if isinstance(g, fmpq) else arb(0))

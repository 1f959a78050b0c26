r"""Certified Marchenko–Pastur MP(γ) (SPEC §2), the κ → ∞ limit of HTMP(γ, κ).

Edges :math:`\lambda_\pm = (1 \pm \sqrt\gamma)^2`; density
:math:`p(x) = \sqrt{(\lambda_+ - x)(x - \lambda_-)} / (2\pi\gamma x)` on the bulk, plus an
atom ``1 - 1/γ`` at 0 when γ > 1.  Closed forms, evaluated in ball arithmetic with
:func:`~htmp_exact.exact._precision.certify`.
"""

from __future__ import annotations

from collections.abc import Callable
from math import comb

from flint import acb, arb, fmpq

from .._inputs import ComplexInput, RealInput, is_exact, to_off_support, to_positive, to_signed_real
from .._parameters import atom_mass, gamma_above_one, mp_edges
from ._moments import check_order
from ._precision import Precision, Unpack, certify

__all__ = ["mp_pdf", "mp_cdf", "mp_sf", "mp_stieltjes", "mp_moment"]


def mp_pdf(x: RealInput, gamma: RealInput, **precision: Unpack[Precision]) -> arb:
    """Certified MP(γ) density (continuous part; 0 outside the bulk).

    Keywords: :class:`~htmp_exact.exact.Precision`.

    >>> import math
    >>> from htmp_exact import exact
    >>> abs(float(exact.mp_pdf(1, 1)) - math.sqrt(3) / (2 * math.pi)) < 1e-15    # √((4-1)·1)/(2π)
    True
    """
    xv, g = to_signed_real(x, "x"), to_positive(gamma, "gamma")

    def evaluate(w: int) -> arb:
        gb, xb = arb(g), arb(xv)
        lo, hi = mp_edges(gb)
        if xb <= lo or xb >= hi:
            return arb(0)
        if not (xb > lo and xb < hi):  # undecided at this precision
            if is_exact(xv) and is_exact(g):
                return arb.nan()  # exact x next to an edge (γ → 0: λ± = 1 ± 2√γ): more precision
            raise ValueError(f"x = {x!r} is a ball containing a bulk edge")
        return ((hi - xb) * (xb - lo)).sqrt() / (2 * arb.pi() * gb * xb)

    return certify(evaluate, **precision, what="MP pdf", inputs=(xv, g))


def _asin_in_range(v: arb) -> arb:
    """asin of a ball whose true value lies in [-1, 1] (x in the bulk), as
    atan2(v, sqrt(max(0, 1 - v²))): finite even when rounding pushes the ball past ±1
    (at γ = 1, where λ- = 0, the second argument below is exactly 1)."""
    return arb.atan2(v, (1 - v * v).nonnegative_part().sqrt())


def _bulk_mass(xb: arb, gb: arb) -> arb:
    r"""``∫_{λ-}^{x} p`` for x in the bulk: with a, b the edges, an antiderivative of
    √((b-t)(t-a))/t is √((b-t)(t-a)) + (a+b)/2 · asin((2t-a-b)/(b-a)) - √(ab) · asin(((a+b)t - 2ab)/((b-a)t)).
    """
    a, b = mp_edges(gb)
    root_ab = abs(1 - gb)  # √(ab) = |1 - γ|
    half_pi = arb.pi() / 2
    prim = (
        ((b - xb) * (xb - a)).sqrt()
        + (a + b) / 2 * _asin_in_range((2 * xb - a - b) / (b - a))
        - root_ab * _asin_in_range(((a + b) * xb - 2 * a * b) / ((b - a) * xb))
    )
    prim_at_a = -(a + b) / 2 * half_pi + root_ab * half_pi
    return (prim - prim_at_a) / (2 * arb.pi() * gb)


def _mp_side(x: RealInput, gamma: RealInput, upper: bool, precision: Precision) -> arb:
    """cdf (``upper`` false) or sf of MP(γ), each side from its own closed form (sf is the
    continuous mass above x, not 1 - cdf)."""
    xv, g = to_signed_real(x, "x"), to_positive(gamma, "gamma")
    above_one = gamma_above_one(g)

    def evaluate(w: int) -> arb:
        gb, xb = arb(g), arb(xv)
        lo, hi = mp_edges(gb)
        atom = atom_mass(gb) if above_one else arb(0)
        continuous = 1 - atom  # 1/γ for γ > 1
        if xb < 0:
            below = arb(0)
        elif xb <= lo:
            below = atom
        elif xb >= hi:
            below = arb(1)
        else:
            mass = _bulk_mass(xb, gb)
            return continuous - mass if upper else atom + mass
        return 1 - below if upper else below

    return certify(evaluate, **precision, what="MP sf" if upper else "MP cdf", inputs=(xv, g))


def mp_cdf(x: RealInput, gamma: RealInput, **precision: Unpack[Precision]) -> arb:
    """Certified MP(γ) distribution function, atom included (closed form, :func:`_bulk_mass`).

    >>> from htmp_exact import exact
    >>> exact.mp_cdf("0.5", 4) == exact.atom(4)      # below λ- = 1 only the atom 3/4
    True
    """
    return _mp_side(x, gamma, False, precision)


def mp_sf(x: RealInput, gamma: RealInput, **precision: Unpack[Precision]) -> arb:
    """Certified MP(γ) survival function (the continuous mass above x, not ``1 - cdf``)."""
    return _mp_side(x, gamma, True, precision)


def mp_stieltjes(z: ComplexInput, gamma: RealInput, **precision: Unpack[Precision]) -> acb:
    r"""Certified MP(γ) Stieltjes transform, the root of ``γ z S² + (z + γ - 1) S + 1 = 0``
    with ``S ~ -1/z`` at infinity:
    :math:`S = (1 - γ - z + \sqrt{z-\lambda_+}\sqrt{z-\lambda_-})/(2γz)`.

    ``z`` as in :func:`~htmp_exact.exact.stieltjes`.

    >>> from htmp_exact import exact
    >>> s = exact.mp_stieltjes("-1/3", "0.5", digits=30)     # a root of S² + 5S - 6 = 0
    >>> s.real.overlaps(1) and s.rel_accuracy_bits() > 99
    True
    """
    point = to_off_support(z, "z")
    g = to_positive(gamma, "gamma")

    def evaluate(w: int) -> acb:
        gb, zb = arb(g), point.ball()
        lo, hi = mp_edges(gb)
        root = (zb - hi).sqrt() * (zb - lo).sqrt()
        return (1 - gb - zb + root) / (2 * gb * zb)

    return certify(evaluate, **precision, what="MP Stieltjes transform", inputs=(point.real, point.imag, g))


def mp_moment(k: int, gamma: RealInput) -> fmpq | arb:
    """Narayana moments ``m_k = Σ_{j<k} γ^j/(j+1) C(k,j) C(k-1,j)`` (exact for rational γ).

    >>> from htmp_exact import exact
    >>> exact.mp_moment(3, 2)          # 1 + 3γ + γ²
    11
    """
    order = check_order(k)
    g = to_positive(gamma, "gamma")
    zero: Callable[[], fmpq | arb] = (lambda: fmpq(0)) if isinstance(g, fmpq) else (lambda: arb(0))
    if order == 0:
        return zero() + 1
    return sum((g**j * fmpq(comb(order, j) * comb(order - 1, j), j + 1) for j in range(order)), zero())

r"""Imaginary parts of U on the cut without cancellation (the tails of the distribution function).

The phase formula of :mod:`.._phase` needs ``Im u`` with full relative accuracy where it is
exponentially small against ``|u|``: below the bulk (small ``y``) and past it (large ``y``,
after the rotation ``e^{iπc}``).  Two routes each: exact connection formulas (DLMF 13.2.41,
13.2.42), evaluated at the precision their own cancellation calls for, and the part of the
real-saddle contour off the real axis, on which the integrand's phase is constant.
"""

from __future__ import annotations

from flint import acb, arb

from ..._inputs import Real
from .._kummer import regularized_m
from .._precision import CONTRACT_SLACK_BITS, check_time, more_accurate, rel_accuracy_bits, workprec
from ._contour import Pieces, contour_pieces


def _pieces_on_cut(c: Real, alpha: Real, y: Real, prec: int, side: int) -> Pieces | None:
    """:func:`._contour.contour_pieces` of ``U(c, -α, ·)`` at ``-y`` (from below the cut), or
    ``None`` unless the path's leading run on the real axis lies on ``side`` of 0 (-1 or 1)."""
    with workprec(prec):
        w = acb(-arb(y))
    pieces = contour_pieces(c, -alpha, w, prec)
    return pieces if pieces is not None and pieces[4] == side else None


def rotated_u_contour(c: Real, alpha: Real, y: Real, prec: int) -> acb:
    r"""``e^{iπc} u(y)`` with a sharp imaginary part, from the real-saddle contour (upper tail).

    Outside the bulk the path runs along ``(-τ_far, 0)`` above the cut, where
    :math:`t^{c-1} = e^{i\pi(c-1)} \tau^{c-1}`: that part of :math:`\Gamma(c) U(c,-\alpha,y e^{-i\pi})`
    is :math:`e^{i\pi c} R` with ``R`` real, so with ``Z`` the rest of the path,
    :math:`e^{i\pi c} u = \overline{(R + e^{-i\pi c} Z)}/\Gamma(c)`: the exponentially small
    imaginary part comes from ``Z`` alone, with ``Z``'s relative accuracy.  The imaginary
    part of the ball ``e^{-iπc} (axis integral)`` is discarded because it is exactly 0.
    Non-finite when the path is not of that shape.
    """
    nan = acb(arb.nan(), arb.nan())
    pieces = _pieces_on_cut(c, alpha, y, prec, side=-1)
    if pieces is None:
        return nan
    axis, rest, scale, work, _ = pieces
    with workprec(work):
        sin_pc, cos_pc = arb(c).sin_cos_pi()
        unrotate = acb(cos_pc, -sin_pc)
        real_part = (unrotate * axis).real
        z = unrotate * rest
        value = acb(real_part + z.real, -z.imag) * scale
    with workprec(prec):
        return value + 0


def im_u_lower_contour(c: Real, alpha: Real, y: Real, prec: int) -> arb:
    r"""``Im u(y)`` with full relative accuracy below the bulk, from the real-saddle contour.

    Below the bulk the saddles of the untransformed integrand (DLMF 13.4.4, ``a = c``,
    ``b = -α``) are real and positive, and the path runs along ``(0, τ_far)``, where the
    integrand :math:`e^{yt} t^{c-1} (1+t)^{-s}` is real: that part of the integral is real,
    so with ``Z`` the rest of the path (from the far saddle up), :math:`\operatorname{Im} u =
    -\operatorname{Im}(Z)\, e^{shift}/\Gamma(c)` (``u`` is the conjugate of the integral,
    the value below the cut), with ``Z``'s own relative accuracy.  The imaginary part of the
    axis ball is discarded because it is exactly 0.  Non-finite when the path is not of
    that shape.
    """
    pieces = _pieces_on_cut(c, alpha, y, prec, side=1)
    if pieces is None:
        return arb.nan()
    _, rest, scale, work, _ = pieces
    with workprec(work):
        value = -rest.imag * scale
    with workprec(prec):
        return value + 0


def _sharpen(formula, prec: int) -> arb:
    """Evaluate ``formula(p)`` at rising internal precision until it is accurate to ~``prec`` bits.

    The connection formulas below are cheap but lose bits to cancellation inside Arb's
    1F1/U for large parameters; raising their own precision is far cheaper than raising
    the caller's (which would also redo the contour integral).
    """
    best = arb.nan()
    p = prec
    while p <= max(8 * prec, prec + 4096):
        check_time("Tricomi U (imaginary part)")
        best = more_accurate(best, formula(p))
        if rel_accuracy_bits(best) >= prec - CONTRACT_SLACK_BITS // 2:
            break
        p *= 2
    with workprec(prec):
        return best + 0


def im_u_small(c: Real, alpha: Real, y: Real, prec: int) -> arb:
    r"""``Im u(y) = -pi y^(1+alpha) e^(-y) M~(1-c, 2+alpha, y) / Gamma(c)`` (DLMF 13.2.42, 13.2.39, 5.5.3).

    From the connection formula with :math:`z = y e^{i\pi}`, ``b = -alpha``:
    :math:`\operatorname{Im} u = \sin(\pi(1+\alpha))\,\Gamma(-\alpha-1)\, y^{1+\alpha}
    M(s, 2+\alpha, -y)/\Gamma(c)`; the reflection formula turns
    :math:`\sin(\pi(1+\alpha))\Gamma(-1-\alpha)` into :math:`-\pi/\Gamma(2+\alpha)`, and
    Kummer's transformation gives :math:`M(s, 2+\alpha, -y) = e^{-y} M(1-c, 2+\alpha, y)`
    (``2 + alpha - s = 1 - c``); ``M~`` is the regularized Kummer function.
    Accurate where ``Im u`` is small relative to ``|u|`` (small y).
    """

    def formula(p: int) -> arb:
        with workprec(p):
            cb, ab, yb = arb(c), arb(alpha), arb(y)
            m = regularized_m(1 - cb, ab + 2, yb, p)
            return -arb.pi() * yb ** (ab + 1) * (-yb).exp() * m * cb.rgamma()

    return _sharpen(formula, prec)


def im_rotated_u(c: Real, alpha: Real, y: Real, prec: int) -> arb:
    r"""``Im(e^{i pi c} u(y)) = pi e^{-y} U(1-s, -alpha, y) / (Gamma(c) Gamma(s))``.

    From DLMF 13.2.41 with parameters ``(b-a, b)``: the imaginary part of
    :math:`e^{i\pi a} U(a, b, y e^{i\pi})` is
    :math:`\Gamma(b-a)\sin(\pi(b-a)) e^{-y} U(b-a, b, y)/\Gamma(a)` and
    :math:`\Gamma(b-a)\sin(\pi(b-a)) = \pi/\Gamma(1-b+a)` (DLMF 5.5.3).  With
    ``a = c``, ``b = -alpha``: ``b - a = 1 - s``, ``1 - b + a = s``.  Accurate in
    the upper tail, where this imaginary part is exponentially small.
    """

    def formula(p: int) -> arb:
        with workprec(p):
            cb, ab, yb = arb(c), arb(alpha), arb(y)
            s = cb + ab + 1
            return arb.pi() * (-yb).exp() * yb.hypgeom_u(1 - s, -ab) * cb.rgamma() * s.rgamma()

    return _sharpen(formula, prec)

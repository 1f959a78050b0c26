r"""Tricomi's U by a rigorous contour integral of DLMF 13.4.4 along a planned polygon.

.. math::  U(a, b, w) = \frac{1}{\Gamma(a)}
           \int_0^{\infty e^{i\theta}} e^{-w t}\, t^{a-1} (1+t)^{b-a-1}\, dt,
           \qquad \tfrac{\pi}{2} < \theta \le \pi,

valid for ``a > 0`` and any real ``b``, continued to ``Im w <= 0`` by rotating the path.  The
path is planned in floats (:mod:`._planning`) and frozen as a polygon with exact (dyadic)
vertices in the closed upper half plane; by Cauchy's theorem any such polygon gives the
same value.  Runs of edges are integrated by Gauss–Legendre rules with a rigorous error
bound (:mod:`._gauss_legendre`), or by Arb's certified integrator; the two ends, ``[0, t0]``
and the ray from the last vertex to infinity, are enclosed by explicit bounds
(:mod:`._bounds`) and added as error balls.  Every step is rigorous.
"""

from __future__ import annotations

import math

from flint import acb, arb

from ..._inputs import Real
from .._precision import check_time, meets_contract, midpoint, workprec
from ._bounds import start_bound, tail_bound
from ._gauss_legendre import PhaseSeries, gauss_legendre_piece
from ._planning import Phase, plan_path

#: The quadrature's absolute tolerance is this many bits above 2^-prec times the integrand's
#: width (tuning only; the bound is rigorous regardless): the ~10 pieces' errors add up to
#: U's relative accuracy of about prec - 12 bits, within the contract's slack.
TOLERANCE_SLACK_BITS = 8


#: Path edges merged into one Gauss–Legendre piece (tuning only): about 10 local widths, the
#: rule's nodes per width fall as the piece grows, until the phase's Taylor series limits it.
EDGES_PER_PIECE = 4


#: Times a single edge is halved before Arb's adaptive integrator takes it (tuning only): an
#: edge that ends next to the singularity at -1 needs a few halvings; Arb's integrator cannot
#: integrate it in the centred form, whose expansion point is fixed at the edge's midpoint.
MAX_HALVINGS = 10


def _exact_point(t: complex) -> acb:
    return acb(float(t.real), float(t.imag))  # floats are exact dyadics


def _log1p_minus_id(eps: acb, weight: float) -> acb:
    """Enclosure of log(1+eps) - eps on a (possibly wide) ball with |eps| <= 1/2.

    Uses the series -sum_{k>=2} (-eps)^k / k, truncated after K terms, with the
    remainder bounded by r^(K+2) / ((K+2)(1-r)), r = sup|eps|.  Unlike the direct
    difference, this keeps the O(eps^2) size on wide balls (no dependency blow-up).
    These enclosures only serve Arb's error bounds, so K is chosen to make the remainder,
    times the coefficient ``weight`` it is multiplied by, about 2^-10.
    Returns a non-finite ball when |eps| may exceed 1/2.
    """
    r = abs(eps).upper()
    if not r <= arb(1) / 2:
        return acb(arb.nan(), arb.nan())
    r_float = max(float(r), 1e-300)
    terms = min(40, max(2, math.ceil((math.log2(1 + weight) + 10) / -math.log2(r_float)) - 2))
    acc = acb(0)
    for k in range(terms + 1, 1, -1):
        acc = acc * (-eps) + acb(arb(-1) / k)
    rem = r ** (terms + 2) / ((terms + 2) * (1 - r))
    return acc * eps * eps + acb(arb(0, rem.upper()), arb(0, rem.upper()))


class _CenteredIntegrand:
    """exp(phi(t) - shift) in centred form about an exact point tm of one path edge.

    phi(t) = phi(tm) + phi'(tm) d + (a-1) g(d/tm) + bm g(d/(1+tm)), d = t - tm,
    g(e) = log(1+e) - e.  The centred form keeps Arb's enclosures on the wide
    balls used for error bounds tight (the linear terms -w d, (a-1) d/tm, bm d/(1+tm)
    nearly cancel near the saddle and would otherwise blow the ball up).
    """

    def __init__(self, a: arb, bm: arb, w: acb, tm: acb, shift: arb):
        # acb copies of the real coefficients: python-flint's arb * acb is ~6x slower than acb * acb
        self.a1, self.bm, self.tm, self.w = acb(a - 1), acb(bm), tm, w
        self.weights = (abs(float(self.a1.real.mid())), abs(float(bm.mid())))
        self.inv0, self.inv1 = 1 / tm, 1 / (1 + tm)
        self.base = -w * tm + self.a1 * tm.log() + self.bm * (1 + tm).log() - shift
        self.slope = -w + self.a1 * self.inv0 + self.bm * self.inv1

    def __call__(self, t: acb, analytic: bool) -> acb:
        d = t - self.tm
        e0, e1 = d * self.inv0, d * self.inv1
        if analytic:
            g0, g1 = _log1p_minus_id(e0, self.weights[0]), _log1p_minus_id(e1, self.weights[1])
            return (self.base + self.slope * d + self.a1 * g0 + self.bm * g1).exp()
        return (self.base - self.w * d + self.a1 * (1 + e0).log() + self.bm * (1 + e1).log()).exp()


def tricomi_contour(a: Real, b: Real, w: acb, prec: int) -> acb:
    r"""``U(a, b, w)`` for ``Im w <= 0`` by the saddle-point contour integral (rigorous).

    .. math:: U(a, b, w) = \frac{1}{\Gamma(a)} \int_0^{\infty e^{i\theta}}
              e^{-w t} t^{a-1} (1+t)^{b-a-1}\, dt

    along a polygon in the upper half plane (DLMF 13.4.4 continued by rotating the path);
    for real ``w < 0`` this is the value from *below* the cut, ``U(a, b, |w| e^{-i\pi})``.
    Needs ``a >= 1`` and ``b - a - 1 <= 0``.  Returns a non-finite ball when the method does
    not apply or no path is found (the caller then reports a :class:`PrecisionError`).
    """
    pieces = contour_pieces(a, b, w, prec)
    if pieces is None:
        return acb(arb.nan(), arb.nan())
    axis, rest, scale, work, _ = pieces
    with workprec(work):
        value = (axis + rest) * scale
    with workprec(prec):
        return value + 0  # round to the working precision


#: ``(axis, rest, scale, work_prec, side)`` of :func:`contour_pieces`.
Pieces = tuple[acb, acb, arb, int, int]


def contour_pieces(a: Real, b: Real, w: acb, prec: int) -> Pieces | None:
    """The contour integral of :func:`tricomi_contour` in two parts, or ``None``.

    Returns ``(axis, rest, scale, work_prec, side)``: ``axis`` is the integral over the leading
    vertices on the real axis (with the bound for ``[0, t0]``), ``rest`` the remainder (with
    the bound for the final ray), both normalised by ``e^(-shift)``; ``scale = e^shift/Γ(a)``;
    ``side`` is -1 or 1 if those vertices all lie on that side of 0, else 0.
    """
    with workprec(prec):
        ab = arb(a)
        bm = arb(b) - ab - 1
        if not (ab >= 1 and bm <= 0 and w.imag <= 0):
            return None
    wf = midpoint(w)
    if wf == 0:
        return None
    ph = Phase(float(ab.mid()), float(bm.mid()), wf)
    plan = plan_path(ph, (prec + 30) * math.log(2))
    if plan is None:
        return None
    path = plan.path
    points = [_exact_point(t) for t in path]
    work = prec + 10 + int(math.log2(2 + abs(wf) + abs(ph.a1) + abs(ph.bm)))
    # absolute tolerance of the quadrature on the normalised integrand (at most ~1, its
    # integral ~ the width 1/sqrt|phi''| at the saddle); only the speed depends on it
    log_tol = math.log(plan.width) - (prec - TOLERANCE_SLACK_BITS) * math.log(2)
    split = max(plan.on_axis - 1, 0)
    with workprec(work):
        # the part off the axis starts at the far saddle and is normalised by its own size
        # there, so that it keeps its relative accuracy when it is much smaller than the axis part
        shift, rest_shift = arb(plan.phis), arb(plan.rest_phis)
        start = start_bound(ab, bm, w, points[0], shift)
        axis = acb(arb(0, start), arb(0, start))
        axis += _polygon_integral(ab, bm, w, path[: split + 1], points[: split + 1], shift, log_tol, work)
        rest = _polygon_integral(ab, bm, w, path[split:], points[split:], rest_shift, log_tol, work)
        tail = tail_bound(ab, bm, w, points[-1], rest_shift)
        rest = (rest + acb(arb(0, tail), arb(0, tail))) * (rest_shift - shift).exp()
        return axis, rest, shift.exp() * ab.rgamma(), work, plan.side


def _polygon_integral(
    a: arb, bm: arb, w: acb, path: list[complex], points: list[acb], shift: arb, log_tol: float, prec: int
) -> acb:
    """Integral of exp(phi - shift) along the polygon ``points`` (``path``: the same in floats).

    Runs of up to :data:`EDGES_PER_PIECE` edges are integrated as one straight piece by
    :func:`._gauss_legendre.gauss_legendre_piece` (the chord stays in the closed upper half
    plane with the edges, so Cauchy's theorem allows it); a run whose error bound misses the
    tolerance is split at its middle vertex, a single edge is halved up to
    :data:`MAX_HALVINGS` times, and then goes to Arb's adaptive integrator.
    """
    a1c, bmc = acb(a - 1), acb(bm)

    def gauss_legendre(p: acb, q: acb, fp: complex, fq: complex):
        mid = (fp + fq) / 2
        if abs(fq - fp) / 2 >= 0.5 * min(abs(mid), abs(1 + mid)):
            return None  # the phase's Taylor series cannot reach a useful ellipse
        return gauss_legendre_piece(PhaseSeries(a1c, bmc, w, p, q, shift), log_tol, prec)

    def edge(p: acb, q: acb, fp: complex, fq: complex, halvings: int) -> acb:
        value = gauss_legendre(p, q, fp, fq)
        if value is not None:
            return value
        if halvings < MAX_HALVINGS:
            m, fm = (p + q) / 2, (fp + fq) / 2
            return edge(p, m, fp, fm, halvings + 1) + edge(m, q, fm, fq, halvings + 1)
        return acb.integral(_CenteredIntegrand(a, bm, w, (p + q) / 2, shift), p, q)

    def run(i: int, j: int) -> acb:
        if j - i == 1:
            return edge(points[i], points[j], path[i], path[j], 0)
        value = gauss_legendre(points[i], points[j], path[i], path[j])
        if value is not None:
            return value
        return run(i, (i + j) // 2) + run((i + j) // 2, j)

    total = acb(0)
    for i in range(0, len(points) - 1, EDGES_PER_PIECE):
        check_time("Tricomi U (contour integral)")
        total += run(i, min(i + EDGES_PER_PIECE, len(points) - 1))
    return total


def u_contour(c: Real, alpha: Real, y: Real, prec: int) -> acb:
    """``U(c, -alpha, y e^{i pi})`` by :func:`tricomi_contour` (the conjugate of the value from below).

    First after the Kummer transformation (DLMF 13.2.40) ``U(c, -α, z) = z^(1+α) U(s, 2+α, z)``:
    its first parameter ``s = c/γ >= c`` keeps the integrand's singularity at 0 mild (measured:
    as fast or faster than the untransformed integral, and 100x faster when c is near 1);
    then, if that fails, the untransformed integral.
    """
    with workprec(prec):
        w = acb(-arb(y))
        s = c + alpha + 1
        lower = tricomi_contour(s, alpha + 2, w, prec)
        if meets_contract(lower, prec):
            sin_pa, cos_pa = (arb(alpha) + 1).sin_cos_pi()
            power = arb(y) ** (arb(alpha) + 1) * acb(cos_pa, -sin_pa)  # (y e^{-iπ})^(1+α)
            return (power * lower).conjugate()
        return tricomi_contour(c, -alpha, w, prec).conjugate()

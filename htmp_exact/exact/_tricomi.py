r"""Tricomi's U on the negative real axis, rigorously (SPEC §1, §3, §8).

The HTMP law needs :math:`u(y) = U(c, -\alpha, y e^{i\pi})` for :math:`y > 0`
(the value from above the cut; the value from below is its conjugate).
Rigorous routes, tried in this order (:func:`u_on_cut`):

0. For exact integers ``c >= 1`` and ``alpha >= -1`` (an even κ with an integer
   ``b``): a closed form in the exponential integral, :mod:`._tricomi_ei`.
1. **Arb** ``acb_hypgeom_u`` at the exact negative real ``-y`` (python-flint
   ``acb(-y).hypgeom_u(a, b)``): fast for moderate parameters, but for large κ
   in the bulk of the law it needs thousands of bits.  At an exact integer ``b``
   Arb takes a logarithmic limit; there the non-integer ``b + ε`` is evaluated
   first, with a bound on ``|∂U/∂b|`` (:func:`u_direct_shifted`).
2. **Saddle-point contour integral** of DLMF 13.4.4,

   .. math::  U(a, b, y e^{-i\pi}) = \frac{1}{\Gamma(a)}
              \int_0^{\infty e^{i\theta}} e^{y t}\, t^{a-1} (1+t)^{b-a-1}\, dt,
              \qquad \tfrac{\pi}{2} < \theta \le \pi,

   valid for ``a > 0`` and any real ``b``.  The path is the steepest-descent
   path through the complex saddle of the integrand (present exactly in the
   oscillatory bulk; a saddle next to the axis is reached along the axis), or
   along the real axis through the real saddles outside the bulk, traced in
   floating point and then frozen as a polygon with exact (dyadic) vertices.
   By Cauchy's theorem any such polygon in the closed upper half plane gives the
   same value, so the floating-point tracing only affects speed, never
   correctness.  Runs of edges are integrated by Gauss–Legendre rules with a
   rigorous error bound (:mod:`._edge_quadrature`), or by Arb's certified
   integrator; the two ends, ``[0, t0]`` and the ray from the last vertex to
   infinity, are enclosed by explicit bounds (see :func:`_start_bound`,
   :func:`_tail_bound`) and added as error balls.  Every step is rigorous.

The imaginary parts needed near the ends of the support come from exact
connection formulas (no cancellation), see :func:`im_u_small` and
:func:`im_rotated_u`, or from the part of the contour off the real axis
(:func:`im_u_lower_contour`, :func:`rotated_u_contour`).
"""
from __future__ import annotations

import cmath
import itertools
import math
from typing import List, Tuple

from flint import acb, arb

from .._domain import Real, is_integer
from ._edge_quadrature import PhaseSeries, gauss_legendre_piece
from ._kummer import regularized_m
from ._precision import midpoint, more_accurate, rel_accuracy_bits, retry_precision, workprec
from ._tricomi_ei import u_integer_on_cut


def u_direct(c: Real, alpha: Real, y: Real, prec: int) -> acb:
    """``U(c, -alpha, y e^{i pi})`` by Arb's ``acb_hypgeom_u`` at ``prec`` bits (rigorous)."""
    with workprec(prec):
        return acb(-arb(y)).hypgeom_u(arb(c), -arb(alpha))


# --------------------------------------------------------------------------
# contour integral
# --------------------------------------------------------------------------

class _Phase:
    """Floating-point model of phi(t) = -w t + (a-1) log t + bm log(1+t), for path tracing only."""

    def __init__(self, a: float, bm: float, w: complex):
        self.a1, self.bm, self.w = a - 1.0, bm, w

    def value(self, t: complex) -> complex:
        return -self.w * t + self.a1 * cmath.log(t) + self.bm * cmath.log(1 + t)

    def d1(self, t: complex) -> complex:
        return -self.w + self.a1 / t + self.bm / (1 + t)

    def d2(self, t: complex) -> complex:
        return -self.a1 / t**2 - self.bm / (1 + t) ** 2

    def saddles(self):
        """Roots of w t^2 + (w - a + 1 - bm) t - (a - 1) = 0 (phi' = 0).

        ``(complex roots in the upper half plane, None)``, or for real negative ``w``
        outside the oscillatory bulk ``([], (near, far))``, the real roots ordered by modulus.
        """
        w = self.w
        lin = w - self.a1 - self.bm
        disc = lin * lin + 4 * w * self.a1
        if w.imag == 0 and disc.real >= 0:
            if w.real >= 0:
                return [], None
            root = math.sqrt(disc.real)
            r1 = (-lin.real - math.copysign(root, lin.real)) / (2 * w.real)
            r2 = -self.a1 / (w.real * r1) if r1 != 0 else 0.0
            return [], tuple(sorted((r1, r2), key=abs))
        root = cmath.sqrt(disc)
        roots = [(-lin + root) / (2 * w), (-lin - root) / (2 * w)]
        return [t for t in roots if t.imag > 0], None


#: Path vertices are this many local widths 1/sqrt|phi''| apart (tuning only: any polygon
#: in the upper half plane gives the same value).
STEP_WIDTHS = 2.5


def _trace(ph: _Phase, start: complex, first: complex, stop, max_steps: int = 4000,
           radius: float = 1e12) -> List[complex]:
    """Follow the steepest-descent direction -conj(phi') from ``start + first`` until ``stop``;
    ``[]`` if the path leaves the upper half plane or the disc ``|t| < radius``."""
    pts = [start + first]
    t = pts[0]
    for _ in range(max_steps):
        if stop(t):
            return pts
        g = ph.d1(t)
        width = 1.0 / math.sqrt(abs(ph.d2(t)))
        h = min(STEP_WIDTHS * width, 0.25 * abs(t), 0.25 * abs(1 + t))
        t = t - g.conjugate() / abs(g) * h
        if t.imag <= 0 or abs(t) > radius:
            return []
        pts.append(t)
    return []


def _along_real_axis(ph: _Phase, end: float, start_ok, stop=None) -> List[complex]:
    """Vertices on the real segment from near 0 to ``end`` (outside the bulk, real saddles).

    On the negative axis the points lie on the cut of t^(a-1); they are taken as limits from
    above, which :class:`_CenteredIntegrand` (centred at upper-branch logarithms) respects.
    Steps of about one local width 1/sqrt|phi''|; the first vertex is where the start bound
    is negligible; the walk ends early at the first vertex where ``stop`` holds.
    """
    lo, hi = 0.0, end
    for _ in range(200):
        mid = (lo + hi) / 2
        if start_ok(complex(mid, 0.0)):
            lo = mid
        else:
            hi = mid
    if lo == 0.0:
        return []
    pts = [complex(lo, 0.0)]
    t = lo
    for _ in range(20000):
        if abs(t) >= abs(end) or (stop is not None and stop(complex(t, 0.0))):
            break
        width = 1.0 / math.sqrt(abs(ph.d2(complex(t, 0.0))))
        step = min(STEP_WIDTHS * width, 0.25 * abs(t), 0.25 * abs(1 + t), abs(end - t))
        t = t + math.copysign(step, end)
        pts.append(complex(t, 0.0))
    else:
        return []
    return pts


def _exact_point(t: complex) -> acb:
    return acb(float(t.real), float(t.imag))  # floats are exact dyadics


def _start_bound(a: arb, bm: arb, w: acb, t0: acb, shift: arb) -> arb:
    """Upper bound of |int_0^{t0} exp(-w t + (a-1) log t + bm log(1+t) - shift) dt|, a >= 1, bm <= 0.

    On the segment t = tau t0 (0 <= tau <= 1), of length r = |t0|, with D = Re(w t0):
    |t^(a-1) e^(-w t)| = r^(a-1) tau^(a-1) e^(-tau D), at most r^(a-1) times
    tau*^(a-1) e^(-(a-1)) (the global maximum, tau* = (a-1)/D) if D > 0, e^(-D) if moreover
    tau* >= 1, and e^(max(0, -D)) otherwise; |1+t| >= m, the minimum of |1 + tau t0| on [0, 1]
    (1, |1+t0|, or the distance |Im t0|/r from -1 to the line through 0 and t0), so
    |1+t|^bm <= m^bm.
    """
    r = abs(t0)
    D = (w * t0).real
    if D > 0:
        tau = (a - 1) / D
        peak = (-D).exp() if tau >= 1 else tau ** (a - 1) * (1 - a).exp()
    else:
        peak = max(arb(0), -D).exp()
    tau_m = -t0.real / (r * r)
    if tau_m <= 0:
        m = arb(1)
    elif tau_m >= 1:
        m = abs(1 + t0)
    else:
        m = abs(t0.imag) / r
    return (r ** a * peak * m.lower() ** bm * (-shift).exp()).upper()


def _log_start_bound(ph: "_Phase", t0: complex) -> float:
    """Floating-point estimate of log(_start_bound) without the shift, for path tracing."""
    r = abs(t0)
    D = (ph.w * t0).real
    if D > 0:
        tau = ph.a1 / D
        log_peak = -D if tau >= 1 else (ph.a1 * math.log(tau) - ph.a1 if tau > 0 else 0.0)
    else:
        log_peak = -D
    tau_m = -t0.real / (r * r)
    m = 1.0 if tau_m <= 0 else abs(1 + t0) if tau_m >= 1 else abs(t0.imag) / r
    if m <= 0:
        return math.inf
    return (ph.a1 + 1) * math.log(r) + log_peak + ph.bm * math.log(m)


def _tail_directions(w: complex, te: complex) -> List[complex]:
    """Candidate directions of the final ray: fastest decay of e^(-w t), and (if it keeps the
    ray in the upper half plane) perpendicular to te + 1, along which |1+t| only grows."""
    dirs = [w.conjugate() / abs(w)]
    if (1 + te).real >= 0:
        dirs.append(1j * (1 + te) / abs(1 + te))
    return dirs


def _tail_bound(a: arb, bm: arb, w: acb, te: acb, shift: arb) -> arb:
    """Upper bound of the integral over a ray from ``te`` to infinity (the smaller of the candidates).

    Ray t = te + r e (r >= 0, |e| = 1, Im e >= 0 so it stays in the upper half plane), with
    decay rate q = Re(w e) > 0: |e^(-w t)| = e^(-Re(w te)) e^(-q r); |t| <= T + r, T = |te|;
    |1+t| >= m, the distance from -1 to the ray.  With a >= 1, bm <= 0 the integral is at most
    exp(-Re(w te) + bm log m - shift) e^(qT) q^(-a) Gamma(a, qT).  A further candidate
    for a real ``te > 0`` is the vertical ray, :func:`_vertical_ray_bound`.
    Returns +inf when no candidate direction applies.
    """
    best = _vertical_ray_bound(a, bm, w, te, shift)
    T = abs(te)
    for direction in _tail_directions(midpoint(w), midpoint(te)):
        e = acb(direction.real, direction.imag)
        e = e / abs(e)
        q = (w * e).real
        if not (q > 0 and e.imag >= 0):
            continue
        v = -1 - te
        along = (e.conjugate() * v).real
        m = abs(1 + te) if along <= 0 else abs((e.conjugate() * v).imag)
        if not m > 0:
            continue
        X = q * T
        bound = ((-(w * te).real + bm * m.log() - shift).exp() * X.exp() * q ** (-a) * X.gamma_upper(a)).upper()
        if bound < best:
            best = bound
    return best


def _vertical_ray_bound(a: arb, bm: arb, w: acb, te: acb, shift: arb) -> arb:
    """Upper bound of the integral over the vertical ray from a real ``te > 0`` (algebraic decay).

    Needs a >= 1, p = 1 - a - bm > 1 and Re w, Im w <= 0; returns +inf otherwise.  On
    t = te + i r: |e^(-w t)| = e^(-Re(w te)) e^(r Im w) <= e^(-Re(w te)); |t| <= |1+t| (Re t > 0),
    so |t^(a-1) (1+t)^bm| <= |1+t|^(-p) = (M^2 + r^2)^(-p/2), M = 1 + te, whose integral over
    r >= 0 is M^(1-p) int_0^inf (1+u^2)^(-p/2) du <= M^(1-p) p/(p-1).  The ray is admissible:
    with Re w, Im w <= 0, |e^(-w t)| <= 1 on the arcs |t| = R, pi/2 <= arg t <= pi that join it
    to the rays of DLMF 13.4.4, while |t|^(a-1+bm) R -> 0 there.
    """
    p = 1 - a - bm
    if not (te.imag.is_zero() and te.real > 0 and a >= 1 and p > 1 and w.real <= 0 and w.imag <= 0):
        return arb.pos_inf()
    m = 1 + te.real
    return ((-(w * te).real + (1 - p) * m.log() - shift).exp() * p / (p - 1)).upper()


def _log_vertical_ray_estimate(ph: "_Phase", te: complex) -> float:
    """Floating-point log of :func:`_vertical_ray_bound` without the shift (+inf where it does not apply)."""
    p = -ph.a1 - ph.bm
    if not (te.imag == 0 and te.real > 0 and p > 1 and ph.w.real <= 0 and ph.w.imag <= 0):
        return math.inf
    return -ph.w.real * te.real + (1 - p) * math.log1p(te.real) + math.log(p / (p - 1))


def _log_tail_estimate(ph: "_Phase", te: complex) -> float:
    """Floating-point estimate of log(_tail_bound) without the shift (Gamma(a, X) ~ X^(a-1) e^(-X))."""
    best = math.inf
    T = abs(te)
    for e in _tail_directions(ph.w, te):
        q = (ph.w * e).real
        X = q * T
        if q <= 0 or X <= 2 * ph.a1 + 2:
            continue
        v = -1 - te
        m = abs(1 + te) if (e.conjugate() * v).real <= 0 else abs((e.conjugate() * v).imag)
        if m <= 0:
            continue
        est = -(ph.w * te).real + ph.bm * math.log(m) - (ph.a1 + 1) * math.log(q) + ph.a1 * math.log(X) + math.log(2)
        best = min(best, est)
    return best


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
    pieces = _contour_pieces(a, b, w, prec)
    if pieces is None:
        return acb(arb.nan(), arb.nan())
    axis, rest, scale, work, _ = pieces
    with workprec(work):
        value = (axis + rest) * scale
    with workprec(prec):
        return value + 0  # round to the working precision


def _contour_pieces(a: Real, b: Real, w: acb, prec: int):
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
    ph = _Phase(float(ab.mid()), float(bm.mid()), wf)
    upper, real_roots = ph.saddles()
    drop = (prec + 30) * math.log(2)
    # steepest-descent paths through each saddle first, then along the axis to one
    for trace, centre in itertools.product((_complex_saddle_path, _near_axis_saddle_path), upper):
        phis = rest_phis = ph.value(centre).real
        path = trace(ph, centre, phis, drop)
        if path:
            break
    else:
        if not real_roots or not real_roots[1] > -1 or 0 in real_roots:
            return None
        phis = ph.value(complex(real_roots[0], 0.0)).real
        rest_phis = ph.value(complex(real_roots[1], 0.0)).real
        path = _real_saddle_path(ph, real_roots[1], phis, rest_phis, drop)
        if not path:
            path, rest_phis = _axis_ray_path(ph, real_roots[1], phis, drop), phis
        if not path:
            return None
    # The integrand is analytic in the open upper half plane and continuous up to the axis
    # from above (its branch cuts are t < 0 and t < -1), so by Cauchy any polygon in the
    # closed upper half plane gives the same value.  The float tracer can stray below the
    # axis near a saddle close to it (its principal-branch phase is then on the wrong sheet):
    # such vertices are moved onto the axis (the upper side of the cut), which keeps the
    # polygon admissible; only the speed depends on the path.
    path = [complex(t.real, max(t.imag, 0.0)) for t in path]
    if any(abs(t + 1) < 1e-12 for t in path):
        return None
    points = [_exact_point(t) for t in path]
    on_axis = next((i for i, t in enumerate(path) if t.imag != 0), len(path))
    # the leading run on the axis must stay in (-1, 0), where the integrand's phase is the
    # constant e^{iπ(a-1)}: rotated_u_contour relies on it (a projected vertex could leave it)
    if any(t.real <= -1 for t in path[:on_axis]):
        return None
    # the side of 0 of that run (its vertices are exact: the sign is certain), for the callers
    # that use the integrand's constant phase there: e^{iπ(a-1)} on (-1, 0), 1 on (0, ∞)
    side = next((s for s in (-1, 1) if on_axis and all(s * t.real > 0 for t in path[:on_axis])), 0)

    work = prec + 10 + int(math.log2(2 + abs(wf) + abs(ph.a1) + abs(ph.bm)))
    # absolute tolerance of the quadrature on the normalised integrand (at most ~1, its
    # integral ~ the width 1/sqrt|phi''| at the saddle); only the speed depends on it
    saddles = upper[:1] or [complex(real_roots[0], 0.0), complex(real_roots[1], 0.0)]
    width = min([1.0] + [1 / math.sqrt(abs(ph.d2(t))) for t in saddles])
    log_tol = math.log(width) - (prec - TOLERANCE_SLACK_BITS) * math.log(2)
    split = max(on_axis - 1, 0)
    with workprec(work):
        # the part off the axis starts at the far saddle and is normalised by its own size
        # there, so that it keeps its relative accuracy when it is much smaller than the axis part
        shift, rest_shift = arb(phis), arb(rest_phis)
        start = _start_bound(ab, bm, w, points[0], shift)
        axis = acb(arb(0, start), arb(0, start))
        axis += _polygon_integral(ab, bm, w, path[:split + 1], points[:split + 1], shift, log_tol, work)
        rest = _polygon_integral(ab, bm, w, path[split:], points[split:], rest_shift, log_tol, work)
        tail = _tail_bound(ab, bm, w, points[-1], rest_shift)
        rest = (rest + acb(arb(0, tail), arb(0, tail))) * (rest_shift - shift).exp()
        return axis, rest, shift.exp() * ab.rgamma(), work, side


#: The quadrature's absolute tolerance is this many bits above 2^-prec times the integrand's
#: width (the ~10 pieces' errors add up to U's relative accuracy of about prec - 12 bits, within
#: the 20 bits the callers leave between the working precision and the accuracy they need).
TOLERANCE_SLACK_BITS = 8

#: Path edges merged into one Gauss–Legendre piece (about 10 local widths: the rule's
#: nodes per width fall as the piece grows, until the phase's Taylor series limits it).
EDGES_PER_PIECE = 4

#: Times a single edge is halved before Arb's adaptive integrator takes it (an edge that ends
#: next to the singularity at -1 needs a few halvings; Arb's integrator cannot integrate it
#: in the centred form, whose expansion point is fixed at the edge's midpoint).
MAX_HALVINGS = 10


def _polygon_integral(a: arb, bm: arb, w: acb, path: List[complex], points: List[acb],
                      shift: arb, log_tol: float, prec: int) -> acb:
    """Integral of exp(phi - shift) along the polygon ``points`` (``path``: the same in floats).

    Runs of up to :data:`EDGES_PER_PIECE` edges are integrated as one straight piece by
    :func:`._edge_quadrature.gauss_legendre_piece` (the chord stays in the closed upper half
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
        total += run(i, min(i + EDGES_PER_PIECE, len(points) - 1))
    return total


def _pieces_on_cut(c: Real, alpha: Real, y: Real, prec: int, side: int):
    """:func:`_contour_pieces` of ``U(c, -α, ·)`` at ``-y`` (from below the cut), or ``None``
    unless the path's leading run on the real axis lies on ``side`` of 0 (-1 or 1)."""
    with workprec(prec):
        w = acb(-arb(y))
    pieces = _contour_pieces(c, -alpha, w, prec)
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


def _negligible(estimate, ph: _Phase, phis: float, drop: float):
    """The test ``t -> estimate(ph, t) - phis < -drop`` (``estimate``: the float log of a path
    end's bound, :func:`_log_start_bound`, :func:`_log_tail_estimate` or
    :func:`_log_vertical_ray_estimate`): the piece it bounds is below ``e^-drop`` of the saddle."""
    return lambda t: estimate(ph, t) - phis < -drop


def _descent_steps(ph: _Phase, ts: complex) -> Tuple[complex, complex]:
    """The two steepest-descent steps of one local width 1/sqrt|phi''| from the saddle ``ts``,
    the one towards 0 first."""
    d = 1j / cmath.sqrt(ph.d2(ts))  # |d| = 1/sqrt|phi''|
    toward, away = sorted((d, -d), key=lambda step: abs(ts + step))
    return toward, away


def _complex_saddle_path(ph: _Phase, ts: complex, phis: float, drop: float) -> List[complex]:
    """Steepest-descent polygon 0 <- ts -> infinity through a saddle in the upper half plane."""
    start_ok = _negligible(_log_start_bound, ph, phis, drop)
    tail_ok = _negligible(_log_tail_estimate, ph, phis, drop)
    # the branch that descends to t = 0 stays within |t| < 2|ts| + 1; try the one whose
    # first step points towards 0 first, the other only if that fails
    first, second = _descent_steps(ph, ts)
    for toward, other in ((first, second), (second, first)):
        to_zero = _trace(ph, ts, toward, start_ok, radius=2 * abs(ts) + 1)
        if to_zero:
            to_inf = _trace(ph, ts, other, tail_ok)
            return to_zero[::-1] + [ts] + to_inf if to_inf else []
    return []


def _near_axis_saddle_path(ph: _Phase, ts: complex, phis: float, drop: float) -> List[complex]:
    """Polygon along the real axis (above the cut) from near 0 to below a complex saddle ``ts``
    close to the axis, up to ``ts`` and out to infinity along its outward descent branch.

    Near the edges of the bulk the two saddles almost meet on the axis, and the descent branch
    towards 0 runs below it (the tracer gives up); the axis itself is then nearly a descent
    path.  Any polygon in the closed upper half plane is admissible (only accuracy and speed
    depend on it).
    """
    if not (-1 < ts.real < 0 or ts.real > 0):
        return []
    to_ts = _along_real_axis(ph, ts.real, _negligible(_log_start_bound, ph, phis, drop))
    if not to_ts:
        return []
    to_inf = _trace(ph, ts, _descent_steps(ph, ts)[1], _negligible(_log_tail_estimate, ph, phis, drop))
    return to_ts + [ts] + to_inf if to_inf else []


def _real_saddle_path(ph: _Phase, far: float, phis: float, far_phis: float, drop: float) -> List[complex]:
    """Polygon along the real axis (above the cut when negative) to the far real saddle, then up
    and out to infinity."""
    to_far = _along_real_axis(ph, far, _negligible(_log_start_bound, ph, phis, drop))
    if not to_far:
        return []
    tail_ok = _negligible(_log_tail_estimate, ph, far_phis, drop)
    to_inf = _trace(ph, complex(far, 0.0), 1j / math.sqrt(abs(ph.d2(complex(far, 0.0)))), tail_ok)
    return to_far + to_inf if to_inf else []


def _axis_ray_path(ph: _Phase, far: float, phis: float, drop: float) -> List[complex]:
    """Polygon along the positive real axis, ending where the vertical ray's bound
    (:func:`_vertical_ray_bound`) is negligible; for a far saddle too far away to walk to
    (the lower tail at large κ, where the integrand decays only algebraically before it)."""
    if not far > 0:
        return []
    ray_ok = _negligible(_log_vertical_ray_estimate, ph, phis, drop)
    path = _along_real_axis(ph, far, _negligible(_log_start_bound, ph, phis, drop), stop=ray_ok)
    return path if path and ray_ok(path[-1]) else []


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
        if rel_accuracy_bits(lower) >= prec - 20:
            sin_pa, cos_pa = (arb(alpha) + 1).sin_cos_pi()
            power = arb(y) ** (arb(alpha) + 1) * acb(cos_pa, -sin_pa)  # (y e^{-iπ})^(1+α)
            return (power * lower).conjugate()
        return tricomi_contour(c, -alpha, w, prec).conjugate()


#: Arb's direct U is retried up to this many times the working precision before the
#: contour integral is used (measured: at 15 digits the contour takes 1-2 ms, and Arb's
#: direct U at 2-4x the precision takes 0.3-1.5 ms for c <~ 500; beyond, it costs more).
DIRECT_PREC_FACTOR = 4

#: A ball of Arb's with no correct bit is retried at once at the precision its connection
#: formula calls for (:func:`connection_bits`), and not at all if that exceeds
#: ``DIRECT_PREC_FACTOR * prec``; for ``c <= SHIFT_MAX_C`` up to this many bits above the
#: working precision (measured at 15 digits, upper tail at c = 5-10: Arb at 330-410 bits
#: 0.45-0.55 ms, at 800 bits 1.1-1.7 ms, against 1.5-2.3 ms for the contour; at c ~ 100-500
#: Arb's loss has other causes, and so high a cap doubled the median pdf time at κ = 10³,
#: while the retries it now skips cost up to 1.5 ms each and failed: 0 of 239 succeeded in
#: the bulk and the lower tail at c = 17-1000 on a random sweep).
DIRECT_JUMP_MAX_BITS = 768

#: Arb's direct U starts this many bits above the working precision: on moderate parameters
#: (integer b, c ~ 5-50) it loses 20-40 bits, and the head start saves the retry (measured:
#: median certified pdf at κ = 20 0.38 -> 0.17 ms, 10-20% slower where it was not needed).
DIRECT_EXTRA_BITS = 24


#: An integer b is moved to b + 2^-(prec + SHIFT_BITS) for Arb's faster non-integer U
#: (the shift's error is bounded by :func:`b_derivative_bound`).
SHIFT_BITS = 8

#: The shifted b is used for c <= SHIFT_MAX_C and up to SHIFT_MAX_PREC bits (measured against
#: Arb at the integer, U at 89 bits, α = -1..29, y = c/4..3c: 0.3-1.0 of the time for
#: c = 2.5-15.5, but 2x at c = 25, y = c/4; certified pdf 20-45% faster at 15-40 digits, as
#: fast at 100 digits, 1.5-6x slower at 250 digits).
SHIFT_MAX_PREC = 256
SHIFT_MAX_C = 16


def _bound_angle(c: float, bm: float) -> float:
    """The angle theta of :func:`b_derivative_bound` minimising its leading part
    ``bm log cos(theta) - c log sin(theta)`` (``bm = b - c - 1 < 0``): ``tan^2 theta = c/-bm``."""
    return math.atan(math.sqrt(c / max(-bm, 1e-300)))


def b_derivative_bound(c: Real, b: Real, y: Real, width: arb) -> arb:
    r"""Upper bound of :math:`|\partial_\beta U(c, \beta, y e^{i\pi})|` for real ``β`` in
    ``[b, b + width]``; ``+inf`` unless ``b + width <= c + 1`` (for ``b = -α``:
    ``b - c - 1 = -s < 0``).  Needs ``c > 0``, ``y > 0``.

    DLMF 13.4.4 on the ray :math:`t = r e^{i\varphi}`, :math:`\varphi = -\pi/2 - \theta`,
    ``0 < θ < π/2`` (valid for ``ph z = π``: ``|φ + π| < π/2``; ``1 + t`` stays off the cut):
    :math:`\partial_\beta U = \Gamma(c)^{-1}\int_0^\infty e^{-zt} t^{c-1} (1+t)^{\beta-c-1}
    \log(1+t)\, e^{i\varphi} dr` with :math:`|e^{-zt}| = e^{-qr}`, ``q = y sin θ``;
    :math:`|1+t| \ge m = \cos\theta` (the ray's distance from -1) and ``|1+t| <= 1 + r``, so
    ``|(1+t)^(β-c-1)| <= m^(b-c-1)`` (as ``β - c - 1 <= 0``, ``β >= b``) and
    ``|log(1+t)| <= K + r``, ``K = π - log m``; hence
    :math:`|\partial_\beta U| \le m^{b-c-1} (K q^{-c} + c\, q^{-c-1})`.  The angle only
    affects the bound's size.
    """
    bm = arb(b) - c - 1
    if not bm + width <= 0:
        return arb.pos_inf()
    theta = arb(_bound_angle(float(arb(c).mid()), float(bm.mid())))
    log_m, q, ca = theta.cos().log(), arb(y) * theta.sin(), arb(c)
    return ((bm * log_m - ca * q.log()).exp() * (arb.pi() - log_m + ca / q)).upper()


def u_direct_shifted(c: Real, alpha: Real, y: Real, shift: int, work: int) -> Tuple[acb, arb]:
    """For an integer ``b = -alpha``: Arb's U at the non-integer ``b + ε``, ``ε = 2^-shift``
    (at ``work`` bits), and the bound ``ε`` :func:`b_derivative_bound` of its distance from
    ``U(c, b, y e^{i pi})``.

    U is entire in ``b``; at an integer ``b`` Arb takes the logarithmic limit through power
    series in ``b``, 1.5-2x slower (measured at c = 5-10) than its plain connection formula,
    which at ``b + ε`` loses about ``shift`` bits to cancellation.
    """
    with workprec(work):
        b = -arb(alpha)
        beta = b + arb(2) ** -shift
        value = acb(-arb(y)).hypgeom_u(arb(c), beta)
        width = abs(beta - b).upper()
        return value, (width * b_derivative_bound(c, -alpha, y, width)).upper()


def _shift_estimate(c: float, b: float, y: float) -> int:
    """Bits by which :func:`b_derivative_bound` likely exceeds ``|U|`` (floats, a guess: the
    bound at its angle against ``|U| ~ max(y, c)^-c``, the size of ``z^-c`` (DLMF 13.7.3))."""
    bm = b - c - 1
    theta = _bound_angle(c, bm)
    log_m, log_q = math.log(math.cos(theta)), math.log(y * math.sin(theta))
    log_bound = bm * log_m - c * log_q + math.log(math.pi - log_m + c * math.exp(-log_q))
    return max(0, math.ceil((log_bound + c * math.log(max(y, c))) / math.log(2)))


def _shifted(c: Real, alpha: Real, y: Real, prec: int) -> acb:
    """``U(c, -alpha, y e^{i pi})`` for an integer ``b = -alpha`` by :func:`u_direct_shifted`,
    to ``prec - 20`` bits; NaN if that needs more than ``DIRECT_PREC_FACTOR * prec`` bits.

    The first attempt shifts by ``2^-(prec + SHIFT_BITS)``; a second one, if needed, takes
    the shift and the precision that the first one's ratio ``D/|U|`` and cancellation call for.
    """
    need = prec - 20
    shift = prec + SHIFT_BITS
    if y < c:  # the bound's q^-c grows like (c/y)^c: shift further from the start
        shift += _shift_estimate(float(arb(c).mid()), float(arb(-alpha).mid()), float(arb(y).mid()))
    work = shift + prec + 12
    for _ in range(2):
        if work > DIRECT_PREC_FACTOR * prec:
            break
        value, error = u_direct_shifted(c, alpha, y, shift, work)
        with workprec(work):
            total = value + acb(arb(0, error), arb(0, error))
        value_bits = rel_accuracy_bits(value)
        if rel_accuracy_bits(total) >= need or not error > 0 or value_bits == -math.inf:
            return total
        if not error.is_finite():  # b + ε beyond c + 1 (s < ε): the bound does not apply
            break
        old_shift = shift
        if value_bits >= 4:  # |U| known: the shift that the ratio D/|U| calls for
            shift = int(need + shift + float((error / abs(value)).upper().log()) / math.log(2) + 8)
        # as in _retried, plus the change of the shift's cancellation
        work = retry_precision(work, prec, value_bits) + shift - old_shift
    return acb(arb.nan(), arb.nan())


def connection_bits(size: float, b: Real) -> int:
    """Extra bits for Arb's U at ``|z| = size``: the 1F1 form (DLMF 13.2.42) cancels up to
    ``e^{2|z|}`` (2·log2(e)·|z| bits), and ``1/sin(πb)`` costs ``log2(1/dist(b, ℤ))`` bits near
    a non-integer b (a float estimate)."""
    gap = abs(float(b) - round(float(b)))
    near_integer = 0 if gap == 0 else max(0, math.ceil(-math.log2(gap)))
    return math.ceil(2.9 * min(size, 1e300)) + near_integer + 64  # size may be inf


def _retried(evaluate, prec: int, work: int, need: int, cap: int) -> acb:
    """``evaluate(work)`` (Arb's direct U), retried while the ball is less accurate than
    ``prec - 20`` bits and ``work`` stays at most ``cap``.

    The retry is at :func:`._precision.retry_precision`.  A ball with no correct bit says
    little: the retry is then at least at ``prec + need`` (the caller's estimate of what the
    connection formula needs, :func:`connection_bits`)."""
    direct = evaluate(work)
    while rel_accuracy_bits(direct) < prec - 20:
        bits = rel_accuracy_bits(direct)
        work = retry_precision(work, prec, bits)
        if bits <= 0:
            work = max(work, prec + need)
        if work > cap:
            break
        direct = evaluate(work)
    return direct


def u_on_cut(c: Real, alpha: Real, y: Real, prec: int) -> acb:
    """``U(c, -alpha, y e^{i pi})``, the best rigorous ball of the routes below at ``prec`` bits.

    For exact integers ``c >= 1``, ``alpha >= -1``: first the exponential integral
    (:func:`._tricomi_ei.u_integer_on_cut`).  Then Arb's direct evaluation
    (``DIRECT_EXTRA_BITS`` above ``prec``; for an exact integer ``b = -alpha`` first at the
    shifted ``b``, :func:`u_direct_shifted`), retried at the precision its own loss calls
    for (:func:`_retried`).  Then the contour integral.  Each route runs only if those
    before it fell short of ``prec - 20`` bits.
    """
    direct = acb(arb.nan(), arb.nan())
    if is_integer(c) and is_integer(alpha) and c >= 1 and alpha >= -1:
        direct = u_integer_on_cut(c, alpha, y, prec)
    if (rel_accuracy_bits(direct) < prec - 20 and is_integer(alpha) and c <= SHIFT_MAX_C
            and prec <= SHIFT_MAX_PREC):
        direct = more_accurate(direct, _shifted(c, alpha, y, prec))
    if rel_accuracy_bits(direct) < prec - 20:
        need = connection_bits(float(arb(y).mid()), -alpha)
        cap = DIRECT_PREC_FACTOR * prec
        if c <= SHIFT_MAX_C and need <= DIRECT_JUMP_MAX_BITS:
            cap = max(cap, prec + need)
        direct = more_accurate(direct, _retried(lambda w: u_direct(c, alpha, y, w), prec,
                                                prec + DIRECT_EXTRA_BITS, need, cap))
    if rel_accuracy_bits(direct) >= prec - 20:
        with workprec(prec):
            return direct + 0
    return more_accurate(direct, u_contour(c, alpha, y, prec))


# --------------------------------------------------------------------------
# imaginary parts without cancellation
# --------------------------------------------------------------------------

def _sharpen(formula, prec: int) -> arb:
    """Evaluate ``formula(p)`` at rising internal precision until it is accurate to ~``prec`` bits.

    The connection formulas below are cheap but lose bits to cancellation inside Arb's
    1F1/U for large parameters; raising their own precision is far cheaper than raising
    the caller's (which would also redo the contour integral).
    """
    best = arb.nan()
    p = prec
    while p <= max(8 * prec, prec + 4096):
        best = more_accurate(best, formula(p))
        if rel_accuracy_bits(best) >= prec - 10:
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

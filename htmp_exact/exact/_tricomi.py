r"""Tricomi's U on the negative real axis, rigorously (SPEC §1, §3, §8).

The HTMP law needs :math:`u(y) = U(c, -\alpha, y e^{i\pi})` for :math:`y > 0`
(the value from above the cut; the value from below is its conjugate).
Two rigorous routes, tried in this order:

1. **Arb** ``acb_hypgeom_u`` at the exact negative real ``-y`` (python-flint
   ``acb(-y).hypgeom_u(a, b)``): fast for moderate parameters, but for large κ
   in the bulk of the law it needs thousands of bits, or fails at every
   precision when ``b`` is an integer (SPEC §8).
2. **Saddle-point contour integral** of DLMF 13.4.4,

   .. math::  U(a, b, y e^{-i\pi}) = \frac{1}{\Gamma(a)}
              \int_0^{\infty e^{i\theta}} e^{y t}\, t^{a-1} (1+t)^{b-a-1}\, dt,
              \qquad \tfrac{\pi}{2} < \theta \le \pi,

   valid for ``a > 0`` and any real ``b``.  The path is the steepest-descent
   path through the complex saddle of the integrand (present exactly in the
   oscillatory bulk), traced in floating point and then frozen as a polygon
   with exact (dyadic) vertices.  By Cauchy's theorem any such polygon in the
   upper half plane gives the same value, so the floating-point tracing only
   affects speed, never correctness.  Arb's certified Gauss–Legendre
   integration (``acb.integral``) integrates each edge; the two pieces it cannot
   reach, ``[0, t0]`` and the ray from the last vertex to infinity, are
   enclosed by explicit bounds (see :func:`_start_bound`, :func:`_tail_bound`)
   and added as error balls.  Every step is rigorous.

The imaginary parts needed near the ends of the support come from exact
connection formulas (no cancellation), see :func:`im_u_small` and
:func:`im_rotated_u`.
"""
from __future__ import annotations

import cmath
import math
from typing import List

from flint import acb, arb

from ._precision import rel_accuracy_bits, workprec

Real = object  # arb or fmpq; both accepted by flint arithmetic


def u_direct(c: Real, alpha: Real, y: Real, prec: int) -> acb:
    """``U(c, -alpha, y e^{i pi})`` by Arb's ``acb_hypgeom_u`` at ``prec`` bits (rigorous)."""
    with workprec(prec):
        return acb(-arb(y)).hypgeom_u(arb(c), -arb(alpha))


# --------------------------------------------------------------------------
# contour integral
# --------------------------------------------------------------------------

class _Phase:
    """Floating-point model of phi(t) = y t + (a-1) log t + bm log(1+t), for path tracing only."""

    def __init__(self, a: float, bm: float, y: float):
        self.a1, self.bm, self.y = a - 1.0, bm, y

    def value(self, t: complex) -> complex:
        return self.y * t + self.a1 * cmath.log(t) + self.bm * cmath.log(1 + t)

    def d1(self, t: complex) -> complex:
        return self.y + self.a1 / t + self.bm / (1 + t)

    def d2(self, t: complex) -> complex:
        return -self.a1 / t**2 - self.bm / (1 + t) ** 2

    def saddles(self):
        """Roots of y t^2 + (y + b - 2) t + (a - 1) = 0: ``(upper complex root, None)`` in the
        oscillatory bulk, else ``(None, (near, far))``, the real roots ordered by modulus."""
        bq = self.y + self.a1 + self.bm  # = y + b - 2
        disc = bq * bq - 4 * self.y * self.a1
        if disc < 0:
            return complex(-bq, math.sqrt(-disc)) / (2 * self.y), None
        r1 = (-bq - math.copysign(math.sqrt(disc), bq)) / (2 * self.y)
        r2 = self.a1 / (self.y * r1) if r1 != 0 else 0.0
        return None, tuple(sorted((r1, r2), key=abs))


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
        h = min(1.5 * width, 0.25 * abs(t), 0.25 * abs(1 + t))
        t = t - g.conjugate() / abs(g) * h
        if t.imag <= 0 or abs(t) > radius:
            return []
        pts.append(t)
    return []


def _along_real_axis(ph: _Phase, end: float, start_ok) -> List[complex]:
    """Vertices on the real segment from near 0 to ``end`` (outside the bulk, real saddles).

    On the negative axis the points lie on the cut of t^(a-1); they are taken as limits from
    above, which :class:`_CenteredIntegrand` (centred at upper-branch logarithms) respects.
    Steps of about one local width 1/sqrt|phi''|; the first vertex is where the start bound
    is negligible.
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
        if abs(t) >= abs(end):
            break
        width = 1.0 / math.sqrt(abs(ph.d2(complex(t, 0.0))))
        step = min(1.5 * width, 0.25 * abs(t), 0.25 * abs(1 + t), abs(end - t))
        t = t + math.copysign(step, end)
        pts.append(complex(t, 0.0))
    else:
        return []
    return pts


def _exact_point(t: complex) -> acb:
    return acb(float(t.real), float(t.imag))  # floats are exact dyadics


def _start_bound(a: arb, bm: arb, y: arb, t0: acb, shift: arb) -> arb:
    """Upper bound of |int_0^{t0} exp(y t + (a-1) log t + bm log(1+t) - shift) dt|.

    On the segment t = tau t0 (0 <= tau <= 1), with a >= 1, bm <= 0 and Re t0 < 0:
    |t^(a-1) e^(y t)| = |t0|^(a-1) tau^(a-1) e^(-y tau |Re t0|)
    <= |t0|^(a-1) max_tau(...), the maximum being at tau* = (a-1)/(y |Re t0|) if tau* < 1;
    |1+t| >= m = min_tau |1 + tau t0| (at tau = -Re t0/|t0|^2 if that is < 1, else at
    tau = 1), so |1+t|^bm <= m^bm.  The segment has length |t0|.
    """
    x0 = t0.real
    if x0 >= 0:  # then |t^(a-1)| <= |t0|^(a-1), |e^(yt)| <= e^(y Re t0), |1+t| >= 1
        r = abs(t0)
        return (r ** a * (y * x0 - shift).exp()).upper()
    if not x0 < 0:
        return arb.pos_inf()
    r = abs(t0)
    ax = -x0
    tau = (a - 1) / (y * ax)
    if tau < 1:
        peak = tau ** (a - 1) * (1 - a).exp()
    else:
        peak = (-y * ax).exp()
    tmin = ax / (r * r)
    m = abs(t0.imag) / r if tmin < 1 else abs(1 + t0)
    bound = r ** a * peak * m.lower() ** bm * (-shift).exp()
    return bound.upper()


def _log_start_bound(ph: "_Phase", t0: complex) -> float:
    """Floating-point estimate of log(_start_bound) without the shift, for path tracing."""
    if t0.real >= 0:
        return (ph.a1 + 1) * math.log(abs(t0)) + ph.y * t0.real
    r, ax = abs(t0), -t0.real
    tau = ph.a1 / (ph.y * ax) if ph.a1 > 0 else 0.0
    log_peak = ph.a1 * math.log(tau) - ph.a1 if 0 < tau < 1 else -ph.y * ax
    m = abs(t0.imag) / r if ax / (r * r) < 1 else abs(1 + t0)
    return (ph.a1 + 1) * math.log(r) + log_peak + ph.bm * math.log(m)


def _tail_bound(a: arb, bm: arb, y: arb, te: acb, shift: arb) -> arb:
    """Upper bound of the integral over the ray from ``te`` to infinity, and the ray's validity.

    Ray t = te + r e (r >= 0): e = i(1+te)/|1+te| if Re te > -1 (then |1+t| >= |1+te|),
    else e = -1 (then too |1+t| >= |1+te|).  With q = -Re e > 0, T = |te|, a >= 1, bm <= 0:
    |f(t)| <= |f(te)| e^{-y q r} (1 + r/T)^{a-1}, whose integral over r >= 0 is
    |f(te)| T^{1-a} e^{y q T} (y q)^{-a} Gamma(a, y q T).
    """
    one_plus = 1 + te
    if one_plus.real > 0:
        q = (te.imag / abs(one_plus)).lower()
    else:
        q = arb(1)
    T = abs(te).lower()
    fte = (y * te + (a - 1) * te.log() + bm * one_plus.log() - shift).real.exp().upper()
    X = y * q * T
    integral = T ** (1 - a) * X.exp() * (y * q) ** (-a) * X.gamma_upper(a)
    return (fte * integral).upper()


def _log1p_minus_id(eps: acb, terms: int = 40) -> acb:
    """Enclosure of log(1+eps) - eps on a (possibly wide) ball with |eps| <= 1/2.

    Uses the series -sum_{k>=2} (-eps)^k / k, truncated after ``terms`` terms, with the
    remainder bounded by r^(K+2) / ((K+2)(1-r)), r = sup|eps|.  Unlike the direct
    difference, this keeps the O(eps^2) size on wide balls (no dependency blow-up).
    Returns a non-finite ball when |eps| may exceed 1/2.
    """
    r = abs(eps).upper()
    if not r <= arb(1) / 2:
        return acb(arb.nan(), arb.nan())
    acc = acb(0)
    for k in range(terms + 1, 1, -1):
        acc = acc * (-eps) + acb(arb(-1) / k)
    rem = r ** (terms + 2) / ((terms + 2) * (1 - r))
    return acc * eps * eps + acb(arb(0, rem.upper()), arb(0, rem.upper()))


class _CenteredIntegrand:
    """exp(phi(t) - shift) in centred form about an exact point tm of one path edge.

    phi(t) = phi(tm) + phi'(tm) d + (a-1) g(d/tm) + bm g(d/(1+tm)), d = t - tm,
    g(e) = log(1+e) - e.  The centred form keeps Arb's enclosures on the wide
    balls used for error bounds tight (the linear terms y d, (a-1) d/tm, bm d/(1+tm)
    nearly cancel near the saddle and would otherwise blow the ball up).
    """

    def __init__(self, a: arb, bm: arb, y: arb, tm: acb, shift: arb):
        self.a1, self.bm, self.tm = a - 1, bm, tm
        self.inv0, self.inv1 = 1 / tm, 1 / (1 + tm)
        self.base = y * tm + self.a1 * tm.log() + bm * (1 + tm).log() - shift
        self.slope = y + self.a1 * self.inv0 + bm * self.inv1

    def __call__(self, t: acb, analytic: bool) -> acb:
        d = t - self.tm
        e0, e1 = d * self.inv0, d * self.inv1
        if analytic:
            g0, g1 = _log1p_minus_id(e0), _log1p_minus_id(e1)
        else:
            g0, g1 = (1 + e0).log() - e0, (1 + e1).log() - e1
        return (self.base + self.slope * d + self.a1 * g0 + self.bm * g1).exp()


def u_contour(c: Real, alpha: Real, y: Real, prec: int) -> acb:
    """``U(c, -alpha, y e^{i pi})`` by the saddle-point contour integral (rigorous).

    Needs ``c >= 1`` and ``c + alpha + 1 >= 0`` (so the exponent ``bm = -s`` of ``1+t`` is
    ``<= 0``) and a complex saddle (the bulk).  Returns a non-finite ball when
    the method does not apply or the path cannot be traced.
    """
    nan = acb(arb.nan(), arb.nan())
    with workprec(prec):
        a = arb(c)
        bm = -arb(alpha) - a - 1
        yb = arb(y)
        if not (a >= 1 and bm <= 0):
            return nan
    ph = _Phase(float(arb(c).mid()), float(bm.mid()), float(arb(y).mid()))
    ts, real_roots = ph.saddles()
    if ts is not None:
        centre = ts
    elif real_roots[1] > -1 and real_roots[1] != 0:
        centre = complex(real_roots[1], 0.0)  # a minimum along the real line: turn up here
    else:
        return nan
    phis = ph.value(ts if ts is not None else complex(real_roots[0], 0.0)).real
    drop = (prec + 30) * math.log(2)

    def start_ok(t: complex) -> bool:
        return _log_start_bound(ph, t) - phis < -drop

    def tail_ok(t: complex) -> bool:
        if ph.value(t).real - phis > -drop:
            return False
        q = t.imag / abs(1 + t) if (1 + t).real > 0 else 1.0
        return ph.y * q * abs(t) > 2 * ph.a1 + 2

    if ts is not None:
        w = 1.0 / math.sqrt(abs(ph.d2(ts)))
        d = 1j / cmath.sqrt(ph.d2(ts))
        d /= abs(d)
        # the branch that descends to t = 0 stays within |t| < 2|ts| + 1; try the one whose
        # first step points towards 0 first, the other only if that fails
        first, second = sorted((d * w, -d * w), key=lambda step: abs(ts + step))
        for toward, other in ((first, second), (second, first)):
            to_zero = _trace(ph, ts, toward, start_ok, radius=2 * abs(ts) + 1)
            if to_zero:
                break
        else:
            return nan
        to_zero = to_zero[::-1] + [ts]
    else:
        to_zero = _along_real_axis(ph, centre.real, start_ok)
        if not to_zero:
            return nan
        other = 1j / math.sqrt(abs(ph.d2(centre)))
    to_inf = _trace(ph, centre, other, tail_ok)
    if not to_inf:
        return nan
    path = [_exact_point(t) for t in to_zero + to_inf]

    extra = 10 + int(math.log2(2 + abs(ph.y) + abs(ph.a1) + abs(ph.bm)))
    with workprec(prec + extra):
        shift = arb(phis)
        total = acb(0)
        for p, q in zip(path[:-1], path[1:]):
            total += acb.integral(_CenteredIntegrand(a, bm, yb, (p + q) / 2, shift), p, q)
        err = _start_bound(a, bm, yb, path[0], shift) + _tail_bound(a, bm, yb, path[-1], shift)
        total += acb(arb(0, err), arb(0, err))
        value = total * shift.exp() * a.rgamma()
    with workprec(prec):
        return value.conjugate() + 0  # round to the working precision


#: Arb's direct U is retried at up to this many times the working precision before the
#: contour integral is used (measured: direct at 4-8x precision is still cheaper than the
#: contour for moderate parameters, c <~ 50; beyond, Arb's cost grows quickly or it fails).
DIRECT_PREC_FACTOR = 8


def u_on_cut(c: Real, alpha: Real, y: Real, prec: int) -> acb:
    """``U(c, -alpha, y e^{i pi})``, best rigorous ball from the two routes at ``prec`` bits.

    Arb's direct evaluation first; if it loses ``L`` bits to cancellation it is retried
    once at ``prec + L + 30`` bits (twice the precision if it returned no finite ball), as
    long as that stays below ``DIRECT_PREC_FACTOR * prec``; then the contour integral.
    """
    direct = u_direct(c, alpha, y, prec)
    if rel_accuracy_bits(direct) >= prec - 20:
        return direct
    bits = rel_accuracy_bits(direct)
    retry = 2 * prec if bits == -math.inf else int(2 * prec - bits + 30)
    if retry <= DIRECT_PREC_FACTOR * prec:
        direct = u_direct(c, alpha, y, retry)
        if rel_accuracy_bits(direct) >= prec - 20:
            with workprec(prec):
                return direct + 0
    with workprec(prec):
        big = arb(c) >= 1
    if big:
        contour = u_contour(c, alpha, y, prec)
        if rel_accuracy_bits(contour) > rel_accuracy_bits(direct):
            return contour
    return direct


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
        value = formula(p)
        if rel_accuracy_bits(value) > rel_accuracy_bits(best):
            best = value
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
            m = yb.hypgeom_1f1(1 - cb, ab + 2, regularized=True)
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

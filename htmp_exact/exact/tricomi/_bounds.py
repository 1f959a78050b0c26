r"""Rigorous bounds of the two ends of the contour integral of DLMF 13.4.4 (ball arithmetic).

The contour of :func:`.tricomi_contour` starts at ``t = 0`` and ends at infinity; the
pieces ``[0, t0]`` and the final ray are not integrated but enclosed by the explicit bounds
below, added to the integral as error balls.  The integrand is
``exp(−w t + (a − 1) log t + b_m log(1 + t) − shift)`` with ``a >= 1`` and ``b_m <= 0``.
"""

from __future__ import annotations

from flint import acb, arb

from .._precision import midpoint
from ._planning import tail_directions


def start_bound(a: arb, bm: arb, w: acb, t0: acb, shift: arb) -> arb:
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
    return (r**a * peak * m.lower() ** bm * (-shift).exp()).upper()


def tail_bound(a: arb, bm: arb, w: acb, te: acb, shift: arb) -> arb:
    """Upper bound of the integral over a ray from ``te`` to infinity (the smaller of the candidates).

    Ray t = te + r e (r >= 0, |e| = 1, Im e >= 0 so it stays in the upper half plane), with
    decay rate q = Re(w e) > 0: |e^(-w t)| = e^(-Re(w te)) e^(-q r); |t| <= T + r, T = |te|;
    |1+t| >= m, the distance from -1 to the ray.  With a >= 1, bm <= 0 the integral is at most
    exp(-Re(w te) + bm log m - shift) e^(qT) q^(-a) Gamma(a, qT).  A further candidate
    for a real ``te > 0`` is the vertical ray, :func:`vertical_ray_bound`.
    Returns +inf when no candidate direction applies.
    """
    best = vertical_ray_bound(a, bm, w, te, shift)
    T = abs(te)
    for direction in tail_directions(midpoint(w), midpoint(te)):
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
        bound = (
            (-(w * te).real + bm * m.log() - shift).exp() * X.exp() * q ** (-a) * X.gamma_upper(a)
        ).upper()
        if bound < best:
            best = bound
    return best


def vertical_ray_bound(a: arb, bm: arb, w: acb, te: acb, shift: arb) -> arb:
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

r"""Planning of the contour of DLMF 13.4.4 in floating point (speed only, never correctness).

The integrand of :func:`.tricomi_contour` is ``exp(φ(t))``,
``φ(t) = −w t + (a − 1) log t + b_m log(1 + t)``, ``b_m = b − a − 1``.  This module traces
a polygon for it in floats: the steepest-descent path through the complex saddle in the
upper half plane (the oscillatory bulk of the law; a saddle next to the axis is reached
along the axis), or along the real axis through the real saddles outside the bulk (ending,
when the far saddle is out of reach, on the positive axis with a vertical ray).  The ends of
the path are placed where float estimates of the rigorous end bounds (:mod:`._bounds`) are
negligible.  The polygon is then frozen with exact (dyadic) vertices; by Cauchy's theorem
any polygon in the closed upper half plane gives the same value, so this planning only
affects speed.
"""

from __future__ import annotations

import cmath
import itertools
import math
from dataclasses import dataclass

#: Path vertices are this many local widths 1/sqrt|phi''| apart (tuning only; the integral
#: is rigorous for any polygon in the upper half plane).
STEP_WIDTHS = 2.5


class Phase:
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


def _trace(
    ph: Phase, start: complex, first: complex, stop, max_steps: int = 4000, radius: float = 1e12
) -> list[complex]:
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


def _along_real_axis(ph: Phase, end: float, start_ok, stop=None) -> list[complex]:
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


def log_start_bound(ph: Phase, t0: complex) -> float:
    """Floating-point estimate of log(start_bound) without the shift, for path tracing."""
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


def tail_directions(w: complex, te: complex) -> list[complex]:
    """Candidate directions of the final ray: fastest decay of e^(-w t), and (if it keeps the
    ray in the upper half plane) perpendicular to te + 1, along which |1+t| only grows."""
    dirs = [w.conjugate() / abs(w)]
    if (1 + te).real >= 0:
        dirs.append(1j * (1 + te) / abs(1 + te))
    return dirs


def log_vertical_ray_estimate(ph: Phase, te: complex) -> float:
    """Floating-point log of :func:`vertical_ray_bound` without the shift (+inf where it does not apply)."""
    p = -ph.a1 - ph.bm
    if not (te.imag == 0 and te.real > 0 and p > 1 and ph.w.real <= 0 and ph.w.imag <= 0):
        return math.inf
    return -ph.w.real * te.real + (1 - p) * math.log1p(te.real) + math.log(p / (p - 1))


def log_tail_estimate(ph: Phase, te: complex) -> float:
    """Floating-point estimate of log(tail_bound) without the shift (Gamma(a, X) ~ X^(a-1) e^(-X))."""
    best = math.inf
    T = abs(te)
    for e in tail_directions(ph.w, te):
        q = (ph.w * e).real
        X = q * T
        if q <= 0 or X <= 2 * ph.a1 + 2:
            continue
        v = -1 - te
        m = abs(1 + te) if (e.conjugate() * v).real <= 0 else abs((e.conjugate() * v).imag)
        if m <= 0:
            continue
        est = (
            -(ph.w * te).real
            + ph.bm * math.log(m)
            - (ph.a1 + 1) * math.log(q)
            + ph.a1 * math.log(X)
            + math.log(2)
        )
        best = min(best, est)
    return best


def _negligible(estimate, ph: Phase, phis: float, drop: float):
    """The test ``t -> estimate(ph, t) - phis < -drop`` (``estimate``: the float log of a path
    end's bound, :func:`log_start_bound`, :func:`log_tail_estimate` or
    :func:`log_vertical_ray_estimate`): the piece it bounds is below ``e^-drop`` of the saddle."""
    return lambda t: estimate(ph, t) - phis < -drop


def _descent_steps(ph: Phase, ts: complex) -> tuple[complex, complex]:
    """The two steepest-descent steps of one local width 1/sqrt|phi''| from the saddle ``ts``,
    the one towards 0 first."""
    d = 1j / cmath.sqrt(ph.d2(ts))  # |d| = 1/sqrt|phi''|
    toward, away = sorted((d, -d), key=lambda step: abs(ts + step))
    return toward, away


def _complex_saddle_path(ph: Phase, ts: complex, phis: float, drop: float) -> list[complex]:
    """Steepest-descent polygon 0 <- ts -> infinity through a saddle in the upper half plane."""
    start_ok = _negligible(log_start_bound, ph, phis, drop)
    tail_ok = _negligible(log_tail_estimate, ph, phis, drop)
    # the branch that descends to t = 0 stays within |t| < 2|ts| + 1; try the one whose
    # first step points towards 0 first, the other only if that fails
    first, second = _descent_steps(ph, ts)
    for toward, other in ((first, second), (second, first)):
        to_zero = _trace(ph, ts, toward, start_ok, radius=2 * abs(ts) + 1)
        if to_zero:
            to_inf = _trace(ph, ts, other, tail_ok)
            return to_zero[::-1] + [ts] + to_inf if to_inf else []
    return []


def _near_axis_saddle_path(ph: Phase, ts: complex, phis: float, drop: float) -> list[complex]:
    """Polygon along the real axis (above the cut) from near 0 to below a complex saddle ``ts``
    close to the axis, up to ``ts`` and out to infinity along its outward descent branch.

    Near the edges of the bulk the two saddles almost meet on the axis, and the descent branch
    towards 0 runs below it (the tracer gives up); the axis itself is then nearly a descent
    path.  Any polygon in the closed upper half plane is admissible (only accuracy and speed
    depend on it).
    """
    if not (-1 < ts.real < 0 or ts.real > 0):
        return []
    to_ts = _along_real_axis(ph, ts.real, _negligible(log_start_bound, ph, phis, drop))
    if not to_ts:
        return []
    to_inf = _trace(ph, ts, _descent_steps(ph, ts)[1], _negligible(log_tail_estimate, ph, phis, drop))
    return to_ts + [ts] + to_inf if to_inf else []


def _real_saddle_path(ph: Phase, far: float, phis: float, far_phis: float, drop: float) -> list[complex]:
    """Polygon along the real axis (above the cut when negative) to the far real saddle, then up
    and out to infinity."""
    to_far = _along_real_axis(ph, far, _negligible(log_start_bound, ph, phis, drop))
    if not to_far:
        return []
    tail_ok = _negligible(log_tail_estimate, ph, far_phis, drop)
    to_inf = _trace(ph, complex(far, 0.0), 1j / math.sqrt(abs(ph.d2(complex(far, 0.0)))), tail_ok)
    return to_far + to_inf if to_inf else []


def _axis_ray_path(ph: Phase, far: float, phis: float, drop: float) -> list[complex]:
    """Polygon along the positive real axis, ending where the vertical ray's bound
    (:func:`vertical_ray_bound`) is negligible; for a far saddle too far away to walk to
    (the lower tail at large κ, where the integrand decays only algebraically before it)."""
    if not far > 0:
        return []
    ray_ok = _negligible(log_vertical_ray_estimate, ph, phis, drop)
    path = _along_real_axis(ph, far, _negligible(log_start_bound, ph, phis, drop), stop=ray_ok)
    return path if path and ray_ok(path[-1]) else []


@dataclass(frozen=True)
class Plan:
    """A float polygon for the contour integral and what its rigorous evaluation needs.

    ``path``: the vertices (closed upper half plane, none at -1); ``phis``, ``rest_phis``:
    Re φ at the saddle that normalises the leading run on the real axis and at the one that
    normalises the rest; ``on_axis``: the number of leading vertices on the real axis;
    ``side``: -1 or 1 if that run lies on that side of 0, else 0; ``width``: the smallest
    local width 1/sqrt|φ''| at the saddles (sets the quadrature's absolute tolerance).
    """

    path: list[complex]
    phis: float
    rest_phis: float
    on_axis: int
    side: int
    width: float


def plan_path(ph: Phase, drop: float) -> Plan | None:
    """The polygon for ``ph`` on which the neglected ends are below ``e^-drop`` of the saddle,
    or ``None`` when no path is found (also when the float tracing overflows: parameters or
    points beyond the float range)."""
    try:
        return _plan_path(ph, drop)
    except (ArithmeticError, ValueError):  # float overflow, underflow to 0, math domain error
        return None


def _plan_path(ph: Phase, drop: float) -> Plan | None:
    upper, real_roots = ph.saddles()
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
    on_axis = next((i for i, t in enumerate(path) if t.imag != 0), len(path))
    # the leading run on the axis must stay in (-1, 0) or (0, inf), where the integrand's phase
    # is the constant e^{iπ(a-1)} or 1 (the imaginary-part routes rely on it; a projected
    # vertex could leave it)
    if any(t.real <= -1 for t in path[:on_axis]):
        return None
    side = next((s for s in (-1, 1) if on_axis and all(s * t.real > 0 for t in path[:on_axis])), 0)
    saddles = upper[:1] or [complex(real_roots[0], 0.0), complex(real_roots[1], 0.0)]
    width = min([1.0] + [1 / math.sqrt(abs(ph.d2(t))) for t in saddles])
    return Plan(path, phis, rest_phis, on_axis, side, width)

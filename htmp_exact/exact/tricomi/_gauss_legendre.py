r"""Gauss–Legendre over a straight piece of the U contour, with a rigorous error bound.

The contour integral of :mod:`._contour` integrates :math:`f(t) = e^{\phi(t) - \text{shift}}`,
:math:`\phi(t) = -w t + a_1 \log t + b_m \log(1+t)`, along a polygon.  Arb's adaptive
integrator (``acb.integral``) calls the integrand from Python ~30 times per short edge; this
module integrates a longer piece with one Gauss–Legendre rule of ``n`` nodes and bounds the
error itself, from the phase's Taylor coefficients, which are explicit.

On the piece :math:`t = t_m + h\zeta`, :math:`\zeta \in [-1, 1]`,

.. math:: \phi(t_m + h\zeta) = \sum_k \phi_k \zeta^k, \quad
          \phi_1 = h\,\phi'(t_m), \quad
          \phi_k = \frac{(-1)^{k+1}}{k}\left(a_1 u_0^k + b_m u_1^k\right) \ (k \ge 2),

:math:`u_0 = h/t_m`, :math:`u_1 = h/(1+t_m)` (DLMF 4.6.1: the series of the logarithms,
continued from the principal values at :math:`t_m`, which on the piece are the principal
values, or their limits from above on the cut).  On the Bernstein ellipse
:math:`E_\rho`, :math:`\zeta = \cosh(\eta + i\theta)`, :math:`\rho = e^\eta`, with
:math:`C = \cosh\eta`, :math:`S = \sinh\eta`, :math:`c = \cos\theta`:

* :math:`\operatorname{Re}(\phi_1\zeta + \phi_2\zeta^2) \le \max_{|c| \le 1}
  (\alpha c + \beta c^2) - \operatorname{Re}\phi_2 S^2 + |\operatorname{Im}\phi_1| S
  + |\operatorname{Im}\phi_2| C S`, with :math:`\alpha = C\operatorname{Re}\phi_1`,
  :math:`\beta = (C^2 + S^2)\operatorname{Re}\phi_2` (exact for real coefficients:
  along the steepest-descent path they nearly are);
* :math:`\sum_{k \ge 3} |\phi_k \zeta^k| \le |a_1| g(r_0) + |b_m| g(r_1)`,
  :math:`g(r) = \sum_{k \ge 3} r^k/k = -\log(1-r) - r - r^2/2`, :math:`r_j = |u_j| C < 1`
  (which also keeps 0 and -1 outside the ellipse: f is analytic inside).

With :math:`M` the exponential of the sum, the n-point Gauss rule on [-1, 1] errs by at most
:math:`\tfrac{64}{15} M \rho^{2-2n}/(\rho^2-1)` (the Chebyshev coefficients of an analytic
function are at most :math:`2M\rho^{-k}`, ATAP Thm 8.1; the rule is exact to degree
:math:`2n-1`, and :math:`|I(T_k) - I_n(T_k)| \le 2 + 2/(k^2-1) \le 32/15`; compare
ATAP Thm 19.3).  The ellipse and ``n`` are chosen in floating point; the bound that is used is
recomputed in ball arithmetic, so the choice only affects speed.
"""

from __future__ import annotations

import functools
import math

from flint import acb, arb

from .._precision import check_time, midpoint, workprec

#: Rules tried, smallest first (their nodes are cached per precision); 0 stands for no node
#: at all: the piece's integral is then enclosed by its bound 2|h| max|f| alone.
DEGREES = (
    0,
    4,
    6,
    8,
    10,
    12,
    14,
    16,
    20,
    24,
    28,
    32,
    36,
    40,
    44,
    48,
    56,
    64,
    72,
    80,
    96,
    112,
    128,
    160,
    192,
    256,
    320,
    384,
    512,
)


#: Ellipse parameters eta = log(rho) tried by the floating-point planner.
ETAS = tuple(0.2 * k for k in range(1, 13))


#: (eta, cosh eta, sinh eta, log of the rule's error factor rho^2 / (rho^2 - 1)) per eta.
_ELLIPSES = tuple(
    (eta, math.cosh(eta), math.sinh(eta), 2 * eta - math.log(math.expm1(2 * eta))) for eta in ETAS
)


def _nodes(n: int, prec: int) -> tuple[tuple[acb, acb], ...]:
    """Gauss–Legendre nodes and weights on (-1, 1) as ``acb`` balls, at ``prec`` bits or more."""
    return _cached_nodes(n, -(-prec // 64) * 64)


@functools.lru_cache(maxsize=128)
def _cached_nodes(n: int, prec: int) -> tuple[tuple[acb, acb], ...]:
    """Arb's Gauss–Legendre nodes and weights (a pure function of ``n`` and ``prec``, memoised).

    ``P_n`` has the parity of ``n``: its roots are symmetric about 0 with equal weights, so
    only the ``ceil(n/2)`` roots in ``[0, 1)`` are computed and the others are their negatives.
    """
    with workprec(prec):
        half = []
        for k in range((n + 1) // 2):
            check_time("Gauss-Legendre nodes")
            half.append(arb.legendre_p_root(n, k, weight=True))
        mirrored = [(-x, w) for x, w in half[: n // 2]]
        return tuple((acb(x), acb(w)) for x, w in half + mirrored)


class PhaseSeries:
    """The Taylor coefficients phi_0, phi_1, phi_2 of phi(t_m + h zeta) - shift on one straight
    piece ``[p, q]``, and u_0, u_1, which bound the others.

    ``a1``, ``bm``, ``w`` are ``acb`` (python-flint's mixed arb*acb products are slow).
    """

    def __init__(self, a1: acb, bm: acb, w: acb, p: acb, q: acb, shift: arb):
        self.a1, self.bm = a1, bm
        self.tm, self.h = (p + q) / 2, (q - p) / 2
        self.u0, self.u1 = self.h / self.tm, self.h / (1 + self.tm)
        self.phi0 = -w * self.tm + a1 * self.tm.log() + bm * (1 + self.tm).log() - shift
        self.wh = w * self.h
        coefficients = [
            self.phi0,
            -self.wh + a1 * self.u0 + bm * self.u1,
            -(a1 * self.u0 * self.u0 + bm * self.u1 * self.u1) / 2,
        ]
        self.coefficients = coefficients
        self.floats_h = midpoint(self.h)
        self.floats = (
            float(a1.real.mid()),
            float(bm.real.mid()),
            midpoint(self.u0),
            midpoint(self.u1),
            float(self.phi0.real.mid()),
            midpoint(coefficients[1]),
            midpoint(coefficients[2]),
        )

    def value(self, zeta: acb) -> acb:
        """f(t_m + h zeta) from the logarithms (no truncation), for a point zeta of [-1, 1]."""
        return (
            self.phi0
            - self.wh * zeta
            + self.a1 * (self.u0 * zeta).log1p()
            + self.bm * (self.u1 * zeta).log1p()
        ).exp()


def _log_bound_float(series: PhaseSeries, C: float, S: float) -> float:
    """Floating-point estimate of :func:`_log_bound` on the ellipse with cosh eta = C,
    sinh eta = S (planning only); ``inf`` where the Taylor series does not reach the ellipse."""
    a1, bm, u0, u1, re0, phi1, phi2 = series.floats
    r0, r1 = abs(u0) * C, abs(u1) * C
    if r0 >= 1 or r1 >= 1:
        return math.inf
    alpha, beta = C * phi1.real, (C * C + S * S) * phi2.real
    q = max(beta - alpha, beta + alpha)
    if beta < 0 and abs(alpha) <= -2 * beta:
        q = -alpha * alpha / (4 * beta)
    higher = abs(a1) * _log_series_from_3(r0) + abs(bm) * _log_series_from_3(r1)
    return re0 + q - phi2.real * S * S + abs(phi1.imag) * S + abs(phi2.imag) * C * S + higher


def _log_series_from_3(r):
    """g(r) = sum_{k >= 3} r^k / k = -log(1 - r) - r - r^2/2 for 0 <= r < 1 (float or arb)."""
    if isinstance(r, arb):
        return -(-r).log1p() - r - r * r / 2
    return -math.log1p(-r) - r - r * r / 2 if r > 1e-3 else r**3 / 3 * (1 + 0.75 * r)


def _log_bound(series: PhaseSeries, eta: arb) -> arb:
    """Rigorous upper bound of Re(phi - shift) on the ellipse E_rho, rho = e^eta (module docstring)."""
    coefficients = series.coefficients
    C, S = eta.cosh(), eta.sinh()
    r0, r1 = abs(series.u0) * C, abs(series.u1) * C
    if not (r0 < 1 and r1 < 1):
        return arb.pos_inf()
    re1, im1 = coefficients[1].real, coefficients[1].imag
    re2, im2 = coefficients[2].real, coefficients[2].imag
    alpha, beta = C * re1, (C * C + S * S) * re2
    candidates = [beta - alpha, beta + alpha]
    if beta < 0:
        if not abs(alpha) > -2 * beta:  # the vertex c = -alpha/(2 beta) may lie in [-1, 1]
            candidates.append(-alpha * alpha / (4 * beta))
    elif not beta >= 0:
        candidates.append(abs(alpha) + abs(beta))
    q = max(x.upper() for x in candidates)
    higher = abs(series.a1) * _log_series_from_3(r0) + abs(series.bm) * _log_series_from_3(r1)
    return (coefficients[0].real + q - re2 * S * S + abs(im1) * S + abs(im2) * C * S + higher).upper()


def _plan(series: PhaseSeries, log_tol: float) -> tuple[int, float] | None:
    """Smallest rule ``n`` of :data:`DEGREES` (and its ellipse ``eta``) whose float error
    estimate is below ``e^log_tol``: rule n on E_rho errs by about
    ``exp(base(eta) - 2 n eta)``, so each eta needs ``n > (base(eta) - log_tol) / (2 eta)``.
    ``n = 0`` when the bound 2|h| max|f| on the smallest ellipse is already below it."""
    log_h = math.log(abs(series.floats_h))
    eta, C, S, _ = _ELLIPSES[0]
    if _log_bound_float(series, C, S) + log_h + math.log(2) < log_tol:
        return 0, eta
    log_h += math.log(64 / 15)
    need = math.inf
    for eta, C, S, log_factor in _ELLIPSES:
        n = (_log_bound_float(series, C, S) + log_h + log_factor - log_tol) / (2 * eta)
        if n < need:
            need, best = n, eta
    for n in DEGREES:
        if n >= need:
            return n, best
    return None


def gauss_legendre_piece(series: PhaseSeries, log_tol: float, prec: int) -> acb | None:
    """Enclosure of the integral of exp(phi - shift) over the piece, or ``None`` if no rule in
    :data:`DEGREES` reaches the absolute tolerance ``e^log_tol`` (the caller then subdivides).

    The piece must lie in the closed upper half plane (on the cut: the limit from above),
    where the Taylor continuation of the logarithms from its midpoint is the principal branch.
    """
    plan = _plan(series, log_tol)
    if plan is None:
        return None
    n, eta_float = plan
    eta = arb(eta_float)  # a float is an exact dyadic
    log_m = _log_bound(series, eta)
    if not log_m < arb.pos_inf():
        return None
    if n == 0:  # |f| <= e^log_m on the segment [-1, 1] inside the ellipse (maximum modulus)
        error = (2 * log_m.exp() * abs(series.h)).upper()
    else:
        rho2 = (2 * eta).exp()
        error = (log_m.exp() * abs(series.h) * 64 / 15 * (eta * (2 - 2 * n)).exp() / (rho2 - 1)).upper()
    if not error < (arb(log_tol) + 1).exp():  # arb: e^log_tol underflows a float at high precision
        return None
    total = acb(0)
    for i, (x, weight) in enumerate(_nodes(n, prec)):
        if i % 16 == 0:
            check_time("Tricomi U (contour integral)")
        total += weight * series.value(x)
    return series.h * total + acb(arb(0, error), arb(0, error))

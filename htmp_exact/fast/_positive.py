r"""The per-point kernel for ``c < 1``: U on the cut from two positive integrals.

For ``c < 1`` the path of DLMF 13.4.4 (after Kummer's transformation,
``U(c, −α, z) = z^{1+α} U(s, α+2, z)``) may run along the negative real axis through the
integrable singularity at t = −1.  With ``t = −1 ± τ`` the two halves are
positive integrals, and with ``m = α + 1``:

.. math:: |\Gamma(s) U(s, m+1, -y)| = e^{-y}\, |P_1 + e^{i\pi c} P_2|,\qquad
          P_1 = \int_0^1 e^{y\tau} \tau^{-c} (1-\tau)^{s-1} d\tau,\quad
          P_2 = \int_0^\infty e^{-y\tau} \tau^{-c} (1+\tau)^{s-1} d\tau

(equivalently DLMF 13.2.41 with ``M(1−c, m+1, y)`` and ``U(1−c, m+1, y)`` at the positive
argument y).  The phase formula of SPEC §3 (``F = −θ/(πc)``) then gives both tails without
cancellation: ``F = arg(P_2 + e^{iπc} P_1)/(πc)`` and ``1 − F = arg(P_1 + e^{iπc} P_2)/(πc)``,
each angle in ``[0, πc]``.

In the variables ``v = log(τ/(1−τ))`` (P₁) and ``u = log τ`` (P₂) each integrand is
unimodal; its maximum solves a quadratic.  The integrals are Gauss–Legendre panels
walked outward from the maximum (:func:`walk`), with panel widths from the local
curvature and slope, until the integrand falls below ``e^{−LEVEL}`` of the maximum; the
pieces next to ``τ = 0`` (the singularity ``τ^{−c}``) and ``τ = 1`` (``(1−τ)^{s−1}``) are
power series (:func:`endpoint_series`).
"""

from __future__ import annotations

import math

from .._jit import jit
from ._special import GL_NODES, GL_WEIGHTS

LEVEL = 40.0  # the walk stops where the integrand is below e^{-LEVEL} of its maximum
STEP = 2.5  # panel width in local widths 1/sqrt|F''| ...
DROP = 5.0  # ... and at most this fall of F over the panel (width DROP/|F'|)
MAX_WIDTH = 2.0  # ... and at most this in the variable
MAX_PANELS = 400
LOWER, UPPER = 1, 2  # the integrals P1 (τ ∈ [0, 1], variable v) and P2 (τ ∈ [0, ∞), variable u)


@jit
def _logistic(v: float):
    """``(τ, 1 − τ, log τ, log(1 − τ))`` for ``τ = 1/(1 + e^{−v})``, each accurate."""
    if v >= 0.0:
        e = math.exp(-v)
        return 1.0 / (1.0 + e), e / (1.0 + e), -math.log1p(e), -v - math.log1p(e)
    e = math.exp(v)
    return e / (1.0 + e), 1.0 / (1.0 + e), v - math.log1p(e), -math.log1p(e)


@jit
def log_integrand(kind: int, v: float, y: float, c: float, s: float):
    """``(F, F', F'')`` of the integrand in its variable: P1 (``kind = LOWER``), with
    ``F = yτ + (1−c) log τ + s log(1−τ)``; P2 (``UPPER``), with
    ``F = (1−c)u − y e^u + (s−1) log(1 + e^u)``."""
    if kind == LOWER:
        tau, rest, log_tau, log_rest = _logistic(v)
        f = y * tau + (1.0 - c) * log_tau + s * log_rest
        d1 = y * tau * rest + (1.0 - c) * rest - s * tau
        d2 = tau * rest * (y * (rest - tau) - (1.0 - c) - s)
        return f, d1, d2
    if v > 700.0:
        return -math.inf, -math.inf, -math.inf
    tau = math.exp(v)
    ratio = tau / (1.0 + tau)
    f = (1.0 - c) * v - y * tau + (s - 1.0) * math.log1p(tau)
    return f, (1.0 - c) - y * tau + (s - 1.0) * ratio, -y * tau + (s - 1.0) * ratio / (1.0 + tau)


@jit
def maximum(kind: int, y: float, c: float, s: float) -> float:
    """The variable at the integrand's maximum (the positive root of F' = 0, a quadratic in τ)."""
    if kind == UPPER:
        b = y + c - s  # y τ² + b τ − (1 − c) = 0
        root = math.sqrt(b * b + 4.0 * y * (1.0 - c))
        tau = 2.0 * (1.0 - c) / (b + root) if b > 0 else (root - b) / (2.0 * y)
        return math.log(tau)
    b = s + 1.0 - c - y  # y τ² + b τ − (1 − c) = 0, and in w = 1 − τ: y w² − e w + s = 0
    root = math.sqrt(b * b + 4.0 * y * (1.0 - c))
    tau = 2.0 * (1.0 - c) / (b + root) if b > 0 else (root - b) / (2.0 * y)
    if tau <= 0.5:
        return math.log(tau) - math.log1p(-tau)
    e = y + s + 1.0 - c
    w = 2.0 * s / (e + math.sqrt((y - s) ** 2 + 2.0 * (y + s) * (1.0 - c) + (1.0 - c) ** 2))
    return math.log1p(-w) - math.log(w)


@jit
def walk(
    kind: int, start: float, direction: float, stop: float, y: float, c: float, s: float, reference: float
) -> float:
    """``∫ e^{F − reference}`` from ``start`` toward ``stop`` (``direction`` ±1), on
    Gauss–Legendre panels, until the integrand falls below ``e^{−LEVEL}`` (relative to
    ``e^{reference}``) or ``stop`` is reached.

    A panel is ``STEP`` local widths ``1/sqrt|F''|`` long, at most ``DROP/|F'|`` and
    :data:`MAX_WIDTH`, and is halved while F changes by more than that drop over it or
    it is longer than ``STEP`` local widths at its far end (where ``y e^u`` grows, F''
    grows fast: a panel sized at its start alone would leave 7e-12 in P2)."""
    total = 0.0
    v = start
    f, d1, d2 = log_integrand(kind, v, y, c, s)
    for _ in range(MAX_PANELS):
        if direction * (stop - v) <= 0.0 or (f - reference < -LEVEL and direction * d1 <= 0.0):
            break
        drop = DROP + 0.5 * max(reference - f, 0.0)  # less relative accuracy needed lower down
        width = MAX_WIDTH
        if d2 != 0.0:
            width = min(width, STEP / math.sqrt(abs(d2)))
        if d1 != 0.0:
            width = min(width, drop / abs(d1))
        while True:
            end = v + direction * width
            if direction * (end - stop) > 0.0:
                end = stop
            f_end, d1_end, d2_end = log_integrand(kind, end, y, c, s)
            if (abs(f_end - f) <= drop and abs(d2_end) * width * width <= STEP * STEP) or width < 1e-6:
                break
            width *= 0.5
        half = 0.5 * (end - v)
        mid = 0.5 * (end + v)
        part = 0.0
        for j in range(GL_NODES.size):
            part += GL_WEIGHTS[j] * math.exp(
                log_integrand(kind, mid + half * GL_NODES[j], y, c, s)[0] - reference
            )
        total += abs(half) * part
        v, f, d1, d2 = end, f_end, d1_end, d2_end
    return total


@jit
def endpoint_series(a: float, b: float, d: float, first: float, delta: float) -> float:
    """``Σ_k g_k δ^k/(k + first)`` for the Taylor coefficients of ``g = e^{aτ}(1 + dτ)^b``
    at 0 (``d = ±1``): ``g_{k+1} = ((a + d(b − k)) g_k + a d g_{k−1})/(k + 1)``, from
    ``(1 + dτ) g' = (a(1 + dτ) + b d) g``."""
    previous, current = 0.0, 1.0
    power = 1.0
    total = 0.0
    small = 0.0
    for k in range(300):
        term = current * power / (k + first)
        total += term
        if k > 2 and abs(term) + small <= 1e-18 * abs(total):  # two small terms: a coefficient may vanish
            break
        small = abs(term)
        previous, current = current, ((a + d * (b - k)) * current + a * d * previous) / (k + 1)
        power *= delta
    return total


@jit
def positive_integrals(y: float, c: float, s: float):
    """``(log P1, log P2)`` for ``0 < c < 1``, ``s > 0``, ``y > 0`` (module docstring)."""
    delta = min(0.25, 1.0 / (1.0 + y + abs(s - 1.0)))
    end = min(0.25, 1.0 / (1.0 + y + c))
    # P1: τ ∈ [0, δ] and [1 − end, 1] by series, the rest by the walk in v = logit τ
    lo, hi = math.log(delta) - math.log1p(-delta), math.log1p(-end) - math.log(end)
    peak = min(max(maximum(LOWER, y, c, s), lo), hi)
    ref = log_integrand(LOWER, peak, y, c, s)[0]
    inner = walk(LOWER, peak, 1.0, hi, y, c, s, ref) + walk(LOWER, peak, -1.0, lo, y, c, s, ref)
    at_zero = math.exp((1.0 - c) * math.log(delta) - ref) * endpoint_series(y, s - 1.0, -1.0, 1.0 - c, delta)
    at_one = math.exp(y + s * math.log(end) - ref) * endpoint_series(-y, -c, -1.0, s, end)
    log_p1 = ref + math.log(inner + at_zero + at_one)
    # P2: τ ∈ [0, δ] by series, the rest by the walk in u = log τ
    lo = math.log(delta)
    peak = max(maximum(UPPER, y, c, s), lo)
    ref = log_integrand(UPPER, peak, y, c, s)[0]
    inner = walk(UPPER, peak, 1.0, math.inf, y, c, s, ref) + walk(UPPER, peak, -1.0, lo, y, c, s, ref)
    at_zero = math.exp((1.0 - c) * lo - ref) * endpoint_series(-y, s - 1.0, 1.0, 1.0 - c, delta)
    return log_p1, ref + math.log(inner + at_zero)

r"""The Riccati equation of the fast path, solved by Radau IIA collocation (compiled with numba).

The equation (derived in :mod:`htmp_exact.fast`): with ``y = e^t``, ``u = ρ − i e^v``,

    ρ' = (1 − b − y) ρ − ρ² + e^{2v} − a y,      v' = 1 − b − y − 2ρ.

Its Jacobian ``[[A, 2e^{2v}], [−2, 0]]`` (``A = 1 − b − y − 2ρ``) has eigenvalues near
``−y`` in the upper tail (stiff: y reaches 1e17·s) and ``A/2 ± 2i e^v`` in the bulk
(oscillatory, frequency about κ), while the solution itself is smooth on the scale of the
density.  So the method is **L-stable collocation**: Radau IIA with :data:`STAGES` = 8
stages (order 15 at the step ends, stage order 8; Hairer & Wanner, *Solving ODEs II*,
§IV.5), whose steps are set by the smoothness of the solution, not by stability.

- **Stage equations.** Full Newton on the 16 stage unknowns (analytic Jacobian, Gaussian
  elimination with partial pivoting), started from the previous step's collocation
  polynomial.
- **Error control.** Step doubling: a step is accepted when its collocation polynomial
  agrees with the two half steps at their 16 nodes to :data:`TOL` in the norm
  ``|δρ|/(1 + |ρ| + e^v)`` (relative error of u, the coupled oscillation's natural
  scale) and ``|δv|/(1 + |v|)``; the two half steps are kept (their error is about
  ``2^{−9}`` of the estimate).
- **Dense output.** Each kept step stores its collocation polynomial (degree 8: the value
  at the step's start and at the 8 stages), evaluated in barycentric form.

The tableau (nodes ``c_i``: zeros of ``P_s(2c−1) − P_{s−1}(2c−1)``; ``a_ij = ∫_0^{c_i} ℓ_j``)
is computed once at import in 40-digit mpmath arithmetic and rounded to float64.
"""
from __future__ import annotations

import math
from typing import NamedTuple, Tuple

import mpmath
import numpy as np
from numba import njit

STAGES = 8
TOL = 1e-13          # step-doubling estimate per step (the kept half steps are ~500× better)
MAX_STEP = 2.0       # in t = log y
FIRST_STEP = 0.01
MAX_STEPS = 200_000  # attempted steps per solve before giving up


def _radau_tableau(stages: int) -> Tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(c, A, nodes, weights)``: Radau IIA nodes and matrix, and the barycentric weights
    of the dense-output nodes ``(0, c_1, …, c_s)`` (scaled to max 1)."""
    with mpmath.workdps(40):
        legendre = np.zeros(stages + 1)
        legendre[-2:] = [-1, 1]
        guesses = sorted(np.polynomial.legendre.legroots(legendre).real)
        roots = [mpmath.findroot(lambda x: mpmath.legendre(stages, x) - mpmath.legendre(stages - 1, x),
                                 mpmath.mpf(g)) for g in guesses[:-1]] + [mpmath.mpf(1)]
        c = [(x + 1) / 2 for x in roots]
        vandermonde = mpmath.matrix([[ci ** k for k in range(stages)] for ci in c])
        matrix = np.empty((stages, stages))
        for j in range(stages):
            unit = mpmath.matrix(stages, 1)
            unit[j] = 1
            coef = mpmath.lu_solve(vandermonde, unit)   # ℓ_j(τ) = Σ_k coef_k τ^k
            for i in range(stages):
                matrix[i, j] = float(mpmath.fsum(coef[k] * c[i] ** (k + 1) / (k + 1) for k in range(stages)))
        nodes = [mpmath.mpf(0)] + c
        bary = [1 / mpmath.fprod(nodes[j] - nodes[k] for k in range(stages + 1) if k != j)
                for j in range(stages + 1)]
        scale = max(abs(w) for w in bary)
        return (np.array([float(x) for x in c]), matrix, np.array([float(x) for x in nodes]),
                np.array([float(w / scale) for w in bary]))


C, A, NODES, BARY = _radau_tableau(STAGES)


@njit(cache=True)
def _rhs(t, rho, v, a, b):
    """(ρ', v', ∂ρ'/∂ρ, ∂ρ'/∂v); ∂v'/∂ρ = −2, ∂v'/∂v = 0."""
    y = math.exp(t)
    e2v = math.exp(min(2.0 * v, 700.0))
    trace = 1.0 - b - y - 2.0 * rho
    return (1.0 - b - y) * rho - rho * rho + e2v - a * y, trace, trace, 2.0 * e2v


@njit(cache=True)
def _solve_linear(matrix, rhs):
    """Gaussian elimination with partial pivoting (small dense systems); overwrites both."""
    n = rhs.size
    for k in range(n):
        pivot = k
        for i in range(k + 1, n):
            if abs(matrix[i, k]) > abs(matrix[pivot, k]):
                pivot = i
        if pivot != k:
            for j in range(n):
                matrix[k, j], matrix[pivot, j] = matrix[pivot, j], matrix[k, j]
            rhs[k], rhs[pivot] = rhs[pivot], rhs[k]
        for i in range(k + 1, n):
            factor = matrix[i, k] / matrix[k, k]
            if factor != 0.0:
                for j in range(k + 1, n):
                    matrix[i, j] -= factor * matrix[k, j]
                rhs[i] -= factor * rhs[k]
    for k in range(n - 1, -1, -1):
        acc = rhs[k]
        for j in range(k + 1, n):
            acc -= matrix[k, j] * rhs[j]
        rhs[k] = acc / matrix[k, k]
    return rhs


@njit(cache=True)
def _collocate(t0, start, h, a, b, stage, c, matrix):
    """Newton on the stage values ``stage`` (s × 2, updated in place); True when converged."""
    s = c.size
    f = np.empty((s, 2))
    dfdrho = np.empty(s)
    dfdv = np.empty(s)
    jacobian = np.empty((2 * s, 2 * s))
    residual = np.empty(2 * s)
    previous = np.inf
    for iteration in range(20):
        for j in range(s):
            f[j, 0], f[j, 1], dfdrho[j], dfdv[j] = _rhs(t0 + c[j] * h, stage[j, 0], stage[j, 1], a, b)
        for i in range(s):
            acc0 = 0.0
            acc1 = 0.0
            for j in range(s):
                acc0 += matrix[i, j] * f[j, 0]
                acc1 += matrix[i, j] * f[j, 1]
            residual[2 * i] = start[0] + h * acc0 - stage[i, 0]
            residual[2 * i + 1] = start[1] + h * acc1 - stage[i, 1]
            for j in range(s):
                ha = h * matrix[i, j]
                diagonal = 1.0 if i == j else 0.0
                jacobian[2 * i, 2 * j] = diagonal - ha * dfdrho[j]
                jacobian[2 * i, 2 * j + 1] = -ha * dfdv[j]
                jacobian[2 * i + 1, 2 * j] = 2.0 * ha
                jacobian[2 * i + 1, 2 * j + 1] = diagonal
        delta = _solve_linear(jacobian, residual)
        norm = 0.0
        for j in range(s):
            stage[j, 0] += delta[2 * j]
            stage[j, 1] += delta[2 * j + 1]
            norm = max(norm, abs(delta[2 * j]) / (1.0 + abs(stage[j, 0])),
                       abs(delta[2 * j + 1]) / (1.0 + abs(stage[j, 1])))
        if not math.isfinite(norm):
            return False
        if norm < 1e-16:
            return True
        if iteration >= 2 and norm > 0.5 * previous:   # stagnated at rounding level
            return norm < 1e-14
        previous = norm
    return False


@njit(cache=True)
def _interpolate(nodes, bary, values, tau):
    """The polynomial through ``(nodes_j, values_j)`` at ``tau`` (barycentric formula, 2 components).

    The weights are scaled by the distance to the nearest node, so that values near the
    float64 limit (v ≈ −y in the far upper tail) do not overflow.
    """
    num0 = 0.0
    num1 = 0.0
    den = 0.0
    nearest = np.inf
    for j in range(nodes.size):
        nearest = min(nearest, abs(tau - nodes[j]))
    if nearest == 0.0:
        for j in range(nodes.size):
            if tau == nodes[j]:
                return values[j, 0], values[j, 1]
    for j in range(nodes.size):
        w = bary[j] * (nearest / (tau - nodes[j]))
        num0 += w * values[j, 0]
        num1 += w * values[j, 1]
        den += w
    return num0 / den, num1 / den


@njit(cache=True)
def _step_error(nodes, bary, whole, half, offset, c):
    """Largest scaled difference of the whole step's polynomial from one half step's stages."""
    error = 0.0
    for j in range(c.size):
        rho, v = _interpolate(nodes, bary, whole, offset + c[j] / 2)
        r_half, v_half = half[j + 1, 0], half[j + 1, 1]
        error = max(error, abs(rho - r_half) / (1.0 + abs(r_half) + math.exp(min(v_half, 700.0))),
                    abs(v - v_half) / (1.0 + abs(v_half)))
    return error


@njit(cache=True)
def _integrate(t0, rho0, v0, t_end, a, b, c, matrix, nodes, bary, tol, first_step, max_step, max_steps):
    """Adaptive Radau IIA from ``t0`` to ``t_end`` (either direction).

    Returns ``(ends, steps, values, ok)``: step ends (n + 1), signed step sizes (n) and the
    collocation values (n × (s + 1) × 2, at ``ends[k] + nodes·steps[k]``).
    """
    s = c.size
    capacity = 64
    ends = np.empty(capacity + 1)
    steps = np.empty(capacity)
    values = np.empty((capacity, s + 1, 2))
    ends[0] = t0
    n = 0
    t = t0
    direction = 1.0 if t_end > t0 else -1.0
    h = direction * min(first_step, abs(t_end - t0))
    whole = np.empty((s + 1, 2))
    first = np.empty((s + 1, 2))
    second = np.empty((s + 1, 2))
    whole[0, 0], whole[0, 1] = rho0, v0
    for attempt in range(max_steps):
        if direction * (t_end - t) <= 0:
            return ends[:n + 1], steps[:n], values[:n], True
        if direction * (t + h - t_end) > 0:
            h = t_end - t
        first[0] = whole[0]
        for j in range(s):   # starting guess: the previous polynomial, extrapolated
            if n > 0:
                whole[j + 1, 0], whole[j + 1, 1] = _interpolate(nodes, bary, values[n - 1],
                                                                (t + c[j] * h - ends[n - 1]) / steps[n - 1])
            else:
                whole[j + 1] = whole[0]
        ok = _collocate(t, whole[0], h, a, b, whole[1:], c, matrix)
        if ok:
            for j in range(s):
                first[j + 1, 0], first[j + 1, 1] = _interpolate(nodes, bary, whole, c[j] / 2)
            ok = _collocate(t, first[0], h / 2, a, b, first[1:], c, matrix)
        if ok:
            second[0] = first[s]
            for j in range(s):
                second[j + 1, 0], second[j + 1, 1] = _interpolate(nodes, bary, whole, 0.5 + c[j] / 2)
            ok = _collocate(t + h / 2, second[0], h / 2, a, b, second[1:], c, matrix)
        if not ok:
            h /= 4
            if abs(h) < 1e-13 * (1.0 + abs(t)):
                break
            continue
        error = max(_step_error(nodes, bary, whole, first, 0.0, c),
                    _step_error(nodes, bary, whole, second, 0.5, c)) / tol
        if error <= 1.0:
            if n + 2 > capacity:
                capacity *= 2
                grown_ends = np.empty(capacity + 1)
                grown_steps = np.empty(capacity)
                grown_values = np.empty((capacity, s + 1, 2))
                grown_ends[:n + 1] = ends[:n + 1]
                grown_steps[:n] = steps[:n]
                grown_values[:n] = values[:n]
                ends, steps, values = grown_ends, grown_steps, grown_values
            values[n] = first
            values[n + 1] = second
            steps[n] = steps[n + 1] = h / 2
            ends[n + 1] = t + h / 2
            ends[n + 2] = t = t + h if direction * (t_end - (t + h)) > 0 else t_end
            n += 2
            whole[0] = second[s]
        factor = min(3.0, max(0.2, 0.9 * max(error, 1e-10) ** (-1.0 / (s + 1))))
        h = direction * min(abs(h) * factor, max_step)
    return ends[:n + 1], steps[:n], values[:n], False


@njit(cache=True)
def _evaluate(ends, steps, values, nodes, bary, t, component):
    """Component 0 (ρ) or 1 (v) of the dense output at the points ``t`` (binary search)."""
    out = np.empty(t.size)
    n = steps.size
    increasing = steps[0] > 0
    for i in range(t.size):
        lo = 0
        hi = n - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if (ends[mid] <= t[i]) if increasing else (ends[mid] >= t[i]):
                lo = mid
            else:
                hi = mid - 1
        pair = _interpolate(nodes, bary, values[lo], (t[i] - ends[lo]) / steps[lo])
        out[i] = pair[component]
    return out


class RiccatiSolution(NamedTuple):
    """One direction of the solution from its start: step ends ``t`` (monotone), signed
    step sizes and collocation values (see :func:`solve`)."""
    t: np.ndarray
    steps: np.ndarray
    values: np.ndarray

    def rho(self, t: np.ndarray) -> np.ndarray:
        """ρ = Re u at the points ``t`` (inside the solved range)."""
        return _evaluate(self.t, self.steps, self.values, NODES, BARY, np.ascontiguousarray(t, dtype=float), 0)

    def v(self, t: np.ndarray) -> np.ndarray:
        """v = log(−Im u) at the points ``t`` (inside the solved range)."""
        return _evaluate(self.t, self.steps, self.values, NODES, BARY, np.ascontiguousarray(t, dtype=float), 1)


def solve(a: float, b: float, t0: float, rho0: float, v0: float, t_end: float) -> RiccatiSolution:
    """(ρ, v) from ``t0`` to ``t_end`` for the parameters ``a = c``, ``b = −α``.

    Raises ``ArithmeticError`` if the steps shrink to nothing or exceed :data:`MAX_STEPS`
    (e.g. where ``a·y`` overflows float64).
    """
    ends, steps, values, ok = _integrate(t0, rho0, v0, t_end, a, b, C, A, NODES, BARY, TOL,
                                         FIRST_STEP, MAX_STEP, MAX_STEPS)
    if not ok or steps.size == 0:
        raise ArithmeticError(f"Riccati solve failed between t = {t0} and {t_end} (a = {a}, b = {b})")
    return RiccatiSolution(ends, steps, values)

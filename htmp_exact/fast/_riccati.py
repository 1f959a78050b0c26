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
  polynomial.  The unknowns are the increments over the step, and each step's start value
  is accumulated in double-double arithmetic: rounding then grows with the changes of
  (ρ, v), not with |v| (10²–10⁴ in the tails) times the number of steps.
- **Error control.** Step doubling: a step is accepted when its collocation polynomial
  agrees with the two half steps at their 16 nodes to :data:`TOL` in the norm
  ``|δρ|/(1 + |ρ| + e^v)`` (relative error of u, the coupled oscillation's natural
  scale) and ``|δv|/(1 + |Δv|)`` (Δv the change over the step: absolute accuracy of
  logpdf, relative to the change where v falls steeply); the two half steps are kept
  (their error is about ``2^{−9}`` of the estimate).
- **Rounding of t.** Step ends are exactly representable differences (``h = (t + h) − t``),
  so consecutive steps meet at the same t, and ``y = e^{t0}·e^{c_j h}`` at the nodes
  (relative error ~3ε, where ``e^{t0 + c_j h}`` has |t|·ε): each ε·|t| would cost v'·ε·|t|,
  with v' up to y.  Measured: pdf errors at |logpdf| ≈ 300 fell from ~5e-12 to ~1e-13.
- **Dense output.** Each kept step stores its collocation polynomial (degree 8: the value
  at the step's start and at the 8 stages), evaluated in barycentric form.

The tableau is computed once at import (:func:`._radau.radau_tableau`).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from .._jit import jit
from ._radau import radau_tableau

STAGES = 8
TOL = 1e-13  # step-doubling estimate per step (the kept half steps are ~500× better)
MAX_STEP = 2.0  # in t = log y
FIRST_STEP = 0.01
MAX_STEPS = 200_000  # attempted steps per solve before giving up


C, A, NODES, BARY = radau_tableau(STAGES)


@jit
def _rhs(y, rho, v, a, b):
    """(ρ', v', ∂ρ'/∂ρ, ∂ρ'/∂v) at ``y = e^t``; ∂v'/∂ρ = −2, ∂v'/∂v = 0."""
    e2v = math.exp(min(2.0 * v, 700.0))
    trace = 1.0 - b - y - 2.0 * rho
    return (1.0 - b - y) * rho - rho * rho + e2v - a * y, trace, trace, 2.0 * e2v


@jit
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


@jit
def _collocate(t0, start, h, a, b, incr, c, matrix):
    """Newton on the stage increments ``incr`` (s × 2, stage values minus ``start``,
    updated in place); True when converged.

    Increments, not values, are the unknowns so that their rounding is relative to the
    step's change, not to |v| (which reaches 10⁴ in the tails).  Convergence is measured
    in the error norm of :func:`_integrate`.
    """
    s = c.size
    f = np.empty((s, 2))
    dfdrho = np.empty(s)
    dfdv = np.empty(s)
    jacobian = np.empty((2 * s, 2 * s))
    residual = np.empty(2 * s)
    y = np.empty(s)
    for j in range(s):  # e^{t0}·e^{c_j h}: relative error ~3ε, where e^{t0 + c_j h} has |t|·ε
        y[j] = math.exp(t0) * math.exp(c[j] * h)
    previous = np.inf
    for iteration in range(20):
        for j in range(s):
            f[j, 0], f[j, 1], dfdrho[j], dfdv[j] = _rhs(
                y[j], start[0] + incr[j, 0], start[1] + incr[j, 1], a, b
            )
        for i in range(s):
            acc0 = 0.0
            acc1 = 0.0
            for j in range(s):
                acc0 += matrix[i, j] * f[j, 0]
                acc1 += matrix[i, j] * f[j, 1]
            residual[2 * i] = h * acc0 - incr[i, 0]
            residual[2 * i + 1] = h * acc1 - incr[i, 1]
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
            incr[j, 0] += delta[2 * j]
            incr[j, 1] += delta[2 * j + 1]
            norm = max(
                norm,
                _scaled(
                    delta[2 * j], delta[2 * j + 1], start[0] + incr[j, 0], start[1] + incr[j, 1], incr[j, 1]
                ),
            )
        if not math.isfinite(norm):
            return False
        if norm < 1e-16:
            return True
        if iteration >= 2 and norm > 0.5 * previous:  # stagnated at rounding level
            return norm < 1e-13
        previous = norm
    return False


@jit
def _scaled(d_rho, d_v, rho, v, change_v):
    """The error norm: ``|δρ|/(1 + |ρ| + e^v)`` (relative error of u, the scale of the
    coupled oscillation) and ``|δv|/(1 + |Δv|)``, Δv the change of v over the step (absolute
    accuracy of logpdf, relative to the change where v falls steeply)."""
    return max(abs(d_rho) / (1.0 + abs(rho) + math.exp(min(v, 700.0))), abs(d_v) / (1.0 + abs(change_v)))


@jit
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


@jit
def _step_error(nodes, bary, whole, half, offset, fraction, shift, start, c):
    """Largest scaled difference of the whole step's polynomial from one half step's stages.

    The half step covers ``[offset, offset + fraction]`` of the whole one; ``whole`` and
    ``half`` hold increments; ``shift`` is the half step's start minus the whole step's,
    ``start`` the whole step's start value."""
    error = 0.0
    for j in range(c.size):
        rho, v = _interpolate(nodes, bary, whole, offset + c[j] * fraction)
        r_half, v_half = shift[0] + half[j + 1, 0], shift[1] + half[j + 1, 1]
        error = max(error, _scaled(rho - r_half, v - v_half, start[0] + r_half, start[1] + v_half, v_half))
    return error


@jit
def _two_sum(x, y):
    """``x + y = s + e`` exactly (Knuth)."""
    s = x + y
    z = s - x
    return s, (x - (s - z)) + (y - z)


@jit
def _integrate(t0, rho0, v0, t_end, a, b, c, matrix, nodes, bary, tol, first_step, max_step, max_steps):
    """Adaptive Radau IIA from ``t0`` to ``t_end`` (either direction).

    Returns ``(ends, steps, base, increments, ok)``: step ends (n + 1), signed step sizes
    (n), each step's start value as a double-double (n × 2 × 2: ``[hi, lo]`` of ρ and v) and
    the collocation increments over it (n × (s + 1) × 2, at ``ends[k] + nodes·steps[k]``).
    The start values are accumulated in double-double arithmetic, so that rounding grows
    with the changes of (ρ, v), not with their size times the number of steps.
    """
    s = c.size
    capacity = 64
    ends = np.empty(capacity + 1)
    steps = np.empty(capacity)
    base = np.empty((capacity, 2, 2))
    values = np.empty((capacity, s + 1, 2))
    ends[0] = t0
    n = 0
    t = t0
    direction = 1.0 if t_end > t0 else -1.0
    h = direction * min(first_step, abs(t_end - t0))
    start = np.array([rho0, v0])
    start_lo = np.zeros(2)
    middle = np.empty(2)
    whole = np.zeros((s + 1, 2))
    first = np.zeros((s + 1, 2))
    second = np.zeros((s + 1, 2))
    shift = np.empty(2)
    zero = np.zeros(2)
    for _attempt in range(max_steps):
        if direction * (t_end - t) <= 1e-13 * (1.0 + abs(t)):  # reached (to rounding)
            return ends[: n + 1], steps[:n], base[:n], values[:n], True
        # step ends exactly representable, so that consecutive steps meet at the same t
        # (a mismatch of ε·|t| would cost v'·ε·|t| per step); the last step ends at t_end
        t_next = t_end if direction * (t + h - t_end) >= 0 else t + h
        h = t_next - t
        t_mid = t + h / 2
        h1, h2 = t_mid - t, t_next - t_mid
        for j in range(s):  # starting guess: the previous polynomial, extrapolated
            if n > 0:
                r, v = _interpolate(nodes, bary, values[n - 1], (t + c[j] * h - ends[n - 1]) / steps[n - 1])
                whole[j + 1, 0] = r - values[n - 1, s, 0]
                whole[j + 1, 1] = v - values[n - 1, s, 1]
            else:
                whole[j + 1, 0] = 0.0
                whole[j + 1, 1] = 0.0
        ok = _collocate(t, start, h, a, b, whole[1:], c, matrix)
        if ok:
            for j in range(s):
                first[j + 1, 0], first[j + 1, 1] = _interpolate(nodes, bary, whole, c[j] * h1 / h)
            ok = _collocate(t, start, h1, a, b, first[1:], c, matrix)
        if ok:
            shift[0], shift[1] = first[s, 0], first[s, 1]
            middle[0], middle[1] = start[0] + shift[0], start[1] + shift[1]
            for j in range(s):
                r, v = _interpolate(nodes, bary, whole, (h1 + c[j] * h2) / h)
                second[j + 1, 0], second[j + 1, 1] = r - shift[0], v - shift[1]
            ok = _collocate(t_mid, middle, h2, a, b, second[1:], c, matrix)
        if not ok:
            h /= 4
            if abs(h) < 1e-13 * (1.0 + abs(t)):
                break
            continue
        error = (
            max(
                _step_error(nodes, bary, whole, first, 0.0, h1 / h, zero, start, c),
                _step_error(nodes, bary, whole, second, h1 / h, h2 / h, shift, start, c),
            )
            / tol
        )
        if error <= 1.0:
            if n + 2 > capacity:
                capacity *= 2
                grown_ends = np.empty(capacity + 1)
                grown_steps = np.empty(capacity)
                grown_base = np.empty((capacity, 2, 2))
                grown_values = np.empty((capacity, s + 1, 2))
                grown_ends[n] = ends[n]
                for i in range(n):  # element loops: slice assignments take seconds to compile
                    grown_ends[i], grown_steps[i] = ends[i], steps[i]
                    for k in range(2):
                        grown_base[i, k, 0], grown_base[i, k, 1] = base[i, k, 0], base[i, k, 1]
                    for j in range(s + 1):
                        grown_values[i, j, 0], grown_values[i, j, 1] = values[i, j, 0], values[i, j, 1]
                ends, steps, base, values = grown_ends, grown_steps, grown_base, grown_values
            for k in range(2):
                base[n, k, 0], base[n, k, 1] = start[k], start_lo[k]
                hi, lo = _two_sum(start[k], shift[k])
                base[n + 1, k, 0], base[n + 1, k, 1] = hi, lo + start_lo[k]
                start[k], start_lo[k] = _two_sum(hi, lo + start_lo[k] + second[s, k])
            for j in range(s + 1):
                for k in range(2):
                    values[n, j, k], values[n + 1, j, k] = first[j, k], second[j, k]
            steps[n], steps[n + 1] = h1, h2
            ends[n + 1] = t_mid
            ends[n + 2] = t = t_next
            n += 2
        factor = min(3.0, max(0.2, 0.9 * max(error, 1e-10) ** (-1.0 / (s + 1))))
        h = direction * min(abs(h) * factor, max_step)
    return ends[: n + 1], steps[:n], base[:n], values[:n], False


@jit
def _evaluate(ends, steps, base, values, nodes, bary, t, shift, component):
    """Component 0 (ρ) or 1 (v) of the dense output at the points ``t + shift`` (binary
    search on the rounded sum; the step's local coordinate from ``(t − start) + shift``, so
    that a small exact ``shift`` keeps its precision where ``|t|·ε`` would not)."""
    out = np.empty(t.size)
    n = steps.size
    increasing = steps[0] > 0
    for i in range(t.size):
        point = t[i] + shift[i]
        lo = 0
        hi = n - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if (ends[mid] <= point) if increasing else (ends[mid] >= point):
                lo = mid
            else:
                hi = mid - 1
        pair = _interpolate(nodes, bary, values[lo], ((t[i] - ends[lo]) + shift[i]) / steps[lo])
        out[i] = base[lo, component, 0] + (base[lo, component, 1] + pair[component])
    return out


class RiccatiSolution(NamedTuple):
    """One direction of the solution from its start: step ends ``t`` (monotone), signed
    step sizes, start values (double-double) and collocation increments (see :func:`solve`)."""

    t: np.ndarray
    steps: np.ndarray
    base: np.ndarray
    increments: np.ndarray

    def rho(self, t: np.ndarray, shift: np.ndarray | None = None) -> np.ndarray:
        """ρ = Re u at the points ``t + shift`` (inside the solved range; see :func:`_evaluate`)."""
        return self._component(t, shift, 0)

    def v(self, t: np.ndarray, shift: np.ndarray | None = None) -> np.ndarray:
        """v = log(−Im u) at the points ``t + shift`` (inside the solved range)."""
        return self._component(t, shift, 1)

    def _component(self, t: np.ndarray, shift: np.ndarray | None, component: int) -> np.ndarray:
        t = np.ascontiguousarray(t, dtype=float)
        shift = np.zeros_like(t) if shift is None else np.ascontiguousarray(shift, dtype=float)
        return _evaluate(self.t, self.steps, self.base, self.increments, NODES, BARY, t, shift, component)


def solve(a: float, b: float, t0: float, rho0: float, v0: float, t_end: float) -> RiccatiSolution:
    """(ρ, v) from ``t0`` to ``t_end`` for the parameters ``a = c``, ``b = −α``.

    Raises ``ArithmeticError`` if the steps shrink to nothing or exceed :data:`MAX_STEPS`
    (e.g. where ``a·y`` overflows float64).

    The dense output satisfies the equation, e.g. ``v' = 1 − b − y − 2ρ`` at t = 1:

    >>> import math, numpy as np
    >>> sol = solve(a=2.0, b=-1.0, t0=0.0, rho0=-1.0, v0=0.0, t_end=2.0)
    >>> h = 1e-4
    >>> slope = (sol.v(np.array([1 + h])) - sol.v(np.array([1 - h])))[0] / (2 * h)
    >>> bool(abs(slope - (1 + 1 - math.e - 2 * sol.rho(np.array([1.0]))[0])) < 1e-7)
    True
    """
    ends, steps, base, increments, ok = _integrate(
        t0, rho0, v0, t_end, a, b, C, A, NODES, BARY, TOL, FIRST_STEP, MAX_STEP, MAX_STEPS
    )
    if not ok or steps.size == 0:
        raise ArithmeticError(f"Riccati solve failed between t = {t0} and {t_end} (a = {a}, b = {b})")
    return RiccatiSolution(ends, steps, base, increments)

r"""One-dimensional maximisation and profile-likelihood intervals (used for the scale and for log κ).

:func:`maximize` finds the maximum of a smooth function of one variable by successive
parabolic interpolation from a bracket (expanded outward first if needed), stopping
when the parabola predicts a gain below ``gain_tol`` over a bracket no wider than the
curvature's natural width ``1/√|f''|``.  For a log-likelihood this is the accuracy
that matters: a profile log-likelihood is off by at most about ``gain_tol``.

:func:`interval_end` solves ``f(t) = target`` outward of the maximum (a bracket from a
guess, then Brent's method), which gives the ends of a profile-likelihood interval
``{θ : ℓ_p(θ) ≥ ℓ_max − χ²_{1, level}/2}`` (Wilks' theorem; one parameter of interest).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from scipy.optimize import brentq

_GOLDEN = 0.381966011250105
_MAX_EVALS = 80


@dataclass(frozen=True)
class Maximum:
    """``x`` maximises ``value``; ``curvature`` estimates f''(x) (≤ 0; 0 if unknown), ``at_edge``
    when the maximum is at an end of the allowed interval."""

    x: float
    value: float
    curvature: float
    at_edge: bool


class Memo:
    """``f`` with its evaluations kept (``values``), so that searches share them."""

    def __init__(self, f: Callable[[float], float]):
        self._f = f
        self.values: dict[float, float] = {}

    def __call__(self, x: float) -> float:
        x = float(x)
        if x not in self.values:
            value = float(self._f(x))
            self.values[x] = value if not math.isnan(value) else -math.inf
        return self.values[x]


def _parabola(a: float, fa: float, b: float, fb: float, c: float, fc: float):
    """Slope and second derivative at b of the parabola through the three points."""
    left, right = (fb - fa) / (b - a), (fc - fb) / (c - b)
    second = 2 * (right - left) / (c - a)
    slope = (right * (b - a) + left * (c - b)) / (c - a)
    return slope, second


def _bracket(f: Memo, x0: float, h: float, lo: float, hi: float):
    """Three points a < b < c in [lo, hi] with f(b) >= f(a), f(c), or the end of [lo, hi]
    where f is largest (the step doubles at each move)."""
    b = min(max(x0, lo), hi)
    a, c = max(b - h, lo), min(b + h, hi)
    for _ in range(_MAX_EVALS):
        fa, fb, fc = f(a), f(b), f(c)
        if a == b and fb >= fc:
            return a, b, c, lo
        if c == b and fb >= fa:
            return a, b, c, hi
        if a < b < c and fb >= fa and fb >= fc:
            return a, b, c, None
        if fa > fb:  # go left
            a, b, c = max(a - 2 * (b - a), lo), a, b
        else:  # go right
            a, b, c = b, c, min(c + 2 * (c - b), hi)
    raise RuntimeError("maximize: no bracket found within the evaluation cap")


def maximize(f: Memo, x0: float, h: float, lo: float, hi: float, gain_tol: float) -> Maximum:
    """Maximise ``f`` on ``[lo, hi]`` from ``x0`` with first step ``h`` (see the module docstring).

    Ends after at most :data:`_MAX_EVALS` evaluations of ``f`` (a RuntimeError otherwise).
    """
    a, b, c, edge = _bracket(f, x0, h, lo, hi)
    if edge is not None:
        return Maximum(edge, f(edge), 0.0, True)
    widths = [math.inf, math.inf]
    for _ in range(_MAX_EVALS):
        fa, fb, fc = f(a), f(b), f(c)
        slope, second = _parabola(a, fa, b, fb, c, fc) if math.isfinite(fa + fc) else (0.0, 0.0)
        width = 1 / math.sqrt(-second) if second < 0 else math.inf
        gain = slope * slope / (-2 * second) if second < 0 else math.inf
        if gain <= gain_tol and c - a <= 2 * width:
            return Maximum(b, fb, min(second, 0.0), False)
        # Brent's safeguard: a parabolic step only while the bracket keeps halving every two steps
        shrinking = c - a <= 0.5 * widths[0]
        widths = [widths[1], c - a]
        if (
            (shrinking or math.isinf(widths[0]))
            and second < 0
            and a < b - slope / second < c
            and abs(slope / second) > 1e-3 * (c - a)
        ):
            v = b - slope / second
        else:  # golden step into the larger side, or a shrink next to b
            big_right = c - b >= b - a
            step = _GOLDEN * ((c - b) if big_right else (b - a))
            if gain <= gain_tol:
                step = min(step, width / 2)
            v = b + step if big_right else b - step
        fv = f(v)
        if fv >= fb:
            a, b, c = (b, v, c) if v > b else (a, v, b)
        else:
            a, c = (a, v) if v > b else (v, c)
        if c - a <= 1e-12 * max(1.0, abs(b)):
            return Maximum(b, f(b), 0.0, False)
    raise RuntimeError("maximize: no convergence within the evaluation cap")


def quadratic_guess(
    x_hat: float, value: float, curvature: float, target: float, side: int, step: float
) -> float:
    """Where a parabola with this maximum and curvature falls to ``target`` on ``side`` (±1);
    ``x_hat + side·step`` without a curvature."""
    if curvature < 0:
        return x_hat + side * math.sqrt(2 * max(value - target, 0.0) / -curvature)
    return x_hat + side * step


def interval_end(f: Memo, x_hat: float, guess: float, edge: float, target: float, xtol: float) -> float:
    """The end, toward ``edge``, of ``{x : f(x) ≥ target}`` around ``x_hat`` (where f ≥ target):
    from ``guess`` (e.g. a quadratic model's crossing), stepping outward with doubling steps
    until f < target, then Brent's method on the last bracket; ``edge`` itself if f stays at
    or above the target up to it.  At most :data:`_MAX_EVALS` evaluations of f before Brent."""

    def clamp(x: float) -> float:
        return min(max(x, min(x_hat, edge)), max(x_hat, edge))

    inner, x = x_hat, clamp(guess)
    if x == x_hat:
        x = edge
    for _ in range(_MAX_EVALS):
        if f(x) < target:
            return float(
                brentq(
                    lambda v: max(f(v) - target, -1e10), min(inner, x), max(inner, x), xtol=xtol, maxiter=100
                )
            )
        if x == edge:
            return edge
        inner, x = x, clamp(x + 2 * (x - x_hat))
    raise RuntimeError("interval_end: no crossing within the evaluation cap")

r"""Certified quantiles: the correctly rounded x with ``cdf(x) = p``, enclosed with certified cdf/sf balls.

Convention (scipy's): ``ppf(q)`` is the smallest x with ``cdf(x) ≥ q``; ``isf(q) = ppf(1 − q)``.
For γ > 1 the law has an atom ``1 − 1/γ`` at 0, so ``ppf(q) = 0`` for ``q ≤ 1 − 1/γ``.
Above the atom the distribution function is continuous and strictly increasing on the
support, so the quantile is the unique root of ``cdf(x) = p``.

Algorithm.  (1) Safeguarded Newton iteration (bracketing, bisection when a step leaves
the bracket) on ``g(t) = log cdf(e^t) − log p`` (or ``log p' − log sf(e^t)`` with
``p' = 1 − p`` when ``p > 1/2``, so the upper tail keeps its relative accuracy), in
double precision from balls of 18 digits; (2) Newton steps on x in ball arithmetic
until the step is below ``10^-(digits+4)`` relative; (3) **certification**: with ``r``
the candidate rounded to ``digits`` significant digits and ``lo``, ``hi`` the midpoints
to its decimal neighbours, the certified balls must show ``cdf(lo) < p < cdf(hi)``
(``sf(lo) > p' > sf(hi)``); then the true quantile lies in ``(lo, hi)`` and rounds to
``r``.  Steps (1) and (2) only propose ``r``; step (3) alone makes it rigorous.
Every loop has a fixed cap; an undecidable case raises :class:`~htmp_exact.PrecisionError`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from flint import arb, ctx, fmpq

from ..exact import PrecisionError
from .rounding import decimal_exponent, exact_fraction, round_significant

__all__ = ["Distribution", "certified_quantile"]

Certified = Callable[[Fraction, int], arb]  # (x, digits) -> ball

#: Caps of the iterations (tuning only: the result is certified by the final check).
FLOAT_STEPS = 300
BALL_STEPS = 6
CHECK_EXTRA_DIGITS = (4, 12, 30)


@dataclass(frozen=True)
class Distribution:
    """Certified cdf, sf and pdf of one law, its atom at 0, and a float guess of the quantile
    at a probability (the start of the iteration: only the speed depends on it)."""

    cdf: Certified
    sf: Certified
    pdf: Certified
    atom: Fraction
    guess: Callable[[Fraction], float]


def _fraction(value: fmpq | arb | int | str | Fraction) -> Fraction:
    if isinstance(value, fmpq):
        return Fraction(int(value.p), int(value.q))
    return exact_fraction(value) if isinstance(value, arb) else Fraction(value)


def _ball(value: Fraction) -> arb:
    return arb(fmpq(value.numerator, value.denominator))


def _log(ball: arb) -> float:
    """``log`` of a non-negative ball as a float (−inf for 0)."""
    if ball.is_zero():
        return -math.inf
    return float(ball.log().mid())


def _point(t: float) -> Fraction:
    """An exact positive rational close to ``e^t`` (any t, beyond the float range too)."""
    with ctx.workprec(64):
        return exact_fraction(arb(t).exp().mid())


class _Target:
    """``g(t)`` (increasing in t) and ``g'(t)`` for ``cdf(e^t) = p``, from the side with relative accuracy."""

    def __init__(self, law: Distribution, p: Fraction):
        self.law, self.lower = law, p <= Fraction(1, 2)
        self.level = p if self.lower else 1 - p
        with ctx.workprec(64):
            self.log_level = float(_ball(self.level).log().mid())

    def __call__(self, t: float) -> tuple[float, float]:
        x = _point(t)
        side = (self.law.cdf if self.lower else self.law.sf)(x, 18)
        log_side = _log(side)
        g = log_side - self.log_level if self.lower else self.log_level - log_side
        if not math.isfinite(g):
            return g, 0.0
        # d g / d t = x p(x) / cdf(x) (or / sf(x)); log x = t to 64 bits
        slope = math.exp(min(700.0, t + _log(self.law.pdf(x, 18)) - log_side))
        return g, slope

    def refine(self, x: Fraction, digits: int) -> Fraction:
        """Newton steps on x in ball arithmetic until the step is below ``10^-(digits+4)`` relative."""
        for _ in range(BALL_STEPS):
            side = (self.law.cdf if self.lower else self.law.sf)(x, digits + 8)
            density = self.law.pdf(x, digits + 8)
            with ctx.workprec(4 * (digits + 8) + 64):
                level = _ball(self.level)
                step = (side - level) / density if self.lower else (level - side) / density
                if not step.is_finite():
                    return x
                x = x - _fraction(step.mid())
                if abs(step) < _ball(x) * arb(10) ** -(digits + 4):
                    return x
        return x

    def separates(self, lo: Fraction, hi: Fraction, digits: int) -> bool | None:
        """True if certainly ``cdf(lo) < p < cdf(hi)``; False if certainly not; None if undecided."""
        side = self.law.cdf if self.lower else self.law.sf
        below, above = side(lo, digits), side(hi, digits)
        if not self.lower:
            below, above = above, below  # sf decreases: sf(hi) < p' < sf(lo)
        with ctx.workprec(4 * digits + 64):
            level = _ball(self.level)
            if below < level and level < above:
                return True
            if below >= level or above <= level:
                return False
        return None


def _newton_in_log(target: _Target, t: float) -> float:
    """Safeguarded Newton iteration on ``g(t) = 0`` in double precision (see the module docstring)."""
    lo = hi = None
    for _ in range(FLOAT_STEPS):
        g, slope = target(t)
        if g == 0:
            return t
        if g < 0:
            lo = t
        else:
            hi = t
        step = -g / slope if slope > 0 and math.isfinite(g) else (1.0 if g < 0 else -1.0)
        if lo is None or hi is None:
            limit = max(1.0, abs(t))
            new = t + max(-limit, min(limit, step))
        else:
            new = t + step
            if not lo < new < hi:
                new = (lo + hi) / 2
        if abs(new - t) <= 4e-16 * max(1.0, abs(t)):
            return new
        if lo is not None and hi is not None and hi - lo <= 4e-16 * max(1.0, abs(t)):
            return new
        t = new
    raise PrecisionError(f"quantile: no convergence in {FLOAT_STEPS} steps of the float iteration")


def _neighbours(text: str, digits: int) -> tuple[Fraction, Fraction]:
    """The midpoints between the positive ``digits``-digit decimal ``text`` and its two neighbours
    (below ``1.00…·10^e`` the neighbour is ``9.99…·10^(e-1)``, a tenth of the quantum away)."""
    value = Fraction(text)
    quantum = _quantum(value, digits)
    below = quantum / 10 if value == Fraction(10) ** decimal_exponent(value) else quantum
    return value - below / 2, value + quantum / 2


def _quantum(value: Fraction, digits: int) -> Fraction:
    return Fraction(10) ** (decimal_exponent(value) - digits + 1)


def certified_quantile(law: Distribution, p: Fraction, digits: int) -> str:
    """The quantile ``x`` with ``cdf(x) = p`` (0 inside the atom), correctly rounded to ``digits`` digits."""
    if not 0 < p < 1:
        raise ValueError(f"the probability must lie in (0, 1), got {p}")
    if p <= law.atom:
        return "0"
    target = _Target(law, p)
    t0 = math.log(law.guess(p))
    x = target.refine(_point(_newton_in_log(target, t0)), digits)
    text = round_significant(x, digits)
    for _ in range(3):  # a candidate off by one unit moves to its neighbour
        lo, hi = _neighbours(text, digits)
        verdict = None
        for extra in CHECK_EXTRA_DIGITS:
            verdict = target.separates(lo, hi, digits + extra)
            if verdict is not None:
                break
        if verdict:
            return text
        if verdict is None:
            break
        step = _quantum(Fraction(text), digits)
        text = round_significant(lo - step / 20 if _below(target, lo, digits) else hi + step / 2, digits)
    raise PrecisionError(
        f"quantile at p = {p}: the rounding to {digits} digits cannot be certified "
        "(the quantile lies within the balls of a rounding boundary)"
    )


def _below(target: _Target, point: Fraction, digits: int) -> bool:
    """Whether the quantile is certainly below ``point`` (``cdf(point) > p``)."""
    extra = digits + CHECK_EXTRA_DIGITS[-1]
    side = (target.law.cdf if target.lower else target.law.sf)(point, extra)
    with ctx.workprec(4 * extra + 64):
        level = _ball(target.level)
        return bool(side > level) if target.lower else bool(side < level)

r"""Identities of SPEC §3–§4 checked numerically at 30+ digits with mpmath.

Everything here uses mpmath's ``hyperu`` directly on the formulas of SPEC §3–§4
(not ``htmp_exact``): ``c = κ/2``, ``α = c(1/γ − 1) − 1``, ``s = c/γ``,

    p(x) = s y^α e^{−y} / (Γ(c+1) Γ(c+α+1) |U(c, −α, y e^{iπ})|²),  y = s x,
    S(z) = s U(c+1, 1−α, −sz) / U(c, −α, −sz).

Points are seeded random rationals, chosen inside the range where each limit
converges at a known rate, so that the stated tolerance is meaningful.

Run ``python -m proofs_check.identities``.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from fractions import Fraction

import mpmath as mp

from ._report import Check, main_for

SEED = 20251129
DPS = 60
TOL = mp.mpf(10) ** -30


def _mpf(q: Fraction) -> mp.mpf:
    return mp.mpf(q.numerator) / q.denominator


def parameters(gamma: Fraction, kappa: Fraction) -> tuple[mp.mpf, mp.mpf, mp.mpf]:
    """(c, α, s) of SPEC §3 at the current mpmath precision."""
    c = _mpf(kappa) / 2
    s = c / _mpf(gamma)
    return c, s - c - 1, s


def density(x: mp.mpf, gamma: Fraction, kappa: Fraction) -> mp.mpf:
    """SPEC §3 density; U on the cut from mpmath (principal branch, value from above)."""
    c, al, s = parameters(gamma, kappa)
    y = s * x
    u = mp.hyperu(c, -al, mp.mpc(-y, 0))
    return s * y**al * mp.exp(-y) / (mp.gamma(c + 1) * mp.gamma(c + al + 1) * abs(u) ** 2)


def stieltjes(z: mp.mpc, gamma: Fraction, kappa: Fraction) -> mp.mpc:
    """SPEC §4: S(z) = s U(c+1, 1−α, −sz) / U(c, −α, −sz)."""
    c, al, s = parameters(gamma, kappa)
    return s * mp.hyperu(c + 1, 1 - al, -s * z) / mp.hyperu(c, -al, -s * z)


def _rational(rng: random.Random, low: float, high: float) -> Fraction:
    """A random rational in [low, high] with denominator 8."""
    return Fraction(rng.randint(int(low * 8), int(high * 8)), 8)


def _relative(a, b) -> mp.mpf:
    return abs(a - b) / abs(b)


def _report(identity: str, route: str, gaps: list[mp.mpf], points: str, tol=TOL) -> Check:
    worst = max(gaps)
    return Check(identity, route, points, worst < tol, f"worst relative gap {mp.nstr(worst, 3)}")


def check_duality(points: int = 4, seed: int = SEED, scale: Fraction = Fraction(1)) -> Check:
    """γ > 1: γ·p(x; γ, κ) = (1/γ)·p(x/γ; 1/γ, κ/γ) (the renormalised continuous part is γX').

    ``scale`` ≠ 1 multiplies the right side (a false identity, for the failure test).
    """
    rng = random.Random(seed)
    gaps = []
    with mp.workdps(DPS):
        for _ in range(points):
            g, k, x = _rational(rng, 1.25, 6), _rational(rng, 0.5, 12), _mpf(_rational(rng, 0.25, 8))
            left = _mpf(g) * density(x, g, k)
            right = density(x / _mpf(g), 1 / g, k / g) / _mpf(g) * _mpf(scale)
            gaps.append(_relative(left, right))
    return _report(
        "duality γ ↔ 1/γ (SPEC §3)", f"mpmath hyperu, {DPS} digits", gaps, f"{points} random (γ > 1, κ, x)"
    )


def check_atom(points: int = 3, seed: int = SEED) -> Check:
    """γ > 1: −z S(z) → 1 − 1/γ as z → 0⁻.

    −zS(z) − (1 − 1/γ) = ∫ p(x) ε/(x + ε) dx = O(ε) when −α − 1 = c(1 − 1/γ) > 1, so
    the parameters are drawn with c(1 − 1/γ) ≥ 3/2 and ε = 10⁻⁴⁵.
    """
    rng = random.Random(seed)
    gaps = []
    with mp.workdps(DPS):
        eps = mp.mpf(10) ** -45
        for _ in range(points):
            g = _rational(rng, 1.5, 6)
            k = Fraction(3) / (1 - 1 / g) + _rational(rng, 0, 8)  # c(1 − 1/γ) ≥ 3/2
            atom = 1 - 1 / _mpf(g)
            gaps.append(_relative(eps * stieltjes(mp.mpc(-eps, 0), g, k), atom))
    return _report(
        "atom 1 − 1/γ = lim −zS(z) (SPEC §4)",
        f"mpmath hyperu, z = −10⁻⁴⁵, {DPS} digits",
        gaps,
        f"{points} random (γ > 1, κ)",
    )


def check_inversion(points: int = 4, seed: int = SEED) -> Check:
    """Im S(x + iδ)/π = p(x) with δ = 10⁻⁵⁰ (Stieltjes inversion; a Wronskian identity)."""
    rng = random.Random(seed)
    gaps = []
    with mp.workdps(DPS):
        delta = mp.mpf(10) ** -50
        for _ in range(points):
            g, k = _rational(rng, 0.25, 0.875), _rational(rng, 0.5, 12)
            x = _mpf(_rational(rng, 0.25, 4))
            gaps.append(_relative(stieltjes(mp.mpc(x, delta), g, k).imag / mp.pi, density(x, g, k)))
    return _report(
        "Im S(x + i0)/π = p(x) (SPEC §4)",
        f"mpmath hyperu, δ = 10⁻⁵⁰, {DPS} digits",
        gaps,
        f"{points} random (γ < 1, κ, x)",
    )


def lower_tail_constant(gamma: Fraction, kappa: Fraction) -> Callable[[mp.mpf], mp.mpf]:
    """The x → 0 asymptote of SPEC §3 (γ < 1 or γ > 1)."""
    c, al, s = parameters(gamma, kappa)
    if gamma < 1:
        const = s ** (al + 1) * mp.gamma(c + al + 1) / (mp.gamma(c + 1) * mp.gamma(al + 1) ** 2)
        return lambda x: const * x**al
    const = s * mp.gamma(c) ** 2 / (mp.gamma(c + 1) * mp.gamma(c + al + 1) * mp.gamma(-al - 1) ** 2)
    return lambda x: const * (s * x) ** (-al - 2)


def upper_tail(gamma: Fraction, kappa: Fraction) -> Callable[[mp.mpf], mp.mpf]:
    """The x → ∞ asymptote of SPEC §3."""
    c, al, s = parameters(gamma, kappa)
    return lambda x: s * (s * x) ** (al + 2 * c) * mp.exp(-s * x) / (mp.gamma(c + 1) * mp.gamma(c + al + 1))


def check_tails(points: int = 2, seed: int = SEED) -> Check:
    """The three tail asymptotes of SPEC §3, at x = 10⁻⁴⁰ and x = 10⁴⁰.

    The relative corrections are O(x^min(1, |α+1|)) at 0 and O(1/x) at ∞; the draws
    keep |α + 1| ≥ 2, so the gaps must be below 10⁻³⁰.
    """
    rng = random.Random(seed)
    gaps = []
    with mp.workdps(DPS):
        small, large = mp.mpf(10) ** -40, mp.mpf(10) ** 40
        for _ in range(points):
            g = _rational(rng, 0.25, 0.75)  # γ < 1, α + 1 = c(1/γ − 1) ≥ 2
            k = 4 / (1 / g - 1) + _rational(rng, 0, 6)
            gaps.append(_relative(density(small, g, k), lower_tail_constant(g, k)(small)))
            gaps.append(_relative(density(large, g, k), upper_tail(g, k)(large)))
            g = _rational(rng, 1.5, 6)  # γ > 1, −α − 1 = c(1 − 1/γ) ≥ 2
            k = 4 / (1 - 1 / g) + _rational(rng, 0, 6)
            gaps.append(_relative(density(small, g, k), lower_tail_constant(g, k)(small)))
            gaps.append(_relative(density(large, g, k), upper_tail(g, k)(large)))
    return _report(
        "tail constants x → 0 (γ < 1, γ > 1) and x → ∞ (SPEC §3)",
        f"mpmath hyperu, {DPS} digits",
        gaps,
        f"{points} random (γ, κ) per side of 1",
    )


def checks() -> list[Callable[[], Check]]:
    """Every SPEC §3–§4 identity check, as zero-argument callables."""
    return [check_duality, check_atom, check_inversion, check_tails]


if __name__ == "__main__":
    main_for("SPEC §3–§4 identities (numeric, 30+ digits)", checks)

r"""Subordination equations of ``μ ⊠ ν`` (SPEC §10; Belinschi–Bercovici 2007) and their solver.

In the spectral variable ``ζ = 1/z`` (where ``S(ζ) = ∫ μ(dx)/(x − ζ)`` lives) write
``g(ζ) = ζ S(ζ)``, so that ``η(1/ζ) = 1 + 1/g(ζ)`` (from ``ψ(z) = −1 − S(1/z)/z``), and
``Ω_j = 1/ω_j(1/ζ)``.  The two conditions of SPEC §10 become

.. math::

    g_{μ⊠ν}(ζ) = g_μ(Ω_1) = g_ν(Ω_2), \qquad Ω_1 Ω_2 = ζ\, g/(1 + g),

equivalently ``Ω_2 = ζ k_μ(Ω_1)`` and ``Ω_1 = ζ k_ν(Ω_2)`` with
``k(Ω) = S(Ω)/(1 + Ω S(Ω)) = 1/h(1/Ω)`` (``h(w) = η(w)/w``; from ``ω_1 = z h_ν(ω_2)``,
``ω_2 = z h_μ(ω_1)``).  For ζ off ``[0, ∞)`` the map ``T(Ω) = ζ k_ν(ζ k_μ(Ω))`` is an analytic
self-map of ``ℂ \ [0, ∞)`` that is not an automorphism, and ``Ω_1(ζ)`` is its Denjoy–Wolff
point: the fixed-point iteration ``Ω ← T(Ω)`` converges from every start (Belinschi–Bercovici,
*J. Anal. Math.* 101 (2007)), and T has no other fixed point off ``[0, ∞)``, so any root of
``Ω − T(Ω)`` found there is Ω_1.

Solver.  Newton's method on ``F(Ω) = Ω − T(Ω)``, ``F' = 1 − ζ² k_ν'(Ω_2) k_μ'(Ω)``, along
the arc ``ζ_θ = |ζ| e^{iθ}`` from ``θ = π/2`` to ``θ = arg ζ`` (on the axis, ``θ = 0``: the
boundary values ``Ω_j(x + i0)``).  At ``θ = π/2`` fixed-point steps come first (until the step
is below 1e-4·|Ω|).  Each rung starts from the previous rung's solution; the distance to the
target angle shrinks by a ratio (1/16 at first, divided by 16 after a success down to 1/4096,
square-rooted after a failure) and the last rung, below 1e-9, is the target itself.  The
target rung converges when the Newton step is below 1e-13·|Ω| and its imaginary part below
1e-8·|Im Ω| (in far tails the density is carried by an ``Im Ω`` far below 1e-13·|Ω|) or
``|Im Ω| < 1e-280 |Ω|`` (outside the support, where Im Ω falls geometrically to 0); the rungs on
the way, which only provide starting points, when the step is below 1e-8·|Ω|; and any rung once
the steps stop shrinking below 1e-9·|Ω| (rounding level).  A rung fails after 8 iterations
(40 on the target rung) or when an iterate crosses to the wrong side of the support
(``Re Ω_j > 0`` and ``Im Ω_j < −1e-10 |Ω_j|``), and is then retried closer.  All points advance
together, one vectorized evaluation of both factors per pass.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ._laws import Factor

MAX_NEWTON = 8
MAX_NEWTON_FINAL = 40  # on the target rung Im Ω may need many steps down to 0 outside the support
MAX_PASSES = 3000
ANGLE_FLOOR = 1e-9  # closest approach to a real target for factors without boundary values


@dataclass(frozen=True)
class Subordination:
    """Solutions at the points ζ: ``omega1``, ``omega2`` (Ω_1, Ω_2), ``g = ζ S_{μ⊠ν}(ζ)``,
    ``angle`` reached (equal to ``arg ζ`` where ``converged``)."""

    omega1: np.ndarray
    omega2: np.ndarray
    g: np.ndarray
    angle: np.ndarray
    converged: np.ndarray


def _upper(factor: Factor, omega: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(S, S', T)`` anywhere off ``[0, ∞)``, and boundary values from above on it (conjugation symmetry)."""
    flip = omega.imag < 0
    values = factor.cauchy(np.where(flip, omega.conj(), omega))
    return tuple(np.where(flip, v.conj(), v) for v in values)  # type: ignore[return-value]


def _k(factor: Factor, omega: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """``(k, k', S, T)`` with ``k = S/T``, ``k' = (S' − S²)/T²``, ``T = 1 + ΩS``.

    ``S' − S²`` (a variance of ``1/(x − Ω)``) cancels far from the support, where it is
    ``O(|S|²/Ω²)``; once more than eight digits cancel, k' is set to 0 (there the true
    ``ζ² k_μ' k_ν'`` is small and Newton's step becomes a fixed-point step)."""
    s, ds, t = _upper(factor, omega)
    spread = ds - s * s
    return s / t, np.where(np.abs(spread) < 1e-8 * np.abs(s * s), 0.0, spread / t**2), s, t


def _lift(omega: np.ndarray) -> np.ndarray:
    """Ω with a rounding-level negative imaginary part (above −1e-10|Ω|) put on the upper side
    of the axis, so that boundary values are taken from above."""
    tiny = (omega.imag < 0) & (omega.imag > -1e-10 * np.abs(omega))
    return np.where(tiny, omega.real + 0j, omega)


def _below_support(omega: np.ndarray) -> np.ndarray:
    """Points below the positive real axis (``Re Ω > 0``, ``Im Ω < −1e-10 |Ω|``): the wrong side of the
    support for ζ in the closed upper half-plane (the negative axis is inside the domain)."""
    return (omega.real > 0) & (omega.imag < -1e-10 * np.abs(omega))


def residual(mu: Factor, nu: Factor, omega1: np.ndarray, zeta: np.ndarray):
    """``(F, F', Ω_2, g)`` at Ω_1 for the points ζ.  ``g = Ω_1 S_μ(Ω_1) = T_μ(Ω_1) − 1``: the real part
    from the product (T − 1 cancels at small |Ω|), the imaginary part from T where ``|T| < 1/2``
    (large |Ω|, where ``Im(Ω S)`` cancels) and from the product elsewhere."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        k1, dk1, s1, t1 = _k(mu, omega1)
        omega2 = _lift(zeta * k1)
        k2, dk2, _, _ = _k(nu, omega2)
        return omega1 - zeta * k2, 1 - zeta**2 * dk2 * dk1, omega2, _g(omega1, s1, t1)


def _g(omega: np.ndarray, s: np.ndarray, t: np.ndarray) -> np.ndarray:
    """``g = Ω S = T − 1``, each part from the form that does not cancel (see :func:`residual`)."""
    g = omega * s
    return np.where(np.abs(t) < 0.5, g.real + 1j * t.imag, g)


def solve(mu: Factor, nu: Factor, zeta: np.ndarray) -> Subordination:
    """Ω_1, Ω_2, g at the points ζ (``Im ζ ≥ 0``, ζ ≠ 0; 1-D array), by the continuation above."""
    radius, target = np.abs(zeta), np.angle(zeta)
    if not (mu.boundary and nu.boundary):
        target = np.maximum(target, ANGLE_FLOOR)
    start = np.full(zeta.shape, math.pi / 2)
    omega = _fixed_point(mu, nu, 1j * radius, 1j * radius / nu.typical)
    angle_ok, omega_ok = start.copy(), omega.copy()
    angle, ratio = start.copy(), np.full(zeta.shape, 1 / 16)
    iterations, previous = np.zeros(zeta.shape, int), np.full(zeta.shape, np.inf)
    done, converged = np.zeros(zeta.shape, bool), np.zeros(zeta.shape, bool)
    for _ in range(MAX_PASSES):
        active = np.flatnonzero(~done)
        if active.size == 0:
            break
        z = radius[active] * np.exp(1j * angle[active])
        f, df, o2, _ = residual(mu, nu, omega[active], z)
        with np.errstate(divide="ignore", invalid="ignore"):
            step = f / df
        new = omega[active] - step
        size, scale = np.abs(step), np.abs(new)
        iterations[active] += 1
        final = angle[active] == target[active]
        # the target rung also needs Im Ω to 1e-8 relative (in far tails Im Ω ≪ 1e-13|Ω| carries the
        # density), or below 1e-280|Ω| (a density under the float range: Im Ω falls towards 0)
        im_ok = (np.abs(step.imag) <= 1e-8 * np.abs(new.imag)) | (np.abs(new.imag) <= 1e-280 * scale)
        ok = (size <= np.where(final, 1e-13, 1e-8) * scale) & (~final | im_ok)
        ok |= (iterations[active] >= 3) & (size <= 1e-9 * scale) & (size > 0.5 * previous[active])
        bad = (
            ~np.isfinite(new)
            | _below_support(new)
            | _below_support(o2)
            | ((iterations[active] >= np.where(final, MAX_NEWTON_FINAL, MAX_NEWTON)) & ~ok)
        )
        ok &= ~bad
        omega[active], previous[active] = _lift(new), size
        _advance(active[ok], angle, angle_ok, omega, omega_ok, target, ratio, done, converged)
        _retreat(active[bad], angle, angle_ok, omega, omega_ok, target, ratio, done)
        iterations[active[ok | bad]] = 0
        previous[active[ok | bad]] = np.inf
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        k1, _, s1, t1 = _k(mu, omega_ok)
        return Subordination(
            omega_ok, radius * np.exp(1j * angle_ok) * k1, _g(omega_ok, s1, t1), angle_ok, converged
        )


def _advance(i, angle, angle_ok, omega, omega_ok, target, ratio, done, converged) -> None:
    """Accept the rung at the points i and set the next one (or finish at the target)."""
    angle_ok[i], omega_ok[i] = angle[i], omega[i]
    finished = angle[i] == target[i]
    done[i[finished]] = converged[i[finished]] = True
    ratio[i] = np.maximum(ratio[i] / 16, 1 / 4096)
    gap = (angle[i] - target[i]) * ratio[i]
    angle[i] = np.where(np.abs(gap) < 1e-9, target[i], target[i] + gap)


def _retreat(i, angle, angle_ok, omega, omega_ok, target, ratio, done) -> None:
    """Retry the points i from their last accepted rung with a smaller move (give up at ratio ≥ 0.999)."""
    ratio[i] = np.sqrt(ratio[i])
    done[i[ratio[i] >= 0.999]] = True
    angle[i] = target[i] + (angle_ok[i] - target[i]) * ratio[i]
    omega[i] = omega_ok[i]


def _fixed_point(mu: Factor, nu: Factor, zeta: np.ndarray, omega: np.ndarray, limit: int = 500) -> np.ndarray:
    """Iterate ``Ω ← T(Ω)`` (convergent for ζ off [0, ∞)) until the step is below 1e-4·|Ω|."""
    active = np.arange(zeta.size)
    for _ in range(limit):
        f = residual(mu, nu, omega[active], zeta[active])[0]
        omega[active] -= f
        active = active[~(np.abs(f) <= 1e-4 * np.abs(omega[active]))]
        if active.size == 0:
            break
    return omega

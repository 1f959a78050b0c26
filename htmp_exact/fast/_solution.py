r"""The Riccati solution for one parameter pair: the carrying law, its start value, the
solves outward from x = 1, and ``v = log(−Im u)`` with its far field.

HTMP(γ, κ) is carried by a law with γ ≤ 1: itself, or for γ > 1 the dual HTMP(1/γ, κ/γ)
of SPEC §3 scaled by γ (:class:`CarrierLaw`).  On that law, with ``y = s x``, ``t = log y``,
``u = y w'/w`` for ``w(y) = U(c, −α, y e^{iπ})`` and ``u = ρ − i e^v``, the density is
``p(x) = e^v/(π c x)`` (see :mod:`htmp_exact.fast`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from .. import exact
from . import _riccati
from ._pointwise import log_derivative

#: Beyond ``y = s·x =`` Y_FAR the density is the leading term of U's expansion (:meth:`RiccatiSolution.v`).
Y_FAR = 1e100
T_FAR = math.log(Y_FAR)


@dataclass(frozen=True)
class CarrierLaw:
    """The γ ≤ 1 law carrying HTMP(γ, κ): float parameters ``c``, ``s``, ``m = α + 1``, its own
    γ and κ, and ``scale`` (γ for γ > 1, where ``x = scale·x'``; else 1).

    The floats are rounded from the exact rational parameters (for the dual, ``s = κ/2``
    and ``α + 1 = κ(γ − 1)/(2γ)`` without the rounding of 1/γ, which at κ = 10⁵ would cost
    1e-11 in the pdf).
    """

    gamma: float
    kappa: float
    c: float
    s: float
    m: float
    scale: float
    exact_gamma: Fraction
    exact_kappa: Fraction
    s_parts: tuple[float, float]  # s = numerator/denominator with exact float parts (for log_y)
    inputs: tuple[float, float]  # the (γ, κ) of the law carried

    @classmethod
    def from_inputs(cls, gamma: float, kappa: float) -> CarrierLaw:
        """The carrying law of HTMP(γ, κ), its floats rounded once from the exact rationals."""
        exact_gamma, exact_kappa = Fraction(gamma), Fraction(kappa)
        if gamma > 1:
            exact_gamma, exact_kappa = 1 / exact_gamma, exact_kappa / exact_gamma
        c = exact_kappa / 2
        s = c / exact_gamma
        return cls(
            gamma=float(exact_gamma),
            kappa=float(exact_kappa),
            c=float(c),
            s=float(s),
            m=float(s - c),
            scale=gamma if gamma > 1 else 1.0,
            exact_gamma=exact_gamma,
            exact_kappa=exact_kappa,
            s_parts=(kappa / 2, 1.0) if gamma > 1 else (kappa / 2, gamma),
            inputs=(gamma, kappa),
        )

    @property
    def a(self) -> float:
        """First parameter of U(a, b, ·) in the Riccati equation (``a = c``)."""
        return self.c

    @property
    def b(self) -> float:
        """Second parameter of U (``b = −α = 1 − m``)."""
        return 1 - self.m


def start_value(law: CarrierLaw) -> complex:
    """``u`` at y = s (x = 1).

    For ``c ≥ 1``, ``m + y conj(J_t/J)`` by the per-point kernel's trapezoidal rule or polygon
    (:func:`~._pointwise.log_derivative`, relative error ~1e-15, 5–50 µs); for ``c < 1``
    (whose per-point integrals leave up to 1e-12 in this ratio) and where the kernel has no
    route, ``c·conj(S(1 + i0))`` (DLMF 13.3.22) from the certified boundary value of the
    Stieltjes transform (:func:`htmp_exact.exact.stieltjes_boundary`, 0.05–5 ms at c < 1), rounded."""
    value = log_derivative(*law.inputs) if law.c >= 1 else complex(math.nan, math.nan)
    if not (value.imag < 0 and math.isfinite(value.real)):
        boundary = exact.stieltjes_boundary(1, law.exact_gamma, law.exact_kappa, digits=17)
        value = law.c * complex(boundary).conjugate()
    if not (value.imag < 0 and math.isfinite(value.real)):
        raise ArithmeticError(f"fast path: no starting value for gamma={law.gamma}, kappa={law.kappa}")
    return value


class RiccatiSolution:
    """(ρ, v) of the carrying law on ``[t_lo, t_hi]`` (in ``t = log y``; ``t_lo < t0 = log s <
    t_hi ≤ log Y_FAR``), from two solves outward from x = 1, with the closed-form far field
    beyond :data:`Y_FAR`."""

    def __init__(self, law: CarrierLaw, t_lo: float, t_hi: float):
        self.law = law
        self.c = law.c
        self.t0 = math.log(law.s)
        u0 = start_value(law)
        self.pieces = [
            _riccati.solve(law.a, law.b, self.t0, u0.real, math.log(-u0.imag), end) for end in (t_lo, t_hi)
        ]

    def _component(self, t: np.ndarray, name: str, shift: np.ndarray | None = None) -> np.ndarray:
        """ρ (``name = "rho"``) or v at the points ``t + shift`` (shift: small exact offsets, see
        :func:`._riccati._evaluate`): the solution, or beyond ``y = e^t`` = :data:`Y_FAR` the
        leading term ``U(a, b, −y) ≈ (−y)^{−a}`` (DLMF 13.7.3; relative error ``a(a − b + 1)/y``,
        below 1e-80 in the domain): ``ρ = −a`` and
        ``v = log(πc) + (1 + α + 2c) log y − y − log Γ(c+1) − log Γ(c+α+1)``."""
        law = self.law
        shift = np.zeros_like(t) if shift is None else shift
        point = t + shift
        out = np.empty_like(t)
        for piece in self.pieces:
            mask = (point <= self.t0) if piece.t[-1] < self.t0 else (point > self.t0) & (point <= T_FAR)
            if np.any(mask):
                out[mask] = getattr(piece, name)(t[mask], shift[mask])
        far = point > T_FAR
        if np.any(far):
            alpha = law.m - 1
            with np.errstate(invalid="ignore", over="ignore"):  # t = inf (s·x overflows): v = −inf
                out[far] = (
                    -law.a
                    if name == "rho"
                    else np.where(
                        point[far] == np.inf,
                        -np.inf,
                        (
                            math.log(math.pi * law.c)
                            + (1 + alpha + 2 * law.c) * point[far]
                            - np.exp(point[far])
                            - math.lgamma(law.c + 1)
                            - math.lgamma(law.c + alpha + 1)
                        ),
                    )
                )
        return out

    def v(self, t: np.ndarray, shift: np.ndarray | None = None) -> np.ndarray:
        """``log(−Im u)`` at the points ``t + shift`` (inside the solved range, or beyond :data:`Y_FAR`)."""
        return self._component(t, "v", shift)

    def slope(self, t: np.ndarray) -> np.ndarray:
        """``v' = 1 − b − y − 2ρ`` at the points t (from the equation; −inf where y overflows)."""
        with np.errstate(over="ignore"):
            y = np.exp(t)
        return 1 - self.law.b - y - 2 * self._component(t, "rho")

    def log_y(self, x: np.ndarray, scale: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
        """``t = log(s x/scale)`` in float64 and its rounding error ``δ = log(s x/scale) − t``.

        t alone is off by up to ``|t|·ε`` (and s·x by ε), which v' (as large as y in the
        upper tail, α + 1 in the lower) turns into logpdf errors |t| times the density's own
        conditioning; so s (from its exact parts), s·x/scale and the log are formed in
        ``np.longdouble`` (64-bit mantissa on x86-64, and no subnormal x/scale; where it is
        plain double, δ = 0) and the callers add ``v'·δ``.
        """
        numerator, denominator = self.law.s_parts
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            t_long = np.log(
                np.longdouble(numerator)
                / np.longdouble(denominator)
                * np.asarray(x, dtype=np.longdouble)
                / np.longdouble(scale)
            )
            t = t_long.astype(float)
            delta = np.where(np.isfinite(t), (t_long - t).astype(float), 0.0)
        return t, delta

    def v_at(self, x: np.ndarray, scale: float = 1.0) -> np.ndarray:
        """v at ``log(s x/scale)``, with the first-order correction for the rounding of t."""
        t, delta = self.log_y(x, scale)
        with np.errstate(invalid="ignore"):
            return self.v(t) + np.where(delta == 0, 0.0, self.slope(t) * delta)

    def logpdf_at(self, x: np.ndarray, scale: float = 1.0) -> np.ndarray:
        """log p of the carrying law at its points ``x/scale > 0``: ``v − log(π c) − log(x/scale)``
        (x/scale is not formed: it may be subnormal)."""
        return self.v_at(x, scale) - math.log(math.pi * self.c) - np.log(x) + math.log(scale)


def log_y_range(law: CarrierLaw, x_lo: float, x_hi: float, scale: float = 1.0) -> tuple[float, float]:
    """``(log y_lo, log y_hi)`` of the carrying law's points ``x/scale``, ``0 < x_lo <= x_hi``,
    widened to include x = 1/2 … 2 and capped at ``y =`` :data:`Y_FAR`.  Formed in logarithms:
    ``s x_lo/scale`` may lie below the float64 range."""
    log_s, log_scale = math.log(law.s), math.log(scale)
    t_lo = log_s + min(math.log(x_lo) - log_scale, math.log(0.5))
    t_hi = min(log_s + max(math.log(x_hi) - log_scale, math.log(2.0)), math.log(Y_FAR))
    return t_lo, t_hi


def solve_between(law: CarrierLaw, x_lo: float, x_hi: float, scale: float = 1.0) -> RiccatiSolution:
    """The solution at the carrying law's points ``x/scale``, ``x ∈ [x_lo, x_hi]`` (:func:`log_y_range`)."""
    return RiccatiSolution(law, *log_y_range(law, x_lo, x_hi, scale))

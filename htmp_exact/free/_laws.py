r"""The two factors of ``μ ⊠ ν`` as Cauchy transforms with derivatives, atoms at 0 and moments.

:func:`describe` is the only place that reads a law object (duck typing: ``gamma``, ``kappa``,
``scale``, ``atom``, ``pdf``, ``cdf``, ``sf``, ``stieltjes``, ``moment``, and the class or
``dist`` name to tell HTMP from its inverse); adapting to other distribution classes means
changing it alone.  Every factor becomes a :class:`Factor`: ``cauchy(Ω) → (S(Ω), S'(Ω), T(Ω))``
with ``T = ∫ x μ(dx)/(x − Ω) = 1 + ΩS`` (computed without the cancellation at large |Ω| where the
law allows), for ``Im Ω ≥ 0`` (boundary values ``S(x + i0)`` on ``(0, ∞)`` when ``boundary``), the
mass at 0, an enclosure of the support, the resolved range, a typical value (a start for the
solver) and exact moments.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .. import exact, fast
from . import _panels
from ._series import Number, as_rational, inverse_htmp_moments

Cauchy = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray, np.ndarray]]
_REMAINDER = 1e-40  # scan threshold: q = p·x below this times its maximum is left to the remainders
_NEGLIGIBLE = 1e-14  # remainders below this mass (cdf − atom is rounding noise there) are dropped
_FLOOR = 1e-30  # q below this times its peak is resolved in absolute terms only (not split for)
_EXACT_DENOMINATOR = 10**6  # atoms and weights with larger denominators give float moments
_SCAN_DECADES = 40  # the scan for the panels' range covers [1e-40, 1e40] times the law's scale


@dataclass(frozen=True)
class Factor:
    """One factor of the convolution (see the module docstring)."""

    cauchy: Cauchy
    atom: float
    support: tuple[float, float]
    span: tuple[float, float]  # where the mass off 0 is resolved (q = p·x above 1e-40 of its peak)
    typical: float
    boundary: bool
    moments: Callable[[int], list[Number]]
    name: str


@dataclass(frozen=True)
class LawInfo:
    """What :func:`describe` reads from a law object."""

    family: str  # "htmp", "inverse_htmp", "marchenko_pastur" or "other"
    gamma: float | None
    kappa: float | None
    scale: float


def describe(law: Any) -> LawInfo:
    """Family and parameters of a law object (the adapter for the distribution classes)."""
    name = (
        getattr(law, "name", None) or getattr(getattr(law, "dist", None), "name", None) or type(law).__name__
    ).lower()
    params = dict(getattr(law, "kwds", {}) or {})
    gamma, kappa, scale, loc = (
        getattr(law, key, params.get(key)) for key in ("gamma", "kappa", "scale", "loc")
    )
    if loc is not None and float(loc) != 0:
        raise ValueError(f"the law must have loc = 0 (a law on [0, inf)), got loc = {loc!r}")
    scale = 1.0 if scale is None else float(scale)
    if gamma is None:
        return LawInfo("other", None, None, scale)
    if kappa is None:
        return LawInfo("marchenko_pastur", float(gamma), None, scale)
    return LawInfo("inverse_htmp" if "inverse" in name else "htmp", float(gamma), float(kappa), scale)


def _exact_moments(moment: Callable[[int], Any], scale: Fraction) -> Callable[[int], list[Number]]:
    return lambda order: [as_rational(moment(k), "moment") * scale**k for k in range(order + 1)]


def _law_moments(law: Any) -> Callable[[int], list[Number]]:
    """``m_0 = 1`` and ``law.moment(k)`` as floats (inf where infinite)."""

    def moments(order: int) -> list[Number]:
        values: list[Number] = [1.0]
        return values + [float(law.moment(k)) for k in range(1, order + 1)]

    return moments


def _panel_moments(panels: _panels.PanelLaw) -> Callable[[int], list[Number]]:
    """Moments of the panels and their point masses (the law without ``moment``)."""
    return lambda order: [
        float((panels.w * panels.x**k).sum() + (panels.masses * panels.positions**k).sum())
        for k in range(order + 1)
    ]


def _scan(pdf: Callable, lo: float, hi: float, scale: float) -> tuple[float, float, float]:
    """``(x_lo, x_hi, peak)``: where ``q = p·x`` falls below :data:`_REMAINDER` of its peak (first
    on a grid of 8 points per decade over ``scale·[1e-40, 1e40]`` ∩ [lo, hi], then on 16 points
    within the grid step where it crosses), and the peak of q."""
    a = math.log10(max(lo, scale * 10.0**-_SCAN_DECADES)) if lo > 0 else math.log10(scale) - _SCAN_DECADES
    b = math.log10(min(hi, scale * 10.0**_SCAN_DECADES))
    grid = np.logspace(a, b, max(3, int(8 * (b - a)) + 1))
    q = np.nan_to_num(np.asarray(pdf(grid), dtype=float) * grid)
    peak = float(q.max())
    keep = np.flatnonzero(q >= _REMAINDER * peak)
    if keep.size == 0:
        raise ValueError("the law's pdf vanishes on the scan grid: give its atoms instead")
    ends = []
    for inner, outer in ((keep[0], keep[0] - 1), (keep[-1], keep[-1] + 1)):
        if not 0 <= outer < grid.size:
            ends.append(grid[inner])
            continue
        fine = np.geomspace(grid[inner], grid[outer], 16)
        below = np.flatnonzero(np.nan_to_num(np.asarray(pdf(fine), dtype=float) * fine) < _REMAINDER * peak)
        ends.append(fine[below[0]] if below.size else grid[outer])
    return max(ends[0], lo), min(ends[1], hi), peak


def _panel_factor(
    law: Any,
    atom: float,
    support: tuple[float, float],
    scale: float,
    name: str,
    moments: Callable[[int], list[Number]] | None = None,
) -> Factor:
    """A factor from ``law.pdf`` (continuous part) and ``law.cdf``/``law.sf`` (the masses left
    below and above the panels, kept as atoms at the panels' ends)."""
    x_lo, x_hi, peak = _scan(law.pdf, support[0], support[1], scale)
    below = max(float(law.cdf(x_lo)) - atom, 0.0)
    above = float(law.sf(x_hi)) if hasattr(law, "sf") else 1.0 - float(law.cdf(x_hi))
    positions, masses = np.array([0.0, x_lo, x_hi]), np.array([atom, below, max(above, 0.0)])
    kept = masses > np.array([0.0, _NEGLIGIBLE, _NEGLIGIBLE])
    panels = _panels.build(
        law.pdf, math.log(x_lo), math.log(x_hi), positions[kept], masses[kept], floor=_FLOOR * peak
    )
    cumulative = np.cumsum(panels.panel_mass)
    median = float(np.exp(np.interp(cumulative[-1] / 2, cumulative, panels.breaks[1:])))
    span = (x_lo * (2 if kept[1] else 1), x_hi / (2 if kept[2] else 1))  # off the remainders' point masses
    if moments is None:
        moments = _law_moments(law) if callable(getattr(law, "moment", None)) else _panel_moments(panels)
    return Factor(panels.cauchy, atom, support, span, median, True, moments, name)


def _mp_factor(gamma: float, scale: float) -> Factor:
    """MP(γ)·scale: closed forms (SPEC §2).  ``S' = −(γS² + S)/(2γzS + z + γ − 1)`` from the
    quadratic; ``T = 1 + zS`` solves ``γT² + (z − γ − 1)T + 1 = 0`` (substitute ``S = (T − 1)/z``),
    so ``T = −2/(z − γ − 1 + R)``, ``R = √(z − λ₊)√(z − λ₋)``, with the root of the larger modulus
    in the denominator (the same choice as :func:`htmp_exact.fast.mp_stieltjes`)."""
    hi, lo = (1 + math.sqrt(gamma)) ** 2, (1 - math.sqrt(gamma)) ** 2

    def cauchy(omega: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        z = np.where(omega.imag == 0, omega + 1e-300j, omega) / scale  # boundary value from above
        s = fast.mp_stieltjes(z, gamma)
        root = np.sqrt(z - hi) * np.sqrt(z - lo)
        plus, minus = z - gamma - 1 + root, z - gamma - 1 - root
        t = np.where(np.abs(plus) >= np.abs(minus), -2 / plus, -minus / (2 * gamma))
        return s / scale, -(gamma * s * s + s) / (2 * gamma * z * s + z + gamma - 1) / scale**2, t

    g, sc = as_rational(gamma, "gamma"), as_rational(scale, "scale")
    span = (max(lo * scale, 10.0**-_SCAN_DECADES * scale), hi * scale)
    support = (lo * scale if gamma < 1 else 0.0, hi * scale)
    return Factor(
        cauchy,
        max(0.0, 1 - 1 / gamma),
        support,
        span,
        scale,
        True,
        _exact_moments(lambda k: exact.mp_moment(k, g), sc),
        f"MP({gamma:g})",
    )


def _stieltjes_factor(
    law: Any,
    atom: float,
    support: tuple[float, float],
    span: tuple[float, float],
    typical: float,
    name: str,
    moments: Callable[[int], list[Number]],
) -> Factor:
    """A factor from ``law.stieltjes`` off the support; S' by a central difference along the
    real axis (step 1e-6·|Ω|, relative error about 1e-10, enough for Newton's method), and
    ``T = 1 + ΩS`` (relative error ε·|Ω|/mean, so it serves moderate |Ω| only)."""

    def cauchy(omega: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        h = 1e-6 * np.abs(omega)
        values = np.asarray(law.stieltjes(np.concatenate([omega, omega + h, omega - h])))
        s, plus, minus = np.split(values, 3)
        return s, (plus - minus) / (2 * h), 1 + omega * s

    return Factor(cauchy, atom, support, span, typical, False, moments, name)


def from_law(law: Any, direct: bool = False) -> Factor:
    """The factor for a law object: HTMP, its inverse, MP (any scale), or any law with a pdf
    and a cdf (or with a ``stieltjes``).  ``direct``: HTMP through ``law.stieltjes`` (the fast
    path's Cauchy integral) instead of the panels."""
    info = describe(law)
    atom = 0.0
    if info.family == "htmp" and info.gamma is not None:  # the law's own value, else SPEC §3's 1 − 1/γ
        atom = float(getattr(law, "atom", max(0.0, 1 - 1 / info.gamma)))
    if info.family == "marchenko_pastur" and info.gamma is not None:
        return _mp_factor(info.gamma, info.scale)
    if info.family in ("htmp", "inverse_htmp") and info.gamma is not None and info.kappa is not None:
        g, k, sc = (
            as_rational(v, n)
            for v, n in ((info.gamma, "gamma"), (info.kappa, "kappa"), (info.scale, "scale"))
        )
        name = f"{info.family}({info.gamma:g}, {info.kappa:g})"
        moments: Callable[[int], list[Number]]
        if info.family == "htmp":
            moments = _exact_moments(lambda j: exact.moment(j, g, k), sc)
            if direct:
                x_lo, x_hi, _ = _scan(law.pdf, 0.0, math.inf, info.scale)
                return _stieltjes_factor(law, atom, (0.0, math.inf), (x_lo, x_hi), info.scale, name, moments)
        else:
            if info.gamma > 1:
                raise ValueError(
                    f"inverse_htmp with gamma = {info.gamma} > 1 puts mass 1 - 1/gamma at "
                    "infinity; mu must be a law on [0, inf): use gamma <= 1"
                )
            moments = lambda order: [m * sc**j for j, m in enumerate(inverse_htmp_moments(order, g, k))]
        return _panel_factor(law, atom, (0.0, math.inf), info.scale, name, moments)
    if callable(getattr(law, "pdf", None)) and callable(getattr(law, "cdf", None)):
        lo, hi = (float(v) for v in law.support()) if hasattr(law, "support") else (0.0, math.inf)
        if lo < 0:
            raise ValueError(f"the law must live on [0, inf), its support starts at {lo}")
        scale = float(law.ppf(0.5)) if hasattr(law, "ppf") else 1.0
        return _panel_factor(law, 0.0, (lo, hi), scale, f"{type(law).__name__} (pdf)")
    if callable(getattr(law, "stieltjes", None)) and callable(getattr(law, "moment", None)):
        mean = float(law.moment(1))
        span = (10.0**-_SCAN_DECADES * mean, 10.0**_SCAN_DECADES * mean)
        return _stieltjes_factor(law, 0.0, (0.0, math.inf), span, mean, type(law).__name__, _law_moments(law))
    raise TypeError(
        f"a law needs .pdf and .cdf, or .stieltjes and .moment (or gamma/kappa/scale of an "
        f"HTMP-family law); got {type(law).__name__}"
    )


def from_atoms(atoms: Any, weights: Any) -> Factor:
    """The discrete factor ``Σ w_i δ_{a_i}``: atoms ≥ 0, weights > 0 summing to 1 (within 1e-12;
    renormalised exactly).  Atoms and weights are read exactly (:func:`as_rational`); the moments
    are exact fractions when every denominator is at most :data:`_EXACT_DENOMINATOR` (a sample of
    floats gives float moments: its exact sums would carry denominators of thousands of digits)."""
    a_exact = [as_rational(v, "atoms") for v in np.atleast_1d(np.asarray(atoms, dtype=object)).ravel()]
    w_exact = [as_rational(v, "weights") for v in np.atleast_1d(np.asarray(weights, dtype=object)).ravel()]
    if len(a_exact) != len(w_exact) or not a_exact:
        raise ValueError(
            f"atoms and weights must be non-empty and of equal length, got {len(a_exact)} and {len(w_exact)}"
        )
    negative = [a for a in a_exact if a < 0]
    if negative:
        raise ValueError(f"atoms must be >= 0, got {float(negative[0])!r}")
    if min(w_exact) <= 0:
        raise ValueError(f"weights must be > 0, got {float(min(w_exact))!r}")
    total = sum(w_exact, Fraction(0))
    if abs(total - 1) > Fraction(1, 10**12):
        raise ValueError(f"weights must sum to 1 (within 1e-12), got sum {float(total)!r}")
    w_exact = [w / total for w in w_exact]
    if all(a == 0 for a in a_exact):
        raise ValueError("nu = delta_0 (every atom at 0): mu ⊠ delta_0 = delta_0 needs no computation")
    positions = np.array([float(a) for a in a_exact])
    masses = np.array([float(w) for w in w_exact])

    def cauchy(omega: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        s, ds, t = _panels.point_masses(omega.reshape(-1), positions, masses)
        return s.reshape(omega.shape), ds.reshape(omega.shape), t.reshape(omega.shape)

    exact_inputs = all(v.denominator <= _EXACT_DENOMINATOR for v in a_exact + w_exact)

    def moments(order: int) -> list[Number]:
        if exact_inputs:
            return [sum((w * a**k for a, w in zip(a_exact, w_exact)), Fraction(0)) for k in range(order + 1)]
        return [float(np.sum(masses * positions**k)) for k in range(order + 1)]

    mean = float(sum(a * w for a, w in zip(a_exact, w_exact)))
    zero = float(sum(w for a, w in zip(a_exact, w_exact) if a == 0))
    return Factor(
        cauchy,
        zero,
        (float(min(a_exact)), float(max(a_exact))),
        (float(positions[positions > 0].min()), float(positions.max())),
        mean / (1 - zero),
        True,
        moments,
        f"discrete ({len(a_exact)} atoms)",
    )

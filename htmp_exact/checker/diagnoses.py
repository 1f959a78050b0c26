r"""Diagnoses: which convention difference (or numerical trouble) explains the failures.

Each hypothesis predicts what an implementation following another convention returns,
from the reference value and, where needed, the float model :mod:`htmp_exact.fast`
(not certified; a diagnosis is a hint, the verdict rests on the certified table):

* a missing atom (cdf without ``1 − 1/γ`` below the bulk; sf as ``1 − cdf`` of that);
* the continuous part normalized to mass 1 instead of the mixed law (γ > 1);
* a total mass ``1/γ`` or ``γ`` times the right one (values ``γ^∓1 ×`` the reference);
* a rescaled variable ``x → a·x`` (``a`` estimated per parameter set);
* γ and ``1/γ`` swapped;
* the sign or conjugate of the Stieltjes transform (``∫μ(dx)/(z − x) = −S(z)``);
* ``ppf(q) ≠ 0`` inside the atom;
* a constant factor; accuracy that is only absolute; failures confined to some regimes.

A hypothesis is reported when it reproduces the result (to ``max(1e-6, 10·rtol)``) at
90% or more of the failing points where it differs from the reference, and at 3 or more.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .model import evaluate_model as _evaluate_model
from .report import PointResult

__all__ = ["diagnose"]

Predict = Callable[[PointResult], complex | None]
MATCH_SHARE = 0.9
MIN_MATCHES = 3
MAX_MODEL_POINTS = 400


def _gamma(p: PointResult) -> float:
    return float(p.inputs["gamma"])


def _atom(p: PointResult) -> float:
    return max(0.0, 1.0 - 1.0 / _gamma(p))


def _argument(p: PointResult) -> Any:
    if "z_real" in p.inputs:
        return complex(p.inputs["z_real"], p.inputs["z_imag"])
    return next(iter(p.inputs.values()))


def _close(got: complex, predicted: complex, tol: float, log_scale: bool, reference: complex = 0.0) -> bool:
    """Whether ``got`` reproduces ``predicted`` (relative to the larger of it and the reference:
    a prediction that cancels to rounding noise, such as ``atom − atom``, matches 0)."""
    if not (np.isfinite(predicted) and np.isfinite(got)):
        return False
    scale = max(abs(predicted), abs(reference))
    scale = max(1.0, scale) if log_scale else scale
    return abs(got - predicted) <= tol * scale if scale > 0 else got == predicted


class _Judge:
    """Tests hypotheses against the failing points with finite results."""

    def __init__(self, points: Sequence[PointResult], quantity: str, rtol: float):
        self.failing = [p for p in points if p.status == "fail"]
        self.tol = max(1e-6, 10 * rtol)
        self.log_scale = quantity == "logpdf"

    def explains(self, predict: Predict, subset: list[PointResult] | None = None) -> tuple[int, int]:
        """(points reproduced, points where the hypothesis differs from the reference)."""
        matched = tried = 0
        for p in self.failing if subset is None else subset:
            predicted = predict(p)
            if predicted is None or _close(p.reference, predicted, self.tol, self.log_scale):
                continue
            tried += 1
            matched += _close(p.got, predicted, self.tol, self.log_scale, p.reference)
        return matched, tried

    def holds(self, predict: Predict, subset: list[PointResult] | None = None) -> str | None:
        matched, tried = self.explains(predict, subset)
        if matched >= MIN_MATCHES and matched >= MATCH_SHARE * tried:
            return f"{matched} of {len(self.failing)} failing points"
        return None


def _params(p: PointResult) -> tuple[float, ...]:
    return tuple(float(p.inputs[n]) for n in ("gamma", "kappa") if n in p.inputs)


def _swapped_gamma(judge: _Judge, law: str, quantity: str) -> str | None:
    subset = [p for p in judge.failing if _gamma(p) != 1][:MAX_MODEL_POINTS]
    if not subset:
        return None
    params = [(1 / _gamma(p),) + _params(p)[1:] for p in subset]
    values = _evaluate_model(law, quantity, [_argument(p) for p in subset], params)
    lookup = {id(p): v for p, v in zip(subset, values)}
    found = judge.holds(lambda p: lookup.get(id(p)), subset)
    sample = f" (of a sample of {len(subset)})" if len(subset) < len(judge.failing) else ""
    return (
        f"gamma and 1/gamma swapped: the results are the reference law at 1/gamma [{found}{sample}]"
        if found
        else None
    )


def _rescaled(p: PointResult, a: float, model_value: complex, quantity: str) -> complex:
    """What an implementation of the law of X/a returns, from the model at the scaled argument."""
    if quantity == "pdf":
        return a * model_value
    if quantity == "logpdf":
        return math.log(a) + model_value
    if quantity == "stieltjes":
        return a * model_value
    return model_value  # cdf, sf


def _scale_groups(judge: _Judge) -> dict[tuple[float, ...], list[PointResult]]:
    groups: dict[tuple[float, ...], list[PointResult]] = defaultdict(list)
    for p in judge.failing:
        groups[_params(p)].append(p)
    largest = sorted(groups.items(), key=lambda item: -len(item[1]))[:4]
    return {k: v[:40] for k, v in largest if len(v) >= MIN_MATCHES}


def _fit_scale(points: list[PointResult], law: str, quantity: str, log_scale: bool) -> tuple[float, float]:
    """The a that makes the rescaled model closest to the results (median mismatch), and that mismatch."""
    params = _params(points[0])

    def mismatch(a: float) -> float:
        scaled = [_argument(p) * a for p in points]
        values = _evaluate_model(law, quantity, scaled, [params] * len(points))
        errors = []
        with np.errstate(all="ignore"):
            for p, v in zip(points, values):
                predicted = _rescaled(p, a, v, quantity)
                scale = max(1.0, abs(predicted)) if log_scale else abs(predicted)
                ok = np.isfinite(predicted) and scale > 0
                errors.append(float(abs(p.got - predicted) / scale) if ok else math.inf)
        return float(np.median(errors))

    grid = np.exp(np.linspace(math.log(1e-3), math.log(1e3), 61))
    costs = [mismatch(a) for a in grid]
    best = int(np.argmin(costs))
    lo, hi = math.log(grid[max(best - 1, 0)]), math.log(grid[min(best + 1, len(grid) - 1)])
    golden = (math.sqrt(5) - 1) / 2
    for _ in range(40):
        m1, m2 = hi - golden * (hi - lo), lo + golden * (hi - lo)
        if mismatch(math.exp(m1)) < mismatch(math.exp(m2)):
            hi = m2
        else:
            lo = m1
    a = math.exp((lo + hi) / 2)
    return a, mismatch(a)


def _scale_diagnosis(judge: _Judge, law: str, quantity: str) -> str | None:
    if quantity in ("ppf", "isf"):
        estimates = {
            _params(p): p.reference / p.got for p in judge.failing if p.got not in (0,) and p.reference
        }
        if len(estimates) < 1:
            return None
        predict: Predict = lambda p: p.reference / estimates[_params(p)] if _params(p) in estimates else None
        found = judge.holds(predict)
        return _describe_scale(estimates, found) if found else None
    if quantity == "moment":
        ones = {_params(p): 1 / p.got for p in judge.failing if p.inputs["k"] == 1 and p.got}
        found = judge.holds(
            lambda p: p.reference / ones[_params(p)] ** p.inputs["k"] if _params(p) in ones else None
        )
        return _describe_scale(ones, found) if found else None
    fitted = {}
    for params, points in _scale_groups(judge).items():
        a, error = _fit_scale(points, law, quantity, judge.log_scale)
        if error > judge.tol or abs(a - 1) < 1e-6:
            return None
        fitted[params] = a
    return (
        _describe_scale(fitted, f"{sum(len(v) for v in _scale_groups(judge).values())} points fitted")
        if fitted
        else None
    )


def _describe_scale(estimates: dict[tuple[float, ...], float], found: str) -> str:
    values = list(estimates.values())
    text = ", ".join(f"{v:.6g}" for v in values[:4])
    relations = []
    if max(values) / min(values) - 1 < 1e-6:
        relations.append(f"a = {values[0]:.6g} for every parameter set")
    for name, expression in (("gamma", lambda g: g), ("1/gamma", lambda g: 1 / g)):
        if all(abs(a / expression(params[0]) - 1) < 1e-6 for params, a in estimates.items()):
            relations.append(f"a = {name}")
    relation = f" ({'; '.join(relations)})" if relations else ""
    return (
        f"rescaled variable: the results match the law of X/a, i.e. x -> a*x, with a = {text}{relation} "
        f"[{found}]"
    )


def _regimes(points: Sequence[PointResult]) -> str | None:
    total = Counter(p.regime for p in points)
    failing = Counter(p.regime for p in points if not p.passed)
    if not failing or sum(failing.values()) == len(points):
        return None
    bad = [r for r in total if failing[r] > 0.5 * total[r]]
    good = [r for r in total if failing[r] == 0]
    if bad and good:
        return (
            "failures concentrate in: "
            + ", ".join(f"{r} ({failing[r]}/{total[r]})" for r in bad)
            + "; no failure in: "
            + ", ".join(good)
        )
    return None


def _simple_hypotheses(law: str, quantity: str) -> list[tuple[str, Predict]]:
    """Hypotheses computed from the reference alone."""
    above = lambda p: _gamma(p) > 1
    hyps: list[tuple[str, Predict]] = []
    if quantity == "cdf":
        hyps += [
            (
                (
                    "missing atom: the cdf leaves out the mass 1 - 1/gamma at 0 (error = 1 - 1/gamma, "
                    "constant below the bulk)"
                ),
                lambda p: p.reference - _atom(p) if above(p) else None,
            ),
            (
                (
                    "continuous part normalized to mass 1 instead of the mixed law (atom 1 - 1/gamma at 0 "
                    "plus a continuous part of mass 1/gamma)"
                ),
                lambda p: _gamma(p) * (p.reference - _atom(p)) if above(p) else None,
            ),
        ]
    if quantity == "sf":
        hyps += [
            (
                "missing atom: sf computed as 1 - cdf with the atom 1 - 1/gamma left out",
                lambda p: p.reference + _atom(p) if above(p) else None,
            )
        ]
    if quantity in ("pdf", "sf", "moment"):
        hyps += [
            (
                (
                    "continuous part normalized to mass 1 instead of the mixed law (the continuous part "
                    "has mass 1/gamma)"
                ),
                lambda p: _gamma(p) * p.reference if above(p) and p.inputs.get("k", 1) else None,
            )
        ]
    if quantity in ("pdf", "cdf", "sf", "moment", "stieltjes"):
        hyps += [
            (
                "total mass 1/gamma instead of 1: the values are the reference divided by gamma",
                lambda p: p.reference / _gamma(p) if _gamma(p) != 1 else None,
            ),
            (
                "total mass gamma instead of 1: the values are gamma times the reference",
                lambda p: p.reference * _gamma(p) if _gamma(p) != 1 and not above(p) else None,
            ),
        ]
    if quantity == "logpdf":
        hyps += [
            (
                "continuous part normalized to mass 1 (logpdf + log gamma)",
                lambda p: p.reference + math.log(_gamma(p)) if above(p) else None,
            ),
            (
                "total mass 1/gamma instead of 1 (logpdf - log gamma)",
                lambda p: p.reference - math.log(_gamma(p)) if _gamma(p) != 1 else None,
            ),
        ]
    if quantity == "stieltjes":
        z = _argument
        hyps += [
            (
                (
                    "sign convention: the results are -S(z) = integral of mu(dx)/(z - x) (the table holds "
                    "S(z) = integral of mu(dx)/(x - z), S ~ -1/z at infinity)"
                ),
                lambda p: -p.reference,
            ),
            (
                "the complex conjugate of S(z) (Im S has the wrong sign: a branch or z/conj(z) mix-up)",
                lambda p: p.reference.conjugate(),
            ),
            (
                "-conj(S(z)): both the sign convention and the conjugate differ",
                lambda p: -p.reference.conjugate(),
            ),
            (
                "missing atom: the term -(1 - 1/gamma)/z of the atom at 0 is left out",
                lambda p: p.reference + _atom(p) / z(p) if above(p) else None,
            ),
        ]
    if quantity == "moment":
        hyps += [
            (
                "zeroth moment 1/gamma: the atom 1 - 1/gamma is left out of m_0",
                lambda p: 1 / _gamma(p) if above(p) and p.inputs["k"] == 0 else None,
            )
        ]
    return hyps


def _atom_convention(points: Sequence[PointResult], quantity: str) -> str | None:
    if quantity not in ("ppf", "isf"):
        return None
    inside = [p for p in points if p.reference == 0 and not p.passed and np.isfinite(p.got)]
    if len(inside) >= 1:
        return (
            f"{len(inside)} points inside the atom return {inside[0].got!r} (first) instead of 0: the "
            f"convention is {quantity}(q) = 0 where the cdf level lies within the atom 1 - 1/gamma at 0"
        )
    return None


def _nonfinite(points: Sequence[PointResult]) -> str | None:
    bad = [p for p in points if p.status in ("nan", "inf")]
    if not bad:
        return None
    where = "every point" if len(bad) == len(points) else ", ".join(sorted({p.regime for p in bad}))
    return (
        f"{len(bad)} results are NaN or infinite ({where}): e.g. a special function evaluated outside its "
        "domain (scipy's hyperu is NaN for negative arguments, which the HTMP density needs)"
    )


def _constant_factor(judge: _Judge) -> str | None:
    ratios = [p.got / p.reference for p in judge.failing if p.reference and np.isfinite(p.got)]
    if len(ratios) < MIN_MATCHES or judge.log_scale:
        return None
    c = (
        complex(np.median(np.real(ratios)), np.median(np.imag(ratios)))
        if isinstance(ratios[0], complex)
        else float(np.median(ratios))
    )
    if abs(c - 1) > 1e-6 and all(abs(r - c) <= judge.tol * abs(c) for r in ratios):
        return (
            f"constant factor: every failing value is {c:.8g} times the reference (a normalization constant?)"
        )
    return None


def _absolute_only(judge: _Judge, atol: float) -> str | None:
    finite = [p for p in judge.failing if np.isfinite(p.got)]
    if len(finite) < MIN_MATCHES or judge.log_scale:
        return None
    worst = max(abs(p.got - p.reference) for p in finite)
    if worst < 1e-12 and atol < worst:
        return (
            f"absolute accuracy only: every failing point is within {worst:.1e} in absolute terms (relative "
            f"accuracy is lost where the values are small); atol={worst:.0e} would accept it"
        )
    return None


def diagnose(points: Sequence[PointResult], law: str, quantity: str, rtol: float, atol: float) -> list[str]:
    """Diagnoses (sentences) of the failures of a check; empty when every point passes."""
    judge = _Judge(points, quantity, rtol)
    found: list[str] = []
    for description, predict in _simple_hypotheses(law, quantity):
        explained = judge.holds(predict)
        if explained:
            found.append(f"{description} [{explained}]")
    for extra in (
        _atom_convention(points, quantity),
        _constant_factor(judge) if not found else None,
        _absolute_only(judge, atol),
        _nonfinite(points),
    ):
        if extra:
            found.append(extra)
    if judge.failing and not found:
        for extra in (_swapped_gamma(judge, law, quantity), _scale_diagnosis(judge, law, quantity)):
            if extra:
                found.append(extra)
    location = _regimes(points)
    if location:
        found.append(location)
    return found

"""The common machinery of the distribution objects: scipy's ``rv_continuous`` with checked
arguments, an atom at the lower end of the support, and frozen laws with extra methods.

scipy's conventions are kept (``loc``/``scale``, freezing, broadcasting, ``logcdf``/``logsf``,
``rvs(size, random_state)``), with three differences that the laws here need:

* **Arguments are checked**: a shape parameter, ``loc`` or ``scale`` outside its range, a
  complex or non-numeric ``x``, a probability outside ``[0, 1]`` raise a ValueError or
  TypeError naming it (scipy returns NaN).  NaN in ``x`` or ``q`` propagates to NaN, as in
  scipy.
* **The atom**: for γ > 1, HTMP and MP put mass ``1 - 1/γ`` at 0 (the lower end of the support);
  ``cdf(loc)`` is that mass and ``sf(loc)`` the continuous mass ``1/γ`` (scipy would return 0
  and 1 at the end of the support).  ``pdf`` is the density of the continuous part.
* **Frozen laws** (``htmp(0.5, 10, scale=2)``) expose their parameters as attributes
  (``.gamma``, ``.kappa``, ``.loc``, ``.scale``) and the laws' extra methods (``stieltjes``,
  ``atom``, ``tail_exponents``).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from typing import Any

import numpy as np
from scipy.stats import rv_continuous
from scipy.stats.distributions import rv_frozen

from .._inputs import float_points, generator, positive_floats, shown

__all__ = ["Law", "FrozenLaw"]


def _finite_array(value: object, name: str) -> np.ndarray:
    array = float_points(value, name)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite, got {shown(value)}")
    return array


def exact_moments(function: Callable[..., Any], *shapes: Any) -> np.ndarray:
    """``function(γ, …)``, an exact moment (rational, or an ``arb`` for a divergent one), as a
    float elementwise over the shape arrays; ``inf`` where the moment is beyond the float range
    (the laws are positive)."""

    def to_float(*values: Any) -> float:
        try:
            return float(function(*(float(v) for v in values)))
        except OverflowError:
            return math.inf

    return np.vectorize(to_float, otypes=[float])(*shapes)


def probabilities(q: object, name: str = "q") -> np.ndarray:
    """Probabilities as a float array in ``[0, 1]`` (NaN kept), or a named error."""
    array = float_points(q, name)
    if np.any((array < 0) | (array > 1)):
        raise ValueError(
            f"{name} must lie in [0, 1], got {array[(array < 0) | (array > 1)].flat[0].item()!r}"
        )
    return array


def _checked_at_points(name: str, argument: str, convert: Callable[[object, str], np.ndarray]) -> Callable:
    """scipy's ``rv_continuous.<name>`` with the law's parameters checked and the points converted
    by ``convert`` (named errors) before scipy's machinery runs."""
    generic = getattr(rv_continuous, name)

    def method(self: Law, points: Any, *args: Any, **kwds: Any) -> Any:
        self.parameters(*args, **kwds)
        return generic(self, convert(points, argument), *args, **kwds)

    method.__name__ = method.__qualname__ = name
    method.__doc__ = generic.__doc__
    return method


class Law(rv_continuous):
    """An ``rv_continuous`` whose arguments are checked and whose support may carry an atom at
    its lower end (see the module docstring)."""

    def _shape_names(self) -> tuple[str, ...]:
        return tuple(name.strip() for name in self.shapes.split(",")) if self.shapes else ()

    def parameters(self, *args: Any, **kwds: Any) -> dict[str, Any]:
        """The parameters as a dict (shapes, ``loc``, ``scale``), checked (named errors)."""
        shapes, loc, scale = self._parse_args(*args, **kwds)
        checked = {name: positive_floats(value, name) for name, value in zip(self._shape_names(), shapes)}
        self._check_shapes(**checked)
        checked["loc"] = _finite_array(loc, "loc")
        checked["scale"] = positive_floats(scale, "scale")
        return {name: value[()] if value.ndim == 0 else value for name, value in checked.items()}

    def _check_shapes(self, **shapes: np.ndarray) -> None:
        """Further checks of the (already positive, finite) shapes; see the subclasses."""

    def _open_support_mask(self, x: np.ndarray, *args: Any) -> np.ndarray:
        # the lower end belongs to the support: an atom there is part of cdf(a) (scipy: 0)
        a, b = self._get_support(*args)
        with np.errstate(invalid="ignore"):
            return (a <= x) & (x < b)

    # the methods at points (x or q): arguments checked first, then scipy's machinery
    pdf = _checked_at_points("pdf", "x", float_points)
    logpdf = _checked_at_points("logpdf", "x", float_points)
    cdf = _checked_at_points("cdf", "x", float_points)
    logcdf = _checked_at_points("logcdf", "x", float_points)
    sf = _checked_at_points("sf", "x", float_points)
    logsf = _checked_at_points("logsf", "x", float_points)
    ppf = _checked_at_points("ppf", "q", probabilities)
    isf = _checked_at_points("isf", "q", probabilities)

    def moment(self, order: Any, *args: Any, **kwds: Any) -> Any:
        if isinstance(order, (bool, np.bool_)) or not isinstance(order, numbers.Integral) or order < 0:
            raise ValueError(f"order must be an integer >= 0, got {shown(order)}")
        self.parameters(*args, **kwds)
        return super().moment(int(order), *args, **kwds)

    def stats(self, *args: Any, **kwds: Any) -> Any:
        moments = kwds.pop("moments", "mv")
        self.parameters(*args, **kwds)
        return super().stats(*args, moments=moments, **kwds)

    def entropy(self, *args: Any, **kwds: Any) -> Any:
        self.parameters(*args, **kwds)
        return super().entropy(*args, **kwds)

    def support(self, *args: Any, **kwds: Any) -> Any:
        self.parameters(*args, **kwds)
        return super().support(*args, **kwds)

    def interval(self, confidence: Any, *args: Any, **kwds: Any) -> Any:
        probabilities(confidence, "confidence")
        return super().interval(confidence, *args, **kwds)

    def rvs(self, *args: Any, **kwds: Any) -> Any:
        random_state = kwds.pop("random_state", None)
        size = kwds.pop("size", None)
        self.parameters(*args, **kwds)
        return super().rvs(*args, size=size, random_state=generator(random_state), **kwds)

    def freeze(self, *args: Any, **kwds: Any) -> FrozenLaw:
        return FrozenLaw(self, *args, **kwds)

    def __call__(self, *args: Any, **kwds: Any) -> FrozenLaw:
        return self.freeze(*args, **kwds)


class FrozenLaw(rv_frozen):
    """A frozen :class:`Law`: scipy's frozen distribution, its parameters as attributes
    (``d.gamma``, ``d.loc``, ``d.scale``) and the law's extra methods (``stieltjes``, ``atom``,
    and ``tail_exponents`` where the law has it)."""

    def __init__(self, dist: Law, *args: Any, **kwds: Any):
        self._parameters = dist.parameters(*args, **kwds)
        super().__init__(dist, *args, **kwds)

    def __getattr__(self, name: str) -> Any:
        parameters = self.__dict__.get("_parameters", {})
        if name in parameters:
            return parameters[name]
        if name in ("stieltjes", "tail_exponents", "inverse_moment"):
            method = getattr(self.dist, name)
            return lambda *a, **k: method(*a, *self.args, **{**self.kwds, **k})
        raise AttributeError(f"{type(self).__name__} has no attribute {name!r}")

    def pdf(self, x: Any) -> Any:
        """Density of the continuous part at ``x``."""
        return self.dist.pdf(x, *self.args, **self.kwds)

    def logpdf(self, x: Any) -> Any:
        """Logarithm of :meth:`pdf`, accurate where the density underflows."""
        return self.dist.logpdf(x, *self.args, **self.kwds)

    @property
    def atom(self) -> Any:
        """The mass of the law's atom (see the law's ``atom`` method)."""
        return self.dist.atom(*self.args, **self.kwds)

    def __repr__(self) -> str:
        inside = ", ".join(f"{k}={v.tolist()!r}" for k, v in self._parameters.items())
        return f"{self.dist.name}({inside})"

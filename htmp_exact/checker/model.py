"""The float model of each quantity (:mod:`htmp_exact.fast`, moments from :mod:`htmp_exact.exact`),
used by the diagnoses to predict what another convention would return (not certified: hints only)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .. import exact, fast

__all__ = ["evaluate_model"]


def _model(law: str, quantity: str) -> Callable[..., np.ndarray]:
    """The float model of ``quantity`` (vectorized; NaN where it fails)."""
    if quantity == "moment":

        def moment(k: np.ndarray, *params: np.ndarray) -> np.ndarray:
            f = exact.moment if law == "htmp" else exact.mp_moment
            return np.array([float(f(int(ki), *(float(v) for v in vs))) for ki, *vs in zip(k, *params)])

        return moment
    if law == "htmp":
        return getattr(fast, quantity)
    table: dict[str, Callable[..., np.ndarray]] = {
        "pdf": fast.mp_pdf,
        "cdf": fast.mp_cdf,
        "sf": fast.mp_sf,
        "ppf": fast.mp_ppf,
        "stieltjes": fast.mp_stieltjes,
        "logpdf": lambda x, g: np.log(fast.mp_pdf(x, g)),
        "isf": lambda q, g: fast.mp_ppf(1 - np.asarray(q), g),
    }
    return table[quantity]


def evaluate_model(
    law: str, quantity: str, args: Sequence[Any], params: Sequence[tuple[float, ...]]
) -> np.ndarray:
    model = _model(law, quantity)
    dtype = complex if quantity == "stieltjes" else float
    try:
        with np.errstate(all="ignore"):
            columns = [np.asarray(c, dtype=float) for c in zip(*params)]
            return np.asarray(model(np.asarray(args), *columns), dtype=dtype).reshape(-1)
    except Exception:
        return np.full(len(args), np.nan, dtype=dtype)

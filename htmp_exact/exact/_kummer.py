r"""Kummer's M by its power series with an explicit tail bound (where Arb's 1F1 gives up).

Arb's ``arb_hypgeom_1f1`` returns NaN for a large second parameter with a non-integer first
one (python-flint 0.9: ``M(0.08, 500, 100)`` is NaN at 200 bits, while ``M(0.08, 100, 100)``
is fine).  The HTMP law meets such arguments in its lower tail at large κ and small γ, where
``b = α + 2`` reaches 10⁶ while ``y = s x`` is far smaller.  There the series (DLMF 13.2.2)

.. math:: M(a, b, y) = \sum_{k \ge 0} t_k, \qquad
          t_{k+1} = t_k \frac{(a + k)\, y}{(b + k)(k + 1)},

converges fast, and for ``b > 0``, ``y ≥ 0`` and ``k ≥ K`` the ratio of consecutive terms is
at most :math:`r = \max\!\left(1, \tfrac{|a| + K}{K + 1}\right) \tfrac{y}{b + K}` (both factors
decrease with k), so the rest of the series is at most :math:`|t_K| / (1 - r)` when r < 1.
"""

from __future__ import annotations

from flint import arb

from .._inputs import Real
from ._precision import check_time, workprec

#: Terms summed before giving up.
MAX_TERMS = 100_000


def kummer_m_series(a: Real, b: Real, y: Real, prec: int) -> arb:
    """``M(a, b, y)`` for real ``a``, ``b > 0``, ``0 ≤ y < b`` by the series, rigorously.

    NaN outside that range, or where the terms first grow by more than about ``2^(prec/2)``
    (they peak near ``exp(|a| y / b)``, so ``|a| y / b ≤ prec·ln2/2`` is required), or if the
    series does not converge to ``prec`` bits within :data:`MAX_TERMS` terms: there the
    series is slow and its cancellation costs the bits, and the callers have other routes.
    """
    with workprec(prec):
        a, b, y = arb(a), arb(b), arb(y)
        if not (b > 0 and y >= 0 and y < b and abs(a) * y <= b * prec * 0.35):
            return arb.nan()
        term, total, scale = arb(1), arb(1), arb(1)
        tolerance = arb(2) ** -(prec + 2)
        for k in range(MAX_TERMS):
            if k % 1024 == 0:
                check_time("Kummer's M series")
            term = term * (a + k) * y / ((b + k) * (k + 1))
            total += term
            scale = max(scale, abs(term).upper())
            ratio = max(arb(1), (abs(a) + k + 1) / (k + 2)) * y / (b + k + 1)
            if ratio < 1:
                rest = abs(term) * ratio / (1 - ratio)  # bounds the sum of the terms after k+1
                # relative to the largest term: cancellation among the terms is then visible
                # in the ball's radius, not hidden
                if rest < tolerance * scale:
                    return total + arb(0, rest.upper())
        return arb.nan()


def regularized_m(a: arb, b: arb, y: arb, prec: int) -> arb:
    """``M(a, b, y) / Γ(b)`` (DLMF 13.2.3) by Arb, or by :func:`kummer_m_series` where Arb
    returns NaN (large ``b``).  Called inside ``workprec(prec)``."""
    m = y.hypgeom_1f1(a, b, regularized=True)
    if m.is_finite():
        return m
    return kummer_m_series(a, b, y, prec) * b.rgamma()

r"""Algorithm 1 (paper Appendix G.2): the stochastic fixed point for the variational β (SPEC §9).

Iteration.  At iterate β_t draw M samples of ``p_{β_t}`` (:func:`laguerre_batch`, the target's
one-body weight), label them at random, and form the sample covariance ``Ĉ_t`` of
``(H, L)`` and the sample variance ``V̂_t`` of ``L`` (denominators M − 1, unbiased).  Then

    β_{t+1} = max(0, β_t + η_t (Ĉ_t − β_t V̂_t) / V̄_t),     η_t = t^{−ρ},

``V̄_t`` the mean of ``V̂_s`` over the previous iterations ``s ∈ [t/2, t)`` (``V̂_1`` at t = 1).
This is Algorithm 1, ``β_{t+1} = (1 − η'_t) β_t + η'_t β̂_t`` with the slope ``β̂_t = Ĉ_t / V̂_t``,
with the step ``η'_t = η_t V̂_t / V̄_t``: the conditional mean of the update is
``η_t (C(β_t) − β_t V(β_t)) / V̄_t = −η_t KL'(β_t) / V̄_t`` exactly (``C(β) = Cov_β(H, L)``,
``V(β) = Var_β(L)``), so the iterates have no ``O(1/M)`` bias from the ratio ``Ĉ/V̂``.

Estimate and interval.  With the slope ``r(β) = C(β)/V(β)`` (β* = r(β*)),
``d/dβ E_β[g] = Cov_β(g, L)`` gives ``r'(β) = E_β[(u − Eu)(L − EL)²] / V(β)``, ``u = H − r(β) L``,
and ``−KL'(β) = V(β)(r(β) − β)`` has derivative ``−V(β*)(1 − r'(β*))`` at the root.  Each of the
last K = T − ⌊burn_in·T⌋ iterations gives the one-step (Newton) estimate

    z_t = β_t + (Ĉ_t − β_t V̂_t) / (V̂ (1 − r̂')),

of mean β* + O((β_t − β*)²), V̂ and r̂' pooled over the K iterations; the estimate is their
average (the root of the K batches' linearised estimating equation).  Given the iterates the
batches are independent and one update at β* has variance ``S/M``,
``S = Var((u − Eu)(L − EL))`` with ``u = H − β* L``, so

    √K (β̂ − β*) → N(0, σ²),     σ² = S / (M V(β*)² (1 − r'(β*))²),

the Polyak–Ruppert variance ``A⁻¹ S A⁻¹`` with ``A = V(1 − r') = KL''(β*)`` (Polyak & Juditsky
1992, Thm 2; the paper's Prop. G.5).  Unlike the plain average of the iterates, the estimate
keeps no memory of the iterations before the window, which that CLT neglects at short runs.
S is estimated from the pooled sample moments at β̂, and the 95% interval is
``β̂ ± 1.96 σ̂/√K`` (cut at 0).  For the product forms ``E[H | eigenvalues] = β* L`` (random
labels), so ``r' = 0`` and every slope is unbiased.  Not a proof: the interval is asymptotic;
its coverage is measured in docs/variational-beta.md.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from math import comb, sqrt

import numpy as np

from .._inputs import RandomState, generator
from ._sampling import laguerre_batch, random_labels
from ._structures import (
    check_float,
    check_int,
    check_sizes,
    dimension,
    log_vandermonde,
    log_weyl_factor,
    repulsions,
)

__all__ = ["VariationalBeta", "estimate_beta", "MAX_N"]

#: the largest N accepted by :func:`estimate_beta` (the cost per sample grows like N²)
MAX_N = 200
_Z95 = 1.959963984540054
_MIN_CURVATURE = 1e-3


@dataclass(frozen=True)
class VariationalBeta:
    """Result of :func:`estimate_beta` (Algorithm 1).

    Attributes
    ----------
    beta : float
        The estimate of β*: the average of the one-step estimates of the iterations after the
        burn-in (module docstring), cut at 0.
    ci : tuple of float
        95% confidence interval ``beta ± 1.96 standard_error``, cut at 0 (β* ≥ 0).
    standard_error : float
        Asymptotic standard error of ``beta`` (module docstring).
    structure, sizes, shape
        The target: structure key, its sizes, the one-body shape a'.
    heuristic : float
        Remark F.6's ``D / (N(N−1)/2)``.
    iterations, samples, averaged
        Iterations run, samples per iteration, iterations averaged.
    path : ndarray
        The iterates ``β_1, …, β_{iterations+1}``.
    slopes : ndarray
        The per-iteration slopes ``β̂_t = Ĉ_t / V̂_t`` (diagnostic).
    slope_derivative : float
        The estimate of ``r'(β*)``; the interval assumes ``r' < 1`` (a minimum of the KL).
    converged : bool
        Whether the interval's half-width reached ``tol`` (always True when ``tol`` is None).
    """

    beta: float
    ci: tuple[float, float]
    standard_error: float
    structure: str
    sizes: dict[str, int]
    shape: float
    heuristic: float
    iterations: int
    samples: int
    averaged: int
    path: np.ndarray = field(repr=False)
    slopes: np.ndarray = field(repr=False)
    slope_derivative: float
    converged: bool


def _moments(H: np.ndarray, L: np.ndarray) -> np.ndarray:
    """Per-batch sample moments of the centred ``h = H − H̄``, ``l = L − L̄``:
    ``[hl, ll, (hl)², hl³, l⁴, hl², l³]`` (the first two with denominator M − 1).

    Draws with a non-finite H or L (two computed eigenvalues equal: probability about
    ``N² ε``) are left out."""
    finite = np.isfinite(H) & np.isfinite(L)
    if finite.sum() < 10:
        raise FloatingPointError(f"only {finite.sum()} of {L.size} draws have finite log|Δ| and log W")
    H, L = H[finite], L[finite]
    hc, lc = H - H.mean(), L - L.mean()
    M = L.size
    hl, ll = hc * lc, lc * lc
    return np.array(
        [
            hl.sum() / (M - 1),
            ll.sum() / (M - 1),
            (hl * hl).mean(),
            (hl * ll).mean(),
            (ll * ll).mean(),
            (hc * ll).mean(),
            (lc * ll).mean(),
        ]
    )


def _average(path: np.ndarray, moments: np.ndarray, start: int, samples: int) -> tuple[float, float, float]:
    """(estimate, standard error, r̂') from the iterations ``start..`` (module docstring)."""
    beta_t = path[start : len(moments)]
    C_t, V_t = moments[start:, 0], moments[start:, 1]
    C, V, hlhl, hlll, llll, hll, lll = moments[start:].mean(axis=0)
    if not V > 0:
        raise FloatingPointError("the sample variance of L vanished: cannot estimate beta")
    slope_derivative = float((hll - C / V * lll) / V)
    if slope_derivative >= 1.0 - _MIN_CURVATURE:
        warnings.warn(
            f"estimated r'(beta) = {slope_derivative:.3g} >= 1: the KL divergence is not convex at "
            f"the iterates, so the interval is not valid; run more iterations or samples",
            RuntimeWarning,
            stacklevel=3,
        )
    curvature = max(1.0 - slope_derivative, _MIN_CURVATURE)
    beta = float(np.mean(beta_t + (C_t - beta_t * V_t) / (V * curvature)))
    S = max(0.0, hlhl - 2 * beta * hlll + beta**2 * llll - (C - beta * V) ** 2)
    return beta, float(sqrt(S / samples / len(C_t)) / (V * curvature)), slope_derivative


def estimate_beta(
    structure: str,
    *,
    shape: float = 0.0,
    random_state: RandomState = None,
    samples: int = 1000,
    iterations: int = 40,
    step_exponent: float = 0.75,
    burn_in: float = 0.5,
    beta0: float | None = None,
    tol: float | None = None,
    **sizes: int,
) -> VariationalBeta:
    r"""Estimate the variational β* of a structure by Algorithm 1, with a 95% interval (SPEC §9).

    .. math:: \beta^* = \arg\min_{\beta \ge 0} \mathrm{KL}(p_\beta \,\|\, p), \qquad
              p \propto W(\lambda) \prod_i w(\lambda_i), \quad
              p_\beta \propto |\Delta(\lambda)|^\beta \prod_i w(\lambda_i), \quad
              w(\lambda) = \lambda^{a'} e^{-\lambda/2},

    ``W`` the volume factor of the structure (SPEC §7), solved as the fixed point
    ``β = Cov_β(H, L)/Var_β(L)`` of Lemma G.4 by the stochastic iteration and averaging of the
    module docstring.  Monte Carlo, not rigorous: the interval is asymptotic (Polyak–Ruppert
    CLT, paper Prop. G.5); its measured coverage is in docs/variational-beta.md.

    Parameters
    ----------
    structure : {'a', 'b', 'c', 'd', 'e', 'F.7'}
        Table F.1 / Corollary F.7 (see :func:`exact_beta` for the product forms).
    shape : float, default 0
        The one-body shape a' > −1 of ``w`` (0: the weight ``e^{−λ/2}``).
    random_state : None, int or numpy.random.Generator
    samples : int, default 1000
        M, draws per iteration (10 to 10⁶).
    iterations : int, default 40
        Maximum number of iterations T (2 to 10⁵).
    step_exponent : float, default 0.75
        ρ in ``η_t = t^{−ρ}``, in (1/2, 1].
    burn_in : float, default 0.5
        Fraction of the iterations left out of the average, in [0, 1).
    beta0 : float, optional
        Start β_1 ≥ 0 (default: Remark F.6's ``D/(N(N−1)/2)``).
    tol : float, optional
        Stop once the interval's half-width is below ``tol`` (checked from iteration 8 on).
    **sizes : int
        ``N`` for (a), (e); ``m, n`` for (b), (c), (d) (N = mn); ``N, k`` for F.7; ``N <= 200``.

    Returns
    -------
    VariationalBeta

    >>> res = estimate_beta("c", m=2, n=3, samples=400, iterations=20, random_state=1)
    >>> bool(res.ci[0] <= 0.4 <= res.ci[1])        # exact_beta('c', m=2, n=3) = 2/5
    True
    """
    checked = check_sizes(structure, sizes)
    N = dimension(structure, checked)
    if N > MAX_N:
        raise ValueError(f"estimate_beta takes N <= {MAX_N} eigenvalues, got N = {N} (sizes {checked})")
    shape = check_float(shape, "shape", -1.0, np.inf)
    samples = check_int(samples, "samples", 10, 10**6)
    iterations = check_int(iterations, "iterations", 2, 10**5)
    rho = check_float(step_exponent, "step_exponent", 0.5, 1.0, "(]")
    burn_in = check_float(burn_in, "burn_in", 0.0, 1.0, "[)")
    heuristic = repulsions(structure, checked) / comb(N, 2)
    beta = heuristic if beta0 is None else check_float(beta0, "beta0", 0.0, np.inf, "[)")
    if tol is not None:
        tol = check_float(tol, "tol", 0.0, np.inf)
    gen = generator(random_state)
    path, moments = [beta], np.empty((iterations, 7))
    converged, t = tol is None, 0
    for t in range(1, iterations + 1):
        lam = random_labels(laguerre_batch(N, beta, shape, samples, gen), gen)
        moments[t - 1] = _moments(log_weyl_factor(structure, lam, **checked), log_vandermonde(lam))
        C, V = moments[t - 1, :2]
        normaliser = moments[(t - 1) // 2 : t - 1, 1].mean() if t > 1 else V
        beta = max(0.0, beta + t**-rho * (C - beta * V) / normaliser)
        path.append(beta)
        if tol is not None and t >= 8:
            if _Z95 * _average(np.array(path), moments[:t], int(burn_in * t), samples)[1] < tol:
                converged = True
                break
    iterates, moments = np.array(path), moments[:t]
    estimate, se, slope_derivative = _average(iterates, moments, int(burn_in * t), samples)
    ci = (max(0.0, estimate - _Z95 * se), max(0.0, estimate + _Z95 * se))
    return VariationalBeta(
        max(0.0, estimate),
        ci,
        se,
        structure,
        checked,
        shape,
        heuristic,
        t,
        samples,
        t - int(burn_in * t),
        iterates,
        moments[:, 0] / moments[:, 1],
        slope_derivative,
        converged,
    )

r"""The variational β of structured random matrices (SPEC §9; paper Appendix G).

A structure of Table F.1 (or Corollary F.7) has joint eigenvalue density
``p(λ) ∝ W(λ) Π_i w(λ_i)`` (SPEC §7).  Its variational exponent is the β of the Laguerre
β-ensemble with the same one-body weight ``w(λ) = λ^{a'} e^{−λ/2}`` closest to it,

.. math:: \beta^* = \arg\min_\beta \mathrm{KL}(p_\beta \,\|\, p), \qquad
          p_\beta(\lambda) \propto |\Delta(\lambda)|^\beta \prod_i w(\lambda_i).

* :func:`exact_beta` — the exact ``D/(N(N−1)/2)`` of the product-form structures (a), (c),
  (e), F.7 (Prop. G.1, Cor. G.2, Thm G.3), a :class:`fractions.Fraction`;
* :func:`estimate_beta` — Algorithm 1 (stochastic fixed point with Polyak–Ruppert averaging)
  with a 95% interval, for every structure, in particular (b) and (d);
* :func:`heuristic_beta` — Remark F.6's ``D/(N(N−1)/2)`` for every structure;
* :func:`laguerre_batch`, :func:`log_vandermonde`, :func:`log_weyl_factor` — the sampler and
  the statistics ``L = log|Δ(λ)|``, ``H = log W(λ)`` used by Algorithm 1.

User guide and measured figures: docs/variational-beta.md.
"""

from ._algorithm import MAX_N, VariationalBeta, estimate_beta
from ._sampling import laguerre_batch
from ._structures import (
    PRODUCT_FORM,
    STRUCTURES,
    exact_beta,
    heuristic_beta,
    log_vandermonde,
    log_weyl_factor,
)

__all__ = [
    "exact_beta",
    "estimate_beta",
    "heuristic_beta",
    "VariationalBeta",
    "laguerre_batch",
    "log_vandermonde",
    "log_weyl_factor",
    "STRUCTURES",
    "PRODUCT_FORM",
    "MAX_N",
]

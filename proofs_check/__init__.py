"""Machine checks of the paper's identities, each by a route independent of the paper's argument.

* :mod:`proofs_check.moments` — Proposition E.4 (SPEC §5): the paper's route (ratio of the
  asymptotic series of U) against the Jacobi-matrix route, symbolically for k ≤ 10; SPEC's
  closed forms; polynomiality in (γ, 1/κ) with non-negative coefficients; the Narayana limit;
  tanh-sinh quadrature of the certified density; the package's exact moments.
* :mod:`proofs_check.weyl` — the Weyl formulae of Table F.1 (structures (a)–(e), Corollary F.7):
  exact polynomial identities in λ at rational Cayley points, fully symbolic for the smallest
  sizes, complex-step float64 checks up to N = 8–15, and Remark F.6's repulsion counts.
* :mod:`proofs_check.identities` — duality, atom, Stieltjes inversion and tail constants
  (SPEC §3–§4) at 30+ digits with mpmath.

``python -m proofs_check`` runs everything, prints Markdown tables and exits non-zero if any
check fails; ``python -m proofs_check.<name>`` runs one script.
"""

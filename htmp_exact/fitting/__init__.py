"""Fitting HTMP(γ, κ), MP(γ), the inverse law and power laws to eigenvalue spectra (docs/fitting.md).

* :func:`fit_htmp`, :func:`fit_marchenko_pastur`, :func:`fit_inverse_htmp` — maximum likelihood
  with γ given, profile-likelihood intervals, zeros (null space) and spikes handled;
* :func:`fit_power_law` — Clauset–Shalizi–Newman power-law tail;
* :func:`compare` — the three on one spectrum (AIC/BIC, likelihood-ratio tests, KS),
  :func:`bootstrap_gof` — parametric-bootstrap goodness of fit;
* :func:`matrix_spectrum`, :func:`fit_matrix` — from a weight or feature matrix;
  :func:`plot_fit` — the fitted densities over the data (matplotlib).
"""

from ._bootstrap import GoodnessOfFit, bootstrap_gof
from ._compare import Comparison, compare
from ._htmp import fit_htmp
from ._inverse import InverseHTMPFit, fit_inverse_htmp
from ._laws import Window
from ._marchenko_pastur import fit_marchenko_pastur
from ._matrix import Spectrum, fit_matrix, matrix_spectrum
from ._plot import plot_fit
from ._power_law import PowerLawFit, fit_power_law
from ._results import Exclusion, HTMPFit, MarchenkoPasturFit
from ._spikes import spike_threshold
from ._vuong import LikelihoodRatio, nested_boundary, vuong
from ._zeros import ZeroSummary, default_zero_tol

__all__ = [
    "fit_htmp",
    "fit_marchenko_pastur",
    "fit_inverse_htmp",
    "fit_power_law",
    "compare",
    "bootstrap_gof",
    "matrix_spectrum",
    "fit_matrix",
    "plot_fit",
    "Spectrum",
    "HTMPFit",
    "MarchenkoPasturFit",
    "InverseHTMPFit",
    "PowerLawFit",
    "Comparison",
    "GoodnessOfFit",
    "LikelihoodRatio",
    "Exclusion",
    "Window",
    "ZeroSummary",
    "vuong",
    "nested_boundary",
    "spike_threshold",
    "default_zero_tol",
]

"""htmp_exact: certified evaluation of the high-temperature Marchenko–Pastur law, and tools around it.

The mathematics is in SPEC.md (HTMP(γ, κ) of Hodgkinson, Wang, Mahoney,
arXiv 2506.03470).  Modules:

* :mod:`htmp_exact.exact` — the certified interval-arithmetic path (Arb balls);
* :mod:`htmp_exact.fast` — float64, numpy-vectorized pdf/logpdf/cdf/sf (not certified);
* :mod:`htmp_exact.distributions` — scipy.stats laws ``htmp``, ``marchenko_pastur``, ``inverse_htmp``;
* :mod:`htmp_exact.ensembles` — β-Laguerre sampling and its high-temperature limit;
* :mod:`htmp_exact.fitting` — fits of HTMP, MP, the inverse law and power laws to spectra;
* :mod:`htmp_exact.variational` — the variational β of structured matrices (Appendix G);
* :mod:`htmp_exact.free` — HTMP with a population covariance (free multiplicative convolution);
* :mod:`htmp_exact.tables` — certified, correctly rounded reference tables;
* :mod:`htmp_exact.checker` — checks another implementation against those tables;
* :mod:`htmp_exact.cli` — the ``htmp-exact`` command.
"""

from . import ensembles, exact, fast, fitting, free, variational
from .distributions import htmp, inverse_htmp, marchenko_pastur, tail_exponents
from .ensembles import sample_htmp_spectrum
from .exact import PrecisionError
from .fitting import compare, fit_htmp, fit_inverse_htmp, fit_marchenko_pastur, fit_matrix, fit_power_law

__all__ = [
    "exact",
    "fast",
    "ensembles",
    "fitting",
    "free",
    "variational",
    "htmp",
    "inverse_htmp",
    "marchenko_pastur",
    "tail_exponents",
    "sample_htmp_spectrum",
    "PrecisionError",
    "compare",
    "fit_htmp",
    "fit_marchenko_pastur",
    "fit_inverse_htmp",
    "fit_power_law",
    "fit_matrix",
]
__version__ = "0.2.0"

"""htmp_exact: certified and fast evaluation of the high-temperature Marchenko–Pastur law.

The mathematics is in SPEC.md (HTMP(γ, κ) of Hodgkinson, Wang, Mahoney,
arXiv 2506.03470).  The certified interval-arithmetic path is
:mod:`htmp_exact.exact`.
"""
from . import exact
from .exact import PrecisionError

__all__ = ["exact", "PrecisionError"]
__version__ = "0.1.0"

"""Fitting HTMP(γ, κ), MP(γ), the inverse law and power laws to eigenvalue spectra (docs/fitting.md)."""
from ._htmp import fit_htmp
from ._marchenko_pastur import fit_marchenko_pastur
from ._results import Exclusion, HTMPFit, MarchenkoPasturFit
from ._zeros import ZeroSummary

__all__ = ["fit_htmp", "fit_marchenko_pastur", "HTMPFit", "MarchenkoPasturFit", "Exclusion", "ZeroSummary"]

r"""Free multiplicative convolution ``μ ⊠ ν`` of HTMP-family laws with a population spectrum (SPEC §10).
"""
from ._convolution import FreeMultiplicativeConvolution, multiplicative_convolution

__all__ = ["multiplicative_convolution", "FreeMultiplicativeConvolution"]

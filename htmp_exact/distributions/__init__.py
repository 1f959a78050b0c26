"""scipy.stats distributions of the laws: ``htmp``, ``marchenko_pastur``, ``inverse_htmp``
(on ``rv_continuous``, with checked arguments and the atom of γ > 1; see :mod:`._law`), and the
exact tail exponents."""

from ._htmp import htmp, htmp_gen, inverse_htmp, inverse_htmp_gen
from ._law import FrozenLaw, Law
from ._marchenko_pastur import marchenko_pastur, marchenko_pastur_gen
from ._tails import TailExponents, tail_exponents

__all__ = [
    "htmp",
    "inverse_htmp",
    "marchenko_pastur",
    "htmp_gen",
    "inverse_htmp_gen",
    "marchenko_pastur_gen",
    "tail_exponents",
    "TailExponents",
    "Law",
    "FrozenLaw",
]

"""scipy.stats distributions of the laws: ``htmp``, ``marchenko_pastur``, ``inverse_htmp``
(on ``rv_continuous``, with checked arguments and the atom of γ > 1; see :mod:`._law`), and the
exact tail exponents.

``logcdf`` and ``logsf`` are scipy's ``log(cdf)`` and ``log(sf)``: ``-inf`` where the cdf or sf
underflows float64 (e.g. ``htmp(0.5, 10).logsf(300)``, sf = 1.4e-1262), and of reduced
accuracy in the subnormal range.  :mod:`htmp_exact.exact` gives those tails as balls.
``moment(n)`` is exact rational arithmetic rounded once; ``inf`` beyond the float range."""

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

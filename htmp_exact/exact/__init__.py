"""Certified (interval-arithmetic) path: every result is a python-flint ball containing the true value.

HTMP(γ, κ) (SPEC §3–§5): :func:`pdf`, :func:`logpdf`, :func:`cdf`, :func:`sf`, :func:`atom`,
:func:`stieltjes`, :func:`stieltjes_boundary`, :func:`moment`,
:func:`inverse_moment`.
Marchenko–Pastur MP(γ) (SPEC §2): :func:`mp_pdf`, :func:`mp_cdf`, :func:`mp_sf`,
:func:`mp_stieltjes`, :func:`mp_moment`.

Precision: ``prec=`` (bits) evaluates once at that working precision; ``digits=d`` (default
15) raises the precision until the relative radius is below ``10**-d`` or raises
:class:`PrecisionError` past :data:`MAX_PREC` bits.  ``timeout=`` (seconds, default
:data:`DEFAULT_TIMEOUT`) bounds every call.  The functions are safe to call from several
threads (they are serialized on one lock, as python-flint's precision is process-global);
run them in a process pool to use several cores.
"""

from ._density import logpdf, pdf
from ._distribution import atom, cdf, sf
from ._marchenko_pastur import mp_cdf, mp_moment, mp_pdf, mp_sf, mp_stieltjes
from ._moments import MAX_ORDER, inverse_moment, moment
from ._precision import DEFAULT_TIMEOUT, MAX_PREC, Precision, PrecisionError
from ._stieltjes import stieltjes, stieltjes_boundary

__all__ = [
    "pdf",
    "logpdf",
    "cdf",
    "sf",
    "atom",
    "stieltjes",
    "stieltjes_boundary",
    "moment",
    "inverse_moment",
    "mp_pdf",
    "mp_cdf",
    "mp_sf",
    "mp_stieltjes",
    "mp_moment",
    "Precision",
    "PrecisionError",
    "MAX_PREC",
    "MAX_ORDER",
    "DEFAULT_TIMEOUT",
]

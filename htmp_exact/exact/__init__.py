"""Certified (interval-arithmetic) path: every result is a python-flint ball containing the true value.

HTMP(γ, κ) (SPEC §3–§5): :func:`pdf`, :func:`logpdf`, :func:`cdf`, :func:`sf`,
:func:`atom`, :func:`stieltjes`, :func:`stieltjes_boundary`, :func:`moment`.
Marchenko–Pastur MP(γ) (SPEC §2): :func:`mp_pdf`, :func:`mp_cdf`, :func:`mp_sf`,
:func:`mp_stieltjes`, :func:`mp_moment`.

Precision: ``prec=`` (bits) evaluates once at that working precision;
``digits=d`` (default 15) raises the precision until the relative radius is
below ``10**-d`` or raises :class:`PrecisionError` past :data:`MAX_PREC` bits.
"""
from ._htmp import atom, cdf, logpdf, pdf, sf, stieltjes, stieltjes_boundary
from ._marchenko_pastur import mp_cdf, mp_moment, mp_pdf, mp_sf, mp_stieltjes
from ._moments import moment
from ._precision import MAX_PREC, PrecisionError, workprec

__all__ = [
    "pdf", "logpdf", "cdf", "sf", "atom", "stieltjes", "stieltjes_boundary", "moment",
    "mp_pdf", "mp_cdf", "mp_sf", "mp_stieltjes", "mp_moment",
    "PrecisionError", "MAX_PREC", "workprec",
]

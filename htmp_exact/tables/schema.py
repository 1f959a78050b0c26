r"""Laws, quantities and the inputs of each (the column names of a table).

================  =====================  =============================================
quantity          inputs (HTMP; MP: no κ)  value
================  =====================  =============================================
pdf, logpdf,      gamma, kappa, x          density of the law (continuous part for γ > 1,
cdf, sf                                    mass 1/γ), its log, P(X ≤ x) (atom included),
                                           P(X > x)
ppf, isf          gamma, kappa, q          smallest x with cdf(x) ≥ q; isf(q) = ppf(1 − q);
                                           0 when q ≤ 1 − 1/γ (ppf) or 1 − q ≤ 1 − 1/γ (isf)
stieltjes         gamma, kappa,            S(z) = ∫ μ(dx)/(x − z), atom included; value and
                  z_real, z_imag           value_imag on one grid (see :mod:`.rounding`)
moment            gamma, kappa, k          E[X^k] (k ≥ 0), rounded, plus the exact rational
================  =====================  =============================================
"""

from __future__ import annotations

from .._inputs import one_of

__all__ = [
    "LAWS",
    "QUANTITIES",
    "REAL_ARGUMENT",
    "QUANTILES",
    "check_law",
    "check_quantity",
    "parameter_names",
    "argument_names",
    "input_names",
]

LAWS = ("htmp", "mp")
QUANTITIES = ("pdf", "logpdf", "cdf", "sf", "ppf", "isf", "stieltjes", "moment")
REAL_ARGUMENT = ("pdf", "logpdf", "cdf", "sf")
QUANTILES = ("ppf", "isf")


def check_law(law: object) -> str:
    return one_of(law, LAWS, "law")


def check_quantity(quantity: object) -> str:
    return one_of(quantity, QUANTITIES, "quantity")


def parameter_names(law: str) -> tuple[str, ...]:
    return ("gamma", "kappa") if check_law(law) == "htmp" else ("gamma",)


def argument_names(quantity: str) -> tuple[str, ...]:
    quantity = check_quantity(quantity)
    if quantity in QUANTILES:
        return ("q",)
    if quantity == "stieltjes":
        return ("z_real", "z_imag")
    if quantity == "moment":
        return ("k",)
    return ("x",)


def input_names(law: str, quantity: str) -> tuple[str, ...]:
    """Column names of the inputs, in the order a function receives them (argument first)."""
    return argument_names(quantity) + parameter_names(law)

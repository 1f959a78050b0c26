r"""Proposition E.4 (SPEC §5): the moments of HTMP(γ, κ), by two symbolic routes.

Notation (SPEC §3): ``c = κ/2``, ``α = c(1/γ − 1) − 1``, ``s = c/γ = c + α + 1``.

*Paper route.*  With ``w = −s z`` and DLMF 13.7.3,
``U(a, b, w) ~ w^{−a} Σ_n (a)_n (a − b + 1)_n / n! · (−w)^{−n}``, the Stieltjes
transform ``S(z) = s U(c+1, 1−α, w) / U(c, −α, w)`` becomes
``−(1/z) A(u)/B(u)`` with ``u = 1/(s z)``,
``A_n = (c+1)_n (c+α+1)_n / n!`` and ``B_n = (c)_n (c+α+1)_n / n!``.
Since ``S(z) = −Σ_k m_k z^{−k−1}``, the series quotient ``A/B`` has
coefficients ``m_k s^k``.

*Jacobi route.*  ``m_k s^k = (J^k)_{00}`` for the tridiagonal matrix with
``b_0 = c + α + 1``, ``b_n = 2n + 2c + α + 1`` and ``a_n² = (n + c)(n + c + α)``.

Both are polynomials in ``c`` and ``α``; they are compared as such (a stronger
statement than equality as rational functions of γ, κ).  Then each ``m_k`` is
rewritten in γ and ``τ = 1/κ`` to confirm SPEC's closed forms, polynomiality
with non-negative coefficients and the Narayana limit ``τ → 0``.

Run ``python -m proofs_check.moments``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from functools import cache

import mpmath as mp
import sympy as sp
from flint import fmpq

from ._report import Check, main_for

c, alpha = sp.symbols("c alpha")
gamma, kappa, tau = sp.symbols("gamma kappa tau", positive=True)
MAX_ORDER = 10

#: SPEC §5's closed forms, as functions of γ and κ.
SPEC_MOMENTS: dict[int, sp.Expr] = {
    1: sp.Integer(1),
    2: 1 + gamma + 2 * gamma / kappa,
    3: 1 + 3 * gamma + gamma**2 + 6 * gamma / kappa + 6 * gamma**2 / kappa + 8 * gamma**2 / kappa**2,
    4: 1
    + 6 * gamma
    + 6 * gamma**2
    + gamma**3
    + 12 * gamma / kappa
    + 34 * gamma**2 / kappa
    + 12 * gamma**3 / kappa
    + 44 * gamma**2 / kappa**2
    + 44 * gamma**3 / kappa**2
    + 48 * gamma**3 / kappa**3,
}


def _poly(expr: sp.Expr) -> sp.Poly:
    return sp.Poly(expr, c, alpha, domain="QQ")


def asymptotic_coefficients(a: sp.Expr, b: sp.Expr, order: int) -> list[sp.Poly]:
    """``(a)_n (a − b + 1)_n / n!`` for n ≤ order: DLMF 13.7.3 without ``(−w)^{−n}``."""
    coefficients, term = [], _poly(1)
    for n in range(order + 1):
        coefficients.append(term)
        term = term * _poly((a + n) * (a - b + 1 + n) / (n + 1))
    return coefficients


def series_quotient(num: Sequence[sp.Poly], den: Sequence[sp.Poly]) -> list[sp.Poly]:
    """Coefficients of the power series ``num/den`` (``den[0] = 1``), term by term."""
    if den[0] != _poly(1):
        raise ValueError(f"den[0] must be 1, got {den[0]}")
    quotient: list[sp.Poly] = []
    for k in range(len(num)):
        term = num[k]
        for j in range(1, k + 1):
            term = term - den[j] * quotient[k - j]
        quotient.append(term)
    return quotient


def paper_route(order: int = MAX_ORDER) -> list[sp.Poly]:
    """``m_k s^k`` for k ≤ order from the ratio of the two asymptotic series of U."""
    num = asymptotic_coefficients(c + 1, 1 - alpha, order)
    den = asymptotic_coefficients(c, -alpha, order)
    return series_quotient(num, den)


def jacobi_diagonal(n: int) -> sp.Expr:
    """``b_n`` of SPEC §5."""
    return c + alpha + 1 if n == 0 else 2 * n + 2 * c + alpha + 1


def jacobi_offdiagonal_squared(n: int) -> sp.Expr:
    """``a_n²`` of SPEC §5 (n ≥ 1)."""
    return (n + c) * (n + c + alpha)


def jacobi_route(
    order: int = MAX_ORDER,
    diagonal: Callable[[int], sp.Expr] = jacobi_diagonal,
    offdiagonal_squared: Callable[[int], sp.Expr] = jacobi_offdiagonal_squared,
) -> list[sp.Poly]:
    """``(J^k)_{00}`` for k ≤ order, with ``J`` the tridiagonal Jacobi matrix.

    ``J`` is replaced by the similar matrix ``D J D^{-1}`` (``D`` diagonal,
    ``D_00 = 1``) with super-diagonal ``a_n²`` and sub-diagonal 1: same
    ``(0, 0)`` entry of every power, and no square roots.  It is truncated to
    ``order//2 + 1`` rows, which does not change ``(J^k)_{00}`` for k ≤ order.
    """
    size = order // 2 + 1
    zero = _poly(0)
    J = [[zero] * size for _ in range(size)]
    for n in range(size):
        J[n][n] = _poly(diagonal(n))
        if n + 1 < size:
            J[n][n + 1], J[n + 1][n] = _poly(offdiagonal_squared(n + 1)), _poly(1)
    row = [_poly(1)] + [zero] * (size - 1)  # e_0^T J^k
    moments = [row[0]]
    for _ in range(order):
        new_row = []
        for j in range(size):
            entry = zero
            for i in range(max(0, j - 1), min(size, j + 2)):
                entry = entry + row[i] * J[i][j]
            new_row.append(entry)
        row = new_row
        moments.append(row[0])
    return moments


def in_gamma_tau(scaled_moment: sp.Poly, k: int) -> sp.Expr:
    """``m_k = (m_k s^k) / s^k`` rewritten in γ and τ = 1/κ (SPEC §3 substitutions)."""
    cc = 1 / (2 * tau)
    s = cc / gamma
    expr = scaled_moment.as_expr().subs({c: cc, alpha: s - cc - 1}, simultaneous=True) / s**k
    return sp.cancel(sp.together(expr))


@cache
def _routes() -> tuple[tuple[sp.Poly, ...], tuple[sp.Poly, ...]]:
    return tuple(paper_route()), tuple(jacobi_route())


@cache
def moments_gamma_tau() -> tuple[sp.Expr, ...]:
    """``m_k(γ, τ)`` for k ≤ MAX_ORDER, from the paper route."""
    paper, _ = _routes()
    return tuple(in_gamma_tau(paper[k], k) for k in range(MAX_ORDER + 1))


def narayana(k: int, g: sp.Expr) -> sp.Expr:
    """The MP moment ``Σ_{j<k} γ^j/(j+1) C(k,j) C(k−1,j)`` (SPEC §2)."""
    return sp.expand(sum(g**j * sp.binomial(k, j) * sp.binomial(k - 1, j) / (j + 1) for j in range(k)))


def check_routes_agree(paper: Sequence[sp.Poly], jacobi: Sequence[sp.Poly]) -> Check:
    """Paper route and Jacobi route give the same polynomial in (c, α) for each k."""
    bad = [k for k in range(1, len(paper)) if paper[k] != jacobi[k]]
    return Check(
        "m_k s^k: series ratio of U's = (J^k)_00",
        "sympy, polynomials in (c, α)",
        f"k = 1..{len(paper) - 1}",
        not bad,
        f"differ at k = {bad}" if bad else "",
    )


def check_closed_forms(moments: Sequence[sp.Expr], claims: dict[int, sp.Expr] = SPEC_MOMENTS) -> Check:
    """SPEC's m1..m4 (m1 = 1, m2 = 1 + γ + 2γ/κ, ...) equal the derived moments exactly."""
    bad = [k for k, claim in claims.items() if sp.cancel(moments[k] - claim.subs(kappa, 1 / tau)) != 0]
    return Check(
        "m1 = 1, m2 = 1+γ+2γ/κ, m3, m4 of SPEC §5",
        "sympy, exact rational functions",
        "k = 1..4",
        not bad,
        f"differ at k = {bad}" if bad else "",
    )


def check_polynomial_nonnegative(moments: Sequence[sp.Expr]) -> Check:
    """Each m_k is a polynomial in γ, 1/κ with non-negative rational coefficients."""
    bad = []
    for k in range(1, len(moments)):
        num, den = sp.fraction(sp.cancel(moments[k]))
        poly = sp.Poly(num, gamma, tau)
        den_const = sp.Poly(den, gamma, tau).is_ground
        if not den_const or any(coef / den < 0 for coef in poly.coeffs()):
            bad.append(k)
    return Check(
        "m_k ∈ ℚ≥0[γ, 1/κ]",
        "sympy Poly in (γ, τ = 1/κ)",
        f"k = 1..{len(moments) - 1}",
        not bad,
        f"fails at k = {bad}" if bad else "confirmed",
    )


def check_narayana_limit(moments: Sequence[sp.Expr]) -> Check:
    """κ → ∞ (τ = 0) gives the Narayana (MP) moments."""
    bad = [k for k in range(1, len(moments)) if sp.expand(moments[k].subs(tau, 0) - narayana(k, gamma)) != 0]
    return Check(
        "lim κ→∞ m_k = Narayana (MP)",
        "sympy, τ = 0",
        f"k = 1..{len(moments) - 1}",
        not bad,
        f"differ at k = {bad}" if bad else "",
    )


def _density(g: Fraction, k: Fraction, dps: int) -> Callable[[mp.mpf], mp.mpf]:
    """x ↦ p(x) from the certified ``htmp_exact.exact.pdf`` (midpoint of a ball of ``dps`` digits)."""
    from htmp_exact import exact

    @cache
    def pdf(x: mp.mpf) -> mp.mpf:
        return mp.mpf(exact.pdf(x, g, k, digits=dps).mid().str(dps + 5, radius=False))

    return pdf


def check_quadrature(
    moments: Sequence[sp.Expr],
    points: Sequence[tuple[Fraction, Fraction]] = (
        (Fraction(1, 2), Fraction(4)),
        (Fraction(1, 3), Fraction(3)),
        (Fraction(3), Fraction(6)),
    ),
    orders: Sequence[int] = (1, 2, 3, 4),
    dps: int = 40,
) -> Check:
    """m_k at rational (γ, κ) against tanh-sinh quadrature (mpmath) of the certified density.

    The parameters are chosen with a density smooth at 0 (α ∈ {1, 2}, and −α − 2 = 1
    for γ = 3), so plain tanh-sinh on a few intervals reaches ``dps`` digits.
    """
    worst = mp.mpf(0)
    with mp.workdps(dps + 10):
        for g, k in points:
            pdf = _density(g, k, dps + 5)
            for order in orders:
                value = sp.Rational(
                    moments[order].subs(
                        {
                            gamma: sp.Rational(g.numerator, g.denominator),
                            tau: sp.Rational(k.denominator, k.numerator),
                        }
                    )
                )
                quad = mp.quad(
                    lambda x, order=order, pdf=pdf: x**order * pdf(x),
                    [0, 0.5, 1, 2, 4, 8, 16, 32, 64, mp.inf],
                )
                exact_value = mp.mpf(value.p) / value.q
                worst = max(worst, abs(quad - exact_value) / exact_value)
        passed = worst < mp.mpf(10) ** (-dps)
        return Check(
            "m_k = ∫ x^k p(x) dx",
            f"tanh-sinh quadrature of the certified density, {dps} digits",
            f"(γ, κ) ∈ {{{', '.join(f'({g}, {k})' for g, k in points)}}}, k ≤ {max(orders)}",
            passed,
            f"worst relative gap {mp.nstr(worst, 3)}",
        )


def check_package(
    moments: Sequence[sp.Expr],
    points: Sequence[tuple[str, str]] = (("0.5", "3"), ("2.25", "0.1"), ("1", "1000"), ("0.01", "8000")),
) -> Check:
    """``htmp_exact.exact.moment`` (exact fmpq) equals the symbolic m_k at rational points."""
    from htmp_exact import exact

    bad = []
    for g, k in points:
        subs = {gamma: sp.Rational(g), tau: 1 / sp.Rational(k)}
        for order in range(1, len(moments)):
            got = exact.moment(order, g, k)
            assert isinstance(got, fmpq)
            want = sp.Rational(moments[order].subs(subs))
            if (int(got.p), int(got.q)) != (want.p, want.q):
                bad.append((g, k, order))
    return Check(
        "htmp_exact.exact.moment = symbolic m_k",
        "exact rationals",
        f"{len(points)} points, k = 1..{len(moments) - 1}",
        not bad,
        f"differ at {bad[:3]}" if bad else "",
    )


def checks() -> list[Callable[[], Check]]:
    """Every moment check, as zero-argument callables (run and timed by the reporter)."""
    return [
        lambda: check_routes_agree(*_routes()),
        lambda: check_closed_forms(moments_gamma_tau()),
        lambda: check_polynomial_nonnegative(moments_gamma_tau()),
        lambda: check_narayana_limit(moments_gamma_tau()),
        lambda: check_quadrature(moments_gamma_tau()),
        lambda: check_package(moments_gamma_tau()),
    ]


if __name__ == "__main__":
    main_for("Proposition E.4: moments of HTMP(γ, κ)", checks)

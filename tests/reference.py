"""Independent reference values with mpmath (a different library and a different formula).

The HTMP density via the real connection formula of SPEC §1,
|U(a, b, y e^{iπ})|² = P² + Q² − 2PQ cos(πb) with P, Q built from Kummer's M
(DLMF 13.2.42), evaluated with mpmath at high precision — no Tricomi U and no
Arb involved.  Valid for non-integer b = −α.
"""

from fractions import Fraction

import mpmath as mp
from flint import arb


def _mpf(v):
    """An exact input (str, int, Fraction) as mpf at the current precision."""
    if isinstance(v, Fraction):
        return mp.mpf(v.numerator) / v.denominator
    return mp.mpf(v)


def _derived(x, gamma, kappa):
    """(c, alpha, s, y) of SPEC §3 as mpf at the current precision."""
    g, k, x = _mpf(gamma), _mpf(kappa), _mpf(x)
    c = k / 2
    s = c / g
    return c, c * (1 / g - 1) - 1, s, s * x


def _density(s, y, c, al, u_abs2):
    """SPEC §3: s y^α e^(-y) / (Γ(c+1) Γ(c+α+1) |U|²)."""
    return s * y**al * mp.exp(-y) / (mp.gamma(c + 1) * mp.gamma(c + al + 1) * u_abs2)


def htmp_pdf_connection(x, gamma, kappa, dps=60):
    """p(x) of HTMP(γ, κ) (SPEC §3) from the P/Q connection formula, at ``dps`` digits."""
    with mp.workdps(dps):
        c, al, s, y = _derived(x, gamma, kappa)
        a, b = c, -al
        P = mp.gamma(1 - b) / mp.gamma(a - b + 1) * mp.hyp1f1(a, b, -y)
        Q = mp.gamma(b - 1) / mp.gamma(a) * y ** (1 - b) * mp.hyp1f1(a - b + 1, 2 - b, -y)
        return _density(s, y, c, al, P * P + Q * Q - 2 * P * Q * mp.cospi(b))


def htmp_pdf_hyperu(x, gamma, kappa, dps=40):
    """p(x) via mpmath's hyperu on the cut (works for integer b too, moderate κ)."""
    with mp.workdps(dps):
        c, al, s, y = _derived(x, gamma, kappa)
        return _density(s, y, c, al, abs(mp.hyperu(c, -al, mp.mpc(-y, 0))) ** 2)


def contains(ball, value, ref_digits=30) -> bool:
    """Whether the flint ball meets [value ± |value|·10^-ref_digits] (the reference's own error)."""
    mid = arb(mp.nstr(value, ref_digits + 10, strip_zeros=False))
    return ball.overlaps(mid + arb(0, abs(mid).upper() * arb(10) ** (-ref_digits)))


def htmp_cdf_phase_near_zero(x, gamma, kappa, dps=40):
    """HTMP cdf by the phase formula ``F = −arg U(c, −α, y e^{iπ})/(πc)`` (SPEC §3) with mpmath's
    ``hyperu`` just above the cut, for x so small that the phase has made no half turn (y ≪ 1);
    the atom of γ > 1 comes with it."""
    with mp.workdps(dps):
        c, al, _, y = _derived(x, gamma, kappa)
        return -mp.arg(mp.hyperu(c, -al, mp.mpc(-y, 0))) / (mp.pi * c)

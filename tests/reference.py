"""Independent reference values with mpmath (a different library and a different formula).

The HTMP density via the real connection formula of SPEC §1,
|U(a, b, y e^{iπ})|² = P² + Q² − 2PQ cos(πb) with P, Q built from Kummer's M
(DLMF 13.2.42), evaluated with mpmath at high precision — no Tricomi U and no
Arb involved.  Valid for non-integer b = −α.
"""
import mpmath as mp
from flint import arb


def htmp_pdf_connection(x, gamma, kappa, dps=60):
    """p(x) of HTMP(γ, κ) (SPEC §3) from the P/Q connection formula, at ``dps`` digits."""
    with mp.workdps(dps):
        g, k, x = mp.mpf(gamma), mp.mpf(kappa), mp.mpf(x)
        c = k / 2
        al = c * (1 / g - 1) - 1
        s = c / g
        y = s * x
        a, b = c, -al
        P = mp.gamma(1 - b) / mp.gamma(a - b + 1) * mp.hyp1f1(a, b, -y)
        Q = mp.gamma(b - 1) / mp.gamma(a) * y ** (1 - b) * mp.hyp1f1(a - b + 1, 2 - b, -y)
        u2 = P * P + Q * Q - 2 * P * Q * mp.cospi(b)
        return s * y ** al * mp.exp(-y) / (mp.gamma(c + 1) * mp.gamma(c + al + 1) * u2)


def htmp_pdf_hyperu(x, gamma, kappa, dps=40):
    """p(x) via mpmath's hyperu on the cut (works for integer b too, moderate κ)."""
    with mp.workdps(dps):
        g, k, x = mp.mpf(gamma), mp.mpf(kappa), mp.mpf(x)
        c = k / 2
        al = c * (1 / g - 1) - 1
        s = c / g
        y = s * x
        u = mp.hyperu(c, -al, mp.mpc(-y, 0))
        return s * y ** al * mp.exp(-y) / (mp.gamma(c + 1) * mp.gamma(c + al + 1) * abs(u) ** 2)


def contains(ball, value, ref_digits=30) -> bool:
    """Whether the flint ball meets [value ± |value|·10^-ref_digits] (the reference's own error)."""
    mid = arb(mp.nstr(value, ref_digits + 10, strip_zeros=False))
    return ball.overlaps(mid + arb(0, abs(mid).upper() * arb(10) ** (-ref_digits)))

"""The Sturm count of the phase formula (SPEC §3) against exact signs."""

import mpmath as mp
from flint import arb, fmpq

from htmp_exact.exact._precision import workprec


def test_sturm_count_backward_recurrence_equals_forward():
    # the same sequence f_j computed in the two directions must give the same signs, and the
    # count must be the number of zeros of L_{c-1}^{(1+α)} below y (mpmath's laguerre)
    from htmp_exact.exact._phase import _sturm_signs

    c, alpha = fmpq(45, 2), fmpq(16, 5)
    with mp.workdps(50):
        nu, beta = mp.mpf(45) / 2 - 1, mp.mpf(16) / 5 + 1
        grid = [mp.mpf(k) / 4 for k in range(1, 1600)]
        values = [mp.laguerre(nu, beta, t) for t in grid]
    for y in (1, 7, 30, 55, 81, 120, 400):
        forward = _sturm_signs(c, alpha, fmpq(y), 400)
        backward = _sturm_signs(c, alpha, fmpq(y), 400, backward=True)
        assert forward == backward and forward is not None
        zeros = sum(1 for t, a, b in zip(grid, values, values[1:]) if t < y and mp.sign(a) != mp.sign(b))
        assert forward[0] + (1 if forward[1] < 0 else 0) == zeros


def test_cone_recurrence_signs_of_a_rotation():
    # g_k = sin((k+1) t) / sin t solves g_(k+1) = 2 cos(t) g_k - g_(k-1), a pure rotation:
    # plain ball arithmetic loses its signs after 60 steps at 64 bits (the wrapping
    # effect), the cone keeps them over 20000 steps; reference: mpmath's sin at 40 digits
    from htmp_exact.exact._phase import _recurrence_signs

    t = fmpq(7, 10)
    with workprec(64):
        two_cos = 2 * arb(t).cos()
        signs = _recurrence_signs(arb(1), two_cos, lambda k: (two_cos, arb(-1)), 20000, 64)
    with mp.workdps(40):
        ref = [int(mp.sign(mp.sin((k + 1) * mp.mpf(7) / 10))) for k in range(20001)]
    assert signs is not None and signs[:-1] == ref[:-1]

"""Arb's direct U retried at the connection formula's precision, against the contour integral."""

import pytest
from flint import fmpq

from htmp_exact.exact.tricomi import u_contour, u_direct, u_on_cut


@pytest.mark.parametrize(
    "c,alpha,y",
    [
        ((10, 1), (2597, 673), (63079, 673)),
        ((11, 2), (4291, 186), (311201, 3720)),
        ((1779, 200), (1679, 100), (741843, 10000)),
    ],
)
def test_arb_retried_at_the_connection_formulas_precision_agrees_with_the_contour(c, alpha, y):
    # upper tail at small c: Arb's first ball has no correct bit, and the retry jumps to the
    # precision its 1F1 form needs (connection_bits) instead of leaving the point to the
    # contour integral, the independent route used as the reference here
    from htmp_exact.exact.tricomi._direct import DIRECT_EXTRA_BITS

    c, alpha, y = fmpq(*c), fmpq(*alpha), fmpq(*y)
    assert u_direct(c, alpha, y, 83 + DIRECT_EXTRA_BITS).rel_accuracy_bits() <= 0
    ours, ref = u_on_cut(c, alpha, y, 83), u_contour(c, alpha, y, 160)
    assert ours.overlaps(ref) and ours.rel_accuracy_bits() >= 63

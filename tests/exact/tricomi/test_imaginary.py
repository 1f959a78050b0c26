"""Imaginary parts of U on the cut: the connection formulas against the contour."""

from fractions import Fraction

import pytest
from flint import ctx, fmpq

from htmp_exact._parameters import HTMPParams


def test_rotated_contour_agrees_with_connection_formula():
    from htmp_exact.exact.tricomi import im_rotated_u, rotated_u_contour

    for c, alpha, y in [(fmpq(20), fmpq(19), fmpq(160)), (fmpq(41, 2), fmpq(79, 2), fmpq(200))]:
        with ctx.workprec(150):
            by_contour = rotated_u_contour(c, alpha, y, 150).imag
            by_formula = im_rotated_u(c, alpha, y, 150)
        assert by_contour.rel_accuracy_bits() > 120 and by_formula.rel_accuracy_bits() > 100
        assert by_contour.overlaps(by_formula)


@pytest.mark.parametrize(
    "gamma,kappa,x", [("0.05", 10000, "0.5"), ("0.01", 3000, "0.4"), ("0.3", 2000, "0.1")]
)
def test_lower_tail_imaginary_part_two_routes(gamma, kappa, x):
    # Im u below the bulk: the off-axis part of the real-saddle contour against the
    # connection formula with Kummer's series (DLMF 13.2.42) at the precision it needs
    from htmp_exact.exact.tricomi import im_u_lower_contour, im_u_small

    p = HTMPParams.from_inputs(gamma, kappa)
    y = p.s * fmpq(Fraction(x).numerator, Fraction(x).denominator)
    by_contour = im_u_lower_contour(p.c, p.alpha, y, 100)
    by_series = im_u_small(p.c, p.alpha, y, 2000)
    assert by_contour.rel_accuracy_bits() > 80 and by_series.rel_accuracy_bits() > 80
    assert by_contour.overlaps(by_series)

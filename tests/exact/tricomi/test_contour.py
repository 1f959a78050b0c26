"""The contour integral of DLMF 13.4.4 against Arb's hypergeometric U (two independent rigorous routes)."""

import mpmath as mp
from flint import acb, arb, ctx, fmpq

from htmp_exact import exact
from htmp_exact.exact.tricomi import u_contour, u_direct

from ...reference import contains, htmp_pdf_connection, htmp_pdf_hyperu


def test_contour_integral_agrees_with_arb_hypgeom_u():
    # two independent rigorous algorithms for U(c, -alpha, y e^{i pi}) must overlap
    for c, alpha, y in [
        (fmpq(20), fmpq(159, 2), fmpq(150)),
        (fmpq(40), fmpq(319, 2), fmpq(340)),
        (fmpq(20), fmpq(79), fmpq(10)),
        (fmpq(15, 2), fmpq(27, 2), fmpq(20)),
    ]:
        a, b = u_contour(c, alpha, y, 120), u_direct(c, alpha, y, 600)
        assert a.rel_accuracy_bits() > 100 and b.rel_accuracy_bits() > 20
        assert a.overlaps(b)


def test_contour_integral_for_complex_argument_agrees_with_arb():
    from htmp_exact.exact.tricomi import tricomi_contour

    for a, b, w in [
        (fmpq(21), fmpq(-59), acb(-30, -12)),
        (fmpq(5), fmpq(-3, 2), acb(2, -7)),
        (fmpq(13, 2), fmpq(-20), acb(-40, -1)),
    ]:
        with ctx.workprec(150):
            c = tricomi_contour(a, b, w, 150)
        with ctx.workprec(600):
            d = w.hypgeom_u(arb(a), arb(b))
        assert c.rel_accuracy_bits() > 120 and d.rel_accuracy_bits() > 100
        assert c.overlaps(d)


def test_contour_path_that_strays_below_the_axis_is_still_right():
    # (c, α, y) = (4.1, 15.4, 41): the two saddles almost meet near t = −0.69, and the float
    # tracer once put a vertex below the cut of t^(a−1), giving a wrong U (caught by the
    # fast path's tests).  Compare with Arb's direct U at 512 bits.
    c, al, y = fmpq(41, 10), fmpq(154, 10), fmpq(41)
    assert u_contour(c, al, y, 128).overlaps(u_direct(c, al, y, 512))
    ref = htmp_pdf_connection("2", "0.2", "8.2", dps=80)  # the dual point of (x, γ, κ) = (10, 5, 41)
    assert contains(exact.pdf(10, 5, 41, digits=20) * 25, ref, 60)
    with mp.workdps(30):  # sf against quadrature of mpmath's density in the γ = 5 parameters
        upper = mp.quad(lambda t: htmp_pdf_hyperu(t, 5, 41, dps=30), [10, 15, 25, mp.inf])
    assert contains(exact.sf(10, 5, 41), upper, ref_digits=20)

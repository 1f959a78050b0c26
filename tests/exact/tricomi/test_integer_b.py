"""The shifted integer b route against Arb at the integer, and its derivative bound."""

from fractions import Fraction

from flint import acb, arb, fmpq
from hypothesis import given, settings
from hypothesis import strategies as st

from htmp_exact.exact._precision import workprec
from htmp_exact.exact.tricomi import u_direct, u_on_cut


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.integers(1, 60), st.integers(-1, 40), st.fractions(Fraction(1, 20), Fraction(40)))
def test_shifted_integer_b_agrees_with_arb_at_the_integer(two_c, alpha, y):
    # the shifted route (Arb at b + 2^-88 plus the bound on ∂U/∂b) against Arb's own
    # logarithmic limit at the exact integer b = -α, at 4x the precision
    # (and u_on_cut, which uses it where it pays, reaches prec - 20 bits whatever the caller's
    # flint precision)
    from htmp_exact.exact.tricomi._integer_b import shifted_integer_b

    c, alpha, y = fmpq(two_c, 2), fmpq(alpha), fmpq(y.numerator, y.denominator)
    ours, combined = shifted_integer_b(c, alpha, y, 80), u_on_cut(c, alpha, y, 80)
    ref = u_direct(c, alpha, y, 320)
    assert ref.rel_accuracy_bits() > 80
    assert ours.overlaps(ref) and combined.overlaps(ref)
    assert ours.rel_accuracy_bits() >= 60 or not ours.real.is_finite()
    assert combined.rel_accuracy_bits() >= 60


def test_b_derivative_bound_exceeds_difference_quotients():
    # |U(c, b + h) - U(c, b)| / h <= the bound, for h = 1e-6 and 1/2 (Arb, 1000 bits)
    from htmp_exact.exact.tricomi._integer_b import b_derivative_bound

    for c, b, y in [
        (fmpq(5), fmpq(1), fmpq(5)),
        (fmpq(10), fmpq(-29), fmpq(40)),
        (fmpq(3, 2), fmpq(0), fmpq(1, 10)),
        (fmpq(25), fmpq(-9), fmpq(90)),
    ]:
        bound = b_derivative_bound(c, b, y, arb(1) / 2)
        with workprec(1000):
            u0 = acb(-arb(y)).hypgeom_u(arb(c), arb(b))
            for h in (fmpq(1, 10**6), fmpq(1, 2)):
                slope = abs(acb(-arb(y)).hypgeom_u(arb(c), arb(b + h)) - u0) / arb(h)
                assert slope < bound
        assert bound < 1e6 * slope  # and it is not vacuous

"""The contour's Gauss–Legendre pieces against Arb's adaptive integrator (an independent route).

The pieces' error bound is tested where it matters: with a loose tolerance the planner picks
a coarse rule, whose (large) error bound must still enclose the true integral.
"""

import cmath
import math

import pytest
from flint import acb, arb
from hypothesis import given, settings
from hypothesis import strategies as st

from htmp_exact.exact._precision import workprec
from htmp_exact.exact.tricomi._gauss_legendre import PhaseSeries, _plan, gauss_legendre_piece
from htmp_exact.exact.tricomi._planning import Phase


def _reference(a1, bm, w, p, q, shift, prec=200):
    """Integral of exp(-w t + a1 log t + bm log(1+t) - shift) over [p, q], principal branches,
    by Arb's adaptive Gauss–Legendre integration at ``prec`` bits."""
    with workprec(prec):
        a1, bm, shift = arb(a1), arb(bm), arb(shift)

        def f(t, analytic):
            return (
                -w * t + a1 * t.log(analytic=analytic) + bm * (1 + t).log(analytic=analytic) - shift
            ).exp()

        return acb.integral(f, p, q)


def _piece_through_saddle(a, bm, w, widths):
    """A straight piece from ts - widths*d to ts + widths*d through the complex saddle ts
    (d: the steepest-descent direction times the local width), and Re phi(ts); ``None`` if
    it leaves the upper half plane (the contour's pieces never do: below the cut the
    principal-branch integrand is another function)."""
    ph = Phase(a, bm, w)
    ts = ph.saddles()[0][0]
    d = 1j / cmath.sqrt(ph.d2(ts))
    p, q = ts - widths * d, ts + widths * d
    if min(p.imag, q.imag) < 0:
        return None
    return acb(p.real, p.imag), acb(q.real, q.imag), ph.value(ts).real


def _ours(a1, bm, w, p, q, shift, log_tol, prec=120):
    with workprec(prec):
        series = PhaseSeries(acb(a1), acb(bm), w, p, q, arb(shift))
        return gauss_legendre_piece(series, log_tol, prec), _plan(series, log_tol)


CASES = [  # (a, bm, w): the contour's parameters (a = c + α + 1 after Kummer), bulk saddles
    (2000.0, -500.0, complex(-2000.0, 0.0)),
    (51.0, -26.0, complex(-60.0, 0.0)),
    (4001.0, -40.0, complex(-4000.0, 0.0)),
    (300.5, -120.25, complex(-250.0, -40.0)),  # complex argument (Stieltjes transform)
]


@pytest.mark.parametrize("a,bm,w", CASES)
@pytest.mark.parametrize("widths", [1.0, 4.0])
def test_piece_agrees_with_arb_adaptive_integration(a, bm, w, widths):
    p, q, shift = _piece_through_saddle(a, bm, w, widths)
    wb = acb(w.real, w.imag)
    ours, (n, _) = _ours(a - 1, bm, wb, p, q, shift, log_tol=-100 * math.log(2))
    ref = _reference(a - 1, bm, wb, p, q, shift)
    assert ours is not None and ours.overlaps(ref)
    assert ours.rel_accuracy_bits() >= 90


@pytest.mark.parametrize("a,bm,w", CASES)
def test_coarse_rule_error_bound_still_encloses_the_integral(a, bm, w):
    p, q, shift = _piece_through_saddle(a, bm, w, 4.0)
    wb = acb(w.real, w.imag)
    ref = _reference(a - 1, bm, wb, p, q, shift)
    coarse, (n_coarse, _) = _ours(a - 1, bm, wb, p, q, shift, log_tol=math.log(1e-6))
    fine, (n_fine, _) = _ours(a - 1, bm, wb, p, q, shift, log_tol=-100 * math.log(2))
    assert n_coarse < n_fine
    assert coarse.overlaps(ref) and abs(coarse.mid() - ref.mid()).upper() > 1e-20  # truly coarse
    assert abs(coarse - ref).upper() < math.e * 1e-6  # the tolerance asked for


def test_piece_on_the_cut_is_the_limit_from_above():
    # on (-1, 0) the integrand is |t|^(a-1) e^{iπ(a-1)} (1+t)^bm e^{-wt}: the piece uses the
    # Taylor continuation from its midpoint, which must equal that limit
    a1, bm, y = 12.5, -3.25, 40.0
    with workprec(200):
        p, q = acb(-0.75), acb(-0.25)
        phase = acb(0, arb(a1) * arb.pi()).exp()  # e^{iπ(a-1)}
        shift = -26  # about Re phi(-1/2): the integrand is then of order 1
        ref = (
            acb.integral(lambda t, _: (y * t + a1 * (-t).log() + bm * (1 + t).log() - shift).exp(), p, q)
            * phase
        )
    ours, _ = _ours(a1, bm, acb(-y), p, q, shift, log_tol=-100 * math.log(2))
    assert ours.overlaps(ref) and ours.rel_accuracy_bits() >= 90


@settings(max_examples=30, deadline=None, derandomize=True)
@given(
    log_a=st.floats(0.5, 8),
    ratio=st.floats(0.01, 0.99),
    u=st.floats(-0.9, 0.9),
    widths=st.floats(0.5, 6),
    digits=st.integers(3, 30),
)
def test_property_piece_encloses_reference(log_a, ratio, u, widths, digits):
    # a in (2.6, 3000), bm = -ratio*a, w = -y with y inside the oscillatory bulk
    # ((√(a-1) - √-bm)², (√(a-1) + √-bm)²), where the saddles are complex
    a = math.exp(log_a) + 1
    bm = -ratio * a
    y = (a - 1 - bm) + 2 * u * math.sqrt(-(a - 1) * bm)
    piece = _piece_through_saddle(a, bm, complex(-y, 0.0), widths)
    while piece is None:  # shorter pieces through the saddle stay in the upper half plane
        widths /= 2
        piece = _piece_through_saddle(a, bm, complex(-y, 0.0), widths)
    p, q, shift = piece
    log_tol = -digits * math.log(10)

    def halves(p, q, depth=0):
        # the planner may decline a piece; the contour then halves it, and so does the test
        ours, _ = _ours(a - 1, bm, acb(-y), p, q, shift, log_tol)
        if ours is not None or depth == 6:
            return ours
        m = (p + q) / 2
        left, right = halves(p, m, depth + 1), halves(m, q, depth + 1)
        return None if left is None or right is None else left + right

    ours = halves(p, q)
    assert ours is not None
    assert ours.overlaps(_reference(a - 1, bm, acb(-y), p, q, shift))


@pytest.mark.parametrize("a,bm,w", CASES)
def test_negligible_piece_is_enclosed_by_its_bound_alone(a, bm, w):
    # a piece 8-10 widths from the saddle, where the integral is 1e-16..1e-24: with a
    # tolerance of 1e-6 no node is needed, and the ball 0 +/- 2|h| max|f| must contain it
    p, q, shift = _piece_through_saddle(a, bm, w, 10.0)
    near, _, _ = _piece_through_saddle(a, bm, w, 8.0)
    wb = acb(w.real, w.imag)
    ours, (n, _) = _ours(a - 1, bm, wb, p, near, shift, log_tol=math.log(1e-6))
    ref = _reference(a - 1, bm, wb, p, near, shift)
    assert n == 0 and ours.mid() == 0
    assert ours.overlaps(ref) and abs(ref).upper() > 0
    assert abs(ours).upper() < math.e * 1e-6

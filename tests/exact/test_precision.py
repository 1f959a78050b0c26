"""The precision driver: prec/digits, restoration of the caller's precision, inexact inputs."""

import pytest
from flint import arb, ctx

from htmp_exact import exact



def test_precision_argument_and_restoration():
    old = ctx.prec
    ctx.prec = 77
    try:
        v = exact.pdf(1, "0.5", 4, prec=300)
        assert ctx.prec == 77
        assert v.rel_accuracy_bits() > 250
        with pytest.raises(ValueError):
            exact.pdf(1, "0.5", 4, prec=100, digits=10)
        assert ctx.prec == 77
    finally:
        ctx.prec = old


def test_inexact_ball_input_stops_early_with_precision_error():
    with pytest.raises(exact.PrecisionError, match="inexact ball inputs"):
        exact.pdf(arb(1) + arb(0, 1e-10), "0.5", 4, digits=30)

"""Bad inputs to the certified functions raise errors that name the parameter."""

from decimal import Decimal

import pytest
from flint import arb

from htmp_exact import exact

BAD = [
    (dict(gamma=0), ValueError),
    (dict(gamma=-1), ValueError),
    (dict(kappa=0), ValueError),
    (dict(kappa=-2.0), ValueError),
    (dict(gamma=float("nan")), ValueError),
    (dict(kappa=float("inf")), ValueError),
    (dict(gamma=1j), TypeError),
    (dict(kappa=None), TypeError),
    (dict(x=float("nan")), ValueError),
    (dict(x="abc"), ValueError),
    (dict(x=[1, 2]), TypeError),
    (dict(gamma=True), TypeError),
    (dict(x="1/0"), ValueError),
    (dict(kappa="1/x"), ValueError),
    (dict(x=arb(0, 1e-3)), ValueError),
    (dict(gamma=Decimal("NaN")), ValueError),
    (dict(kappa=Decimal("-Infinity")), ValueError),
]


@pytest.mark.parametrize("fn", [exact.pdf, exact.logpdf, exact.cdf, exact.sf])
@pytest.mark.parametrize("bad,err", BAD)
def test_bad_inputs_raise_named_errors(fn, bad, err):
    args = dict(x=1, gamma="0.5", kappa=3)
    args.update(bad)
    with pytest.raises(err) as info:
        fn(args["x"], args["gamma"], args["kappa"])
    assert list(bad)[0] in str(info.value)


def test_bad_inputs_other_functions():
    with pytest.raises(ValueError, match="z"):
        exact.stieltjes(1.5, "0.5", 3)
    with pytest.raises(ValueError, match="z"):
        exact.stieltjes(0, "0.5", 3)
    with pytest.raises(TypeError, match="z"):
        exact.stieltjes(object(), "0.5", 3)
    with pytest.raises(ValueError, match="gamma"):
        exact.atom(-1)
    with pytest.raises(ValueError, match="k"):
        exact.moment(-1, 1, 1)
    with pytest.raises(TypeError, match="k"):
        exact.moment(1.5, 1, 1)
    with pytest.raises(ValueError, match="kappa"):
        exact.moment(2, 1, 0)
    with pytest.raises(ValueError, match="digits"):
        exact.pdf(1, 1, 1, digits=0)

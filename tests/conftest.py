import pytest
from flint import ctx


@pytest.fixture(autouse=True)
def flint_precision_is_restored():
    """Every exact function must leave python-flint's global precision as it found it."""
    before = ctx.prec
    yield
    assert ctx.prec == before

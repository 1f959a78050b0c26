"""A pytest helper: assert that an implementation conforms to the certified tables.

>>> import numpy as np
>>> from htmp_exact.testing import assert_conforms
>>> from htmp_exact import fast
>>> report = assert_conforms(fast.cdf, law="htmp", quantity="cdf", rtol=1e-10, preset="paper")
>>> report.passed
True
"""

from __future__ import annotations

from collections.abc import Callable

from .checker import CheckReport, check_implementation
from .tables import Table

__all__ = ["assert_conforms"]


def assert_conforms(
    f: Callable,
    law: str = "htmp",
    quantity: str = "pdf",
    *,
    rtol: float | None = None,
    atol: float | None = None,
    preset: str | None = None,
    table: Table | None = None,
    encoding: str = "binary64",
    timeout: float | None = None,
) -> CheckReport:
    """Check ``f`` with :func:`~htmp_exact.checker.check_implementation` and raise ``AssertionError``
    carrying the markdown report (verdict, diagnoses, every failing point) if it fails.

    Returns the report when ``f`` passes.  One line in a project's tests::

        def test_my_pdf_conforms():
            assert_conforms(my_pdf, law="htmp", quantity="pdf", rtol=1e-9)
    """
    report = check_implementation(
        f,
        law=law,
        quantity=quantity,
        preset=preset,
        table=table,
        encoding=encoding,
        rtol=rtol,
        atol=atol,
        timeout=timeout,
        progress=False,
    )
    if not report.passed:
        raise AssertionError("\n" + report.to_markdown())
    return report

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
from typing import Any

from .checker import CheckReport, check_implementation

__all__ = ["assert_conforms"]


def assert_conforms(f: Callable, law: str = "htmp", quantity: str = "pdf", **options: Any) -> CheckReport:
    """Check ``f`` with :func:`~htmp_exact.checker.check_implementation` (``options``: its keywords
    ``rtol``, ``atol``, ``preset``, ``table``, ``encoding``, ``timeout``) and raise ``AssertionError``
    carrying the markdown report (verdict, diagnoses, every failing point) if it fails.

    Returns the report when ``f`` passes.  One line in a project's tests::

        def test_my_pdf_conforms():
            assert_conforms(my_pdf, law="htmp", quantity="pdf", rtol=1e-9)
    """
    report = check_implementation(f, law, quantity, **{"progress": False, **options})
    if not report.passed:
        raise AssertionError("\n" + report.to_markdown())
    return report

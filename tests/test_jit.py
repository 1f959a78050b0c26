"""Compiled code on a read-only install: numba's default cache locations unusable, no NUMBA_CACHE_DIR."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import htmp_exact
from htmp_exact import _jit


def test_import_and_fast_path_work_where_numba_cannot_cache_by_default(tmp_path):
    # a copy of the package whose __pycache__ entries are files (numba's in-tree cache cannot be
    # created, for root too) and a home whose cache directory cannot exist (HOME=/dev/null):
    # `cache=True` then fails at import ("no locator available"); the package must still import,
    # compute, and cache in a private directory under TMPDIR
    site = tmp_path / "site"
    shutil.copytree(
        Path(htmp_exact.__file__).parent,
        site / "htmp_exact",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    for directory in [site / "htmp_exact", *(p for p in (site / "htmp_exact").rglob("*") if p.is_dir())]:
        (directory / "__pycache__").write_text("not a directory")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NUMBA_")}
    env.update(
        PYTHONPATH=str(site),
        HOME="/dev/null",
        XDG_CACHE_HOME="/dev/null/cache",
        TMPDIR=str(temporary),
        PYTHONDONTWRITEBYTECODE="1",
    )
    code = "from htmp_exact import fast; print(float(fast.pdf(1.0, 0.5, 4.0)))"
    run = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=600, cwd=tmp_path
    )
    assert run.returncode == 0, run.stderr
    assert abs(float(run.stdout) - float(htmp_exact.exact.pdf(1, "0.5", 4))) < 1e-12
    cached = list(temporary.glob("htmp_exact-numba-*/**/*.nbi"))
    assert cached, "no compiled code was cached in the private directory"


def test_without_any_writable_directory_the_code_is_compiled_uncached(monkeypatch):
    def unwritable():
        raise OSError("read-only")

    monkeypatch.setattr(_jit, "_private_cache_dir", unwritable)
    monkeypatch.setattr(_jit.numba, "njit", _failing_cached_njit(_jit.numba.njit))
    square = _jit.jit(lambda v: v * v)
    assert square(3.0) == 9.0


def _failing_cached_njit(njit):
    """numba.njit whose cached form fails as on a read-only install."""

    def wrapped(*args, cache=False, **kwargs):
        if cache:

            def decorator(function):
                raise RuntimeError(f"cannot cache function {function.__name__!r}: no locator available")

            return decorator
        return njit(*args, **kwargs)

    return wrapped

"""numba compilation with an on-disk cache wherever one can be written, read-only installs included.

numba caches compiled code next to the source (``__pycache__``) or, where that is not
writable, in the user's cache directory; where neither is (a shared read-only install used by
an account without a writable home, a container run as another user), ``cache=True`` fails at
import.  :func:`jit` then caches in a private directory under the system's temporary directory,
and, if even that cannot be written, compiles without a cache (each process compiles once).
``NUMBA_CACHE_DIR``, when set, is respected as numba does.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from typing import Any

import numba
from numba.core import config

__all__ = ["jit"]


def _private_cache_dir() -> str:
    """``<tmp>/htmp_exact-numba-<uid>``, created with owner-only permissions."""
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    path = os.path.join(tempfile.gettempdir(), f"htmp_exact-numba-{uid}")
    os.makedirs(path, mode=0o700, exist_ok=True)
    tempfile.TemporaryFile(dir=path).close()  # writable?
    return path


def jit(function: Callable[..., Any]) -> Any:
    """``numba.njit(cache=True)(function)``, with the fallbacks of the module docstring."""
    try:
        return numba.njit(cache=True)(function)
    except RuntimeError as err:  # numba: "cannot cache function ...: no locator available"
        if "cache" not in str(err):
            raise
    try:
        setattr(config, "CACHE_DIR", _private_cache_dir())  # noqa: B010 - not in numba's stubs
        return numba.njit(cache=True)(function)
    except (OSError, RuntimeError):
        return numba.njit(cache=False)(function)

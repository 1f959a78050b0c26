r"""Calling a user's implementation on the table's inputs: vectorized first, then scalar.

Calling conventions (one argument, then the parameters): pdf/logpdf/cdf/sf ``f(x, gamma,
kappa)``, ppf/isf ``f(q, gamma, kappa)``, stieltjes ``f(z, gamma, kappa)`` with complex z,
moment ``f(k, gamma, kappa)`` with an integer k; for MP the same without ``kappa``.

Order of attempts: (1) one call with numpy arrays of all points; (2) one call per
parameter set, with an array of arguments and scalar parameters (many implementations,
e.g. ``scipy.stats``-style objects built per γ, vectorize only over x); (3) one call per
point.  A call is accepted when it returns an array of the right length; a call that
raises falls back to the next mode, so each failing point ends with its own exception.

Timeouts (``timeout`` seconds per point): calls run in a forked worker process; a call
that exceeds its budget (``timeout × points in the call``) is abandoned, the worker
killed and a new one forked, and the points of that call are retried one by one (a
scalar call over budget is the failure ``"timeout"``).  Limits: POSIX ``fork`` only
(elsewhere a thread is used, which cannot be stopped: the call runs on in the
background); results travel back pickled, so a result is converted to float/complex in
the worker; state the function keeps between calls (caches) does not survive a restart.
Without a timeout everything runs in this process.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Outcome", "evaluate"]

Args = tuple[Any, ...]


@dataclass(frozen=True)
class Outcome:
    """What one point gave: ``status`` is ``"value"``, ``"exception"`` or ``"timeout"``."""

    status: str
    value: Any = float("nan")
    message: str = ""


def _message(err: BaseException) -> str:
    text = " ".join(str(err).split())
    return f"{type(err).__name__}: {text[:300]}" if text else type(err).__name__


def _convert(result: Any, size: int | None, complex_values: bool) -> Any:
    """The result as a float/complex array of ``size`` (None: a scalar); ValueError if it is not."""
    dtype = complex if complex_values else float
    array = np.asarray(result)
    if array.dtype == object:
        array = np.array([dtype(v) for v in array.reshape(-1)], dtype=dtype).reshape(array.shape)
    array = array.astype(dtype)
    if size is None:
        if array.size != 1:
            raise ValueError(f"a scalar call returned {array.size} values")
        return dtype(array.reshape(-1)[0])
    if array.shape != (size,):
        raise ValueError(f"a vectorized call returned shape {array.shape}, expected ({size},)")
    return array


def _call(f: Callable, args: Args, size: int | None, complex_values: bool) -> tuple[str, Any]:
    try:
        return "value", _convert(f(*args), size, complex_values)
    except Exception as err:
        return "exception", _message(err)


def _worker(f: Callable, conn: Any) -> None:  # pragma: no cover - runs in the forked child
    while True:
        task = conn.recv()
        if task is None:
            return
        conn.send(_call(f, *task))


class _Runner:
    """Runs calls in this process, or under a time budget in a worker (see the module docstring)."""

    def __init__(self, f: Callable, timeout: float | None):
        self.f, self.timeout = f, timeout
        self.fork = "fork" in multiprocessing.get_all_start_methods()
        self.process: Any = None
        self.conn: Any = None

    def _start(self) -> None:
        context = multiprocessing.get_context("fork")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(self.f, child), daemon=True)
        self.process.start()

    def _stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join(5)
            self.process = None

    def close(self) -> None:
        if self.process is not None:
            try:
                self.conn.send(None)
            except OSError:
                pass
            self._stop()

    def __call__(self, args: Args, size: int | None, complex_values: bool) -> tuple[str, Any]:
        if self.timeout is None:
            return _call(self.f, args, size, complex_values)
        budget = self.timeout * (size or 1)
        if not self.fork:
            return self._threaded(args, size, complex_values, budget)
        if self.process is None:
            self._start()
        self.conn.send((args, size, complex_values))
        if self.conn.poll(budget):
            try:
                return self.conn.recv()
            except (EOFError, OSError) as err:
                self._stop()
                return "exception", f"the worker process died ({_message(err)})"
        self._stop()
        return "timeout", f"timeout: no result within {budget:g} s"

    def _threaded(self, args: Args, size: int | None, complex_values: bool, budget: float) -> tuple[str, Any]:
        box: list[tuple[str, Any]] = []
        thread = threading.Thread(
            target=lambda: box.append(_call(self.f, args, size, complex_values)), daemon=True
        )
        thread.start()
        thread.join(budget)
        return box[0] if box else ("timeout", f"timeout: no result within {budget:g} s (the call runs on)")


class _Progress:
    """A one-line progress bar on stderr, shown only when stderr is a terminal."""

    def __init__(self, total: int, enabled: bool | None):
        self.total, self.done, self.start = total, 0, time.perf_counter()
        self.enabled = sys.stderr.isatty() if enabled is None else enabled

    def advance(self, count: int = 1) -> None:
        self.done += count
        if self.enabled:
            filled = 30 * self.done // max(self.total, 1)
            elapsed = time.perf_counter() - self.start
            print(
                f"\r[{'#' * filled}{'.' * (30 - filled)}] {self.done}/{self.total} points, {elapsed:.0f} s",
                end="",
                file=sys.stderr,
                flush=True,
            )

    def close(self) -> None:
        if self.enabled:
            print(file=sys.stderr)


def _arrays(points: Sequence[Args], complex_values: bool) -> Args:
    columns = list(zip(*points))
    first = np.array(
        columns[0],
        dtype=complex
        if isinstance(columns[0][0], complex)
        else (int if isinstance(columns[0][0], int) else float),
    )
    return (first,) + tuple(np.array(c, dtype=float) for c in columns[1:])


def evaluate(
    f: Callable,
    points: Sequence[Args],
    *,
    complex_values: bool = False,
    timeout: float | None = None,
    progress: bool | None = None,
) -> tuple[list[Outcome], str]:
    """Outcomes of ``f`` at every point (``(argument, gamma[, kappa])`` tuples), and the call mode used
    (``"vectorized"``, ``"per parameter set"`` or ``"scalar"``)."""
    runner = _Runner(f, timeout)
    bar = _Progress(len(points), progress)
    outcomes: list[Outcome | None] = [None] * len(points)
    try:
        status, result = (
            runner(_arrays(points, complex_values), len(points), complex_values) if points else ("", None)
        )
        if status == "value":
            assert result is not None
            bar.advance(len(points))
            return [Outcome("value", v) for v in result.tolist()], "vectorized"
        groups: dict[Args, list[int]] = {}
        for i, point in enumerate(points):
            groups.setdefault(tuple(point[1:]), []).append(i)
        mode = "per parameter set"
        for params, members in groups.items():
            if mode == "per parameter set":
                column = _arrays([points[i] for i in members], complex_values)[0]
                status, result = runner((column,) + params, len(members), complex_values)
                if status == "value":
                    for i, v in zip(members, result.tolist()):
                        outcomes[i] = Outcome("value", v)
                    bar.advance(len(members))
                    continue
                if params == next(iter(groups)):
                    mode = "scalar"  # the first set already fails: the function is scalar
            for i in members:
                status, result = runner(points[i], None, complex_values)
                outcomes[i] = (
                    Outcome(status, result) if status == "value" else Outcome(status, message=result)
                )
                bar.advance()
        return [o for o in outcomes if o is not None], mode
    finally:
        runner.close()
        bar.close()

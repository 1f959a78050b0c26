"""Markdown tables of the benchmark scripts, printed and written to ``docs/benchmarks/<name>.md``.

Every figure in the documentation comes from one of these files; each names the command that
wrote it and the machine it ran on, so that a rerun replaces it."""

from __future__ import annotations

import contextlib
import io
import os
import platform
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import metadata
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks"


def timings(run: Callable[[], object], repeat: int = 3) -> list[float]:
    """Wall-clock seconds of ``repeat`` calls of ``run`` (take their min or median)."""
    seconds = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        seconds.append(time.perf_counter() - start)
    return seconds


def machine() -> str:
    """CPU count, Python and the versions of the libraries that set the speed."""
    versions = []
    for package in ("python-flint", "numpy", "scipy", "numba", "mpmath"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            pass
    return f"{os.cpu_count()} CPUs ({platform.machine()}), Python {platform.python_version()}, " + ", ".join(
        versions
    )


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def _heading(title: str) -> list[str]:
    command = "python " + " ".join([f"benchmarks/{Path(sys.argv[0]).name}", *sys.argv[1:]])
    return [f"# {title}", "", f"Written by `{command}` on {machine()}.", ""]


class _Tee(io.TextIOBase):
    def __init__(self, *streams: io.TextIOBase) -> None:
        self.streams = streams

    def write(self, text: str) -> int:
        for stream in self.streams:
            stream.write(text)
            stream.flush()
        return len(text)


@contextlib.contextmanager
def recorded(name: str, title: str, preformatted: bool = False) -> Iterator[None]:
    """Print as usual, and write what was printed (Markdown, or plain text in a code block if
    ``preformatted``) to ``docs/benchmarks/<name>.md`` under a heading with the command and the
    machine; nothing is written if the run fails."""
    buffer = io.StringIO()
    with contextlib.redirect_stdout(_Tee(sys.stdout, buffer)):  # type: ignore[type-var]
        yield
    DOCS.mkdir(parents=True, exist_ok=True)
    body = f"```text\n{buffer.getvalue()}```\n" if preformatted else buffer.getvalue()
    text = "\n".join(_heading(title)) + "\n" + body
    (DOCS / f"{name}.md").write_text(text, encoding="utf-8")


def write(name: str, title: str, sections: Sequence[tuple[str, str]], notes: str = "") -> None:
    """Print the sections (``(heading, markdown)``) and write them to ``docs/benchmarks/<name>.md``."""
    parts = _heading(title)
    if notes:
        parts += [notes, ""]
    for heading, body in sections:
        parts += [f"## {heading}", "", body, ""]
    text = "\n".join(parts)
    print(text)
    DOCS.mkdir(parents=True, exist_ok=True)
    (DOCS / f"{name}.md").write_text(text, encoding="utf-8")

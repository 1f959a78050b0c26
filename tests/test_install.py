"""A wheel built from the tree, installed read-only and run by an account without a writable home."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("runuser") is None,
    reason="needs root and runuser to act as an unprivileged account",
)
def test_wheel_installed_read_only_runs_for_an_unprivileged_account(tmp_path):
    probe = subprocess.run(
        ["runuser", "-u", "nobody", "--", sys.executable, "-c", "pass"], capture_output=True
    )
    if probe.returncode != 0:
        pytest.skip("the account 'nobody' cannot run this interpreter (it lives in a private home)")
    # the wheel holds every module and data file (an editable install would hide a missing one);
    # installed into a root-owned, read-only directory, it imports, computes with the compiled
    # fast path (numba cannot write next to the source) and runs the main job as `nobody`
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
        timeout=600,
    )
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(next(wheels.glob("*.whl"))),
        ],
        check=True,
        timeout=600,
    )
    for path in [tmp_path, *tmp_path.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    dependencies = [p for p in sys.path if p.endswith("site-packages")]
    env = {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": os.pathsep.join([str(target), *dependencies]),
        "HOME": "/nonexistent",
    }
    code = (
        "from htmp_exact import fast, tables; from htmp_exact.cli import main; "
        "assert len(tables.shipped_tables()) >= 30; print(float(fast.pdf(1.0, 0.5, 4.0))); "
        "raise SystemExit(main(['--gamma', '0.5', '--kappa', '4', '--x', '1']))"
    )
    run = subprocess.run(
        ["runuser", "-u", "nobody", "--", sys.executable, "-c", code],
        env=env,
        cwd="/",
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stderr
    assert "Certified HTMP" in run.stdout

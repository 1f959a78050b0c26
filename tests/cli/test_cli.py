"""The htmp-exact command: default job, table, check (from a user's folder), exit codes, one-line errors."""

import io
import json
import os
import shutil
import subprocess
import sys
import textwrap
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from htmp_exact import cli, tables

SCRIPT = shutil.which("htmp-exact", path=str(Path(sys.executable).parent)) or shutil.which("htmp-exact")


def _run(argv):
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def test_default_job_prints_a_certified_table():
    code, text, _ = _run(["--gamma", "0.5", "--kappa", "4", "--x", "1", "--digits", "10"])
    assert code == 0 and "Certified HTMP" in text and "+/-" in text


@pytest.mark.parametrize(
    "argv, phrase",
    [
        (["--gamma", "1e-400", "--kappa", "3", "--x", "1"], "--gamma 1e-400: must lie in"),
        (["--gamma", "0.5", "--kappa", "1e400", "--x", "1"], "--kappa 1e400: must lie in"),
        (["--x", "abc"], "x must be a finite decimal"),
        (["--digits", "0"], "--digits 0"),
        (
            ["table", "--gamma", "0.5", "--kappa", "3", "--x", "1", "--output", "/nonexistent/dir/f.csv"],
            "No such file",
        ),
        (["table", "--preset", "mp", "--law", "htmp"], "preset of law 'mp'"),
        (["table", "--quantity", "ppf"], "needs --preset"),
        (["check", "tests.checker.targets:nothing"], "no attribute"),
        (["check", "no_such_module_here:f"], "cannot import module"),
        (["check", "htmp_exact:__version__"], "not a callable"),
        (["check", "tests.checker.targets:exact_pdf", "--quantity", "median"], "invalid choice"),
    ],
)
def test_usage_errors_exit_2_with_one_line(argv, phrase):
    code, out, err = _run(argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and phrase in err and "Traceback" not in err


def test_table_command_writes_the_shipped_bytes(tmp_path):
    target = tmp_path / "t.csv"
    code, _, _ = _run(
        [
            "table",
            "--law",
            "mp",
            "--preset",
            "mp",
            "--quantity",
            "sf",
            "--encoding",
            "decimal",
            "--digits",
            "30",
            "--output",
            str(target),
        ]
    )
    name = tables.table_name("mp", "mp", "sf", "decimal")
    shipped = (Path(tables.__file__).parent.parent / "data" / name).read_text()
    assert code == 0 and target.read_text() == shipped


def test_table_grid_json():
    code, text, _ = _run(
        [
            "table",
            "--gamma",
            "2",
            "--kappa",
            "3",
            "--x",
            "2",
            "--quantity",
            "cdf",
            "--format",
            "json",
            "--encoding",
            "decimal",
        ]
    )
    data = json.loads(text)
    assert code == 0 and data["rows"][0]["inputs"] == {"x": "2", "gamma": "2", "kappa": "3"}


USER_MODULE = textwrap.dedent("""
    import numpy as np
    from htmp_exact import fast

    def mp_pdf(x, gamma):
        lo, hi = (1 - np.sqrt(gamma)) ** 2, (1 + np.sqrt(gamma)) ** 2
        with np.errstate(all="ignore"):
            v = np.sqrt(np.clip((hi - x) * (x - lo), 0, None)) / (2 * np.pi * gamma * x)
        return np.where((x > lo) & (x < hi), v, 0.0)

    def mp_cdf_no_atom(x, gamma):
        return fast.mp_cdf(x, gamma) - np.where(gamma > 1, 1 - 1 / gamma, 0.0)

    def htmp_rescaled(x, gamma, kappa):
        return 2 * fast.pdf(2 * x, gamma, kappa)

    def stieltjes(z, gamma, kappa):
        return complex(fast.stieltjes(z, gamma, kappa))
""")


@pytest.fixture
def user_folder(tmp_path):
    (tmp_path / "mymodule.py").write_text(USER_MODULE)
    return tmp_path


def _cli(folder, *argv):
    """The installed console script, run from the user's folder (not python -m, which adds the folder)."""
    if SCRIPT is None:
        pytest.skip("the htmp-exact script is not installed")
    env = {**os.environ, "PYTHONPATH": ""}
    done = subprocess.run(
        [SCRIPT, "check", *argv, "--format", "json"],
        cwd=folder,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    return done.returncode, (json.loads(done.stdout) if done.stdout else None), done.stderr


def test_held_out_checks_from_a_user_folder(user_folder):
    code, data, _ = _cli(user_folder, "mymodule:mp_pdf", "--law", "mp", "--quantity", "pdf")
    assert code == 0 and data["verdict"] == "pass"
    code, data, _ = _cli(user_folder, "mymodule:mp_cdf_no_atom", "--law", "mp", "--quantity", "cdf")
    assert code == 1 and any("missing atom" in d for d in data["diagnoses"])
    code, data, _ = _cli(user_folder, "mymodule:htmp_rescaled", "--quantity", "pdf", "--preset", "paper")
    assert code == 1 and any("a = 2 for every parameter set" in d for d in data["diagnoses"])
    code, data, _ = _cli(user_folder, "mymodule:stieltjes", "--quantity", "stieltjes", "--preset", "paper")
    assert code == 0 and data["calls"] == "scalar" and isinstance(data["points"][0]["got"], list)


def test_missing_module_in_the_user_folder(user_folder):
    code, data, err = _cli(user_folder, "othermodule:f")
    assert code == 2 and data is None and "No module named 'othermodule'" in err and err.count("\n") == 1

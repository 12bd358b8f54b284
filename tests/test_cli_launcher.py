"""The `helium` console script of the Python package (jupyterlab_helium/cli): which Node it runs,
what it says when Node is missing or too old, and that the CLI's arguments and exit code pass
through. Fake `node` executables stand in for other Node versions; no build is needed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def launch(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m jupyterlab_helium.cli ARGS` from this checkout, PATH reduced to tmp_path/bin."""
    (tmp_path / "bin").mkdir(exist_ok=True)
    base = {k: v for k, v in os.environ.items() if not k.startswith("HELIUM_")}
    return subprocess.run(
        [sys.executable, "-m", "jupyterlab_helium.cli", *args],
        env={**base, "PATH": str(tmp_path / "bin"), "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def fake_node(tmp_path: Path, script: str) -> Path:
    node = tmp_path / "bin" / "node"
    node.parent.mkdir(exist_ok=True)
    node.write_text(f"#!/bin/sh\n{script}\n")
    node.chmod(0o755)
    return node


def test_no_node_on_path_is_one_line_and_exit_127(tmp_path):
    done = launch(tmp_path, "--version")
    assert done.returncode == 127
    assert done.stderr.count("\n") == 1
    assert "no `node` was found on PATH" in done.stderr and "install Node.js 20 or newer" in done.stderr


def test_node_too_old_names_its_version(tmp_path):
    fake_node(tmp_path, 'echo "v18.19.1"')
    done = launch(tmp_path, "--version")
    assert done.returncode == 127
    assert "needs Node.js 20+" in done.stderr and "is v18.19.1" in done.stderr
    assert done.stderr.count("\n") == 1


def test_node_that_does_not_run(tmp_path):
    fake_node(tmp_path, "exit 3")
    done = launch(tmp_path, "--version")
    assert done.returncode == 127
    assert "--version` failed" in done.stderr


def test_missing_bundle_says_how_to_get_one(tmp_path):
    fake_node(tmp_path, 'echo "v22.1.0"')
    done = launch(tmp_path, "ls", HELIUM_CLI_BUNDLE=str(tmp_path / "nowhere.cjs"))
    assert done.returncode == 1
    assert "nowhere.cjs is missing" in done.stderr


@pytest.mark.skipif(shutil.which("node") is None, reason="needs Node")
def test_runs_the_bundle_with_the_arguments_and_its_exit_code(tmp_path):
    bundle = tmp_path / "echo.cjs"
    bundle.write_text("console.log(JSON.stringify(process.argv.slice(2))); process.exit(7);\n")
    done = launch(tmp_path, "ls", "s3://b/a b", HELIUM_CLI_BUNDLE=str(bundle), HELIUM_NODE=shutil.which("node"))
    assert (done.returncode, done.stdout.strip()) == (7, '["ls","s3://b/a b"]'), done.stderr


def test_a_checkout_runs_the_development_bundle():
    from jupyterlab_helium.cli import bundle_path

    assert bundle_path() == ROOT / "dist" / "helium.cjs"

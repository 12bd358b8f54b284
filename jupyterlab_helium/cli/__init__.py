"""The ``helium`` command as installed by pip: runs the CLI's Node bundle with ``node``.

The command line is TypeScript (src/cli) bundled into one Node script. The wheel ships that bundle
as ``jupyterlab_helium/cli/helium.cjs``, and this console script finds it and replaces itself with
``node helium.cjs …`` (signals and exit codes are Node's). Node is not a Python dependency, so when
no ``node`` 20+ is on PATH the command says so in one line and exits with EXIT_NO_NODE (127, as a
shell does for a command it cannot find).

Which bundle runs:
- ``HELIUM_CLI_BUNDLE`` if set (tests, or a bundle built elsewhere);
- in a source checkout (an editable install, ``make build``): ``<checkout>/dist/helium.cjs``, the
  development bundle that ``npm run build:cli`` keeps fresh, so ``helium`` never runs a stale copy
  left by an earlier ``make dist``;
- otherwise the bundle beside this file (the wheel).

``HELIUM_NODE`` names the node executable to use instead of the first ``node`` on PATH.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

MIN_NODE_MAJOR = 20
EXIT_NO_NODE = 127
EXIT_NO_BUNDLE = 1
INSTALL_NODE = "install Node.js 20 or newer (https://nodejs.org/ or your system's package manager) and try again"


def bundle_path() -> Path:
    """The Node bundle to run (see the module's docstring for the order)."""
    override = os.environ.get("HELIUM_CLI_BUNDLE")
    if override:
        return Path(override)
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "src" / "cli" / "main.ts").is_file():
        return checkout / "dist" / "helium.cjs"
    return Path(__file__).resolve().with_name("helium.cjs")


def find_node() -> str | None:
    """The node executable: ``HELIUM_NODE``, else the first ``node`` on PATH."""
    return os.environ.get("HELIUM_NODE") or shutil.which("node")


def node_major(node: str) -> tuple[int, str] | None:
    """(major version, full version) of ``node --version``, or None when it does not run."""
    try:
        out = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.match(r"v(\d+)\.", out.strip())
    return (int(match.group(1)), out.strip()) if match else None


def node_problem(node: str | None) -> str | None:
    """One line saying why ``node`` cannot run the CLI, or None when it can."""
    if node is None:
        return f"helium: the helium command runs on Node.js, and no `node` was found on PATH: {INSTALL_NODE}."
    version = node_major(node)
    if version is None:
        return f"helium: the helium command runs on Node.js, and `{node} --version` failed: {INSTALL_NODE}."
    major, full = version
    if major < MIN_NODE_MAJOR:
        return f"helium: the helium command needs Node.js {MIN_NODE_MAJOR}+, and `{node}` is {full}: {INSTALL_NODE}."
    return None


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with the given arguments (default: the process's); returns only on failure."""
    args = sys.argv[1:] if argv is None else argv
    node = find_node()
    problem = node_problem(node)
    if problem or node is None:
        print(problem, file=sys.stderr)
        return EXIT_NO_NODE
    bundle = bundle_path()
    if not bundle.is_file():
        print(
            f"helium: the CLI bundle {bundle} is missing: run `make build` in a checkout, "
            "or reinstall jupyterlab_helium.",
            file=sys.stderr,
        )
        return EXIT_NO_BUNDLE
    # Stack traces point into src/ when the bundle has its source map (the development build).
    flags = ["--enable-source-maps"] if bundle.with_name(bundle.name + ".map").is_file() else []
    command = [node, *flags, str(bundle), *args]
    if os.name == "nt":  # no exec on Windows: wait and pass the exit code on
        return subprocess.call(command)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(node, command)
    return 0  # not reached

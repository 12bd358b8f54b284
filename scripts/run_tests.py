"""Runs every test suite of jupyterlab-helium against one embedded local S3: `make test`.

Suites: lint (eslint with the layer rules, the engine's types without the DOM, prettier, stylelint,
ruff: scripts/lint.py), jest (unit + service integration), pytest (server extension, scripts, and
tests/: the `helium` launcher and release/'s wheel, sdist and npm package as users install them),
galata (browser).
Each suite runs even if an earlier one failed; the exit code is non-zero if any failed, and the
last line sums the tests of all suites.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from lint import run_checks
from local_s3_process import ROOT, local_s3

RESULTS = ROOT / ".test-run"
BIG_PREFIX = "helium-big/many:100000"


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> int:
    print(f"\n=== {' '.join(cmd)}  (in {cwd.relative_to(ROOT) if cwd != ROOT else '.'})", flush=True)
    return subprocess.call(cmd, cwd=cwd, env=env)


def jest_counts() -> tuple[int, int]:
    data = json.loads((RESULTS / "jest.json").read_text())
    return data["numPassedTests"], data["numFailedTests"]


def pytest_counts() -> tuple[int, int]:
    root = ET.parse(RESULTS / "pytest.xml").getroot()
    suites = [root] if root.tag == "testsuite" else list(root)
    total = sum(int(s.get("tests", 0)) for s in suites)
    failed = sum(int(s.get("failures", 0)) + int(s.get("errors", 0)) for s in suites)
    skipped = sum(int(s.get("skipped", 0)) for s in suites)
    return total - failed - skipped, failed


def galata_counts() -> tuple[int, int]:
    stats = json.loads((ROOT / "ui-tests" / "test-results" / "results.json").read_text())["stats"]
    return stats["expected"], stats["unexpected"] + stats.get("flaky", 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=["lint", "jest", "pytest", "galata"], action="append")
    args = parser.parse_args()
    suites = args.only or ["lint", "jest", "pytest", "galata"]
    RESULTS.mkdir(exist_ok=True)
    for stale in RESULTS.glob("*"):
        stale.unlink()

    results: dict[str, tuple[int, int, int]] = {}
    if "lint" in suites:
        passed, failed = run_checks()
        results["lint"] = (1 if failed else 0, passed, failed)
    s3_args = ["--demo"] + (["--big-prefix", BIG_PREFIX] if "galata" in suites else [])
    with local_s3(*s3_args) as s3_url:
        print(f"Local S3 for the tests: {s3_url}", flush=True)
        env = {**os.environ, "HELIUM_TEST_S3_URL": s3_url, "HELIUM_S3_URL": s3_url, "CI": os.environ.get("CI", "1")}
        if "jest" in suites:
            # The build type-checks src/ but not the specs (tsconfig excludes them); jest does not
            # type-check either. One tsc pass over everything catches a spec importing a moved name.
            rc = run(["npx", "tsc", "-p", "tsconfig.specs.json"], ROOT, env)
            results["types"] = (rc, 1 if rc == 0 else 0, 0 if rc == 0 else 1)
            rc = run(["npx", "jest", "--ci", "--json", f"--outputFile={RESULTS / 'jest.json'}"], ROOT, env)
            results["jest"] = (rc, *safe(jest_counts))
        if "pytest" in suites:
            rc = run(
                [
                    sys.executable,
                    "-m",
                    "pytest",
                    "-q",
                    "-p",
                    "no:cacheprovider",
                    f"--junitxml={RESULTS / 'pytest.xml'}",
                    "jupyterlab_helium/tests",
                    "tests",
                    "scripts",
                ],
                ROOT,
                env,
            )
            results["pytest"] = (rc, *safe(pytest_counts))
        if "galata" in suites:
            rc = run(["npx", "playwright", "test"], ROOT / "ui-tests", env)
            results["galata"] = (rc, *safe(galata_counts))

    print("\n=== Summary")
    for name, (rc, passed, failed) in results.items():
        print(f"{name:8s} {'ok' if rc == 0 else f'FAILED (exit {rc})':18s} {passed} passed, {failed} failed")
    passed = sum(r[1] for r in results.values())
    failed = sum(r[2] for r in results.values())
    bad = [name for name, r in results.items() if r[0] != 0]
    if bad and failed == 0:
        failed = len(bad)  # a suite crashed before reporting: count it as a failure
    print(f"{passed} passed, {failed} failed")
    return 1 if bad else 0


def safe(counter) -> tuple[int, int]:
    try:
        return counter()
    except Exception as err:  # a suite that crashed leaves no report
        print(f"(no report: {err})")
        return 0, 0


if __name__ == "__main__":
    sys.exit(main())

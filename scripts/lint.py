"""Runs every linter and formatter check of jupyterlab-helium: `make lint` (and the first suite of
`make test`).

- eslint: typescript-eslint, react-hooks, and the layer rules (eslint.config.mjs): src/service
  imports no JupyterLab/Lumino/React and nothing from the UI; plugins and widgets make no S3
  request (no engine module but the pure ones, no AWS SDK); the engine is loaded lazily only in
  src/models/engine.ts.
- tsc on tsconfig.service.json: the engine compiles without the DOM library.
- prettier (TypeScript, CSS, JSON schemas), stylelint (style/), ruff check and ruff format (Python).

Each check runs even if an earlier one failed; `--fix` lets the tools that can, fix first.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PRETTIER_FILES = [
    "src/**/*.{ts,tsx}",
    "style/**/*.css",
    "ui-tests/tests/**/*.ts",
    "ui-tests/packaged/**/*.ts",
    "bench/**/*.ts",
    "schema/*.json",
]
RUFF = str(Path(sys.executable).parent / "ruff")


def checks(fix: bool) -> list[tuple[str, list[str]]]:
    """The checks, in order: (name, command)."""
    return [
        (
            "eslint",
            [
                "npx",
                "eslint",
                "--max-warnings=0",
                *(["--fix"] if fix else []),
                "src",
                "bench",
                "ui-tests/tests",
                "ui-tests/packaged",
            ],
        ),
        ("engine types", ["npx", "tsc", "--noEmit", "-p", "tsconfig.service.json"]),
        ("prettier", ["npx", "prettier", "--write" if fix else "--check", "--log-level", "warn", *PRETTIER_FILES]),
        ("stylelint", ["npx", "stylelint", *(["--fix"] if fix else []), "style/**/*.css"]),
        ("ruff check", [RUFF, "check", *(["--fix"] if fix else []), "."]),
        ("ruff format", [RUFF, "format", *([] if fix else ["--check"]), "."]),
    ]


def run_checks(fix: bool = False) -> tuple[int, int]:
    """Runs every check; returns (passed, failed) and prints one line per check."""
    results: list[tuple[str, int]] = []
    for name, cmd in checks(fix):
        print(f"\n=== lint: {name}: {' '.join(cmd)}", flush=True)
        results.append((name, subprocess.call(cmd, cwd=ROOT)))
    print("\n=== Lint summary")
    for name, rc in results:
        print(f"{name:14s} {'ok' if rc == 0 else f'FAILED (exit {rc})'}")
    failed = sum(1 for _, rc in results if rc != 0)
    return len(results) - failed, failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fix", action="store_true", help="let eslint, prettier, stylelint and ruff fix what they can")
    args = parser.parse_args()
    _, failed = run_checks(args.fix)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

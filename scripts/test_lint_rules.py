"""The layer rules of eslint.config.mjs catch what they are for (and let through what is allowed):
S3 calls from widgets or plugins, UI frameworks in the engine, lazy engine imports outside
src/models/engine.ts. Each case lints a few lines as if they were a file at the given path."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def lint(path: str, code: str) -> list[dict]:
    """The messages eslint gives `code` linted as the file `path` (relative to the project)."""
    proc = subprocess.run(
        ["npx", "eslint", "--format", "json", "--stdin", "--stdin-filename", path],
        input=code,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)[0]["messages"]


def rules(messages: list[dict]) -> set[str]:
    return {m["ruleId"] for m in messages}


REFUSED = [
    (
        "src/widgets/Fake.tsx",
        "import { getObjectBytes } from '../service';\nexport const f = getObjectBytes;\n",
        "no-restricted-imports",
        "add a method to a model",
    ),
    (
        "src/plugins/fake.ts",
        "import { listPrefixPages } from '../service/listing';\nexport const f = listPrefixPages;\n",
        "no-restricted-imports",
        "add a method to a model",
    ),
    (
        "src/widgets/diff/Fake.ts",
        "import { GetObjectCommand } from '@aws-sdk/client-s3';\nexport const c = new GetObjectCommand({ Bucket: 'b', Key: 'k' });\n",
        "no-restricted-imports",
        "models own every request",
    ),
    (
        "src/plugins/fake.ts",
        "export async function f() {\n  const lib = await import('../service');\n  return lib;\n}\n",
        "no-restricted-syntax",
        "src/models/engine.ts",
    ),
    (
        "src/service/fake.ts",
        "import { showDialog } from '@jupyterlab/apputils';\nexport const f = showDialog;\n",
        "no-restricted-imports",
        "no JupyterLab, Lumino or React",
    ),
    (
        "src/service/fake.ts",
        "import { BrowserModel } from '../models/browser';\nexport const f = BrowserModel;\n",
        "no-restricted-imports",
        "imports only src/service",
    ),
    (
        "src/models/fake.ts",
        "import { Listing } from '../widgets/Listing';\nexport const f = Listing;\n",
        "no-restricted-imports",
        "do not know their views",
    ),
]


@pytest.mark.parametrize(("path", "code", "rule", "says"), REFUSED, ids=[f"{c[0]}:{c[2]}" for c in REFUSED])
def test_layer_rules_refuse(path: str, code: str, rule: str, says: str) -> None:
    messages = lint(path, code)
    assert rule in rules(messages), messages
    assert any(says in m["message"] for m in messages if m["ruleId"] == rule), messages


ALLOWED = [
    # Types from anywhere in the engine, and its pure helpers, are fine in the UI.
    (
        "src/widgets/Fake.tsx",
        "import type { S3Client } from '@aws-sdk/client-s3';\nimport type { ObjectEntry } from '../service';\nexport type T = [S3Client, ObjectEntry];\n",
    ),
    (
        "src/widgets/Fake.tsx",
        "import { formatS3Uri } from '../service/uri';\nexport const u = formatS3Uri({ bucket: 'b', key: 'k' });\n",
    ),
    # Models load the engine through the one loader.
    ("src/models/fake.ts", "import { loadEngine } from './engine';\nexport const f = loadEngine;\n"),
]


@pytest.mark.parametrize(("path", "code"), ALLOWED, ids=[c[0] for c in ALLOWED])
def test_layer_rules_allow(path: str, code: str) -> None:
    assert lint(path, code) == []

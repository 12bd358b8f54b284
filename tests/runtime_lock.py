"""The part of requirements.lock that a user's environment needs: the wheel's runtime
dependencies and JupyterLab, with everything they need in turn, pinned and hashed as CI last
passed them.

The closure is walked through the metadata of the packages installed in the running interpreter
(the project's .venv, which is requirements.lock itself), so markers and extras resolve exactly as
pip resolved them there. Every lock entry of a name in the closure is kept (a name can have one
entry per marker, e.g. numpy per Python version); pip picks by marker.
"""

from __future__ import annotations

import re
from importlib import metadata

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

# A lock entry: "name==version [; marker] \" then its indented hash and comment lines.
ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==", re.MULTILINE)


def closure(roots: list[str]) -> set[str]:
    """Canonical names of the roots and of everything they require in this environment."""
    seen: set[str] = set()
    todo = [(Requirement(r), "") for r in roots]
    while todo:
        req, extra = todo.pop()
        if req.marker and not req.marker.evaluate({**default_environment(), "extra": extra}):
            continue
        name = canonicalize_name(req.name)
        extras = set(req.extras)
        key_extras = [f"{name}[{e}]" for e in extras]
        if name in seen and all(k in seen for k in key_extras):
            continue
        seen.add(name)
        seen.update(key_extras)
        for dep in metadata.requires(req.name) or []:
            dep_req = Requirement(dep)
            # A dependency of an extra counts when that extra was asked for.
            for e in extras or {""}:
                todo.append((dep_req, e))
    return {n for n in seen if "[" not in n}


def lock_entries(lock_text: str) -> dict[str, list[str]]:
    """Canonical name -> the lock's entries (each its lines, hashes included) for that name."""
    entries: dict[str, list[str]] = {}
    starts = [m.start() for m in ENTRY.finditer(lock_text)]
    for begin, end in zip(starts, [*starts[1:], len(lock_text)], strict=True):
        block = lock_text[begin:end].rstrip("\n")
        match = ENTRY.match(block)
        assert match is not None
        entries.setdefault(canonicalize_name(match.group(1)), []).append(block)
    return entries


def runtime_requirements(lock_text: str, roots: list[str]) -> str:
    """The lock's entries for the closure of roots, as a requirements file for --require-hashes."""
    entries = lock_entries(lock_text)
    names = sorted(closure(roots))
    missing = [n for n in names if n not in entries]
    if missing:
        raise ValueError(f"installed but not in requirements.lock: {', '.join(missing)}")
    return "\n".join(block for n in names for block in entries[n]) + "\n"

"""The rules the connection check shares with ``helium doctor``: features, permissions, messages.

They live in ``doctor_rules.json`` (``src/service/doctor/rules.json`` is an exact copy for the CLI;
tests on both sides compare them), so the panel's *Check Connection* and ``helium doctor`` say the
same thing, with the same one-sentence fix, for the same finding.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

STATUSES = ("ok", "warning", "problem", "skipped")
_FIELD = re.compile(r"\{([a-z_]+)\}")


@cache
def rules() -> dict:
    return json.loads(files(__package__).joinpath("doctor_rules.json").read_text("utf-8"))


def fill(template: str, values: dict) -> str:
    """``{name}`` replaced by ``values[name]``; unknown names stay as they are (visible in tests)."""
    return _FIELD.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template)


def feature(feature_id: str) -> dict:
    return next(f for f in rules()["features"] if f["id"] == feature_id)


@dataclass
class Finding:
    """One line of a check: what was found (``detail``), how bad (``status``), what to do (``fix``)."""

    id: str
    area: str
    status: str
    detail: str
    fix: str | None = None
    bucket: str | None = None
    feature: str | None = None

    def as_json(self) -> dict:
        out = {"id": self.id, "area": self.area, "status": self.status, "detail": self.detail}
        for name in ("fix", "bucket", "feature"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out


@dataclass
class Report:
    """Every finding for one connection, in the order they were made."""

    side: str  # "server" or "cli": which wording of the shared messages
    findings: list = field(default_factory=list)

    def add(self, message_id: str, area: str, bucket: str | None = None, feature_id: str | None = None, **values):
        """Add the finding ``message_id`` (a key of the rules' messages) with its fields filled."""
        message = rules()["messages"][message_id]
        context = {**rules()["side"][self.side], **values}
        if bucket is not None:
            context.setdefault("bucket", bucket)
        if feature_id is not None:
            context = {**feature(feature_id), **context}
        finding = Finding(
            id=message_id,
            area=area,
            status=message["status"],
            detail=fill(message["detail"], context),
            fix=fill(message["fix"], context) if "fix" in message else None,
            bucket=bucket,
            feature=feature_id,
        )
        self.findings.append(finding)
        return finding

    def counts(self) -> dict:
        return {s: sum(1 for f in self.findings if f.status == s) for s in STATUSES}


def why(reason_id: str, **values) -> str:
    return fill(rules()["why"][reason_id], values)


def how(how_id: str, **values) -> str:
    return fill(rules()["how"][how_id], values)


def sentence(message_id: str, side: str = "server", **values) -> str:
    """A finding as one message for an error: what was found, then its fix."""
    finding = Report(side).add(message_id, "", **values)
    return f"{finding.detail} {finding.fix}" if finding.fix else finding.detail

"""Which OpenSearch requests the search proxy forwards, and whether each is a read or a write.

Only what helium's OpenSearch backend needs, on one named index at a time (no wildcards, lists or
system indexes; within the connection's ``index_prefix`` when it has one):

- read: ``GET|POST /<index>/_search``, ``GET|POST /<index>/_count``, ``GET /<index>/_mapping``,
  ``HEAD /<index>`` (exists), ``GET /<index>/_doc/<id>``;
- write: ``PUT /<index>`` (create, with mappings), ``PUT|POST /<index>/_doc/<id>``,
  ``POST /_bulk`` and ``POST /<index>/_bulk`` whose actions are index/create/update/delete of
  documents in allowed indexes.

Everything else (``_cluster``, ``_nodes``, ``_cat``, ``_delete_by_query``, deleting an index,
``_all``, ``*``…) is refused.
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, unquote

# Query parameters forwarded; any other is refused (e.g. `?source=` smuggling a body).
ALLOWED_PARAMS = {"ignore_unavailable", "refresh", "track_total_hits", "timeout"}
BULK_OPS = {"index", "create", "update", "delete"}
# An index name as OpenSearch allows it, minus what would reach several or system indexes.
INDEX_RE = re.compile(r"^[a-z0-9][^\s\\/*?\"<>|,#:A-Z]{0,254}$")


class Refused(Exception):
    """A request the search proxy does not forward; the message says what is allowed."""


def _index(name: str, prefix: str) -> str:
    index = unquote(name)
    if not INDEX_RE.match(index) or index in (".", ".."):
        raise Refused(
            f"The search proxy reaches one named index at a time; {index!r} is not one "
            "(no wildcards, lists, _all or system indexes)."
        )
    if prefix and not index.startswith(prefix):
        raise Refused(f"The index {index!r} is outside this connection's index_prefix {prefix!r}.")
    return index


def _bulk_actions(body: bytes, path_index: str | None, prefix: str) -> None:
    """Check every action line of a _bulk body: allowed operations on allowed indexes."""
    try:
        lines = body.decode("utf-8").split("\n")
    except UnicodeDecodeError:
        raise Refused("The _bulk body is not UTF-8 NDJSON.") from None
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line:
            continue
        try:
            action = json.loads(line)
        except ValueError:
            raise Refused(f"Line {i} of the _bulk body is not JSON.") from None
        if not isinstance(action, dict) or len(action) != 1:
            raise Refused(f"Line {i} of the _bulk body is not one action.")
        ((op, meta),) = action.items()
        if op not in BULK_OPS or not isinstance(meta, dict):
            raise Refused(f"The _bulk operation {op!r} is not forwarded (only {', '.join(sorted(BULK_OPS))}).")
        index = meta.get("_index", path_index)
        if not isinstance(index, str):
            raise Refused(f"Line {i} of the _bulk body names no index.")
        _index(index, prefix)
        if op != "delete":
            i += 1  # the document line


def classify(method: str, path: str, query: str, body: bytes, prefix: str = "") -> str:
    """``read`` or ``write`` for a forwarded request; raises :class:`Refused` for anything else.

    ``path`` is the raw (percent-encoded) path after ``/helium/search/<connection>``.
    """
    for name, _ in parse_qsl(query, keep_blank_values=True):
        if name not in ALLOWED_PARAMS:
            raise Refused(
                f"The query parameter {name!r} is not forwarded (allowed: {', '.join(sorted(ALLOWED_PARAMS))})."
            )
    parts = [p for p in path.split("/") if p]
    if method == "POST" and parts == ["_bulk"]:
        _bulk_actions(body, None, prefix)
        return "write"
    if not parts or unquote(parts[0]).startswith("_"):
        raise Refused(_what(method, path))
    index = _index(parts[0], prefix)
    rest = parts[1:]
    if not rest:
        if method == "HEAD":
            return "read"
        if method == "PUT":
            return "write"
    elif rest in (["_search"], ["_count"]) and method in ("GET", "POST"):
        return "read"
    elif rest == ["_mapping"] and method == "GET":
        return "read"
    elif rest == ["_bulk"] and method == "POST":
        _bulk_actions(body, index, prefix)
        return "write"
    elif len(rest) == 2 and rest[0] == "_doc":
        if method in ("GET", "HEAD"):
            return "read"
        if method in ("PUT", "POST"):
            return "write"
    raise Refused(_what(method, path))


def _what(method: str, path: str) -> str:
    return (
        f"{method} {path or '/'} is not forwarded: the search proxy passes only searches, counts, mappings, "
        "document reads and writes, _bulk and index creation on helium's indexes "
        "(never _cluster, _nodes, _cat, deletes of indexes or by query)."
    )

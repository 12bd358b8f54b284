"""The upstream request target (path + query) built from the raw browser request.

The path after ``/helium/s3/<connection>`` and the query are taken byte for byte as received,
still percent-encoded (never decoded and re-encoded, so odd keys round-trip). The host is never
taken from the request: the target only ever goes after the configured endpoint's origin, and
anything that could be read as another authority or scheme is refused. Jupyter's own query
parameters (``token``, ``_xsrf``) are removed so they never reach S3 or its access logs.

A path that a browser cannot send as a path arrives in the query parameter ``helium-path``
instead: URL parsing rewrites ``.`` and ``..`` segments (even percent-encoded) and may collapse
empty ones, so a key like ``a/../b`` would otherwise reach another object. S3 keys may hold such
segments, so the browser's client moves the whole raw path into that parameter and sends only the
bucket as the path (see ``src/service/proxy-path.ts``).
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from .errors import invalid_request

# Printable ASCII without space; the request line cannot carry anything else legitimately.
_SAFE = re.compile(r"[\x21-\x7e]*")
# Query parameters that belong to Jupyter (its auth token, tornado's XSRF field), not to S3:
# they must never reach the upstream (or its access logs).
JUPYTER_PARAMS = {"token", "_xsrf"}
# The query parameter that carries a path the browser cannot send as a path.
PATH_PARAM = "helium-path"


def path_from_query(rest: str, query: str) -> tuple[str, str]:
    """The S3 path and query of a request, taking the path from ``helium-path`` when present.

    ``rest`` is the raw path after the connection name and ``query`` the raw query. With the
    parameter, its value (percent-decoded once: the raw, still percent-encoded S3 path) replaces
    ``rest``, which must then be just its bucket, and the parameter is removed from the query.
    """
    if not query:
        return rest, query
    params = query.split("&")
    values = [p.partition("=")[2] for p in params if p.partition("=")[0] == PATH_PARAM]
    if not values:
        return rest, query
    if len(values) > 1:
        raise invalid_request(f"The {PATH_PARAM!r} query parameter must be given once.")
    path = unquote(values[0])
    bucket = rest.strip("/")
    if not bucket or "/" in bucket or not path.startswith(f"/{bucket}/"):
        raise invalid_request(
            f"With {PATH_PARAM!r}, the request path must be the bucket alone and the parameter must "
            "start with that bucket."
        )
    return path, "&".join(p for p in params if p.partition("=")[0] != PATH_PARAM)


def strip_jupyter_params(query: str) -> str:
    """The raw query without Jupyter's own parameters; everything else byte for byte."""
    if not query:
        return query
    kept = [p for p in query.split("&") if p.partition("=")[0] not in JUPYTER_PARAMS]
    return "&".join(kept)


def upstream_target(endpoint_path: str, rest: str, query: str) -> str:
    """``endpoint_path + rest [+ '?' + query]``, or raise InvalidRequest.

    ``rest`` is the raw path after the connection name: empty or starting with ``/``.
    """
    if rest and not rest.startswith("/"):
        raise invalid_request("The S3 path must follow the connection name after a '/'.")
    if rest.startswith("//"):
        raise invalid_request("The S3 path must start with a bucket name, not '//'.")
    for bad in ("://", "\\", "#"):
        if bad in rest or bad in query:
            raise invalid_request(f"The S3 request path or query must not contain {bad!r}.")
    if not _SAFE.fullmatch(rest) or not _SAFE.fullmatch(query):
        raise invalid_request("The S3 request path and query must be percent-encoded ASCII.")
    target = endpoint_path + (rest or "/")
    query = strip_jupyter_params(query)
    if query:
        target += "?" + query
    return target

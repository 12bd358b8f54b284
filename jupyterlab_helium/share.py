"""Share links: ``POST /helium/share/<connection>`` answers a presigned GET URL of one object.

Body: ``{"bucket": "b", "key": "k", "versionId": "…" (optional), "expiresIn": 3600}``.
Answer: ``{"url": "…", "expiresAt": "2026-12-06T18:00:00Z", "expiresIn": 3600}``.

The URL is signed here, with the connection's credentials (SigV4 query signing, botocore's
``S3SigV4QueryAuth``), and points at the S3 endpoint itself: whoever has it can download the object
until it expires, without Jupyter and without credentials. The browser never sees a credential.

The request goes through what the proxy checks: Jupyter authentication (and XSRF, as for every
``POST``), the server's authorizer (``read`` on the resource ``helium``: a link gives no more than
the user could download and pass on), the connection's ``allowed_buckets`` and path-prefix rules
(:func:`.limits.check_limits`), and the connection's own say: ``share_links: false`` refuses,
``max_share_seconds`` caps the expiry (SigV4 itself caps it at 7 days). Errors are JSON
``{"code": …, "message": …}`` with a message a person can act on.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import tornado.web
from botocore.auth import SIGV4_TIMESTAMP, S3SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import ReadOnlyCredentials
from jupyter_core.utils import ensure_async
from jupyter_server.base.handlers import APIHandler

from .config import MAX_SHARE_SECONDS, Connection
from .errors import S3ProxyError, unknown_connection_message
from .proxy import AUTH_RESOURCE
from .upstream import Upstream, key_path, object_path

SHARE_PATTERN = r"helium/share/([^/]+)"
MAX_KEY_BYTES = 1024
DOT_SEGMENTS = {".", ".."}


class ShareError(Exception):
    """A refused share request: HTTP status, a code and a message for a person."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def object_url(connection: Connection, origin: str, prefix: str, bucket: str, key: str) -> str:
    """The unsigned URL of an object on the connection's endpoint.

    Path-style (``origin/prefix/bucket/key``) like the proxy, except on AWS's own endpoint for a
    connection that is not path-style and a bucket name without dots, where the virtual-hosted
    form (``https://bucket.s3.region.amazonaws.com/key``) is used, as AWS recommends.
    """
    if not connection.path_style and not prefix and "." not in bucket:
        scheme, _, host = origin.partition("://")
        return f"{scheme}://{bucket}.{host}/{key_path(key)}"
    return f"{origin}{prefix}{object_path(bucket, key)}"


def presign_get(
    url: str, credentials: ReadOnlyCredentials, region: str, expires_in: int, version_id: str | None = None
) -> tuple[str, datetime]:
    """Sign a GET of ``url`` (plus ``versionId``) for ``expires_in`` seconds; (signed URL, expiry)."""
    if version_id:
        url += "?versionId=" + quote(version_id, safe="-_.~")
    request = AWSRequest(method="GET", url=url)
    S3SigV4QueryAuth(credentials, "s3", region, expires=expires_in).add_auth(request)
    signed_at = datetime.strptime(request.context["timestamp"], SIGV4_TIMESTAMP).replace(tzinfo=UTC)
    return request.url, signed_at + timedelta(seconds=expires_in)


def parse_share_request(body: bytes, connection: Connection) -> tuple[str, str, str | None, int]:
    """(bucket, key, version id, seconds) from a request body, or raise ShareError (400/403)."""
    if not connection.share_links:
        raise ShareError(
            403,
            "ShareLinksDisabled",
            f"Connection {connection.name!r} does not give share links (share_links is false in its "
            "configuration). Download the object and pass it on instead, or ask the server's administrator.",
        )
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        raise ShareError(400, "InvalidRequest", "The request body must be JSON.") from None
    if not isinstance(data, dict):
        raise ShareError(400, "InvalidRequest", "The request body must be a JSON object.")
    bucket, key, version_id = data.get("bucket"), data.get("key"), data.get("versionId")
    if not isinstance(bucket, str) or not bucket or "/" in bucket:
        raise ShareError(400, "InvalidRequest", "Give the object's bucket as 'bucket' (a bucket name).")
    if not isinstance(key, str) or not key or key.endswith("/"):
        raise ShareError(
            400, "InvalidRequest", "Give the object's key as 'key': a share link is for one object, not a folder."
        )
    if len(key.encode("utf-8")) > MAX_KEY_BYTES:
        raise ShareError(400, "InvalidRequest", f"The key is longer than S3's {MAX_KEY_BYTES} bytes.")
    if any(part in DOT_SEGMENTS for part in key.split("/")):
        raise ShareError(
            400,
            "InvalidRequest",
            "This key has a '.' or '..' segment: browsers rewrite such links to another object, so it "
            "cannot be shared as a link. Copy it to a plainer name first.",
        )
    if version_id is not None and (not isinstance(version_id, str) or not version_id):
        raise ShareError(
            400, "InvalidRequest", "'versionId' must be a version id, or be left out for the latest version."
        )
    return bucket, key, version_id, parse_expiry(data.get("expiresIn"), connection)


def parse_expiry(value, connection: Connection) -> int:
    """The expiry in seconds, or raise ShareError(400) saying what is allowed."""
    limit = connection.max_share_seconds
    allowed = f"from 1 to {limit:,} seconds ({_human(limit)})"
    if isinstance(value, bool) or not isinstance(value, int):
        raise ShareError(400, "InvalidExpiry", f"'expiresIn' must be a whole number of seconds, {allowed}.")
    if not 1 <= value <= limit:
        why = (
            "the longest a SigV4 presigned URL lives"
            if limit == MAX_SHARE_SECONDS
            else f"max_share_seconds of connection {connection.name!r}"
        )
        raise ShareError(
            400, "InvalidExpiry", f"A share link can last {allowed}: {why}. {value:,} seconds is not allowed."
        )
    return value


def _human(seconds: int) -> str:
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return f"{seconds} second{'s' if seconds != 1 else ''}"


class ShareHandler(APIHandler):
    """Sign a share link of one object for a connection."""

    auth_resource = AUTH_RESOURCE

    def initialize(self, upstream: Upstream) -> None:
        self.upstream = upstream

    @tornado.web.authenticated
    async def post(self, name: str) -> None:
        try:
            answer = await self._sign(name)
        except ShareError as e:
            self.set_status(e.status)
            self.finish(json.dumps({"code": e.code, "message": e.message}))
            return
        self.finish(json.dumps(answer))

    async def _sign(self, name: str) -> dict:
        allowed = await ensure_async(self.authorizer.is_authorized(self, self.current_user, "read", AUTH_RESOURCE))
        if not allowed:
            raise ShareError(
                403,
                "NotAuthorized",
                "This Jupyter user may not read through helium (the server's authorizer refused 'read' on "
                "the resource 'helium'), so it may not share links either.",
            )
        connection = self.upstream.connections.get(name)
        if connection is None:
            raise ShareError(
                404, "UnknownConnection", unknown_connection_message(name, list(self.upstream.connections))
            )
        bucket, key, version_id, seconds = parse_share_request(self.request.body, connection)
        try:
            access = await self.upstream.object_access(name, bucket, key)
        except S3ProxyError as e:
            raise ShareError(e.status_code, e.code, e.message) from None
        url, expires_at = presign_get(
            object_url(connection, access.origin, access.prefix, bucket, key),
            access.credentials,
            connection.region,
            seconds,
            version_id,
        )
        return {"url": url, "expiresAt": expires_at.strftime("%Y-%m-%dT%H:%M:%SZ"), "expiresIn": seconds}

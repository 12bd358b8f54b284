"""The streaming, re-signing S3 proxy at ``/helium/s3/<connection>/<path>``.

The browser's S3 SDK talks to this handler as if it were S3 (path-style, unsigned). For each
request: Jupyter authentication (and XSRF on mutations) is checked, the server's authorizer is asked
(`read` or `write` on `helium`), the connection is looked up, the raw path and query are appended
to the configured endpoint (never a host from the request), safe headers are kept and the request
is signed with SigV4 (``UNSIGNED-PAYLOAD``). The upstream request starts in ``prepare()``, the body
is piped to it as it arrives, the response streams back (set-up faults: :mod:`.upstream_faults`).
A client that goes away cancels the upstream work.
"""

from __future__ import annotations

import asyncio
import re
import time
from urllib.parse import parse_qsl, quote, unquote

import httpx
from jupyter_core.utils import ensure_async
from jupyter_server.auth.utils import HTTP_METHOD_TO_AUTH_ACTION
from jupyter_server.base.handlers import APIHandler
from tornado import iostream, web

from . import errors
from .body import BodyPipe
from .body_check import (
    MD5_OF_NOTHING,
    BodyCheck,
    BodyMismatch,
    checked_body,
    etag_is_checkable,
    plain_md5_etag,
)
from .credentials import CredentialsMissing
from .headers import request_headers, response_headers
from .limits import check_limits
from .signing import sign_request
from .target import path_from_query, upstream_target
from .upstream import Upstream
from .upstream_faults import checked_error_body, untrusted_certificate
from .upstream_faults import describe_failure as _describe

MAX_BODY_SIZE = 5 * 1024**3  # S3's limit for a single PUT
NO_BODY_STATUSES = {204, 304}
# What the server's authorizer is asked about (JupyterHub RBAC, custom Authorizers): read or write.
AUTH_RESOURCE = "helium"


def _is_upload_part(target: str) -> bool:
    """Whether an upstream target (path and query) is a part of a multipart upload."""
    query = dict(parse_qsl(target.partition("?")[2], keep_blank_values=True))
    return "uploadId" in query and "partNumber" in query


@web.stream_request_body
class S3ProxyHandler(APIHandler):
    """Forward one S3 request to a configured connection, streaming both ways."""

    SUPPORTED_METHODS = ("GET", "HEAD", "PUT", "POST", "DELETE")
    auth_resource = AUTH_RESOURCE

    def initialize(self, upstream: Upstream, route: str) -> None:
        self.upstream = upstream
        self._route = re.compile(route)
        self._pipe: BodyPipe | None = None
        self._body_check: BodyCheck | None = None
        self._signing: tuple = ()
        self._upstream_task: asyncio.Task | None = None
        self._relay_task: asyncio.Task | None = None
        self._client_gone = False
        self._started = time.monotonic()
        self._connection_name = "?"

    # ----- Jupyter/tornado plumbing -------------------------------------------------------

    def compute_etag(self):
        return None  # never let tornado answer 304 itself or add its own ETag

    @property
    def log(self):
        """The server's log; a HEAD answered 404 is logged at debug level.

        Jupyter's request log writes every 4xx as a warning. A HEAD that finds no object is how
        a client asks whether a key exists (before each new upload): an answer, not a fault.
        """
        logger = super().log
        return _DebugOnly(logger) if getattr(self, "_logging_missing_head", False) else logger

    def _log(self) -> None:
        # tornado's RequestHandler._log hands the finished request to Jupyter's request log,
        # which reads ``self.log``: only that line is quietened.
        self._logging_missing_head = self.request.method == "HEAD" and self.get_status() == 404
        try:
            super()._log()
        finally:
            self._logging_missing_head = False

    def finish(self, *args, **kwargs):
        """Finish without APIHandler's forced JSON content type (S3 bodies pass through)."""
        self.update_api_activity()
        return super(APIHandler, self).finish(*args, **kwargs)

    def write_error(self, status_code: int, **kwargs) -> None:
        exc = kwargs.get("exc_info", (None, None, None))[1]
        code, message = errors.describe(status_code, exc)
        self.set_header("Content-Type", errors.XML_CONTENT_TYPE)
        self.finish(errors.error_xml(code, message))

    def on_connection_close(self) -> None:
        super().on_connection_close()
        self._client_gone = True
        self._abort()  # cancelling the relay closes the upstream response it was reading
        task = self._upstream_task
        if self._relay_task is None and task is not None and task.done() and not task.cancelled():
            if task.exception() is None:  # answered, but nobody will read it now
                asyncio.ensure_future(task.result().aclose())

    def on_finish(self) -> None:
        self._abort()
        query_keys = {k for k, _ in parse_qsl(self.request.query, keep_blank_values=True)}
        self.log.debug(
            "helium proxy %s %s %s [query keys: %s] -> %s in %.0f ms",
            self.request.method,
            self._connection_name,
            self.request.path,
            ",".join(sorted(query_keys)) or "-",
            self.get_status(),
            (time.monotonic() - self._started) * 1000,
        )

    def _abort(self) -> None:
        """Stop all pending upstream work of this request (idempotent)."""
        if self._pipe is not None:
            self._pipe.close()
        current = asyncio.current_task()
        for task in (self._relay_task, self._upstream_task):
            if task is not None and task is not current and not task.done():
                task.cancel()

    # ----- request setup --------------------------------------------------------------------

    async def prepare(self) -> None:
        await super().prepare()  # resolves the user; XSRF on mutations; origin check
        if self._finished:
            return
        if not self.current_user:
            # The methods are @authenticated too, but upstream work starts here, before them
            # (jupyter_server allows unauthenticated access by default and leaves it to handlers).
            raise web.HTTPError(403)
        await self._check_authorized()
        name, rest = self._split_path()
        self._connection_name = name
        connection = self.upstream.connections.get(name)
        if connection is None:
            raise errors.unknown_connection(name, sorted(self.upstream.connections))
        origin, prefix = self.upstream.origin_and_prefix(connection)
        rest, query = path_from_query(rest, self.request.query)
        target = upstream_target(prefix, rest, query)
        check_limits(connection, self.request.method, rest, query, prefix)
        self._endpoint = connection.endpoint_url
        set_max = getattr(self.request.connection, "set_max_body_size", None)
        if set_max is not None:
            set_max(MAX_BODY_SIZE)
        try:
            credentials = await self.upstream.credentials[name].get()
        except CredentialsMissing as e:
            raise errors.credentials_missing(str(e)) from None

        method = self.request.method
        streaming = self._has_body()
        headers = request_headers(self.request.headers.get_all())
        if method not in ("PUT", "POST"):
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
        signed = sign_request(
            method,
            origin,
            target,
            headers,
            credentials,
            connection.region,
            payload_hash=self.request.headers.get("X-Amz-Content-Sha256", ""),
        )
        if streaming:
            self._pipe = BodyPipe()
            self._body_check = self._new_body_check(target)
            content = checked_body(self._pipe.chunks(), self._body_check)
        else:
            content = b"" if method in ("PUT", "POST") else None
        self._signing = (origin, target, credentials, connection.region)
        client = self.upstream.client()
        request = client.build_request(
            method,
            origin + "/",
            # latin-1 both ways keeps header bytes as the browser sent them
            headers=[(k.encode("latin-1"), v.encode("latin-1")) for k, v in signed],
            content=content,
            extensions={"target": target.encode("ascii")},
        )
        self._upstream_task = asyncio.ensure_future(client.send(request, stream=True))
        self._upstream_task.add_done_callback(self._upstream_done)

    async def _check_authorized(self) -> None:
        """Ask the server's authorizer (JupyterHub RBAC, a custom Authorizer) before any upstream work.

        What ``@authorized`` does, done here because the upstream request starts in ``prepare()``,
        before the method runs: reads (GET, HEAD) need ``read``, writes (PUT, POST, DELETE) need
        ``write``, on the resource ``helium``.
        """
        action = HTTP_METHOD_TO_AUTH_ACTION[self.request.method]
        allowed = await ensure_async(self.authorizer.is_authorized(self, self.current_user, action, AUTH_RESOURCE))
        if not allowed:
            raise errors.not_authorized(action)

    def _split_path(self) -> tuple[str, str]:
        match = self._route.fullmatch(self.request.path)
        if match is None:  # tornado matched the same pattern, so this cannot happen
            raise errors.invalid_request("Malformed proxy path.")
        return unquote(match.group(1)), match.group(2) or ""

    def _new_body_check(self, target: str) -> BodyCheck:
        """What the body must be: its Content-Length, and its SHA-256 when the client gave one.

        Its MD5 too, except for an upload part: `_check_stored` only looks whether a part was
        stored empty, which needs no hash.
        """
        length = self.request.headers.get("Content-Length")
        sha256 = self.request.headers.get("x-amz-checksum-sha256")
        if "aws-chunked" in self.request.headers.get("Content-Encoding", "").lower():
            sha256 = None  # the body is aws-chunked framing; the checksum is the data's
        return BodyCheck(int(length) if length is not None else None, sha256, md5=not _is_upload_part(target))

    def _has_body(self) -> bool:
        if self.request.method not in ("PUT", "POST"):
            return False
        if "chunked" in self.request.headers.get("Transfer-Encoding", "").lower():
            return True
        try:
            return int(self.request.headers.get("Content-Length", "0")) > 0
        except ValueError:
            raise errors.invalid_request("Invalid Content-Length.") from None

    def _upstream_done(self, task: asyncio.Task) -> None:
        # The upstream no longer reads the body (done, failed or cancelled): drop the rest.
        if self._pipe is not None:
            self._pipe.close()
        if not task.cancelled():
            task.exception()  # retrieved here; raised again where the task is awaited

    async def data_received(self, chunk: bytes) -> None:
        if self._pipe is not None:
            await self._pipe.put(chunk)  # waits while the pipe is full: backpressure

    # ----- relaying the response ----------------------------------------------------------

    @web.authenticated
    async def get(self, *args) -> None:
        await self._relay()

    @web.authenticated
    async def head(self, *args) -> None:
        await self._relay()

    @web.authenticated
    async def put(self, *args) -> None:
        await self._relay()

    @web.authenticated
    async def post(self, *args) -> None:
        await self._relay()

    @web.authenticated
    async def delete(self, *args) -> None:
        await self._relay()

    async def _relay(self) -> None:
        if self._pipe is not None:
            await self._pipe.end()
        self._relay_task = asyncio.ensure_future(self._relay_response())
        try:
            await self._relay_task
        except asyncio.CancelledError:
            if self._client_gone:
                return  # the browser left; upstream work was cancelled with it
            raise

    async def _relay_response(self) -> None:
        response = await self._await_upstream()
        try:
            await self._check_stored(response)
            error_body = await checked_error_body(response, self.request.method, self._connection_name)
            self.set_status(response.status_code, response.reason_phrase or "Unknown")
            self.clear_header("Content-Type")  # none unless upstream sends one
            raw = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw]
            replaced = set()
            for name, value in response_headers(raw):
                if name.lower() not in replaced:  # upstream's Date, Server... replace tornado's
                    self.clear_header(name)
                    replaced.add(name.lower())
                self.add_header(name, value)
            if error_body is not None:
                self.write(error_body)
            elif self.request.method != "HEAD" and response.status_code not in NO_BODY_STATUSES:
                async for chunk in response.aiter_raw():
                    self.write(chunk)
                    await self.flush()
            self.finish()
        except iostream.StreamClosedError:
            self._client_gone = True
        except httpx.HTTPError as e:
            # Headers may already be out; then the connection is simply cut.
            self.log.warning("helium proxy: upstream failed mid-response: %s", type(e).__name__)
            if not self._headers_written:
                raise errors.proxy_error(self._connection_name, self._endpoint, _describe(e)) from None
            self.request.connection.close()
        finally:
            await response.aclose()

    async def _check_stored(self, response: httpx.Response) -> None:
        """Undo, and fail, a write whose stored object is certainly not the body that was sent.

        S3 answers a PutObject or UploadPart with the MD5 of what it stored as ETag (unless the
        write was encrypted). When that is not the body's MD5, what was stored is looked at: a
        version whose size differs from the body is deleted again (it is the one this request just
        wrote; the object's history is as before) and the client gets a 502. A part stored empty
        fails the same way (the client's retry replaces it, or its abort removes it).
        """
        check = self._body_check
        headers = self.request.headers
        if (
            check is None
            or self.request.method != "PUT"
            or "x-amz-copy-source" in headers
            or not 200 <= response.status_code < 300
            or not etag_is_checkable(response.headers)
        ):
            return
        stored_md5 = plain_md5_etag(response.headers.get("ETag"))
        if stored_md5 is None:
            return
        if _is_upload_part(self._signing[1]):
            if stored_md5 == MD5_OF_NOTHING and check.length > 0:
                raise errors.stored_other_bytes(self._endpoint, check.length, 0, undone=None)
            return
        if stored_md5 == check.md5_hex:
            return
        version = response.headers.get("x-amz-version-id")
        stored = await self._upstream_call("HEAD", version)
        size = stored.headers.get("Content-Length") if stored.status_code == 200 else None
        if size is None or int(size) == check.length:
            self.log.warning("helium proxy: S3's ETag is not the MD5 of the body, but the size matches")
            return
        undone = None
        if version and version != "null":
            undone = (await self._upstream_call("DELETE", version)).status_code in (200, 204)
        raise errors.stored_other_bytes(self._endpoint, check.length, int(size), undone)

    async def _upstream_call(self, method: str, version: str | None) -> httpx.Response:
        """A signed, bodiless request to the object this request wrote (one version of it)."""
        origin, target, credentials, region = self._signing
        path = target.partition("?")[0]
        if version:
            path += "?versionId=" + quote(version, safe="")
        signed = sign_request(method, origin, path, [], credentials, region)
        client = self.upstream.client()
        request = client.build_request(
            method,
            origin + "/",
            headers=[(k.encode("latin-1"), v.encode("latin-1")) for k, v in signed],
            extensions={"target": path.encode("ascii")},
        )
        response = await client.send(request)
        await response.aclose()
        return response

    async def _await_upstream(self) -> httpx.Response:
        try:
            return await self._upstream_task
        except BodyMismatch as e:
            raise errors.body_mismatch(e.code, e.message) from None
        except (httpx.ConnectError, httpx.ConnectTimeout) as e:
            unreachable = errors.endpoint_unreachable(self._connection_name, self._endpoint, _describe(e))
            raise untrusted_certificate(self._connection_name, self._endpoint, e) or unreachable from None
        except httpx.HTTPError as e:
            raise errors.proxy_error(self._connection_name, self._endpoint, _describe(e)) from None


class _DebugOnly:
    """A logger whose warnings and errors are written at debug level (see ``S3ProxyHandler.log``)."""

    def __init__(self, logger) -> None:
        self._logger = logger

    def _debug(self, msg, *args, **kwargs):
        self._logger.debug(msg, *args, **kwargs)

    debug = info = warning = error = _debug

    def __getattr__(self, name):
        return getattr(self._logger, name)

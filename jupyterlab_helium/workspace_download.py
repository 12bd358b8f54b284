"""Downloads into the workspace made by the server: ``POST /helium/workspace-download/<connection>``.

Body: ``{"bucket": "b", "key": "k", "versionId": "…" (optional), "path": "folder/file.csv"}``.

Without this route, a download into the workspace crosses the proxy into the page and goes back
to the Jupyter server as base64 JSON, chunk by chunk: every byte makes two trips and is encoded
on the way. Here the server reads the object from S3 (signed like the proxy's requests) straight
into ``<path>.helium-partial`` on its disk; the page only shows progress and, once the answer says
the file is complete, renames the partial file over ``path`` (as it does after a chunked save).

The answer streams as JSON lines (``application/x-ndjson``): ``{"total": n, "versionId", "etag"}``
once S3 has answered, ``{"bytes": n}`` as bytes are written (at most every 0.2 s), then
``{"done": true, "bytes": n, "partial": "<path>.helium-partial"}`` or
``{"error": {"code", "message"}}``. A refusal before any byte is written (a bad path, a bucket the
connection may not reach, S3's ``NoSuchKey``…) is an HTTP error with a JSON ``{"code", "message"}``
body. A stream that breaks off is read on from where it stopped (pinned to the version, or to the
ETag of an unversioned object, so two objects' bytes are never mixed); when the page goes away,
the download stops and the partial file is removed.

The request needs what a download through the proxy needs (Jupyter authentication and XSRF, the
authorizer's ``read`` on ``helium``, the connection's bucket limits) and what a save needs
(``write`` on ``contents``). A server whose contents manager is not file-based answers
``501 NoLocalWorkspace`` and the page saves in chunks as before.
"""

from __future__ import annotations

import asyncio
import json
import time
from urllib.parse import quote

import httpx
import tornado.web
from jupyter_core.utils import ensure_async
from jupyter_server.base.handlers import APIHandler
from tornado import iostream

from .errors import S3ProxyError, invalid_request, not_authorized, unknown_connection
from .proxy import AUTH_RESOURCE
from .signing import sign_request
from .upstream import Upstream
from .upstream_faults import checked_error_body, error_field
from .upstream_faults import describe_failure as _describe
from .workspace_file import PARTIAL_SUFFIX, PartialFile, partial_os_path

WORKSPACE_DOWNLOAD_PATTERN = r"helium/workspace-download/([^/]+)"
MAX_KEY_BYTES = 1024
# Bytes gathered before a disk write, and how often progress is told.
WRITE_BATCH = 1024 * 1024
PROGRESS_SECONDS = 0.2
# Reads of one object after its stream broke off (each from where the last one stopped).
MAX_ATTEMPTS = 4


def parse_download_request(body: bytes) -> tuple[str, str, str | None, str]:
    """(bucket, key, version id, workspace path) from a request body, or raise an S3ProxyError (400)."""
    try:
        data = json.loads(body or b"{}")
    except ValueError:
        raise invalid_request("The request body must be JSON.") from None
    if not isinstance(data, dict):
        raise invalid_request("The request body must be a JSON object.")
    bucket, key, version_id, path = data.get("bucket"), data.get("key"), data.get("versionId"), data.get("path")
    if not isinstance(bucket, str) or not bucket or "/" in bucket:
        raise invalid_request("Give the object's bucket as 'bucket' (a bucket name).")
    if not isinstance(key, str) or not key or key.endswith("/"):
        raise invalid_request("Give the object's key as 'key': one object, not a folder.")
    if len(key.encode("utf-8")) > MAX_KEY_BYTES:
        raise invalid_request(f"The key is longer than S3's {MAX_KEY_BYTES} bytes.")
    if version_id is not None and (not isinstance(version_id, str) or not version_id):
        raise invalid_request("'versionId' must be a version id, or be left out for the latest version.")
    if not isinstance(path, str):
        raise invalid_request("Give the workspace file to write as 'path'.")
    return bucket, key, version_id, path


def error_line(code: str, message: str) -> dict:
    return {"error": {"code": code, "message": message}}


class WorkspaceDownloadHandler(APIHandler):
    """Read one S3 object version into a partial workspace file, telling progress as JSON lines."""

    auth_resource = AUTH_RESOURCE

    def initialize(self, upstream: Upstream) -> None:
        self.upstream = upstream
        self._task: asyncio.Task | None = None
        self._client_gone = False

    def on_connection_close(self) -> None:
        super().on_connection_close()
        self._client_gone = True
        if self._task is not None and not self._task.done():
            self._task.cancel()  # stops reading S3; the partial file is removed on the way out

    @tornado.web.authenticated
    async def post(self, name: str) -> None:
        try:
            plan = await self._plan(name)
            response = await self._get(plan, 0, None)
        except S3ProxyError as e:
            self.set_status(e.status_code)
            self.finish(json.dumps({"code": e.code, "message": e.message}))
            return
        self._task = asyncio.ensure_future(self._download(plan, response))
        try:
            await self._task
        except asyncio.CancelledError:
            if not self._client_gone:
                raise

    # ----- before any byte is written -----------------------------------------------------------

    async def _plan(self, name: str) -> dict:
        """Everything checked and resolved: the signed request's parts and the partial file's path."""
        for action, resource in (("read", AUTH_RESOURCE), ("write", "contents")):
            allowed = await ensure_async(self.authorizer.is_authorized(self, self.current_user, action, resource))
            if not allowed:
                if resource == AUTH_RESOURCE:
                    raise not_authorized(action)
                raise S3ProxyError(
                    403,
                    "NotAuthorized",
                    "This Jupyter user may not write workspace files (the server's authorizer refused "
                    "'write' on 'contents'), so it may not download into the workspace.",
                )
        connection = self.upstream.connections.get(name)
        if connection is None:
            raise unknown_connection(name, list(self.upstream.connections))
        bucket, key, version_id, path = parse_download_request(self.request.body)
        access = await self.upstream.object_access(name, bucket, key)
        os_path = partial_os_path(self.contents_manager, path)
        target = access.prefix + access.raw_path
        if version_id:
            target += "?versionId=" + quote(version_id, safe="")
        return {
            "connection": connection,
            "origin": access.origin,
            "target": target,
            "credentials": access.credentials,
            "os_path": os_path,
            "partial": path.strip("/") + PARTIAL_SUFFIX,
            "uri": f"s3://{bucket}/{key}",
        }

    async def _get(self, plan: dict, offset: int, etag: str | None) -> httpx.Response:
        """A GET of the object from ``offset`` (If-Match ``etag`` when given); S3's errors raised."""
        headers = []
        if offset:
            headers.append(("Range", f"bytes={offset}-"))
        if etag:
            headers.append(("If-Match", etag))
        connection = plan["connection"]
        signed = sign_request("GET", plan["origin"], plan["target"], headers, plan["credentials"], connection.region)
        client = self.upstream.client()
        request = client.build_request(
            "GET",
            plan["origin"] + "/",
            headers=[(k.encode("latin-1"), v.encode("latin-1")) for k, v in signed],
            extensions={"target": plan["target"].encode("ascii")},
        )
        try:
            response = await client.send(request, stream=True)
        except httpx.HTTPError as e:
            endpoint = connection.endpoint_url
            raise S3ProxyError(
                502, "ProxyError", f"The request to {endpoint} (connection {connection.name!r}) failed: {_describe(e)}."
            ) from None
        if response.status_code in (200, 206):
            return response
        try:
            body = await checked_error_body(response, "GET", connection.name) or await response.aread()
        finally:
            await response.aclose()
        raise s3_refusal(response.status_code, body, plan["uri"])

    # ----- streaming ------------------------------------------------------------------------------

    async def _download(self, plan: dict, response: httpx.Response) -> None:
        self.set_header("Content-Type", "application/x-ndjson")
        self.set_header("Cache-Control", "no-store")
        file = PartialFile(plan["os_path"])
        failure: tuple[str, str] | None = None
        try:
            await self._read_into(plan, response, file)
        except S3ProxyError as e:
            failure = (e.code, e.message)
        except OSError as e:
            failure = (
                "WorkspaceWriteFailed",
                f"Could not write /{plan['partial']} on the Jupyter server ({e.strerror or e}); nothing was saved.",
            )
        except (iostream.StreamClosedError, asyncio.CancelledError):
            self._client_gone = True
            failure = ("Cancelled", "")
        if failure is not None:
            await file.discard()  # before the answer: once told, the page may look
        try:
            await self._tell(
                {"done": True, "bytes": file.written, "partial": plan["partial"]}
                if failure is None
                else error_line(*failure)
            )
            self.finish()
        except iostream.StreamClosedError:
            self._client_gone = True
            if failure is None:
                await file.discard()  # complete, but nobody will rename it

    async def _read_into(self, plan: dict, response: httpx.Response, file: PartialFile) -> None:
        """The object's bytes into the file, read on from where a broken stream stopped."""
        total = int(response.headers.get("Content-Length", "-1"))
        etag = response.headers.get("ETag")
        try:
            await self._tell({"total": total, "versionId": response.headers.get("x-amz-version-id"), "etag": etag})
            await file.open()
            attempts = 1
            while True:
                try:
                    await self._copy(response, file)
                    break
                except httpx.TransportError as e:
                    await response.aclose()
                    if file.written == total:
                        break  # every byte arrived; only the connection's end was untidy
                    if attempts >= MAX_ATTEMPTS or file.written > total >= 0:
                        raise S3ProxyError(502, "DownloadInterrupted", interrupted(plan, file.written, e)) from None
                    attempts += 1
                    # Pinned: a versioned read names its version; an unversioned one its ETag.
                    response = await self._get(plan, file.written, None if "versionId=" in plan["target"] else etag)
                    if not resumes_at(response, file.written):
                        raise S3ProxyError(502, "DownloadInterrupted", interrupted(plan, file.written, e)) from None
            await file.close()
        finally:
            await response.aclose()
        if total >= 0 and file.written != total:
            raise S3ProxyError(
                502,
                "IncompleteBody",
                f"{plan['uri']} ended after {file.written:,} of its {total:,} bytes; nothing was saved. Download it again.",
            )

    async def _copy(self, response: httpx.Response, file: PartialFile) -> None:
        """The body into the file, batched; progress told at most every PROGRESS_SECONDS."""
        batch: list[bytes] = []
        batched = 0
        told = float("-inf")  # the first batch is told at once
        try:
            async for chunk in response.aiter_raw():
                batch.append(chunk)
                batched += len(chunk)
                if batched >= WRITE_BATCH:
                    await file.write(b"".join(batch))
                    batch, batched = [], 0
                    if time.monotonic() - told >= PROGRESS_SECONDS:
                        told = time.monotonic()
                        await self._tell({"bytes": file.written})
        finally:
            if batch:  # also the bytes before a break: the next read starts after them
                await file.write(b"".join(batch))

    async def _tell(self, line: dict) -> None:
        self.write(json.dumps(line) + "\n")
        await self.flush()


def resumes_at(response: httpx.Response, offset: int) -> bool:
    """Whether a ranged answer starts at ``offset`` (a server that ignores Range answers 200 from 0)."""
    content_range = response.headers.get("Content-Range", "")
    return response.status_code == 206 and content_range.startswith(f"bytes {offset}-")


def interrupted(plan: dict, written: int, error: Exception) -> str:
    return (
        f"The download of {plan['uri']} broke off after {written:,} bytes ({type(error).__name__}) "
        f"and could not be read on; nothing was saved. Download it again."
    )


# How S3 names its archive storage classes and Intelligent-Tiering's archive tiers (as the page says it).
ARCHIVES = {
    "GLACIER": "S3 Glacier Flexible Retrieval",
    "DEEP_ARCHIVE": "S3 Glacier Deep Archive",
    "ARCHIVE_ACCESS": "S3 Intelligent-Tiering's Archive Access tier",
    "DEEP_ARCHIVE_ACCESS": "S3 Intelligent-Tiering's Deep Archive Access tier",
}


def s3_refusal(status: int, body: bytes, uri: str) -> S3ProxyError:
    """S3's error answer as ours, with S3's code and message and the object it was about."""
    code = error_field(body, "Code") or ("NoSuchKey" if status == 404 else f"HTTP{status}")
    message = error_field(body, "Message") or "S3 refused the request."
    if status == 412:
        code, message = "ObjectChanged", "The object was overwritten while it was being downloaded."
    if code == "InvalidObjectState":
        # An archived object: S3 answers 403, but no permission would help.
        tier = error_field(body, "AccessTier") or error_field(body, "StorageClass") or ""
        where = ARCHIVES.get(tier, tier)
        return S3ProxyError(
            status,
            code,
            f"{uri} is archived{f' in {where}' if where else ''}: S3 serves its bytes only from a restored copy; "
            "nothing was saved. Ask for a restored copy (right-click it in the S3 panel › Restore from Archive…), "
            "and download it again once the restore is done.",
        )
    return S3ProxyError(status, code, f"{uri}: {message} ({code}); nothing was saved.")

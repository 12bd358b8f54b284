"""The OpenSearch proxy at ``/helium/search/<connection>/<path>``.

The browser's OpenSearch backend talks to this handler as if it were the cluster, unsigned. For
each request: Jupyter authentication (and XSRF on cookie-authenticated mutations, as for the S3
proxy) is checked; the request must be one helium needs (:mod:`.search_rules`), else 403; the
server's authorizer is asked ``read`` (searches, counts, mappings, document reads) or ``write``
(``_bulk``, document writes, index creation) on the resource ``helium``; then it is forwarded to
the connection's configured cluster (never a host from the request), signed with SigV4 (service
``es``, the connection's AWS credentials) or with basic auth. Bodies are small JSON, so they are
buffered (SigV4 for ``es`` signs the body's hash). Errors are OpenSearch-shaped JSON.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from urllib.parse import unquote, urlsplit

import httpx
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from jupyter_core.utils import ensure_async
from jupyter_server.base.handlers import APIHandler
from tornado import web

from .credentials import CredentialsMissing
from .errors import unknown_connection_message
from .proxy import AUTH_RESOURCE, _describe
from .search_rules import Refused, classify
from .signing import host_header
from .upstream import Upstream

SEARCH_PATTERN = r"helium/search/([^/]+)(/.*)?"
FORWARDED_RESPONSE_HEADERS = ("Content-Type",)


class SearchProxyError(web.HTTPError):
    """An error answered as OpenSearch does: ``{"error": {"type", "reason"}, "status"}``."""

    def __init__(self, status: int, kind: str, reason: str):
        super().__init__(status)
        self.kind = kind
        self.reason_text = reason


def sign_es(method: str, url: str, headers: dict, body: bytes, credentials, region: str) -> dict:
    """SigV4 headers for an OpenSearch request (service ``es``, the body's SHA-256 signed)."""
    request = AWSRequest(method=method, url=url, data=body, headers=dict(headers))
    request.headers["X-Amz-Content-SHA256"] = hashlib.sha256(body).hexdigest()
    request.headers["Host"] = host_header(url)
    SigV4Auth(credentials, "es", region).add_auth(request)
    return dict(request.headers.items())


class SearchProxyHandler(APIHandler):
    """Forward one allowed OpenSearch request to a connection's search cluster."""

    SUPPORTED_METHODS = ("GET", "HEAD", "PUT", "POST", "DELETE")
    auth_resource = AUTH_RESOURCE

    def initialize(self, upstream: Upstream, route: str) -> None:
        self.upstream = upstream
        self._route = re.compile(route)

    def compute_etag(self):
        return None

    def write_error(self, status_code: int, **kwargs) -> None:
        exc = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(exc, SearchProxyError):
            kind, reason = exc.kind, exc.reason_text
        else:
            kind = "helium_error"
            reason = (
                exc.log_message
                if isinstance(exc, web.HTTPError) and exc.log_message and status_code < 500
                else self._reason
            )
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"error": {"type": kind, "reason": reason}, "status": status_code}))

    async def prepare(self) -> None:
        await super().prepare()  # resolves the user; XSRF on mutations; origin check
        if self._finished:
            return
        if not self.current_user:
            raise web.HTTPError(403)

    @web.authenticated
    async def get(self, *args) -> None:
        await self._forward()

    @web.authenticated
    async def head(self, *args) -> None:
        await self._forward()

    @web.authenticated
    async def put(self, *args) -> None:
        await self._forward()

    @web.authenticated
    async def post(self, *args) -> None:
        await self._forward()

    @web.authenticated
    async def delete(self, *args) -> None:
        await self._forward()

    async def _forward(self) -> None:
        match = self._route.fullmatch(self.request.path)
        name, rest = unquote(match.group(1)), match.group(2) or "/"
        connection = self.upstream.connections.get(name)
        if connection is None:
            raise SearchProxyError(
                404, "unknown_connection", unknown_connection_message(name, list(self.upstream.connections))
            )
        search = connection.search
        if search is None:
            raise SearchProxyError(
                404,
                "no_search",
                f'Connection {name!r} has no search cluster; add "search": {{"url": ...}} to it in c.Helium.connections.',
            )
        method = self.request.method
        body = self.request.body or b""
        try:
            action = classify(method, rest, self.request.query, body, search.index_prefix)
        except Refused as e:
            raise SearchProxyError(403, "helium_refused", str(e)) from None
        allowed = await ensure_async(self.authorizer.is_authorized(self, self.current_user, action, AUTH_RESOURCE))
        if not allowed:
            raise SearchProxyError(
                403,
                "not_authorized",
                f"This Jupyter user may not {action} through helium (the server's authorizer refused {action!r} on "
                "the resource 'helium'). Searching needs read; indexing needs write.",
            )
        url = search.url + rest + (f"?{self.request.query}" if self.request.query else "")
        headers = {"Accept": "application/json"}
        if method in ("PUT", "POST"):
            headers["Content-Type"] = self.request.headers.get("Content-Type", "application/json")
        if search.auth == "aws":
            try:
                credentials = await self.upstream.credentials[name].get()
            except CredentialsMissing as e:
                raise SearchProxyError(403, "credentials_missing", str(e)) from None
            headers = sign_es(method, url, headers, body, credentials, search.region)
        elif search.auth == "basic":
            token = base64.b64encode(f"{search.username}:{search.password}".encode()).decode()
            headers["Authorization"] = f"Basic {token}"
        try:
            response = await self.upstream.client().request(
                method, url, content=body if method in ("PUT", "POST") else None, headers=headers
            )
        except (httpx.ConnectError, httpx.ConnectTimeout) as e:
            raise SearchProxyError(
                502,
                "search_unreachable",
                f"Cannot reach the OpenSearch cluster {_origin(search.url)} of connection {name!r} ({_describe(e)}). "
                "Check that it is running and that search.url in c.Helium.connections is right.",
            ) from None
        except httpx.HTTPError as e:
            raise SearchProxyError(
                502, "search_failed", f"The request to {_origin(search.url)} failed: {_describe(e)}."
            ) from None
        self.set_status(response.status_code, response.reason_phrase or "Unknown")
        for header in FORWARDED_RESPONSE_HEADERS:
            if header in response.headers:
                self.set_header(header, response.headers[header])
        if method != "HEAD":
            self.write(response.content)
        self.finish()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"

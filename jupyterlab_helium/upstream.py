"""The proxy's shared state: connections, their credentials, and one pooled httpx client.

One :class:`Upstream` exists per Jupyter server (kept in the tornado settings). The httpx client
is created on first use in the running event loop and recreated if the loop changes (tests start
a server per loop); :meth:`aclose` releases its pooled connections.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import httpx
from botocore.credentials import ReadOnlyCredentials

from .config import Connection
from .credentials import CredentialsMissing, CredentialSource
from .errors import S3ProxyError, unknown_connection
from .limits import check_limits

# httpcore reads a response 64 KiB per socket read (READ_NUM_BYTES, a class attribute without a
# public setting), and each read costs a fixed amount of HTTP parsing in Python: that capped a
# relayed body at ~250 MB/s here. With 256 KiB reads (about the most one socket read returns)
# httpx read ~600 MB/s from the same server. Raised once, never lowered; if a later httpcore drops
# the attribute, nothing changes but the speed.
READ_BYTES = 256 * 1024


def _read_bigger_chunks() -> None:
    try:
        from httpcore._async.http11 import AsyncHTTP11Connection
    except ImportError:  # pragma: no cover - a future httpcore
        return
    if getattr(AsyncHTTP11Connection, "READ_NUM_BYTES", READ_BYTES) < READ_BYTES:
        AsyncHTTP11Connection.READ_NUM_BYTES = READ_BYTES


# Connect quickly or fail; no total timeout (bodies may stream for hours), but a stalled read or
# write (no byte for 5 minutes) ends the request.
TIMEOUT = httpx.Timeout(connect=10.0, read=300.0, write=300.0, pool=30.0)
LIMITS = httpx.Limits(max_connections=64, max_keepalive_connections=16, keepalive_expiry=30.0)


def quote_segment(text: str) -> str:
    """Strict percent-encoding of one path segment, as S3's canonical URI has it."""
    return quote(text, safe="-_.~")


def key_path(key: str) -> str:
    """An object key as a URL path (without its leading '/'), each segment strictly encoded."""
    return "/".join(quote_segment(part) for part in key.split("/"))


def object_path(bucket: str, key: str) -> str:
    """The raw path-style S3 path of an object (``/bucket/key``, as S3 signs it)."""
    return f"/{quote_segment(bucket)}/{key_path(key)}"


@dataclass
class ObjectAccess:
    """One object of a connection, cleared for a request: where it is and what signs for it."""

    connection: Connection
    origin: str
    prefix: str
    raw_path: str
    credentials: ReadOnlyCredentials


class Upstream:
    """Configured connections plus the machinery to reach them."""

    def __init__(self, connections: list[Connection], user_agent: str = "jupyterlab-helium"):
        self.connections = {c.name: c for c in connections}
        self.credentials = {c.name: CredentialSource(c) for c in connections}
        self._user_agent = user_agent
        self._client: httpx.AsyncClient | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    def origin_and_prefix(self, connection: Connection) -> tuple[str, str]:
        """``scheme://host[:port]`` and the endpoint's path prefix ('' or '/prefix')."""
        parts = urlsplit(connection.endpoint_url)
        return f"{parts.scheme}://{parts.netloc}", parts.path.rstrip("/")

    async def object_access(self, name: str, bucket: str, key: str, method: str = "GET") -> ObjectAccess:
        """What a route needs to reach one object, or an S3ProxyError: an unknown connection, the
        connection's limits (allowed buckets, path prefix) refusing it, missing credentials."""
        connection = self.connections.get(name)
        if connection is None:
            raise unknown_connection(name, list(self.connections))
        origin, prefix = self.origin_and_prefix(connection)
        raw_path = object_path(bucket, key)
        check_limits(connection, method, raw_path, "", prefix)
        try:
            credentials = await self.credentials[name].get()
        except CredentialsMissing as e:
            raise S3ProxyError(403, "CredentialsMissing", str(e)) from None
        return ObjectAccess(connection, origin, prefix, raw_path, credentials)

    def client(self) -> httpx.AsyncClient:
        """The shared client for the running loop."""
        loop = asyncio.get_running_loop()
        if self._client is None or self._loop is not loop or self._client.is_closed:
            _read_bigger_chunks()
            self._client = httpx.AsyncClient(
                timeout=TIMEOUT,
                limits=LIMITS,
                follow_redirects=False,
                headers={"User-Agent": self._user_agent},
            )
            # S3 does not compress; never ask for it, so bodies pass through as stored.
            del self._client.headers["Accept-Encoding"]
            self._loop = loop
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            client, self._client = self._client, None
            await client.aclose()

"""A tiny fake S3 endpoint that records the raw requests the proxy sends it.

It listens on a socket bound before the Jupyter server starts (so its port can go into
``c.Helium.connections``) and serves inside the test's event loop. Each request is recorded
with its exact request target, headers (in order, as sent) and how the body was framed.
"""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass, field


@dataclass
class Recorded:
    method: str
    target: str
    headers: list  # [(name, value)] as received
    body_length: int
    chunked: bool

    def header(self, name: str) -> str | None:
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None


@dataclass
class CaptureServer:
    sock: socket.socket
    requests: list = field(default_factory=list)
    # What to answer: status, headers, body; or a coroutine function (reader, writer) -> None.
    status: int = 200
    response_headers: list = field(default_factory=lambda: [("Content-Type", "application/xml")])
    body: bytes = b"<ok/>"
    streamer: object = None
    # Awaited after a request's head and before its body is read: holds the endpoint still.
    before_body: object = None
    connection_closed: asyncio.Event | None = None
    # Body bytes received so far (all requests), and set as soon as the first one arrives.
    body_bytes: int = 0
    body_started: asyncio.Event | None = None
    _server: asyncio.AbstractServer | None = None

    @property
    def port(self) -> int:
        return self.sock.getsockname()[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        self.connection_closed = asyncio.Event()
        self.body_started = asyncio.Event()
        self._server = await asyncio.start_server(self._handle, sock=self.sock)

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, target, _ = lines[0].split(" ", 2)
                headers = [tuple(x.strip() for x in line.split(":", 1)) for line in lines[1:] if line]
                rec = Recorded(method, target, headers, 0, False)
                if self.before_body is not None:
                    await self.before_body(reader, writer)
                te = (rec.header("Transfer-Encoding") or "").lower()
                if "chunked" in te:
                    rec.chunked = True
                    while True:
                        size = int((await reader.readline()).split(b";")[0], 16)
                        await reader.readexactly(size + 2)
                        rec.body_length += size
                        self._received(size)
                        if size == 0:
                            break
                else:
                    length = int(rec.header("Content-Length") or 0)
                    while rec.body_length < length:
                        data = await reader.read(min(length - rec.body_length, 65536))
                        if not data:
                            raise asyncio.IncompleteReadError(b"", length - rec.body_length)
                        rec.body_length += len(data)
                        self._received(len(data))
                self.requests.append(rec)
                if self.streamer is not None:
                    await self.streamer(reader, writer)
                    return
                out = [f"HTTP/1.1 {self.status} Whatever"]
                out += [f"{k}: {v}" for k, v in self.response_headers]
                out.append(f"Content-Length: {len(self.body)}")
                writer.write(("\r\n".join(out) + "\r\n\r\n").encode("latin-1"))
                if method != "HEAD":
                    writer.write(self.body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, ValueError):  # cut short
            pass
        finally:
            self.connection_closed.set()
            writer.close()

    def _received(self, count: int) -> None:
        self.body_bytes += count
        if count:
            self.body_started.set()


def listening_socket() -> socket.socket:
    """A listening TCP socket on 127.0.0.1 with a free port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    sock.setblocking(False)
    return sock


def closed_port_socket() -> socket.socket:
    """A socket that holds a port without listening: connecting to it is refused."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    return sock


def was_contacted(sock: socket.socket) -> bool:
    """True if anyone connected to this listening (non-blocking) socket."""
    try:
        conn, _ = sock.accept()
    except BlockingIOError:
        return False
    conn.close()
    return True

"""Bodies stream through the proxy without being buffered, and a client that leaves stops the work.

What bounds the proxy's memory is decided in two places, and these tests watch both rather than
the process's RSS (which measures the whole loaded machine, not the proxy):
- uploads: the request body goes through a :class:`BodyPipe` of at most ``max_chunks`` chunks;
- downloads: each chunk read from S3 is written to the client and flushed, and the next one is
  read only once that flush is done, so at most one chunk waits for a slow client.
The stalled-peer tests hold one side still until the proxy is seen waiting for it (the pipe full,
a flush pending and awaited): a proxy that buffered instead would never wait, and fail them.
"""

from __future__ import annotations

import asyncio
import hashlib
import random

import httpx
import pytest
from tornado.concurrent import chain_future

from jupyterlab_helium import proxy
from jupyterlab_helium.body import BodyPipe

from .conftest import BUCKET
from .s3paths import object_path

MiB = 1024 * 1024
SIZE = 100 * MiB
# Enough to fill every socket buffer between the stalled peer and the proxy (a few MiB each).
STALL_SIZE = 64 * MiB
# httpx hands the proxy what one socket read gave (at most 64 KiB): a write is never bigger.
MAX_READ = MiB
# How long a stalled peer waits for the proxy to wait for it, before the test fails.
GUARD = 30


def proxy_tasks() -> list[asyncio.Task]:
    """Pending tasks started by the proxy (upstream send or response relay)."""
    names = ("S3ProxyHandler", "AsyncClient.send", "_relay_response")
    return [t for t in asyncio.all_tasks() if not t.done() and any(n in repr(t.get_coro()) for n in names)]


async def proxy_tasks_left() -> list[asyncio.Task]:
    """Wait for the proxy's pending tasks to end (they end as soon as their cancel lands)."""
    pending = proxy_tasks()
    if pending:
        await asyncio.wait(pending, timeout=GUARD)
    return proxy_tasks()


class PipeWatch:
    """Every BodyPipe the proxy makes, with the most bytes and chunks one held at once."""

    def __init__(self) -> None:
        self.pipes: list[BodyPipe] = []
        self.bytes_in = 0
        self.peak_chunks = 0
        self.peak_bytes = 0
        self.full = asyncio.Event()  # a producer found the pipe full and waits


def watch_pipes(monkeypatch) -> PipeWatch:
    watch = PipeWatch()

    class WatchedPipe(BodyPipe):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            watch.pipes.append(self)

        async def put(self, chunk: bytes) -> None:
            if len(self._chunks) >= self._max:
                watch.full.set()
            await super().put(chunk)
            watch.bytes_in += len(chunk)
            watch.peak_chunks = max(watch.peak_chunks, len(self._chunks))
            watch.peak_bytes = max(watch.peak_bytes, sum(len(c) for c in self._chunks))

    monkeypatch.setattr(proxy, "BodyPipe", WatchedPipe)
    return watch


class RelayWatch:
    """Bytes the proxy wrote towards the client, and those the client's socket has taken."""

    def __init__(self) -> None:
        self.written = 0
        self.flushed = 0
        self.largest_write = 0
        self.peak_unflushed = 0  # the most bytes held for the client at once
        self.waiting_for_client = asyncio.Event()  # the proxy awaits a flush still pending


def watch_relay(monkeypatch) -> RelayWatch:
    watch = RelayWatch()
    write, flush = proxy.S3ProxyHandler.write, proxy.S3ProxyHandler.flush

    class AwaitedFlush(asyncio.Future):
        """A flush's future that tells when the proxy waits on it before it is done."""

        def __await__(self):
            if not self.done():
                watch.waiting_for_client.set()
            return (yield from super().__await__())

    def counting_write(self, chunk):
        if isinstance(chunk, bytes):
            watch.written += len(chunk)
            watch.largest_write = max(watch.largest_write, len(chunk))
            watch.peak_unflushed = max(watch.peak_unflushed, watch.written - watch.flushed)
        return write(self, chunk)

    def counting_flush(self, *args, **kwargs):
        upto = watch.written
        done = flush(self, *args, **kwargs)

        def flushed(future):
            if not future.cancelled() and future.exception() is None:
                watch.flushed = max(watch.flushed, upto)

        done.add_done_callback(flushed)
        awaited = AwaitedFlush(loop=asyncio.get_running_loop())
        chain_future(done, awaited)
        return awaited

    monkeypatch.setattr(proxy.S3ProxyHandler, "write", counting_write)
    monkeypatch.setattr(proxy.S3ProxyHandler, "flush", counting_flush)
    return watch


async def test_100_mib_streams_both_ways_in_bounded_memory(client, s3, monkeypatch):
    path = object_path(BUCKET, "big/100 MiB.bin")
    rng = random.Random(1234)
    sent_hash = hashlib.sha256()
    pipes = watch_pipes(monkeypatch)
    relay = watch_relay(monkeypatch)

    async def body():
        for _ in range(SIZE // MiB):
            chunk = rng.randbytes(MiB)
            sent_hash.update(chunk)
            yield chunk

    r = await client.put(path, content=body(), headers={"Content-Length": str(SIZE)}, timeout=120)
    assert r.status_code == 200, r.text
    assert s3.head_object(Bucket=BUCKET, Key="big/100 MiB.bin")["ContentLength"] == SIZE
    # The whole body went through the pipe, which never held more than its bound.
    assert len(pipes.pipes) == 1 and pipes.bytes_in == SIZE
    assert pipes.peak_chunks <= pipes.pipes[0]._max

    got_hash, got, reads = hashlib.sha256(), 0, 0
    relay_before = relay.written
    async with client.stream("GET", path, timeout=120) as r:
        assert r.status_code == 200
        assert r.headers["content-length"] == str(SIZE)
        assert "transfer-encoding" not in r.headers
        async for chunk in r.aiter_raw():
            got_hash.update(chunk)
            got += len(chunk)
            reads += 1
    assert got == SIZE and reads > 100
    assert got_hash.hexdigest() == sent_hash.hexdigest()
    # Relayed read by read, each flushed before the next: one read's bytes held at most.
    assert relay.written - relay_before == SIZE
    assert relay.largest_write <= MAX_READ
    assert relay.peak_unflushed == relay.largest_write


async def test_a_stalled_upstream_holds_an_upload_at_the_pipe_bound(client, capture, monkeypatch):
    pipes = watch_pipes(monkeypatch)

    async def hold(reader, writer):
        # Read nothing until the proxy's pipe is full and the client is kept waiting.
        await asyncio.wait_for(pipes.full.wait(), GUARD)

    capture.before_body = hold
    await capture.start()

    async def body():
        for _ in range(STALL_SIZE // MiB):
            yield b"u" * MiB

    r = await client.put("helium/s3/capture/b/big", content=body(), headers={"Content-Length": str(STALL_SIZE)})
    assert r.status_code == 200, r.text
    [request] = capture.requests
    assert request.body_length == STALL_SIZE
    [pipe] = pipes.pipes
    assert pipes.bytes_in == STALL_SIZE
    # The bound was reached and held: the client waited instead of the proxy buffering.
    assert pipes.peak_chunks == pipe._max


async def test_a_stalled_client_holds_a_download_at_one_read(client, capture, monkeypatch):
    relay = watch_relay(monkeypatch)

    async def stream(reader, writer):
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % STALL_SIZE)
        for _ in range(STALL_SIZE // MiB):
            writer.write(b"d" * MiB)
            await writer.drain()
        await reader.read()  # until the proxy is done with this connection

    capture.streamer = stream
    await capture.start()
    got = 0
    async with client.stream("GET", "helium/s3/capture/b/big") as r:
        assert r.status_code == 200
        # Read nothing more until the proxy waits for us with a flush still pending.
        await asyncio.wait_for(relay.waiting_for_client.wait(), GUARD)
        async for chunk in r.aiter_raw():
            got += len(chunk)
    assert got == STALL_SIZE
    assert relay.largest_write <= MAX_READ
    # While the client did not read, the proxy read nothing more from S3.
    assert relay.peak_unflushed == relay.largest_write


async def test_client_leaving_mid_download_cancels_upstream(client, capture):
    async def stall(reader, writer):
        # Headers and a first chunk, then nothing: the proxy would wait on S3 for minutes.
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 104857600\r\n\r\n" + b"x" * 10)
        await writer.drain()
        assert await reader.read() == b""  # returns when the proxy closes its connection

    capture.streamer = stall
    await capture.start()
    async with client.stream("GET", "helium/s3/capture/b/huge") as r:
        assert r.status_code == 200
        first = await r.aiter_raw().__anext__()
        assert first
    # Leaving the block closed our connection mid-body: the upstream connection must go too.
    await asyncio.wait_for(capture.connection_closed.wait(), GUARD)
    assert await proxy_tasks_left() == []


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
async def test_client_leaving_mid_upload_cancels_upstream(client, capture, server_url, token, framing):
    await capture.start()
    host, port = server_url.split("//")[1].split("/")[0].split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    head = f"PUT /a%40b/helium/s3/capture/b/partial HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: token {token}\r\n"
    if framing == "chunked":
        # Upstream is then chunked too: a cut-short body must not end with a clean last chunk.
        head += "Transfer-Encoding: chunked\r\n\r\n"
        data = f"{MiB:x}\r\n".encode() + b"y" * MiB + b"\r\n"
    else:
        head += f"Content-Length: {50 * MiB}\r\n\r\n"
        data = b"y" * MiB
    writer.write(head.encode() + data)
    await writer.drain()
    # The proxy has connected upstream and is piping the body: its first bytes arrived there.
    await asyncio.wait_for(capture.body_started.wait(), GUARD)
    writer.close()
    await asyncio.wait_for(capture.connection_closed.wait(), GUARD)
    assert capture.requests == []  # the upstream never saw a complete request
    assert await proxy_tasks_left() == []


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
async def test_upstream_dying_mid_body_is_not_passed_off_as_complete(client, capture, framing):
    async def die(reader, writer):
        if framing == "chunked":
            writer.write(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\na\r\n" + b"x" * 10 + b"\r\n")
        else:
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n" + b"x" * 10)
        await writer.drain()

    capture.streamer = die
    await capture.start()
    # The proxy cuts the connection instead of finishing the response: the client sees an error.
    with pytest.raises(httpx.RemoteProtocolError):
        await client.get("helium/s3/capture/b/k")

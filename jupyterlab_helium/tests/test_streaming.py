"""Bodies stream through the proxy without being buffered, and a client that leaves stops the work."""

from __future__ import annotations

import asyncio
import hashlib
import random

import httpx
import pytest

from .conftest import BUCKET
from .memory import PeakRss
from .s3paths import object_path

MiB = 1024 * 1024
SIZE = 100 * MiB
MAX_GROWTH = 40 * MiB


def proxy_tasks() -> list[asyncio.Task]:
    """Pending tasks started by the proxy (upstream send or response relay)."""
    names = ("S3ProxyHandler", "AsyncClient.send", "_relay_response")
    return [
        t
        for t in asyncio.all_tasks()
        if not t.done() and any(n in repr(t.get_coro()) for n in names)
    ]


async def test_100_mib_streams_both_ways_in_bounded_memory(client, s3):
    path = object_path(BUCKET, "big/100 MiB.bin")
    rng = random.Random(1234)
    sent_hash = hashlib.sha256()

    async def body():
        for _ in range(SIZE // MiB):
            chunk = rng.randbytes(MiB)
            sent_hash.update(chunk)
            yield chunk

    with PeakRss() as up:
        r = await client.put(path, content=body(), headers={"Content-Length": str(SIZE)}, timeout=120)
    assert r.status_code == 200, r.text
    assert s3.head_object(Bucket=BUCKET, Key="big/100 MiB.bin")["ContentLength"] == SIZE

    got_hash, got, reads = hashlib.sha256(), 0, 0
    with PeakRss() as down:
        async with client.stream("GET", path, timeout=120) as r:
            assert r.status_code == 200
            assert r.headers["content-length"] == str(SIZE)
            assert "transfer-encoding" not in r.headers
            async for chunk in r.aiter_raw():
                got_hash.update(chunk)
                got += len(chunk)
                reads += 1
    print(f"peak RSS growth: upload {up.growth / MiB:.1f} MiB, download {down.growth / MiB:.1f} MiB")
    assert got == SIZE and reads > 100
    assert got_hash.hexdigest() == sent_hash.hexdigest()
    assert up.growth < MAX_GROWTH, f"upload grew RSS by {up.growth / MiB:.1f} MiB"
    assert down.growth < MAX_GROWTH, f"download grew RSS by {down.growth / MiB:.1f} MiB"


async def test_client_leaving_mid_download_cancels_upstream(client, capture):
    async def stall(reader, writer):
        # Headers and a first chunk, then nothing: the proxy would wait on S3 for minutes.
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 104857600\r\n\r\n" + b"x" * 10)
        await writer.drain()
        print("DEBUG stall waiting", __import__("time").monotonic())
        assert await reader.read() == b""  # returns when the proxy closes its connection

    capture.streamer = stall
    await capture.start()
    async with client.stream("GET", "helium/s3/capture/b/huge") as r:
        assert r.status_code == 200
        first = await r.aiter_raw().__anext__()
        assert first
    # Leaving the block closed our connection mid-body: the upstream connection must go too.
    print("DEBUG client left", __import__("time").monotonic())
    await asyncio.wait_for(capture.connection_closed.wait(), 10)
    print("DEBUG closed seen", __import__("time").monotonic())
    for _ in range(50):
        if not proxy_tasks():
            break
        await asyncio.sleep(0.05)
    assert proxy_tasks() == []


@pytest.mark.parametrize("framing", ["content-length", "chunked"])
async def test_client_leaving_mid_upload_cancels_upstream(client, capture, server_url, token, framing):
    await capture.start()
    host, port = server_url.split("//")[1].split("/")[0].split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    head = (
        "PUT /a%40b/helium/s3/capture/b/partial HTTP/1.1\r\n"
        f"Host: {host}:{port}\r\nAuthorization: token {token}\r\n"
    )
    if framing == "chunked":
        # Upstream is then chunked too: a cut-short body must not end with a clean last chunk.
        head += "Transfer-Encoding: chunked\r\n\r\n"
        data = f"{MiB:x}\r\n".encode() + b"y" * MiB + b"\r\n"
    else:
        head += f"Content-Length: {50 * MiB}\r\n\r\n"
        data = b"y" * MiB
    writer.write(head.encode() + data)
    await writer.drain()
    await asyncio.sleep(0.3)  # the proxy has connected upstream and is piping the body
    writer.close()
    await asyncio.wait_for(capture.connection_closed.wait(), 10)
    assert capture.requests == []  # the upstream never saw a complete request
    for _ in range(50):
        if not proxy_tasks():
            break
        await asyncio.sleep(0.05)
    assert proxy_tasks() == []


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

"""``POST /helium/workspace-download/<connection>``: the server reads an object into the workspace.

Against the local S3 (moto, versioning on) and the workspace folder of pytest-jupyter's server;
faults S3 cannot be made to produce (a stream that breaks off, a page that goes away) come from
the recording fake endpoint behind the ``capture`` connection.
"""

from __future__ import annotations

import asyncio
import json
import os

import pytest
from jupyter_server.auth.authorizer import Authorizer
from traitlets.config import Config

from .conftest import BUCKET, OTHER_BUCKET

PARTIAL = ".helium-partial"


@pytest.fixture
def helium_connections(helium_connections, moto_url):
    return [*helium_connections, {"name": "limited", "endpoint_url": moto_url, "allowed_buckets": [OTHER_BUCKET]}]


async def download(client, connection: str = "default", **body):
    """(status, JSON lines or the error body) of one workspace download."""
    r = await client.post(f"helium/workspace-download/{connection}", json=body)
    if r.status_code != 200:
        return r.status_code, r.json()
    return 200, [json.loads(line) for line in r.text.splitlines()]


async def test_writes_the_object_to_the_partial_file_only(client, s3, jp_root_dir):
    key = "dl/a b+ü%20 #1.bin"
    data = os.urandom(3 * 1024 * 1024 + 17)
    version = s3.put_object(Bucket=BUCKET, Key=key, Body=data)["VersionId"]
    (jp_root_dir / "data").mkdir()
    (jp_root_dir / "data" / "x.bin").write_bytes(b"the file the person already has")

    status, lines = await download(client, bucket=BUCKET, key=key, path="data/x.bin")

    assert status == 200
    assert lines[0]["total"] == len(data) and lines[0]["versionId"] == version
    assert lines[-1] == {"done": True, "bytes": len(data), "partial": f"data/x.bin{PARTIAL}"}
    assert all(line["bytes"] <= len(data) for line in lines[1:-1])
    assert (jp_root_dir / "data" / f"x.bin{PARTIAL}").read_bytes() == data
    # Replacing the file is the page's step (a rename, once it has the whole file).
    assert (jp_root_dir / "data" / "x.bin").read_bytes() == b"the file the person already has"


async def test_reads_the_version_asked_for(client, s3, jp_root_dir):
    old = s3.put_object(Bucket=BUCKET, Key="dl/v.txt", Body=b"old")["VersionId"]
    s3.put_object(Bucket=BUCKET, Key="dl/v.txt", Body=b"new")

    status, lines = await download(client, bucket=BUCKET, key="dl/v.txt", versionId=old, path="v.txt")

    assert status == 200 and lines[-1]["done"] and lines[0]["versionId"] == old
    assert (jp_root_dir / f"v.txt{PARTIAL}").read_bytes() == b"old"


async def test_a_missing_key_writes_nothing(client, jp_root_dir):
    status, body = await download(client, bucket=BUCKET, key="dl/no such key", path="gone.txt")

    assert status == 404 and body["code"] == "NoSuchKey"
    assert "s3://" in body["message"] and "dl/no such key" in body["message"]
    assert not (jp_root_dir / f"gone.txt{PARTIAL}").exists()


async def test_an_archived_object_says_so_and_writes_nothing(client, s3, jp_root_dir):
    s3.put_object(Bucket=BUCKET, Key="dl/cold.csv", Body=b"a,b\n", StorageClass="DEEP_ARCHIVE")

    status, body = await download(client, bucket=BUCKET, key="dl/cold.csv", path="cold.csv")

    assert status == 403 and body["code"] == "InvalidObjectState"
    assert "dl/cold.csv is archived in S3 Glacier Deep Archive" in body["message"]
    assert "Restore from Archive" in body["message"]
    assert not (jp_root_dir / f"cold.csv{PARTIAL}").exists()


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("../outside.txt", 400, "InvalidWorkspacePath"),
        ("no-such-folder/x.txt", 404, "NoSuchWorkspaceFolder"),
        (".hidden/x.txt", 400, "HiddenWorkspacePath"),
        ("folder/", 400, "InvalidRequest"),
        ("", 400, "InvalidRequest"),
    ],
)
async def test_refuses_paths_the_workspace_would_not_save(client, s3, jp_root_dir, path, status, code):
    s3.put_object(Bucket=BUCKET, Key="dl/p.txt", Body=b"p")
    (jp_root_dir / ".hidden").mkdir(exist_ok=True)

    got, body = await download(client, bucket=BUCKET, key="dl/p.txt", path=path)

    assert (got, body["code"]) == (status, code)
    assert not list(jp_root_dir.parent.rglob(f"*{PARTIAL}"))


async def test_keeps_to_the_connections_buckets(client, s3, jp_root_dir):
    s3.put_object(Bucket=BUCKET, Key="dl/b.txt", Body=b"b")

    status, body = await download(client, "limited", bucket=BUCKET, key="dl/b.txt", path="b.txt")

    assert status == 403 and body["code"] == "BucketNotAllowed"
    assert not (jp_root_dir / f"b.txt{PARTIAL}").exists()


async def test_bad_request_bodies_are_refused(client):
    r = await client.post("helium/workspace-download/default", content=b"not json")
    assert r.status_code == 400 and "JSON" in r.json()["message"]
    status, body = await download(client, bucket=BUCKET, key="folder/", path="x")
    assert status == 400 and "not a folder" in body["message"]
    status, body = await download(client, "nope", bucket=BUCKET, key="k", path="x")
    assert status == 404 and body["code"] == "UnknownConnection"


async def test_a_broken_stream_is_read_on_from_where_it_stopped(client, capture, jp_root_dir):
    data = bytes(range(256)) * 8  # 2,048 bytes
    etag = '"0123456789abcdef0123456789abcdef"'

    async def break_then_resume(reader, writer):
        request = capture.requests[-1]
        if request.header("Range") is None:
            head = f"HTTP/1.1 200 OK\r\nContent-Length: {len(data)}\r\nETag: {etag}\r\n\r\n"
            writer.write(head.encode() + data[:700])
        else:
            start = int(request.header("Range").split("=")[1].rstrip("-"))
            rest = data[start:]
            head = (
                f"HTTP/1.1 206 Partial Content\r\nContent-Length: {len(rest)}\r\n"
                f"Content-Range: bytes {start}-{len(data) - 1}/{len(data)}\r\nETag: {etag}\r\n\r\n"
            )
            writer.write(head.encode() + rest)
        await writer.drain()

    capture.streamer = break_then_resume
    await capture.start()

    status, lines = await download(client, "capture", bucket="b", key="k", path="resumed.bin")

    assert status == 200 and lines[-1].get("done"), lines
    assert (jp_root_dir / f"resumed.bin{PARTIAL}").read_bytes() == data
    second = capture.requests[1]
    # Read on from the byte it stopped at, and only while the object is still the same one.
    assert second.header("Range") == "bytes=700-" and second.header("If-Match") == etag


async def test_a_stream_that_cannot_be_read_on_leaves_no_file(client, capture, jp_root_dir):
    async def always_break(reader, writer):
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + b"x" * 100)
        await writer.drain()

    capture.streamer = always_break
    await capture.start()

    status, lines = await download(client, "capture", bucket="b", key="k", path="broken.bin")

    assert status == 200 and lines[-1]["error"]["code"] == "DownloadInterrupted"
    assert "nothing was saved" in lines[-1]["error"]["message"]
    assert not (jp_root_dir / f"broken.bin{PARTIAL}").exists()


async def test_a_page_that_goes_away_stops_the_download_and_removes_the_file(client, capture, jp_root_dir):
    release = asyncio.Event()

    async def trickle(reader, writer):
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 10000000\r\n\r\n" + b"y" * (2 * 1024 * 1024))
        await writer.drain()
        await release.wait()  # then holds the rest back, as a slow S3 would

    capture.streamer = trickle
    await capture.start()
    partial = jp_root_dir / f"left.bin{PARTIAL}"

    async with client.stream(
        "POST", "helium/workspace-download/capture", json={"bucket": "b", "key": "k", "path": "left.bin"}
    ) as r:
        async for line in r.aiter_lines():
            if '"bytes"' in line and partial.exists():
                break  # the page goes away mid-download

    for _ in range(200):
        if not partial.exists():
            break
        await asyncio.sleep(0.05)
    release.set()
    assert not partial.exists()


class NoContentsWrites(Authorizer):
    async def is_authorized(self, handler, user, action, resource) -> bool:
        return not (resource == "contents" and action == "write")


class TestAuthorizer:
    @pytest.fixture
    def jp_server_config(self, helium_connections):
        return Config(
            {
                "ServerApp": {"jpserver_extensions": {"jupyterlab_helium": True}, "authorizer_class": NoContentsWrites},
                "Helium": {"connections": helium_connections},
            }
        )

    async def test_a_user_who_may_not_write_files_may_not_download_into_the_workspace(self, client, s3, jp_root_dir):
        s3.put_object(Bucket=BUCKET, Key="dl/a.txt", Body=b"a")
        status, body = await download(client, bucket=BUCKET, key="dl/a.txt", path="a.txt")
        assert status == 403 and body["code"] == "NotAuthorized" and "contents" in body["message"]
        assert not (jp_root_dir / f"a.txt{PARTIAL}").exists()


async def test_needs_a_login_and_the_xsrf_token(anon_client, server_url, token, s3, jp_root_dir):
    s3.put_object(Bucket=BUCKET, Key="dl/auth.txt", Body=b"a")
    body = {"bucket": BUCKET, "key": "dl/auth.txt", "path": "auth.txt"}

    r = await anon_client.post("helium/workspace-download/default", json=body)
    assert r.status_code == 403

    # A logged-in browser (cookie) without the XSRF header: a forged cross-site POST.
    r = await anon_client.get("login")
    r = await anon_client.get("helium/connections", params={"token": token})
    assert r.status_code == 200
    r = await anon_client.post("helium/workspace-download/default", json=body)
    assert r.status_code == 403 and "xsrf" in r.text.lower()
    assert not (jp_root_dir / f"auth.txt{PARTIAL}").exists()

    r = await anon_client.post(
        "helium/workspace-download/default", json=body, headers={"X-XSRFToken": anon_client.cookies["_xsrf"]}
    )
    assert r.status_code == 200 and (jp_root_dir / f"auth.txt{PARTIAL}").read_bytes() == b"a"

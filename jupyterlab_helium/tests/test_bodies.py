"""Request bodies arrive in S3 byte for byte, whatever their framing or label, or not at all.

Against two real servers: moto's plain server, which stores an empty object (and answers 200)
when a body is labelled as a form, and our local S3 (``scripts/local_s3.py``), which stores it.
Through the first, the proxy must notice and undo the write; through the second, the bytes
round-trip. Checks that need a byte-exact look at what reaches the upstream use the recording
endpoint.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import boto3
import pytest

from .conftest import ACCESS_KEY, BUCKET, REGION, SECRET_KEY
from .s3paths import object_path, xml_error_code
from .test_streaming import proxy_tasks_left

LOCAL_S3 = Path(__file__).resolve().parents[2] / "scripts" / "local_s3.py"
MiB = 1024 * 1024


@pytest.fixture(scope="module")
def local_s3_url(aws_env, tmp_path_factory):
    """Our local S3 (moto with the project's fixes, as make demo and make test run it)."""
    folder = tmp_path_factory.mktemp("local-s3")
    url_file = folder / "url"
    log = open(folder / "local_s3.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, str(LOCAL_S3), "--url-file", str(url_file), "--bucket", BUCKET], stdout=log, stderr=log
    )
    deadline = time.monotonic() + 60
    while not url_file.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"local S3 did not start (see {log.name})")
        time.sleep(0.1)
    try:
        yield url_file.read_text().strip()
    finally:
        proc.terminate()
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:  # a loaded machine: do not fail the test for its teardown
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture
def helium_connections(helium_connections, local_s3_url):
    return [*helium_connections, {"name": "local", "endpoint_url": local_s3_url}]


@pytest.fixture
def local_s3(local_s3_url):
    return boto3.client(
        "s3",
        endpoint_url=local_s3_url,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
    )


FORM_TYPES = [
    None,  # httpx sends no Content-Type (curl would say application/x-www-form-urlencoded)
    "application/x-www-form-urlencoded",
    "application/x-www-form-urlencoded; charset=utf-8",
    "multipart/form-data; boundary=xyz",
    "text/plain",
    "application/octet-stream",
]


def versions_of(s3, key):
    listing = s3.list_object_versions(Bucket=BUCKET, Prefix=key)
    return [v for v in listing.get("Versions", []) if v["Key"] == key]


def b64sha256(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


@pytest.mark.parametrize("ctype", FORM_TYPES)
async def test_a_put_stores_the_bytes_sent_or_fails_and_stores_nothing_new(client, s3, ctype):
    key = f"bodies/any-type-{FORM_TYPES.index(ctype)}.bin"
    s3.put_object(Bucket=BUCKET, Key=key, Body=b"the data that was there")
    before = versions_of(s3, key)
    body = bytes(range(256)) * 40
    headers = {"Content-Type": ctype} if ctype else {}
    r = await client.put(object_path(BUCKET, key), content=body, headers=headers)
    after = versions_of(s3, key)
    stored = s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    if r.status_code == 200:
        assert stored == body
        assert len(after) == len(before) + 1
    else:
        # moto's form parsing ate the body: the proxy said so and took the empty version back.
        assert r.status_code == 502, r.text
        assert xml_error_code(r.content) == "StoredOtherBytes"
        assert "deleted again" in r.text
        assert [v["VersionId"] for v in after] == [v["VersionId"] for v in before]
        assert stored == b"the data that was there"


async def test_form_typed_bodies_fail_through_plain_moto(client, s3):
    """The fault is real: plain moto drops form bodies, so this path must answer 502, not 200."""
    key = "bodies/form.bin"
    r = await client.put(
        object_path(BUCKET, key), content=b"x" * 1000, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert r.status_code == 502
    assert versions_of(s3, key) == []


async def test_an_upload_part_stored_empty_fails(client, s3):
    """Parts are not hashed with MD5 by the proxy; one that plain moto stores empty still fails."""
    key = "bodies/form-part.bin"
    upload_id = s3.create_multipart_upload(Bucket=BUCKET, Key=key)["UploadId"]
    try:
        part = f"{object_path(BUCKET, key)}?partNumber=1&uploadId={quote(upload_id, safe='')}"
        # plain moto's form parser takes this body and stores the part empty, answering 200
        r = await client.put(part, content=b"p" * 1000, headers={"Content-Type": "multipart/form-data; boundary=xyz"})
        assert r.status_code == 502, r.text
        assert xml_error_code(r.content) == "StoredOtherBytes"
        assert "stored 0 bytes of the 1,000" in r.text
        r = await client.put(part, content=b"p" * 1000, headers={"Content-Type": "application/octet-stream"})
        assert r.status_code == 200, r.text
        assert r.headers["etag"].strip('"') == hashlib.md5(b"p" * 1000).hexdigest()
    finally:
        s3.abort_multipart_upload(Bucket=BUCKET, Key=key, UploadId=upload_id)


async def test_a_body_that_does_not_match_its_checksum_is_not_stored(client, s3):
    key = "bodies/bad-digest.bin"
    r = await client.put(
        object_path(BUCKET, key),
        content=b"what was sent",
        headers={"x-amz-checksum-sha256": b64sha256(b"something else")},
    )
    assert r.status_code == 400
    assert xml_error_code(r.content) == "BadDigest"
    assert versions_of(s3, key) == []
    r = await client.put(
        object_path(BUCKET, key), content=b"right", headers={"x-amz-checksum-sha256": b64sha256(b"right")}
    )
    assert r.status_code == 200
    assert s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() == b"right"


async def test_chunked_and_expect_100_continue_bodies_arrive_whole(client, s3, server_url, token):
    host, port = server_url.split("//")[1].split("/")[0].split(":")
    base = server_url.split("//")[1].partition("/")[2]

    async def raw_put(key: str, head_extra: str, body_frames: list[bytes], wait_continue: bool) -> bytes:
        reader, writer = await asyncio.open_connection(host, int(port))
        path = "/" + base + object_path(BUCKET, key)
        writer.write(
            (
                f"PUT {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: token {token}\r\n"
                f"Content-Type: application/octet-stream\r\n{head_extra}\r\n"
            ).encode()
        )
        await writer.drain()
        if wait_continue:
            line = await asyncio.wait_for(reader.readline(), 30)
            assert line.startswith(b"HTTP/1.1 100"), line
            await reader.readline()  # the blank line after 100 Continue
        for frame in body_frames:
            writer.write(frame)
            await writer.drain()
        status = await asyncio.wait_for(reader.readline(), 60)
        writer.close()
        return status

    data = b"chunked body " * 5000
    frames = [
        f"{len(data[:30000]):x}\r\n".encode() + data[:30000] + b"\r\n",
        f"{len(data[30000:]):x}\r\n".encode() + data[30000:] + b"\r\n",
        b"0\r\n\r\n",
    ]
    status = await raw_put("bodies/chunked.bin", "Transfer-Encoding: chunked\r\n", frames, False)
    assert status.startswith(b"HTTP/1.1 200"), status
    assert s3.get_object(Bucket=BUCKET, Key="bodies/chunked.bin")["Body"].read() == data

    status = await raw_put(
        "bodies/continue.bin", f"Content-Length: {len(data)}\r\nExpect: 100-continue\r\n", [data], True
    )
    assert status.startswith(b"HTTP/1.1 200"), status
    assert s3.get_object(Bucket=BUCKET, Key="bodies/continue.bin")["Body"].read() == data


async def test_a_client_that_leaves_mid_body_stores_nothing(client, s3, server_url, token):
    host, port = server_url.split("//")[1].split("/")[0].split(":")
    base = server_url.split("//")[1].partition("/")[2]
    key = "bodies/left.bin"
    reader, writer = await asyncio.open_connection(host, int(port))
    writer.write(
        (
            f"PUT /{base}{object_path(BUCKET, key)} HTTP/1.1\r\nHost: {host}:{port}\r\n"
            f"Authorization: token {token}\r\nContent-Length: 100000\r\n\r\n"
        ).encode()
        + b"z" * 1000
    )
    await writer.drain()
    writer.close()
    # The proxy cut its upstream request short of its Content-Length once our connection closed.
    assert await proxy_tasks_left() == []
    assert versions_of(s3, key) == []


@pytest.mark.parametrize("ctype", FORM_TYPES)
async def test_through_our_local_s3_every_labelled_body_round_trips(client, local_s3, ctype):
    key = f"bodies/local-{FORM_TYPES.index(ctype)}.bin"
    body = b"field=value&other=1\r\n--xyz\r\n" * 100
    headers = {"Content-Type": ctype} if ctype else {}
    r = await client.put(object_path(BUCKET, key, connection="local"), content=body, headers=headers)
    assert r.status_code == 200, r.text
    stored = local_s3.get_object(Bucket=BUCKET, Key=key)
    assert stored["Body"].read() == body
    if ctype:
        assert stored["ContentType"] == ctype  # the label is kept as the object's Content-Type


async def test_a_100_mib_form_typed_put_round_trips(client, local_s3):
    key = "bodies/form-100mib.bin"
    block = hashlib.sha256(b"seed").digest() * (MiB // 32)
    body = block * 100
    r = await client.put(
        object_path(BUCKET, key, connection="local"),
        content=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", "x-amz-checksum-sha256": b64sha256(body)},
    )
    assert r.status_code == 200, r.text
    stored = local_s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    assert len(stored) == len(body)
    assert hashlib.sha256(stored).digest() == hashlib.sha256(body).digest()

"""Unit tests of the small pieces: body pipe backpressure, signing of odd paths, header rules."""

from __future__ import annotations

import asyncio

import pytest
from botocore.credentials import ReadOnlyCredentials

from jupyterlab_helium.body import BodyAborted, BodyPipe
from jupyterlab_helium.errors import S3ProxyError
from jupyterlab_helium.headers import forward_request_header, response_headers
from jupyterlab_helium.signing import sign_request
from jupyterlab_helium.target import path_from_query, upstream_target

from . import sigv4_check

CREDS = ReadOnlyCredentials("AKIDUNIT", "unit/secret+key", None)


async def test_pipe_applies_backpressure_and_keeps_order():
    pipe = BodyPipe(max_chunks=2)
    await pipe.put(b"a")
    await pipe.put(b"b")
    blocked = asyncio.ensure_future(pipe.put(b"c"))
    await asyncio.sleep(0.01)
    assert not blocked.done()  # full: the producer waits
    out = []

    async def consume():
        async for chunk in pipe.chunks():
            out.append(chunk)

    reader = asyncio.ensure_future(consume())
    await blocked
    await pipe.end()
    await reader
    assert out == [b"a", b"b", b"c"]


async def test_pipe_close_wakes_producer_and_fails_reader():
    pipe = BodyPipe(max_chunks=1)
    await pipe.put(b"a")
    blocked = asyncio.ensure_future(pipe.put(b"b"))
    await asyncio.sleep(0.01)
    pipe.close()
    await asyncio.wait_for(blocked, 1)
    await pipe.put(b"dropped")  # never blocks once closed
    with pytest.raises(BodyAborted):
        async for _ in pipe.chunks():
            pass


@pytest.mark.parametrize(
    "target",
    [
        "/bkt/a%20b%2Bc%25d/%C3%BC%20%F0%9F%98%80.txt",
        "/bkt/a/../b/./c",
        "/bkt/k%21%27%28%29%2A?versionId=3%2Fx%2By&x-id=GetObject",
        "/bkt?list-type=2&prefix=a%2F&delimiter=%2F&continuation-token=1%2Fab%3D%3D",
        "/bkt/k?uploads",
        "/",
    ],
)
def test_signature_verifies_independently(target):
    headers = [("x-amz-meta-helium", '{"a": 1}'), ("Content-Type", "text/plain")]
    signed = sign_request("PUT", "http://127.0.0.1:9000", target, headers, CREDS, "eu-west-1")
    names = [k.lower() for k, _ in signed]
    assert names.count("host") == 1 and dict((k.lower(), v) for k, v in signed)["host"] == "127.0.0.1:9000"
    sigv4_check.check("PUT", target, signed, "AKIDUNIT", "unit/secret+key", "eu-west-1")


def test_signature_covers_the_path_exactly():
    a = sign_request("GET", "http://h", "/b/a%20b", [], CREDS, "us-east-1")
    b = sign_request("GET", "http://h", "/b/a%2Bb", [], CREDS, "us-east-1")
    with pytest.raises(AssertionError):  # a signature for one key is not valid for another
        sigv4_check.check("GET", "/b/a%2Bb", a, "AKIDUNIT", "unit/secret+key", "us-east-1")
    sigv4_check.check("GET", "/b/a%2Bb", b, "AKIDUNIT", "unit/secret+key", "us-east-1")


def test_session_token_and_payload_marker():
    creds = ReadOnlyCredentials("AKID", "secret", "session-token")
    signed = dict((k.lower(), v) for k, v in sign_request("PUT", "https://s3.x", "/b/k", [], creds, "r"))
    assert signed["x-amz-security-token"] == "session-token"
    assert signed["x-amz-content-sha256"] == "UNSIGNED-PAYLOAD"
    trailer = dict(
        (k.lower(), v)
        for k, v in sign_request("PUT", "https://s3.x", "/b/k", [], creds, "r", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
    )
    assert trailer["x-amz-content-sha256"] == "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
    forged = dict((k.lower(), v) for k, v in sign_request("PUT", "https://s3.x", "/b/k", [], creds, "r", "0" * 64))
    assert forged["x-amz-content-sha256"] == "UNSIGNED-PAYLOAD"


def test_header_rules():
    for ok in ("Content-Type", "content-length", "Range", "If-Match", "x-amz-meta-a", "X-Amz-Checksum-Sha256"):
        assert forward_request_header(ok), ok
    for bad in (
        "Authorization",
        "Cookie",
        "X-XSRFToken",
        "Host",
        "Origin",
        "Referer",
        "amz-sdk-request",
        "x-amz-date",
        "X-Amz-Security-Token",
        "x-amz-content-sha256",
        "Transfer-Encoding",
        "Expect",
    ):
        assert not forward_request_header(bad), bad
    back = response_headers(
        [
            ("Connection", "close, X-Hop"),
            ("X-Hop", "1"),
            ("Transfer-Encoding", "chunked"),
            ("Content-Encoding", "gzip"),
            ("Content-Length", "5"),
            ("TE", "x"),
            ("Trailer", "y"),
            ("Upgrade", "h2"),
            ("Proxy-Foo", "z"),
            ("ETag", '"e"'),
        ]
    )
    assert back == [("Content-Encoding", "gzip"), ("Content-Length", "5"), ("ETag", '"e"')]


@pytest.mark.parametrize(
    "rest, query",
    [
        ("x", ""),
        ("//evil.com/x", ""),
        ("/a/http://evil/", ""),
        ("/a\\b", ""),
        ("/a", "u=http://e"),
        ("/a b", ""),
        ("/ü", ""),
        ("/a#b", ""),
    ],
)
def test_targets_refused(rest, query):
    with pytest.raises(S3ProxyError) as info:
        upstream_target("", rest, query)
    assert info.value.status_code == 400 and info.value.code == "InvalidRequest"


def test_targets_built():
    assert upstream_target("", "", "") == "/"
    assert upstream_target("/prefix", "/b/k%2F", "a=1&token=secret&b&_xsrf=x") == "/prefix/b/k%2F?a=1&b"
    assert upstream_target("", "/b", "token=only") == "/b"


def test_path_from_query():
    assert path_from_query("/b/k", "versionId=1") == ("/b/k", "versionId=1")
    assert path_from_query("/b/", "") == ("/b/", "")
    assert path_from_query("/b/", "versionId=1&helium-path=%2Fb%2Fa%2F..%2Fk&x-id=GetObject") == (
        "/b/a/../k",
        "versionId=1&x-id=GetObject",
    )
    assert path_from_query("/b", "helium-path=/b/%2525") == ("/b/%25", "")


@pytest.mark.parametrize(
    "rest, query",
    [
        ("/b/", "helium-path=%2Fother%2Fk"),
        ("/b/k/", "helium-path=%2Fb%2Fk"),
        ("/", "helium-path=%2F%2Fk"),
        ("/b/", "helium-path=b%2Fk"),
        ("/b/", "helium-path=%2Fb%2Fa&helium-path=%2Fb%2Fc"),
    ],
)
def test_path_from_query_refused(rest, query):
    with pytest.raises(S3ProxyError) as info:
        path_from_query(rest, query)
    assert info.value.status_code == 400 and info.value.code == "InvalidRequest"

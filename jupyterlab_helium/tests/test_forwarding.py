"""What exactly the proxy sends upstream, observed on a recording fake endpoint.

Raw path and query byte for byte, the header allow-list, a valid SigV4 signature (checked by an
independent implementation), a non-chunked body with Content-Length, and the headers passed back.
"""

from __future__ import annotations

from . import sigv4_check
from .conftest import ACCESS_KEY, SECRET_KEY
from .s3paths import ODD_KEY, enc

CAPTURE_REGION = "eu-west-3"


async def test_raw_path_and_query_are_forwarded_and_signed(client, capture, token):
    await capture.start()
    key_path = "/".join(enc(p) for p in ODD_KEY.split("/"))
    query = "versionId=v%2B1%3D&response-content-type=text%2Fplain&x-id=GetObject&token=" + token
    r = await client.get(f"helium/s3/capture/my-bucket/{key_path}?{query}")
    assert r.status_code == 200 and r.content == b"<ok/>"
    [req] = capture.requests
    assert req.method == "GET"
    # The Jupyter token never reaches S3; everything else is untouched.
    assert req.target == (f"/my-bucket/{key_path}?versionId=v%2B1%3D&response-content-type=text%2Fplain&x-id=GetObject")
    assert req.target.startswith("/my-bucket/a%20b%2Bc%25d/%C3%BC%20%F0%9F%98%80.txt?")
    assert req.header("Host") == f"127.0.0.1:{capture.port}"
    assert req.header("x-amz-content-sha256") == "UNSIGNED-PAYLOAD"
    fields = sigv4_check.check("GET", req.target, req.headers, ACCESS_KEY, SECRET_KEY, CAPTURE_REGION)
    assert "Signature" in fields


async def test_list_buckets_and_dot_segments_are_kept(client, capture):
    await capture.start()
    r = await client.get("helium/s3/capture/")
    assert r.status_code == 200
    r = await client.get("helium/s3/capture")
    assert r.status_code == 200
    # '..' and '.' segments are valid in S3 keys: never normalized away.
    r = await client.get("helium/s3/capture/b/x", extensions={"target": b"/a%40b/helium/s3/capture/b/a/../c/./d"})
    assert r.status_code == 200
    targets = [q.target for q in capture.requests]
    assert targets == ["/", "/", "/b/a/../c/./d"]
    for q in capture.requests:
        sigv4_check.check("GET", q.target, q.headers, ACCESS_KEY, SECRET_KEY, CAPTURE_REGION)


async def test_only_safe_headers_are_forwarded(client, capture, server_url):
    await capture.start()
    sent = {
        "Content-Type": "text/csv",
        "Content-MD5": "XUFAKrxLKna5cZ2REBfFkg==",
        "If-None-Match": "*",
        "Cache-Control": "no-cache",
        "Content-Disposition": "attachment",
        "Content-Language": "fr",
        "Expires": "Thu, 01 Dec 2094 16:00:00 GMT",
        "x-amz-meta-helium": '{"user_meta": {"a": 1}}',
        "x-amz-checksum-sha256": "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=",
        "x-amz-sdk-checksum-algorithm": "SHA256",
        # must be dropped:
        "x-amz-date": "19990101T000000Z",
        "x-amz-security-token": "forged-session-token",
        "x-amz-content-sha256": "0" * 64,
        "Cookie": "username-x=secret-cookie",
        "X-XSRFToken": "xsrf-value",
        "Referer": server_url + "lab",
        "amz-sdk-invocation-id": "123",
        "amz-sdk-request": "attempt=1",
        "X-Forwarded-Host": "evil.example",
        "User-Agent": "browser",
    }
    r = await client.put("helium/s3/capture/b/k", content=b"hello", headers=sent)
    assert r.status_code == 200
    [req] = capture.requests
    got = {k.lower() for k, _ in req.headers}
    for name in (
        "content-type",
        "content-md5",
        "if-none-match",
        "cache-control",
        "content-disposition",
        "content-language",
        "expires",
        "x-amz-meta-helium",
        "x-amz-checksum-sha256",
        "x-amz-sdk-checksum-algorithm",
    ):
        assert req.header(name) == sent[next(k for k in sent if k.lower() == name)], name
    for name in (
        "cookie",
        "x-xsrftoken",
        "referer",
        "amz-sdk-invocation-id",
        "amz-sdk-request",
        "x-forwarded-host",
        "x-amz-security-token",
    ):
        assert name not in got, name
    assert req.header("x-amz-date") != "19990101T000000Z"
    assert req.header("x-amz-content-sha256") == "UNSIGNED-PAYLOAD"
    assert req.header("Authorization").startswith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY)
    assert "token" not in req.header("Authorization")
    signed = sigv4_check.check("PUT", req.target, req.headers, ACCESS_KEY, SECRET_KEY, CAPTURE_REGION)
    assert "x-amz-meta-helium" in signed["SignedHeaders"].split(";")


async def test_request_body_streams_with_content_length_not_chunked(client, capture):
    await capture.start()
    size = 3 * 1024 * 1024 + 7
    pieces = 0

    async def body():
        nonlocal pieces
        sent = 0
        while sent < size:
            n = min(256 * 1024, size - sent)
            sent += n
            pieces += 1
            yield b"z" * n

    r = await client.put("helium/s3/capture/b/big", content=body(), headers={"Content-Length": str(size)})
    assert r.status_code == 200
    assert pieces > 1
    [req] = capture.requests
    assert req.header("Content-Length") == str(size)
    assert req.header("Transfer-Encoding") is None and not req.chunked
    assert req.body_length == size


async def test_response_headers_pass_back_except_hop_by_hop(client, capture):
    capture.response_headers = [
        ("Content-Type", "text/html"),
        ("ETag", '"abc"'),
        ("x-amz-version-id", "v1"),
        ("x-amz-meta-helium", '{"a":1}'),
        ("Server", "FakeS3"),
        ("Connection", "keep-alive, X-Secret-Hop"),
        ("X-Secret-Hop", "1"),
        ("Keep-Alive", "timeout=5"),
        ("Proxy-Authenticate", "Basic"),
        ("Set-Cookie", "username-x=stolen"),
        ("Access-Control-Allow-Origin", "*"),
        ("Content-Security-Policy", "default-src *"),
    ]
    capture.body = b"<html>x</html>"
    await capture.start()
    r = await client.get("helium/s3/capture/b/page.html")
    assert r.status_code == 200 and r.content == b"<html>x</html>"
    h = r.headers
    assert h["content-type"] == "text/html"
    assert h["etag"] == '"abc"' and h["x-amz-version-id"] == "v1"
    assert h["x-amz-meta-helium"] == '{"a":1}'
    assert h.get_list("server") == ["FakeS3"]
    assert h["content-length"] == str(len(b"<html>x</html>"))
    for name in ("x-secret-hop", "keep-alive", "proxy-authenticate"):
        assert name not in h, name
    assert not any("stolen" in c for c in h.get_list("set-cookie"))  # Jupyter's own login cookie may be there
    assert h.get("access-control-allow-origin") != "*"
    # Jupyter's CSP stays: an HTML object cannot run scripts on the Jupyter origin.
    assert "default-src 'none'" in h["content-security-policy"]

    r = await client.head("helium/s3/capture/b/page.html")
    assert r.status_code == 200 and r.content == b""
    assert r.headers["content-length"] == str(len(b"<html>x</html>"))

"""The proxy's own errors (S3-style XML) and refusal of anything that could pick another host."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import httpx
import pytest

from .capture import was_contacted
from .conftest import ACCESS_KEY, SECRET_KEY


def error_of(r: httpx.Response) -> tuple[str, str]:
    assert r.headers["content-type"].startswith("application/xml")
    assert r.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?><Error>')
    root = ET.fromstring(r.content)
    assert root.tag == "Error"
    message = root.findtext("Message")
    for secret in (ACCESS_KEY, SECRET_KEY, "Traceback"):
        assert secret not in r.text
    return root.findtext("Code"), message


async def test_unknown_connection(client):
    r = await client.get("helium/s3/nope/bucket/key")
    assert r.status_code == 404
    code, message = error_of(r)
    assert code == "UnknownConnection"
    assert "'nope'" in message and "'default'" in message and "c.Helium.connections" in message


async def test_unreachable_endpoint(client, closed_sock):
    for method in ("GET", "PUT", "HEAD"):
        r = await client.request(method, "helium/s3/closed/bucket/key", content=b"abc" if method == "PUT" else None)
        assert r.status_code == 502, method
        if method != "HEAD":
            code, message = error_of(r)
            assert code == "EndpointUnreachable"
            port = closed_sock.getsockname()[1]
            assert f"http://127.0.0.1:{port}" in message
            assert "running" in message and "c.Helium.connections" in message


async def test_missing_credentials(client):
    r = await client.get("helium/s3/nocreds/")
    assert r.status_code == 403
    code, message = error_of(r)
    assert code == "CredentialsMissing"
    assert message == (
        "No usable AWS credentials for connection 'nocreds': The profile \"helium-no-such-profile\" does not "
        'exist in ~/.aws/config or ~/.aws/credentials. Create it with "aws configure --profile '
        'helium-no-such-profile" (or "aws configure sso"), or name a profile that exists.'
    )


async def test_missing_credentials_without_any_source(client, monkeypatch, jp_serverapp):
    # No keys at all in the environment: the default chain finds nothing, clear message.
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    upstream = jp_serverapp.web_app.settings["helium_upstream"]
    upstream.credentials["default"]._credentials = None  # resolve again, as after a restart
    r = await client.get("helium/s3/default/")
    assert r.status_code == 403
    code, message = error_of(r)
    assert code == "CredentialsMissing" and "connection 'default'" in message
    for hint in ("AWS_PROFILE", "~/.aws/credentials", "AWS_ACCESS_KEY_ID", "restart the Jupyter server"):
        assert hint in message


async def test_upstream_protocol_failure_is_a_proxy_error(client, capture):
    async def hang_up(reader, writer):
        writer.write(b"NOT HTTP AT ALL\r\n\r\n")
        await writer.drain()

    capture.streamer = hang_up
    await capture.start()
    r = await client.get("helium/s3/capture/b/k")
    assert r.status_code == 502
    code, message = error_of(r)
    assert code == "ProxyError" and f"127.0.0.1:{capture.port}" in message


@pytest.mark.parametrize(
    "raw_path, status",
    [
        ("/helium/s3/capture//127.0.0.1:{evil}/x", 400),
        ("/helium/s3/capture//evil.com/x", 400),
        ("/helium/s3/capture/http://127.0.0.1:{evil}/x", 400),
        ("/helium/s3/capture/b/k?redirect=http://127.0.0.1:{evil}/", 400),
        ("/helium/s3/capture/b\\..\\..\\x", 400),
        ("/helium/s3/capture@127.0.0.1:{evil}/b/k", 404),
        ("/helium/s3/capture:{evil}/b/k", 404),
        ("/helium/s3/capture%2F%2F127.0.0.1:{evil}/b", 404),
    ],
)
async def test_host_injection_is_refused(client, capture, evil_sock, raw_path, status):
    await capture.start()
    evil = evil_sock.getsockname()[1]
    target = ("/a%40b" + raw_path.format(evil=evil)).encode()
    r = await client.get("helium/s3/capture/x", extensions={"target": target})
    assert r.status_code == status, r.text
    code, _ = error_of(r)
    assert code == ("InvalidRequest" if status == 400 else "UnknownConnection")
    assert capture.requests == []
    assert not was_contacted(evil_sock)


@pytest.mark.parametrize(
    "raw_path, forwarded",
    [
        ("/helium/s3/capture/@127.0.0.1:{evil}/x", "/@127.0.0.1:{evil}/x"),
        ("/helium/s3/capture/%2F%2F127.0.0.1:{evil}/x", "/%2F%2F127.0.0.1:{evil}/x"),
        ("/helium/s3/capture/b/%40127.0.0.1%3A{evil}", "/b/%40127.0.0.1%3A{evil}"),
    ],
)
async def test_odd_paths_only_reach_the_configured_endpoint(client, capture, evil_sock, raw_path, forwarded):
    await capture.start()
    evil = evil_sock.getsockname()[1]
    target = ("/a%40b" + raw_path.format(evil=evil)).encode()
    r = await client.get("helium/s3/capture/x", extensions={"target": target})
    assert r.status_code == 200
    [req] = capture.requests
    assert req.target == forwarded.format(evil=evil)
    assert req.header("Host") == f"127.0.0.1:{capture.port}"
    assert not was_contacted(evil_sock)


async def test_host_header_cannot_redirect(client, capture, evil_sock):
    await capture.start()
    evil = evil_sock.getsockname()[1]
    r = await client.get("helium/s3/capture/b/k", headers={"Host": f"127.0.0.1:{evil}"})
    assert r.status_code == 200
    assert [q.header("Host") for q in capture.requests] == [f"127.0.0.1:{capture.port}"]
    assert not was_contacted(evil_sock)


async def test_default_connection_refuses_double_slash(client, evil_sock):
    r = await client.get("helium/s3/default/x", extensions={"target": b"/a%40b/helium/s3/default//evil.com/x"})
    assert r.status_code == 400 and error_of(r)[0] == "InvalidRequest"
    r = await client.get("helium/s3/default/@evil.com")
    assert r.status_code == 404  # moto's answer for bucket "@evil.com": the request went to moto
    assert "NoSuchBucket" in r.text or "InvalidBucketName" in r.text
    assert not was_contacted(evil_sock)

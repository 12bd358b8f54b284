"""Tests that the proxy requires Jupyter authentication, and XSRF on cookie-authenticated mutations."""

from __future__ import annotations

import httpx
import pytest
from botocore.exceptions import ClientError

from .conftest import BUCKET
from .s3paths import object_path, xml_error_code


def exists(s3, key: str) -> bool:
    try:
        s3.head_object(Bucket=BUCKET, Key=key)
        return True
    except ClientError as e:
        assert e.response["Error"]["Code"] in ("404", "NoSuchKey")
        return False


@pytest.fixture
def cookie_client(server_url, token, jp_asyncio_loop):
    """A browser-like client: a login cookie and an _xsrf cookie, no token header."""
    c = httpx.AsyncClient(base_url=server_url, timeout=30.0)

    async def login():
        r = await c.get("login")  # the login page sets the _xsrf cookie
        assert r.status_code == 200 and "_xsrf" in c.cookies
        r = await c.get("helium/connections", params={"token": token})  # sets the login cookie
        assert r.status_code == 200
        assert any(name.startswith("username-") for name in c.cookies)

    jp_asyncio_loop.run_until_complete(login())
    yield c
    jp_asyncio_loop.run_until_complete(c.aclose())


async def test_unauthenticated_requests_are_refused(anon_client, s3):
    s3.put_object(Bucket=BUCKET, Key="auth/existing.txt", Body=b"keep")
    for method in ("GET", "HEAD", "PUT", "POST", "DELETE"):
        r = await anon_client.request(
            method, object_path(BUCKET, "auth/existing.txt"), content=b"x" if method == "PUT" else None
        )
        assert r.status_code == 403, method
        assert "location" not in r.headers  # no redirect to a login page for the API
        if method != "HEAD":
            assert xml_error_code(r.content) == "AccessDenied"
    r = await anon_client.get("helium/s3/default/")
    assert r.status_code == 403
    assert BUCKET not in r.text
    assert s3.get_object(Bucket=BUCKET, Key="auth/existing.txt")["Body"].read() == b"keep"


async def test_wrong_token_is_refused(anon_client, s3):
    r = await anon_client.put(
        object_path(BUCKET, "auth/wrong-token.txt"),
        content=b"x",
        headers={"Authorization": "token not-the-token"},
    )
    assert r.status_code == 403
    assert not exists(s3, "auth/wrong-token.txt")


async def test_cookie_auth_mutations_need_xsrf(cookie_client, s3):
    s3.put_object(Bucket=BUCKET, Key="auth/victim.txt", Body=b"original")
    path = object_path(BUCKET, "auth/new.txt")

    # Reads with the cookie alone work.
    r = await cookie_client.get(object_path(BUCKET, "auth/victim.txt"))
    assert r.status_code == 200 and r.content == b"original"

    # Mutations without the X-XSRFToken header are refused and change nothing.
    r = await cookie_client.put(path, content=b"forged")
    assert r.status_code == 403
    assert xml_error_code(r.content) == "AccessDenied"
    assert "xsrf" in r.text.lower()
    r = await cookie_client.delete(object_path(BUCKET, "auth/victim.txt"))
    assert r.status_code == 403
    r = await cookie_client.post(object_path(BUCKET, "auth/new.txt") + "?uploads")
    assert r.status_code == 403
    r = await cookie_client.put(path, content=b"forged", headers={"X-XSRFToken": "wrong"})
    assert r.status_code == 403

    assert not exists(s3, "auth/new.txt")
    assert s3.get_object(Bucket=BUCKET, Key="auth/victim.txt")["Body"].read() == b"original"
    versions = s3.list_object_versions(Bucket=BUCKET, Prefix="auth/victim.txt")
    assert len(versions.get("Versions", [])) == 1 and not versions.get("DeleteMarkers")
    uploads = s3.list_multipart_uploads(Bucket=BUCKET, Prefix="auth/new.txt")
    assert not uploads.get("Uploads")

    # The same requests with the XSRF header go through (so the refusals above were XSRF).
    xsrf = {"X-XSRFToken": cookie_client.cookies["_xsrf"]}
    r = await cookie_client.put(path, content=b"legit", headers=xsrf)
    assert r.status_code == 200, r.text
    assert s3.get_object(Bucket=BUCKET, Key="auth/new.txt")["Body"].read() == b"legit"
    r = await cookie_client.delete(object_path(BUCKET, "auth/victim.txt"), headers=xsrf)
    assert r.status_code == 204
    assert not exists(s3, "auth/victim.txt")


async def test_token_auth_needs_no_xsrf(client, s3):
    r = await client.put(object_path(BUCKET, "auth/token.txt"), content=b"by token")
    assert r.status_code == 200
    assert s3.get_object(Bucket=BUCKET, Key="auth/token.txt")["Body"].read() == b"by token"

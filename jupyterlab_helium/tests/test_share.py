"""Share links: ``POST /helium/share/<connection>`` signs a presigned GET URL on the server.

About the local S3: moto 5.2.5 does NOT verify presigned URLs. It treats any URL containing
``Signature=`` as signed (no signature check, no expiry check) and answers 403 only to a GET
with no signature at all. So the download below proves the URL reaches the object on the S3
endpoint without Jupyter, and the signature itself (with its expiry) is verified here by an
independent SigV4 query-signing check written from AWS's specification (not botocore).
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from botocore.credentials import ReadOnlyCredentials
from jupyter_server.auth.authorizer import Authorizer
from traitlets.config import Config

from jupyterlab_helium.config import HeliumConfigError, parse_connections
from jupyterlab_helium.share import object_url, presign_get

from .conftest import ACCESS_KEY, BUCKET, OTHER_BUCKET, REGION, SECRET_KEY
from .sigv4_check import canonical_query, canonical_uri


@pytest.fixture
def helium_connections(helium_connections, moto_url):
    return [
        *helium_connections,
        {"name": "noshare", "endpoint_url": moto_url, "share_links": False},
        {"name": "hour", "endpoint_url": moto_url, "max_share_seconds": 3600},
        {"name": "limited", "endpoint_url": moto_url, "allowed_buckets": [BUCKET]},
    ]


def check_presigned(url: str, secret_key: str = SECRET_KEY, access_key: str = ACCESS_KEY, region: str = REGION) -> dict:
    """Verify a SigV4 presigned GET URL from AWS's specification; return its query parameters."""
    parts = urlsplit(url)
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    assert params["X-Amz-Algorithm"] == "AWS4-HMAC-SHA256"
    akid, date, scope_region, service, terminator = params["X-Amz-Credential"].split("/")
    assert (akid, scope_region, service, terminator) == (access_key, region, "s3", "aws4_request")
    assert params["X-Amz-SignedHeaders"] == "host"
    unsigned_query = "&".join(p for p in parts.query.split("&") if not p.startswith("X-Amz-Signature="))
    canonical = "\n".join(
        [
            "GET",
            canonical_uri(parts.path),
            canonical_query(unsigned_query),
            f"host:{parts.netloc}\n",
            "host",
            "UNSIGNED-PAYLOAD",
        ]
    )
    to_sign = "\n".join(
        [
            "AWS4-HMAC-SHA256",
            params["X-Amz-Date"],
            f"{date}/{region}/s3/aws4_request",
            hashlib.sha256(canonical.encode()).hexdigest(),
        ]
    )
    key = f"AWS4{secret_key}".encode()
    for part in (date, region, "s3", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    expected = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    assert hmac.compare_digest(expected, params["X-Amz-Signature"]), "the presigned URL's signature does not verify"
    return params


async def share(client, connection: str, **body) -> httpx.Response:
    return await client.post(f"helium/share/{connection}", json=body)


async def test_link_downloads_the_object_without_jupyter(client, s3, moto_url):
    s3.put_object(Bucket=BUCKET, Key="share/a b+ü.csv", Body=b"x,y\n1,2\n")
    r = await share(client, "default", bucket=BUCKET, key="share/a b+ü.csv", expiresIn=3600)
    assert r.status_code == 200, r.text
    answer = r.json()
    url = answer["url"]
    assert url.startswith(f"{moto_url}/{BUCKET}/share/")  # the S3 endpoint, not Jupyter
    params = check_presigned(url)
    assert params["X-Amz-Expires"] == "3600"
    signed_at = datetime.strptime(params["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    expires_at = datetime.strptime(answer["expiresAt"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert expires_at - signed_at == timedelta(seconds=3600)
    assert answer["expiresIn"] == 3600
    # A plain HTTP client: no cookie, no token, nothing of Jupyter's.
    async with httpx.AsyncClient() as plain:
        got = await plain.get(url)
        assert got.status_code == 200 and got.content == b"x,y\n1,2\n"
        # The same URL without its signature is refused: the link is what grants access.
        assert (await plain.get(url.partition("?")[0])).status_code == 403


async def test_link_to_one_version(client, s3):
    first = s3.put_object(Bucket=BUCKET, Key="share/versions.txt", Body=b"first")["VersionId"]
    s3.put_object(Bucket=BUCKET, Key="share/versions.txt", Body=b"second")
    r = await share(client, "default", bucket=BUCKET, key="share/versions.txt", versionId=first, expiresIn=60)
    assert r.status_code == 200, r.text
    params = check_presigned(r.json()["url"])
    assert params["versionId"] == first
    async with httpx.AsyncClient() as plain:
        assert (await plain.get(r.json()["url"])).content == b"first"


async def test_refused_where_the_connection_forbids_it(client, s3):
    r = await share(client, "noshare", bucket=BUCKET, key="share/x.txt", expiresIn=60)
    assert r.status_code == 403
    assert r.json()["code"] == "ShareLinksDisabled" and "share_links is false" in r.json()["message"]
    r = await client.get("helium/connections")
    info = {c["name"]: c["share"] for c in r.json()["connections"]}
    assert info["noshare"] == {"enabled": False, "max_seconds": 604800}
    assert info["hour"] == {"enabled": True, "max_seconds": 3600}


async def test_refused_outside_allowed_buckets(client, s3):
    s3.put_object(Bucket=OTHER_BUCKET, Key="share/secret.txt", Body=b"no")
    r = await share(client, "limited", bucket=OTHER_BUCKET, key="share/secret.txt", expiresIn=60)
    assert r.status_code == 403
    assert r.json()["code"] == "BucketNotAllowed" and "allowed_buckets" in r.json()["message"]
    assert "url" not in r.json()


@pytest.mark.parametrize(
    "connection, expires, says",
    [
        ("default", 0, "from 1 to 604,800 seconds (7 days)"),
        ("default", 604801, "the longest a SigV4 presigned URL lives"),
        ("default", "1h", "whole number of seconds"),
        ("default", True, "whole number of seconds"),
        ("default", None, "whole number of seconds"),
        ("hour", 7200, "max_share_seconds of connection 'hour'"),
    ],
)
async def test_bad_expiry_is_a_clear_400(client, connection, expires, says):
    r = await share(client, connection, bucket=BUCKET, key="share/x.txt", expiresIn=expires)
    assert r.status_code == 400
    assert r.json()["code"] == "InvalidExpiry" and says in r.json()["message"]


@pytest.mark.parametrize(
    "body, says",
    [
        ({"key": "k"}, "'bucket'"),
        ({"bucket": BUCKET, "key": "folder/"}, "not a folder"),
        ({"bucket": BUCKET, "key": "a/../b"}, "'..' segment"),
        ({"bucket": BUCKET, "key": "k", "versionId": ""}, "'versionId'"),
    ],
)
async def test_bad_requests_are_a_clear_400(client, body, says):
    r = await share(client, "default", expiresIn=60, **body)
    assert r.status_code == 400 and says in r.json()["message"]


async def test_unknown_connection_and_unauthenticated(client, anon_client):
    r = await share(client, "nope", bucket=BUCKET, key="k", expiresIn=60)
    assert r.status_code == 404 and r.json()["code"] == "UnknownConnection"
    r = await share(anon_client, "default", bucket=BUCKET, key="k", expiresIn=60)
    assert r.status_code == 403 and "url" not in r.text


async def test_cookie_login_needs_xsrf(server_url, token):
    async with httpx.AsyncClient(base_url=server_url) as c:
        await c.get("login")
        assert (await c.get("helium/connections", params={"token": token})).status_code == 200
        r = await c.post("helium/share/default", json={"bucket": BUCKET, "key": "k", "expiresIn": 60})
        assert r.status_code == 403 and "url" not in r.text
        r = await c.post(
            "helium/share/default",
            json={"bucket": BUCKET, "key": "k", "expiresIn": 60},
            headers={"X-XSRFToken": c.cookies["_xsrf"]},
        )
        assert r.status_code == 200 and "X-Amz-Signature=" in r.json()["url"]


def test_virtual_hosted_url_on_aws_and_its_signature():
    [c] = parse_connections([{"name": "aws", "region": "eu-west-1"}], env={})
    url = object_url(c, "https://s3.eu-west-1.amazonaws.com", "", "my-bucket", "a/b c.txt")
    assert url == "https://my-bucket.s3.eu-west-1.amazonaws.com/a/b%20c.txt"
    dotted = object_url(c, "https://s3.eu-west-1.amazonaws.com", "", "my.bucket", "k")
    assert dotted == "https://s3.eu-west-1.amazonaws.com/my.bucket/k"  # dots break the TLS name
    creds = ReadOnlyCredentials(ACCESS_KEY, SECRET_KEY, None)
    signed, _ = presign_get(url, creds, "eu-west-1", 86400)
    assert check_presigned(signed, region="eu-west-1")["X-Amz-Expires"] == "86400"


def test_config_checks_share_fields():
    with pytest.raises(HeliumConfigError, match="share_links must be true or false"):
        parse_connections([{"name": "x", "share_links": "no"}], env={})
    for bad in (0, 604801, 1.5, "3600", True):
        with pytest.raises(
            HeliumConfigError, match="max_share_seconds must be a whole number of seconds from 1 to 604800"
        ):
            parse_connections([{"name": "x", "max_share_seconds": bad}], env={})
    [c] = parse_connections([{"name": "x", "share_links": False, "max_share_seconds": 600}], env={})
    assert not c.share_links and c.max_share_seconds == 600


class NoHeliumReads(Authorizer):
    async def is_authorized(self, handler, user, action, resource) -> bool:
        return resource != "helium"


class TestAuthorizer:
    @pytest.fixture
    def jp_server_config(self, helium_connections):
        return Config(
            {
                "ServerApp": {"jpserver_extensions": {"jupyterlab_helium": True}, "authorizer_class": NoHeliumReads},
                "Helium": {"connections": helium_connections},
            }
        )

    async def test_refused_by_the_authorizer(self, client):
        r = await share(client, "default", bucket=BUCKET, key="k", expiresIn=60)
        assert r.status_code == 403 and r.json()["code"] == "NotAuthorized" and "url" not in r.text

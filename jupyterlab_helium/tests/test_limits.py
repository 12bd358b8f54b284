"""What a connection lets through: allowed_buckets, bucket-level writes, dot segments under a prefix."""

from __future__ import annotations

import base64
import hashlib

import pytest

from jupyterlab_helium.config import HeliumConfigError, parse_connections

from .conftest import BUCKET, OTHER_BUCKET
from .s3paths import object_path, xml_error_code


@pytest.fixture
def helium_connections(helium_connections, moto_url, capture_sock):
    capture = f"http://127.0.0.1:{capture_sock.getsockname()[1]}"
    return [
        *helium_connections,
        {"name": "limited", "endpoint_url": moto_url, "allowed_buckets": [BUCKET]},
        {"name": "admin", "endpoint_url": moto_url, "allow_bucket_admin": True},
        {"name": "prefixed", "endpoint_url": f"{capture}/s3"},
    ]


async def test_allowed_buckets_are_a_limit(client, s3):
    s3.put_object(Bucket=OTHER_BUCKET, Key="secret.txt", Body=b"other")
    r = await client.get(object_path(OTHER_BUCKET, "secret.txt", connection="limited"))
    assert r.status_code == 403 and xml_error_code(r.content) == "BucketNotAllowed"
    assert "allowed_buckets" in r.text
    r = await client.get("helium/s3/limited/")  # ListBuckets would name every bucket
    assert r.status_code == 403 and xml_error_code(r.content) == "BucketNotAllowed"
    r = await client.put(object_path(BUCKET, "ok.txt", connection="limited"), content=b"ok")
    assert r.status_code == 200
    # The picker shows what may be reached.
    r = await client.get("helium/connections")
    limited = next(c for c in r.json()["connections"] if c["name"] == "limited")
    assert limited["buckets"] == [BUCKET]


@pytest.mark.parametrize(
    "method, path",
    [
        ("PUT", "helium/s3/{c}/helium-new-bucket"),  # CreateBucket
        ("DELETE", "helium/s3/{c}/" + BUCKET),  # DeleteBucket
        ("PUT", "helium/s3/{c}/" + BUCKET + "?versioning"),  # PutBucketVersioning
        ("DELETE", "helium/s3/{c}/" + BUCKET + "/?policy"),  # DeleteBucketPolicy
        ("POST", "helium/s3/{c}/" + BUCKET + "?uploads"),
    ],
)
async def test_bucket_level_writes_need_allow_bucket_admin(client, s3, method, path):
    r = await client.request(method, path.format(c="default"), content=b"" if method != "DELETE" else None)
    assert r.status_code == 403, r.text
    assert xml_error_code(r.content) == "BucketAdminNotAllowed"
    assert s3.get_bucket_versioning(Bucket=BUCKET)["Status"] == "Enabled"
    assert "helium-new-bucket" not in [b["Name"] for b in s3.list_buckets()["Buckets"]]


async def test_bucket_admin_when_allowed_and_delete_objects_always(client, s3):
    r = await client.put("helium/s3/admin/helium-made-here")
    assert r.status_code == 200, r.text
    assert "helium-made-here" in [b["Name"] for b in s3.list_buckets()["Buckets"]]
    s3.put_object(Bucket=BUCKET, Key="batch/a.txt", Body=b"a")
    body = b"<Delete><Object><Key>batch/a.txt</Key></Object></Delete>"
    md5 = base64.b64encode(hashlib.md5(body).digest()).decode()
    r = await client.post(f"helium/s3/default/{BUCKET}?delete", content=body, headers={"Content-MD5": md5})
    assert r.status_code == 200, r.text  # DeleteObjects is an object operation


@pytest.mark.parametrize("segment", ["..", ".", "%2e%2e", "%2E", ".%2e"])
async def test_dot_segments_are_refused_under_an_endpoint_prefix(client, capture, segment):
    await capture.start()
    target = f"/a%40b/helium/s3/prefixed/b/x/{segment}/y".encode()
    r = await client.get("helium/s3/prefixed/b/k", extensions={"target": target})
    assert r.status_code == 400 and xml_error_code(r.content) == "InvalidRequest"
    assert "'/s3'" in r.text
    assert capture.requests == []
    # Through helium-path too.
    r = await client.get("helium/s3/prefixed/b/", params={"helium-path": f"/b/x/{segment}/y"})
    assert r.status_code == 400
    assert capture.requests == []


def test_config_checks_allowed_buckets():
    with pytest.raises(HeliumConfigError, match="not in allowed_buckets"):
        parse_connections([{"name": "x", "buckets": ["a", "b"], "allowed_buckets": ["a"]}], env={})
    with pytest.raises(HeliumConfigError, match="at least one bucket"):
        parse_connections([{"name": "x", "allowed_buckets": []}], env={})
    with pytest.raises(HeliumConfigError, match="allow_bucket_admin must be true or false"):
        parse_connections([{"name": "x", "allow_bucket_admin": "yes"}], env={})
    [c] = parse_connections([{"name": "x", "allowed_buckets": ["a"]}], env={})
    assert c.buckets == ("a",) and c.allowed_buckets == ("a",) and not c.allow_bucket_admin

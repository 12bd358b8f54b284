"""S3 operations through the proxy against a real (moto) S3 server: objects, versions, listings."""

from __future__ import annotations

import base64
import hashlib
import json
import xml.etree.ElementTree as ET

import pytest

from .conftest import BUCKET, OTHER_BUCKET
from .s3paths import ODD_KEY, enc, object_path, xml_error_code

NS = {"s3": "http://s3.amazonaws.com/doc/2006-03-01/"}


def b64sha256(data: bytes) -> str:
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


async def test_put_get_head_delete_roundtrip_odd_key(client, s3):
    key = "odd/" + ODD_KEY
    path = object_path(BUCKET, key)
    body = "héllo, wörld 😀\n".encode() * 100
    meta = json.dumps({"target": "txt", "user_meta": {"owner": "ana"}})

    r = await client.put(
        path,
        content=body,
        headers={
            "Content-Type": "text/plain; charset=utf-8",
            "x-amz-meta-helium": meta,
            "x-amz-checksum-sha256": b64sha256(body),
            "x-amz-sdk-checksum-algorithm": "SHA256",
        },
    )
    assert r.status_code == 200, r.text
    version = r.headers["x-amz-version-id"]
    assert r.headers["x-amz-checksum-sha256"] == b64sha256(body)

    # Really stored under the exact key, with metadata and checksum (seen directly in S3).
    head = s3.head_object(Bucket=BUCKET, Key=key, ChecksumMode="ENABLED")
    assert head["Metadata"] == {"helium": meta}
    assert head["ChecksumSHA256"] == b64sha256(body)
    assert head["VersionId"] == version

    r = await client.get(path)
    assert r.status_code == 200
    assert r.content == body
    assert r.headers["content-length"] == str(len(body))
    assert r.headers["content-type"] == "text/plain; charset=utf-8"
    assert r.headers["x-amz-meta-helium"] == meta
    assert r.headers["x-amz-version-id"] == version

    r = await client.head(path)
    assert r.status_code == 200 and r.content == b""
    assert r.headers["content-length"] == str(len(body))
    assert r.headers["x-amz-meta-helium"] == meta

    r = await client.delete(path)
    assert r.status_code == 204
    assert r.headers["x-amz-delete-marker"] == "true"
    r = await client.get(path)
    assert r.status_code == 404
    assert xml_error_code(r.content) == "NoSuchKey"
    r = await client.head(path)
    assert r.status_code == 404 and r.content == b""
    # History is kept: the old version is still readable.
    r = await client.get(path, params={"versionId": version})
    assert r.status_code == 200 and r.content == body


async def test_checksum_header_reaches_s3_verbatim(client, s3):
    """S3 verifies x-amz-checksum-sha256 against the body and rejects a wrong one (BadDigest).

    moto 5.2 does not verify it (it stores whatever value it is sent), so what can be checked
    here is the proxy's part: the client's value arrives at S3 byte for byte, unrecomputed, both
    right and wrong (a proxy that recomputed or dropped it would fail these assertions).
    """
    good, wrong = b64sha256(b"actual content"), b64sha256(b"other content")
    for key, value in (("odd/good-checksum.txt", good), ("odd/wrong-checksum.txt", wrong)):
        r = await client.put(
            object_path(BUCKET, key),
            content=b"actual content",
            headers={"x-amz-checksum-sha256": value, "x-amz-sdk-checksum-algorithm": "SHA256"},
        )
        if r.status_code == 400:  # an S3 that verifies (AWS, MinIO, newer moto)
            assert xml_error_code(r.content) in ("BadDigest", "XAmzContentChecksumMismatch")
            assert value == wrong
            continue
        assert r.status_code == 200, r.text
        assert r.headers["x-amz-checksum-sha256"] == value
        head = s3.head_object(Bucket=BUCKET, Key=key, ChecksumMode="ENABLED")
        assert head["ChecksumSHA256"] == value


async def test_version_id_returns_the_old_bytes(client, s3):
    key = "versions/report+final %.csv"
    path = object_path(BUCKET, key)
    r1 = await client.put(path, content=b"version one")
    r2 = await client.put(path, content=b"version two, longer")
    v1, v2 = r1.headers["x-amz-version-id"], r2.headers["x-amz-version-id"]
    assert v1 != v2
    assert (await client.get(path)).content == b"version two, longer"
    r = await client.get(f"{path}?versionId={enc(v1)}")
    assert r.status_code == 200
    assert r.content == b"version one"
    assert r.headers["x-amz-version-id"] == v1
    r = await client.get(f"helium/s3/default/{BUCKET}?versions&prefix={enc(key)}")
    assert r.status_code == 200
    ids = [v.findtext("s3:VersionId", namespaces=NS) for v in ET.fromstring(r.content).findall("s3:Version", NS)]
    assert sorted(ids) == sorted([v1, v2])


async def test_range_returns_exact_bytes(client, s3):
    data = bytes(range(256))
    s3.put_object(Bucket=BUCKET, Key="range/bytes.bin", Body=data)
    r = await client.get(object_path(BUCKET, "range/bytes.bin"), headers={"Range": "bytes=10-19"})
    assert r.status_code == 206
    assert r.content == data[10:20]
    assert r.headers["content-length"] == "10"
    assert r.headers["content-range"] == "bytes 10-19/256"


async def test_list_objects_v2_prefix_delimiter_continuation(client, s3):
    keys = [f"list/a/{i:02d} x+y.txt" for i in range(5)] + ["list/a/sub/deep.txt", "list/b.txt"]
    for k in keys:
        s3.put_object(Bucket=BUCKET, Key=k, Body=b"x")
    base = f"helium/s3/default/{BUCKET}?list-type=2&prefix={enc('list/a/')}&delimiter=%2F&max-keys=2"

    seen, prefixes, token, pages = [], set(), None, 0
    while True:
        url = base + (f"&continuation-token={enc(token)}" if token else "")
        r = await client.get(url)
        assert r.status_code == 200, r.text
        root = ET.fromstring(r.content)
        pages += 1
        seen += [c.findtext("s3:Key", namespaces=NS) for c in root.findall("s3:Contents", NS)]
        prefixes |= {p.findtext("s3:Prefix", namespaces=NS) for p in root.findall("s3:CommonPrefixes", NS)}
        if root.findtext("s3:IsTruncated", namespaces=NS) != "true":
            break
        token = root.findtext("s3:NextContinuationToken", namespaces=NS)
        assert token
    assert pages >= 3  # continuation tokens really went through
    assert seen == [f"list/a/{i:02d} x+y.txt" for i in range(5)]
    assert prefixes == {"list/a/sub/"}


async def test_list_buckets(client):
    r = await client.get("helium/s3/default/")
    assert r.status_code == 200
    names = {b.findtext("s3:Name", namespaces=NS) for b in ET.fromstring(r.content).iter(f"{{{NS['s3']}}}Bucket")}
    assert {BUCKET, OTHER_BUCKET} <= names


async def test_multipart_upload_through_proxy(client, s3):
    key = "multi/part é.bin"
    path = object_path(BUCKET, key)
    r = await client.post(path + "?uploads")
    assert r.status_code == 200
    upload_id = ET.fromstring(r.content).findtext("s3:UploadId", namespaces=NS)
    part1, part2 = b"a" * (5 * 1024 * 1024), b"tail"
    etags = []
    for n, part in enumerate((part1, part2), start=1):
        r = await client.put(f"{path}?partNumber={n}&uploadId={enc(upload_id)}", content=part)
        assert r.status_code == 200, r.text
        etags.append(r.headers["etag"])
    complete = (
        "<CompleteMultipartUpload>"
        + "".join(f"<Part><PartNumber>{n}</PartNumber><ETag>{e}</ETag></Part>" for n, e in enumerate(etags, 1))
        + "</CompleteMultipartUpload>"
    )
    r = await client.post(f"{path}?uploadId={enc(upload_id)}", content=complete.encode())
    assert r.status_code == 200, r.text
    assert s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() == part1 + part2


async def test_dot_dot_key_is_not_normalized(client, s3):
    key = "dots/a/../b.txt"
    r = await client.put(
        "helium/s3/default/x", content=b"dots", extensions={"target": f"/a%40b/{object_path(BUCKET, key)}".encode()}
    )
    assert r.status_code == 200, r.text
    assert s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() == b"dots"


async def test_conditional_put_if_none_match(client, s3):
    path = object_path(BUCKET, "cond/manifest.jsonl")
    r = await client.put(path, content=b"first", headers={"If-None-Match": "*"})
    assert r.status_code == 200
    r = await client.put(path, content=b"second", headers={"If-None-Match": "*"})
    assert r.status_code == 412
    assert xml_error_code(r.content) == "PreconditionFailed"
    assert s3.get_object(Bucket=BUCKET, Key="cond/manifest.jsonl")["Body"].read() == b"first"


@pytest.mark.parametrize("key", ["param/a/../b.txt", "param/./c.txt", "param//d.txt", "/param-leading.txt", "param/.."])
async def test_path_in_helium_path_param_reaches_the_exact_key(client, s3, key):
    """Keys a browser's URL parser would rewrite travel in ``helium-path``; every verb reaches them."""
    raw = "/" + BUCKET + "/" + "/".join(enc(p) for p in key.split("/"))
    bucket_only = f"helium/s3/default/{BUCKET}/"
    r = await client.put(bucket_only, params={"helium-path": raw}, content=b"exact")
    assert r.status_code == 200, r.text
    version = r.headers["x-amz-version-id"]
    assert s3.get_object(Bucket=BUCKET, Key=key)["Body"].read() == b"exact"

    r = await client.get(bucket_only, params={"helium-path": raw, "versionId": version})
    assert r.status_code == 200 and r.content == b"exact"
    r = await client.head(bucket_only, params={"helium-path": raw})
    assert r.status_code == 200 and r.headers["x-amz-version-id"] == version
    r = await client.get(f"helium/s3/default/{BUCKET}", params={"versions": "", "prefix": key})
    keys = [k.text for k in ET.fromstring(r.content).findall("s3:Version/s3:Key", NS)]
    assert keys == [key]
    r = await client.delete(bucket_only, params={"helium-path": raw, "versionId": version})
    assert r.status_code == 204
    assert "Versions" not in s3.list_object_versions(Bucket=BUCKET, Prefix=key)


async def test_helium_path_param_must_match_the_bucket(client, s3):
    s3.put_object(Bucket=OTHER_BUCKET, Key="secret.txt", Body=b"other")
    for path, raw in [
        (f"helium/s3/default/{BUCKET}/", f"/{OTHER_BUCKET}/secret.txt"),  # another bucket
        (f"helium/s3/default/{BUCKET}/x/", f"/{BUCKET}/x/../y"),  # the path is more than the bucket
        (f"helium/s3/default/{BUCKET}/", "//evil.example/x"),
    ]:
        r = await client.get(path, params={"helium-path": raw})
        assert r.status_code == 400, (path, raw, r.text)
        assert xml_error_code(r.content) == "InvalidRequest"
    r = await client.get(
        f"helium/s3/default/{BUCKET}/", params=[("helium-path", f"/{BUCKET}/a"), ("helium-path", f"/{BUCKET}/b")]
    )
    assert r.status_code == 400

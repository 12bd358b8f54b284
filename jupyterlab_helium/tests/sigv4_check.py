"""An independent SigV4 (S3) signature checker, written from AWS's specification, for tests.

It does not use botocore: it rebuilds the canonical request from the raw request target and
headers the upstream received (S3 rules: each path segment URI-encoded once, query parameters
decoded, strictly re-encoded and sorted) and recomputes the signature with hmac/hashlib.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import quote, unquote


def _enc(text: str) -> str:
    return quote(text, safe="-_.~")


def canonical_uri(path: str) -> str:
    return "/".join(_enc(unquote(segment)) for segment in path.split("/"))


def canonical_query(query: str) -> str:
    pairs = []
    for part in query.split("&") if query else []:
        key, _, value = part.partition("=")
        pairs.append((_enc(unquote(key)), _enc(unquote(value))))
    return "&".join(f"{k}={v}" for k, v in sorted(pairs))


def _hmac(key: bytes, msg: str) -> bytes:
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def check(method: str, target: str, headers: list, access_key: str, secret_key: str, region: str, service: str = "s3"):
    """Return the parsed Authorization fields if the signature is valid; raise AssertionError if not."""
    lower: dict[str, list[str]] = {}
    for k, v in headers:
        lower.setdefault(k.lower(), []).append(" ".join(v.split()))
    auth = lower["authorization"][0]
    assert auth.startswith("AWS4-HMAC-SHA256 "), auth
    fields = dict(p.strip().split("=", 1) for p in auth[len("AWS4-HMAC-SHA256 ") :].split(","))
    akid, date, scope_region, scope_service, terminator = fields["Credential"].split("/")
    assert akid == access_key and scope_region == region and scope_service == service
    assert terminator == "aws4_request"
    signed = fields["SignedHeaders"].split(";")
    assert "host" in signed and "x-amz-date" in signed and "x-amz-content-sha256" in signed
    path, _, query = target.partition("?")
    canonical = "\n".join(
        [
            method,
            canonical_uri(path),
            canonical_query(query),
            "".join(f"{h}:{','.join(lower[h])}\n" for h in signed),
            ";".join(signed),
            lower["x-amz-content-sha256"][0],
        ]
    )
    amz_date = lower["x-amz-date"][0]
    assert amz_date.startswith(date)
    to_sign = "\n".join(
        [
            "AWS4-HMAC-SHA256",
            amz_date,
            f"{date}/{region}/{service}/aws4_request",
            hashlib.sha256(canonical.encode()).hexdigest(),
        ]
    )
    key = _hmac(f"AWS4{secret_key}".encode(), date)
    for part in (region, service, "aws4_request"):
        key = _hmac(key, part)
    expected = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    assert hmac.compare_digest(expected, fields["Signature"]), "SigV4 signature does not verify"
    return fields

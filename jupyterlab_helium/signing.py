"""SigV4 signing of proxied S3 requests with botocore, without hashing or buffering the body.

The path and query are signed exactly as they will be sent (already percent-encoded by the
client); ``S3SigV4Auth`` does not normalize the path, so keys with spaces, ``+``, ``%``, ``..``
or unicode keep their bytes. The payload hash is ``UNSIGNED-PAYLOAD`` (or the client's
``STREAMING-UNSIGNED-PAYLOAD-TRAILER`` for aws-chunked bodies with trailing checksums).
"""

from __future__ import annotations

from collections.abc import Iterable

from botocore.auth import UNSIGNED_PAYLOAD, S3SigV4Auth, _host_from_url
from botocore.awsrequest import AWSRequest
from botocore.credentials import ReadOnlyCredentials

STREAMING_UNSIGNED_TRAILER = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
ALLOWED_PAYLOAD_HASHES = {UNSIGNED_PAYLOAD, STREAMING_UNSIGNED_TRAILER}


class UnsignedPayloadAuth(S3SigV4Auth):
    """S3 SigV4 whose payload hash is a fixed unsigned marker, so the body is never read."""

    def __init__(self, credentials, region: str, payload_hash: str = UNSIGNED_PAYLOAD):
        super().__init__(credentials, "s3", region)
        self._payload_hash = payload_hash

    def payload(self, request) -> str:
        return self._payload_hash


def host_header(endpoint_url: str) -> str:
    """The Host header for an endpoint (lowercase, default port omitted), as SigV4 expects."""
    return _host_from_url(endpoint_url)


def sign_request(
    method: str,
    origin: str,
    target: str,
    headers: Iterable[tuple[str, str]],
    credentials: ReadOnlyCredentials,
    region: str,
    payload_hash: str = UNSIGNED_PAYLOAD,
) -> list[tuple[str, str]]:
    """Sign ``method origin+target`` and return the headers to send (including Authorization).

    ``origin`` is ``scheme://host[:port]`` of the configured endpoint; ``target`` is the
    percent-encoded path (starting with ``/``) plus ``?query`` if any.
    """
    if payload_hash not in ALLOWED_PAYLOAD_HASHES:
        payload_hash = UNSIGNED_PAYLOAD
    request = AWSRequest(method=method, url=origin + target)
    for name, value in headers:
        request.headers[name] = value  # HTTPHeaders appends: repeated headers are kept
    request.headers["Host"] = host_header(origin)
    UnsignedPayloadAuth(credentials, region, payload_hash).add_auth(request)
    return list(request.headers.items())

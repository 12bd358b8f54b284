"""What a connection lets the proxy forward, beyond authentication and the authorizer.

- ``allowed_buckets``: only those buckets are reached; ListBuckets is not forwarded (the bucket
  picker shows the allowed buckets instead).
- Bucket-level writes (CreateBucket, DeleteBucket and every ``PUT``/``DELETE`` of a bucket's
  configuration: versioning, policy, lifecycle, CORS…) are refused unless ``allow_bucket_admin``
  is set; DeleteObjects (``POST /bucket?delete``) is an object operation and passes.
- ``.`` and ``..`` path segments are refused when the endpoint has a path prefix
  (``https://gateway/s3``): a gateway that normalizes paths would step outside the prefix. On an
  endpoint without one they are part of keys S3 holds (``a/../b``) and pass through as they are.
"""

from __future__ import annotations

from urllib.parse import unquote

from .config import Connection
from .errors import S3ProxyError

DOT_SEGMENTS = {".", "..", "%2e", "%2e%2e", ".%2e", "%2e."}


def check_limits(connection: Connection, method: str, path: str, query: str, endpoint_prefix: str) -> None:
    """Raise an S3ProxyError when the connection does not let this request through.

    ``path`` is the raw S3 path (``/bucket/key…``, still percent-encoded), ``query`` the raw query.
    """
    segments = path.split("/")[1:]
    bucket = unquote(segments[0]) if segments else ""
    key_segments = segments[1:]
    if endpoint_prefix and any(s.lower() in DOT_SEGMENTS for s in segments):
        raise S3ProxyError(
            400,
            "InvalidRequest",
            f"Connection {connection.name!r} reaches S3 under the path {endpoint_prefix!r}, and a key "
            "with a '.' or '..' segment could step outside it on a gateway that normalizes paths: "
            "such keys cannot be used through this connection.",
        )
    allowed = connection.allowed_buckets
    if allowed is not None:
        if not bucket:
            raise S3ProxyError(
                403,
                "BucketNotAllowed",
                f"Connection {connection.name!r} reaches only its allowed buckets "
                f"({', '.join(allowed)}); listing all buckets is not forwarded.",
            )
        if bucket not in allowed:
            raise S3ProxyError(
                403,
                "BucketNotAllowed",
                f"Connection {connection.name!r} may not reach the bucket {bucket!r}: it is not in its "
                f"allowed_buckets ({', '.join(allowed)}). Ask the server's administrator to add it.",
            )
    bucket_level = bool(bucket) and key_segments in ([], [""])
    if bucket_level and not connection.allow_bucket_admin:
        params = {p.partition("=")[0] for p in query.split("&")} if query else set()
        if method in ("PUT", "DELETE") or (method == "POST" and "delete" not in params):
            raise S3ProxyError(
                403,
                "BucketAdminNotAllowed",
                f"Connection {connection.name!r} does not create, delete or reconfigure buckets "
                "(allow_bucket_admin is off): use the AWS console or CLI for that.",
            )

"""Helpers to address S3 objects through the proxy the way the browser's S3 SDK does."""

from __future__ import annotations

from urllib.parse import quote

ODD_KEY = "a b+c%d/ü 😀.txt"


def enc(segment: str) -> str:
    """Strict URI encoding of one path segment (like the SDK's extended encodeURIComponent)."""
    return quote(segment, safe="-_.~")


def object_path(bucket: str, key: str, connection: str = "default") -> str:
    """Path relative to the server's base URL: helium/s3/<conn>/<bucket>/<key, '/' kept>."""
    return f"helium/s3/{connection}/{bucket}/" + "/".join(enc(p) for p in key.split("/"))


def xml_error_code(body: bytes) -> str:
    """The <Code> of an S3-style XML error body."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(body)
    assert root.tag == "Error", body
    return root.findtext("Code")

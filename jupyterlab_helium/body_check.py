"""What the proxy checks about a request body it forwards, and about what S3 says it stored.

Sent: every byte of a PUT or POST body goes through :class:`BodyCheck` on its way upstream. The
last chunk is held back until the whole body has arrived; only when its length equals the
request's Content-Length and its SHA-256 equals the client's ``x-amz-checksum-sha256`` (when it sent
one) does the last chunk go out. Otherwise the upstream request is cut before it is complete, so
S3 stores nothing, and the client gets a 400.

Stored: some S3 servers accept a body and store something else. moto's server, our local S3, hands
a body labelled as a form (``application/x-www-form-urlencoded``, ``multipart/form-data``) to its
form parser and stores an empty object, answering 200. :func:`plain_md5_etag` and
:func:`etag_is_checkable` say when S3's answer can be compared with the body's MD5; the proxy
(``S3ProxyHandler._check_stored``) then looks at what was stored and undoes it when it differs.
An upload part is only checked for having been stored empty, so its body is not hashed with MD5:
MD5 is the dearest hash here (no CPU instruction for it, unlike SHA-256), and a page's upload
of a big file is all parts.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import AsyncIterator

MD5_OF_NOTHING = hashlib.md5(b"").hexdigest()
_PLAIN_MD5_ETAG = re.compile(r'"?([0-9a-f]{32})"?')


class BodyMismatch(Exception):
    """The body that arrived is not the one the request's headers describe; nothing was sent whole."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class BodyCheck:
    """Counts and hashes a body as it streams, and says whether it matches its headers."""

    def __init__(self, content_length: int | None, sha256_b64: str | None, md5: bool = True):
        self.expected_length = content_length
        self.expected_sha256 = sha256_b64.strip() if sha256_b64 else None
        self.length = 0
        self._md5 = hashlib.md5(usedforsecurity=False) if md5 else None
        self._sha256 = hashlib.sha256() if self.expected_sha256 else None

    def update(self, chunk: bytes) -> None:
        self.length += len(chunk)
        if self._md5 is not None:
            self._md5.update(chunk)
        if self._sha256 is not None:
            self._sha256.update(chunk)

    @property
    def md5_hex(self) -> str | None:
        """The body's MD5 (hex), or None when it was not asked for."""
        return None if self._md5 is None else self._md5.hexdigest()

    def mismatch(self) -> BodyMismatch | None:
        """Why the complete body does not match its headers, or None."""
        if self.expected_length is not None and self.length != self.expected_length:
            return BodyMismatch(
                "IncompleteBody",
                f"The request body had {self.length:,} bytes, not the {self.expected_length:,} its "
                "Content-Length announced; nothing was stored. Send the request again.",
            )
        if self._sha256 is not None:
            actual = base64.b64encode(self._sha256.digest()).decode()
            if actual != self.expected_sha256:
                return BodyMismatch(
                    "BadDigest",
                    f"The SHA-256 of the request body ({actual}) is not the x-amz-checksum-sha256 "
                    f"the request gave ({self.expected_sha256}); nothing was stored. The body changed "
                    "on its way (or the checksum is wrong): send it again.",
                )
        return None


async def checked_body(chunks: AsyncIterator[bytes], check: BodyCheck) -> AsyncIterator[bytes]:
    """The body's chunks, the last one only once the whole body is known to match its headers.

    Raises :class:`BodyMismatch` instead of sending the last chunk: the upstream request is then
    cut short of its Content-Length, and S3 stores nothing.
    """
    held: bytes | None = None
    async for chunk in chunks:
        if not chunk:
            continue
        check.update(chunk)
        if held is not None:
            yield held
        held = chunk
    problem = check.mismatch()
    if problem is not None:
        raise problem
    if held is not None:
        yield held


def plain_md5_etag(etag: str | None) -> str | None:
    """The MD5 an ETag holds when it is a plain one (32 hex digits, no ``-N`` part count)."""
    match = _PLAIN_MD5_ETAG.fullmatch((etag or "").strip())
    return match.group(1) if match else None


def etag_is_checkable(headers: dict[str, str]) -> bool:
    """Whether S3's ETag of a written object or part may be compared with the body's MD5.

    Not for encrypted writes: with SSE-KMS or SSE-C (and SSE-S3 on some servers, such as MinIO
    without a Content-MD5) the ETag is not the MD5 of the data.
    """
    return not any(name.lower().startswith("x-amz-server-side-encryption") for name in headers)

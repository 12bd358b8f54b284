"""Set-up faults the proxy turns into one message with its fix, in the shared rules' words.

S3's own answers to a bad set-up name the fault but not what to do on *this* server: an expired
session (``ExpiredToken``) is renewed where the Jupyter server gets its credentials, and a
``RequestTimeTooSkewed`` is about the Jupyter server's clock, not the browser's. So the proxy
reads small error bodies (400/403), and for those codes answers its own error (``CredentialsExpired``,
``ClockSkewed``) with the message of jupyterlab_helium/doctor_rules.json; other errors pass
through unchanged. An endpoint whose TLS certificate is not trusted gets ``EndpointCertificateUntrusted``.
"""

from __future__ import annotations

import re
import time
from email.utils import parsedate_to_datetime

import httpx

from .doctor_probe import _tls_reason
from .doctor_rules import Report, sentence
from .errors import S3ProxyError

REWRITTEN_STATUSES = {400, 403}
MAX_ERROR_BODY = 64 * 1024
EXPIRED = {"ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired"}


async def small_error_body(response: httpx.Response, method: str) -> bytes | None:
    """The whole body of a small 400/403 XML answer (None for anything else, which streams)."""
    if method == "HEAD" or response.status_code not in REWRITTEN_STATUSES:
        return None
    length = response.headers.get("Content-Length")
    if length is None or not length.isdigit() or int(length) > MAX_ERROR_BODY:
        return None
    return await response.aread()


async def checked_error_body(response: httpx.Response, method: str, connection: str) -> bytes | None:
    """A small error body read whole (to relay as is), or raise our error for a set-up fault."""
    body = await small_error_body(response, method)
    if body is not None:
        fault = rewritten(body, response.status_code, response.headers.get("Date"), connection)
        if fault is not None:
            raise fault
    return body


def error_field(body: bytes, name: str) -> str | None:
    """A field (``Code``, ``Message``) of an S3 XML error body, or None."""
    match = re.search(rb"<" + name.encode() + rb">([^<]+)</" + name.encode() + rb">", body)
    return match.group(1).decode("utf-8", "replace") if match else None


def rewritten(body: bytes, status: int, date_header: str | None, connection: str) -> S3ProxyError | None:
    """Our error for an S3 error body that names a set-up fault, or None to pass it through."""
    code = error_field(body, "Code") or ""
    where = f"Connection {connection!r}: "
    if code in EXPIRED:
        return S3ProxyError(status, "CredentialsExpired", where + sentence("credentials.expired", code=code))
    if code == "RequestTimeTooSkewed":
        skew = _skew_seconds(date_header)
        if skew is None:  # no Date to measure by: say what S3 said, with the same fix
            fix = Report("server").add("clock.skewed", "clock", minutes=0, direction="").fix
            text = f"The clock of the Jupyter server's machine is more than 15 minutes off the S3 server's (RequestTimeTooSkewed). {fix}"
        else:
            direction = "ahead of" if skew > 0 else "behind"
            text = sentence("clock.skewed", minutes=round(abs(skew) / 60), direction=direction)
        return S3ProxyError(status, "ClockSkewed", where + text)
    return None


def _skew_seconds(date_header: str | None) -> float | None:
    try:
        return time.time() - parsedate_to_datetime(date_header).timestamp() if date_header else None
    except (TypeError, ValueError):
        return None


def untrusted_certificate(connection: str, endpoint: str, exc: Exception) -> S3ProxyError | None:
    """``EndpointCertificateUntrusted`` when a connection failed on certificate verification."""
    reason = _tls_reason(str(exc))
    if reason is None:
        return None
    host = httpx.URL(endpoint).host
    return S3ProxyError(
        502,
        "EndpointCertificateUntrusted",
        f"Connection {connection!r}: " + sentence("endpoint.tls_untrusted", host=host, error=reason),
    )


def describe_failure(exc: Exception) -> str:
    """A short, plain reason for a failed upstream request (no class names for people to decode)."""
    if isinstance(exc, httpx.ConnectTimeout):
        return "the connection timed out"
    if isinstance(exc, httpx.ConnectError):
        text = str(exc).strip()
        if "All connection attempts failed" in text or "refused" in text.lower():
            return "nothing is listening there"
        return text or "the connection failed"
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__

"""Can the Jupyter server reach a connection's endpoint: DNS, TCP (and TLS), and whose clock is right.

One unsigned ``GET /`` through the same kind of httpx client the proxy uses (same certificate
trust: certifi, or ``SSL_CERT_FILE``), so "reachable" here means reachable by the proxy. S3 answers
it (usually 403), and its ``Date`` header gives the server's clock: SigV4 requests signed more than
15 minutes off are refused with RequestTimeTooSkewed.
"""

from __future__ import annotations

import socket
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from .doctor_rules import Report

CONNECT_SECONDS = 5
SKEW_LIMIT_SECONDS = 15 * 60  # S3's limit for a signed request
DRIFT_WARNING_SECONDS = 60


@dataclass
class ProbeResult:
    reachable: bool
    clock_ok: bool = True


def _tls_reason(text: str) -> str | None:
    """The reason OpenSSL gave for an untrusted certificate, or None when the error is not one."""
    if "CERTIFICATE_VERIFY_FAILED" not in text:
        return None
    reason = text.split("certificate verify failed:", 1)[-1]
    return reason.split("(_ssl")[0].strip() or "certificate verify failed"


def probe_endpoint(report: Report, endpoint_url: str, now=time.time) -> ProbeResult:
    """Add the endpoint's and the clock's findings to ``report`` (blocking: run in a thread)."""
    parts = urlsplit(endpoint_url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        report.add("endpoint.dns_failed", "endpoint", host=host, error=e.strerror or str(e))
        return ProbeResult(False)
    resolved = addresses[0][4][0]
    try:
        with httpx.Client(timeout=httpx.Timeout(CONNECT_SECONDS * 2, connect=CONNECT_SECONDS)) as client:
            response = client.get(f"{parts.scheme}://{parts.netloc}/")
    except httpx.ConnectTimeout:
        report.add("endpoint.timeout", "endpoint", host=host, port=port, seconds=CONNECT_SECONDS)
        return ProbeResult(False)
    except httpx.HTTPError as e:
        text = str(e)
        reason = _tls_reason(text)
        if reason:
            report.add("endpoint.tls_untrusted", "endpoint", host=host, error=reason)
        elif "refused" in text.lower() or "All connection attempts failed" in text:
            report.add("endpoint.refused", "endpoint", host=host, port=port, error="connection refused")
        elif "wrong version number" in text.lower():
            # OpenSSL's words for an https:// URL of a server that speaks plain HTTP.
            report.add(
                "endpoint.failed", "endpoint", error="it answers in plain HTTP, not HTTPS (use its http:// address)"
            )
        else:
            report.add("endpoint.failed", "endpoint", error=text or type(e).__name__)
        return ProbeResult(False)
    how = f"{host} resolved to {resolved}, connected{' over TLS' if parts.scheme == 'https' else ''}, HTTP {response.status_code}"
    report.add("endpoint.ok", "endpoint", endpoint=endpoint_url, how=how)
    if parts.path.rstrip("/"):
        report.add("endpoint.has_path", "endpoint", path=parts.path, base=f"{parts.scheme}://{parts.netloc}")
    return ProbeResult(True, clock_ok=_check_clock(report, response.headers.get("Date"), now()))


def _check_clock(report: Report, date_header: str | None, local: float) -> bool:
    if not date_header:
        report.add("clock.unknown", "clock")
        return True
    try:
        server = parsedate_to_datetime(date_header).timestamp()
    except (TypeError, ValueError):
        report.add("clock.unknown", "clock")
        return True
    skew = local - server
    direction = "ahead of" if skew > 0 else "behind"
    minutes = round(abs(skew) / 60)
    if abs(skew) >= SKEW_LIMIT_SECONDS:
        report.add("clock.skewed", "clock", minutes=minutes, direction=direction)
        return False
    if abs(skew) >= DRIFT_WARNING_SECONDS:
        report.add("clock.drift", "clock", minutes=minutes, direction=direction)
    else:
        report.add("clock.ok", "clock", seconds=DRIFT_WARNING_SECONDS)
    return True

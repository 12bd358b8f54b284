"""Which headers cross the proxy: an allow-list towards S3, a deny-list back to the browser.

Towards S3 only representation, conditional and ``x-amz-*`` headers pass; anything that carries
the browser's identity (Authorization, Cookie, X-XSRFToken, Origin, Referer), routing (Host) or
signing state (x-amz-date, x-amz-security-token, x-amz-content-sha256) is dropped and the proxy
signs afresh. Back to the browser everything passes except hop-by-hop headers, cookies, CORS and the
security headers Jupyter sets for its own origin.
"""

from __future__ import annotations

from collections.abc import Iterable

FORWARDED_REQUEST_HEADERS = frozenset(
    h.lower()
    for h in (
        "Content-Type",
        "Content-Length",
        "Content-MD5",
        "Range",
        "If-Match",
        "If-None-Match",
        "If-Modified-Since",
        "If-Unmodified-Since",
        "Cache-Control",
        "Content-Disposition",
        "Content-Encoding",
        "Content-Language",
        "Expires",
    )
)
DROPPED_AMZ_HEADERS = frozenset({"x-amz-date", "x-amz-security-token", "x-amz-content-sha256"})

HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "transfer-encoding",
        "te",
        "trailer",
        "trailers",
        "upgrade",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
    }
)
# Jupyter's security policy for its origin stays in force: an upstream may not set cookies,
# loosen CORS, or replace the CSP that keeps an HTML object from running scripts here.
PROTECTED_RESPONSE_HEADERS = frozenset(
    {
        "set-cookie",
        "set-cookie2",
        "content-security-policy",
        "content-security-policy-report-only",
        "x-content-type-options",
        "x-frame-options",
        "strict-transport-security",
    }
)
DROPPED_RESPONSE_HEADERS = HOP_BY_HOP | PROTECTED_RESPONSE_HEADERS


def forward_request_header(name: str) -> bool:
    """True if a browser request header may be sent on to S3."""
    lname = name.lower()
    if lname in FORWARDED_REQUEST_HEADERS:
        return True
    return lname.startswith("x-amz-") and lname not in DROPPED_AMZ_HEADERS


def request_headers(items: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The browser headers to forward, in order, repeated ones kept."""
    return [(k, v) for k, v in items if forward_request_header(k)]


def response_headers(items: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The upstream response headers to pass back (minus hop-by-hop and those named in Connection)."""
    items = list(items)
    named = set()
    for k, v in items:
        if k.lower() == "connection":
            named.update(t.strip().lower() for t in v.split(",") if t.strip())
    dropped = DROPPED_RESPONSE_HEADERS | named
    return [
        (k, v) for k, v in items if k.lower() not in dropped and not k.lower().startswith(("proxy-", "access-control-"))
    ]

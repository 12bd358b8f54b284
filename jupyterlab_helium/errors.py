"""S3-style XML errors for failures of the proxy itself, so the browser's S3 SDK can parse them.

Codes: ``UnknownConnection`` (404), ``InvalidRequest`` (400), ``CredentialsMissing`` (403),
``NotAuthorized`` (403: the server's authorizer refused the Jupyter user, not S3 the credentials),
``EndpointUnreachable`` (502), ``ProxyError`` (502), ``IncompleteBody``/``BadDigest`` (400: the
body did not match its Content-Length or SHA-256, nothing stored), ``StoredOtherBytes`` (502: the
server stored other bytes than were sent, undone); plain HTTP errors raised by Jupyter (e.g. 403
for a missing login or XSRF token) get a generic code. Messages never carry secrets or tracebacks.
"""

from __future__ import annotations

from http.client import responses
from xml.sax.saxutils import escape

from tornado.web import HTTPError

XML_CONTENT_TYPE = "application/xml"

GENERIC_CODES = {
    400: "InvalidRequest",
    401: "AccessDenied",
    403: "AccessDenied",
    404: "NotFound",
    405: "MethodNotAllowed",
    411: "MissingContentLength",
    413: "EntityTooLarge",
}


class S3ProxyError(HTTPError):
    """An error answered with an S3-style XML body."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(status, log_message=None, reason=None)
        self.code = code
        self.message = message

    def __str__(self) -> str:
        return f"HTTP {self.status_code}: {self.code}: {self.message}"


def error_xml(code: str, message: str) -> bytes:
    """The XML body S3 uses for errors."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f"<Error><Code>{escape(code)}</Code><Message>{escape(message)}</Message></Error>"
    ).encode()


def describe(status: int, exc: BaseException | None) -> tuple[str, str]:
    """(code, message) for an error; only our own messages are shown in full."""
    if isinstance(exc, S3ProxyError):
        return exc.code, exc.message
    code = GENERIC_CODES.get(status, "InternalError" if status >= 500 else "InvalidRequest")
    message = responses.get(status, "Error")
    if isinstance(exc, HTTPError) and exc.log_message and status < 500:
        # Jupyter's own 4xx messages (e.g. "'_xsrf' argument missing from POST") are safe.
        message = exc.log_message % exc.args if exc.args else exc.log_message
    return code, message


def unknown_connection_message(name: str, known: list[str]) -> str:
    """What every helium route answers for a connection name the server does not have."""
    names = ", ".join(repr(n) for n in sorted(known)) or "none"
    return (
        f"There is no connection named {name!r} on this server (configured: {names}). "
        "Connections are set in c.Helium.connections."
    )


def unknown_connection(name: str, known: list[str]) -> S3ProxyError:
    return S3ProxyError(404, "UnknownConnection", unknown_connection_message(name, known))


def not_authorized(action: str) -> S3ProxyError:
    return S3ProxyError(
        403,
        "NotAuthorized",
        f"This Jupyter user may not {action} through helium (the server's authorizer refused "
        f"{action!r} on the resource 'helium'). Ask the server's administrator for that permission.",
    )


def invalid_request(message: str) -> S3ProxyError:
    return S3ProxyError(400, "InvalidRequest", message)


def endpoint_unreachable(connection: str, endpoint: str, detail: str) -> S3ProxyError:
    return S3ProxyError(
        502,
        "EndpointUnreachable",
        f"Cannot reach the S3 endpoint {endpoint} of connection {connection!r} ({detail}). "
        "Check that the S3 server is running and that its URL in c.Helium.connections "
        "(or AWS_ENDPOINT_URL) is right.",
    )


def credentials_missing(message: str) -> S3ProxyError:
    return S3ProxyError(403, "CredentialsMissing", message)


def proxy_error(connection: str, endpoint: str, detail: str) -> S3ProxyError:
    return S3ProxyError(502, "ProxyError", f"The request to {endpoint} (connection {connection!r}) failed: {detail}.")


def body_mismatch(code: str, message: str) -> S3ProxyError:
    return S3ProxyError(400, code, message)


def stored_other_bytes(endpoint: str, sent: int, stored: int, undone: bool | None) -> S3ProxyError:
    if undone:
        outcome = "That version was deleted again, so the object's history is as it was."
    elif undone is None:
        outcome = "Nothing usable was stored (an upload part is replaced when it is sent again)."
    else:
        outcome = (
            "That version could not be deleted again (it needs s3:DeleteObjectVersion): "
            "delete it in the version history."
        )
    return S3ProxyError(
        502,
        "StoredOtherBytes",
        f"The S3 server at {endpoint} answered success but stored {stored:,} bytes of the {sent:,} "
        f"that were sent. {outcome} Send it again; if this repeats, the server mishandles this "
        "kind of body (some S3 emulators parse bodies labelled as forms): send it with another "
        "Content-Type.",
    )

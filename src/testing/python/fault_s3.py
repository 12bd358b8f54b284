"""A tiny fake S3 endpoint that produces set-up faults moto cannot: a self-signed TLS
certificate, a clock 20 minutes off, expired session credentials.

    python fault_s3.py [--tls] [--date-offset SECONDS] [--error CODE]

Prints one line ``{"url": "http(s)://127.0.0.1:PORT"}`` and serves until its stdin closes (so a
test that dies takes it along). Every request gets a 403 with the given S3/STS error code (as
S3's ``<Error>`` or, for POSTs (STS, IAM), the query protocol's ``<ErrorResponse>``) and a
``Date`` header shifted by ``--date-offset`` seconds. With ``--tls`` it serves HTTPS with a
throwaway self-signed certificate made at start (PyPI ``cryptography``, already in the test venv).
Used by jupyterlab_helium/tests/test_doctor.py and src/cli/doctor.int.spec.ts.
"""

from __future__ import annotations

import argparse
import datetime
import json
import ssl
import sys
import tempfile
import threading
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MESSAGES = {
    "ExpiredToken": "The provided token has expired.",
    "RequestTimeTooSkewed": "The difference between the request time and the current time is too large.",
}


def self_signed(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(__import__("ipaddress").ip_address("127.0.0.1"))]), False
        )
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def handler(date_offset: float, error: str):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # quiet
            pass

        def date_time_string(self, timestamp=None):
            return formatdate(datetime.datetime.now().timestamp() + date_offset, usegmt=True)

        def _answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            message = MESSAGES.get(error, error)
            inner = f"<Code>{error}</Code><Message>{message}</Message>"
            body = (
                f"<ErrorResponse><Error><Type>Sender</Type>{inner}</Error></ErrorResponse>"
                if self.command == "POST"
                else f"<Error>{inner}</Error>"
            ).encode()
            self.send_response(403)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _answer

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tls", action="store_true")
    parser.add_argument("--date-offset", type=float, default=0.0)
    parser.add_argument("--error", default="AccessDenied")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler(args.date_offset, args.error))
    scheme = "http"
    with tempfile.TemporaryDirectory() as folder:
        if args.tls:
            cert, key = self_signed(Path(folder))
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(cert, key)
            server.socket = context.wrap_socket(server.socket, server_side=True)
            scheme = "https"
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(json.dumps({"url": f"{scheme}://127.0.0.1:{server.server_address[1]}"}), flush=True)
        sys.stdin.read()  # until the test closes our stdin (or dies)
        server.shutdown()


if __name__ == "__main__":
    main()

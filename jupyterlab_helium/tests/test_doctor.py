"""``GET /helium/connections/<name>/check`` against real faults: moto enforcing IAM (a healthy user,
a user allowed only to list, an unversioned bucket, no credentials, a profile that does not
exist), a refused port, and the fake endpoint of src/testing/python/fault_s3.py for what moto cannot
do (a self-signed certificate, a clock 20 minutes off, expired session credentials).
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from email.utils import formatdate
from pathlib import Path

import pytest

from ..doctor import _principal_arn
from ..doctor_credentials import describe_method
from ..doctor_probe import _check_clock
from ..doctor_rules import Report, rules
from ..upstream_faults import rewritten

ROOT = Path(__file__).resolve().parents[2]
FAULT_S3 = ROOT / "src" / "testing" / "python" / "fault_s3.py"
IAM_MOTO = ROOT / "src" / "testing" / "python" / "iam_moto.py"
# What iam_moto.py sets up.
VERSIONED, PLAIN, KEY = "doctor-versioned", "doctor-plain", "data/one.csv"
SECRET_PARTS = ("SecretAccessKey", "aws_secret_access_key")


def _start(script: Path, *args: str) -> tuple[subprocess.Popen, dict]:
    """Run a helper that prints one JSON line and serves until its stdin closes."""
    proc = subprocess.Popen(
        [sys.executable, str(script), *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    return proc, json.loads(proc.stdout.readline())


def _stop(proc: subprocess.Popen) -> None:
    proc.stdin.close()
    proc.wait(20)


@pytest.fixture(scope="module")
def iam_moto(tmp_path_factory):
    proc, started = _start(IAM_MOTO, str(tmp_path_factory.mktemp("iam")))
    yield started["url"], Path(started["credentials"])
    _stop(proc)


def _fault(*args: str):
    proc, started = _start(FAULT_S3, *args)
    return proc, started["url"]


@pytest.fixture(scope="module")
def faults():
    started = {
        "skewed": _fault("--date-offset", "1200", "--error", "RequestTimeTooSkewed"),
        "expired": _fault("--error", "ExpiredToken"),
        "tls": _fault("--tls"),
    }
    yield {name: url for name, (_, url) in started.items()}
    for proc, _ in started.values():
        _stop(proc)


@pytest.fixture
def helium_connections(iam_moto, faults, closed_sock, monkeypatch):
    url, credentials = iam_moto
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    admin = {"profile": "doctor-admin"}
    return [
        {"name": "healthy", "endpoint_url": url, "buckets": [VERSIONED], **admin},
        {"name": "plain", "endpoint_url": url, "buckets": [PLAIN], **admin},
        {"name": "all", "endpoint_url": url, **admin},
        {"name": "lister", "endpoint_url": url, "buckets": [VERSIONED], "profile": "doctor-lister"},
        {"name": "noprofile", "endpoint_url": url, "profile": "helium-no-such-profile"},
        {"name": "chain", "endpoint_url": url, "buckets": [VERSIONED]},
        {"name": "allowed", "endpoint_url": url, "allowed_buckets": [VERSIONED], **admin},
        {"name": "closed", "endpoint_url": f"http://127.0.0.1:{closed_sock.getsockname()[1]}", **admin},
        {"name": "skewed", "endpoint_url": faults["skewed"], "buckets": [VERSIONED], **admin},
        {"name": "expired", "endpoint_url": faults["expired"], "buckets": [VERSIONED], **admin},
        {"name": "tls", "endpoint_url": faults["tls"], "buckets": [VERSIONED], **admin},
        {"name": "pathy", "endpoint_url": f"{url}/s3", "buckets": [VERSIONED], **admin},
        {"name": "https_plain", "endpoint_url": url.replace("http:", "https:"), **admin},
    ]


async def check(client, name: str) -> dict:
    r = await client.get(f"helium/connections/{name}/check")
    assert r.status_code == 200, r.text
    assert not any(part in r.text for part in SECRET_PARTS)
    return r.json()


def find(report: dict, message_id: str, **where) -> dict:
    found = [c for c in report["checks"] if c["id"] == message_id and all(c.get(k) == v for k, v in where.items())]
    assert found, f"no {message_id} {where} in {json.dumps(report['checks'], indent=1)}"
    return found[0]


def statuses(report: dict, feature: str) -> list[str]:
    return [c["status"] for c in report["checks"] if c.get("feature") == feature]


async def test_healthy_connection(client, iam_moto):
    report = await check(client, "healthy")
    assert report["summary"]["problem"] == 0
    assert find(report, "credentials.found")["detail"] == (f'Found: the profile "doctor-admin" in {iam_moto[1]}.')
    assert "user/admin" in find(report, "identity.ok")["detail"]
    assert find(report, "endpoint.ok")["status"] == "ok"
    assert find(report, "clock.ok")["status"] == "ok"
    find(report, "bucket.ok", bucket=VERSIONED)
    find(report, "versioning.enabled", bucket=VERSIONED)
    for feature in ("list", "read", "list_versions"):
        assert find(report, "permission.allowed", bucket=VERSIONED, feature=feature)
    assert KEY in find(report, "permission.allowed", feature="read")["detail"]
    # moto has no IAM policy simulator: write and delete-versions are said to be unchecked, and why.
    write = find(report, "permission.unchecked", feature="write")
    assert "helium writes nothing without a person's action" in write["detail"]
    assert "is not available at this endpoint" in write["detail"]
    find(report, "permission.unchecked", feature="delete_versions")


async def test_unversioned_bucket(client):
    report = await check(client, "plain")
    versioning = find(report, "versioning.off", bucket=PLAIN)
    assert versioning["status"] == "warning"
    assert "a save replaces the only copy" in versioning["detail"]
    assert versioning["fix"].count(".") >= 1 and f"--bucket {PLAIN}" in versioning["fix"]
    # An empty bucket has no object to HEAD: reading is not checked (and says why).
    assert "lists no object to read" in find(report, "permission.unchecked", feature="read")["detail"]


async def test_list_buckets_when_none_configured(client):
    report = await check(client, "all")
    assert find(report, "buckets.listed")["detail"] == "ListBuckets works: 2 bucket(s)."
    find(report, "versioning.enabled", bucket=VERSIONED)
    find(report, "versioning.off", bucket=PLAIN)


async def test_user_allowed_only_to_list(client):
    report = await check(client, "lister")
    find(report, "credentials.found")
    assert "user/lister" in find(report, "identity.ok")["detail"]
    find(report, "bucket.ok", bucket=VERSIONED)
    find(report, "permission.allowed", feature="list")
    read = find(report, "permission.denied", feature="read")
    assert read["detail"] == (
        "Read objects: denied, s3:GetObject is missing, so opening, downloading, diffing and snapshotting files do not work."
    )
    assert read["fix"] == "Ask the bucket's owner for s3:GetObject on the bucket's objects."
    find(report, "permission.denied", feature="list_versions")
    assert (
        find(report, "versioning.unknown")["fix"] == "Ask the bucket's owner for s3:GetBucketVersioning on the bucket."
    )
    # The simulator is refused to this user (moto checks iam:SimulatePrincipalPolicy first).
    assert "was refused (AccessDenied)" in find(report, "permission.unchecked", feature="write")["detail"]
    assert report["summary"]["problem"] >= 2


async def test_profile_that_does_not_exist(client):
    report = await check(client, "noprofile")
    missing = find(report, "credentials.profile_missing")
    assert (
        missing["detail"]
        == 'The profile "helium-no-such-profile" does not exist in ~/.aws/config or ~/.aws/credentials.'
    )
    assert "aws configure --profile helium-no-such-profile" in missing["fix"]
    assert not [c for c in report["checks"] if c["area"] in ("bucket", "permission")]


async def test_no_credentials_at_all(client, monkeypatch):
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    report = await check(client, "chain")
    none = find(report, "credentials.none")
    assert none["status"] == "problem"
    assert none["fix"].startswith("Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE")
    assert "restart the Jupyter server" in none["fix"]
    # The endpoint is still probed: a person learns both things at once.
    find(report, "endpoint.ok")


async def test_credentials_from_the_environment_name_no_secret(client, monkeypatch):
    monkeypatch.setenv("AWS_SESSION_TOKEN", "helium-session-token-never-shown")
    report = await check(client, "chain")
    found = find(report, "credentials.found")
    assert (
        found["detail"] == "Found: environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN)."
    )
    text = json.dumps(report)
    assert "helium-session-token-never-shown" not in text
    assert "helium/Secret+Key" not in text and "AKIAHELIUM" not in text
    # moto does not know the test keys of the environment: STS says so.
    assert (
        find(report, "identity.invalid")["detail"]
        == "The endpoint does not accept these credentials (InvalidClientTokenId)."
    )


async def test_allowed_buckets_are_the_ones_checked(client):
    report = await check(client, "allowed")
    assert find(report, "buckets.configured")["detail"] == f"The connection lists its buckets: {VERSIONED}."
    assert {c.get("bucket") for c in report["checks"] if c.get("bucket")} == {VERSIONED}


async def test_unreachable_endpoint(client, closed_sock):
    report = await check(client, "closed")
    refused = find(report, "endpoint.refused")
    assert (
        refused["detail"] == f"Nothing is listening at 127.0.0.1:{closed_sock.getsockname()[1]} (connection refused)."
    )
    assert (
        refused["fix"]
        == "Start the S3 server, or correct the endpoint URL in c.Helium.connections (or AWS_ENDPOINT_URL)."
    )
    assert not [c for c in report["checks"] if c["area"] in ("identity", "bucket")]


async def test_endpoint_with_a_path(client, iam_moto):
    """The bucket reads as missing (S3 looks for it under the path): the warning says why."""
    report = await check(client, "pathy")
    warning = find(report, "endpoint.has_path")
    assert warning["status"] == "warning"
    assert warning["detail"].startswith("The endpoint URL has a path (/s3): every bucket is then looked for under it")
    assert f"({iam_moto[0]})" in warning["fix"]


async def test_https_address_of_a_plain_http_server(client):
    """It showed OpenSSL's raw "[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:…)"."""
    failed = find(await check(client, "https_plain"), "endpoint.failed")
    assert failed["detail"] == (
        "The endpoint could not be reached: it answers in plain HTTP, not HTTPS (use its http:// address)."
    )


async def test_self_signed_certificate(client, faults):
    report = await check(client, "tls")
    tls = find(report, "endpoint.tls_untrusted")
    assert "self-signed certificate" in tls["detail"] or "self signed certificate" in tls["detail"]
    assert tls["fix"].startswith("Set SSL_CERT_FILE to a PEM file holding the CA certificate")


async def test_clock_skewed_by_20_minutes(client):
    report = await check(client, "skewed")
    skewed = find(report, "clock.skewed")
    assert skewed["detail"].startswith("The clock of the Jupyter server's machine is 20 minutes behind the S3 server's")
    assert (
        skewed["fix"] == "Set the clock of the Jupyter server's machine right, best by turning on network time (NTP)."
    )
    # Nothing signed is sent with a clock S3 would refuse: one clear message, not five.
    assert not [c for c in report["checks"] if c["area"] in ("identity", "bucket", "permission")]


async def test_expired_session(client):
    report = await check(client, "expired")
    expired = find(report, "credentials.expired")
    assert expired["detail"] == "The session credentials have expired (ExpiredToken)."
    assert expired["fix"].startswith('Renew them ("aws sso login"')
    assert report["summary"]["problem"] == 1


async def test_unknown_connection_and_login(client, anon_client):
    r = await client.get("helium/connections/nope/check")
    assert r.status_code == 404
    assert r.json()["code"] == "UnknownConnection"
    r = await anon_client.get("helium/connections/healthy/check")
    assert r.status_code == 403


def test_rules_are_the_clis_rules():
    """src/service/doctor/rules.json (what `helium doctor` says) is this file, byte for byte."""
    copy = ROOT / "src" / "service" / "doctor" / "rules.json"
    if not copy.exists():
        pytest.skip("not a source checkout")
    assert json.loads(copy.read_text()) == rules()
    assert copy.read_bytes() == (ROOT / "jupyterlab_helium" / "doctor_rules.json").read_bytes()


def test_every_problem_has_one_fix_sentence():
    for message_id, message in rules()["messages"].items():
        if message["status"] in ("problem", "warning"):
            fix = message["fix"]
            assert fix.endswith(".") and fix[0].isupper(), message_id
            # One sentence: no full stop before the end (except in "e.g." style abbreviations, none used).
            assert ". " not in fix.replace('.") ', ""), message_id


# ----- the same faults through the proxy: one message with its fix, the panel's error display shows it


async def proxy_error(client, connection: str) -> tuple[int, str, str]:
    r = await client.get(f"helium/s3/{connection}/{VERSIONED}/?list-type=2")
    code = re.search(r"<Code>([^<]*)</Code>", r.text).group(1)
    message = html.unescape(re.search(r"<Message>([^<]*)</Message>", r.text).group(1))
    return r.status_code, code, message


async def test_proxy_says_the_session_expired(client):
    status, code, message = await proxy_error(client, "expired")
    assert (status, code) == (403, "CredentialsExpired")
    assert message == (
        "Connection 'expired': The session credentials have expired (ExpiredToken). Renew them "
        '("aws sso login", or a new session token in AWS_SESSION_TOKEN), then restart the Jupyter server.'
    )


async def test_proxy_says_the_clock_is_skewed(client):
    status, code, message = await proxy_error(client, "skewed")
    assert (status, code) == (403, "ClockSkewed")
    assert message.startswith("Connection 'skewed': The clock of the Jupyter server's machine is 20 minutes behind")
    assert message.endswith(
        "Set the clock of the Jupyter server's machine right, best by turning on network time (NTP)."
    )


async def test_proxy_says_the_certificate_is_untrusted(client):
    status, code, message = await proxy_error(client, "tls")
    assert (status, code) == (502, "EndpointCertificateUntrusted")
    assert "The TLS certificate of 127.0.0.1 is not trusted (self" in message
    assert "Set SSL_CERT_FILE to a PEM file" in message


async def test_proxy_passes_other_errors_through(client):
    # A user allowed only to list gets S3's own AccessDenied for a read, body and all.
    r = await client.get(f"helium/s3/lister/{VERSIONED}/{KEY}")
    assert r.status_code == 403
    assert "<Code>AccessDenied</Code>" in r.text


# ----- pure parts


def test_where_credentials_come_from_in_words():
    env = {"AWS_SHARED_CREDENTIALS_FILE": "/home/a/.aws/credentials", "AWS_CONFIG_FILE": "/home/a/.aws/config"}
    assert describe_method("shared-credentials-file", "team", env) == 'the profile "team" in /home/a/.aws/credentials'
    assert describe_method("sso", "team", env) == 'AWS IAM Identity Center (SSO) through the profile "team"'
    assert describe_method("assume-role-with-web-identity", "default", env).startswith(
        "a role assumed with a web identity"
    )
    assert describe_method("iam-role", "default", env) == "the instance's role (EC2 instance metadata)"
    assert describe_method("env", "default", {}) == "environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)"


def test_the_simulator_gets_the_role_of_an_assumed_role_session():
    assert _principal_arn("arn:aws:sts::123456789012:assumed-role/DataTeam/alice") == (
        "arn:aws:iam::123456789012:role/DataTeam"
    )
    assert _principal_arn("arn:aws:iam::123456789012:user/bob") == "arn:aws:iam::123456789012:user/bob"


@pytest.mark.parametrize(
    ("offset", "message_id", "ok"),
    [(-5, "clock.ok", True), (-120, "clock.drift", True), (900, "clock.skewed", False), (-1200, "clock.skewed", False)],
)
def test_clock_thresholds(offset, message_id, ok):
    """``offset``: local minus server, in seconds (S3 refuses 15 minutes and more)."""
    report = Report("server")
    assert _check_clock(report, formatdate(1_000_000_000), 1_000_000_000 + offset) is ok
    assert report.findings[0].id == message_id


def test_a_skew_without_a_date_still_gets_its_fix():
    body = b"<Error><Code>RequestTimeTooSkewed</Code><Message>too large</Message></Error>"
    fault = rewritten(body, 403, None, "lab")
    assert fault.code == "ClockSkewed"
    assert fault.message == (
        "Connection 'lab': The clock of the Jupyter server's machine is more than 15 minutes off the S3 server's "
        "(RequestTimeTooSkewed). Set the clock of the Jupyter server's machine right, best by turning on network time (NTP)."
    )
    assert rewritten(b"<Error><Code>AccessDenied</Code></Error>", 403, None, "lab") is None

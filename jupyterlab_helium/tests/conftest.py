"""Fixtures: a real moto S3 server (session), fake endpoints, and a Jupyter server with helium.

The Jupyter server (pytest-jupyter, in-process, one per test) is configured with connections:
``default`` (moto), ``capture`` (a recording fake endpoint), ``closed`` (a refused port) and
``nocreds`` (moto through a profile that does not exist).
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import boto3
import httpx
import pytest
from botocore.config import Config as BotoConfig
from traitlets.config import Config

from .capture import CaptureServer, closed_port_socket, listening_socket

pytest_plugins = ["pytest_jupyter.jupyter_server"]

ACCESS_KEY = "AKIAHELIUMTESTKEY0001"
SECRET_KEY = "helium/Secret+Key/never-shown-0123456789"
REGION = "us-east-1"
BUCKET = "helium-data"
OTHER_BUCKET = "helium-other"

CLEAN_ENV = (
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_SESSION_TOKEN",
    "AWS_DEFAULT_REGION",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_S3",
    "HELIUM_BUCKETS",
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session", autouse=True)
def aws_env():
    """Test credentials in the environment; nothing from the real machine leaks in."""
    with pytest.MonkeyPatch.context() as mp:
        for name in CLEAN_ENV:
            mp.delenv(name, raising=False)
        mp.setenv("AWS_ACCESS_KEY_ID", ACCESS_KEY)
        mp.setenv("AWS_SECRET_ACCESS_KEY", SECRET_KEY)
        mp.setenv("AWS_REGION", REGION)
        mp.setenv("AWS_EC2_METADATA_DISABLED", "true")
        mp.setenv("AWS_CONFIG_FILE", "/nonexistent/helium/aws-config")
        mp.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/helium/aws-credentials")
        yield


@pytest.fixture(scope="session")
def moto_url(aws_env, tmp_path_factory):
    """A moto S3 server on 127.0.0.1 for the whole session."""
    port = _free_port()
    exe = Path(sys.executable).with_name("moto_server")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "moto.server"]
    log = open(tmp_path_factory.mktemp("moto") / "moto.log", "wb")
    proc = subprocess.Popen([*cmd, "-H", "127.0.0.1", "-p", str(port)], stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/moto-api/", timeout=1).read()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError(f"moto server did not start (see {log.name})") from None
            time.sleep(0.2)
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="session")
def s3(moto_url):
    """A boto3 client straight to moto (not through the proxy), with versioned buckets."""
    client = boto3.client(
        "s3",
        endpoint_url=moto_url,
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        config=BotoConfig(s3={"addressing_style": "path"}),
    )
    for bucket in (BUCKET, OTHER_BUCKET):
        client.create_bucket(Bucket=bucket)
        client.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    return client


@pytest.fixture
def capture_sock():
    sock = listening_socket()
    yield sock
    sock.close()


@pytest.fixture
def evil_sock():
    """A listener standing for 'another host': nothing may ever connect to it."""
    sock = listening_socket()
    yield sock
    sock.close()


@pytest.fixture
def closed_sock():
    sock = closed_port_socket()
    yield sock
    sock.close()


@pytest.fixture
def helium_connections(moto_url, s3, capture_sock, closed_sock):
    return [
        {"name": "default", "endpoint_url": moto_url, "buckets": [BUCKET, OTHER_BUCKET]},
        {"name": "capture", "endpoint_url": f"http://127.0.0.1:{capture_sock.getsockname()[1]}", "region": "eu-west-3"},
        {"name": "closed", "endpoint_url": f"http://127.0.0.1:{closed_sock.getsockname()[1]}"},
        {"name": "nocreds", "endpoint_url": moto_url, "profile": "helium-no-such-profile"},
    ]


@pytest.fixture
def jp_server_config(helium_connections):
    return Config(
        {
            "ServerApp": {"jpserver_extensions": {"jupyterlab_helium": True}},
            "Helium": {"connections": helium_connections},
        }
    )


@pytest.fixture
def server_url(jp_serverapp, http_server_client, jp_base_url):
    """Absolute URL of the test server's base URL (ends with '/')."""
    return http_server_client.get_url(jp_base_url)


@pytest.fixture
def token(jp_serverapp):
    return jp_serverapp.identity_provider.token


@pytest.fixture
def client(server_url, token, jp_asyncio_loop, jp_serverapp):
    """httpx client for the test server, token-authenticated; closes the proxy's pool after."""
    c = httpx.AsyncClient(base_url=server_url, headers={"Authorization": f"token {token}"}, timeout=60.0)
    yield c
    jp_asyncio_loop.run_until_complete(c.aclose())
    upstream = jp_serverapp.web_app.settings.get("helium_upstream")
    if upstream is not None:
        jp_asyncio_loop.run_until_complete(upstream.aclose())


@pytest.fixture
def anon_client(server_url, jp_asyncio_loop):
    """httpx client without any credentials."""
    c = httpx.AsyncClient(base_url=server_url, timeout=60.0)
    yield c
    jp_asyncio_loop.run_until_complete(c.aclose())


@pytest.fixture
def capture(capture_sock, jp_asyncio_loop):
    """The recording fake endpoint behind the ``capture`` connection (start it in the test)."""
    server = CaptureServer(capture_sock)
    yield server
    jp_asyncio_loop.run_until_complete(server.stop())

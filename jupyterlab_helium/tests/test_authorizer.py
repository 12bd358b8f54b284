"""Tests that the proxy and the connections list ask the server's Authorizer (JupyterHub RBAC).

The server here runs with an Authorizer that lets the user read but not write through helium,
and records every question it is asked.
"""

from __future__ import annotations

import asyncio

import pytest
from jupyter_server.auth.authorizer import Authorizer
from traitlets.config import Config

from .conftest import BUCKET
from .s3paths import object_path, xml_error_code

ASKED: list[tuple[str, str]] = []


class ReadOnlyHelium(Authorizer):
    """Everything is allowed except writing through helium.

    Asynchronous, and slow to answer: were the upstream request started before the answer, it
    would have time to reach the endpoint (the tests check that nothing does).
    """

    async def is_authorized(self, handler, user, action, resource) -> bool:
        ASKED.append((action, resource))
        await asyncio.sleep(0.05)
        return not (resource == "helium" and action == "write")


@pytest.fixture
def jp_server_config(helium_connections):
    ASKED.clear()
    return Config(
        {
            "ServerApp": {
                "jpserver_extensions": {"jupyterlab_helium": True},
                "authorizer_class": ReadOnlyHelium,
            },
            "Helium": {"connections": helium_connections},
        }
    )


async def test_reads_are_asked_about_and_allowed(client, s3):
    s3.put_object(Bucket=BUCKET, Key="authz/readable.txt", Body=b"hello")
    r = await client.get(object_path(BUCKET, "authz/readable.txt"))
    assert r.status_code == 200
    assert r.content == b"hello"
    r = await client.head(object_path(BUCKET, "authz/readable.txt"))
    assert r.status_code == 200
    r = await client.get("helium/connections")
    assert r.status_code == 200
    assert ("read", "helium") in ASKED
    assert ("write", "helium") not in ASKED


@pytest.mark.parametrize("method", ["PUT", "POST", "DELETE"])
async def test_writes_are_refused_before_any_upstream_request(client, capture, method):
    await capture.start()
    r = await client.request(
        method,
        object_path("some-bucket", "authz/refused.txt", connection="capture"),
        content=b"x" * 1000 if method != "DELETE" else None,
    )
    assert r.status_code == 403
    assert xml_error_code(r.content) == "NotAuthorized"
    assert "may not write through helium" in r.text
    assert ("write", "helium") in ASKED
    assert capture.requests == []  # nothing reached the S3 endpoint


async def test_a_refused_put_changes_nothing(client, s3):
    s3.put_object(Bucket=BUCKET, Key="authz/kept.txt", Body=b"keep")
    r = await client.put(object_path(BUCKET, "authz/kept.txt"), content=b"overwrite")
    assert r.status_code == 403
    assert s3.get_object(Bucket=BUCKET, Key="authz/kept.txt")["Body"].read() == b"keep"
    versions = s3.list_object_versions(Bucket=BUCKET, Prefix="authz/kept.txt")["Versions"]
    assert len(versions) == 1

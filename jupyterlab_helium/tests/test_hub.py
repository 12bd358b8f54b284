"""The server extension as JupyterHub runs it: a single-user server under ``/user/<name>/``, with
an authorizer that lets this user read but not write through helium (JupyterHub RBAC, or any
custom Authorizer).

Every route lives under the base URL (nothing answers at the server's root), reads go through,
writes are refused before any request reaches S3, and the connections list says the same.
"""

from __future__ import annotations

import httpx
import pytest
from traitlets.config import Config

from .conftest import BUCKET
from .s3paths import object_path, xml_error_code
from .test_authorizer import ASKED, ReadOnlyHelium

BASE = "/user/alice/"


@pytest.fixture
def jp_base_url():
    return BASE


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


async def test_routes_live_under_the_base_url_only(client, http_server_client, token, server_url):
    assert server_url.endswith(BASE)
    r = await client.get("helium/connections")
    assert r.status_code == 200
    assert "default" in [c["name"] for c in r.json()["connections"]]
    root = http_server_client.get_url("/")
    async with httpx.AsyncClient(base_url=root, headers={"Authorization": f"token {token}"}) as bare:
        assert (await bare.get("helium/connections")).status_code == 404
        assert (await bare.get(object_path(BUCKET, "hub/x.txt"))).status_code == 404


async def test_reads_go_through_under_the_base_url(client, s3):
    s3.put_object(Bucket=BUCKET, Key="hub/read.txt", Body=b"alice reads")
    r = await client.get(object_path(BUCKET, "hub/read.txt"))
    assert r.status_code == 200
    assert r.content == b"alice reads"
    listing = await client.get(f"helium/s3/default/{BUCKET}", params={"list-type": "2", "prefix": "hub/"})
    assert listing.status_code == 200
    assert b"<Key>hub/read.txt</Key>" in listing.content
    assert ("read", "helium") in ASKED


async def test_a_read_only_user_cannot_write_and_nothing_changes(client, s3):
    s3.put_object(Bucket=BUCKET, Key="hub/kept.txt", Body=b"keep")
    r = await client.put(object_path(BUCKET, "hub/kept.txt"), content=b"overwrite")
    assert r.status_code == 403
    assert xml_error_code(r.content) == "NotAuthorized"
    r = await client.delete(object_path(BUCKET, "hub/kept.txt"))
    assert r.status_code == 403
    assert s3.get_object(Bucket=BUCKET, Key="hub/kept.txt")["Body"].read() == b"keep"
    versions = s3.list_object_versions(Bucket=BUCKET, Prefix="hub/kept.txt")
    assert len(versions.get("Versions", [])) == 1
    assert not versions.get("DeleteMarkers")

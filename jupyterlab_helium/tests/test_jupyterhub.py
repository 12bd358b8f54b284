"""The server extension as JupyterHub runs it: under the base URL ``/user/alice/`` and with an
authorizer that makes this user read-only through helium (as one mapping JupyterHub 5 custom
scopes would). The proxy, the connections list, the share links and the connection check all
live under the base URL, reads work, writes are refused before any S3 request, and the check
says that writing is refused for this user (and checks nothing it could not do).
"""

from __future__ import annotations

import pytest
from jupyter_server.auth.authorizer import Authorizer
from traitlets.config import Config

from .conftest import BUCKET
from .s3paths import object_path, xml_error_code

BASE_URL = "/user/alice/"


class ReadOnlyHelium(Authorizer):
    """Everything but writing through helium (e.g. a hub scope ``custom:helium:read`` only)."""

    def is_authorized(self, handler, user, action, resource) -> bool:
        return not (resource == "helium" and action == "write")


@pytest.fixture
def jp_base_url():
    return BASE_URL


@pytest.fixture
def jp_server_config(helium_connections):
    return Config(
        {
            "ServerApp": {"jpserver_extensions": {"jupyterlab_helium": True}, "authorizer_class": ReadOnlyHelium},
            "Helium": {"connections": helium_connections},
        }
    )


async def test_routes_live_under_the_base_url(client, server_url):
    assert server_url.endswith(BASE_URL)
    r = await client.get("helium/connections")
    assert r.status_code == 200
    assert [c["name"] for c in r.json()["connections"]][0] == "default"
    # Not at the root: a hub routes /user/alice/ to this server and nothing else.
    root = server_url[: -len(BASE_URL)]
    r = await client.get(f"{root}/helium/connections")  # absolute: httpx would join a "/path" to base_url
    assert r.status_code == 404


async def test_the_proxy_reads_under_the_base_url(client, s3):
    s3.put_object(Bucket=BUCKET, Key="hub/notes.txt", Body=b"from the hub")
    r = await client.get(object_path(BUCKET, "hub/notes.txt"))
    assert r.status_code == 200
    assert r.content == b"from the hub"
    r = await client.get(f"helium/s3/default/{BUCKET}?list-type=2&prefix=hub/")
    assert r.status_code == 200
    assert b"<Key>hub/notes.txt</Key>" in r.content


async def test_a_read_only_user_writes_nothing(client, s3):
    s3.put_object(Bucket=BUCKET, Key="hub/kept.txt", Body=b"keep")
    r = await client.put(object_path(BUCKET, "hub/kept.txt"), content=b"overwrite")
    assert r.status_code == 403
    assert xml_error_code(r.content) == "NotAuthorized"
    assert len(s3.list_object_versions(Bucket=BUCKET, Prefix="hub/kept.txt")["Versions"]) == 1


async def test_share_links_under_the_base_url(client, s3):
    s3.put_object(Bucket=BUCKET, Key="hub/shared.txt", Body=b"x")
    r = await client.post("helium/share/default", json={"bucket": BUCKET, "key": "hub/shared.txt", "expiresIn": 60})
    assert r.status_code == 200, r.text
    # The link points at S3 itself, not at the hub.
    assert "/user/alice/" not in r.json()["url"]


async def test_the_check_says_writing_is_refused_for_this_user(client):
    r = await client.get("helium/connections/default/check")
    assert r.status_code == 200, r.text
    checks = r.json()["checks"]
    refused = [c for c in checks if c["id"] == "permission.jupyter_refuses"]
    assert {(c["bucket"], c["feature"]) for c in refused} == {
        (bucket, feature) for bucket in (BUCKET, "helium-other") for feature in ("write", "delete_versions")
    }
    assert refused[0]["fix"] == "Ask the Jupyter server's administrator for write access to helium if you need it."
    read = [c for c in checks if c.get("feature") == "read" and c["bucket"] == BUCKET]
    assert read and read[0]["status"] == "ok"

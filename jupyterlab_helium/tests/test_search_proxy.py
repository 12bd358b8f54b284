"""Tests of the OpenSearch proxy at /helium/search/<connection>/: what it forwards (to osmem-server,
an in-memory OpenSearch-compatible server), what it refuses, how it signs (SigV4 ``es``, checked
independently) or passes basic auth, and that read-only users may search but not index.
"""

from __future__ import annotations

import base64
import hashlib
import json

import pytest
from jupyter_server.auth.authorizer import Authorizer
from traitlets.config import Config

from . import sigv4_check
from .conftest import ACCESS_KEY, SECRET_KEY

READ_ONLY = [False]


class MaybeReadOnly(Authorizer):
    """Allows everything, except writing through helium while READ_ONLY[0] is set."""

    def is_authorized(self, handler, user, action, resource) -> bool:
        return not (READ_ONLY[0] and resource == "helium" and action == "write")


@pytest.fixture
def helium_connections(moto_url, s3, capture_sock, closed_sock, osmem_url, monkeypatch):
    monkeypatch.setenv("HELIUM_TEST_OS_PASSWORD", "os-Secret-never-shown")
    capture = f"http://127.0.0.1:{capture_sock.getsockname()[1]}"
    closed = f"http://127.0.0.1:{closed_sock.getsockname()[1]}"
    return [
        {"name": "default", "endpoint_url": moto_url},
        {"name": "os", "endpoint_url": moto_url, "search": {"url": osmem_url, "auth": "none"}},
        {"name": "os-aws", "endpoint_url": moto_url, "search": {"url": capture, "auth": "aws", "region": "eu-west-3"}},
        {
            "name": "os-basic",
            "endpoint_url": moto_url,
            "search": {
                "url": capture,
                "auth": "basic",
                "username": "helium",
                "password_env": "HELIUM_TEST_OS_PASSWORD",
            },
        },
        {"name": "os-down", "endpoint_url": moto_url, "search": {"url": closed}},
    ]


@pytest.fixture
def jp_server_config(helium_connections):
    READ_ONLY[0] = False
    return Config(
        {
            "ServerApp": {"jpserver_extensions": {"jupyterlab_helium": True}, "authorizer_class": MaybeReadOnly},
            "Helium": {"connections": helium_connections},
        }
    )


def bulk_body(index: str, docs: dict) -> bytes:
    lines = []
    for doc_id, source in docs.items():
        lines += [json.dumps({"index": {"_index": index, "_id": doc_id}}), json.dumps(source)]
    return ("\n".join(lines) + "\n").encode()


async def test_forwards_what_helium_needs(client):
    r = await client.head("helium/search/os/helium-data")
    assert r.status_code == 404
    r = await client.put(
        "helium/search/os/helium-data", json={"mappings": {"properties": {"key": {"type": "keyword"}}}}
    )
    assert r.status_code == 200, r.text
    body = bulk_body(
        "helium-data", {"a.csv:v1": {"key": "a.csv", "ext": ".csv"}, "b.json:v1": {"key": "b.json", "ext": ".json"}}
    )
    r = await client.post(
        "helium/search/os/_bulk?refresh=true", content=body, headers={"Content-Type": "application/x-ndjson"}
    )
    assert r.status_code == 200 and r.json()["errors"] is False
    query = {"query": {"query_string": {"query": "ext:.csv"}}}
    r = await client.post("helium/search/os/helium-data/_search?ignore_unavailable=true", json=query)
    assert r.status_code == 200
    assert [h["_source"]["key"] for h in r.json()["hits"]["hits"]] == ["a.csv"]
    r = await client.post("helium/search/os/helium-data/_count", json={"query": {"match_all": {}}})
    assert r.json()["count"] == 2
    r = await client.get("helium/search/os/helium-data/_mapping")
    assert "key" in r.json()["helium-data"]["mappings"]["properties"]
    r = await client.get("helium/search/os/helium-data/_doc/a.csv:v1")
    assert r.json()["_source"]["key"] == "a.csv"
    # Helium's own bookkeeping: the sync time, in <bucket>_helium.
    r = await client.put(
        "helium/search/os/helium-data_helium/_doc/status?refresh=true", json={"synced_at": "2024-01-02T00:00:00Z"}
    )
    assert r.status_code in (200, 201), r.text
    r = await client.get("helium/search/os/helium-data_helium/_doc/status")
    assert r.json()["_source"]["synced_at"] == "2024-01-02T00:00:00Z"
    r = await client.post(
        "helium/search/os/helium-data_packages/_count?ignore_unavailable=true", json={"query": {"match_all": {}}}
    )
    assert r.status_code == 200 and r.json()["count"] == 0


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("GET", "_cluster/health", None),
        ("GET", "_nodes", None),
        ("GET", "_cat/indices", None),
        ("DELETE", "helium-data", None),
        ("DELETE", "helium-data/_doc/x", None),
        ("POST", "helium-data/_delete_by_query", b'{"query": {"match_all": {}}}'),
        ("GET", "_all/_search", None),
        ("GET", "*/_search", None),
        ("GET", "a,b/_search", None),
        ("GET", ".kibana/_search", None),
        ("GET", "helium-data/_search?source=x", None),
        ("POST", "_bulk", b'{"index": {"_index": ".security"}}\n{}\n'),
        ("POST", "_bulk", b'{"index": {"_index": "helium-data"}}\n{}\n{"delete_index": {"_index": "x"}}\n'),
        ("POST", "_reindex", b"{}"),
    ],
)
async def test_refuses_everything_else(client, capture, method, path, body):
    await capture.start()
    r = await client.request(method, f"helium/search/os-basic/{path}", content=body)
    assert r.status_code == 403, r.text
    assert r.json()["error"]["type"] == "helium_refused"
    assert "not forwarded" in r.json()["error"]["reason"] or "index" in r.json()["error"]["reason"]
    assert capture.requests == []


async def test_signs_with_sigv4_service_es(client, capture):
    capture.response_headers = [("Content-Type", "application/json")]
    capture.body = b'{"hits": {"total": {"value": 0}, "hits": []}}'
    await capture.start()
    body = json.dumps({"query": {"query_string": {"query": "user_meta.ocean:atlantic"}}}).encode()
    r = await client.post(
        "helium/search/os-aws/helium-data/_search?ignore_unavailable=true",
        content=body,
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 200 and r.json()["hits"]["total"]["value"] == 0
    (sent,) = capture.requests
    assert sent.target == "/helium-data/_search?ignore_unavailable=true"
    fields = sigv4_check.check("POST", sent.target, sent.headers, ACCESS_KEY, SECRET_KEY, "eu-west-3", service="es")
    assert "content-type" in fields["SignedHeaders"].split(";")
    assert sent.header("X-Amz-Content-SHA256") == hashlib.sha256(body).hexdigest()
    assert sent.body_length == len(body)
    assert not (sent.header("Authorization") or "").startswith("token")  # the Jupyter token stays here


async def test_passes_basic_auth_and_never_shows_the_password(client, capture):
    capture.response_headers = [("Content-Type", "application/json")]
    capture.body = b'{"count": 3}'
    await capture.start()
    r = await client.post("helium/search/os-basic/helium-data/_count", json={"query": {"match_all": {}}})
    assert r.json() == {"count": 3}
    (sent,) = capture.requests
    assert sent.header("Authorization") == "Basic " + base64.b64encode(b"helium:os-Secret-never-shown").decode()
    r = await client.get("helium/connections")
    info = {c["name"]: c for c in r.json()["connections"]}
    assert info["os-basic"]["search"] == {"backend": "opensearch", "index_prefix": ""}
    assert "search" not in info["default"]
    assert "os-Secret" not in r.text and "helium:" not in r.text


async def test_read_only_users_may_search_but_not_index(client, capture):
    capture.response_headers = [("Content-Type", "application/json")]
    capture.body = b'{"hits": {"total": {"value": 0}, "hits": []}}'
    await capture.start()
    READ_ONLY[0] = True
    r = await client.post("helium/search/os-basic/helium-data/_search", json={"query": {"match_all": {}}})
    assert r.status_code == 200
    for method, path, body in [
        ("POST", "_bulk", bulk_body("helium-data", {"x": {"key": "x"}})),
        ("PUT", "helium-data", b"{}"),
        ("PUT", "helium-data_helium/_doc/status", b"{}"),
    ]:
        r = await client.request(method, f"helium/search/os-basic/{path}", content=body)
        assert r.status_code == 403, path
        assert r.json()["error"]["type"] == "not_authorized"
        assert "Searching needs read; indexing needs write" in r.json()["error"]["reason"]
    assert len(capture.requests) == 1  # only the search reached the cluster


async def test_says_what_is_wrong(client):
    r = await client.post("helium/search/os-down/helium-data/_search", json={})
    assert r.status_code == 502
    assert r.json()["error"]["type"] == "search_unreachable"
    assert "Cannot reach the OpenSearch cluster http://127.0.0.1:" in r.json()["error"]["reason"]
    r = await client.post("helium/search/default/helium-data/_search", json={})
    assert r.status_code == 404 and "has no search cluster" in r.json()["error"]["reason"]
    r = await client.post("helium/search/nope/helium-data/_search", json={})
    assert r.status_code == 404 and "no connection named 'nope'" in r.json()["error"]["reason"]


async def test_unauthenticated_and_cookie_without_xsrf_are_refused(anon_client, server_url, token, capture):
    await capture.start()
    r = await anon_client.post("helium/search/os-basic/helium-data/_search", json={})
    assert r.status_code == 403
    # A browser-like client: login cookie and _xsrf cookie, but no X-XSRFToken header.
    r = await anon_client.get("login")
    r = await anon_client.get("helium/connections", params={"token": token})
    assert r.status_code == 200
    r = await anon_client.post("helium/search/os-basic/_bulk", content=bulk_body("helium-data", {"x": {}}))
    assert r.status_code == 403 and "xsrf" in r.text.lower()
    assert capture.requests == []

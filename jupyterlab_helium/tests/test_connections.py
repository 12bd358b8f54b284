"""Tests of ``GET /helium/connections`` and of how the extension loads its configuration."""

from __future__ import annotations

import json

import pytest
from tornado.httpclient import HTTPClientError
from traitlets.config import Config

from .conftest import ACCESS_KEY, BUCKET, OTHER_BUCKET, SECRET_KEY


async def test_lists_configured_connections_without_secrets(client, moto_url):
    r = await client.get("helium/connections")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    body = r.json()
    by_name = {c["name"]: c for c in body["connections"]}
    assert list(by_name) == ["default", "capture", "closed", "nocreds"]
    assert by_name["default"] == {
        "name": "default",
        "region": "us-east-1",
        "endpoint": moto_url,
        "buckets": [BUCKET, OTHER_BUCKET],
        "path_style": True,
        "share": {"enabled": True, "max_seconds": 604800},
    }
    assert by_name["capture"]["region"] == "eu-west-3"
    for secret in (ACCESS_KEY, SECRET_KEY, "helium-no-such-profile"):
        assert secret not in r.text
    assert set(by_name["nocreds"]) == {"name", "region", "endpoint", "buckets", "path_style", "share"}


async def test_connections_require_authentication(anon_client):
    r = await anon_client.get("helium/connections")
    assert r.status_code == 403
    assert "connections" not in r.text


@pytest.fixture
def env_default(monkeypatch):
    """No configured connections: the default comes from the environment at server start."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://helium:hunter2@127.0.0.1:9/prefix/")
    monkeypatch.setenv("AWS_REGION", "eu-north-1")
    monkeypatch.setenv("HELIUM_BUCKETS", "alpha,beta")


class TestDefaultFromEnvironment:
    @pytest.fixture
    def jp_server_config(self, env_default):
        return Config({"ServerApp": {"jpserver_extensions": {"jupyterlab_helium": True}}})

    async def test_default_connection(self, client):
        r = await client.get("helium/connections")
        assert r.json() == {
            "connections": [
                {
                    "name": "default",
                    "region": "eu-north-1",
                    "endpoint": "http://127.0.0.1:9/prefix",
                    "buckets": ["alpha", "beta"],
                    "path_style": True,
                    "share": {"enabled": True, "max_seconds": 604800},
                }
            ]
        }
        assert "hunter2" not in r.text and ACCESS_KEY not in r.text and SECRET_KEY not in r.text


class TestBadConfig:
    @pytest.fixture
    def jp_server_config(self):
        return Config(
            {
                "ServerApp": {"jpserver_extensions": {"jupyterlab_helium": True}},
                "Helium": {"connections": [{"name": "ok"}, {"name": "ok", "endpoint_url": "ftp://x"}]},
            }
        )

    async def test_bad_config_logs_a_clear_error_and_serves_nothing(self, capsys, jp_fetch):
        # capsys comes first so that it captures the server's start-up log
        with pytest.raises(HTTPClientError) as info:
            await jp_fetch("helium", "connections")
        assert info.value.code == 404
        log = capsys.readouterr().err
        assert (
            "jupyterlab_helium: invalid configuration, S3 proxy disabled: c.Helium.connections[1] "
            "('ok'): endpoint_url must start with http:// or https://"
        ) in log, log

    async def test_bad_config_can_stop_the_server(self, capsys, jp_configurable_serverapp):
        bad = Config(
            {
                "ServerApp": {
                    "jpserver_extensions": {"jupyterlab_helium": True},
                    "reraise_server_extension_failures": True,
                },
                "Helium": {"connections": [{"name": "a b"}]},
            }
        )
        with pytest.raises(SystemExit):
            jp_configurable_serverapp(config=bad)
        assert "c.Helium.connections[0]: name 'a b' is invalid" in capsys.readouterr().err


def test_json_roundtrip_of_public_info():
    from jupyterlab_helium.config import parse_connections

    [c] = parse_connections([{"name": "x", "endpoint_url": "http://u:p@h:1"}], {})
    assert json.loads(json.dumps(c.public_info()))["endpoint"] == "http://h:1"

"""Tests of a connection's ``search`` configuration: defaults, validation messages, no secrets shown."""

from __future__ import annotations

import pytest

from jupyterlab_helium.config import HeliumConfigError, parse_connections


def one(search, env=None):
    return parse_connections([{"name": "c", "region": "eu-west-1", "search": search}], env or {})[0]


def test_defaults_follow_the_endpoint():
    aws = one({"url": "https://search-x.eu-west-1.es.amazonaws.com/"}).search
    assert (aws.auth, aws.region, aws.url) == ("aws", "eu-west-1", "https://search-x.eu-west-1.es.amazonaws.com")
    assert one({"url": "http://127.0.0.1:9200"}).search.auth == "none"
    assert parse_connections([{"name": "plain"}], {})[0].search is None


def test_basic_auth_from_the_environment_is_never_public():
    c = one(
        {"url": "http://os:9200", "auth": "basic", "username_env": "U", "password_env": "P", "index_prefix": "team-"},
        {"U": "ana", "P": "pw-123"},
    )
    assert (c.search.username, c.search.password) == ("ana", "pw-123")
    assert c.public_info()["search"] == {"backend": "opensearch", "index_prefix": "team-"}
    assert "pw-123" not in repr(c) and "pw-123" not in str(c.public_info())


@pytest.mark.parametrize(
    "search, env, message",
    [
        ("http://os:9200", {}, "search must be a dict"),
        ({}, {}, "search.url is required"),
        ({"url": "ftp://os"}, {}, "search.url: must start with http:// or https://"),
        ({"url": "http://a:b@os:9200"}, {}, "must not carry a password"),
        ({"url": "http://os:9200", "auth": "kerberos"}, {}, "search.auth must be one of aws, basic, none"),
        ({"url": "http://os:9200", "auth": "basic", "username": "a"}, {}, "username/search.password"),
        (
            {"url": "http://os:9200", "auth": "basic", "username": "a", "password_env": "NOPE"},
            {},
            "'NOPE', which is not set",
        ),
        ({"url": "http://os:9200", "password": "x"}, {}, 'only used with search.auth "basic"'),
        ({"url": "http://os:9200", "index_prefix": "_x"}, {}, "index_prefix '_x' is not a valid"),
        ({"url": "http://os:9200", "colour": 1}, {}, "unknown search field(s) ['colour']"),
    ],
)
def test_bad_search_config_says_what_and_where(search, env, message):
    with pytest.raises(HeliumConfigError) as info:
        one(search, env)
    assert "c.Helium.connections[0] ('c')" in str(info.value)
    assert message in str(info.value)

"""Tests of connection configuration: validation, defaults from the AWS environment."""

from __future__ import annotations

import pytest
from traitlets import TraitError
from traitlets.config import Config

from jupyterlab_helium.config import Helium, HeliumConfigError, parse_connections


def test_default_connection_from_aws_environment():
    env = {
        "AWS_ENDPOINT_URL": "http://minio.local:9000/",
        "AWS_ENDPOINT_URL_S3": "https://user:pass@s3.example.org:8443/base/",
        "AWS_DEFAULT_REGION": "eu-central-1",
        "HELIUM_BUCKETS": " raw, ,curated ,",
    }
    [c] = parse_connections([], env)
    assert c.name == "default"
    assert c.endpoint_url == "https://s3.example.org:8443/base"  # _S3 wins; userinfo dropped
    assert c.region == "eu-central-1"
    assert c.path_style is True
    assert c.buckets == ("raw", "curated")


def test_default_connection_on_aws():
    [c] = parse_connections([], {"AWS_REGION": "ap-south-1", "AWS_DEFAULT_REGION": "x"})
    assert c.endpoint_url == "https://s3.ap-south-1.amazonaws.com"
    assert c.region == "ap-south-1" and c.path_style is False and c.buckets == ()
    [c] = parse_connections([], {})
    assert c.region == "us-east-1" and c.endpoint_url == "https://s3.us-east-1.amazonaws.com"


def test_configured_connections_fill_defaults():
    conns = parse_connections(
        [
            {"name": "minio", "endpoint_url": "http://127.0.0.1:9000", "profile": "minio"},
            {"name": "aws.prod_1", "region": "eu-west-1", "buckets": ["b1"]},
        ],
        {"AWS_REGION": "us-west-2"},
    )
    assert [c.name for c in conns] == ["minio", "aws.prod_1"]
    assert conns[0].region == "us-west-2" and conns[0].path_style and conns[0].profile == "minio"
    assert conns[1].endpoint_url == "https://s3.eu-west-1.amazonaws.com"
    assert conns[1].path_style is False and conns[1].buckets == ("b1",)


@pytest.mark.parametrize(
    "entries, fragment",
    [
        ([{"name": "bad name"}], "name 'bad name' is invalid"),
        ([{"name": "x" * 65}], "is invalid"),
        ([{"endpoint_url": "http://a"}], "name None is invalid"),
        ([{"name": "a"}, {"name": "a"}], "'a' is used twice"),
        ([{"name": "a", "endpoint_url": "ftp://host"}], "must start with http:// or https://"),
        ([{"name": "a", "endpoint_url": "file:///etc/passwd"}], "http:// or https://"),
        ([{"name": "a", "endpoint_url": "http://"}], "has no host"),
        ([{"name": "a", "endpoint_url": "http://h:99999"}], "not a valid URL"),
        ([{"name": "a", "secret_key": "x"}], "unknown field(s) ['secret_key']"),
        ([{"name": "a", "path_style": "yes"}], "path_style must be true or false"),
        ([{"name": "a", "buckets": "b1"}], "buckets must be a list"),
        (["a"], "must be a dict"),
    ],
)
def test_bad_config_is_refused_clearly(entries, fragment):
    with pytest.raises(HeliumConfigError) as info:
        parse_connections(entries, {})
    assert fragment in str(info.value)
    assert "c.Helium.connections" in str(info.value)


def test_configurable_validates_on_load():
    config = Config({"Helium": {"connections": [{"name": "ok"}, {"name": "no/slash"}]}})
    with pytest.raises(TraitError, match=r"c.Helium.connections\[1\]: name 'no/slash' is invalid"):
        Helium(config=config)
    good = Helium(config=Config({"Helium": {"connections": [{"name": "ok"}]}}))
    assert [c.name for c in good.resolved_connections()] == ["ok"]

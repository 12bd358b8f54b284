"""The ``search`` part of a connection: an OpenSearch (or Elasticsearch) cluster searched through
``/helium/search/<connection>/``.

``{"url": "https://search-x.us-east-1.es.amazonaws.com", "auth": "aws"|"basic"|"none",
"region": ..., "username": ..., "password": ... (or "username_env"/"password_env": names of
environment variables), "index_prefix": ...}``. ``auth`` defaults to ``aws`` for an AWS endpoint
(``*.es.amazonaws.com``, ``*.aoss.amazonaws.com``) and to ``none`` otherwise; ``aws`` signs with
SigV4, service ``es``, using the connection's AWS credentials. Secrets stay on the server.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

SEARCH_FIELDS = {"url", "auth", "region", "username", "password", "username_env", "password_env", "index_prefix"}
AUTH_KINDS = ("aws", "basic", "none")
# Lower case, no characters OpenSearch forbids in index names, and not starting with - _ +.
INDEX_PREFIX_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
AWS_HOST_RE = re.compile(r"\.(es|aoss)\.amazonaws\.com$")


@dataclass(frozen=True)
class SearchConfig:
    """A validated search cluster of one connection."""

    url: str  # scheme://host[:port][/prefix], no userinfo, no trailing slash
    auth: str
    region: str
    index_prefix: str = ""
    # Basic auth: the values, resolved when the server starts; never shown.
    username: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)


def _str(value: Any, key: str, where: str) -> str | None:
    from .config import HeliumConfigError

    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise HeliumConfigError(f"{where}: search.{key} must be a string")
    return value


def _secret(entry: Mapping, key: str, where: str, env: Mapping[str, str]) -> str | None:
    """A literal value, or the value of the environment variable named by ``<key>_env``."""
    from .config import HeliumConfigError

    literal = _str(entry.get(key), key, where)
    env_name = _str(entry.get(f"{key}_env"), f"{key}_env", where)
    if literal is not None and env_name is not None:
        raise HeliumConfigError(f"{where}: give search.{key} or search.{key}_env, not both")
    if env_name is None:
        return literal
    value = env.get(env_name)
    if not value:
        raise HeliumConfigError(
            f"{where}: search.{key}_env names the environment variable {env_name!r}, which is not set; "
            "set it in the Jupyter server's environment and restart"
        )
    return value


def parse_search(value: Any, where: str, region: str, env: Mapping[str, str]) -> SearchConfig | None:
    """Validate a connection's ``search`` entry (None: the connection has no search cluster)."""
    from .config import HeliumConfigError, clean_endpoint

    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise HeliumConfigError(
            f'{where}: search must be a dict such as {{"url": "https://host:9200", "auth": "basic"}}'
        )
    unknown = set(value) - SEARCH_FIELDS
    if unknown:
        raise HeliumConfigError(f"{where}: unknown search field(s) {sorted(unknown)}; allowed: {sorted(SEARCH_FIELDS)}")
    raw_url = value.get("url")
    if not raw_url:
        raise HeliumConfigError(f"{where}: search.url is required (the OpenSearch cluster, e.g. https://host:9200)")
    if isinstance(raw_url, str) and re.match(r"^https?://[^/@]*:[^/@]*@", raw_url):
        raise HeliumConfigError(
            f"{where}: search.url must not carry a password; use search.username and search.password "
            "(or search.username_env and search.password_env)"
        )
    try:
        url = clean_endpoint(raw_url, f"{where}: search.url")
    except HeliumConfigError as e:  # its messages name endpoint_url; here the field is search.url
        raise HeliumConfigError(str(e).replace(": endpoint_url", ":").replace("endpoint_url", "the URL")) from None
    auth = _str(value.get("auth"), "auth", where)
    if auth is None:
        auth = "aws" if AWS_HOST_RE.search(url.split("/")[2].split(":")[0]) else "none"
    if auth not in AUTH_KINDS:
        raise HeliumConfigError(f"{where}: search.auth must be one of {', '.join(AUTH_KINDS)} (got {auth!r})")
    username = _secret(value, "username", where, env)
    password = _secret(value, "password", where, env)
    if auth == "basic" and (username is None or password is None):
        raise HeliumConfigError(
            f'{where}: search.auth is "basic" but search.username/search.password (or their _env names) are missing'
        )
    if auth != "basic" and (username is not None or password is not None):
        raise HeliumConfigError(f'{where}: search.username/password are only used with search.auth "basic"')
    prefix = _str(value.get("index_prefix"), "index_prefix", where) or ""
    if prefix and not INDEX_PREFIX_RE.match(prefix):
        raise HeliumConfigError(
            f"{where}: search.index_prefix {prefix!r} is not a valid index name start "
            "(lower case letters, digits, . _ -; not starting with . _ -)"
        )
    search_region = _str(value.get("region"), "region", where) or region
    return SearchConfig(
        url=url, auth=auth, region=search_region, index_prefix=prefix, username=username, password=password
    )

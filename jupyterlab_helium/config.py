"""Server configuration: the S3 connections the proxy may reach (``c.Helium.connections``).

Each connection names one S3 endpoint, its region, an optional AWS profile and an optional list of
buckets to show. With nothing configured, a single ``default`` connection follows the standard AWS
environment (``AWS_ENDPOINT_URL_S3``/``AWS_ENDPOINT_URL``, ``AWS_REGION``/``AWS_DEFAULT_REGION``,
``AWS_PROFILE``) plus ``HELIUM_BUCKETS`` (comma-separated bucket names to list).

Nothing here holds credentials: those are resolved per request by :mod:`.credentials`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from traitlets import Dict, List, TraitError, validate
from traitlets.config import Configurable

from .search_config import SearchConfig, parse_search

NAME_RE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
DEFAULT_REGION = "us-east-1"
KNOWN_FIELDS = {
    "name",
    "endpoint_url",
    "region",
    "path_style",
    "buckets",
    "profile",
    "allowed_buckets",
    "allow_bucket_admin",
    "search",
    "share_links",
    "max_share_seconds",
}
# The longest a SigV4 presigned URL (a share link) may live: 7 days.
MAX_SHARE_SECONDS = 7 * 24 * 3600


class HeliumConfigError(TraitError):
    """A connection in ``c.Helium.connections`` is invalid; the message says which and why."""


@dataclass(frozen=True)
class Connection:
    """One validated S3 connection."""

    name: str
    endpoint_url: str  # scheme://host[:port][/prefix], no userinfo, no query, no trailing slash
    region: str
    path_style: bool
    buckets: tuple = field(default_factory=tuple)
    profile: str | None = None
    custom_endpoint: bool = False
    # When set, the proxy reaches these buckets only (and refuses ListBuckets).
    allowed_buckets: tuple | None = None
    # Whether the proxy forwards bucket-level writes (CreateBucket, DeleteBucket, PutBucket*).
    allow_bucket_admin: bool = False
    # An OpenSearch cluster searched through /helium/search/<name>/ (see search_config.py).
    search: SearchConfig | None = None
    # Whether the server signs share links (presigned GET URLs), and for how long at most.
    share_links: bool = True
    max_share_seconds: int = MAX_SHARE_SECONDS

    def public_info(self) -> dict:
        """What the browser may know about this connection (never a secret)."""
        info = {
            "name": self.name,
            "region": self.region,
            "endpoint": self.endpoint_url,
            "buckets": list(self.buckets),
            "path_style": self.path_style,
            "share": {"enabled": self.share_links, "max_seconds": self.max_share_seconds},
        }
        if self.search is not None:
            # The backend and index prefix only: never the cluster's URL credentials or secrets.
            info["search"] = {"backend": "opensearch", "index_prefix": self.search.index_prefix}
        return info


def aws_endpoint(region: str) -> str:
    """AWS's regional S3 endpoint."""
    return f"https://s3.{region}.amazonaws.com"


def clean_endpoint(url: Any, where: str) -> str:
    """Validate an endpoint URL and return it without userinfo, query, fragment or trailing '/'."""
    if not isinstance(url, str) or not url.strip():
        raise HeliumConfigError(f"{where}: endpoint_url must be a non-empty string")
    try:
        parts = urlsplit(url.strip())
        hostname = parts.hostname
        parts.port  # noqa: B018  (raises ValueError on a bad port)
    except ValueError as e:
        raise HeliumConfigError(f"{where}: endpoint_url {url!r} is not a valid URL ({e})") from None
    if parts.scheme not in ("http", "https"):
        raise HeliumConfigError(
            f"{where}: endpoint_url must start with http:// or https:// (got {parts.scheme or 'no'} scheme)"
        )
    if not hostname:
        raise HeliumConfigError(f"{where}: endpoint_url {url!r} has no host")
    if parts.query or parts.fragment:
        raise HeliumConfigError(f"{where}: endpoint_url must not have a query or fragment")
    netloc = parts.netloc.rpartition("@")[2]  # drop any user:password@
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme, netloc, path, "", ""))


def _optional_str(entry: Mapping, key: str, where: str) -> str | None:
    value = entry.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise HeliumConfigError(f"{where}: {key} must be a string")
    return value


def _buckets(value: Any, where: str, key: str = "buckets") -> tuple:
    if value is None:
        return ()
    if isinstance(value, str) or not all(isinstance(b, str) and b for b in value):
        raise HeliumConfigError(f"{where}: {key} must be a list of bucket names")
    return tuple(value)


def parse_connection(entry: Any, index: int, env: Mapping[str, str]) -> Connection:
    """Validate one entry of ``c.Helium.connections``."""
    where = f"c.Helium.connections[{index}]"
    if not isinstance(entry, Mapping):
        raise HeliumConfigError(f"{where}: each connection must be a dict")
    unknown = set(entry) - KNOWN_FIELDS
    if unknown:
        raise HeliumConfigError(f"{where}: unknown field(s) {sorted(unknown)}; allowed: {sorted(KNOWN_FIELDS)}")
    name = entry.get("name")
    if not isinstance(name, str) or not NAME_RE.match(name):
        raise HeliumConfigError(f"{where}: name {name!r} is invalid; use 1-64 characters from A-Z a-z 0-9 _ . -")
    where = f"c.Helium.connections[{index}] ({name!r})"
    region = _optional_str(entry, "region", where) or default_region(env)
    endpoint = _optional_str(entry, "endpoint_url", where)
    custom = endpoint is not None
    endpoint = clean_endpoint(endpoint, where) if custom else aws_endpoint(region)
    path_style = entry.get("path_style", custom)
    if not isinstance(path_style, bool):
        raise HeliumConfigError(f"{where}: path_style must be true or false")
    admin = entry.get("allow_bucket_admin", False)
    if not isinstance(admin, bool):
        raise HeliumConfigError(f"{where}: allow_bucket_admin must be true or false")
    share_links = entry.get("share_links", True)
    if not isinstance(share_links, bool):
        raise HeliumConfigError(f"{where}: share_links must be true or false")
    max_share = _max_share_seconds(entry.get("max_share_seconds"), where)
    buckets = _buckets(entry.get("buckets"), where)
    allowed = None
    if entry.get("allowed_buckets") is not None:
        allowed = _buckets(entry.get("allowed_buckets"), where, "allowed_buckets")
        if not allowed:
            raise HeliumConfigError(f"{where}: allowed_buckets must name at least one bucket (omit it to allow all)")
        outside = [b for b in buckets if b not in allowed]
        if outside:
            raise HeliumConfigError(f"{where}: buckets {outside} are not in allowed_buckets")
        buckets = buckets or allowed  # the picker shows what may be reached
    return Connection(
        name=name,
        endpoint_url=endpoint,
        region=region,
        path_style=path_style,
        buckets=buckets,
        profile=_optional_str(entry, "profile", where),
        custom_endpoint=custom,
        allowed_buckets=allowed,
        allow_bucket_admin=admin,
        search=parse_search(entry.get("search"), where, region, env),
        share_links=share_links,
        max_share_seconds=max_share,
    )


def _max_share_seconds(value: Any, where: str) -> int:
    if value is None:
        return MAX_SHARE_SECONDS
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_SHARE_SECONDS:
        raise HeliumConfigError(
            f"{where}: max_share_seconds must be a whole number of seconds from 1 to {MAX_SHARE_SECONDS} "
            f"(7 days, the longest a SigV4 presigned URL lives); got {value!r}"
        )
    return value


def default_region(env: Mapping[str, str]) -> str:
    return env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION") or DEFAULT_REGION


def default_connection(env: Mapping[str, str]) -> Connection:
    """The single connection used when none is configured, from the standard AWS environment."""
    region = default_region(env)
    raw_endpoint = env.get("AWS_ENDPOINT_URL_S3") or env.get("AWS_ENDPOINT_URL")
    custom = bool(raw_endpoint)
    where = "AWS_ENDPOINT_URL_S3/AWS_ENDPOINT_URL"
    endpoint = clean_endpoint(raw_endpoint, where) if custom else aws_endpoint(region)
    buckets = tuple(b.strip() for b in env.get("HELIUM_BUCKETS", "").split(",") if b.strip())
    return Connection(
        name="default",
        endpoint_url=endpoint,
        region=region,
        path_style=custom,
        buckets=buckets,
        # None: botocore reads AWS_PROFILE itself and keeps the full default chain (env keys first).
        profile=None,
        custom_endpoint=custom,
    )


def parse_connections(entries: list, env: Mapping[str, str] | None = None) -> list[Connection]:
    """Validate all configured connections, or build the default one when none is configured."""
    env = os.environ if env is None else env
    if not entries:
        return [default_connection(env)]
    connections = [parse_connection(entry, i, env) for i, entry in enumerate(entries)]
    seen: set[str] = set()
    for c in connections:
        if c.name in seen:
            raise HeliumConfigError(f"c.Helium.connections: the name {c.name!r} is used twice")
        seen.add(c.name)
    return connections


class Helium(Configurable):
    """Configuration of the jupyterlab-helium server extension."""

    connections = List(
        Dict(),
        default_value=[],
        config=True,
        help="""S3 connections the browser may use through the server's signing proxy.
        Each is a dict: {"name": "minio", "endpoint_url": "http://127.0.0.1:9000",
        "region": "us-east-1", "path_style": true, "buckets": ["data"], "profile": "minio",
        "allowed_buckets": ["data"], "allow_bucket_admin": false, "share_links": true,
        "max_share_seconds": 86400,
        "search": {"url": "https://search-x.us-east-1.es.amazonaws.com", "auth": "aws"}}.
        Only "name" is required. "buckets" fills the bucket picker; "allowed_buckets" is a limit
        the proxy enforces (other buckets and ListBuckets are refused); bucket-level writes
        (create, delete, PutBucket*) are refused unless "allow_bucket_admin" is true. "share_links"
        (default true) lets users get presigned GET links of objects, valid at most
        "max_share_seconds" (default and maximum 604800, 7 days). "search" names an OpenSearch
        cluster (auth "aws", "basic" with username/password or username_env/password_env, or
        "none"; optional region and index_prefix) searched through the server. With none, one "default" connection follows the standard
        AWS environment (AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL, AWS_REGION, AWS_PROFILE)
        and HELIUM_BUCKETS.""",
    )

    @validate("connections")
    def _validate_connections(self, proposal):
        parse_connections(proposal["value"])  # raises HeliumConfigError with a clear message
        return proposal["value"]

    def resolved_connections(self) -> list[Connection]:
        """The validated connections (or the env default)."""
        return parse_connections(self.connections)

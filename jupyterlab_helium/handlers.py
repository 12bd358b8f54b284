"""HTTP routes of the extension: the connections list and the S3 proxy.

``GET /helium/connections`` tells the browser which connections exist (names, regions, endpoints,
buckets), never any credential. ``/helium/s3/<connection>/...`` is the proxy (see :mod:`.proxy`);
``/helium/search/<connection>/...`` reaches the connection's OpenSearch cluster (:mod:`.search_proxy`).
``POST /helium/share/<connection>`` signs share links (see :mod:`.share`);
``GET /helium/connections/<connection>/check`` checks a connection (see :mod:`.doctor`);
``POST /helium/workspace-download/<connection>`` downloads an object into the workspace
(see :mod:`.workspace_download`).
"""

from __future__ import annotations

import json

import tornado.web
from jupyter_server.auth.decorator import authorized
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join

from .doctor_handler import CHECK_PATTERN, ConnectionCheckHandler
from .proxy import AUTH_RESOURCE, S3ProxyHandler
from .search_proxy import SEARCH_PATTERN, SearchProxyHandler
from .share import SHARE_PATTERN, ShareHandler
from .upstream import Upstream
from .workspace_download import WORKSPACE_DOWNLOAD_PATTERN, WorkspaceDownloadHandler

PROXY_PATTERN = r"helium/s3/([^/]+)(/.*)?"


class ConnectionsHandler(APIHandler):
    """List the configured S3 connections."""

    auth_resource = AUTH_RESOURCE

    def initialize(self, upstream: Upstream) -> None:
        self.upstream = upstream

    @tornado.web.authenticated
    @authorized
    def get(self) -> None:
        connections = [c.public_info() for c in self.upstream.connections.values()]
        self.finish(json.dumps({"connections": connections}))


def setup_handlers(web_app, upstream: Upstream) -> None:
    """Register the routes under the server's base URL."""
    base_url = web_app.settings["base_url"]
    proxy_route = url_path_join(base_url, PROXY_PATTERN)
    search_route = url_path_join(base_url, SEARCH_PATTERN)
    web_app.add_handlers(
        ".*$",
        [
            (url_path_join(base_url, "helium/connections"), ConnectionsHandler, {"upstream": upstream}),
            (url_path_join(base_url, CHECK_PATTERN), ConnectionCheckHandler, {"upstream": upstream}),
            (proxy_route, S3ProxyHandler, {"upstream": upstream, "route": proxy_route}),
            (search_route, SearchProxyHandler, {"upstream": upstream, "route": search_route}),
            (url_path_join(base_url, SHARE_PATTERN), ShareHandler, {"upstream": upstream}),
            (url_path_join(base_url, WORKSPACE_DOWNLOAD_PATTERN), WorkspaceDownloadHandler, {"upstream": upstream}),
        ],
    )

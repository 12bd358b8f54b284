"""``GET /helium/connections/<name>/check``: the connection check (see :mod:`.doctor`) as JSON.

The same gate as the proxy: Jupyter authentication, the server's authorizer (``read`` on the
resource ``helium``; whether it also allows ``write`` is reported, since the proxy would refuse
writes), the same connection configuration and credentials chain, and ``allowed_buckets``.
The check only reads; it never writes an object.
"""

from __future__ import annotations

import asyncio
import json

import tornado.web
from jupyter_core.utils import ensure_async
from jupyter_server.base.handlers import APIHandler

from .doctor import check_connection
from .errors import unknown_connection_message
from .proxy import AUTH_RESOURCE
from .upstream import Upstream

CHECK_PATTERN = r"helium/connections/([^/]+)/check"


class ConnectionCheckHandler(APIHandler):
    """Check one connection."""

    auth_resource = AUTH_RESOURCE

    def initialize(self, upstream: Upstream) -> None:
        self.upstream = upstream

    async def _allowed(self, action: str) -> bool:
        return bool(await ensure_async(self.authorizer.is_authorized(self, self.current_user, action, AUTH_RESOURCE)))

    def _refuse(self, status: int, code: str, message: str) -> None:
        self.set_status(status)
        self.finish(json.dumps({"code": code, "message": message}))

    @tornado.web.authenticated
    async def get(self, name: str) -> None:
        if not await self._allowed("read"):
            self._refuse(
                403,
                "NotAuthorized",
                "This Jupyter user may not read through helium (the server's authorizer refused 'read' on the "
                "resource 'helium'), so it may not check connections either. Ask the server's administrator.",
            )
            return
        connection = self.upstream.connections.get(name)
        if connection is None:
            self._refuse(404, "UnknownConnection", unknown_connection_message(name, list(self.upstream.connections)))
            return
        can_write = await self._allowed("write")
        report = await asyncio.to_thread(check_connection, connection, can_write)
        self.finish(json.dumps(report))

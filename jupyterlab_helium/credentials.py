"""AWS credentials for each connection, resolved at request time through botocore's chain.

The botocore credential object is kept (so the chain is walked once), but frozen keys are taken
from it on every request: refreshable credentials (SSO, assumed roles, instance metadata) renew
themselves. Resolution may block on the network, so callers run it in a thread via :meth:`get`.
"""

from __future__ import annotations

import asyncio
import threading

import botocore.session
from botocore.credentials import ReadOnlyCredentials
from botocore.exceptions import BotoCoreError, ProfileNotFound

from .config import Connection
from .doctor_rules import sentence


class CredentialsMissing(Exception):
    """No usable credentials for a connection; the message tells a person how to provide them."""


def missing_message(connection: Connection, message_id: str = "credentials.none", **values) -> str:
    """What the proxy answers when a connection has no usable credentials (the shared rules' words)."""
    return f"No usable AWS credentials for connection {connection.name!r}: {sentence(message_id, **values)}"


class CredentialSource:
    """Lazily resolved, refreshable credentials for one connection."""

    def __init__(self, connection: Connection):
        self._connection = connection
        self._lock = threading.Lock()
        self._credentials = None  # botocore Credentials / RefreshableCredentials

    def _load(self):
        with self._lock:
            if self._credentials is None:
                profile = self._connection.profile
                session = botocore.session.Session(profile=profile) if profile else botocore.session.Session()
                try:
                    creds = session.get_credentials()
                except ProfileNotFound:
                    raise CredentialsMissing(
                        missing_message(self._connection, "credentials.profile_missing", profile=profile)
                    ) from None
                except BotoCoreError as e:
                    raise CredentialsMissing(
                        missing_message(self._connection, "credentials.error", error=str(e).rstrip("."))
                    ) from None
                if creds is None:
                    # Not cached: credentials added later (e.g. a new SSO login) are picked up.
                    raise CredentialsMissing(missing_message(self._connection))
                self._credentials = creds
            return self._credentials

    def resolve(self) -> ReadOnlyCredentials:
        """Blocking: current frozen credentials (refreshing them if they are about to expire)."""
        creds = self._load()
        try:
            frozen = creds.get_frozen_credentials()
        except BotoCoreError as e:
            raise CredentialsMissing(
                missing_message(self._connection, "credentials.expired", code=type(e).__name__)
            ) from None
        if not frozen.access_key or not frozen.secret_key:
            raise CredentialsMissing(missing_message(self._connection))
        return frozen

    async def get(self) -> ReadOnlyCredentials:
        """Current frozen credentials, resolved off the event loop."""
        return await asyncio.to_thread(self.resolve)

"""A workspace file written by the server: ``<path>.helium-partial`` next to where it will live.

Used by the workspace download (:mod:`.workspace_download`). The path is a Jupyter API path and
is resolved by the server's own file contents manager (so it stays inside the workspace root, with
the same refusals as a save: outside the root, hidden files when they are not allowed). Bytes go
to the partial file only; the page renames it over the target once the download is complete, as
it does after a chunked save, so a failed or cancelled download never touches an existing file.
Disk writes run in a thread so the server's event loop keeps serving other requests.
"""

from __future__ import annotations

import asyncio
import os

from jupyter_core.paths import is_hidden

from .errors import S3ProxyError

# The page's PARTIAL_SUFFIX (src/models/contents-sink.ts): not a dot-file, which Jupyter would refuse.
PARTIAL_SUFFIX = ".helium-partial"


def no_local_workspace() -> S3ProxyError:
    """The answer when the workspace is not files on this server's disk (the page then saves in chunks)."""
    return S3ProxyError(
        501,
        "NoLocalWorkspace",
        "This Jupyter server's workspace is not a folder on its disk (its contents manager is not "
        "file-based), so it cannot write downloads itself; the page saves them through the contents API.",
    )


def partial_os_path(contents_manager, path: str) -> str:
    """The disk path of ``path``'s partial file, or raise an S3ProxyError saying why not."""
    if not hasattr(contents_manager, "_get_os_path") or not hasattr(contents_manager, "root_dir"):
        raise no_local_workspace()
    if not isinstance(path, str) or not path.strip("/") or path.endswith("/") or "\0" in path:
        raise S3ProxyError(400, "InvalidRequest", "Give the workspace file to write as 'path' (a file, not a folder).")
    api_path = path.strip("/") + PARTIAL_SUFFIX
    try:
        os_path = contents_manager._get_os_path(api_path)
    except Exception:  # a tornado HTTPError(404): outside the root, or not a valid path
        raise S3ProxyError(
            400, "InvalidWorkspacePath", f"/{path.strip('/')} is not a file path inside the workspace."
        ) from None
    if not getattr(contents_manager, "allow_hidden", False) and is_hidden(os_path, contents_manager.root_dir):
        raise S3ProxyError(
            400,
            "HiddenWorkspacePath",
            f"/{path.strip('/')} is in a hidden folder, which this Jupyter server does not write "
            "(ContentsManager.allow_hidden is off). Choose another folder.",
        )
    folder = os.path.dirname(os_path)
    if not os.path.isdir(folder):
        raise S3ProxyError(
            404,
            "NoSuchWorkspaceFolder",
            f"The workspace folder of /{path.strip('/')} does not exist (any more). Create it, or open "
            "another folder, and download again.",
        )
    return os_path


class PartialFile:
    """The partial file, opened for writing, its writes run in a thread one after the other."""

    def __init__(self, os_path: str):
        self.os_path = os_path
        self.written = 0
        self._file = None
        self._pending: asyncio.Future | None = None

    async def open(self) -> None:
        """Open it (empty: a partial file left by an earlier failure is started again)."""
        self._file = await asyncio.to_thread(open, self.os_path, "wb")

    async def write(self, data: bytes) -> None:
        """Queue a write; waits only for the write before it (one write overlaps the next read)."""
        if self._pending is not None:
            await self._pending
        self._pending = asyncio.ensure_future(asyncio.to_thread(self._file.write, data))
        self.written += len(data)

    async def close(self) -> None:
        """Wait for the last write and close the file."""
        try:
            if self._pending is not None:
                await self._pending
        finally:
            self._pending = None
            if self._file is not None:
                file, self._file = self._file, None
                await asyncio.to_thread(file.close)

    async def discard(self) -> None:
        """Close the file if open and remove it; never raises (the download's own error matters)."""
        try:
            await self.close()
        except Exception:  # noqa: BLE001, S110
            pass
        try:
            os.remove(self.os_path)
        except OSError:
            pass

"""A bounded pipe carrying a request body from tornado's ``data_received`` to httpx.

``put`` waits while the pipe is full, and tornado waits for ``data_received`` before reading
more from the socket, so a slow upstream slows the browser down instead of filling memory.
When either side goes away the pipe is closed: further chunks are dropped (the producer never
blocks forever) and the consumer gets :class:`BodyAborted` instead of a clean end, so a
truncated body is never sent upstream as if it were complete (which chunked encoding would do).
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator


class BodyAborted(Exception):
    """The request body ended before it was complete (the client went away)."""


class BodyPipe:
    """Chunks in order from one producer to one consumer, at most ``max_chunks`` buffered."""

    def __init__(self, max_chunks: int = 16):
        self._chunks: deque[bytes] = deque()
        self._max = max_chunks
        self._state = "open"  # -> "ended" (complete) or "aborted"
        self._readable = asyncio.Event()
        self._writable = asyncio.Event()
        self._writable.set()

    @property
    def closed(self) -> bool:
        return self._state == "aborted"

    async def put(self, chunk: bytes) -> None:
        """Add a chunk, waiting while the pipe is full; dropped once the pipe is closed."""
        while self._state == "open" and len(self._chunks) >= self._max:
            self._writable.clear()
            await self._writable.wait()
        if self._state == "open" and chunk:
            self._chunks.append(chunk)
            self._readable.set()

    async def end(self) -> None:
        """Mark the end of a complete body."""
        if self._state == "open":
            self._state = "ended"
            self._readable.set()

    def close(self) -> None:
        """Abort: drop buffered chunks, wake a waiting producer, make the reader fail."""
        self._state = "aborted"
        self._chunks.clear()
        self._readable.set()
        self._writable.set()

    async def chunks(self) -> AsyncIterator[bytes]:
        """The body, chunk by chunk; raises BodyAborted if it was cut short."""
        while True:
            if self._state == "aborted":
                raise BodyAborted("the request body was cut short")
            if self._chunks:
                chunk = self._chunks.popleft()
                self._writable.set()
                yield chunk
            elif self._state == "ended":
                return
            else:
                self._readable.clear()
                await self._readable.wait()

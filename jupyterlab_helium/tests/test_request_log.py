"""The request log: a HEAD that finds no object (a client asking whether a key exists, before
each new upload) is logged at debug level; other 4xx answers stay warnings."""

from __future__ import annotations

import logging

from .conftest import BUCKET
from .s3paths import object_path


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def levels_of(self, start: str, path: str) -> list[int]:
        """Levels of the request-log lines that begin with ``start`` and name ``path``."""
        return [r.levelno for r in self.records if r.getMessage().startswith(start) and path in r.getMessage()]


async def test_head_of_a_missing_key_is_logged_at_debug_level(client, s3, jp_serverapp):
    records = _Records()
    logger = jp_serverapp.log
    old_level = logger.level
    logger.addHandler(records)
    logger.setLevel(logging.DEBUG)
    try:
        missing = object_path(BUCKET, "no/such/upload-target.csv")
        r = await client.head(missing)
        assert r.status_code == 404
        r = await client.get(missing)
        assert r.status_code == 404
    finally:
        logger.removeHandler(records)
        logger.setLevel(old_level)
    # The HEAD's line is there, at debug level; the GET of the same missing key stays a warning.
    assert records.levels_of("404 HEAD ", missing) == [logging.DEBUG]
    assert records.levels_of("404 GET ", missing) == [logging.WARNING]

"""Log records kept to be written again later, as if they had just been logged.

A forked renderer's records are written by the build process (so they print once and
count under `--strict`); a conversion reused by the live preview writes again what
converting it logged (a broken link stays reported).
"""

from __future__ import annotations

import logging
from contextlib import contextmanager
from typing import Iterator

Record = tuple[str, int, str]  # logger name, level, message


class Recorder(logging.Handler):
    """Keeps every record it is given, as plain data that pickles."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[Record] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


@contextmanager
def recording(logger: logging.Logger) -> Iterator[Recorder]:
    """Keep what `logger` receives while the block runs (it is written as usual too)."""
    recorder = Recorder()
    logger.addHandler(recorder)
    try:
        yield recorder
    finally:
        logger.removeHandler(recorder)


def replay(records: list[Record]) -> None:
    for name, level, message in records:
        logging.getLogger(name).log(level, "%s", message)

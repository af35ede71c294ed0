"""Log records kept to be written again later, as if they had just been logged.

A forked renderer's records are written by the build process (so they print once and
count under `--strict`); a conversion reused by the live preview writes again what
converting it logged (a broken link stays reported).
"""

from __future__ import annotations

import logging

Record = tuple[str, int, str]  # logger name, level, message


class Recorder(logging.Handler):
    """Keeps every record it is given, as plain data that pickles."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[Record] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))


def replay(records: list[Record]) -> None:
    for name, level, message in records:
        logging.getLogger(name).log(level, "%s", message)

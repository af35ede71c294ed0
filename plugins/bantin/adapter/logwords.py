"""MkDocs' own log lines, said in Vietnamese on the command line.

`bantin serve`, `bantin build` and `bantin edit` print our messages in Vietnamese between
MkDocs' English ones ("Building documentation...", "Serving on http://…"): an editor who
reads no English did not know which line gave the preview's address, or that "Detected
file changes" meant their save had been seen. MkDocs has no translations; its known lines
are reworded here when our handler prints them (its formatter, cli/commands.py), and any
line not listed is shown as MkDocs wrote it. The record itself is left as it is, for any
other handler, and a record that cannot be formatted is the logging module's to report.
"""

from __future__ import annotations

import logging
import re

_CLOCK = r"(?P<clock>\[\d\d:\d\d:\d\d\] )?"

# (MkDocs 1.6's message, ours); `clock` keeps the time the live server puts before its lines
WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(f"^{_CLOCK}{english}$"), ours) for english, ours in (
    (r"Building documentation\.\.\.", "Đang dựng trang…"),
    (r"Building documentation to directory: (?P<path>.*)", "Đang dựng trang vào thư mục: {path}"),
    (r"Cleaning site directory", "Dọn thư mục trang đã dựng"),
    (r"Documentation built in (?P<seconds>\d+)\.(?P<hundredths>\d+) seconds", "Dựng xong trong {seconds},{hundredths} giây"),
    (r"Watching paths for changes: (?P<paths>.*)", "Theo dõi thay đổi trong: {paths}"),
    (r"Serving on (?P<url>\S+) and opening it in a browser",
     "Trang xem trước: {url} (đang mở trong trình duyệt; Ctrl+C để dừng)"),
    (r"Serving on (?P<url>\S+)", "Trang xem trước: {url} (mở địa chỉ này trong trình duyệt; Ctrl+C để dừng)"),
    (r"Detected file changes", "Có tệp vừa thay đổi: dựng lại"),
    (r"Reloading browsers", "Tải lại trang trong trình duyệt"),
    (r"Browser connected: (?P<url>.*)", "Trình duyệt đã mở: {url}"),
    (r"Shutting down\.\.\.", "Đang dừng…"),
    (r"An error happened during the rebuild\. The server will appear stuck until build errors are resolved\.",
     "Lần dựng lại có lỗi: trang xem trước giữ bản cũ cho tới khi sửa xong lỗi (xem các dòng lỗi ở trên)."),
))


def reworded(message: str) -> str | None:
    """Our words for one of MkDocs' known lines, None for any other."""
    for pattern, ours in WORDS:
        found = pattern.match(message)
        if found:
            parts = found.groupdict()
            return (parts.pop("clock") or "") + ours.format(**parts)
    return None


class VietnameseLog(logging.Formatter):
    """Our handler's formatter: MkDocs' known lines in our words, the others as they are."""

    def format(self, record: logging.LogRecord) -> str:
        if record.name.startswith("mkdocs."):
            ours = reworded(record.getMessage())
            if ours is not None:
                record = logging.makeLogRecord({**record.__dict__, "msg": ours, "args": ()})
        return super().format(record)

"""MkDocs' own log lines in Vietnamese (adapter/logwords.py), through the handler the
command line installs, and the live server's clock kept."""

from __future__ import annotations

import io
import logging

from bantin.adapter.logwords import VietnameseLog, reworded


def test_known_lines_are_reworded_with_their_values():
    assert reworded("Building documentation...") == "Đang dựng trang…"
    assert reworded("Building documentation to directory: /srv/site") == "Đang dựng trang vào thư mục: /srv/site"
    assert reworded("Documentation built in 0.28 seconds") == "Dựng xong trong 0,28 giây"  # Vietnamese comma
    assert reworded("[12:58:56] Serving on http://127.0.0.1:8765/") == (
        "[12:58:56] Trang xem trước: http://127.0.0.1:8765/ (mở địa chỉ này trong trình duyệt; Ctrl+C để dừng)")
    assert reworded("[12:58:56] Watching paths for changes: 'content', 'mkdocs.yml'") == (
        "[12:58:56] Theo dõi thay đổi trong: 'content', 'mkdocs.yml'")
    assert reworded("[09:00:01] Detected file changes") == "[09:00:01] Có tệp vừa thay đổi: dựng lại"


def test_other_lines_and_ours_pass_as_written():
    assert reworded("Bản tin: xuất bản 3 tệp") is None
    assert reworded("Building documentation... extra") is None  # whole lines only
    assert reworded("Serving on {url}") is not None  # braces in a value are not a format string
    assert reworded("Serving on http://h/{0}") == (
        "Trang xem trước: http://h/{0} (mở địa chỉ này trong trình duyệt; Ctrl+C để dừng)")


def test_the_formatter_rewords_mkdocs_records_only_and_leaves_records_alone():
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(VietnameseLog("%(levelname)-7s -  %(message)s"))
    seen = []
    other = logging.Handler()
    other.emit = lambda record: seen.append((record.msg, record.args))  # another handler, as MkDocs' counter
    for name, message, args in (("mkdocs.commands.build", "Documentation built in %.2f seconds", (1.5,)),
                                ("bantin.other", "Building documentation...", ()),
                                ("mkdocs.plugins.x", "%(a)s", ({"b": 1},))):  # a faulty call of a plugin
        logger = logging.getLogger(name)
        logger.propagate = False
        logger.addHandler(handler)
        logger.addHandler(other)
        logger.setLevel(logging.INFO)
        handler.handleError = lambda record: out.write("(logging's own report)\n")
        try:
            logger.info(message, *args)  # never raises into the caller
        finally:
            logger.removeHandler(handler)
            logger.removeHandler(other)
            logger.propagate = True
    lines = out.getvalue().splitlines()
    assert lines[0] == "INFO    -  Dựng xong trong 1,50 giây"
    assert lines[1] == "INFO    -  Building documentation..."  # not MkDocs': left alone
    assert lines[2] == "(logging's own report)"
    assert seen[0] == ("Documentation built in %.2f seconds", (1.5,))  # the record, for other handlers, is MkDocs'

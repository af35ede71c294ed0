"""How deep a body nests, checked before Python-Markdown reads it.

Python-Markdown recurses once per level of nesting: lists and quotes (`- - - … x`), lines
indented level after level, and HTML elements that carry a `markdown` attribute (its
md_in_html extension parses each one's content as a page of its own). A few hundred levels
(a few kilobytes of text) stopped it on RecursionError, and every build with it, with a
Python traceback and no file named (hostile reviews, sessions 40 and 53). Real pages nest a
few levels, so the limits are far above any of them and far below Python's.

Both checks run in the reader that `bantin check`, the build and the web editor's server
share, so the line is named before anything is converted.
"""

from __future__ import annotations

import re

from bantin.problems import Problems


_MARKER = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)]|>)(?=[ \t]|$)")
MAX_NESTING = 50  # Python-Markdown recurses once per level: `- - - … x` 3,000 deep was a RecursionError
MAX_INDENT = 4 * MAX_NESTING  # columns; lists nested by indentation 250 deep (1,000 columns) were one too

# An HTML tag, opening or closing; its attributes up to `>` (no `>` inside quotes is needed
# here: a tag cut short only ends the count earlier, on the next one).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^<>]*)>")
_MARKDOWN_ATTR = re.compile(r"(?:^|\s)markdown(?:\s*=|\s|/|$)", re.IGNORECASE)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"})


def check_nesting(src: str, body: str, body_line: int, problems: Problems) -> None:
    """At most one error: the first line nesting too deep (see the module's docstring)."""
    _check_lines(src, body, body_line, problems) or _check_html(src, body, body_line, problems)


def _indent(line: str) -> int:
    """Columns of the line's leading spaces and tabs (a tab to the next multiple of 4)."""
    stripped = line.lstrip(" \t")
    return len(line[:len(line) - len(stripped)].expandtabs(4))


def _check_lines(src: str, body: str, body_line: int, problems: Problems) -> bool:
    """An error for a line nesting lists or quotes deeper than MAX_NESTING, or indented deeper
    than MAX_INDENT columns (first one only); True when there was one."""
    for offset, line in enumerate(body.split("\n")):
        if line[:1] not in "-*+>0123456789 \t" or not line:
            continue
        # (spaces and tabs alone are a blank line to Markdown: no indentation at all)
        if line[:1] in " \t" and _indent(line) > MAX_INDENT and line.strip(" \t"):
            problems.error(src, body_line + offset, "", f"dòng thụt lề quá sâu (hơn {MAX_INDENT} dấu cách ở đầu "
                           "dòng): danh sách, trích dẫn hay khung ghi chú lồng nhau sâu như vậy không tạo được trang",
                           "bỏ bớt dấu cách, dấu Tab ở đầu dòng; danh sách chỉ cần vài tầng, mỗi tầng thụt 4 dấu cách")
            return True
        depth, pos = 0, 0
        while depth <= MAX_NESTING and (marker := _MARKER.match(line, pos)):
            depth, pos = depth + 1, max(marker.end(), pos + 1)
        if depth > MAX_NESTING:
            problems.error(src, body_line + offset, "", f"dòng lồng danh sách hoặc trích dẫn quá {MAX_NESTING} tầng "
                           "(nhiều dấu `-`, `*`, `>` hay số thứ tự liên tiếp ở đầu dòng)",
                           "bỏ bớt các dấu ở đầu dòng; danh sách chỉ cần vài tầng")
            return True
    return False


# Elements md_in_html reads as a line of text, not a page of their own (its `span_tags`), or
# not at all (`raw_tags`): a `markdown` attribute on them does not recurse (`<li markdown>` or
# `<td markdown>` 400 deep builds), so they are not counted (review, session 53).
_NOT_NESTING = frozenset({"address", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "legend", "li", "p", "summary",
                          "td", "th", "canvas", "math", "option", "pre", "script", "style", "textarea"})


def _check_html(src: str, body: str, body_line: int, problems: Problems) -> bool:
    """An error at the tag that opens the (MAX_NESTING + 1)-th element with a `markdown`
    attribute inside one another (but `_NOT_NESTING`); True when there was one. The open
    elements are a stack: a closing tag closes its name's last one and what is open inside it
    (one of nothing open is ignored). Linear in the tags (each is pushed and popped once); a
    tag in a code block is counted too: a page showing fifty such tags nested in code is not
    one an editor writes."""
    if "markdown" not in body.lower():
        return False
    stack: list[tuple[str, bool]] = []
    open_count: dict[str, int] = {}
    depth = 0

    def pop() -> None:
        nonlocal depth
        name, counted = stack.pop()
        open_count[name] -= 1
        depth -= counted

    for tag in _TAG.finditer(body):
        closing, name, attributes = tag.group(1), tag.group(2).lower(), tag.group(3)
        if name in _VOID:
            continue
        if closing:
            while open_count.get(name):
                done = stack[-1][0] == name
                pop()
                if done:
                    break
            continue
        if attributes.rstrip().endswith("/"):
            continue
        counted = name not in _NOT_NESTING and bool(_MARKDOWN_ATTR.search(attributes))
        stack.append((name, counted))
        open_count[name] = open_count.get(name, 0) + 1
        depth += counted
        if depth > MAX_NESTING:
            line = body_line + body.count("\n", 0, tag.start())
            problems.error(src, line, "", f"thẻ HTML có `markdown` lồng trong nhau quá {MAX_NESTING} tầng (như "
                           "`<div markdown=\"1\">` mở liên tiếp): trang sâu như vậy không tạo được",
                           "bỏ bớt các thẻ lồng nhau, hoặc đóng mỗi thẻ (`</div>`) trước khi mở thẻ sau; "
                           "trang chỉ cần vài tầng")
            return True
    return False

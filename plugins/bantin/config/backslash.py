"""A path of mkdocs.yml written with Windows' `\\` (`emblem:`, `banner:`, `share_image:`,
theme `logo:` and `favicon:`).

Written plainly (`emblem: images\\bieu-trung.png`) or in single quotes, the `\\` reaches us
as typed, and every such path is read with `\\` as `/`, as `agency.emblem` always was
(config/emblem.py, issue 15): the file is found, the page names it with `/`. In double
quotes YAML reads `\\b`, `\\f`, `\\t`, `\\n`… as other characters before any of us sees the
value (`"images\\bieu-trung.png"` is `images<backspace>ieu-trung.png`), and the build said
"no file `images\\x08ieu…`" and to upload it again. That value is told as it was typed,
with the line to write instead (with `/`, as a link written with `\\` is told since
session 34, content/checks.py). Unknown escapes (`"images\\logo.png"`: `\\l`) stop the
YAML itself (text/yamlerrors.py).
"""

from __future__ import annotations

# The character YAML's double quotes make of `\<letter>`, and that letter.
_ESCAPES = {"\x00": "0", "\x07": "a", "\x08": "b", "\t": "t", "\n": "n", "\x0b": "v", "\x0c": "f",
            "\r": "r", "\x1b": "e", "\x85": "N", "\xa0": "_", "\u2028": "L", "\u2029": "P"}


def as_typed(value: str) -> str | None:
    """`value` as it was typed between double quotes, if YAML turned a `\\<letter>` of it into
    another character; None when nothing was turned (a path holds none of these characters)."""
    if not any(c in _ESCAPES for c in value):
        return None
    return "".join("\\" + _ESCAPES[c] if c in _ESCAPES else c for c in value)


def quoted_backslash(key: str, value: str) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) of a path in double quotes whose `\\` YAML read as an
    escape, or None."""
    typed = as_typed(value)
    if typed is None:
        return None
    shown = typed[:120]
    slashed = typed.replace("\\", "/").strip()[:120]
    return (f"`{key}: \"{shown}\"` viết đường dẫn bằng dấu `\\` (cách viết của Windows) trong dấu ngoặc kép: "
            "ở đó YAML đọc dấu `\\` cùng chữ sau nó là một ký tự khác (`\\b`, `\\f`, `\\t`…), nên tên tệp bị đổi "
            "và không tìm thấy tệp",
            f"viết bằng dấu `/` (cách viết của trang web), không cần dấu ngoặc kép: `{key}: {slashed}`")

"""YAML mistakes explained in Vietnamese: the line at fault, what the editor did, the fix.

PyYAML's English ("mapping values are not allowed here") never reaches an editor or a
province's maintainer: front matter (content/frontyaml.py) and mkdocs.yml
(config/precheck.py) both go through `explain`. Pure text rules over the file's lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from bantin.problems import short

CURLY_OPEN, CURLY_CLOSE = "“‘„«", "”’“»"  # quotes a word processor puts in place of '"'
_QUOTE_FIX = 'ví dụ `title: "Luật đất đai: những điểm mới"`'


@dataclass(frozen=True)
class Wording:
    """The advice that differs between the two files `explain` is about: an article's front
    matter ends at a `---` line and has fields (`title:`); mkdocs.yml has no `---` and nests
    options several levels deep (a province was told to add a `---` to its mkdocs.yml)."""

    quote_fix: str
    quoted: str
    list_example: str
    no_colon: tuple[str, str]
    indent_fix: str
    broken: str


FRONT_MATTER = Wording(
    quote_fix=_QUOTE_FIX,
    quoted="title: {q}Tiêu đề bài{q}",
    list_example="`tags: [hòa giải, tập huấn]`",
    no_colon=("dòng này không có dạng `tên: giá trị` (thiếu dấu hai chấm, hoặc phần nội dung bài bắt đầu mà chưa "
              "có dòng `---` đóng phần khai báo)",
              "thêm `: ` sau tên trường, hoặc thêm một dòng `---` ngay trước nội dung bài"),
    indent_fix="các trường chính viết sát lề trái; chỉ các mục con (`  name:`, `  - …`) thụt vào hai dấu cách",
    broken="phần khai báo viết sai cú pháp YAML ở dòng này",
)
CONFIG = Wording(
    quote_fix='ví dụ `site_name: "Bản tin: Sở Tư pháp"`',
    quoted="site_name: {q}Bản tin Pháp luật{q}",
    list_example="`features: [navigation.tabs, navigation.top]`",
    no_colon=("dòng này không có dạng `tên: giá trị` (thiếu dấu hai chấm?)",
              "thêm `: ` sau tên mục; nếu dòng là phần tiếp theo của giá trị ở dòng trên thì thụt vào thêm hai "
              "dấu cách"),
    indent_fix="các mục cùng nhóm thụt vào bằng nhau, mục con thụt thêm hai dấu cách so với mục chứa nó (như "
               "mkdocs.yml mẫu)",
    broken="dòng này viết sai cú pháp YAML",
)


# `key: "images\logo.png"` (or a list item `- "…"`): a file path in double quotes, written
# with Windows' `\`, which there starts an escape (`\l`, `\i`, `\c` are none YAML knows).
_QUOTED_PATH = re.compile(r'^(\s*(?:-\s+)?(?:[\w-]+:\s+)?)"([^"\s]*\\[^"\s]*\.[A-Za-z0-9]{1,5})"\s*(?:#.*)?$')


def _windows_path(line: str) -> tuple[str, str] | None:
    """(message, fix) for a file path written with `\\` in double quotes, or None (config/backslash.py
    tells the same mistake when YAML read the escape instead of refusing it)."""
    found = _QUOTED_PATH.match(line)
    if not found:
        return None
    return ("đường dẫn viết bằng dấu `\\` (cách viết của Windows) trong dấu ngoặc kép \"…\", nơi YAML coi dấu `\\` "
            "là đầu một ký hiệu đặc biệt",
            f"viết bằng dấu `/` (cách viết của trang web), không cần dấu ngoặc kép: "
            f"`{short((found.group(1) + found.group(2).replace(chr(92), '/')).strip(), 120)}`")


def explain(lines: list[str], index: int, problem: str, context: str,
            fields: frozenset[str] = frozenset(), wording: Wording = FRONT_MATTER) -> tuple[int, str, str]:
    """(0-based line, message, fix) for PyYAML's `problem`/`context` at line `index` of `lines`.

    `fields`: the names a line of this file may start with (front matter's, mkdocs.yml's), so
    that `category dat-dai` is told it lacks a colon, not that it continues the line above.
    `wording`: the advice for this file (FRONT_MATTER or CONFIG).
    """
    tab = next((i for i in (index, index - 1) if 0 <= i < len(lines) and "\t" in lines[i]), None)
    if tab is not None and ("tab" in problem or "cannot start any token" in problem or "indent" in problem
                            or "expected" in problem):
        return (tab, "dòng này có ký tự Tab (không nhìn thấy trong trình soạn thảo); YAML chỉ chấp nhận dấu cách "
                "(phím Space) để thụt lề",
                f"xóa khoảng trống đầu dòng rồi gõ lại bằng dấu cách (phím Space), để dòng thành: `{short(_untabbed(lines, tab), 60)}`")
    glued = _glued_colon(lines, index)
    if glued is not None:
        return glued
    line = lines[index]
    if "mapping values are not allowed" in problem:
        return _explain_colon(lines, index, wording)
    if "unexpected end of stream" in problem and "quoted" in context:
        start, mark = _open_quote_line(lines, index)
        return (start, f"{_QUOTE_NAMES[mark][0]} mở nhưng không được đóng lại",
                f"thêm một {_QUOTE_NAMES[mark][0]} ở cuối giá trị, ví dụ `{wording.quoted.format(q=mark)}`")
    if "escape" in problem:  # unknown escape, or one that makes no character (\ud800)
        path = _windows_path(line)
        if path is not None:
            return index, *path
        return (index, "trong dấu ngoặc kép \"…\", dấu `\\` bắt đầu một ký hiệu đặc biệt mà YAML không hiểu",
                "viết `\\\\` thay cho `\\`, hoặc đặt giá trị trong dấu nháy đơn '…'")
    if "could not find expected ':'" in problem:
        loose = _loose_line(lines, index, fields)
        if loose is not None:
            return loose
        return (index, *wording.no_colon)
    if "flow" in context and ("stream end" in problem or "expected ','" in problem or "node content" in problem):
        opened = next((i for i in range(min(index, len(lines) - 1), -1, -1) if "[" in lines[i] or "{" in lines[i]), index)
        return (opened, "danh sách `[…]` (hoặc nhóm `{…}`) mở nhưng không đóng lại",
                f"thêm dấu `]` ở cuối dòng, ví dụ {wording.list_example}; nếu giá trị là chữ bắt đầu bằng "
                f"`[` thì đặt cả giá trị trong dấu ngoặc kép, {wording.quote_fix}")
    if "cannot start any token" in problem or "expected node content" in problem:
        first = line.split(":", 1)[1].strip()[:1] if ":" in line else line.strip()[:1]
        return (index, f"giá trị không được bắt đầu bằng ký tự `{first or '?'}` khi không có dấu ngoặc kép",
                f"đặt cả giá trị trong dấu ngoặc kép, {wording.quote_fix}")
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem or "flow" in context:
        return (index, "danh sách `[…]` mở nhưng không đóng đúng, hoặc thiếu dấu phẩy giữa các mục",
                f"viết danh sách trên một dòng: {wording.list_example}")
    if "expected key" in problem or "block end" in problem or "'-' indicator" in problem or "indent" in problem:
        quoted = _quote_trouble(lines, index)
        if quoted:
            return quoted
        return (index, "dòng này thụt lề không thẳng hàng với các dòng trên", wording.indent_fix)
    return (index, wording.broken,
            f"mỗi dòng có dạng `tên: giá trị`; giá trị có dấu `:` hoặc `#` thì đặt trong dấu ngoặc kép, {wording.quote_fix}")


_GLUED = re.compile(r"([A-Za-z_]{1,30}):(?=[^\s/])(.*)")
_GLUED_ANY = re.compile(r"([A-Za-z_]{1,30}):(\S.*)")  # with "/" too, for a known field name


_GLUED_INDENTED = re.compile(r"[ ]+((?:- )?[A-Za-z_]{1,30}):(?=[^\s/])(.*)")


def _glued_colon(lines: list[str], index: int) -> tuple[int, str, str] | None:
    """`title:Bài mới` (no space after the colon) on a line at or above `index`: YAML reads it as
    text, not a field, and fails on a later line; the message names this one. An indented one
    (`        qa:hoi-dap-phap-luat` under mkdocs.yml's `urls:`) fails on the very next line, so
    only the line just above is looked at: an indented `a:b` further up may be a fine value."""
    above = _content_above(lines, index)
    indented = _GLUED_INDENTED.fullmatch(lines[above]) if above is not None else None
    if indented:
        return _glued_fix(above, *indented.groups())
    for at in range(min(index, len(lines) - 1), -1, -1):
        match = _GLUED.fullmatch(lines[at])
        if match:
            return _glued_fix(at, *match.groups())
    return None


def _glued_fix(at: int, key: str, value: str) -> tuple[int, str, str]:
    """`title:Bài mới`, `image:/images/a.jpg`: the space after the colon that makes it a field."""
    return (at, f"thiếu dấu cách sau dấu hai chấm của `{key.removeprefix('- ')}:`, nên dòng này không được hiểu là "
            "một cặp `tên: giá trị`",
            f"thêm một dấu cách sau dấu hai chấm: `{key}: {short(value.strip(), 60)}`")


def _loose_line(lines: list[str], index: int, fields: frozenset[str]) -> tuple[int, str, str] | None:
    """A line just above `index` that is not `key: value` and starts at the margin: a value's
    second line (`summary: …` continued on the next line). YAML reads it as more of that
    value and fails only on the next field; the message names the line to indent."""
    for at in range(min(index, len(lines)) - 1, max(-1, index - 4), -1):
        line = lines[at]
        if not line.strip() or line[:1].isspace() or line.startswith(("#", "-")):
            continue
        if re.search(r":(?:\s|$)", line):  # a field; "https://…" in a value is not one
            return None
        glued = _GLUED_ANY.fullmatch(line)
        if glued and (glued.group(1) in fields or "_" in glued.group(1)):  # `image:/images/a.jpg`
            return _glued_fix(at, *glued.groups())
        return _loose_fix(lines, at, fields)
    return None


_FIELD_FIRST = re.compile(r"([a-z_]{2,30}) +(\S.*)")


def _loose_fix(lines: list[str], at: int, fields: frozenset[str]) -> tuple[int, str, str]:
    """What to do with a margin line that is not `key: value`: the colon a field lacks
    (`category dat-dai`: one of `fields`, or any word with `_`; a value's next line starting
    "cho" or "tin" is not a field), the `- ` a list item lacks, or the indent of a value's
    next line."""
    line = lines[at].strip()
    above = next((lines[i] for i in range(at - 1, -1, -1) if lines[i].strip()), "")
    text = short(line, 60)
    field = _FIELD_FIRST.fullmatch(line)
    if field and (field.group(1) in fields or "_" in field.group(1)):
        return (at, f"dòng này không có dạng `tên: giá trị` (thiếu dấu hai chấm sau `{field.group(1)}`?)",
                f"viết `{field.group(1)}: {short(field.group(2), 60)}`; nếu dòng là phần tiếp theo của giá trị "
                "ở dòng trên thì thụt vào hai dấu cách")
    item = re.match(r"(\s*)- ", above)
    if item:
        return (at, "dòng này không có dạng `tên: giá trị`; nếu nó là một mục nữa của danh sách ở trên, "
                "YAML chỉ hiểu như vậy khi có `- ` ở đầu", f"viết `{item.group(1)}- {text}`")
    key = key_of(above)
    pasted = _pasted_run(lines, at, fields)
    if pasted is not None:
        return pasted
    joined = f"nối nó vào cuối dòng `{key}:` ở trên" if key else "nối nó vào cuối dòng trên"
    return (at, "dòng này không có dạng `tên: giá trị`; nếu nó là phần tiếp theo của giá trị ở dòng trên, "
            "YAML chỉ hiểu như vậy khi dòng được thụt vào",
            f"thêm hai dấu cách ở đầu dòng (`  {text}`), hoặc {joined}")


_FIELD_LINE = re.compile(r"([A-Za-z_]{1,30}):(?:\s|$)")
_JOINED_SHOWN = 400  # characters of a joined value given whole in the fix (a longer one is told how)


def _pasted_run(lines: list[str], at: int, fields: frozenset[str]) -> tuple[int, str, str] | None:
    """Several margin lines after `key: value`: a paragraph pasted from Word, whose lines break
    where the document's did. Told one line at a time, an editor indented a line, ran the
    check, and met the next (four rounds in a province's trial, the last a ": " inside the
    text). Named at once, from its first line, with the whole value as one line to type,
    in double quotes when a ": " or " #" inside would cut it."""
    start = at
    while start > 0 and _continues(lines[start - 1], fields):
        start -= 1
    if start == 0 or not key_of(lines[start - 1]) or key_of(lines[start - 1]) not in fields:
        return None
    end = at + 1
    while end < len(lines) and _continues(lines[end], fields):
        end += 1
    if end - start < 2:
        return None
    key, first = lines[start - 1].split(":", 1)
    value = " ".join(part.strip() for part in [first, *lines[start:end]] if part.strip())
    if value[:1] in "\"'" and value[-1:] == value[:1]:
        value = value[1:-1]
    line = f"{key}: " + ('"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
                         if re.search(r":\s| #|^[\W_]", value) else value)
    message = (f"dòng này và {end - start - 1} dòng sau nó không có dạng `tên: giá trị`: chúng là phần tiếp theo "
               f"của `{key}:` (đoạn văn dán vào bị xuống dòng), mà YAML chỉ hiểu như vậy khi mọi dòng được thụt vào")
    if len(line) <= _JOINED_SHOWN:
        return (start, message, f"nối {end - start} dòng này vào dòng `{key}:` thành một dòng: `{line}`")
    return (start, message, f"nối {end - start} dòng này vào cuối dòng `{key}:` thành một dòng, đặt cả giá trị trong "
            "dấu ngoặc kép \"…\"; nếu dài, rút còn một hai câu")


def _continues(line: str, fields: frozenset[str]) -> bool:
    """A line at the margin that is neither a field of this file, a list item, a note nor blank."""
    if not line.strip() or line[:1].isspace() or line.startswith(("#", "-")):
        return False
    field = _FIELD_LINE.match(line)
    return not (field and (field.group(1) in fields or not fields))


def _untabbed(lines: list[str], index: int) -> str:
    """Line `index` as it must be typed: its tabs gone, indented as YAML needs, guessed from
    the line above: two spaces more after a line that opens a block (`tags:`) or starts a
    list entry (`  - title: …` then `    file: …`), else as much as that line."""
    line = lines[index]
    body = line.lstrip(" \t")
    if body.startswith("-") and body[1:2] in (" ", "\t"):
        body = "- " + body[1:].lstrip(" \t")
    body = body.replace("\t", " ").rstrip()
    above = next((lines[i].replace("\t", "  ") for i in range(index - 1, -1, -1) if lines[i].strip()), "")
    indent = len(above) - len(above.lstrip(" "))
    text = above.strip()
    if text.endswith(":") or (text.startswith("- ") and ": " in text and not body.startswith("- ")):
        indent += 2
    elif body.startswith("- "):  # another entry of the list above: under its dash, not its fields
        indent = _entry_indent(lines, index, indent)
    return " " * indent + body


def _entry_indent(lines: list[str], index: int, indent: int) -> int:
    """The indent of the nearest list entry (`- …`) above line `index` at most `indent` deep:
    after `    - title: A` and `      slug: a`, the next `- title` goes under the dash (a
    province's review: it was put under `slug`, which YAML refused again)."""
    limit = indent  # an entry above lies no deeper than the shallowest line between
    for i in range(index - 1, -1, -1):
        line = lines[i].replace("\t", "  ")
        stripped = line.lstrip(" ")
        if not stripped.strip() or stripped.startswith("#"):
            continue
        depth = len(line) - len(stripped)
        if stripped.startswith("- ") and depth <= limit:
            return depth
        limit = min(limit, depth)
        if depth == 0:
            break  # a top-level key: no list of this block above it
    return indent


def _explain_colon(lines: list[str], index: int, wording: Wording) -> tuple[int, str, str]:
    """`mapping values are not allowed`: a `: ` inside a value, or a line before without one."""
    line = lines[index]
    key, _, value = line.partition(":")
    if any(q in line for q in CURLY_OPEN + CURLY_CLOSE):
        bare = value.strip().strip(CURLY_OPEN + CURLY_CLOSE).replace('"', "'")
        return (index, "dấu ngoặc kép cong “…” (do Word hay bộ gõ tự đổi) không phải dấu ngoặc của YAML, "
                "nên dấu `: ` bên trong làm hỏng dòng",
                f"gõ lại bằng dấu ngoặc kép thẳng (phím Shift + '): {quoted_line(key, bare)}")
    value, comment = _comment_apart(value)
    if ": " in value or value.rstrip().endswith(":"):
        kept = (f" (phần `{short(comment, 40)}` ở cuối dòng là ghi chú: để nó ngoài dấu ngoặc, hoặc xóa đi)"
                if comment else "")
        return (index, "giá trị có dấu `: ` (hai chấm rồi dấu cách) nên YAML hiểu nhầm là một trường mới",
                f"đặt cả giá trị trong dấu ngoặc kép: {quoted_line(key, value.strip())}{kept}")
    previous = next((i for i in range(index - 1, -1, -1) if lines[i].strip()), None)
    if previous is not None and ":" not in lines[previous]:
        item = re.fullmatch(r"\s*- ([\w.-]+)\s*", lines[previous])
        if item and _depth(line) > _depth(lines[previous]):  # `- bantin` above its own options
            return (previous, f"thiếu dấu hai chấm sau `{item.group(1)}`, nên các dòng thụt vào bên dưới không "
                    "thuộc về nó", f"thêm dấu hai chấm ở cuối dòng: `- {item.group(1)}:`")
        return (previous, "dòng này không có dạng `tên: giá trị` (thiếu dấu hai chấm)",
                "thêm `: ` sau tên, hoặc nối dòng này vào giá trị của dòng trên")
    outdented = _outdented_child(lines, index)
    if outdented is not None:
        return outdented
    return (index, "dòng này thụt lề không thẳng hàng hoặc có dấu `: ` trong giá trị",
            f"{wording.indent_fix}; giá trị có dấu `: ` thì đặt trong dấu ngoặc kép, {wording.quote_fix}")


def _depth(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _content_above(lines: list[str], index: int) -> int | None:
    """The nearest line above `index` that is neither blank nor a note (`# …`)."""
    return next((i for i in range(min(index, len(lines)) - 1, -1, -1)
                 if lines[i].strip() and not lines[i].lstrip().startswith("#")), None)


def _outdented_child(lines: list[str], index: int) -> tuple[int, str, str] | None:
    """`agency:` with no value, then `name: …` no deeper than it, then a deeper line (`index`,
    where YAML fails): the line to move is the middle one, meant as the first child; YAML's
    own line is the one after it, which is right where it is."""
    child = _content_above(lines, index)
    parent = _content_above(lines, child) if child is not None else None
    if parent is None:
        return None
    opener = re.fullmatch(r"(\s*(?:- )?)([\w.-]+):\s*(?:#.*)?", lines[parent])
    if not opener or not _depth(lines[child]) <= min(_depth(lines[parent]), _depth(lines[index]) - 1):
        return None
    key, depth = opener.group(2), len(opener.group(1)) + 2
    return (child, f"dòng này thụt lề không sâu hơn `{key}:` ở dòng trên, nên không thành mục con của nó "
            f"(`{key}:` bị hiểu là để trống)",
            f"thụt dòng này vào {depth} dấu cách (sâu hơn `{key}:` hai dấu cách): "
            f"`{' ' * depth}{short(lines[child].strip(), 60)}`")


_QUOTED_VALUE = re.compile(r'^(\s*(?:- )?[^\s:#"\'][^:#"\']*):\s*(["\'])(.*)$')
_QUOTE_NAMES = {'"': ("dấu ngoặc kép", "đặt cả giá trị trong dấu nháy đơn: "),
                "'": ("dấu nháy đơn", "đặt cả giá trị trong dấu ngoặc kép: ")}


def _quote_trouble(lines: list[str], index: int) -> tuple[int, str, str] | None:
    """A quoted value that YAML ended too early, which it reports as bad indentation on a
    later line: a quote never closed (the next line's opening quote closes it), or quotes
    inside quotes (`"Bản tin "Pháp luật" tỉnh"`, `'Luật 'Đất đai' mới'`). The line is the one
    to fix."""
    for i in range(min(index, len(lines) - 1), max(-1, index - 4), -1):
        found = _QUOTED_VALUE.match(lines[i])
        if not found or _reads_alone(lines[i]):  # `"Nói \"không\" với ma túy"` is fine: look elsewhere
            continue
        key, mark, rest = found.group(1).strip().removeprefix("- "), found.group(2), found.group(3).rstrip()
        name, fix = _QUOTE_NAMES[mark]
        early = _closed_early(found.group(1), mark, rest)
        if early:
            return (i, *early)
        if mark not in rest:
            value = _comment_apart(rest)[0].rstrip()
            return (i, f"{name} mở ở dòng này nhưng không được đóng lại, nên YAML đọc lẫn sang dòng sau",
                    f"thêm một {name} ở cuối giá trị: " + quoted_line(key, value))
        inner = _comment_apart(rest)[0].rstrip()
        if inner.endswith(mark) and mark in inner[:-1]:
            value = inner[:-1].replace("\\'", "'") if mark == "'" else inner[:-1]  # `\'` is no escape in '…'
            if mark == "'" and ('"' in value or "\\" in value):  # both quotes inside: '' stands for '
                fix = "gõ mỗi dấu nháy đơn bên trong thành hai dấu nháy đơn: "
            return (i, f"giá trị đặt trong {name} lại có {name} bên trong, nên YAML tưởng giá trị đã hết ở dấu "
                    "thứ hai", fix + quoted_line(key, value))
    return None


def _closed_early(head: str, mark: str, rest: str) -> tuple[str, str] | None:
    """(message, fix) for a value that starts with a quoted name and goes on after it, the
    usual Vietnamese headline (`title: "Luật Đất đai" và những điểm mới`): YAML ends the
    value at the second quote and fails on the words after it, which it reported as bad
    indentation. The fix is the whole value in the other kind of quotes (`quoted_line`
    picks them and escapes), on the line as written (its indent and `- ` kept)."""
    value = _comment_apart(rest)[0].rstrip()
    closing = value.find(mark)
    if closing <= 0 or value.endswith(mark) or value[closing + 1:closing + 2] not in (" ", ","):
        return None  # no closing quote, quotes inside quotes (handled by the caller), or `"a"b`
    name = _QUOTE_NAMES[mark][0]
    whole = mark + value
    line = quoted_line(head, whole)
    indent = head[:len(head) - len(head.lstrip())]
    line = f"`{indent}{line[1:]}" if line.startswith("`") else line
    single = '"' in whole or "\\" in whole  # the quotes quoted_line picks
    doubled = " (mỗi dấu ' bên trong gõ thành hai dấu '')" if single and "'" in whole else ""
    return (f"giá trị bắt đầu bằng {name} nhưng {name} đó đóng lại ở giữa dòng (sau `{short(value[:closing], 40)}`), "
            "nên YAML tưởng giá trị đã hết ở đó và không hiểu phần chữ sau",
            f"đặt cả giá trị trong {_QUOTE_NAMES[chr(39) if single else chr(34)][0]}{doubled}: {line}")


def _reads_alone(line: str) -> bool:
    """Whether YAML reads this one `key: value` line by itself (then its quotes are not the fault)."""
    try:
        yaml.safe_load(line.strip().removeprefix("- "))
    except yaml.YAMLError:
        return False
    return True


_COMMENT = re.compile(r"[ \t]#")


def _comment_apart(value: str) -> tuple[str, str]:
    """(value, comment) of an unquoted value: YAML ends it at ` #` (mkdocs.yml's "# ĐIỀN: …"
    notes), and a fix that quoted the note too would print it on every page."""
    found = _COMMENT.search(value)
    return (value, "") if found is None else (value[:found.start()], value[found.start():].strip())


QUOTED_MAX = 120  # a longer line is shown by its two ends: an editor copies it, never an ellipsis inside


def quoted_line(key: str, value: str) -> str:
    """The line `key: "value"` to type, in backticks: double quotes, or single quotes when the
    value holds `"` or `\\` (inside double quotes YAML reads `\\` as an escape). A long value
    is shown by its ends with words saying where the two quotes go, since text cut by `…`
    must not be copied back into the file."""
    key = short(key.strip(), 20)
    if '"' in value or "\\" in value:
        line = f"{key}: '" + value.replace("'", "''") + "'"
        mark = "'"
    else:
        line, mark = f'{key}: "{value}"', '"'
    if len(line) <= QUOTED_MAX:
        return f"`{line}`"
    return (f"thêm dấu `{mark}` ngay sau `{key}: ` và một dấu `{mark}` ở cuối dòng, giữ nguyên chữ ở giữa: "
            f"`{line[:50]}…{line[-25:]}`" + (" (mỗi dấu ' trong chữ gõ thành hai dấu '')" if mark == "'" and "'" in value
                                           else ""))


_OPENING_QUOTE = re.compile(r"(?::|^\s*-)\s+([\"'])")  # `key: "…` or a list item `- '…`


def _open_quote_line(lines: list[str], index: int) -> tuple[int, str]:
    """(line, quote) of the quote opened last at or above `index`; `"` when none is seen."""
    for i in range(min(index, len(lines) - 1), -1, -1):
        opened = _OPENING_QUOTE.search(lines[i])
        if opened:
            return i, opened.group(1)
    return index, '"'


# Spaces YAML does not take for one: no-break (U+00A0, U+202F), the typographic widths
# (U+2000–U+200A: figure, thin…), ideographic (U+3000), and the invisible zero-width
# space, word joiner and BOM. Word, Zalo and web pages paste them where a space was typed.
ODD_SPACES = "\u00a0\u1680\u2000-\u200b\u202f\u205f\u2060\u3000\ufeff"
_ODD_AFTER_COLON = re.compile(f"( *(?:- +)?[A-Za-z_][A-Za-z0-9_]{{0,29}}):([{ODD_SPACES}][ {ODD_SPACES}]*)(.*)")
_ODD_NAMES = {0x00A0: "dấu cách không ngắt", 0x202F: "dấu cách không ngắt hẹp", 0x200B: "ký tự rộng 0, không nhìn thấy",
              0x2060: "ký tự nối từ, không nhìn thấy", 0xFEFF: "ký tự BOM, không nhìn thấy",
              0x3000: "dấu cách rộng của chữ Hán"}


def odd_space_after_colon(line: str) -> tuple[str, str, str] | None:
    """(key, what the odd character is, the line with one ordinary space) when a `key:` is
    followed by a space YAML does not take for one: it then reads `key:` and its value as
    one word, and fails a line or two further on, on a line that is right."""
    found = _ODD_AFTER_COLON.fullmatch(line)
    if found is None:
        return None
    head, spaces, value = found.groups()
    odd = next(ch for ch in spaces if ch != " ")
    what = f"U+{ord(odd):04X}, {_ODD_NAMES.get(ord(odd), 'dấu cách đặc biệt')}"
    return head.strip().removeprefix("- ").strip(), what, f"{head}: {value}".rstrip()


def key_of(line: str) -> str:
    key = line.split(":", 1)[0].strip() if ":" in line and not line[:1].isspace() else ""
    return key if re.fullmatch(r"[A-Za-z_]{1,30}", key) else ""

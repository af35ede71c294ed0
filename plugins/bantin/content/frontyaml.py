"""Front matter YAML read safely and as written (DESIGN §7, issue 12).

PyYAML's composer and constructor are where YAML goes wrong for us: aliases expand into
bombs, deep nesting recurses until Python gives up, and YAML 1.1 rewrites what editors
wrote (`no` → False, `0123` → 83, `12:30` → 750, `1.10` → 1.1). So we never compose or
construct: we walk the parser's event stream (iterative, in C when libyaml is there),
refuse anchors and aliases outright, stop at limits of size, depth and node count, and
build plain values from each scalar's own text:

- a scalar is the `str` the editor wrote (`Plain` when unquoted, so `true`/`false` can be
  told from `"true"`); unquoted `~`, `null`, `Null`, `NULL` and an empty value mean "not
  given", as in YAML 1.2's core schema (also what web editors write for an empty field);
- a sequence is a `list`, a mapping a `dict` with text keys.

Types (flags, dates) are decided by the field's validator in fields.py, never here.
Every YAML mistake becomes a Vietnamese message that says what happened and the fix;
PyYAML's English never reaches an editor.
"""

from __future__ import annotations

import re

import yaml

from bantin.problems import Problems, short
from bantin.text.yamlerrors import explain, key_of, odd_space_after_colon, quoted_line
from bantin.text.vi import CONTROL, CONTROL_FIX, control_chars, strip_control

LOADER = _Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 64 * 1024  # a long article's front matter is under 4 KB
MAX_DEPTH = 10  # `attachments: - title:` is depth 3
MAX_NODES = 5000
NULLS = frozenset({"", "~", "null", "Null", "NULL"})
# Fields whose value is prose: an unquoted ` #` there is almost surely text, not a comment.
PROSE_FIELDS = frozenset({"title", "summary", "author", "image_alt", "tags", "source", "attachments"})


class Plain(str):
    """The text of an unquoted scalar (quoted ones are plain `str`)."""


class BlockList(list):
    """A sequence written one entry a line (`- …`); a fix that gives the whole list as one
    `[…]` line must say to drop those lines too."""


class _Stop(Exception):
    """A limit was hit or an anchor seen; the problem is already recorded."""


class _Builder:
    """Values from parser events, with the checks that need the raw line of each scalar."""

    def __init__(self, src: str, raw_lines: list[str], problems: Problems):
        self.src, self.raw_lines, self.problems = src, raw_lines, problems
        self.stack: list[list] = []  # [container, pending key or _NO_KEY]
        self.root: object = None
        self.lines: dict[str, int] = {}
        self.nodes = 0
        self.current = ""  # the top-level key being read

    def error(self, line: int, field: str, message: str, fix: str) -> None:
        self.problems.error(self.src, line, field, message, fix)

    def field(self) -> str:
        """The top-level key the current event belongs to ('' before any)."""
        return self.current

    def event(self, event: yaml.Event) -> None:
        kind = type(event)
        if kind in _ENDS:
            container, _, start = self.stack.pop()
            self.add(container, start, start.start_mark.line + 2)
            return
        if kind not in _NODES:
            if kind is yaml.AliasEvent:
                self.refuse_anchor(event.start_mark.line + 2)
            return  # stream and document events
        line = event.start_mark.line + 2  # line 1 of the file is the opening `---`
        if event.anchor:
            self.refuse_anchor(line)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            self.error(line, self.field(), f"phần khai báo có quá nhiều mục (hơn {MAX_NODES})",
                       "bài viết chỉ cần vài chục dòng khai báo; chuyển nội dung dài xuống phần thân bài")
            raise _Stop
        if event.tag:
            # One error, then stop: the rest of a tagged value (`!!python/object/apply:os.system ['id']`)
            # is no value the editor meant, and validating it would add a second, misleading error.
            tag = "!!" + event.tag[len("tag:yaml.org,2002:"):] if event.tag.startswith("tag:yaml.org,2002:") else event.tag
            self.error(line, self.field(), f"giá trị bắt đầu bằng thẻ YAML `{short(tag, 40)}`: dấu `!` ở đầu giá trị "
                       "là ký hiệu của YAML (thẻ kiểu dữ liệu), không được dùng trong bài và không bao giờ được thực hiện",
                       f'đặt cả giá trị trong dấu ngoặc kép, ví dụ `{self.field() or "title"}: "!Quan trọng …"`')
            raise _Stop
        entry = self.entry()
        if entry:  # `- title: …`, `- ../a.pdf` of `attachments:`: its line
            self.lines[entry] = line
        if kind is yaml.ScalarEvent:
            self.add(self.scalar(event, line), event, line)
            return
        if len(self.stack) >= MAX_DEPTH:
            self.error(line, self.field(), f"phần khai báo lồng nhau quá sâu (hơn {MAX_DEPTH} tầng)",
                       "mỗi trường là một dòng `tên: giá trị`, danh sách là `[mục một, mục hai]`")
            raise _Stop
        container = ([] if event.flow_style else BlockList()) if kind is yaml.SequenceStartEvent else {}
        self.stack.append([container, _NO_KEY, event])

    def entry(self, inside: int = 0) -> str:
        """`attachments.2` while the third entry of a top-level list is read (`inside` levels
        down in it), else "" (and while a field given twice is read: its value is dropped, and
        the first one's lines stand)."""
        if (len(self.stack) == 2 + inside and isinstance(self.stack[1][0], list) and self.current
                and self.stack[0][1] is not _DROP):
            return f"{self.current}.{len(self.stack[1][0])}"
        return ""

    def refuse_anchor(self, line: int) -> None:
        self.error(line, self.field(), "phần khai báo dùng ký hiệu `&` / `*` (neo và bí danh của YAML)",
                   "bài viết không cần đến chúng: viết thẳng giá trị; nếu giá trị bắt đầu bằng `&` hoặc `*`, "
                   "đặt nó trong dấu ngoặc kép")
        raise _Stop

    def scalar(self, event: yaml.ScalarEvent, line: int) -> str | None:
        value = event.value
        plain = not event.style  # None (PyYAML) or "" (libyaml)
        if plain and value in NULLS:
            return None
        found = control_chars(value)
        if found:
            self.error(line, self.field(), f"giá trị có ký tự điều khiển vô hình ({found}), đã bị xóa", CONTROL_FIX)
            value = strip_control(value)
        if plain:
            self.check_cut_comment(event, line)
            return Plain(value)
        return value

    def check_cut_comment(self, event: yaml.ScalarEvent, line: int) -> None:
        """An unquoted ` #` ends a value silently; in prose it is nearly always text."""
        field = self.field()
        top = self.stack[-1] if self.stack else None
        if field not in PROSE_FIELDS or top is None or isinstance(top[0], dict) and top[1] is _NO_KEY:
            return  # a key, or a field where a comment is plausible (date, draft…)
        end = event.end_mark
        rest = self.raw_lines[end.line][end.column:] if end.line < len(self.raw_lines) else ""
        if "#" in rest and re.match(r"[ \t]+#", rest):
            cut = rest.strip()[1:].strip()
            whole = isinstance(top[0], dict)  # the field's own value, not an entry of a list
            fix = quoted_line(field, event.value + rest.rstrip()) if whole else \
                f'dòng mục thành `- "{short(event.value + rest.rstrip(), 100)}"`'
            self.error(end.line + 2, field,
                       f"phần sau dấu ` #` (`{short(cut, 40)}`) bị YAML coi là ghi chú và đã mất khỏi giá trị",
                       f"đặt cả giá trị trong dấu ngoặc kép: {fix}")

    def add(self, value: object, event: yaml.Event, line: int) -> None:
        if not self.stack:
            self.root = value
            return
        top = self.stack[-1]
        container = top[0]
        if isinstance(container, list):
            container.append(value)
            return
        if top[1] is not _NO_KEY:
            if top[1] is not _DROP:
                container[top[1]] = value
            top[1] = _NO_KEY
            return
        if not isinstance(value, str):
            self.error(line, self.field(), "tên trường phải là chữ, không phải danh sách",
                       "viết mỗi trường trên một dòng dạng `tên: giá trị`")
            raise _Stop
        key = str(value)
        if len(self.stack) == 1:
            self.current = key
        if key in container:
            first = self.lines.get(key) if len(self.stack) == 1 else None
            where = f" (lần đầu ở dòng {first})" if first else ""
            self.error(line, self.field(), f"trường `{short(key, 40)}` được khai báo hai lần{where}",
                       "xóa một trong hai dòng")
            top[1] = _DROP  # its value is read (to find its problems) and dropped: the first counts
            return
        if len(self.stack) == 1:
            self.lines[key] = line
        elif self.stack[0][1] is _DROP:
            pass  # inside a field given twice: its value is dropped, the first one's lines stand
        elif len(self.stack) == 2 and self.current:  # `url:` of `source:`: a warning names its own line
            self.lines[f"{self.current}.{key}"] = line
        elif len(self.stack) == 3 and (entry := self.entry(1)):
            # `file:` of an entry of `attachments:` (`attachments.2.file`): a problem with that
            # file names its own line, not the list's first (a review, session 39)
            self.lines[f"{entry}.{key}"] = line
        top[1] = key


_NO_KEY = object()
_DROP = object()
_NODES = frozenset({yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent})
_ENDS = frozenset({yaml.SequenceEndEvent, yaml.MappingEndEvent})


def load(src: str, yaml_text: str, problems: Problems,
         fields: frozenset[str] = frozenset()) -> tuple[object, dict[str, int]] | None:
    """(value, line of each top-level key, of each key of a mapping under one as
    `source.url`, and of each entry of a list under one and its keys as `attachments.0` and
    `attachments.0.file`) from front matter text, or None with a problem;
    `fields`, the names a line may start with, for the message on a broken line."""
    size = len(yaml_text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        problems.error(src, 1, "", f"phần khai báo dài {size // 1024} KB, quá giới hạn {MAX_BYTES // 1024} KB",
                       "phần khai báo chỉ gồm các trường ngắn; đưa nội dung dài xuống phần thân bài, sau dòng `---`")
        return None
    raw_lines = yaml_text.split("\n")
    _mend_odd_spaces(src, raw_lines, problems)
    yaml_text = _strip_raw_controls(src, raw_lines, problems)
    builder = _Builder(src, yaml_text.split("\n"), problems)
    try:
        for event in yaml.parse(yaml_text, Loader=_Loader):
            builder.event(event)
    except _Stop:
        return None
    except yaml.YAMLError as exc:
        explain_error(src, yaml_text, exc, problems, fields)
        return None
    except (RecursionError, MemoryError, ValueError):  # not expected from the parser; never a traceback
        problems.error(src, 1, "", "không đọc được phần khai báo", "viết lại phần khai báo theo tệp mẫu của `bantin new`")
        return None
    return builder.root, builder.lines


SHOWN_LINE = 120  # a longer line to type is told, not shown (a cut line must not be pasted)


def _mend_odd_spaces(src: str, raw_lines: list[str], problems: Problems) -> None:
    """An error on each line whose `key:` is followed by a no-break or invisible space, with
    the line to type; the line is then read with an ordinary space. Left to YAML, the error
    landed on the next line (or the closing `---`) with a fix for another mistake, and
    the line at fault, which looks right, was never named."""
    for index, line in enumerate(raw_lines):
        found = odd_space_after_colon(line)
        if found is None:
            continue
        key, what, clean = found
        shown = f"`{clean}`" if len(clean) <= SHOWN_LINE else f"`{short(clean, 60)}` (chỉ sửa chỗ sau dấu hai chấm)"
        field = next((key_of(above) for above in reversed(raw_lines[:index + 1]) if key_of(above)), "")
        problems.error(src, index + 2, field,
                       f"ngay sau dấu hai chấm của `{key}:` là ký tự {what} (thường lọt vào khi chép từ Word, Zalo "
                       "hay trang web), không phải dấu cách thường, nên YAML không hiểu dòng này là `tên: giá trị`",
                       f"xóa khoảng trống sau dấu hai chấm rồi gõ lại bằng phím Space, để dòng thành: {shown}")
        raw_lines[index] = clean


def _strip_raw_controls(src: str, raw_lines: list[str], problems: Problems) -> str:
    """Front matter without invisible control characters, each reported on its line."""
    for index, line in enumerate(raw_lines):
        found = control_chars(line)
        if found:
            key = line.split(":", 1)[0].strip() if ":" in line and not line[:1].isspace() else ""
            clean = strip_control(line)
            problems.error(src, index + 2, key if re.fullmatch(r"[A-Za-z_]{1,30}", key) else "",
                           f"dòng có ký tự vô hình ({found}){_where_hidden(line)}; trang chưa xuất bản được tới khi "
                           "dòng này sạch", f"thay cả dòng {index + 2} bằng dòng này, đã bỏ ký tự đó: "
                           f"`{clean}` ({CONTROL_FIX})")
            raw_lines[index] = clean
    return "\n".join(raw_lines)


def _where_hidden(line: str) -> str:
    """« ngay sau «tổng kết»»: the words just before the first invisible character, which the
    editor cannot see (an editors' trial, session 34: "gõ lại đoạn đó" named no place)."""
    at = CONTROL.search(line).start()
    if not strip_control(line[:at]).strip():
        return " ở đầu dòng"
    before = strip_control(line[:at]).split(":", 1)[-1].split()
    return f" ngay sau «{' '.join(before[-3:])}»" if before else " ở đầu giá trị"


# --- YAML mistakes, explained ---------------------------------------------------------------

def explain_error(src: str, yaml_text: str, exc: yaml.YAMLError, problems: Problems,
                  fields: frozenset[str] = frozenset()) -> None:
    """One Vietnamese problem for a YAML syntax error: what the editor did, and the fix."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    lines = yaml_text.split("\n")
    index = min(mark.line, len(lines) - 1) if mark is not None else 0
    problem = (getattr(exc, "problem", None) or "").lower()
    context = (getattr(exc, "context", None) or "").lower()
    line_no, message, fix = explain(lines, index, problem, context, fields)
    problems.error(src, line_no + 2, key_of(lines[line_no]), f"phần khai báo sai cú pháp YAML: {message}", fix)

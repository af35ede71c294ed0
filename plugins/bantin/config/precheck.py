"""`mkdocs.yml` read before MkDocs reads it: missing, unreadable or broken files, and wrong
option types, become one Vietnamese message with the line (issue 12).

MkDocs reports these in English without a line ("Config file 'mkdocs.yml' does not
exist.", "Expected type: <class 'int'> but received: <class 'str'>"), or with a
traceback. Nothing here imports MkDocs: the CLI passes in what MkDocs logged.
"""

from __future__ import annotations

import difflib
import io
import re
from pathlib import Path

import yaml

from bantin.problems import short
from bantin.text.vi import is_utf16
from bantin.text.yamlerrors import CONFIG, explain

MAX_BYTES = 1024 * 1024


class ConfigError(Exception):
    """mkdocs.yml cannot be used; the message says where, what and how to fix it."""


def config_message(path: str, line: int, field: str, what: str, fix: str) -> str:
    """"path:line: [field] lỗi: what → Cách sửa: fix", as every configuration error is worded."""
    where = f"{path}:{line}" if line else path
    subject = f" [{field}]" if field else ""
    return f"{where}:{subject} lỗi: {what} → Cách sửa: {fix}"


_message = config_message  # this module's many messages


def as_warning(message: str) -> str:
    """A message of `explain_validation` as a warning: MkDocs went on (a site that is not strict)."""
    return message.replace(" lỗi: ", " cảnh báo: ", 1)


def missing_message(config_file: str, also: str = "") -> str:
    """The message for a missing mkdocs.yml, which every command that needs the site gives:
    run it in the site's folder, or name the file with `-f`. `also`: another way out that
    command has (`bantin new --content-dir`)."""
    path = Path(config_file)
    where = "" if path.parent.is_dir() else f" (không có thư mục {path.parent})"
    return _message(config_file, 0, "", f"không có tệp cấu hình `{config_file}` ở {Path.cwd()}{where}",
                    "chạy lệnh trong thư mục của trang (nơi có mkdocs.yml), hoặc chỉ rõ tệp: "
                    "`bantin -f đường/dẫn/mkdocs.yml` rồi tên lệnh (`check`, `build`…)" + also +
                    "; chưa có trang thì tạo bằng `bantin init THƯ_MỤC`")


def read_text(config_file: str) -> str:
    """The configuration's text; ConfigError when it is missing, binary or not UTF-8."""
    path = Path(config_file)
    if not path.is_file():
        raise ConfigError(missing_message(config_file))
    try:
        if path.stat().st_size > MAX_BYTES:
            raise ConfigError(_message(config_file, 0, "", "tệp cấu hình lớn hơn 1 MB, không phải mkdocs.yml thật",
                                       "kiểm tra lại tên tệp truyền cho `-f`"))
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(_message(config_file, 0, "", f"không đọc được tệp cấu hình ({exc.strerror})",
                                   "kiểm tra quyền đọc tệp")) from None
    return decode(config_file, data)


def decode(config_file: str, data: bytes, wrong_file: str = "kiểm tra lại tên tệp truyền cho `-f`") -> str:
    """The text of a configuration file's bytes; ConfigError when binary, UTF-16 or not UTF-8.
    `wrong_file`: what to check when the file is no configuration at all (which name led here)."""
    if is_utf16(data):
        raise ConfigError(_message(config_file, 1, "", "tệp cấu hình được lưu bằng bảng mã UTF-16, không phải UTF-8",
                                   "mở tệp và lưu lại với bảng mã UTF-8 (Notepad: Lưu thành → Encoding: UTF-8)"))
    if b"\x00" in data[:8192]:
        raise ConfigError(_message(config_file, 1, "", "tệp cấu hình là tệp nhị phân, không phải văn bản YAML",
                                   wrong_file))
    try:
        return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ConfigError(_message(config_file, line, "", "tệp cấu hình không phải UTF-8",
                                   "mở tệp và lưu lại với bảng mã UTF-8")) from None


# mkdocs.yml's usual top-level names: `site_url https://…` lacks a colon, it does not continue a value.
CONFIG_KEYS = frozenset("""
    site_name site_url site_description site_author copyright docs_dir site_dir nav theme plugins extra
    extra_css extra_javascript markdown_extensions strict hooks watch validation exclude_docs not_in_nav
""".split())


class _Named(io.StringIO):
    """The text with a file name, which every mark of the tree then carries (`mark.name`): a
    value merged from a file named by `INHERIT:` still says where it was written."""

    def __init__(self, text: str, name: str):
        super().__init__(text)
        self.name = name


QUIET_FIX = ("mở tệp đó và sửa dòng được nêu: các mục cùng nhóm thụt vào bằng nhau, có dấu cách sau dấu hai chấm, "
             "dấu ngoặc đã mở thì đóng lại")


def compose(config_file: str, text: str, *, quiet: bool = False, empty_ok: bool = False) -> yaml.Node:
    """The YAML tree (tags such as `!ENV` or `!!python/name:` left unresolved), each mark named
    `config_file`; ConfigError if broken. `quiet`: a file from outside the site's folder (named
    by `INHERIT:`, config/sitefile.py), whose text no message quotes. `empty_ok`: a file with
    nothing but notes is an empty mapping (MkDocs reads an empty base file so)."""
    text = text.replace("\r\n", "\n")
    try:
        node = yaml.compose(_Named(text, config_file), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        lines = text.split("\n")
        index = min(mark.line, len(lines) - 1) if mark is not None else 0
        if quiet:
            raise ConfigError(_message(config_file, index + 1, "", "dòng này viết sai cú pháp YAML",
                                       QUIET_FIX)) from None
        line, what, fix = explain(lines, index, (getattr(exc, "problem", None) or "").lower(),
                                   (getattr(exc, "context", None) or "").lower(), CONFIG_KEYS, CONFIG)
        raise ConfigError(_message(config_file, line + 1, "", f"mkdocs.yml viết sai cú pháp YAML: {what}", fix)) from None
    except RecursionError:
        raise ConfigError(_message(config_file, 0, "", "tệp cấu hình lồng nhau quá sâu", "viết lại theo mkdocs.yml mẫu")) from None
    if node is None and empty_ok:
        return yaml.MappingNode("tag:yaml.org,2002:map", [])
    if not isinstance(node, yaml.MappingNode):
        raise ConfigError(_message(config_file, 1, "", "tệp cấu hình phải là các dòng `tên: giá trị`",
                                   "bắt đầu từ mkdocs.yml mẫu của `bantin init` hoặc của trang mẫu"))
    _no_duplicate_keys(config_file, node, quiet)
    return node


def _no_duplicate_keys(config_file: str, root: yaml.Node, quiet: bool = False) -> None:
    """A key written twice in one mapping: YAML keeps the last silently, we say so. Each node
    is looked at once: an alias (`*a`) is the node of its anchor, and ten lines of aliases of
    aliases name 10¹² paths (the walk never ended; MkDocs' loader shares them and goes on)."""
    pending, visited = [root], set()
    while pending:
        node = pending.pop()
        if id(node) in visited:
            continue
        visited.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in node.value:
                line = key.start_mark.line + 1
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen:
                        name = "một mục" if quiet else f"`{short(key.value, 40)}`"
                        raise ConfigError(_message(config_file, line, "" if quiet else short(key.value, 40),
                                                   f"{name} được khai báo hai lần (lần đầu ở dòng "
                                                   f"{seen[key.value]}); chỉ lần sau được dùng",
                                                   "gộp hai chỗ làm một, rồi xóa chỗ còn lại"))
                    seen[key.value] = line
                pending.append(value)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)


def line_of(node: yaml.Node | None, *keys: str | int) -> int:
    """File line (1-based) of the deepest of `keys` found under node; 0 when not even the first.

    A step that names a plugin (`plugins` → `bantin`) also looks inside the plugins list;
    a number is the position (0-based) in a list (`categories`, 2: the third category).
    """
    found = deepest_key(node, *keys)
    return found.start_mark.line + 1 if found is not None else 0


def place(config_file: str, node: yaml.Node | None, *keys: str | int) -> tuple[str, int]:
    """(file, line) of the deepest of `keys` found, in the file that writes it: mkdocs.yml, or a
    base it inherits (config/sitefile.py merges their trees); (config_file, 0) when not found."""
    found = deepest_key(node, *keys)
    return (found.start_mark.name, found.start_mark.line + 1) if found is not None else (config_file, 0)


def deepest_key(node: yaml.Node | None, *keys: str | int) -> yaml.Node | None:
    """The key node of the deepest of `keys` found (as `line_of` finds them), None when not
    even the first; its `start_mark.name` is the file it was written in (`compose`)."""
    key_node = None
    for key in keys:
        found = _child(node, key)
        if found is None:
            return key_node
        key_node, node = found
    return key_node


def value_of(node: yaml.Node | None, *keys: str | int) -> str | None:
    """The text written at `keys` (as `line_of` finds them), or None when missing or not text."""
    found = scalar_of(node, *keys)
    return None if found is None else found.value


def scalar_of(node: yaml.Node | None, *keys: str | int) -> yaml.ScalarNode | None:
    """The scalar node at `keys` (its marks say where it is written), or None."""
    node = node_at(node, keys)
    return node if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str) else None


def is_written(node: yaml.Node | None, *keys: str | int) -> bool:
    """Whether `keys` (as `line_of` finds them) are written, whatever their value."""
    return node_at(node, keys) is not None


def length_of(node: yaml.Node | None, *keys: str | int) -> int:
    """How many items the list at `keys` has; 0 when missing or not a list."""
    found = node_at(node, keys)
    return len(found.value) if isinstance(found, yaml.SequenceNode) else 0


def node_at(node: yaml.Node | None, keys) -> yaml.Node | None:
    """The value node at `keys` (the steps of `line_of`), or None when one is missing."""
    for key in keys:
        found = _child(node, key)
        if found is None:
            return None
        node = found[1]
    return node


def _child(node: yaml.Node | None, key: str | int):
    if isinstance(key, int):
        items = node.value if isinstance(node, yaml.SequenceNode) else []
        return (items[key], items[key]) if 0 <= key < len(items) else None
    if isinstance(node, yaml.MappingNode):
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return key_node, value
    if isinstance(node, yaml.SequenceNode):  # plugins: [- search, - bantin: {…}]
        for item in node.value:
            if isinstance(item, yaml.ScalarNode) and item.value == key:
                return item, item
            found = _child(item, key)
            if found is not None:
                return found
    return None


_CONFIG_VALUE = re.compile(
    r"Config value '([^']+)': (?:Plugin '([^']+)' option '([^']+)': )?(?:Sub-option '([^']+)': )?(.*)", re.S)
_UNKNOWN = re.compile(r"Unrecognised configuration name: (.+)")
_REQUIRED = "Required configuration not provided."
_NO_PLUGIN = re.compile(r'The "([^"]+)" plugin is not installed')
_NO_SCHEME = "The URL isn't valid, it should include the http:// (scheme)"
SAMPLE = ("so với một mkdocs.yml mẫu (`bantin init ../mau` tạo một bản ở thư mục bên cạnh, "
          "không đụng đến trang của bạn)")
_TYPES = {"int": "một số nguyên", "str": "chữ", "list": "một danh sách (các dòng `- …`)",
          "dict": "các mục con `tên: giá trị`", "bool": "`true` hoặc `false`", "float": "một số",
          "NoneType": "để trống"}
_TYPE_FIX = {"int": "viết số không có dấu ngoặc kép, ví dụ `{key}: 20`",
             "str": 'viết chữ, trong dấu ngoặc kép nếu có dấu `:` hoặc `#`, ví dụ `{key}: "…"`',
             "list": "viết `{key}:` rồi mỗi mục một dòng bắt đầu bằng `- ` (thụt vào hai dấu cách)",
             "dict": "viết `{key}:` rồi các mục con `tên: giá trị` thụt vào hai dấu cách",
             "bool": "viết `{key}: true` hoặc `{key}: false`"}
_LIST = re.compile(r"Expected a list of items, but a <class '(\w+)'> was given")
_NO_DIR = re.compile(r"The path '([^']*)' isn't an existing directory")
_EXPECTED = re.compile(r"Expected type: <class '(\w+)'> but received: <class '(\w+)'>")


def explain_validation(config_file: str, node: yaml.Node | None, logged: str,
                       names: dict[str, tuple[str, ...]] | None = None) -> str:
    """A Vietnamese message for one of MkDocs' "Config value '…': …" errors and warnings.

    `names`: the options each part of mkdocs.yml may hold (adapter/engine.option_names), for
    the nearest name to a misspelt one.
    """
    match = _CONFIG_VALUE.match(logged.strip())
    if match is None:
        return _message(config_file, 0, "", f"cấu hình không hợp lệ ({short(logged, 120)})",
                        f"sửa mkdocs.yml theo thông báo, hoặc {SAMPLE}")
    name, plugin, option, sub, detail = match.groups()
    keys = [name] + ([plugin] if plugin else []) + (option.split(".") if option else [])
    special = _name_problem(config_file, node, keys, sub, detail, names or {})
    if special:
        return special
    keys += [sub] if sub else []
    field = ".".join(keys)
    written, line = place(config_file, node, *keys)
    expected = _EXPECTED.search(detail)
    glued = _glued_value(config_file, node, keys, field) if expected and expected.group(1) == "dict" else None
    if glued:
        return glued
    if expected:
        want = _TYPES.get(expected.group(1), expected.group(1))
        got = _TYPES.get(expected.group(2), expected.group(2))
        fix = _TYPE_FIX.get(expected.group(1), f"{SAMPLE} và sửa dòng này").format(key=keys[-1])
        return _message(written, line, field, f"`{keys[-1]}` (hoặc một mục của nó) phải là {want}, không phải {got}", fix)
    listed = _LIST.search(detail)
    if listed:
        return _message(written, line, field, f"`{keys[-1]}` phải là một danh sách (các dòng `- …`), "
                        f"không phải {_TYPES.get(listed.group(1), listed.group(1))}",
                        f"viết `{keys[-1]}:` rồi mỗi mục trên một dòng bắt đầu bằng `- ` (thụt vào hai dấu cách)")
    missing = _NO_DIR.search(detail)
    if missing:
        return _message(written, line, field, f"không có thư mục `{short(missing.group(1))}`",
                        f"tạo thư mục đó, hoặc sửa `{keys[-1]}:` cho đúng tên thư mục (trang mẫu dùng `docs_dir: content`)")
    return _message(written, line, field, f"giá trị của `{keys[-1]}` không hợp lệ ({short(detail, 120)})",
                    f"{SAMPLE} và sửa dòng này")


_GLUED_PAIR = re.compile(r"([A-Za-z_]{1,30}):(\S.*)")


def _glued_value(config_file: str, node, keys: list[str], field: str) -> str | None:
    """`urls:` then, alone under it, `  qa:hoi-dap-phap-luat`: without the space YAML reads the
    line as the text of `urls:`, and MkDocs says text is no group; the fix is the space."""
    value = scalar_of(node, *keys)
    glued = _GLUED_PAIR.fullmatch(value.value) if value is not None and not value.style else None  # plain, not quoted
    if glued is None:
        return None
    key, rest = glued.groups()
    return _message(value.start_mark.name, value.start_mark.line + 1, field,
                    f"thiếu dấu cách sau dấu hai chấm của `{key}:`, nên `{keys[-1]}:` đọc dòng này thành chữ, "
                    "không phải một mục con",
                    f"thêm một dấu cách sau dấu hai chấm: `{key}: {short(rest, 60)}`")


def _item_without(node, keys: list[str], key: str) -> int:
    """The line of the first item of the list at `keys` that lacks `key` (`- titel: …`), or 0."""
    node = node_at(node, keys)
    for item in node.value if isinstance(node, yaml.SequenceNode) else []:
        if isinstance(item, yaml.MappingNode) and not any(getattr(k, "value", None) == key for k, _ in item.value):
            return item.start_mark.line + 1
    return 0


_INTERNAL = frozenset({"drafts"})  # set by `bantin serve`, never written by a site


def _misplaced_option(config_file: str, node, name: str) -> str:
    """An option of the bantin plugin written at the top level (`urls:` at the margin): MkDocs
    knows no such name there; the fix is to move it, not to delete or rename it."""
    written, line = place(config_file, node, name)
    block_file, block = place(config_file, node, "plugins", "bantin")
    of = "" if block_file == written else f" của {block_file}"
    where = f"dòng `- bantin:` (dòng {block}{of})" if block else "`- bantin:` trong mục `plugins:`"
    return _message(written, line, name,
                    f"`{name}` là tùy chọn của Bản tin, phải nằm trong khối `- bantin:` của `plugins:`, không viết "
                    "sát lề trái", f"chuyển dòng này cùng các dòng thụt vào bên dưới nó vào dưới {where}, mỗi dòng "
                    f"thụt thêm sáu dấu cách, như `page_size:` trong mkdocs.yml mẫu: `      {name}:`")


def _name_problem(config_file: str, node, keys: list[str], sub: str | None, detail: str,
                  names: dict[str, tuple[str, ...]]) -> str | None:
    """A misspelt or missing option, an unknown plugin, an address without `https://`; None otherwise."""
    detail = detail.strip()
    unknown = _UNKNOWN.fullmatch(detail)
    if unknown:
        bad = unknown.group(1).strip()
        scope = ".".join(keys[:-1] if not sub and len(keys) > 1 else keys) if keys[0] == "plugins" else ""
        where = keys + [sub] if sub else keys
        allowed = names.get(scope, ())
        if not scope and bad in names.get("plugins.bantin", ()) and bad not in _INTERNAL:
            return _misplaced_option(config_file, node, bad)
        close = difflib.get_close_matches(bad, allowed, n=1, cutoff=0.6)
        hint = (f"có phải ý bạn là `{close[0]}`? Sửa tên ở dòng này" if close else
                f"các mục được phép ở đây: {', '.join(allowed)}" if scope and allowed else
                f"xóa dòng này hoặc sửa tên, {SAMPLE}")
        return _message(*place(config_file, node, *where), ".".join(where),
                        f"không có mục nào tên `{short(bad, 60)}` ở chỗ này", hint)
    if detail == _REQUIRED:
        missing = sub or keys[-1]
        written, line = place(config_file, node, *keys)
        if sub and keys[-1] == "categories":
            fix = f"mỗi chuyên mục bắt đầu bằng `- {missing}: …`, ví dụ `- title: Hòa giải ở cơ sở`"
            line = _item_without(node, keys, missing) or line
        else:
            fix = f"thêm dòng `{missing}: …`, {SAMPLE}"
        return _message(written, line, ".".join(keys + ([sub] if sub else [])), f"thiếu mục `{missing}`", fix)
    plugin = _NO_PLUGIN.fullmatch(detail)
    if plugin:
        bad = plugin.group(1)
        close = difflib.get_close_matches(bad, ["bantin", "search"], n=1, cutoff=0.6)
        return _message(*place(config_file, node, *keys, bad), ".".join(keys),
                        f"không có phần mở rộng (plugin) tên `{short(bad, 60)}`",
                        f"có phải ý bạn là `- {close[0]}`?" if close else "xóa dòng này, hoặc sửa đúng tên `- bantin`")
    if detail == _NO_SCHEME:
        return _message(*place(config_file, node, *keys), ".".join(keys),
                        f"`{keys[-1]}` phải là địa chỉ đầy đủ, bắt đầu bằng `https://`",
                        f"viết `{keys[-1]}: https://…/`, ví dụ `site_url: https://phapluat.songlam.gov.vn/`")
    return None


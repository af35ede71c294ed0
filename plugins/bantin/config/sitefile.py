"""mkdocs.yml as MkDocs reads it, for everything that reads it without MkDocs (session 31).

`bantin import` and `bantin redirects` read `docs_dir`, `urls:` and `categories:` themselves
(they build nothing), and the checks before a build read the file for its lines. Read as
written, a site whose shared settings sit in a base file (`INHERIT: ../chung/base.yml`) or
come from the environment (`docs_dir: !ENV NOI_DUNG`) had its articles imported into the
default folder under the default segments, silently. Here the file is read as MkDocs 1.6
reads it (mkdocs/utils/yaml.py `yaml_load`, with yaml_env_tag and mergedeep), once per
command, and without importing MkDocs (DESIGN §9):

- `INHERIT: path`, at the top, relative to the folder of the file that writes it: that file
  is read the same way (its own `INHERIT:` too) and this one is merged over it: mappings key
  by key, this file winning; any other value, lists included, replaced whole. MkDocs does
  nothing special for `plugins:` or `markdown_extensions:`: written as `- …` lists, the
  child's list replaces the base's, and MkDocs' documentation tells sites to write them as
  mappings (`plugins: {bantin: {…}}`) to have them merged. Both forms are read here.
- `!ENV NAME` and `!ENV [A, B, fallback]`: the first variable that is set, typed as YAML
  types a plain value; else the fallback; else None, which is remembered
  (`SiteFile.unset_problem`) so that a command needing the value names the variable to set.
- `!relative` and `!!python/…` (Material's emoji: `!!python/name:material.extensions…`):
  kept as a `Marker`, never resolved, imported or run. Any other tag stops MkDocs; here it
  is an error on its line.

The files are merged as YAML nodes and the values built once from the merged tree, so every
value keeps the file and line it was written at: a wrong `urls:` in the base names the base.

Careless or hostile `INHERIT:` (MkDocs says these in English, or recurses until Python stops):
a missing file, a folder or device, a loop, more than MAX_DEPTH files, a file over 1 MB,
binary or not UTF-8, not `name: value` lines, an unset `!ENV`. Each is one error naming the
file and line of the `INHERIT:` that led there, and what to write instead.
Decided: a base outside the site's folder is read, as MkDocs reads it (a base shared by the
sites of several units, side by side, is what INHERIT is for); only read, nothing is written
anywhere; and as it may be any file of the machine and CI logs are public, no message quotes
its text, only its name and line numbers.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from functools import reduce
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from bantin.config.precheck import (MAX_BYTES, ConfigError, compose, config_message, decode, deepest_key, node_at,
                                    read_text)
from bantin.problems import Problem, short, visible

MAX_DEPTH = 10  # files a chain of INHERIT may name; MkDocs has no limit and recurses until Python stops
MAP = "tag:yaml.org,2002:map"
INHERIT = "INHERIT"
_MISSING = object()
_KINDS = {list: "một danh sách", dict: "các mục con", bool: "có/không", int: "một số", float: "một số",
          type(None): "để trống"}


@dataclass(frozen=True)
class Marker:
    """A value MkDocs makes from code (`!!python/name:…`) or from a path known only while a page
    is built (`!relative`): kept as written, never imported or resolved here."""

    tag: str
    text: str


@dataclass(frozen=True)
class SiteFile:
    """mkdocs.yml loaded: `data` as MkDocs loads it, `node` the merged YAML tree whose marks name
    the file each value was written in (`where`)."""

    path: str  # the file given (`-f`), as given: messages name it so
    text: str  # its text (config/unfilled.py looks at what follows a value on its line)
    node: yaml.MappingNode
    data: dict
    files: tuple[str, ...]  # path, then each file it inherits, as messages name them
    unset: dict = field(default_factory=dict, compare=False, repr=False)  # id → (`!ENV` node, names)

    def where(self, *keys: str | int) -> tuple[str, int]:
        """(file, line) of the deepest of `keys` written (`precheck.line_of`), in the file that
        wrote it; (path, 0) when not even the first is."""
        found = deepest_key(self.node, *keys)
        return (found.start_mark.name, found.start_mark.line + 1) if found is not None else (self.path, 0)

    def line_here(self, *keys: str | int) -> int:
        """The line of `keys` in `path` itself; 0 when written in an inherited file (a line of
        the base is no line of mkdocs.yml, and a problem reported there names mkdocs.yml)."""
        written, line = self.where(*keys)
        return line if written == self.path else 0

    def get(self, *keys: str | int) -> Any:
        """The loaded value at `keys`, None when missing; `plugins`, `bantin` finds the plugin's
        options whether `plugins:` is a list or a mapping."""
        value: Any = self.data
        for key in keys:
            value = _step(value, key)
            if value is _MISSING:
                return None
        return value

    def plugin(self, name: str) -> dict | None:
        """The options of plugin `name` ({} when it has none), None when `plugins:` lacks it."""
        for key, options in _plugin_entries(self.data.get("plugins")):
            if key == name:
                return options if isinstance(options, dict) else {}
        return None

    def unset_problem(self, keys: tuple[str | int, ...], name: str, example: str) -> Problem | None:
        """An error when the value at `keys` is an `!ENV` whose variables are all unset, with no
        fallback (MkDocs reads None: the default folder, an empty segment); None otherwise.
        `name`: the field in the message; `example`: a value to write as the fallback."""
        node = node_at(self.node, keys)
        entry = self.unset.get(id(node)) if node is not None else None
        if entry is None:
            return None
        names = entry[1]
        variable = names[0] if names else "TEN_BIEN"
        written, line = self.where(*keys)
        listed = ", ".join(f"`{short(n, 40)}`" for n in names) or "(không nêu biến nào)"
        return Problem(written, line, name,
                       f"`{keys[-1]}` lấy giá trị từ biến môi trường {listed} (`!ENV`), mà biến chưa được đặt và dòng "
                       "này không có giá trị dự phòng, nên MkDocs đọc thành để trống",
                       f"đặt biến trước khi chạy lệnh (Linux, macOS: `export {variable}={example}`; Windows: `set "
                       f"{variable}={example}`; trong CI: biến của kho hoặc của bước dựng), hoặc ghi giá trị dự "
                       f"phòng: `{keys[-1]}: !ENV [{variable}, {example}]`")


def load(config_file: str) -> SiteFile:
    """`config_file` and every file its `INHERIT:` names, merged and built as MkDocs does;
    ConfigError (Vietnamese, file and line) when MkDocs could not load it either."""
    text = read_text(config_file)
    builder = _Builder()
    chain = _Chain(config_file, builder)
    try:
        layers = chain.layers(compose(config_file, text))
        merged = reduce(lambda base, over: _merge(builder, base, over, {}), reversed(layers))
        data = builder.construct_document(merged)
    except (_Stop, yaml.YAMLError, RecursionError) as exc:
        raise ConfigError(visible(_explained(builder, exc, config_file))) from None
    return SiteFile(config_file, text, merged, data, tuple(chain.shown), builder.unset)


def loaded(config_file: str | None) -> SiteFile | None:
    """`load`, or None when there is no file or it cannot be loaded (the engine's own load, or
    the CLI's, says why): a build parses mkdocs.yml once and hands the result to each reader."""
    try:
        return load(config_file) if config_file else None
    except ConfigError:
        return None


def lines(site: SiteFile | None, under: tuple[str, ...] = ("plugins", "bantin")):
    """`line(*keys)` of options under `plugins: - bantin:` (or `under`) in the loaded mkdocs.yml:
    0 when not found, not loaded (None), or written in an inherited file. The plugin's own
    configuration errors name the line of their option (they are reported on mkdocs.yml)."""

    def line(*keys: str | int) -> int:
        return site.line_here(*under, *keys) if site is not None else 0

    return line


def config_lines(config_file: str | None, under: tuple[str, ...] = ("plugins", "bantin")):
    """`lines` of `config_file`, loaded for this one caller (a command that reads nothing else)."""
    return lines(loaded(config_file), under)


# --- the chain of INHERIT --------------------------------------------------------------------

class _Chain:
    """The files of one load: each read once, a loop or a long chain refused where it starts."""

    def __init__(self, config_file: str, builder: "_Builder"):
        self.builder = builder
        self.project = Path(os.path.abspath(config_file)).parent.resolve()
        self.shown = [config_file]  # as messages name them
        self.absolute = [os.path.abspath(config_file)]  # as MkDocs joins INHERIT to them
        self.real = [os.path.realpath(config_file)]

    def layers(self, node: yaml.MappingNode) -> list[yaml.MappingNode]:
        """Each file's tree without its `INHERIT:` pair, this file first, its base last."""
        layers = []
        while True:
            node, inherit = self._without_inherit(node)
            layers.append(node)
            if inherit is None:
                return layers
            node = self._parent(*inherit)

    def _without_inherit(self, node: yaml.MappingNode):
        """(the tree without `INHERIT:`, (key node, value node) of the `INHERIT:` or None)."""
        self.builder.flatten_mapping(node)
        pairs = [(k, v) for k, v in node.value if not (isinstance(k, yaml.ScalarNode) and k.value == INHERIT)]
        if len(pairs) == len(node.value):
            return node, None
        inherit = next((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == INHERIT)
        return yaml.MappingNode(node.tag, pairs, node.start_mark, node.end_mark, node.flow_style), inherit

    def _parent(self, key: yaml.Node, value_node: yaml.Node) -> yaml.MappingNode:
        """The tree of the file `INHERIT:` names, checked before it is opened."""
        child, line = self.shown[-1], key.start_mark.line + 1
        value = self._value(value_node, child, line)
        shown = os.path.normpath(os.path.join(os.path.dirname(child), value))
        absolute = os.path.normpath(os.path.join(os.path.dirname(self.absolute[-1]), value))
        real = os.path.realpath(absolute)
        if real in self.real:
            loop = " → ".join(self.shown[self.real.index(real):] + [shown])
            self._stop(child, line, f"các tệp kế thừa nhau thành vòng tròn: {loop}; MkDocs sẽ đọc mãi không dừng",
                       "bỏ dòng `INHERIT:` ở tệp cấu hình chung: tệp chung không kế thừa tệp của trang")
        if len(self.shown) > MAX_DEPTH:
            self._stop(child, line, f"chuỗi `INHERIT:` dài hơn {MAX_DEPTH} tệp ({' → '.join(self.shown[:3])} → …)",
                       "gộp các tệp cấu hình chung lại, để chuỗi kế thừa ngắn hơn")
        text = self._read(absolute, shown, child, line, value)
        quiet = not Path(real).is_relative_to(self.project)
        self.shown.append(shown)
        self.absolute.append(absolute)
        self.real.append(real)
        if quiet:
            self.builder.quiet.add(shown)
        return compose(shown, text, quiet=quiet, empty_ok=True)

    def _value(self, node: yaml.Node, child: str, line: int) -> str:
        """The path written after `INHERIT:` (`!ENV` resolved, as MkDocs resolves it)."""
        value = self.builder.construct_document(node)
        if id(node) in self.builder.unset:
            names = self.builder.unset[id(node)][1]
            variable = names[0] if names else "TEN_BIEN"
            self._stop(child, line, f"`INHERIT:` lấy đường dẫn từ biến môi trường `{short(variable, 40)}`, mà biến "
                       "chưa được đặt và không có giá trị dự phòng",
                       f"đặt biến trước khi chạy lệnh (`export {variable}=../chung/base.yml`), hoặc ghi giá trị dự "
                       f"phòng: `INHERIT: !ENV [{variable}, ../chung/base.yml]`")
        if isinstance(value, str) and "\x00" in value:  # no file has such a name; os.stat raises ValueError
            self._stop(child, line, "đường dẫn sau `INHERIT:` có ký tự NUL (`\\0`)", "ghi lại đường dẫn, không có `\\0`")
        if not isinstance(value, str) or not value.strip():
            kind = "để trống" if isinstance(value, str) else _KINDS.get(type(value), "không phải chữ")
            self._stop(child, line, f"`INHERIT:` phải là đường dẫn tới một tệp cấu hình, không phải {kind}",
                       "ghi đường dẫn tính từ thư mục của tệp này, ví dụ `INHERIT: ../chung/base.yml`, hoặc xóa dòng "
                       "nếu trang không dùng tệp cấu hình chung")
        return value

    def _read(self, absolute: str, shown: str, child: str, line: int, value: str) -> str:
        """The inherited file's text: a regular file under MAX_BYTES (a folder, a device or a
        pipe would hang or fail the read), opened without following a swap to one."""
        where = f"`INHERIT: {short(value, 120)}` trỏ tới {short(shown, 240)}"
        try:
            found = os.stat(absolute)
        except (FileNotFoundError, NotADirectoryError):
            self._stop(child, line, f"{where}, nhưng không có tệp này (đường dẫn tính từ thư mục chứa {child})",
                       "sửa đường dẫn cho đúng tệp cấu hình chung, hoặc xóa dòng `INHERIT:` nếu không dùng tệp chung")
        except OSError as exc:
            self._stop(child, line, f"{where}, nhưng không đọc được tệp đó ({exc.strerror})", "kiểm tra quyền đọc tệp")
        self._regular(found, where, child, line, value)
        try:
            descriptor = os.open(absolute, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
            with os.fdopen(descriptor, "rb") as stream:
                self._regular(os.fstat(stream.fileno()), where, child, line, value)
                data = stream.read(MAX_BYTES + 1)
        except OSError as exc:
            self._stop(child, line, f"{where}, nhưng không đọc được tệp đó ({exc.strerror})", "kiểm tra quyền đọc tệp")
        self._small(len(data), where, child, line)
        return decode(shown, data, f"sửa dòng {line} của {child} (`INHERIT:`) cho trỏ tới tệp cấu hình YAML")

    def _regular(self, found: os.stat_result, where: str, child: str, line: int, value: str) -> None:
        if stat.S_ISDIR(found.st_mode):
            self._stop(child, line, f"{where}, là một thư mục, không phải tệp",
                       f"ghi cả tên tệp trong thư mục đó, ví dụ `INHERIT: {short(value.rstrip('/'), 60)}/base.yml`")
        if not stat.S_ISREG(found.st_mode):
            self._stop(child, line, f"{where}, không phải tệp thường (thiết bị, ống dẫn…)",
                       "trỏ `INHERIT:` tới tệp cấu hình chung (tệp .yml)")
        self._small(found.st_size, where, child, line)

    def _small(self, size: int, where: str, child: str, line: int) -> None:
        if size > MAX_BYTES:
            self._stop(child, line, f"{where}, tệp lớn hơn {MAX_BYTES // (1024 * 1024)} MB, không phải tệp cấu hình",
                       "kiểm tra lại đường dẫn ở dòng `INHERIT:`")

    @staticmethod
    def _stop(child: str, line: int, what: str, fix: str):
        """The error at the `INHERIT:` line; control characters a value may hold are shown escaped."""
        raise ConfigError(visible(config_message(child, line, INHERIT, what, fix)))


# --- merging and building values -------------------------------------------------------------

def _merge(builder: "_Builder", base: yaml.Node, over: yaml.Node, done: dict) -> yaml.Node:
    """`over` merged onto `base` as mergedeep merges MkDocs' dicts: two mappings key by key
    (order: the base's keys, then the new ones), anything else replaced by `over`. Nodes are
    never changed in place: an alias (`*a`) shares its node with the anchor, and the merge of
    a pair of nodes met again through aliases is the one made before (`done`): ten lines of
    aliases of aliases on both sides are 10⁹ paths to the same few pairs."""
    if not (_is_map(base) and _is_map(over)):
        return over
    pair = (id(base), id(over))  # both trees outlive the merge: an id is never reused meanwhile
    if pair in done:
        return done[pair]
    pairs: dict[Any, tuple[yaml.Node, yaml.Node]] = {}
    for key, value in _pairs(builder, base):
        pairs[_key(builder, key)] = (key, value)
    for key, value in _pairs(builder, over):
        name = _key(builder, key)
        pairs[name] = (key, _merge(builder, pairs[name][1], value, done)) if name in pairs else (key, value)
    done[pair] = yaml.MappingNode(MAP, list(pairs.values()), over.start_mark, over.end_mark, over.flow_style)
    return done[pair]


def _is_map(node: yaml.Node) -> bool:
    """A plain mapping (MkDocs' dict); `!!omap`, `!!set` or a python object are no dicts."""
    return isinstance(node, yaml.MappingNode) and node.tag == MAP


def _pairs(builder: "_Builder", node: yaml.MappingNode) -> list:
    builder.flatten_mapping(node)  # `<<: *defaults` first, as building the values would
    return node.value


def _key(builder: "_Builder", node: yaml.Node) -> Any:
    """A mapping key as MkDocs compares it: its value (`1` and `"1"` differ, `yes` is True)."""
    if isinstance(node, yaml.ScalarNode):
        value = builder.construct_object(node)
        try:
            hash(value)
            return value
        except TypeError:
            pass
    return ("node", id(node))  # a list or mapping as a key: never equal to another; building refuses it


def _plugin_entries(plugins: Any):
    """(name, options) of each plugin, as MkDocs reads `plugins:`: a mapping, or a list of
    names and one-key mappings (`- search`, `- bantin: {…}`)."""
    if isinstance(plugins, dict):
        yield from plugins.items()
    for item in plugins if isinstance(plugins, list) else ():
        if isinstance(item, dict) and len(item) == 1:
            yield next(iter(item.items()))
        elif isinstance(item, str):
            yield item, None


def _step(value: Any, key: str | int) -> Any:
    """One step of `SiteFile.get` (the steps `precheck.line_of` takes in the tree)."""
    if isinstance(key, int):
        return value[key] if isinstance(value, list) and 0 <= key < len(value) else _MISSING
    if isinstance(value, dict):
        return value.get(key, _MISSING)
    if isinstance(value, list):  # plugins: [search, {bantin: {…}}]
        for item in value:
            if item == key:
                return {}
            if isinstance(item, dict) and key in item:
                return item[key]
    return _MISSING


class _Stop(Exception):
    """A tag or value MkDocs refuses, at its node."""

    def __init__(self, node: yaml.Node, what: str, fix: str):
        super().__init__(what)
        self.node, self.what, self.fix = node, what, fix


class _Builder(SafeConstructor, Resolver):
    """PyYAML's safe constructor and resolver (MkDocs' loader types plain values the same way),
    with MkDocs' tags; remembers each `!ENV` left unset without fallback."""

    def __init__(self):
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self.unset: dict[int, tuple[yaml.Node, tuple[str, ...]]] = {}
        self.quiet: set[str] = set()  # files outside the site's folder, whose text no message quotes

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """PyYAML's, with the node named when a typed value is not of its type (`!!int abc`
        raises a bare ValueError, without a line)."""
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError):
            raise _Stop(node, "giá trị ở dòng này không hợp với thẻ `!!…` đặt trước nó", _TAG_FIX) from None


def _explained(builder: _Builder, exc: BaseException, config_file: str) -> str:
    """The message for what stopped building the values: at the node, in the file it is in."""
    if isinstance(exc, RecursionError):
        return config_message(config_file, 0, "", "tệp cấu hình lồng nhau quá sâu", "viết lại theo mkdocs.yml mẫu")
    mark = exc.node.start_mark if isinstance(exc, _Stop) else (
        getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None))
    written, line = (mark.name, mark.line + 1) if mark is not None else (config_file, 0)
    if isinstance(exc, _Stop) and written not in builder.quiet:
        return config_message(written, line, "", exc.what, exc.fix)
    if isinstance(exc, _Stop):
        return config_message(written, line, "", "thẻ YAML (`!…`) ở dòng này MkDocs không đọc được", _TAG_FIX)
    return config_message(written, line, "", "giá trị ở dòng này không đọc được: thẻ `!!…` không hợp với giá trị, "
                          "hoặc tên mục là một danh sách hay một nhóm", _TAG_FIX)


_TAG_FIX = ("xóa thẻ và ghi giá trị trực tiếp; MkDocs chỉ hiểu `!ENV TÊN_BIẾN`, `!relative` và các thẻ `!!python/…` "
            "của phần mở rộng Markdown")


def _env(builder: _Builder, node: yaml.Node) -> Any:
    """`!ENV NAME` / `!ENV [A, B, fallback]`, as yaml_env_tag (MkDocs) reads them."""
    fallback, has_fallback = None, False
    if isinstance(node, yaml.ScalarNode):
        names = [builder.construct_scalar(node)]
    elif isinstance(node, yaml.SequenceNode):
        items = node.value
        has_fallback = len(items) > 1
        if has_fallback:
            fallback, items = builder.construct_object(items[-1]), items[:-1]
        if any(not isinstance(n, yaml.ScalarNode) for n in items):
            raise _Stop(node, "tên biến môi trường sau `!ENV` phải là chữ", _ENV_FIX)
        names = [builder.construct_scalar(n) for n in items]
    else:
        raise _Stop(node, "`!ENV` phải đi với tên một biến môi trường, hoặc danh sách `[BIẾN, giá trị dự phòng]`",
                    _ENV_FIX)
    for name in names:
        if name in os.environ:
            text = os.environ[name]
            tag = builder.resolve(yaml.ScalarNode, text, (True, False))  # typed as a plain value is
            return builder.construct_object(yaml.ScalarNode(tag, text))
    if not has_fallback:
        builder.unset[id(node)] = (node, tuple(names))
    return fallback


_ENV_FIX = "ví dụ `site_url: !ENV SITE_URL` hoặc `site_url: !ENV [SITE_URL, \"https://…/\"]`"
_RELATIVE_FIX = ("viết `!relative` một mình (thư mục của trang đang dựng), `!relative $config_dir/…` hoặc "
                 "`!relative $docs_dir/…`")


def _relative(builder: _Builder, node: yaml.Node) -> Marker:
    """`!relative`, `!relative $config_dir/…`, `!relative $docs_dir/…`: what MkDocs accepts."""
    if not isinstance(node, yaml.ScalarNode):
        raise _Stop(node, "`!relative` chỉ đi với một đường dẫn", _RELATIVE_FIX)
    prefix = node.value.partition("/")[0]
    if node.value and prefix not in ("$config_dir", "$docs_dir"):
        raise _Stop(node, f"MkDocs không hiểu `!relative {short(node.value, 40)}`", _RELATIVE_FIX)
    return Marker("!relative", node.value)


def _python(builder: _Builder, suffix: str, node: yaml.Node) -> Marker:
    """`!!python/name:…` and the like: code MkDocs imports; named, never imported here."""
    return Marker(f"!!python/{suffix}", node.value if isinstance(node, yaml.ScalarNode) else "")


def _unknown(builder: _Builder, node: yaml.Node):
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    if tag.lower() in ("!env", "!relative"):
        raise _Stop(node, f"thẻ `{short(tag, 40)}` viết sai chữ hoa, chữ thường",
                    f"viết đúng `{'!ENV' if tag.lower() == '!env' else '!relative'}`")
    if "include" in tag.lower() or "import" in tag.lower():
        raise _Stop(node, f"MkDocs không có thẻ `{short(tag, 40)}`: không ghép tệp cấu hình bằng thẻ",
                    "để dùng chung cấu hình, ghi `INHERIT: đường/dẫn/tệp-chung.yml` ở đầu tệp (MkDocs gộp tệp đó "
                    "vào dưới tệp này)")
    raise _Stop(node, f"MkDocs không có thẻ `{short(tag, 40)}`", _TAG_FIX)


_Builder.add_constructor("!ENV", _env)
_Builder.add_constructor("!relative", _relative)
_Builder.add_multi_constructor("tag:yaml.org,2002:python/", _python)
_Builder.add_constructor(None, _unknown)

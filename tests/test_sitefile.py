"""config/sitefile.py reads mkdocs.yml as MkDocs does (session 31): `INHERIT:` merged, `!ENV`
resolved, `!relative` and `!!python/…` kept as markers; and every careless or hostile
`INHERIT:` is one Vietnamese error naming the file and line, not MkDocs' English or a
recursion that never ends.

The values are compared with MkDocs' own loader (`mkdocs.utils.yaml.yaml_load` with the
loader `MkDocsConfig.load_file` gives it), and ProperDocs'; the core module imports neither.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bantin.config import sitefile
from bantin.config.precheck import ConfigError
from bantin.config.sitefile import Marker, load

ROOT = Path(__file__).resolve().parents[1]


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def engine_loads(path: Path, engine: str = "mkdocs") -> dict:
    """What MkDocs 1.6 (or ProperDocs, which continues it: DESIGN §9) loads from `path`, as
    its config's `load_file` does it (opening the absolute path)."""
    if engine == "properdocs":
        pytest.importorskip("properdocs")
        from properdocs.config.defaults import ProperDocsConfig as Config
        from properdocs.utils.yaml import get_yaml_loader, yaml_load
    else:
        from mkdocs.config.defaults import MkDocsConfig as Config
        from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    with open(os.path.abspath(path), "rb") as stream:
        return _comparable(yaml_load(stream, get_yaml_loader(config=Config(config_file_path=str(path)))))


_PLACEHOLDERS = {"ConfigDirPlaceholder": "$config_dir", "DocsDirPlaceholder": "$docs_dir", "RelativeDirPlaceholder": ""}


def _comparable(value):
    """The engine's placeholders and imported functions as the markers the reader keeps instead."""
    if isinstance(value, dict):
        return {k: _comparable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_comparable(v) for v in value]
    if type(value).__name__ in _PLACEHOLDERS:
        return Marker("!relative", "/".join(p for p in (_PLACEHOLDERS[type(value).__name__], value.suffix) if p))
    if callable(value):
        return Marker(f"!!python/name:{value.__module__}.{value.__qualname__}", "")
    return value


BASE = """\
site_name: Bản tin chung
docs_dir: noi-dung
site_url: !ENV [BASE_URL, "https://chung.example.gov.vn/"]
theme:
  name: material
  language: vi
  features: [navigation.top]
plugins:
  search: {}
  bantin:
    page_size: 12
    urls:
      article: tin-tuc-su-kien
      qa: hd
    categories:
      - title: Hòa giải ở cơ sở
markdown_extensions:
  - toc:
      permalink: true
  - admonition
extra:
  a: 1
  nested: {x: 1, y: [1, 2]}
  1: mot
  "yes": chu
"""

CHILD = """\
INHERIT: ../chung/base.yml
site_name: !ENV SITE_NAME
site_description: !ENV [NO_SUCH_1, NO_SUCH_2]
copyright: !ENV [NO_SUCH_1, 2024]
dev_addr: !ENV [PORT_AS_TEXT, "8000"]
theme:
  features: [navigation.tabs]
  palette: {primary: red}
plugins:
  bantin:
    urls:
      qa: hoi-dap-pl
    agency: {name: Sở Tư pháp}
markdown_extensions:
  - pymdownx.emoji:
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
  - pymdownx.snippets:
      base_path: !relative $config_dir/snippets
  - pymdownx.magiclink:
      user: !relative
extra:
  nested: {y: [3], z: !ENV FLAG}
  1: so
  yes: co
"""

ANCHORS = """\
INHERIT: base.yml
defaults: &d {a: 1, b: 2}
theme: *d
extra:
  <<: *d
  b: 3
nav: [*d, *d]
"""


def _sites(tmp_path: Path) -> list[Path]:
    """mkdocs.yml files whose loaded values MkDocs and the reader must agree on."""
    write(tmp_path, "chung/base.yml", BASE)
    write(tmp_path, "chung/goc.yml", "site_author: Sở Tư pháp\nextra: {from_root: true, a: 0}\n")
    write(tmp_path, "chung/giua.yml", "INHERIT: goc.yml\nextra: {a: 2}\nplugins: [search]\n")
    write(tmp_path, "trang/empty-base.yml", "# chỉ có ghi chú\n")
    sites = [
        write(tmp_path, "trang/mkdocs.yml", CHILD),
        write(tmp_path, "trang/chain.yml", "INHERIT: ../chung/giua.yml\nextra: {b: 1}\n"),
        write(tmp_path, "chung/anchors.yml", ANCHORS),
        write(tmp_path, "trang/empty.yml", "INHERIT: empty-base.yml\nsite_name: x\n"),
        write(tmp_path, "trang/by-env.yml", "INHERIT: !ENV [BASE_FILE, ../chung/goc.yml]\nsite_name: x\n"),
        write(tmp_path, "trang/list-replaces.yml", "INHERIT: ../chung/base.yml\nplugins:\n  - bantin\n"),
        ROOT / "mkdocs.yml",
        ROOT / "plugins" / "bantin" / "starter" / "mkdocs.yml",
    ]
    return sites


@pytest.mark.parametrize("engine", ["mkdocs", "properdocs"])
@pytest.mark.parametrize("env", [{}, {"SITE_NAME": "Trang Sông Lam", "PORT_AS_TEXT": "8001", "FLAG": "yes",
                                      "BASE_URL": "https://a.example/", "NO_SUCH_2": "0123", "BASE_FILE": "base.yml"}])
def test_the_reader_loads_what_mkdocs_loads(tmp_path, monkeypatch, env, engine):
    for name in ("SITE_NAME", "PORT_AS_TEXT", "FLAG", "BASE_URL", "NO_SUCH_1", "NO_SUCH_2", "BASE_FILE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    if "BASE_FILE" in env:
        write(tmp_path, "trang/base.yml", "site_author: from env\n")
    for path in _sites(tmp_path):
        expected = engine_loads(path, engine)
        loaded = load(str(path)).data
        assert loaded == expected, path
        assert list(loaded) == list(expected), path  # the base's keys first, as mergedeep leaves them


def test_the_merge_is_deep_for_mappings_and_replaces_lists(tmp_path, monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    _sites(tmp_path)
    site = load(str(tmp_path / "trang" / "mkdocs.yml"))
    assert site.plugin("bantin")["urls"] == {"article": "tin-tuc-su-kien", "qa": "hoi-dap-pl"}
    assert site.plugin("bantin")["page_size"] == 12 and site.plugin("search") == {}
    assert site.get("theme", "features") == ["navigation.tabs"] and site.get("theme", "language") == "vi"
    assert site.get("extra", "nested") == {"x": 1, "y": [3], "z": True}
    assert site.files == (str(tmp_path / "trang" / "mkdocs.yml"), str(tmp_path / "chung" / "base.yml"))
    replaced = load(str(tmp_path / "trang" / "list-replaces.yml"))
    assert replaced.plugin("bantin") == {} and replaced.plugin("search") is None  # `- bantin` replaced the base's


def test_aliases_of_aliases_on_both_sides_of_inherit_are_merged_once(tmp_path):
    """Ten short lines of aliases of aliases, in the base and in the file over it: the merge
    met the same pair of nodes along 10⁹ paths and `bantin import` never ended; each pair is
    merged once now (MkDocs' own loader took 2.6 s for 8⁶ paths, this one 18 s)."""
    def nest(anchor: str) -> str:
        lines = [f"l0: &{anchor}0 {{" + ", ".join(f"k{i}: 1" for i in range(10)) + "}"]
        lines += [f"l{d}: &{anchor}{d} {{" + ", ".join(f"k{i}: *{anchor}{d - 1}" for i in range(10)) + "}"
                  for d in range(1, 10)]
        return "\n".join(lines) + "\n"

    write(tmp_path, "base.yml", "site_name: Chung\n" + nest("a"))
    child = write(tmp_path, "mkdocs.yml", "INHERIT: base.yml\ndocs_dir: content\n" + nest("b"))
    site = load(str(child))
    assert site.get("docs_dir") == "content" and site.get("site_name") == "Chung"
    assert site.get("l9", "k3", "k5", "k7", "k1", "k0", "k9", "k2", "k4", "k6", "k8") == 1


def test_each_value_knows_the_file_and_line_it_was_written_at(tmp_path):
    _sites(tmp_path)
    child = str(tmp_path / "trang" / "mkdocs.yml")
    site = load(child)
    base = os.path.normpath(os.path.join(os.path.dirname(child), "../chung/base.yml"))
    assert site.where("plugins", "bantin", "urls", "article") == (base, 13)
    assert site.where("plugins", "bantin", "urls", "qa") == (child, 12)
    assert site.where("docs_dir") == (base, 2) and site.where("nothing") == (child, 0)
    assert site.line_here("docs_dir") == 0 and site.line_here("plugins", "bantin", "agency") == 13


def test_a_relative_name_stays_relative_in_messages(tmp_path, monkeypatch):
    """`-f trang/mkdocs.yml` names its base `chung/base.yml`, as the user would type it."""
    _sites(tmp_path)
    monkeypatch.chdir(tmp_path)
    site = load("trang/mkdocs.yml")
    assert site.files == ("trang/mkdocs.yml", "chung/base.yml")
    assert site.where("docs_dir") == ("chung/base.yml", 2)


def test_an_unset_variable_without_fallback_is_named_when_its_value_is_needed(tmp_path, monkeypatch):
    monkeypatch.delenv("NOI_DUNG", raising=False)
    path = write(tmp_path, "mkdocs.yml", "site_name: x\ndocs_dir: !ENV NOI_DUNG\nsite_url: !ENV [NOI_DUNG, null]\n")
    site = load(str(path))
    assert site.get("docs_dir") is None  # as MkDocs reads it (and then takes docs/)
    problem = site.unset_problem(("docs_dir",), "docs_dir", "content")
    assert (problem.path, problem.line, problem.field) == (str(path), 2, "docs_dir")
    assert "biến môi trường `NOI_DUNG`" in problem.message and "chưa được đặt" in problem.message
    assert "export NOI_DUNG=content" in problem.fix and "`docs_dir: !ENV [NOI_DUNG, content]`" in problem.fix
    assert site.unset_problem(("site_url",), "site_url", "x") is None  # a fallback, even null, is a choice
    monkeypatch.setenv("NOI_DUNG", "noi-dung")
    assert load(str(path)).get("docs_dir") == "noi-dung"
    assert load(str(path)).unset_problem(("docs_dir",), "docs_dir", "content") is None


# --- careless and hostile INHERIT -------------------------------------------------------------

def refused(path: Path) -> str:
    with pytest.raises(ConfigError) as stop:
        load(str(path))
    message = str(stop.value)
    assert " lỗi: " in message and "→ Cách sửa: " in message
    return message


def test_a_missing_base_names_the_inherit_line(tmp_path):
    path = write(tmp_path, "mkdocs.yml", "site_name: x\nINHERIT: chung.yml\n")
    message = refused(path)
    assert message.startswith(f"{path}:2: [INHERIT] lỗi: `INHERIT: chung.yml` trỏ tới {tmp_path / 'chung.yml'}")
    assert "không có tệp này" in message and "sửa đường dẫn" in message


@pytest.mark.parametrize("files, where, chain", [
    ({"mkdocs.yml": "INHERIT: a.yml\n", "a.yml": "INHERIT: b.yml\n", "b.yml": "x: 1\nINHERIT: a.yml\n"},
     "b.yml:2", "a.yml → b.yml → a.yml"),
    ({"mkdocs.yml": "site_name: x\nINHERIT: mkdocs.yml\n"}, "mkdocs.yml:2", "mkdocs.yml → mkdocs.yml"),
])
def test_a_loop_is_named_not_followed_forever(tmp_path, monkeypatch, files, where, chain):
    """MkDocs recurses until Python stops (`bantin check` printed a RecursionError traceback)."""
    monkeypatch.chdir(tmp_path)
    for name, text in files.items():
        write(tmp_path, name, text)
    message = refused(Path("mkdocs.yml"))
    assert message.startswith(f"{where}: [INHERIT] lỗi: ") and chain in message and "vòng tròn" in message


def test_a_loop_through_a_symbolic_link_is_a_loop(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "mkdocs.yml", "site_name: x\nINHERIT: base.yml\n")
    (tmp_path / "base.yml").symlink_to(tmp_path / "mkdocs.yml")
    assert "vòng tròn" in refused(Path("mkdocs.yml"))


def test_a_long_chain_stops_at_the_limit(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for index in range(sitefile.MAX_DEPTH + 2):
        write(tmp_path, f"c{index}.yml", f"INHERIT: c{index + 1}.yml\n")
    write(tmp_path, f"c{sitefile.MAX_DEPTH + 2}.yml", "site_name: x\n")
    assert f"dài hơn {sitefile.MAX_DEPTH} tệp" in refused(Path("c0.yml"))
    (tmp_path / f"c{sitefile.MAX_DEPTH - 1}.yml").write_text("site_name: x\n", encoding="utf-8")
    assert load("c0.yml").data == {"site_name": "x"}  # MAX_DEPTH files in all are read


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="a named pipe and /dev/null are POSIX's")
@pytest.mark.parametrize("target, expected", [
    ("chung/", "là một thư mục"), ("/dev/null", "không phải tệp thường"), ("ong", "không phải tệp thường"),
    ("lon.yml", "lớn hơn 1 MB"), ("nhi-phan.yml", "tệp nhị phân"), ("utf16.yml", "UTF-16"),
])
def test_inherit_to_what_is_no_config_file(tmp_path, monkeypatch, target, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "chung").mkdir()
    os.mkfifo(tmp_path / "ong")  # opening a pipe to read waits for a writer: it must never be opened
    write(tmp_path, "lon.yml", "a: b\n" + "#" * (1024 * 1024) + "\n")
    write(tmp_path, "nhi-phan.yml", b"\x7fELF\x00\x00\x01")
    write(tmp_path, "utf16.yml", "site_name: x\n".encode("utf-16-le"))
    write(tmp_path, "mkdocs.yml", f"site_name: x\nINHERIT: {target}\n")
    message = refused(Path("mkdocs.yml"))
    assert expected in message
    if expected not in ("tệp nhị phân", "UTF-16"):
        assert message.startswith("mkdocs.yml:2: [INHERIT] lỗi: ")
    else:  # said of the file itself, with the line to fix named
        assert message.startswith(f"{target}:1: lỗi: ")
    if expected == "tệp nhị phân":
        assert "sửa dòng 2 của mkdocs.yml (`INHERIT:`)" in message


@pytest.mark.parametrize("value, expected", [
    ("", "không phải để trống"), ("[a.yml, b.yml]", "không phải một danh sách"), ("12", "không phải một số"),
    ("!ENV KHONG_CO_BIEN", "biến môi trường `KHONG_CO_BIEN`"),
])
def test_an_inherit_that_names_no_file(tmp_path, monkeypatch, value, expected):
    monkeypatch.delenv("KHONG_CO_BIEN", raising=False)
    message = refused(write(tmp_path, "mkdocs.yml", f"site_name: x\nINHERIT: {value}\n"))
    assert message.startswith(f"{tmp_path / 'mkdocs.yml'}:2: [INHERIT] lỗi: ") and expected in message


def test_a_base_outside_the_site_is_read_but_never_quoted(tmp_path):
    """A base shared by sites side by side is what INHERIT is for; its text may be any file of
    the machine (a key, a token), and CI logs are public: its line, never its words."""
    write(tmp_path, "chung/base.yml", "docs_dir: noi-dung\n")
    site = write(tmp_path, "trang/mkdocs.yml", "INHERIT: ../chung/base.yml\nsite_name: x\n")
    assert load(str(site)).get("docs_dir") == "noi-dung"
    for secret in ("token: abc-bi-mat: def\n", "a: 1\n\tkhoa-bi-mat: x\n", "a: 1\na: khoa-bi-mat\n",
                   "a: !khoa-bi-mat x\n"):
        write(tmp_path, "chung/base.yml", secret)
        message = refused(site)
        assert message.startswith(f"{tmp_path / 'chung' / 'base.yml'}:") and "bi-mat" not in message
    write(tmp_path, "trang/base.yml", "a: !khoa-bi-mat x\n")  # inside the site: the tag is named
    write(tmp_path, "trang/mkdocs.yml", "INHERIT: base.yml\nsite_name: x\n")
    assert "`!khoa-bi-mat`" in refused(site)


@pytest.mark.parametrize("text, line, expected", [
    ("site_name: x\nextra:\n  a: !include chung.yml\n", 3, "`INHERIT: đường/dẫn/tệp-chung.yml`"),
    ("site_name: x\nsite_url: !env SITE_URL\n", 2, "viết đúng `!ENV`"),
    ("site_name: x\nextra: !Ref abc\n", 2, "MkDocs không có thẻ `!Ref`"),
    ("site_name: x\nextra: !ENV {a: 1}\n", 2, "`[BIẾN, giá trị dự phòng]`"),
    ("site_name: x\nextra: !relative abc\n", 2, "`!relative $config_dir/…`"),
    ("site_name: x\nextra: !relative $site_dir/x\n", 2, "`!relative $config_dir/…`"),
    ("site_name: x\nextra: !!int abc\n", 2, "không hợp với thẻ `!!…`"),
    ("site_name: x\nextra:\n  ? [a, b]\n  : c\n", 3, "không đọc được"),
])
def test_a_tag_mkdocs_refuses_is_named_on_its_line(tmp_path, text, line, expected):
    path = write(tmp_path, "mkdocs.yml", text)
    message = refused(path)
    assert message.startswith(f"{path}:{line}: lỗi: ") and expected in message


def test_a_tag_in_the_base_is_named_in_the_base(tmp_path):
    write(tmp_path, "base.yml", "site_name: x\n\nextra: !include a.yml\n")
    path = write(tmp_path, "mkdocs.yml", "INHERIT: base.yml\n")
    assert refused(path).startswith(f"{tmp_path / 'base.yml'}:3: lỗi: MkDocs không có thẻ `!include`")



@pytest.mark.parametrize("value, expected", [
    ('"a\\0b.yml"', "ký tự NUL"), ('"\\e[31mdo.yml"', "\\x1b[31mdo.yml"), ("a" * 5000 + ".yml", "File name too long"),
])
def test_an_inherit_path_no_file_can_have_is_said_plainly(tmp_path, value, expected):
    """A NUL made os.stat raise ValueError (a traceback); an escape sequence reached the terminal."""
    message = refused(write(tmp_path, "mkdocs.yml", f"site_name: x\nINHERIT: {value}\n"))
    assert "[INHERIT] lỗi: " in message and expected in message and "\x1b" not in message

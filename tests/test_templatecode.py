"""Compiled templates kept between builds (adapter/templatecode.py): the same output, code
compiled for other settings never reused, a folder that cannot be made never fatal."""

from __future__ import annotations

import jinja2
import pytest

from bantin.adapter import templatecode

SOURCE = "<p>{{ title }}</p>{% if note %}<i>{{ note }}</i>{% endif %}"


def environment(folder, cache, **settings) -> jinja2.Environment:
    (folder / "page.html").write_text(SOURCE, encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), **settings)
    env.bytecode_cache = cache
    return env


def compiles(monkeypatch) -> list[str]:
    """Names Jinja compiles from source from now on."""
    seen: list[str] = []
    real = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, *args, **kwargs):
        seen.append(name)
        return real(self, source, name, filename, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return seen


@pytest.mark.parametrize("make", [lambda tmp: templatecode.KeptBytecode(),
                                  lambda tmp: templatecode.FolderBytecode(str(tmp / "code"))])
def test_a_second_environment_reuses_the_code_and_renders_the_same(tmp_path, monkeypatch, make):
    (tmp_path / "code").mkdir()
    cache = make(tmp_path)
    seen = compiles(monkeypatch)
    first = environment(tmp_path, cache, autoescape=True).get_template("page.html")
    second = environment(tmp_path, cache, autoescape=True).get_template("page.html")
    values = {"title": "<script>alert(1)</script>", "note": "Điều 5 & 6"}
    assert seen == ["page.html"]
    assert first.render(values) == second.render(values) == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><i>Điều 5 &amp; 6</i>")


def test_code_compiled_with_escaping_is_not_given_to_an_environment_without_it(tmp_path, monkeypatch):
    """Jinja's own key is the template's name and file: autoescape, compiled into the code, is
    part of ours, so a build with other settings compiles its own."""
    cache = templatecode.FolderBytecode(str(tmp_path))
    seen = compiles(monkeypatch)
    escaped = environment(tmp_path, cache, autoescape=True).get_template("page.html")
    plain = environment(tmp_path, cache, autoescape=False).get_template("page.html")
    assert seen == ["page.html", "page.html"]
    assert escaped.render(title="<b>") == "<p>&lt;b&gt;</p>"
    assert plain.render(title="<b>") == "<p><b></p>"


def test_an_edited_template_is_compiled_anew(tmp_path):
    cache = templatecode.KeptBytecode()
    assert environment(tmp_path, cache).get_template("page.html").render(title="a") == "<p>a</p>"
    env = environment(tmp_path, cache)
    (tmp_path / "page.html").write_text("<h1>{{ title }}</h1>", encoding="utf-8")
    assert env.get_template("page.html").render(title="a") == "<h1>a</h1>"


def test_settings_decided_per_template_keep_nothing(tmp_path, monkeypatch):
    cache = templatecode.KeptBytecode()
    seen = compiles(monkeypatch)
    for _ in range(2):
        env = environment(tmp_path, cache, autoescape=jinja2.select_autoescape(["html"]))
        assert env.get_template("page.html").render(title="<b>") == "<p>&lt;b&gt;</p>"
    assert seen == ["page.html", "page.html"] and cache.store == {}


def test_the_variable_names_the_folder_and_a_folder_that_cannot_be_made_is_not_fatal(tmp_path, monkeypatch):
    monkeypatch.delenv(templatecode.VARIABLE, raising=False)
    assert templatecode.for_build(serving=False) is None
    assert templatecode.for_build(serving=True) is templatecode.SERVE_TEMPLATES
    monkeypatch.setenv(templatecode.VARIABLE, str(tmp_path / "a" / "b"))
    assert isinstance(templatecode.for_build(serving=False), templatecode.FolderBytecode)
    assert (tmp_path / "a" / "b").is_dir()
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv(templatecode.VARIABLE, str(tmp_path / "file" / "under"))
    assert templatecode.for_build(serving=True) is templatecode.SERVE_TEMPLATES
    assert templatecode.for_build(serving=False) is None


def test_a_filter_that_takes_the_context_is_part_of_the_key(tmp_path, monkeypatch):
    """Jinja compiles whether a filter takes the context into the template's code: code compiled
    for a plain `shout` failed with a TypeError where `shout` is @pass_context (a review)."""
    cache = templatecode.FolderBytecode(str(tmp_path))
    (tmp_path / "f.html").write_text("{{ title | shout }}", encoding="utf-8")

    def plain_env(shout):
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path)))
        env.filters["shout"], env.bytecode_cache = shout, cache
        return env

    assert plain_env(lambda v: v.upper()).get_template("f.html").render(title="a") == "A"
    with_context = jinja2.pass_context(lambda ctx, v: v.upper() + "!")
    assert plain_env(with_context).get_template("f.html").render(title="a") == "A!"


def test_a_folder_the_build_cannot_write_or_read_never_fails_it(tmp_path, monkeypatch):
    """Files it cannot write are not kept; entries it cannot read as code are compiled again."""
    cache = templatecode.FolderBytecode(str(tmp_path / "code"))
    (tmp_path / "code").mkdir()
    seen = compiles(monkeypatch)

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(jinja2.bccache.FileSystemBytecodeCache, "dump_bytecode", refused)
    assert environment(tmp_path, cache).get_template("page.html").render(title="a") == "<p>a</p>"
    monkeypatch.undo()
    seen = compiles(monkeypatch)
    environment(tmp_path, cache).get_template("page.html")  # written now
    [entry] = (tmp_path / "code").iterdir()
    data = entry.read_bytes()
    header = data[:len(jinja2.bccache.bc_magic) + 20]  # Jinja's magic and the checksum's pickle, then garbage
    entry.write_bytes(header + b"\x80\x04garbage")
    assert environment(tmp_path, cache).get_template("page.html").render(title="b") == "<p>b</p>"
    assert seen == ["page.html", "page.html"]

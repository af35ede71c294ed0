"""Review of issue 12: the plugin's own configuration errors (sizes, categories, documents) name the
line of their option in mkdocs.yml, not line 0."""

from __future__ import annotations

from test_config_cli import GOOD_HEAD, bantin, config

from bantin.config import sitefile
from bantin.problems import Problems
from bantin.config.settings import SiteConfig, build_categories, check_numbers

CATEGORIES = GOOD_HEAD + """plugins:
  - search
  - bantin:
      page_size: 0
      categories:
        - title: Đất đai
        - slug: khong-ten
        - title: Đất  đai
          slug: dat-dai
"""


def test_lines_of_plugin_options(tmp_path):
    line = sitefile.config_lines(str(config(tmp_path, CATEGORIES)))
    assert line("page_size") == 7 and line("categories") == 8
    assert line("categories", 0) == 9 and line("categories", 2, "slug") == 12 and line("categories", 9) == 8
    assert sitefile.config_lines(str(tmp_path / "khong-co.yml"))("page_size") == 0


def test_category_and_size_problems_carry_their_line(tmp_path):
    line = sitefile.config_lines(str(config(tmp_path, CATEGORIES)))
    problems = Problems()
    build_categories([{"title": "Đất đai"}, {"slug": "khong-ten"}, {"title": "Đất  đai", "slug": "dat-dai"}],
                     problems, line)
    check_numbers(SiteConfig(page_size=0), problems, line)
    assert [(p.field, p.line) for p in problems.items] == [
        ("categories[2].title", 10), ("categories[3]", 12), ("plugins.bantin.page_size", 7)]
    assert all(str(p).startswith(f"mkdocs.yml:{p.line}: ") for p in problems.items)


def test_bantin_check_shows_the_line(tmp_path):
    config(tmp_path, GOOD_HEAD + "plugins:\n  - bantin:\n      feed_size: -2\n      documents:\n"
           "        - number: 31/2024/QH15\n          title: Luật Đất đai\n"
           "        - number: 31/2024/QH15\n          title: Luật Đất đai\n")
    result = bantin(tmp_path, "check")
    out = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in out
    assert "mkdocs.yml:6: [plugins.bantin.feed_size]" in out, out
    assert "mkdocs.yml:10: [documents]" in out, out


def _counting_loads(monkeypatch) -> list[str]:
    """Each config/sitefile.load of this process, by the file it was given."""
    calls: list[str] = []
    real = sitefile.load

    def load(config_file: str):
        calls.append(config_file)
        return real(config_file)

    monkeypatch.setattr(sitefile, "load", load)
    return calls


def _built_once(root, theme: dict, monkeypatch, caplog) -> tuple[list[str], list[str]]:
    """(each line of mkdocs.yml with `theme` added, each message) of one build in this process,
    which must have parsed mkdocs.yml once."""
    import yaml
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"].update(theme)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    calls = _counting_loads(monkeypatch)
    caplog.set_level("INFO", logger="mkdocs")  # the build's warnings are INFO lines saying «cảnh báo»
    try:
        build(load_config(str(root / "mkdocs.yml"), strict=False))
    except MkDocsException:  # stopped by the missing logo, after the checks
        pass
    assert calls == [str(root / "mkdocs.yml")]
    return (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines(), [r.getMessage() for r in caplog.records]


def test_a_build_parses_mkdocs_yml_once(tmp_path, monkeypatch, caplog):
    """Session 42: the settings' lines, theme.logo's and theme.palette's lines and the text the
    originals' name search reads all come from one parse of mkdocs.yml (there were three, and a
    fourth read of its text); the lines are still those of the file."""
    from sitekit import article, write_site

    root = write_site(tmp_path / "site", {"tin-tuc/a.md": article("Bài một")})
    monkeypatch.chdir(root)
    written, messages = _built_once(root, {"logo": "images/khong-co.png"}, monkeypatch, caplog)
    logo = next(m for m in messages if "[theme.logo]" in m)
    assert logo.startswith(f"mkdocs.yml:{written.index('  logo: images/khong-co.png') + 1}: ")


def test_a_build_parses_mkdocs_yml_once_palette(tmp_path, monkeypatch, caplog):
    """The same for theme.palette's line (a warning: the build goes on)."""
    from sitekit import article, write_site

    root = write_site(tmp_path / "site", {"tin-tuc/a.md": article("Bài một")})
    monkeypatch.chdir(root)
    written, messages = _built_once(root, {"palette": {"primary": "teal"}}, monkeypatch, caplog)
    teal = next(m for m in messages if "[theme.palette.primary]" in m)
    assert teal.startswith(f"mkdocs.yml:{written.index('    primary: teal') + 1}: ")


def test_check_parses_mkdocs_yml_once_after_the_cli(tmp_path, monkeypatch):
    """`bantin check`: the CLI's parse (its messages) is the one its settings and inputs read."""
    from sitekit import article, write_site

    from bantin.cli import commands

    root = write_site(tmp_path / "site", {"tin-tuc/a.md": article("Bài một")})
    monkeypatch.chdir(root)
    calls = _counting_loads(monkeypatch)
    project = commands._load("mkdocs.yml")
    from bantin.adapter import engine
    from bantin.site import build

    build.check(engine.settings(project), engine.check_inputs(project))
    assert calls == ["mkdocs.yml"]

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

"""A Material colour whose text fails WCAG AA is a warning on its line (province trial F5, session 41).

The figures come from Material's own palette stylesheet in the installed theme: the tests
read the same file, so an update of Material that changes a colour changes them together."""

from __future__ import annotations

import time
from pathlib import Path

import material
import yaml

from bantin.config import palette
from bantin.problems import Problems
from sitekit import article, build, write_site

THEME = str(Path(material.__file__).parent / "templates")
OUR_THEME = str(Path(__file__).resolve().parents[1] / "plugins" / "bantin" / "theme")


def test_the_ratios_are_computed_from_materials_own_stylesheet():
    css = palette.stylesheet([THEME])
    table = palette.colours(css)
    # the trial's figures (white on #009485 is 3.77:1; on #4051b5 6.86:1)
    assert table[("primary", "teal")].ratio == 3.77 and not table[("primary", "teal")].passes
    assert table[("primary", "indigo")].passes and table[("primary", "brown")].passes
    assert {"red", "blue", "green", "teal"} <= {n for (r, n), c in table.items() if r == "primary" and not c.passes}
    # orange, yellow… have Material's 87 % black text in the header, readable, but their links
    # and every list's headline on the white page are not (Material's own darker link tones
    # for them, `:not([data-md-color-scheme=slate])`: yellow #b8a500 is 2.49:1; session 46)
    assert not table[("primary", "orange")].passes and table[("primary", "yellow")].ratio == 2.49
    assert table[("primary", "grey")].ratio == 4.61  # Material's grey links are indigo: the header's figure
    # the table follows the stylesheet: a Material that darkened teal would pass it
    darker = css.replace("[data-md-color-primary=teal]{--md-primary-fg-color:#009485",
                         "[data-md-color-primary=teal]{--md-primary-fg-color:#00564d")
    assert darker != css and palette.colours(darker)[("primary", "teal")].passes


def test_one_warning_per_colour_with_its_figure_and_the_colours_that_pass():
    problems = Problems()
    palette.check([("primary", "teal", 7), ("accent", "teal", 8), ("primary", "indigo", 12),
                   ("primary", "custom", 13), ("primary", "mau-tinh", 14)], palette.stylesheet([THEME]), problems)
    found = {(p.line, p.field) for p in problems.warnings}
    assert found == {(7, "theme.palette.primary"), (8, "theme.palette.accent")} and not problems.errors
    teal = next(p for p in problems.warnings if p.line == 7)
    assert "3,8:1" in teal.message and "4,5:1" in teal.message
    assert "indigo 6,9" in teal.fix and "teal" not in teal.fix and "primary: custom" in teal.fix
    assert "yellow" not in teal.fix and "orange" not in teal.fix and "lime" not in teal.fix


def test_hostile_stylesheets_are_read_in_linear_time():
    def cpu(text: str) -> float:
        start = time.process_time()
        palette.colours(text)
        return time.process_time() - start

    for piece in ("[data-md-color-primary=" + "a" * 50, "{--md-primary-fg-color:hsla(" + "1," * 40, "#" + "f" * 30 + ";",
                  "/*", "/* a */ [data-md-color-scheme=slate]", '[data-md-color-accent="' + "b" * 50):
        small, large = piece * 2_000, piece * 16_000
        cpu(small)
        assert cpu(large) < 8 * 4 * max(cpu(small), 0.002), piece[:30]


def _site(tmp_path, palette_value):
    root = write_site(tmp_path, {"tin-tuc/a.md": article("A")})
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"] = {**config["theme"], "palette": palette_value}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    return root, lines


def test_the_build_warns_on_the_line_of_a_primary_colour_that_fails(tmp_path):
    root, lines = _site(tmp_path, {"primary": "teal", "accent": "custom"})
    done = build(root)
    line = next(n for n, text in enumerate(lines, 1) if text.strip() == "primary: teal")
    assert f"mkdocs.yml:{line}: [theme.palette.primary]" in done.stdout and "3,8:1" in done.stdout, done.stdout
    assert "theme.palette.accent" not in done.stdout


def test_each_scheme_of_a_palette_list_is_checked_on_its_own_line(tmp_path):
    """A light/dark toggle: the slate entry is measured on the dark page (session 42). Its
    `accent: teal`, unreadable on white (3,2), is readable there (6,7): no word; its
    `accent: deep-purple`, the one accent that passes on white, is not (3,3)."""
    root, lines = _site(tmp_path, [{"scheme": "default", "primary": "indigo", "accent": "deep-purple"},
                                   {"scheme": "slate", "primary": "green", "accent": "deep-purple"}])
    done = build(root)
    green = next(n for n, text in enumerate(lines, 1) if text.strip() == "primary: green")
    dark = [n for n, text in enumerate(lines, 1) if text.strip() == "accent: deep-purple"][1]
    assert f"mkdocs.yml:{green}: [theme.palette.primary]" in done.stdout, done.stdout  # the header, as in light
    assert f"mkdocs.yml:{dark}: [theme.palette.accent]" in done.stdout and "3,3:1" in done.stdout
    assert "giao diện tối" in done.stdout
    assert done.stdout.count("[theme.palette.") == 2  # indigo and the light deep-purple pass
    root, lines = _site(tmp_path / "teal", [{"scheme": "slate", "primary": "indigo", "accent": "teal"}])
    assert "theme.palette" not in build(root).stdout


def test_the_dark_scheme_is_measured_from_materials_slate_rules():
    css = palette.stylesheet([THEME, OUR_THEME])
    dark = palette.colours(css, "slate")
    assert dark[("accent", "deep-purple")].ratio == 3.34 and palette.colours(css)[("accent", "deep-purple")].passes
    assert dark[("accent", "teal")].passes and not palette.colours(css)[("accent", "teal")].passes
    # pink's links in slate are Material's lighter tone (#ed5487, 4,8): the pink itself (#e92063) is not
    assert dark[("primary", "pink")].ratio == 4.76
    plain = css.replace("[data-md-color-scheme=slate][data-md-color-primary=pink]{--md-typeset-a-color:#ed5487",
                        "[data-md-color-scheme=slate][data-md-color-primary=pink]{--md-typeset-a-color:#e92063")
    assert plain != css and not palette.colours(plain, "slate")[("primary", "pink")].passes
    # and the page is Material's: a lighter slate page lowers every light colour's figure
    lighter = css.replace("--md-default-bg-color:hsla(var(--md-hue), 15%, 14%, 1)",
                          "--md-default-bg-color:hsla(var(--md-hue), 15%, 40%, 1)")
    assert lighter != css and not palette.colours(lighter, "slate")[("accent", "teal")].passes


def test_our_custom_colours_are_measured_and_said_to_be_for_the_light_page():
    css = palette.stylesheet([THEME, OUR_THEME])
    assert palette.colours(css)[("primary", "custom")].passes and palette.colours(css)[("accent", "custom")].passes
    problems = Problems()
    palette.check([("primary", "custom", 3, "slate"), ("accent", "custom", 4, "slate"),
                   ("primary", "custom", 8), ("accent", "custom", 9, "default")], css, problems)
    assert [(p.line, p.field) for p in problems.warnings] == [(3, "theme.palette.primary"), (4, "theme.palette.accent")]
    assert all("chỉ làm cho nền sáng" in p.fix and "giao diện tối" in p.message for p in problems.warnings)


def test_a_readable_or_own_colour_gives_no_word(tmp_path):
    root, _ = _site(tmp_path, {"primary": "indigo", "accent": "custom"})
    assert "theme.palette" not in build(root).stdout


def test_bantin_check_warns_too_and_passes(tmp_path):
    from sitekit import run_bantin

    root, lines = _site(tmp_path, {"primary": "red", "accent": "custom"})
    done = run_bantin(root, "check")
    line = next(n for n, text in enumerate(lines, 1) if text.strip() == "primary: red")
    assert done.returncode == 0 and f"mkdocs.yml:{line}: [theme.palette.primary] cảnh báo" in done.stdout, done.stdout

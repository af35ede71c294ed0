"""Templates read data; the Python they still call is listed here with the reason (issue 13).

MiniJinja, the engine of Zensical, cannot call Python methods, so every call left in a
template is a step still to take toward a theme that runs on it. The values templates show
come from `bantin.site.pagedata` (`bt_site` once per build, `bt_data` once per page, a
`Card` per item). A new call fails here: make the value in pagedata instead, or add it
below with the reason it cannot be data.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, nodes

ROOT = Path(__file__).resolve().parent.parent / "plugins" / "bantin"  # the package: theme/ and templates/
TEMPLATES = sorted([*ROOT.glob("theme/*.html"), *ROOT.glob("theme/partials/*.html"),
                    *ROOT.glob("templates/*.html")])

CACHE = ("the adapter's rendering cache (adapter/rendering.py): it renders a partial once and places "
         "it; without it a theme includes the partial, which is plain data")
MATERIAL = "Material's own interface, kept as in Material's template this one overrides"
ALLOWED = {
    ("theme/404.html", "bantin_card"): CACHE,
    ("theme/bantin-home.html", "bantin_card"): CACHE,
    ("theme/bantin-listing.html", "bantin_card"): CACHE,
    ("theme/partials/bantin-item-footer.html", "bantin_card"): CACHE,
    ("theme/bantin-shell.html", "bantin_shell"): CACHE,
    ("theme/main.html", "bantin_chrome"): CACHE,
    ("theme/main.html", "bantin_chrome.block"): CACHE + "; `super` is Material's block",
    ("theme/partials/header.html", "lang.t"): MATERIAL + " (its translations)",
    ("theme/partials/toc.html", "lang.t"): MATERIAL + " (its translations)",
    **{("theme/partials/nav-item.html", name): MATERIAL + " (its macros and namespace(), both in MiniJinja; "
       "session 31 changed only the element of a nested section)"
       for name in ("render", "render_title", "render_status", "render_pruned", "render_content", "namespace")},
    **{("theme/partials/tabs-item.html", name): MATERIAL + " (its macros, in MiniJinja; session 52 added "
       "only the tab `bt_tab` to the one Material marks)" for name in ("render", "render_content")},
    ("theme/main.html", "plugin_bantin_khong_chay__xem_docs_platform_md"):
        "the guard: a name no engine defines, called only when the plugin did not run, so the "
        "render stops there (docs/platform.md)",
}
# Filters: MiniJinja has these built in, except `url`, which every engine for this theme
# must give (MkDocs' makes a site-root path relative to the page).
FILTERS = {"url", "length", "lower", "replace", "d", "e", "first", "tojson"}


def _name(node: nodes.Node) -> str:
    """`bantin.qr`, `entry.date.date().isoformat`: what a call calls, as written."""
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_name(node.node)}.{node.attr}"
    if isinstance(node, nodes.Call):
        return f"{_name(node.node)}()"
    if isinstance(node, nodes.Getitem):
        return f"{_name(node.node)}[]"
    return type(node).__name__


def _parsed():
    env = Environment()
    for path in TEMPLATES:
        yield path.relative_to(ROOT).as_posix(), env.parse(path.read_text(encoding="utf-8"))


def template_calls() -> dict[tuple[str, str], list[int]]:
    """(template, callee) → lines, for every call in our templates."""
    found: dict[tuple[str, str], list[int]] = {}
    for name, tree in _parsed():
        for call in tree.find_all(nodes.Call):
            found.setdefault((name, _name(call.node)), []).append(call.lineno)
    return found


def test_templates_are_found():
    names = {p.relative_to(ROOT).as_posix() for p in TEMPLATES}
    assert {"theme/main.html", "theme/partials/bantin-card.html", "templates/redirect.html"} <= names


def test_no_python_call_beyond_the_allowed_ones():
    calls = template_calls()
    new = {f"{template}:{lines[0]}: {callee}(…)" for (template, callee), lines in calls.items()
           if (template, callee) not in ALLOWED}
    assert not new, ("templates call Python (MiniJinja cannot): make the value in bantin/site/pagedata.py "
                     "and read it from bt_data/bt_site:\n" + "\n".join(sorted(new)))


def test_every_allowed_call_is_still_there():
    """An allowance nobody needs any more is removed, so the list says what is left to do."""
    stale = set(ALLOWED) - set(template_calls())
    assert not stale, f"remove from ALLOWED: {sorted(stale)}"


def test_filters_are_ones_minijinja_has_or_url():
    used = {(name, f.name) for name, tree in _parsed() for f in tree.find_all(nodes.Filter)}
    unknown = sorted(f"{name}: | {filter_}" for name, filter_ in used if filter_ not in FILTERS)
    assert not unknown, "a filter is Python too; prefer a value in pagedata:\n" + "\n".join(unknown)


def test_the_check_sees_calls():
    """The walk finds method calls on data and calls in any expression (the test can fail)."""
    tree = Environment().parse('{% set x = (a.b(1) ~ "") %}{{ entry.date.date().isoformat() }}'
                               '{% for i in f() %}{{ i | url }}{% endfor %}')
    found = sorted(_name(c.node) for c in tree.find_all(nodes.Call))
    assert found == ["a.b", "entry.date.date", "entry.date.date().isoformat", "f"]


def test_templates_read_fields_the_data_has():
    """A misspelt field would print nothing (Jinja's undefined is empty): every `bt_data.x`,
    `bt_site.x` and the card's `card.x` names a field (or a property) of its dataclass."""
    from dataclasses import fields

    from bantin.site.pagedata import Card, PageData, SiteData

    known = {"bt_data": PageData, "bt_site": SiteData, "card": Card}
    wrong = []
    for name, tree in _parsed():
        for node in tree.find_all(nodes.Getattr):
            if isinstance(node.node, nodes.Name) and node.node.name in known:
                data = known[node.node.name]
                readable = {f.name for f in fields(data)} | {n for n, v in vars(data).items() if isinstance(v, property)}
                if node.attr not in readable:
                    wrong.append(f"{name}:{node.lineno}: {node.node.name}.{node.attr} ({data.__name__})")
    assert not wrong, "\n".join(wrong)

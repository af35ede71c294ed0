"""The render caches' own bookkeeping (adapter/rendering.py), session 41.

That a page filled into a shared shell is the same bytes as Material rendering it whole is
tested on whole sites (test_reliability, test_escaping); these tests hold what those builds
cannot show: how a shell is filled.
"""

from __future__ import annotations

from types import SimpleNamespace

from jinja2 import DictLoader, Environment

from bantin.adapter.rendering import ChromeCache, ShellCache

MAIN = ("<title>{% block htmltitle %}{{ page.title }}{% endblock %}</title>"
        "{% block extrahead %}{% endblock %}"
        "<h1>{{ bt_title_mark or page.title }}</h1><link href=\"{{ page.canonical_url }}\">"
        "<main>{% block content %}{{ body }}{% endblock %}</main>")


def _page(title: str, dest: str = "tin-tuc/a/index.html") -> SimpleNamespace:
    return SimpleNamespace(title=title, meta={}, canonical_url=f"https://x.example/{dest}", toc=[],
                           file=SimpleNamespace(dest_uri=dest, src_uri=dest.replace("/index.html", ".md")))


def _render(shell: ShellCache, env: Environment, page, body: str) -> str:
    template = env.get_template("main.html")
    context = template.new_context({"page": page, "body": body, "bt_title_mark": None})
    return str(shell(context))


def test_a_shell_is_filled_once_per_page_and_a_filled_text_is_never_filled_again():
    """The shell is cut at its marks once and each page joined from the pieces: a block's
    text holding a mark's characters is printed as it is. The shell used to be filled by one
    `replace` per mark, each over the whole page and over what the previous ones put in it."""
    env = Environment(loader=DictLoader({"main.html": MAIN}), autoescape=True)
    shell = ShellCache(ChromeCache(set(), []))
    first = _render(shell, env, _page("Tin một"), "Bài một")
    assert first == ("<title>Tin một</title><h1>Tin một</h1><link href=\"https://x.example/tin-tuc/a/index.html\">"
                     "<main>Bài một</main>")
    mark = ShellCache.MARKS["title"]
    second = _render(shell, env, _page("Tin <hai>", "tin-tuc/b/index.html"), f"giữ {mark} nguyên")
    assert len(shell.shells) == 1  # the second page reused the first one's shell
    assert second == ("<title>Tin &lt;hai&gt;</title><h1>Tin &lt;hai&gt;</h1>"
                      "<link href=\"https://x.example/tin-tuc/b/index.html\">"
                      f"<main>giữ {mark} nguyên</main>")


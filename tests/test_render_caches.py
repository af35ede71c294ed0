"""The render caches' own bookkeeping (adapter/rendering.py, plugin.on_env), session 41.

That a page filled into a shared shell is the same bytes as Material rendering it whole is
tested on whole sites (test_reliability, test_escaping); these tests hold what those builds
cannot show: how a shell is filled, and how the build's environment keeps its templates.
"""

from __future__ import annotations

from types import SimpleNamespace

import yaml
from jinja2 import DictLoader, Environment

from bantin.adapter.rendering import ChromeCache, ShellCache
from sitekit import article, build, write_site

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



def test_text_in_the_shell_that_looks_like_an_unknown_mark_is_printed_as_it_is():
    """Only the shell's own marks are cut out: a site's text outside the blocks (a name in
    mkdocs.yml written with YAML's `\\0`) that reads like a mark of no block is text."""
    env = Environment(loader=DictLoader({"main.html": "<p>{{ site_name }}</p>" + MAIN}), autoescape=True)
    shell = ShellCache(ChromeCache(set(), []))
    name = "Sở \x00bt-shell-khac\x00 \x00bt-shell-\x00"
    template = env.get_template("main.html")
    page = str(shell(template.new_context({"page": _page("Tin"), "body": "Bài", "bt_title_mark": None,
                                             "site_name": name})))
    assert page.startswith(f"<p>{name}</p><title>Tin</title>")

CACHE_HOOK = '''
from mkdocs.plugins import event_priority

ENV = []


@event_priority(-200)  # after bantin's on_env (-100): the environment as pages render with it
def on_env(env, config, files):
    ENV.append(env)
    return env


def on_post_build(config):
    cache = ENV[0].cache
    names = sorted(key[1] for key in cache)
    with open("cache.txt", "w", encoding="utf-8") as out:
        out.write(type(cache).__name__ + "\\n" + "\\n".join(names))
'''


def test_the_builds_templates_stay_in_a_plain_dict(tmp_path):
    """Every `{% include %}` looks its template up in the environment's cache, about ten times
    a page. MkDocs gives Jinja's LRU cache, which moves the template to the end of a queue
    under a lock on each lookup (about 0.1 s of CPU at 2,000 articles); a build holds some fifty
    templates and a new environment each build, so a plain dict, looked up in C, keeps them all."""
    root = write_site(tmp_path / "site", {f"tin-tuc/bai-{n}.md": article(f"Bài {n}") for n in range(3)})
    (root / "cache_hook.py").write_text(CACHE_HOOK, encoding="utf-8")
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["hooks"] = ["cache_hook.py"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    build(root, env={"BANTIN_JOBS": "1"})
    kind, *names = (root / "cache.txt").read_text(encoding="utf-8").split("\n")
    assert kind == "dict"
    assert {"main.html", "bantin-item.html", "base.html", "partials/bantin-meta.html"} <= set(names)

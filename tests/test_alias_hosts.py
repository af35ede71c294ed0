"""Review of issue 12, finding 4 and the message length of `_aliases`: an alias never becomes a file
a web server or static host reads as configuration, and its messages quote values briefly."""

from __future__ import annotations

import pytest
from test_frontmatter import HEAD, read

from bantin.content.fields import alias_problem

ANYWHERE = ["/web.config", "/tin-tuc/web.config", "/tin-tuc/Web.Config", "/a/b/WEB%2Econfig", "/x/.htaccess",
            "/x/.htpasswd", "/x/.user.ini", "/web.config/"]
TOP = ["/_headers", "/_redirects", "/CNAME", "/cname", "/.nojekyll", "/.well-known/acme-challenge/x",
       "/robots.txt", "/crossdomain.xml", "/favicon.ico", "/_config.yml", "/netlify.toml", "/vercel.json",
       "/_Headers/", "/%5Fredirects"]


@pytest.mark.parametrize("alias", ANYWHERE + TOP)
def test_host_configuration_names_are_refused(alias):
    assert alias_problem(alias) is not None


@pytest.mark.parametrize("alias", ["/tin-tuc/_headers", "/cu/cname.html", "/tin-cu/robots.txt", "/web-config/",
                                   "/tin-cu/dat-dai.html", "/cu/favicon.ico"])
def test_ordinary_and_nested_names_still_pass(alias):
    """`_headers`, `CNAME`, `robots.txt`… are read at the top of the site only."""
    assert alias_problem(alias) is None


def test_the_problem_is_on_the_aliases_line_with_the_fix():
    parsed, problems = read(HEAD + "aliases:\n  - /tin-tuc/web.config\n  - /_headers\n  - /tin-cu/a.html\n---\n")
    assert parsed.meta.aliases == ("/tin-cu/a.html",)
    assert [(p.field, p.line) for p in problems.items] == [("aliases", 5)] * 2
    for problem in problems.items:
        assert "tệp cấu hình" in problem.message and "bantin redirects" in problem.fix


@pytest.mark.parametrize("alias", ["https://old.example.org/" + "a" * 5000, "/" + "b" * 5000 + "?x=1",
                                   "/" + "c" * 240 + "./", "/" + "." + "d" * 240, "/" + "e" * 300])
def test_messages_quote_long_aliases_briefly(alias):
    parsed, problems = read(HEAD + f"aliases:\n  - \"{alias}\"\n---\n")
    assert parsed.meta.aliases == ()
    assert len(problems.items) == 1
    assert len(problems.items[0].message) < 400, problems.items[0].message

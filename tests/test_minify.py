"""Our theme's CSS and JavaScript served lean (issue 15, an article's first view ≤ 100 KB).

text/minify.py removes only what it can prove is a comment or needless whitespace, and gives
back the source unchanged when it cannot read it with certainty; site/themeassets.py puts
bantin-search.css inside bantin.css unless a site overrides one of them. Hostile inputs
first: comment markers inside strings, addresses and regular expressions.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from bantin.site import themeassets
from bantin.text.minify import css, js

ASSETS = Path(__file__).resolve().parent.parent / "plugins" / "bantin" / "theme" / "assets"
OURS = {rel: (ASSETS / rel.removeprefix("assets/")).read_text(encoding="utf-8") for rel in themeassets.OURS}


# --- CSS -----------------------------------------------------------------------------------
def test_css_comments_and_spaces_go_and_what_separates_tokens_stays():
    source = """/* Bản tin: a header comment */
.a  .b ,
.c > .d {
  color : red ;   /* why red */
  margin: 0 auto;
}
@media screen and (max-width: 59.984375em) { .e { width: calc(100% - 2em); } }
"""
    assert css(source) == (".a .b,.c > .d{color :red;margin:0 auto;}"
                           "@media screen and (max-width:59.984375em){.e{width:calc(100% - 2em);}}")


@pytest.mark.parametrize("kept", [
    '.a::before { content: "/* not a comment */"; }',
    ".a::before { content: '// nor this, {;}  spaces  ' }",
    ".a { background: url(data:image/svg+xml;utf8,<svg/*x*/>//y) }",  # `/*` and `//` in an address
    '.a { background: url( "x /* y.png" ) }',
    ".\\31 0 { color: red }",  # `\31 ` is one escape, its space included: the class "10"
    ".a\\:b { color: red }",
    "/*! Licence: kept */ .a { color: red }",
])
def test_css_strings_addresses_escapes_and_licences_are_copied_as_they_are(kept):
    for part in ['"/* not a comment */"', "'// nor this, {;}  spaces  '", "url(data:image/svg+xml;utf8,<svg/*x*/>//y)",
                 '"x /* y.png"', ".\\31 0", ".a\\:b", "/*! Licence: kept */"]:
        if part in kept:
            assert part in css(kept)
    assert css(css(kept)) == css(kept)


def test_a_css_comment_is_not_whitespace():
    assert css("a/* x */:hover{}") == "a:hover{}"  # not `a :hover`, a descendant
    assert css("a/**/b{}") == "a/**/b{}"  # two names; `ab` would be one, `a b` a descendant
    assert css("a /* x */ b{}") == "a b{}"


@pytest.mark.parametrize("broken", ['.a { content: "open }', ".a { color: red } /* open", ".a { background: url(x }",
                                    '.a { content: "two\nlines" }'])
def test_css_it_cannot_read_is_served_unchanged(broken):
    assert css(broken) == broken


# --- JavaScript ----------------------------------------------------------------------------
def test_js_indentation_blank_lines_and_comments_that_start_a_line_go_line_breaks_stay():
    source = """/* Header:
   what this file does. */
(function () {
  "use strict";

  // a comment line
  var a = 1   
  var b = a  // after code: kept
  /* a block at a line's start */ var c = b;
  return c
})();
"""
    assert js(source) == """(function () {
"use strict";
var a = 1
var b = a  // after code: kept
var c = b;
return c
})();
"""


@pytest.mark.parametrize("source", [
    'var u = "http://example.org/*x*/";\n  // gone\nvar v = \'/* still */\';\n',
    "var r = /\\/\\/ not a comment/g;\n  var s = /[/*]/.test(x);\n",
    "if (a) { b(); }\nvar q = x.replace(/\\/?$/, \"/\") + '//';\n",
    "return /^vi\\b/i.test(v)\n",
])
def test_js_comment_markers_in_strings_and_regular_expressions_stay(source):
    out = js(source)
    for piece in ('"http://example.org/*x*/"', "'/* still */'", "/\\/\\/ not a comment/g", "/[/*]/", '"/"', "'//'",
                  "/^vi\\b/i"):
        if piece in source:
            assert piece in out
    assert "// gone" not in out


def test_a_line_inside_a_comment_opened_after_code_is_not_taken_for_a_new_comment():
    source = "x = 1; /* opened after code\n// still inside */ y = 2;\n  /* real */ z = 3;\n"
    out = js(source)
    assert "y = 2;" in out and "// still inside */" in out and out.endswith("z = 3;\n")


@pytest.mark.parametrize("unsure", [
    "var t = `a ${b}\n  // inside the template\n`;\n",  # template literals are not read
    "if (a) /re/.test(b)\n  var c = 1;\n",  # after `)`, a division or a regular expression
    "i++ / 2 / 3\n",
    "var s = 'continued \\\nline';\n",
    "var r = /open\n",
    "x = 1; /* never closed\n",
    "x = '<!--';\n",
])
def test_js_it_cannot_read_with_certainty_is_served_unchanged(unsure):
    assert js(unsure) == unsure


def test_licence_comments_stay():
    assert js("/*! lunr, MIT */\n  var a = 1;\n") == "/*! lunr, MIT */\nvar a = 1;\n"


# --- our files -----------------------------------------------------------------------------
def test_our_four_files_are_minified_and_still_parse():
    for rel, text in OURS.items():
        lean = (css if rel.endswith(".css") else js)(text)
        assert len(lean) < 0.85 * len(text), rel  # not given back unchanged as unsure
        assert "/* ---" not in lean, rel
    node = shutil.which("node")
    if node:  # a syntax check (the suite does not need node otherwise)
        for rel in themeassets.SCRIPTS:
            done = subprocess.run([node, "--check"], input=js(OURS[rel]), text=True, capture_output=True)
            assert done.returncode == 0, (rel, done.stderr)


def test_search_styles_travel_inside_bantin_css_only_when_both_are_ours():
    served = themeassets.served(OURS)
    assert not served.styles_apart
    assert served.texts[themeassets.STYLES] == css(OURS[themeassets.STYLES]) + "\n" + css(OURS[themeassets.SEARCH_STYLES])
    assert served.texts[themeassets.SEARCH_STYLES] == css(OURS[themeassets.SEARCH_STYLES])  # still served alone
    # A site's own bantin-search.css (custom_dir): not rewritten, and linked apart.
    without = {rel: text for rel, text in OURS.items() if rel != themeassets.SEARCH_STYLES}
    served = themeassets.served(without)
    assert served.styles_apart and themeassets.SEARCH_STYLES not in served.texts
    assert served.texts[themeassets.STYLES] == css(OURS[themeassets.STYLES])
    assert themeassets.served({"assets/javascripts/other.js": "  x"}).texts == {}


@pytest.mark.browser
def test_the_served_stylesheet_is_the_same_rules_in_chromium_and_pages_link_it_alone(chromium, sample_sites):
    """Chromium reads the served bantin.css as the very rules of bantin.css then bantin-search.css."""
    site = sample_sites[0]
    served = (site / "assets" / "stylesheets" / "bantin.css").read_text(encoding="utf-8")
    page = (site / "tin-tuc" / "pho-bien-luat-dat-dai-nam-2024-cho-can-bo-co-so" / "index.html").read_text(encoding="utf-8")
    assert "assets/stylesheets/bantin.css" in page and "bantin-search.css" not in page
    assert (site / "assets" / "javascripts" / "bantin.js").read_text(encoding="utf-8") == js(OURS["assets/javascripts/bantin.js"])
    # Each is linked with a digest of what is served (adapter/themedir.versions): a new
    # address when it changes, so hosts may let browsers keep it (docs/hosting.md).
    for rel in ("assets/stylesheets/bantin.css", "assets/javascripts/bantin.js", "assets/javascripts/bantin-search.js"):
        digest = hashlib.sha256((site / rel).read_bytes()).hexdigest()[:10]
        assert f"{rel}?v={digest}" in page, rel
    context = chromium.new_context()
    try:
        tab = context.new_page()
        tab.set_content("<p>x</p>")
        rules = "(css) => { const s = new CSSStyleSheet(); s.replaceSync(css); return [...s.cssRules].map(r => r.cssText); }"
        source = OURS[themeassets.STYLES] + "\n" + OURS[themeassets.SEARCH_STYLES]
        assert tab.evaluate(rules, served) == tab.evaluate(rules, source)
    finally:
        context.close()

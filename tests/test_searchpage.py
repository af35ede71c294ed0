"""The search page's own copy of its script and manifest (site/searchpage.py), without MkDocs:
what may go inside a script element, and the manifest written into a rendered page."""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser

import pytest

from bantin.outputs.gate import Gate
from bantin.site import searchpage

PAGE = ('<!doctype html><html><head><script type="application/json" id="bantin-search-manifest" '
        'data-bantin-assets="../assets/"></script><script data-bantin-early="../">var a=1;</script>'
        '</head><body><p>x</p></body></html>')


class Scripts(HTMLParser):
    """Each script element's attributes and text, as a browser's tokeniser splits them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found: list[tuple[dict, str]] = []
        self.inside: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.inside = dict(attrs)
            self.found.append((self.inside, ""))

    def handle_data(self, data):
        if self.inside is not None:
            attrs, text = self.found[-1]
            self.found[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self.inside = None


def scripts(html: str) -> list[tuple[dict, str]]:
    parser = Scripts()
    parser.feed(html)
    parser.close()
    return parser.found


@pytest.mark.parametrize("text", ["a='</script>'", "a='</SCRIPT '", "// <!-- old", "x = '<script>'", "'<ScRiPt'"])
def test_a_script_that_could_end_its_element_stays_a_file(text):
    assert searchpage.inline_script("var a = 1;\n" + text) is None


def test_a_plain_script_goes_inside_as_it_is():
    text = 'var a = b < c && d > e; el.innerHTML = "<b>"; // </scrip'
    assert searchpage.inline_script(text) == text


HOSTILE = {"cats": [["a", "</script><script>alert(1)</script>"], ["b", "<!--<script>"], ["c", "a & b > c\u2028d"]],
           "v": "0123456789ab", "n": 3}


def test_the_manifest_is_one_json_value_and_no_markup():
    manifest = json.dumps(HOSTILE, ensure_ascii=False)
    page = searchpage.embed_manifest(PAGE, manifest)
    found = scripts(page)
    assert [attrs.get("id") for attrs, _ in found] == ["bantin-search-manifest", None]
    assert json.loads(found[0][1]) == HOSTILE
    assert not set("<>&\u2028") & set(found[0][1])
    assert found[1][1] == "var a=1;"  # the script after it is untouched
    assert page.endswith("<body><p>x</p></body></html>")


def test_writing_again_replaces_the_manifest():
    first = searchpage.embed_manifest(PAGE, json.dumps(HOSTILE))
    second = {**HOSTILE, "v": "ffffffffffff"}
    again = searchpage.embed_manifest(first, json.dumps(second))
    assert json.loads(scripts(again)[0][1]) == second
    assert again == searchpage.embed_manifest(PAGE, json.dumps(second))


def test_nothing_is_written_without_the_element_or_past_the_limit():
    assert searchpage.embed_manifest("<html><head></head></html>", json.dumps(HOSTILE)) is None
    assert searchpage.embed_manifest(PAGE, "") is None
    big = json.dumps({"v": "x", "pad": "a" * searchpage.INLINE_LIMIT})
    assert searchpage.embed_manifest(PAGE, big) is None


def test_the_gate_reads_what_it_may_rewrite_and_never_through_a_symlink(tmp_path):
    root = tmp_path / "site"
    (root / "tim-kiem").mkdir(parents=True)
    (root / "tim-kiem" / "index.html").write_text(PAGE, encoding="utf-8")
    secret = tmp_path / "secret.html"
    secret.write_text(PAGE.replace("x", "bí mật"), encoding="utf-8")
    os.symlink(secret, root / "khac.html")
    gate = Gate(root)
    gate.claim("tim-kiem/index.html", "tim-kiem.md")
    gate.claim("khac.html", "khac.md")
    assert gate.writer("TIM-KIEM/index.html") == "tim-kiem.md" and gate.writer("nothing.html") is None
    assert gate.read("tim-kiem/index.html", "tim-kiem.md") == PAGE.encode()
    assert gate.read("khac.html", "khac.md") is None
    assert gate.read("missing.html", "missing.md") is None

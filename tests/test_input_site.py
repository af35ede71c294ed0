"""Hostile input through a real build (issue 12): it ends fast in a Vietnamese error with
file and line, never a traceback, and nothing invisible reaches the output."""

from __future__ import annotations

import re
import time
import xml.dom.minidom

from sitekit import article, build, read, run_bantin, write_site

from bantin.text.vi import CONTROL

BOMB = ('---\ntitle: A\ndate: 2024-11-21\ncategory: dat-dai\n'
        'summary: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        'author: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\ntags: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
        'image_alt: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\nsource: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\n')


def test_yaml_bomb_and_deep_nesting_end_in_errors(tmp_path):
    root = write_site(tmp_path, {
        "tin-tuc/bom.md": BOMB,
        "tin-tuc/sau.md": "---\ntitle: A\ndate: 2024-11-21\ncategory: dat-dai\ntags: " + "[" * 5000 + "]" * 5000 + "\n---\n",
        "tin-tuc/tot.md": article("Tốt"),
    })
    started = time.perf_counter()
    done = build(root, check=False)
    assert time.perf_counter() - started < 120
    assert done.returncode != 0 and "Traceback" not in done.stdout
    assert "tin-tuc/bom.md:5: [summary]" in done.stdout and "tin-tuc/sau.md:5: [tags]" in done.stdout


def test_yaml_11_values_stay_as_written_on_the_page(tmp_path):
    root = write_site(tmp_path, {"tin-tuc/a.md": "---\ntitle: no\ndate: 2024-11-21\ncategory: dat-dai\nslug: 0123\n"
                                                 "summary: 12:30\n---\nNội dung.\n"})
    build(root)
    page = (root / "site" / "tin-tuc" / "0123" / "index.html").read_text(encoding="utf-8")
    assert ">no<" in page and "12:30" in page


def test_control_characters_never_reach_the_feeds(tmp_path):
    """In the body they are a warning (the build goes on) and removed: feeds, sitemap and
    pages stay valid XML/HTML."""
    root = write_site(tmp_path, {"tin-tuc/a.md": article("Tin", body="Dòng \x0bmột\x08 và \x1f hai.\n"),
                                 "tin-tuc/b.md": article("Tin hai")})
    done = build(root)
    assert "tin-tuc/a.md:" in done.stdout and "ký tự điều khiển" in done.stdout
    for name in ("feed.xml", "sitemap.xml"):
        data = (root / "site" / name).read_text(encoding="utf-8")
        assert not CONTROL.search(data)
        xml.dom.minidom.parseString(data.encode())
    assert not CONTROL.search((root / "site" / "tin-tuc" / "tin" / "index.html").read_text(encoding="utf-8"))


def test_control_character_escape_in_front_matter_fails_the_build(tmp_path):
    root = write_site(tmp_path, {"tin-tuc/a.md": '---\ntitle: "Tin\\x08"\ndate: 2024-11-21\ncategory: dat-dai\n---\nA\n'})
    done = build(root, check=False)
    assert done.returncode != 0 and "tin-tuc/a.md:2: [title]" in done.stdout and "U+0008" in done.stdout


def test_deeply_nested_list_fails_with_a_message(tmp_path):
    root = write_site(tmp_path, {"tin-tuc/a.md": article("Tin", body="- " * 3000 + "x\n")})
    done = build(root, check=False)
    assert done.returncode != 0 and "Traceback" not in done.stdout and "RecursionError" not in done.stdout
    assert "quá 50 tầng" in done.stdout


def test_html_nested_deep_fails_with_a_message_in_check_and_build(tmp_path):
    """400 `<div markdown="1">` in one another, 8 KB (hostile review, session 53): the build
    stopped on a 2,300-line RecursionError traceback and `bantin check` said 0 errors."""
    body = '<div markdown="1">\n' * 400 + "chữ\n" + "</div>\n" * 400
    root = write_site(tmp_path, {"tin-tuc/a.md": article("Tin", body=body), "tin-tuc/b.md": article("Tin hai")})
    for done in (build(root, check=False), run_bantin(root, "check")):
        assert done.returncode != 0 and "Traceback" not in done.stdout and "RecursionError" not in done.stdout
        assert "tin-tuc/a.md:" in done.stdout and "quá 50 tầng" in done.stdout, done.stdout


def test_a_recursion_the_reader_did_not_foresee_is_a_message_naming_the_file(tmp_path):
    """The net under those limits (adapter/compat.convert): nesting the reader lets through
    (here, its HTML check turned off in the build's process) ends in one Vietnamese line
    naming the file, not Python's traceback."""
    import subprocess
    import sys

    body = '<div markdown="1">\n' * 400 + "chữ\n" + "</div>\n" * 400
    root = write_site(tmp_path, {"tin-tuc/a.md": article("Tin", body=body), "tin-tuc/b.md": article("Tin hai")})
    script = ("import bantin.content.nesting as n; n._check_html = lambda *a: False\n"
              "from mkdocs.__main__ import cli; cli(['build', '--strict'])\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=root, text=True, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT)
    assert done.returncode != 0 and "Traceback" not in done.stdout and "RecursionError" not in done.stdout
    assert "content/tin-tuc/a.md: nội dung lồng nhau quá sâu" in done.stdout, done.stdout


def test_a_tag_or_question_id_named_index_gets_its_own_page_in_both_flavours(tmp_path):
    """MkDocs writes a source named `index.md` as its folder's page: the tag «Index» (the page
    'the/index') was written over the list of tags, and the whole build stopped on one tag
    with a message naming two files no editor has (hostile review, session 53); a question
    `{#index}` over its handbook's page."""
    handbook = ("---\ntitle: Sổ tay\ndate: 2024-05-01\ncategory: hoa-giai-o-co-so\n---\n\n"
                "## Câu hỏi 1: Index là gì? {#index}\n\nTrả lời một.\n\n## Câu hỏi 2: Khác? {#khac}\n\nTrả lời hai.\n")
    root = write_site(tmp_path, {"tin-tuc/a.md": article("Tin", tags=["Index", "README"]), "hoi-dap/so-tay.md": handbook})
    build(root)
    h1 = lambda rel: re.search(r"<h1[^>]*>([^<]*)", read(root, rel))[1].strip()  # noqa: E731
    assert h1("the/index.html") == "Từ khóa" and h1("the/index/index.html") == "Từ khóa: Index"
    assert h1("the/readme/index.html") == "Từ khóa: README"
    assert h1("hoi-dap/so-tay/index.html") == "Sổ tay" and "Index là gì?" in h1("hoi-dap/so-tay/index/index.html")
    assert 'href="../../the/index/"' in read(root, "tin-tuc/tin/index.html")
    assert "url=../../hoi-dap/so-tay/index/" in read(root, "q/index/index.html")
    done = run_bantin(root, "build", "--offline")
    assert done.returncode == 0, done.stdout
    offline = root / "site-offline" / "ban-tin"
    assert "Từ khóa: Index" in (offline / "the" / "index.html").read_text(encoding="utf-8")
    assert "Từ khóa: Index" not in (offline / "the.html").read_text(encoding="utf-8")

"""A group's name and intro where a handbook's page is not the only place showing them (session 41).

A group's name is Markdown on the handbook page (`## …` rendered, then sanitised): `<b>II.</b>`
shows bold there. Its questions' pages («Câu hỏi 3/3 · II. THỦ TỤC») and the printed handbook
print it as text, escaped: its tags went there as text («&lt;b&gt;II.&lt;/b&gt;»). Now the text
is what the heading shows, the tags dropped (a <script>'s words too), entities read. A group's
intro was printed as one plain paragraph in the printed handbook; now it renders as on the
handbook page: paragraphs, lists, links (rewritten for the print's address).
"""

from __future__ import annotations

import re

import pytest
import yaml

from bantin.content.handbook.reader import parse_handbook
from bantin.problems import Problems
from sitekit import article, build, read, write_site
from bantin.site.printlinks import without_print_addresses

LONG = "V. " + "THỦ TỤC DÀI " * 300  # 3,600 characters: past the rendered titles' bound (text.plain.RENDERED_MAX)

BODY = """Sổ tay về thủ tục.

## Câu hỏi 1: Một? {#mot}

Đáp một.

# <b>II.</b> THỦ TỤC

Phần này gồm:

- nộp **hồ sơ** tại [bộ phận một cửa](../tin-tuc/mot-cua.md);
- nhận kết quả.

Đoạn thứ hai của phần.

## Câu hỏi 2: Hai? {#hai}

Đáp hai.

# **III.** Phí *&amp;* lệ phí &lt;b&gt;

## Câu hỏi 3: Ba? {#ba}

Đáp ba.
"""

HOSTILE = """Sổ tay.

## Câu hỏi 1: Một? {#mot}

Đáp một.

# <script>alert(1)</script>

## Câu hỏi 2: Hai? {#hai}

Đáp hai.

# **IV.** <span onmouseover=alert(2)>HỒ</span> SƠ

Ghi chú <em onclick=alert(3)>của</em> nhóm.

## Câu hỏi 3: Ba? {#ba}

Đáp ba.

# LONG

## Câu hỏi 4: Bốn? {#bon}

Đáp bốn.
""".replace("LONG", LONG)


@pytest.mark.parametrize("words, shown", [
    ("<b>II.</b> THỦ TỤC", "II. THỦ TỤC"),
    ("**II.** THỦ TỤC", "II. THỦ TỤC"),
    ("**III.** Phí *&amp;* lệ phí &lt;b&gt;", "III. Phí & lệ phí <b>"),
    ("<script>alert(1)</script>", ""),
    ("**IV.** <img src=x onerror=alert(2)> HỒ SƠ", "IV. HỒ SƠ"),
    ("II. <em>Thủ tục</em> <https://vi.wikipedia.org>", "II. Thủ tục https://vi.wikipedia.org"),
    ("1. <i>Mục</i>", "1. Mục"),
    ("<b>" * 2_000 + "VI. NHÓM", "VI. NHÓM"),  # past the rendered bound: tags still dropped
    ("a < b", "a < b"),
])
def test_a_group_s_name_as_text_is_what_its_heading_shows(words, shown):
    handbook = parse_handbook("hoi-dap/a.md", f"## Câu hỏi 1: Một? {{#mot}}\n\nA.\n\n# {words}\n\n"
                                 "## Câu hỏi 2: Hai? {#hai}\n\nB.\n", 7, Problems())
    assert handbook.questions[1].group_title == shown


def test_a_group_s_name_is_read_in_time_in_proportion_to_it():
    import time

    from bantin.content.handbook.groups import group_title
    started = time.process_time()
    for unit in ("<b>", "<", "<a ", "**", "[", "&lt;"):
        group_title("I. " + unit * 100_000)
    assert time.process_time() - started < 10


def test_the_handbook_reader_gives_questions_their_group_s_name_as_text():
    handbook = parse_handbook("hoi-dap/so-tay.md", BODY, 7, Problems(), "Sổ tay")
    assert [g.title for g in handbook.groups] == ["II. THỦ TỤC", "III. Phí & lệ phí <b>"]
    assert [q.group_title for q in handbook.questions] == ["", "II. THỦ TỤC", "III. Phí & lệ phí <b>"]
    assert handbook.groups[0].heading == "<b>II.</b> THỦ TỤC"  # the handbook page's: Markdown, rendered there


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("shown"), {
        "hoi-dap/so-tay.md": article("Sổ tay", body=BODY, slug="so-tay"),
        "tin-tuc/mot-cua.md": article("Bộ phận một cửa", slug="mot-cua")})
    done = build(root)
    assert "WARNING" not in done.stdout, done.stdout
    return root


def test_a_question_s_page_names_its_group_as_text(site):
    hai = read(site, "hoi-dap/so-tay/hai/index.html")
    assert re.search(r'Câu hỏi 2/3<span class="bt-qgroup"> · II\. THỦ TỤC</span></p>', hai)
    ba = read(site, "hoi-dap/so-tay/ba/index.html")
    assert re.search(r'Câu hỏi 3/3<span class="bt-qgroup"> · III\. Phí &amp; lệ phí &lt;b&gt;</span></p>', ba)
    for page in (hai, ba):
        assert "&lt;b&gt;II" not in page and "&lt;/b&gt;" not in page and "**III" not in page


def test_the_printed_handbook_names_each_group_as_text(site):
    page = read(site, "hoi-dap/so-tay/ban-in/index.html")
    assert re.search(r'<h2 class="bt-print-group" id="[^"]+">II\. THỦ TỤC</h2>', page)
    assert re.search(r'<h2 class="bt-print-group" id="[^"]+">III\. Phí &amp; lệ phí &lt;b&gt;</h2>', page)
    assert "&lt;b&gt;II" not in page and "&lt;/b&gt;" not in page and "**III" not in page


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, str]:
    """The pages of a handbook whose groups' names and intros hold script, built (not strict)."""
    root = write_site(tmp_path_factory.mktemp("hostile"), {"hoi-dap/so-tay.md": article("Sổ tay", body=HOSTILE,
                                                                                          slug="so-tay")})
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config["strict"] = False  # the sanitiser's warnings (script, onmouseover) would stop a strict build
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    done = build(root, "--no-strict", check=False)
    assert done.returncode == 0, done.stdout
    return {rel: read(root, f"hoi-dap/so-tay/{rel}/index.html") for rel in ("hai", "ba", "bon", "ban-in")}


def test_hostile_group_names_and_intros_run_nothing_and_show_no_tags(hostile):
    for rel, page in hostile.items():
        assert not re.search(r"alert\(|onmouseover|onclick|&lt;script|&lt;span", page), rel
    assert "bt-qgroup" not in hostile["hai"]  # a name that shows nothing is not printed
    assert re.search(r'<span class="bt-qgroup"> · IV\. HỒ SƠ</span>', hostile["ba"])
    assert f'<span class="bt-qgroup"> · {" ".join(LONG.split())}</span>' in hostile["bon"]


def test_the_printed_handbook_renders_each_group_s_intro_as_its_page_does(site, hostile):
    page = without_print_addresses(read(site, "hoi-dap/so-tay/ban-in/index.html"))  # the screen's
    intro = page[page.index('<div class="bt-body bt-print-group__intro">'):]
    intro = intro[:intro.index("</div>")]
    assert "<p>Phần này gồm:</p>" in intro and "<p>Đoạn thứ hai của phần.</p>" in intro
    assert re.search(r"<ul>\s*<li>nộp <strong>hồ sơ</strong> tại <a href=\"../../../tin-tuc/mot-cua/\">bộ phận một "
                     r"cửa</a>;</li>\s*<li>nhận kết quả.</li>\s*</ul>", intro), intro
    assert page.index('id="mot"') < page.index("Phần này gồm:") < page.index("Đoạn thứ hai của phần.") < page.index('id="hai"')
    assert "\ue000" not in page and "bantin-nhom" not in page  # the cuts are gone
    assert page.count("Phần này gồm:") == 1  # not printed again with the handbook's own intro
    assert '<div class="bt-body bt-print-intro"><p>Sổ tay về thủ tục.</p>' in page
    assert "<p>Ghi chú <em>của</em> nhóm.</p>" in hostile["ban-in"]  # rendered, its handler dropped by the sanitiser


# Session 41's review, L3: the print's cut marker (U+E000 bantin-nhom-N U+E000) typed or pasted
# by an editor, in the handbook's intro and a group's intro; and as an entity, which Markdown
# keeps an entity (no cut either).
TYPED_CUTS = """Lời nói đầu, đoạn một.

\ue000bantin-nhom-0\ue000

Đoạn hai: CHỮ NÀY PHẢI IN.

\ue000bantin-nhom-1\ue000

Đoạn ba: CHỮ NÀY CŨNG PHẢI IN. &#xe000;bantin-nhom-1&#xe000;

# I. Hòa giải

Giới thiệu nhóm một. \ue000\ue000bantin-nhom-1\ue000\ue000 VẪN LÀ NHÓM MỘT.

## Câu hỏi 1: Một? {#mot}

Đáp một.

# II. Đất đai

Giới thiệu nhóm hai.

## Câu hỏi 2: Hai? {#hai}

Đáp hai.
"""


def test_a_cut_an_editor_types_cuts_nothing_from_the_print_s_markdown():
    """`print_markdown` then `split_print_html` on the rendered Markdown: every word of the
    intro in the intro's part, each group's in its own (L3: the words after a typed cut were
    lost, or printed under the wrong group)."""
    import markdown

    from bantin.content.handbook.page import print_markdown, split_print_html

    handbook = parse_handbook("hoi-dap/so-tay.md", TYPED_CUTS, 7, Problems(), "Sổ tay")
    intro, groups = split_print_html(markdown.markdown(print_markdown(handbook.intro, handbook.groups)))
    assert "đoạn một" in intro and "CHỮ NÀY PHẢI IN" in intro and "CHỮ NÀY CŨNG PHẢI IN" in intro
    assert sorted(groups) == [0, 1] and "VẪN LÀ NHÓM MỘT" in groups[0] and groups[1] == "<p>Giới thiệu nhóm hai.</p>"
    assert "\ue000" not in intro + groups[0]


def test_the_printed_handbook_keeps_every_word_of_an_intro_holding_a_typed_cut(tmp_path):
    root = write_site(tmp_path, {"hoi-dap/so-tay.md": article("Sổ tay", body=TYPED_CUTS, slug="so-tay")})
    done = build(root, check=False)
    assert done.returncode == 0, done.stdout
    page = read(root, "hoi-dap/so-tay/ban-in/index.html")
    page = page[page.index('<div class="bt-body bt-print-intro">'):]  # the printout, not its description
    order = [page.index(words) for words in ("đoạn một", "CHỮ NÀY PHẢI IN", "CHỮ NÀY CŨNG PHẢI IN", ">I. Hòa giải<",
                                             "VẪN LÀ NHÓM MỘT", 'id="mot"', ">II. Đất đai<", "Giới thiệu nhóm hai.")]
    assert order == sorted(order)
    for words in ("CHỮ NÀY PHẢI IN", "VẪN LÀ NHÓM MỘT", "Giới thiệu nhóm hai."):
        assert page.count(words) == 1, words
    assert page.index("CHỮ NÀY CŨNG PHẢI IN") < page.index('<h2 class="bt-print-group"')

"""The Corpus: every file published, a draft or reported; indexes; uniqueness; body checks."""

from __future__ import annotations

import re

import yaml

from bantin.content.checks import check_body, check_links, link_site
from bantin.content.links import resolve
from bantin.site.corpus import Counts, build_corpus, newest_first
from bantin.content.model import Tag
from bantin.problems import Problems
from bantin.config.settings import Category, SiteConfig, UrlPrefixes
from bantin.site.urls import UrlScheme

SITE = SiteConfig(categories=(
    Category("hoa-giai-o-co-so", "Hòa giải ở cơ sở"),
    Category("dat-dai", "Đất đai"),
    Category("cai-cach-hanh-chinh", "Cải cách hành chính"),
), image_max_kb=100)
URLS = UrlScheme(UrlPrefixes())


def doc(title: str, date: str = "2024-05-01", category: str | None = "dat-dai", body: str = "Nội dung.\n",
        **fields) -> bytes:
    meta = {"title": title, "date": date}
    if category is not None:
        meta["category"] = category
    meta.update(fields)
    return ("---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n" + body).encode("utf-8")


def build(files, **kw):
    """The corpus, then its links and images checked as read_site does (without image bytes)."""
    corpus, problems = build_corpus(files, SITE, URLS, **kw)
    check_links(corpus.items, link_site(corpus, kw.get("assets") or {}), problems)
    corpus = corpus.recounted(len(files), problems)
    for problem in problems.items:
        assert problem.path in str(problem) and "Cách sửa:" in str(problem)
    return corpus, problems


def paths(items):
    return [i.path for i in items]


# --- ordering, drafts, pages --------------------------------------------------------------

def test_newest_first_with_stable_ties():
    files = {
        "tin-tuc/c.md": doc("Bài C", "2024-05-01"),
        "tin-tuc/a.md": doc("Bài A", "2024-05-01"),
        "tin-tuc/d.md": doc("Bài D", "2024-06-01"),
        "tin-tuc/b.md": doc("Bài B", "2024-05-01"),
        "tin-tuc/e.md": doc("Bài E", "2023-12-31 23:59"),
        # Same instant as 2024-05-01 00:00 +07:00, written in UTC: a tie, broken by path.
        "tin-tuc/f.md": doc("Bài 0", "2024-04-30T17:00:00Z"),
    }
    corpus, problems = build(files)
    assert problems.items == []
    expected = ["tin-tuc/bai-d", "tin-tuc/bai-0", "tin-tuc/bai-a", "tin-tuc/bai-b", "tin-tuc/bai-c", "tin-tuc/bai-e"]
    assert paths(corpus.items) == expected
    assert paths(corpus.listed) == expected
    # Same input in another order → same output.
    again, _ = build(dict(reversed(list(files.items()))))
    assert paths(again.items) == expected
    assert paths(newest_first(reversed(corpus.items))) == expected


def test_drafts_excluded_from_listings_and_counted():
    files = {
        "tin-tuc/a.md": doc("Bài A", "2024-05-01", tags=["nháp"]),
        "tin-tuc/b.md": doc("Bài B", "2024-06-01", draft=True, tags=["nháp"]),
        "tin-tuc/c.md": doc("Bài C", "2024-07-01", draft=True, featured=True),
    }
    corpus, problems = build(files)
    assert problems.items == []
    assert paths(corpus.items) == ["tin-tuc/bai-c", "tin-tuc/bai-b", "tin-tuc/bai-a"]
    assert paths(corpus.listed) == ["tin-tuc/bai-a"]
    assert paths(corpus.published) == ["tin-tuc/bai-a"]
    assert corpus.counts.drafts == 2
    assert corpus.counts.published == {"article": 1}
    assert paths(corpus.in_category("dat-dai")) == ["tin-tuc/bai-a"]
    assert paths(corpus.with_tag("nhap")) == ["tin-tuc/bai-a"]
    assert corpus.featured == ()
    assert corpus.years == [2024]
    assert paths(corpus.in_year(2024)) == ["tin-tuc/bai-a"]


def test_include_drafts_publishes_but_never_lists():
    files = {"tin-tuc/a.md": doc("Bài A"), "tin-tuc/b.md": doc("Bài B", "2024-06-01", draft=True)}
    corpus, _ = build(files, include_drafts=True)
    assert paths(corpus.published) == ["tin-tuc/bai-b", "tin-tuc/bai-a"]
    assert paths(corpus.listed) == ["tin-tuc/bai-a"]
    assert corpus.counts.drafts == 1


def test_pages_not_listed():
    files = {
        "tin-tuc/a.md": doc("Bài A"),
        "trang/gioi-thieu.md": doc("Giới thiệu", "2024-09-01", category=None),
    }
    corpus, problems = build(files)
    assert problems.items == []
    page = corpus.by_src("trang/gioi-thieu.md")
    assert page.path == "gioi-thieu" and page.kind == "page" and page.listed is False
    assert paths(corpus.published) == ["gioi-thieu", "tin-tuc/bai-a"]
    assert paths(corpus.listed) == ["tin-tuc/bai-a"]
    assert corpus.years == [2024] and paths(corpus.in_year(2024)) == ["tin-tuc/bai-a"]
    assert corpus.of_kind("page") == ()
    assert corpus.counts.published == {"article": 1, "page": 1}


def test_indexes():
    files = {
        "tin-tuc/a.md": doc("Bài A", "2024-05-01", category="hoa-giai-o-co-so", featured=True),
        "tin-tuc/b.md": doc("Bài B", "2023-05-01", category="Đất đai"),
        "huong-dan/g.md": doc("Hướng dẫn G", "2022-01-01"),
        "hoi-dap/s.md": doc("Sổ tay", "2024-01-01", body="Intro\n\n## Câu 1: X? {#x}\n\nY\n\n## Câu 2: Z? {#z}\n\nW\n"),
    }
    corpus, problems = build(files)
    assert problems.items == []
    assert corpus.years == [2024, 2023, 2022]
    assert paths(corpus.in_category("hoa-giai-o-co-so")) == ["tin-tuc/bai-a"]
    assert paths(corpus.in_category("dat-dai")) == ["hoi-dap/so-tay", "tin-tuc/bai-b", "huong-dan/huong-dan-g"]
    assert corpus.in_category("cai-cach-hanh-chinh") == ()
    assert paths(corpus.of_kind("qa")) == ["hoi-dap/so-tay"]
    assert paths(corpus.of_kind("guide")) == ["huong-dan/huong-dan-g"]
    assert paths(corpus.featured) == ["tin-tuc/bai-a"]
    assert corpus.by_path("tin-tuc/bai-b").src == "tin-tuc/b.md"
    assert corpus.by_path("khong-co") is None
    handbook = corpus.by_src("hoi-dap/s.md")
    assert handbook.intro == "Intro"
    assert [(h.path, q.id) for h, q in corpus.questions()] == [("hoi-dap/so-tay", "x"), ("hoi-dap/so-tay", "z")]
    assert corpus.categories == SITE.categories
    assert handbook.body_line == 6


def test_citations_index():
    files = {"tin-tuc/a.md": doc("Bài A", documents=["35/2013/QH13"], body="Theo Nghị định số 15/2014/NĐ-CP.\n"),
             "tin-tuc/b.md": doc("Bài B", "2024-06-01", body="Theo Nghị định số 15/2014/NĐ-CP.\n"),
             "tin-tuc/c.md": doc("Bài C", "2024-07-01", draft=True, body="Theo Nghị định số 15/2014/NĐ-CP.\n")}
    corpus, problems = build(files)
    assert problems.items == []
    a, b = corpus.cites["tin-tuc/bai-a"], corpus.cites["tin-tuc/bai-b"]
    assert len(a) == 2 and len(b) == 1 and b[0] in a
    assert corpus.documents == sorted(a)
    # Newest first, drafts left out.
    assert paths(corpus.citing(b[0])) == ["tin-tuc/bai-b", "tin-tuc/bai-a"]
    assert paths(corpus.citing(a[0] if a[0] != b[0] else a[1])) == ["tin-tuc/bai-a"]


# --- tags ---------------------------------------------------------------------------------

def test_tag_spellings_merge_into_most_common():
    files = {
        "tin-tuc/a.md": doc("Bài A", tags=["hòa giải", "Đất đai"]),
        "tin-tuc/b.md": doc("Bài B", "2024-05-02", tags=["hoà giải"]),
        "tin-tuc/c.md": doc("Bài C", "2024-05-03", tags=["hòa giải", "đất đai"]),
        "tin-tuc/d.md": doc("Bài D", "2024-05-04", tags=["Hòa Giải", "hòa giải"]),
    }
    corpus, problems = build(files)
    assert problems.items == []
    assert corpus.tags == [Tag("dat-dai", "Đất đai"), Tag("hoa-giai", "hòa giải")]
    assert paths(corpus.with_tag("hoa-giai")) == ["tin-tuc/bai-d", "tin-tuc/bai-c", "tin-tuc/bai-b", "tin-tuc/bai-a"]
    # Every item carries the merged Tag once, even when it named it twice.
    assert corpus.by_src("tin-tuc/d.md").tags == (Tag("hoa-giai", "hòa giải"),)
    assert corpus.by_src("tin-tuc/b.md").tags == (Tag("hoa-giai", "hòa giải"),)
    # Tie (1 "Đất đai", 1 "đất đai"): a fixed choice, the same in every build.
    assert corpus.by_src("tin-tuc/c.md").tags[1].title == "Đất đai"


def test_tag_without_slug_is_an_error_and_tags_sorted():
    # A tag with no letter or digit used to vanish silently (review finding 10): now an error.
    corpus, problems = build({"tin-tuc/a.md": doc("Bài A", tags=["Thủ tục", "!!!", "an ninh"])})
    assert [(p.field, p.line) for p in problems.errors] == [("tags", 5)] and "`!!!`" in problems.errors[0].message
    corpus, _ = build({"tin-tuc/a.md": doc("Bài A", tags=["Thủ tục", "an ninh"])})
    assert [t.slug for t in corpus.by_src("tin-tuc/a.md").tags] == ["thu-tuc", "an-ninh"]
    assert [t.slug for t in corpus.tags] == ["an-ninh", "thu-tuc"]


# --- uniqueness ---------------------------------------------------------------------------

def test_slug_collision_names_both_files():
    files = {"tin-tuc/a.md": doc("Hòa giải"), "tin-tuc/b.md": doc("Hoà giải", "2024-06-01")}
    corpus, problems = build(files)
    errors = problems.errors
    assert len(errors) == 1
    error = errors[0]
    # On the newer file, at its title (it has no slug line): the older keeps its address.
    assert error.field == "title" and error.line == 2
    assert error.path == "tin-tuc/b.md" and "tin-tuc/a.md" in error.message
    assert "/tin-tuc/hoa-giai/" in error.message and "`slug: hoa-giai-2024`" in error.fix


def test_slug_collision_is_told_to_the_newer_file_whatever_the_names():
    files = {"tin-tuc/z-cu.md": doc("Hòa giải", "2020-01-01"), "tin-tuc/a-moi.md": doc("Hoà giải", "2025-01-01", slug="hoa-giai")}
    _, problems = build(files)
    assert [(e.path, e.field, e.line) for e in problems.errors] == [("tin-tuc/a-moi.md", "slug", 5)]


def test_explicit_slug_collision():
    files = {"tin-tuc/a.md": doc("Một", slug="chung"), "tin-tuc/b.md": doc("Hai", slug="chung")}
    _, problems = build(files)
    assert len(problems.errors) == 1
    assert "tin-tuc/a.md" in str(problems.errors[0]) and "tin-tuc/b.md" in str(problems.errors[0])


def test_same_slug_in_different_sections_is_fine():
    files = {"tin-tuc/a.md": doc("Hòa giải"), "huong-dan/a.md": doc("Hòa giải")}
    corpus, problems = build(files)
    assert problems.items == []
    assert sorted(paths(corpus.items)) == ["huong-dan/hoa-giai", "tin-tuc/hoa-giai"]


def test_duplicate_question_id_across_handbooks_names_both():
    """Each place is reported, naming the other with its line, and each has its line to paste:
    nothing here tells which question came first (session 34)."""
    files = {
        "hoi-dap/mot.md": doc("Sổ tay một", body="## Câu 1: A? {#chung}\n\nX\n"),
        "hoi-dap/hai.md": doc("Sổ tay hai", body="Intro\n\n## Câu 1: B? {#rieng}\n\nY\n\n## Câu 2: C? {#chung}\n\nZ\n"),
    }
    _, problems = build(files)
    # hai.md:12 (body from line 6, heading at index 6) and mot.md:6.
    assert [(p.path, p.line) for p in sorted(problems.errors)] == [("hoi-dap/hai.md", 12), ("hoi-dap/mot.md", 6)]
    on_hai, on_mot = sorted(problems.errors)
    assert "`chung`" in on_hai.message and "câu ở hoi-dap/mot.md:6" in on_hai.message
    assert "câu ở hoi-dap/hai.md:12" in on_mot.message
    assert "Nếu câu vừa thêm là câu này: thay cả dòng 12 bằng dòng này: `## Câu 2: C? {#c}`" in on_hai.fix
    assert "nếu là câu ở hoi-dap/mot.md:6: thay cả dòng đó bằng dòng này: `## Câu 1: A? {#a}`" in on_hai.fix
    assert "nếu là câu ở hoi-dap/hai.md:12: thay cả dòng đó bằng dòng này: `## Câu 2: C? {#c}`" in on_mot.fix
    assert all("ngày `date:` của sổ tay không cho biết câu nào có trước" in p.fix for p in (on_hai, on_mot))


def test_duplicate_question_id_within_one_handbook():
    files = {"hoi-dap/mot.md": doc("Sổ tay", body="## A {#a}\n\nX\n\n## B {#a}\n\nY\n")}
    _, problems = build(files)
    assert [p.line for p in problems.errors] == [6, 10]
    assert "câu ở dòng 10 (cùng tệp)" in problems.errors[0].message
    assert "câu ở dòng 6 (cùng tệp)" in problems.errors[1].message


def test_a_question_id_on_three_questions_offers_three_different_ids():
    """Of three, two must change: the ids offered are all different (of two, one changes, so
    both may be offered the same one)."""
    files = {f"hoi-dap/{name}.md": doc(f"Sổ tay {name}", body="## Câu 1: Hòa giải là gì? {#chung}\n\nX\n")
             for name in ("mot", "hai", "ba")}
    _, problems = build(files)
    assert len(problems.errors) == 3 and all("dùng cho 3 câu hỏi" in p.message for p in problems.errors)
    offered = set(re.findall(r"\{#(hoa-giai-la-gi[-\d]*)\}", problems.errors[0].fix))
    assert offered == {"hoa-giai-la-gi", "hoa-giai-la-gi-2", "hoa-giai-la-gi-3"}


# --- every file accounted for -------------------------------------------------------------

def test_counts_add_up_for_good_draft_and_broken_files():
    files = {
        "tin-tuc/a.md": doc("Bài A"),
        "tin-tuc/b.md": doc("Bài B", "2024-05-02"),
        "tin-tuc/nhap.md": doc("Bản nháp", draft=True),
        "hoi-dap/s.md": doc("Sổ tay", body="## Câu 1 {#c1}\n\nA\n"),
        "huong-dan/g.md": doc("Hướng dẫn"),
        "trang/lien-he.md": doc("Liên hệ", category=None),
        # broken in every way the reader knows
        "tin-tuc/yaml.md": b"---\ntitle: Lu\xe1\xba\xadt: m\xe1\xbb\x9bi\ndate: 2024-01-01\ncategory: dat-dai\n---\n",
        "tin-tuc/thieu.md": doc("Thiếu chuyên mục", category=None),
        "tin-tuc/utf16.md": doc("UTF-16").decode().encode("utf-16"),
        "tin-tuc/khong-front.md": "Chỉ có nội dung".encode(),
        "tin-tuc/la.md": doc("Trường lạ", catgory="x"),
        "hoi-dap/khong-ma.md": doc("Sổ không mã", body="## Câu 1: Chưa có mã\n\nA\n"),
        "hoi-dap/rong.md": doc("Sổ rỗng", body="Không có câu hỏi.\n"),
        "tin-tuc/nhap-loi.md": doc("Nháp lỗi", draft="có"),
    }
    corpus, problems = build(files)
    counts = corpus.counts
    assert counts.published == {"article": 2, "qa": 1, "guide": 1, "page": 1}
    assert counts.drafts == 1 and len(counts.draft_files) == 1
    assert counts.reported == 8
    assert sum(counts.published.values()) + counts.drafts + counts.reported == len(files)
    reported_files = {p.path for p in problems.errors}
    assert reported_files == {"tin-tuc/yaml.md", "tin-tuc/thieu.md", "tin-tuc/utf16.md", "tin-tuc/khong-front.md",
                              "tin-tuc/la.md", "hoi-dap/khong-ma.md", "hoi-dap/rong.md", "tin-tuc/nhap-loi.md"}
    assert {i.src for i in corpus.items} | reported_files == set(files)
    assert counts.summary() == ("Bản tin: xuất bản 2 tin bài, 1 tài liệu hướng dẫn, 1 trang, 1 sổ tay hỏi - đáp; "
                                "1 bản nháp; 8 tệp có lỗi")


def test_drafts_are_named_a_few_at_a_time():
    assert Counts({}, 0, 0).drafts_line() == ""
    many = Counts({}, 12, 0, draft_files=tuple(f"tin-tuc/bai-{i:02}.md" for i in range(12)))
    line = many.drafts_line()
    assert line.startswith("Bản nháp, không xuất bản") and "tin-tuc/bai-09.md và 2 tệp khác" in line
    assert "bai-10" not in line


def test_counts_summary_empty():
    assert Counts({}, 0, 0).summary() == "Bản tin: xuất bản 0 tệp; 0 bản nháp; 0 tệp có lỗi"
    corpus, problems = build({})
    assert corpus.items == () and problems.items == [] and corpus.counts == Counts({}, 0, 0)


def test_file_with_errors_is_not_counted_as_published():
    # A file with an error anywhere (slug collision, broken link) is a "tệp có lỗi" in the
    # printed counts, not a published one: the summary must agree with the error list.
    files = {
        "tin-tuc/a.md": doc("Bài A"),
        "tin-tuc/b.md": doc("Bài B", body="[hỏng](khong-co.md)\n"),
    }
    corpus, problems = build(files)
    assert {p.path for p in problems.errors} == {"tin-tuc/b.md"}
    assert corpus.counts.published == {"article": 1}
    assert corpus.counts.reported == 1


# --- body checks --------------------------------------------------------------------------

BODY = """Đoạn một [hỏng](khong-co.md) và [tốt](b.md) và [mục lục](../hoi-dap/) và [neo](#muc-2).

![](../images/a.jpg)

![Ảnh không có](../images/khong-co.jpg)

[ngoài](https://example.org/khong-co.md) [thư](mailto:a@b.vn) ![ngoài](http://x.vn/y.png) [gọi](tel:0238) <//cdn.vn/x>

```
[trong code](khong-co-2.md) ![](khong-co-3.png)
```

    ~~~
    ![](thut-le.png)
    ~~~

[ra ngoài](../../etc/passwd) [có neo](b.md#doan-2) [tuyệt đối](/images/a.jpg "Tiêu đề")
"""


def body_problems(body: str, extra=None):
    files = {"tin-tuc/a.md": doc("Bài A", body=body), "tin-tuc/b.md": doc("Bài B"),
             "hoi-dap/index.md": doc("Mục lục", category="dat-dai", type="page")}
    corpus, problems = build(files, assets={"images/a.jpg": 2048, **(extra or {})})
    return [p for p in problems.items if p.path == "tin-tuc/a.md"]


def test_check_body():
    found = body_problems(BODY)
    # The body starts on line 6 of tin-tuc/a.md. A folder link (`../hoi-dap/`, left broken by
    # MkDocs) and a missing anchor (`#muc-2`) used to pass: they are errors now (issue 12).
    # An image from another host (`http://x.vn/y.png`) used to pass too: an error since the review (DESIGN §6).
    assert [(p.line, p.severity) for p in found] == [(6, "lỗi")] * 3 + [(8, "lỗi"), (10, "lỗi"), (12, "lỗi"),
                                                                           (22, "lỗi"), (22, "lỗi")]
    broken, folder, anchor, no_alt, missing_image, foreign, outside, neighbour_anchor = found
    assert "`http://x.vn/y.png`" in foreign.message and "content/images/" in foreign.fix
    assert "`khong-co.md`" in broken.message and "content/tin-tuc/khong-co.md" in broken.message
    assert "`../hoi-dap/`" in folder.message and "`../hoi-dap/index.md`" in folder.fix
    assert "`#muc-2`" in anchor.message and "`#doan-2`" in neighbour_anchor.message
    assert "alt" in no_alt.message and "`../images/a.jpg`" in no_alt.message
    assert "content/images/khong-co.jpg" in missing_image.message and "ảnh" in missing_image.message
    assert "`../../etc/passwd`" in outside.message and "content/" in outside.message


def test_check_body_clean_links():
    assert body_problems("[a](b.md) [b](./b.md) [c](/tin-tuc/b.md) ![Ảnh](../images/a.jpg) [d](#x) "
                         "[e](b.md)\n\n## X {#x}\n") == []


def test_check_body_oversized_image_is_a_warning():
    found = body_problems("![Ảnh lớn](../images/lon.jpg)\n", {"images/lon.jpg": 300 * 1024})
    assert len(found) == 1
    assert (found[0].line, found[0].severity) == (6, "cảnh báo")
    assert "300 KB" in found[0].message and "100 KB" in found[0].fix


def test_check_body_direct():
    from bantin.site.corpus import _parse_item  # one item, without the rest of the corpus
    problems = Problems()
    item, _ = _parse_item("tin-tuc/x.md", doc("X", body="a\n\n![](p.png)\n"), SITE, URLS, problems, lambda _: True)
    check_body(item, {"tin-tuc/p.png": 10}, 100, problems)
    assert [(p.line, p.field) for p in problems.items] == [(8, "")]


def test_resolve():
    assert resolve("tin-tuc/a.md", "b.md") == "tin-tuc/b.md"
    assert resolve("tin-tuc/a.md", "../images/x%20y.jpg") == "images/x y.jpg"
    assert resolve("tin-tuc/a.md", "/images/x.jpg?v=1#top") == "images/x.jpg"
    assert resolve("tin-tuc/a.md", "#muc") == ""
    assert resolve("tin-tuc/a.md", "../../x.md") is None


def test_three_files_at_one_address_are_told_two_different_slugs():
    files = {"tin-tuc/a.md": doc("Một", "2020-01-01", slug="trung"), "tin-tuc/b.md": doc("Hai", "2024-01-01", slug="trung"),
             "tin-tuc/c.md": doc("Ba", "2024-02-01", slug="trung")}
    _, problems = build(files)
    fixes = {e.path: e.fix for e in problems.errors}
    assert sorted(fixes) == ["tin-tuc/b.md", "tin-tuc/c.md"]
    # Each copied the slug line: each is offered its own title's (session 23).
    assert "`slug: hai`" in fixes["tin-tuc/b.md"] and "`slug: ba`" in fixes["tin-tuc/c.md"]


def test_a_copied_slug_line_is_offered_the_files_own_title_not_the_other_articles():
    """A province's review: the market article that copied the training article's slug was told
    `slug: tap-huan-…-2026`, an address naming the other article, for good."""
    files = {"tin-tuc/a.md": doc("Tập huấn pháp luật cho hòa giải viên", "2026-01-01"),
             "tin-tuc/b.md": doc("Chợ phiên vùng cao", "2026-02-01", slug="tap-huan-phap-luat-cho-hoa-giai-vien")}
    _, problems = build(files)
    assert [e.path for e in problems.errors] == ["tin-tuc/b.md"]
    assert "`slug: cho-phien-vung-cao`" in problems.errors[0].fix
    # Its own title's slug taken too (or the same title): the year, then a number, as before.
    files["tin-tuc/c.md"] = doc("Chợ phiên vùng cao", "2025-01-01")
    _, problems = build(files)
    assert "`slug: cho-phien-vung-cao-2026`" in {e.path: e.fix for e in problems.errors}["tin-tuc/b.md"]
    files = {"tin-tuc/a.md": doc("Hòa giải", "2020-01-01", slug="trung"), "tin-tuc/b.md": doc("Hòa giải", "2024-01-01", slug="trung")}
    _, problems = build(files)
    assert "`slug: hoa-giai`" in problems.errors[0].fix

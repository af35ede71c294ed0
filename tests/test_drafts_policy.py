"""A draft's problems never block publishing; `bantin new` writes drafts; the template's
placeholder text cannot be published (issue 14, item 4)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from bantin.config.settings import Category, SiteConfig, UrlPrefixes
from bantin.content import placeholders
from bantin.content.drafts.policy import NOTE, PREVIEW_FIX_NOTE, PREVIEW_NOTE, declares_draft, is_left_out
from bantin.content.fields import PLACEHOLDER_CATEGORY
from bantin.site import build
from bantin.site.urls import UrlScheme
from bantin.tools.newcontent import create
from sitekit import article, build as mkdocs_build, run_bantin, write_site

NOW = datetime(2024, 11, 21, 8, 30, tzinfo=timezone(timedelta(hours=7)))
SITE = SiteConfig(categories=(Category("hoa-giai-o-co-so", "Hòa giải ở cơ sở"), Category("dat-dai", "Đất đai")))

PUBLISHED_HANDBOOK = ("---\ntitle: Sổ tay đã đăng\ndate: 2024-01-01\ncategory: dat-dai\n---\n\n"
                      "## Câu hỏi 1: Hòa giải là gì? {#hoa-giai-la-gi}\n\nLà …\n")
# Sorted before the published files: by file order alone, the published ones would be blamed.
DRAFTS = {
    "hoi-dap/a-nhap.md": ("---\ntitle: Sổ tay nháp\ndate: 2024-02-01\ncategory: dat-dai\ndraft: true\n---\n\n"
                          "## Câu hỏi 1: Hòa giải là gì (bản mới)? {#hoa-giai-la-gi}\n\nLà …\n"),
    "tin-tuc/a-trung-dia-chi.md": article("Bài nháp trùng địa chỉ", slug="bai-da-dang", draft=True),
    "tin-tuc/ngay-sai.md": article("Bài nháp ngày sai", date="21/11/2024", draft=True),
    "tin-tuc/khong-dong.md": "---\ntitle: Chưa xong\ndraft: true\ndate: 2024-01-01\n\nBài viết dở, quên dòng `---`.\n",
    "tin-tuc/lien-ket-hong.md": article("Bài nháp liên kết hỏng", body="Xem [bài](khong-co.md).\n", draft=True),
}
PUBLISHED = {
    "hoi-dap/so-tay.md": PUBLISHED_HANDBOOK,
    "tin-tuc/bai-da-dang.md": article("Bài đã đăng", slug="bai-da-dang"),
}


@pytest.fixture(scope="module")
def drafts_site(tmp_path_factory) -> Path:
    return write_site(tmp_path_factory.mktemp("nhap") / "site", {**PUBLISHED, **DRAFTS})


# --- unit ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("---\ntitle: x\ndraft: true\n---\n", True),
    ("---\ndraft: True # chưa xong\ndate: [\n---\n", True),
    ("---\ndraft: \"yes\"\n---\n", True),
    ("\ufeff---\ndraft: true\ntitle: a\n\nthân bài", True),  # no closing `---`: up to the blank line
    ("---\ntitle: a\n\ndraft: true\n---\n", True),  # a blank line inside closed front matter
    ("---\ntitle: a\ndraft: false\n---\n", False),
    ("---\ntitle: a\n---\ndraft: true\n", False),  # in the body
    ("---\nsummary: |\n  draft: true\n---\n", False),  # indented: inside another value
    ("---\ntitle: a\n\ndraft: true\n", False),  # no closing `---`: the body begins at the blank line
    ("draft: true\n", False),
])
def test_declares_draft(text, expected):
    assert declares_draft(text.encode("utf-8")) is expected


def inputs_of(files: dict[str, str]) -> build.Inputs:
    data = {src: text.encode("utf-8") for src, text in files.items()}
    sources = [build.SourceFile(src, src[:-3] + "/index.html", page=True) for src in sorted(data)]
    return build.Inputs(docs_dir="/nonexistent-content", site_dir="/nonexistent-site", files=sources,
                        read=data.__getitem__, inventory=_inventory(sorted(data)))


def _inventory(pages):
    from bantin.content.inventory import Inventory

    return Inventory(pages=tuple(pages))


def test_drafts_problems_are_warnings_that_say_so_when_drafts_are_left_out():
    found = build.read_site(inputs_of({**PUBLISHED, **DRAFTS}), SITE, UrlScheme(UrlPrefixes()), include_drafts=False)
    assert found.problems.errors == []
    named = {p.path for p in found.problems.warnings}
    assert named == set(DRAFTS), [str(p) for p in found.problems.items]
    for problem in found.problems.warnings:
        assert problem.message.startswith("bản nháp, không chặn xuất bản: ") and "`draft: true`" in problem.fix
    assert found.corpus.counts.drafts == len(DRAFTS) and found.corpus.counts.reported == 0


def test_a_clash_between_a_draft_and_a_published_file_is_the_drafts():
    found = build.read_site(inputs_of({**PUBLISHED, **DRAFTS}), SITE, UrlScheme(UrlPrefixes()), include_drafts=False)
    by_path = {p.path: str(p) for p in found.problems.items}
    assert "hoa-giai-la-gi" in by_path["hoi-dap/a-nhap.md"] and "hoi-dap/so-tay.md" in by_path["hoi-dap/a-nhap.md"]
    assert "trùng địa chỉ" in by_path["tin-tuc/a-trung-dia-chi.md"]
    assert not set(PUBLISHED) & set(by_path)


SHOWN_DRAFT = {"tin-tuc/dang-viet.md": article("Bài đang viết", category="chua-phan-loai", draft=True)}
LINKING = {"tin-tuc/dan-sang-nhap.md": article("Bài dẫn sang nháp", slug="dan-sang-nhap",
                                               body="Xem [nháp](lien-ket-hong.md) và [nháp khác](ngay-sai.md).\n")}


def test_a_preview_leaves_out_the_drafts_with_errors_and_shows_the_rest():
    """`bantin serve` (finding F1, session 39): a draft's error is no longer the build's. The
    draft is left out (no page: it cannot take a published address or question id), its
    problems are warnings that say so; a draft without an error is shown."""
    files = {**PUBLISHED, **DRAFTS, **SHOWN_DRAFT, **LINKING}
    found = build.read_site(inputs_of(files), SITE, UrlScheme(UrlPrefixes()), include_drafts=True)
    assert found.problems.errors == [], [str(p) for p in found.problems.errors]
    left_out = {p.path for p in found.problems.items if is_left_out(p)}
    assert left_out == set(DRAFTS)  # lien-ket-hong.md's broken link is found by the second round
    assert all(p.message.startswith(PREVIEW_NOTE + ": ") and p.fix.endswith(f"({PREVIEW_FIX_NOTE})")
               for p in found.problems.items if p.path in DRAFTS)
    assert {"tin-tuc/ngay-sai.md:3", "tin-tuc/lien-ket-hong.md:7"} <= {f"{p.path}:{p.line}" for p in found.problems.items}
    shown = {item.src for item in found.corpus.published}
    assert shown == set(PUBLISHED) | set(SHOWN_DRAFT) | set(LINKING)
    # The published article and handbook keep their address and their question's id.
    assert found.corpus.by_path("tin-tuc/bai-da-dang").src == "tin-tuc/bai-da-dang.md"
    assert {q.id: h.src for h, q in found.corpus.questions()} == {"hoa-giai-la-gi": "hoi-dap/so-tay.md"}
    # A published page's links to the drafts left out are its words, as in a published build.
    linking = [p for p in found.problems.items if p.path == "tin-tuc/dan-sang-nhap.md"]
    assert len(linking) == 2 and all(not p.is_error and "bản nháp" in p.message for p in linking), linking
    # The draft shown: its category left for later, a warning, and a page.
    [category] = [p for p in found.problems.items if p.path == "tin-tuc/dang-viet.md"]
    assert category.field == "category" and category.message.startswith(NOTE + ": ")
    assert found.corpus.by_src("tin-tuc/dang-viet.md").category is None
    assert found.corpus.counts.drafts == len(DRAFTS) + 1 and found.corpus.counts.reported == 0


def test_a_drafts_clash_found_only_while_it_is_shown_is_still_said():
    """A draft whose alias is a published page's address: the address check finds it while
    the draft is shown, and no longer looks once it is left out; the reason stays listed."""
    files = {**PUBLISHED, "tin-tuc/chiem.md": article("Nháp chiếm", aliases=["/tin-tuc/bai-da-dang/"], draft=True)}
    found = build.read_site(inputs_of(files), SITE, UrlScheme(UrlPrefixes()), include_drafts=True)
    assert found.problems.errors == []
    [clash] = [p for p in found.problems.items if p.path == "tin-tuc/chiem.md"]
    assert is_left_out(clash) and "tin-tuc/bai-da-dang" in clash.message, clash
    assert {item.src for item in found.corpus.published} == set(PUBLISHED)


def test_a_drafts_category_is_a_warning_only_while_it_is_a_draft():
    """The one field a draft may get wrong and still be read: its category (content/fields.py)."""
    for category in ("chua-phan-loai", "khong-co", ""):
        draft = article("Nháp", category=category, draft=True)
        found = build.read_site(inputs_of({"tin-tuc/a.md": draft}), SITE, UrlScheme(UrlPrefixes()), include_drafts=True)
        assert found.problems.errors == [] and [p.field for p in found.problems.warnings] == ["category"], category
        assert found.corpus.by_src("tin-tuc/a.md") is not None
        published = build.read_site(inputs_of({"tin-tuc/a.md": draft.replace("draft: true\n", "")}), SITE,
                                    UrlScheme(UrlPrefixes()), include_drafts=True)
        assert [(p.field, p.line) for p in published.problems.errors] == [("category", 4)], category
        assert published.corpus.by_src("tin-tuc/a.md") is None


def test_a_published_file_is_never_demoted():
    broken = article("Đã đăng nhưng sai", date="21/11/2024")
    draft = article("Nháp cũng sai", date="21/11/2024", slug="nhap", draft=True)
    found = build.read_site(inputs_of({"tin-tuc/sai.md": broken, "tin-tuc/x.md": draft}),
                            SITE, UrlScheme(UrlPrefixes()), include_drafts=False)
    assert [p.path for p in found.problems.errors] == ["tin-tuc/sai.md"]


# --- bantin new and placeholders ------------------------------------------------------------

def _without_draft_line(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    assert "\ndraft: true\n" in text
    return text.replace("\ndraft: true\n", "\n", 1)


@pytest.mark.parametrize("kind", ["article", "qa", "guide"])
def test_new_files_are_drafts_whose_placeholders_block_publishing_once_the_draft_line_goes(tmp_path, kind):
    path = create(tmp_path, kind, "Tập huấn hòa giải viên", category="dat-dai", now=NOW)
    src = path.relative_to(tmp_path).as_posix()
    as_draft = build.read_site(inputs_of({src: path.read_text(encoding="utf-8")}), SITE, UrlScheme(UrlPrefixes()),
                               include_drafts=False)
    assert as_draft.problems.items == [] and as_draft.corpus.counts.drafts == 1
    text = _without_draft_line(path)
    found = build.read_site(inputs_of({src: text}), SITE, UrlScheme(UrlPrefixes()), include_drafts=False)
    lines = text.split("\n")
    body_start = lines.index("---", 1) + 1
    # Every line the editor must write is named; section headings of a guide are structure, kept.
    expected = {n + 1 for n, line in enumerate(lines) if n >= body_start and line.strip()
                and line not in ("## 1. Đối tượng áp dụng", "## 2. Trình tự thực hiện", "### Bước 1")}
    assert {p.line for p in found.problems.errors} == expected
    assert all(p.path == src and "chữ mẫu" in p.message for p in found.problems.errors)


def test_placeholder_check_names_the_sentence_and_ignores_real_text():
    from bantin.problems import Problems

    problems = Problems()
    body = "Nội dung thật: viết đơn ở đây.\n\nDòng hai Viết câu trả lời ở đây. thêm chữ\n"
    placeholders.report("tin-tuc/a.md", body, 7, problems)
    assert [(p.line, p.is_error) for p in problems.items] == [(9, True)]
    assert placeholders.ANSWER in problems.items[0].message


def test_new_without_category_is_a_draft_warning_not_an_error(tmp_path):
    path = create(tmp_path, "article", "Chưa phân loại", category=None, now=NOW)
    found = build.read_site(inputs_of({"tin-tuc/chua-phan-loai.md": path.read_text(encoding="utf-8")}), SITE,
                            UrlScheme(UrlPrefixes()), include_drafts=False)
    assert found.problems.errors == []
    assert [p.field for p in found.problems.warnings] == ["category"]
    assert PLACEHOLDER_CATEGORY in found.problems.warnings[0].fix


# --- end to end: check, mkdocs build --strict, bantin build -------------------------------

def test_check_passes_and_names_only_drafts(drafts_site):
    done = run_bantin(drafts_site, "check")
    assert done.returncode == 0, done.stdout
    assert "0 lỗi, " in done.stdout and "bản nháp, không chặn xuất bản" in done.stdout
    assert "5 bản nháp; 0 tệp có lỗi" in done.stdout
    [named] = [line for line in done.stdout.splitlines() if line.startswith("Bản nháp, không xuất bản")]
    assert "xóa dòng `draft: true`" in named and all(src in named for src in DRAFTS), named  # not just a count
    for src in PUBLISHED:
        assert not any(line.startswith(src) for line in done.stdout.splitlines()), done.stdout


def test_strict_build_publishes_without_the_drafts(drafts_site):
    mkdocs_build(drafts_site)
    site = drafts_site / "site"
    assert (site / "tin-tuc" / "bai-da-dang" / "index.html").is_file()
    assert "Bài đã đăng" in (site / "tin-tuc" / "bai-da-dang" / "index.html").read_text(encoding="utf-8")
    assert (site / "hoi-dap" / "so-tay-da-dang" / "hoa-giai-la-gi" / "index.html").is_file()
    for name in ("ngay-sai", "khong-dong", "lien-ket-hong", "a-trung-dia-chi"):
        assert not list(site.rglob(f"*{name}*")), name
    assert "Sổ tay nháp" not in (site / "hoi-dap" / "so-tay-da-dang" / "hoa-giai-la-gi" / "index.html").read_text(encoding="utf-8")
    assert "so-tay-da-dang/hoa-giai-la-gi" in (site / "q" / "hoa-giai-la-gi" / "index.html").read_text(encoding="utf-8")


def test_bantin_build_publishes_despite_a_broken_draft(drafts_site, tmp_path):
    done = run_bantin(drafts_site, "build", "--site-dir", str(tmp_path / "out"))
    assert done.returncode == 0, done.stdout
    assert (tmp_path / "out" / "tin-tuc" / "bai-da-dang" / "index.html").is_file()
    assert "bản nháp, không chặn xuất bản" in done.stdout

"""`bantin new` and `bantin ids`: new files are valid, never overwrite, ids unique site-wide."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import codecs

import pytest
import yaml

from bantin.content import frontmatter
from bantin.site.corpus import build_corpus
from bantin.tools.newcontent import NewContentError, create, fill_question_ids
from bantin.problems import Problems
from bantin.content.handbook.headings import heading_lines, split_heading
from bantin.content.handbook.reader import parse_questions
from bantin.config.settings import Category, SiteConfig, UrlPrefixes
from bantin.site.urls import UrlScheme

VN = timezone(timedelta(hours=7))
NOW = datetime(2024, 11, 21, 8, 30, tzinfo=VN)
SITE = SiteConfig(categories=(Category("hoa-giai-o-co-so", "Hòa giải ở cơ sở"), Category("dat-dai", "Đất đai")))


def read_back(content, path):
    src = path.relative_to(content).as_posix()
    problems = Problems()
    parsed = frontmatter.read(src, path.read_bytes(), SITE, problems, lambda _: False)
    return parsed, problems


def ids_in(text):
    return [split_heading(h)[1] for _, h in heading_lines(text)]


@pytest.mark.parametrize("kind, folder", [("article", "tin-tuc"), ("qa", "hoi-dap"), ("guide", "huong-dan")])
def test_create_writes_valid_file(tmp_path, kind, folder):
    path = create(tmp_path, kind, "Tập huấn hòa giải viên", category="hoa-giai-o-co-so", now=NOW)
    assert path == tmp_path / folder / "tap-huan-hoa-giai-vien.md"
    parsed, problems = read_back(tmp_path, path)
    assert problems.items == []
    meta = parsed.meta
    assert meta.kind == kind
    assert meta.title == "Tập huấn hòa giải viên"
    assert meta.date == NOW
    assert meta.category.slug == "hoa-giai-o-co-so"
    assert meta.slug == "tap-huan-hoa-giai-vien"
    assert meta.draft  # a draft until the editor removes `draft: true` (issue 14)
    assert parsed.body.strip()


def test_create_article_template_fields(tmp_path):
    path = create(tmp_path, "article", "Bài mới", category="dat-dai", now=NOW)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    head = yaml.safe_load(text.split("\n---\n", 1)[0][4:])
    assert head["title"] == "Bài mới" and head["date"] == "2024-11-21 08:30" and head["category"] == "dat-dai"
    parsed, _ = read_back(tmp_path, path)
    assert parsed.meta.tag_names == () and parsed.meta.author == "" and parsed.meta.summary == ""


def test_create_category_by_title_and_tricky_titles(tmp_path):
    for title in ("Luật: những điểm mới", "2024", "true", "# Không phải bình luận", "Hỏi - Đáp \"đặc biệt\""):
        path = create(tmp_path, "article", title, category="Đất đai", now=NOW)
        parsed, problems = read_back(tmp_path, path)
        assert problems.items == [], title
        assert parsed.meta.title == title
        assert parsed.meta.category.slug == "dat-dai"


def test_create_nfd_title_normalised(tmp_path):
    import unicodedata
    path = create(tmp_path, "article", unicodedata.normalize("NFD", "  Hòa giải  "), category="dat-dai", now=NOW)
    assert path.name == "hoa-giai.md"
    parsed, _ = read_back(tmp_path, path)
    assert parsed.meta.title == "Hòa giải"


def test_create_without_category_writes_placeholder_flagged_by_check(tmp_path):
    path = create(tmp_path, "article", "Chưa có chuyên mục", category=None, now=NOW)
    lines = path.read_text(encoding="utf-8").split("\n")
    assert "category: chua-phan-loai" in lines
    parsed, problems = read_back(tmp_path, path)
    assert [(p.field, p.line) for p in problems.items] == [("category", lines.index("category: chua-phan-loai") + 1)]


def test_create_never_overwrites(tmp_path):
    path = create(tmp_path, "article", "Hòa giải", category="dat-dai", now=NOW)
    path.write_text(path.read_text(encoding="utf-8") + "\nĐoạn biên tập viên đã viết.\n", encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(NewContentError) as raised:
        create(tmp_path, "article", "Hoà giải", category="hoa-giai-o-co-so", now=NOW)  # same slug
    assert str(path) in str(raised.value)
    assert path.read_bytes() == before


def test_create_empty_title(tmp_path):
    for title in ("", "   ", "!!!"):
        with pytest.raises(NewContentError):
            create(tmp_path, "article", title, category="dat-dai", now=NOW)
    assert not (tmp_path / "tin-tuc").exists() or not any((tmp_path / "tin-tuc").iterdir())


def test_qa_template_has_ids_and_parses(tmp_path):
    path = create(tmp_path, "qa", "Hỏi đáp về hòa giải", category="dat-dai", now=NOW)
    parsed, problems = read_back(tmp_path, path)
    assert problems.items == []
    ids = ids_in(parsed.body)
    assert ids == ["hoi-dap-ve-hoa-giai-cau-1", "hoi-dap-ve-hoa-giai-cau-2"]
    _, questions = parse_questions("hoi-dap/x.md", parsed.body, parsed.body_line, problems)
    assert problems.items == []
    assert [q.id for q in questions] == ids
    assert all(q.legal_basis for q in questions)


def test_two_new_handbooks_build_together(tmp_path):
    # Long titles that differ only at the end must still get different question ids, or
    # the site fails to build right after `bantin new` (DESIGN §3: ids unique site-wide).
    first = create(tmp_path, "qa", "Hỏi đáp về hòa giải ở cơ sở dành cho hòa giải viên phần 1", category="dat-dai", now=NOW)
    second = create(tmp_path, "qa", "Hỏi đáp về hòa giải ở cơ sở dành cho hòa giải viên phần 2", category="dat-dai", now=NOW)
    files = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in (first, second)}
    # New files are drafts (issue 14): the preview, which shows drafts, must build them both.
    corpus, problems = build_corpus(files, SITE, UrlScheme(UrlPrefixes()), include_drafts=True)
    assert [str(p) for p in problems.errors] == []
    assert len({q.id for _, q in corpus.questions()}) == 4


def test_new_handbook_ids_do_not_clash_with_existing_ones(tmp_path):
    existing = tmp_path / "hoi-dap" / "cu.md"
    existing.parent.mkdir(parents=True)
    existing.write_text("---\ntitle: Cũ\ndate: 2024-01-01\ncategory: dat-dai\n---\n\n"
                        "## Câu hỏi 1: A? {#hoa-giai-cau-1}\n\nX\n", encoding="utf-8")
    path = create(tmp_path, "qa", "Hòa giải", category="dat-dai", now=NOW)
    assert "hoa-giai-cau-1" not in ids_in(path.read_text(encoding="utf-8"))


# --- fill_question_ids --------------------------------------------------------------------

HEAD = "---\ntitle: {t}\ndate: 2024-01-01\ncategory: dat-dai\n---\n\n"


def write(path, title, body):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEAD.format(t=title) + body, encoding="utf-8")


def test_fill_question_ids_unique_across_handbooks(tmp_path):
    a, b = tmp_path / "hoi-dap" / "a.md", tmp_path / "hoi-dap" / "sub" / "b.md"
    write(a, "A", "## Câu hỏi 1: Hòa giải là gì?\n\nX\n\n## Câu hỏi 2: Đã có {#da-co}\n\nY\n")
    write(b, "B", "Intro\n\n## Câu 1. Hoà giải là gì?\n\nX\n\n## Câu 2: Đã có\n\nY\n\n```\n## Mã\n```\n")
    before_b_head = b.read_text(encoding="utf-8").split("---\n\n", 1)[0]
    changed = fill_question_ids(tmp_path, [])
    assert changed == [(a, ["hoa-giai-la-gi"]), (b, ["hoa-giai-la-gi-2", "da-co-2"])]
    text_a, text_b = a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")
    assert ids_in(text_a) == ["hoa-giai-la-gi", "da-co"]
    assert ids_in(text_b) == ["hoa-giai-la-gi-2", "da-co-2"]
    assert "```\n## Mã\n```" in text_b
    assert text_b.startswith(before_b_head)
    # The files now build together without a single problem.
    files = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in (a, b)}
    corpus, problems = build_corpus(files, SITE, UrlScheme(UrlPrefixes()))
    assert problems.items == []
    assert len(list(corpus.questions())) == 4
    # Running again changes nothing.
    assert fill_question_ids(tmp_path, []) == []
    assert a.read_text(encoding="utf-8") == text_a


def test_fill_question_ids_only_named_files_but_ids_from_all(tmp_path):
    a, b = tmp_path / "hoi-dap" / "a.md", tmp_path / "hoi-dap" / "b.md"
    write(a, "A", "## Một {#mot}\n\nX\n\n## Hai\n\nY\n")
    write(b, "B", "## Một\n\nX\n")
    before_a = a.read_bytes()
    assert fill_question_ids(tmp_path, [b]) == [(b, ["mot-2"])]
    assert a.read_bytes() == before_a


def test_fill_question_ids_keeps_line_endings_byte_order_mark_and_mode(tmp_path):
    """A province's review (session 23): a handbook saved on Windows (CRLF, a BOM) was rewritten
    with LF and no BOM, every line changed in git."""
    a = tmp_path / "hoi-dap" / "a.md"
    a.parent.mkdir(parents=True)
    text = HEAD.format(t="A") + "## Một {#mot}\n\nX\n\n## Hai\n\nY\n"
    a.write_bytes(codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"))
    a.chmod(0o664)  # group-writable: the umask (022 here) must not narrow it
    assert fill_question_ids(tmp_path, []) == [(a, ["hai"])]
    data = a.read_bytes()
    assert data.startswith(codecs.BOM_UTF8) and b"## Hai {#hai}\r\n" in data
    assert data.count(b"\n") == data.count(b"\r\n")
    assert a.stat().st_mode & 0o777 == 0o664
    assert sorted(p.name for p in a.parent.iterdir()) == ["a.md"]
    b = tmp_path / "hoi-dap" / "b.md"
    b.write_text(HEAD.format(t="B") + "## Ba\n\nZ\n", encoding="utf-8")
    fill_question_ids(tmp_path, [b])
    assert b"\r" not in b.read_bytes() and not b.read_bytes().startswith(codecs.BOM_UTF8)
    # One stray CRLF in an LF file does not turn every line into CRLF (a hostile review).
    c = tmp_path / "hoi-dap" / "c.md"
    c.write_bytes((HEAD.format(t="C") + "## Bốn\n\nZ\r\n\nW\n").encode("utf-8"))
    fill_question_ids(tmp_path, [c])
    assert c.read_bytes().count(b"\r\n") == 0


def test_fill_question_ids_without_handbooks(tmp_path):
    assert fill_question_ids(tmp_path, []) == []

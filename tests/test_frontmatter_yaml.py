"""Front matter YAML: hostile input ends fast, YAML 1.1 never rewrites what editors wrote,
and every YAML mistake is explained in Vietnamese (issue 12 part 3, issue 14).

Timing bounds here are generous safety regressions (the bugs took a minute and 2.2 GB, or
ended in a RecursionError); they are not performance measurements.
"""

from __future__ import annotations

import re
import string
import time
import unicodedata
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bantin.content import fields, frontmatter
from bantin.content import frontyaml
from bantin.problems import Problems
from bantin.config.settings import Category, SiteConfig
from bantin.text.vi import CONTROL, slugify

SITE = SiteConfig(categories=(Category("dat-dai", "Đất đai"),))
SRC = "tin-tuc/bai.md"
HEAD = "---\ntitle: Tập huấn hòa giải viên\ndate: 2024-11-21\ncategory: dat-dai\n"
VN = timezone(timedelta(hours=7))
VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐ"
ENGLISH = re.compile(r"\b(found|expected|while|scanning|mapping|allowed|character|could not)\b")


def read(text: str | bytes):
    problems = Problems()
    data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    result = frontmatter.read(SRC, data, SITE, problems, lambda _: False)
    for problem in problems.items:
        assert problem.fix.strip() and "Cách sửa:" in str(problem)
        assert not ENGLISH.search(problem.message), str(problem)  # PyYAML's English never leaks
        assert len(problem.message) < 400 and len(problem.fix) < 400, "a value formatted at full length"
    return result, problems


def one(problems: Problems, field: str | None = None):
    found = [p for p in problems.items if field is None or p.field == field]
    assert len(found) == 1, [str(p) for p in problems.items]
    return found[0]


# --- hostile YAML: limits on the event stream, before anything is built --------------------

BOMB = ('---\ntitle: A\ndate: 2024-11-21\ncategory: dat-dai\n'
        'summary: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        'author: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
        'tags: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
        'image_alt: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n'
        'source: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\n')


def test_alias_bomb_refused_at_once():
    """The 474-byte bomb ran a minute to a MemoryError; now anchors are refused outright."""
    started = time.process_time()
    parsed, problems = read(BOMB)
    assert time.process_time() - started < 2
    assert parsed is None
    problem = one(problems)
    assert (problem.line, problem.field) == (5, "summary")
    assert "`&`" in problem.message and "`*`" in problem.message


@pytest.mark.parametrize("text", ["summary: &x Tóm tắt\n", "summary: *x\n", "tags: [&x a]\n"])
def test_any_anchor_or_alias_refused(text):
    parsed, problems = read(HEAD + text + "---\n")
    assert parsed is None and "neo và bí danh" in one(problems).message


@pytest.mark.parametrize("nested", ["[" * 5000 + "]" * 5000, "{a: " * 5000 + "b" + "}" * 5000])
def test_deep_flow_nesting_is_an_error_not_a_recursion_error(nested):
    started = time.process_time()
    parsed, problems = read(HEAD + f"tags: {nested}\n---\n")
    assert time.process_time() - started < 2
    assert parsed is None
    problem = one(problems)
    assert (problem.line, problem.field) == (5, "tags")
    assert "quá sâu" in problem.message


def test_deep_block_nesting_is_an_error():
    text = HEAD + "".join("  " * i + f"k{i}:\n" for i in range(200)) + "---\n"
    parsed, problems = read(text)
    assert parsed is None and "quá sâu" in one(problems).message


def test_front_matter_size_limit():
    text = HEAD + "summary: " + "chữ " * 30_000 + "\n---\nBody\n"
    started = time.process_time()
    parsed, problems = read(text)
    assert time.process_time() - started < 2
    assert parsed is None
    assert "KB" in one(problems).message


def test_node_count_limit():
    text = HEAD + "tags: [" + ",".join(["a"] * 10_000) + "]\n---\n"
    parsed, problems = read(text)
    assert parsed is None and "quá nhiều mục" in one(problems).message


def test_explicit_yaml_tag_reported():
    parsed, problems = read(HEAD + "summary: !quan trọng\n---\n")
    problem = one(problems)
    assert problem.field == "summary" and "`summary: \"" in problem.fix


def test_long_values_are_cut_in_messages():
    """No value is ever formatted into a message at full length (80 characters at most)."""
    long = "x" * 5000
    texts = [f"---\ntitle: A\ndate: {long}\ncategory: dat-dai\n---\n",
             f"---\ntitle: A\ndate: 2024-11-21\ncategory: {long}\n---\n",
             HEAD + f"{long}: 1\n---\n", HEAD + f"draft: {long}\n---\n", HEAD + f"type: {long}\n---\n",
             HEAD + f"documents: [{long}]\n---\n", HEAD + f"slug: {long.upper()}\n---\n",
             HEAD + f"source: {{name: a, url: {long}}}\n---\n", HEAD + f"summary: a: {long}\n---\n"]
    for text in texts:
        _, problems = read(text)
        assert problems.items, text[:60]
        for problem in problems.items:
            assert long[:100] not in str(problem)
            assert len(problem.field) <= 40


# --- YAML 1.2-like scalars: the text the editor wrote ---------------------------------------

@pytest.mark.parametrize("field, written", [
    ("title", "no"), ("title", "yes"), ("title", "off"), ("title", "1.10"), ("title", "0123"),
    ("title", "12:30"), ("title", "1e3"), ("title", "0x1F"), ("title", ".inf"), ("title", "2024"),
    ("summary", "12:30"), ("summary", "no"), ("author", "1.10"), ("author", "False"), ("image_alt", "0o17"),
])
def test_text_fields_keep_the_written_scalar(field, written):
    parsed, problems = read(HEAD.replace("title: Tập huấn hòa giải viên\n", "") + f"{field}: {written}\n"
                            + ("title: A\n" if field != "title" else "") + "---\n")
    assert problems.items == []
    assert getattr(parsed.meta, field) == written


@pytest.mark.parametrize("written", ["0123", "2024", "1-10"])
def test_slug_keeps_the_written_scalar(written):
    """`slug: 0123` was read as octal 83: the page moved to /tin-tuc/83/."""
    parsed, problems = read(HEAD + f"slug: {written}\n---\n")
    assert problems.items == [] and parsed.meta.slug == written


def test_lists_keep_written_text():
    parsed, problems = read(HEAD + "tags: [no, 1.10, 0123, 12:30, true]\n---\n")
    assert problems.items == []
    assert parsed.meta.tag_names == ("no", "1.10", "0123", "12:30", "true")


@pytest.mark.parametrize("written", ["null", "~", "NULL", ""])
def test_null_words_mean_not_given(written):
    """Decision (docs/decisions.md): unquoted null/~/empty is "not given", as in YAML 1.2."""
    parsed, problems = read(HEAD + f"author: {written}\n---\n")
    assert problems.items == [] and parsed.meta.author == ""


def test_quoted_null_is_text():
    parsed, _ = read(HEAD + "author: \"null\"\n---\n")
    assert parsed.meta.author == "null"


@pytest.mark.parametrize("written", ["yes", "no", "on", "off", "Yes", "NO", "y"])
def test_flags_name_yaml_11_words(written):
    parsed, problems = read(HEAD + f"draft: {written}\nfeatured: true\n---\n")
    problem = one(problems)
    assert problem.field == "draft" and problem.line == 5
    assert f"`draft: {written}`" in problem.message
    assert "`draft: true`" in problem.fix and "`draft: false`" in problem.fix
    assert parsed.meta.draft is False and parsed.meta.featured is True


@pytest.mark.parametrize("written, expected", [("true", True), ("false", False), ("True", True), ("FALSE", False)])
def test_flags_true_false(written, expected):
    parsed, problems = read(HEAD + f"featured: {written}\n---\n")
    assert problems.items == [] and parsed.meta.featured is expected


@pytest.mark.parametrize("written, expected", [
    ("2024-11-21", datetime(2024, 11, 21, tzinfo=VN)),
    ("2024-11-21 08:30", datetime(2024, 11, 21, 8, 30, tzinfo=VN)),
    ("2024-11-21T08:30:00+02:00", datetime(2024, 11, 21, 8, 30, tzinfo=timezone(timedelta(hours=2)))),
    ("2024-11-21 08:30Z", datetime(2024, 11, 21, 8, 30, tzinfo=timezone.utc)),
    ("2024-11-21T01:30:00.000Z", datetime(2024, 11, 21, 1, 30, tzinfo=timezone.utc)),  # Decap CMS
])
def test_dates_from_written_text(written, expected):
    parsed, problems = read(f"---\ntitle: A\ndate: {written}\ncategory: dat-dai\n---\n")
    assert problems.items == [] and parsed.meta.date == expected


@pytest.mark.parametrize("written, iso", [("21/11/2024", "2024-11-21"), ("1/2/2024", "2024-02-01"),
                                          ("21-11-2024", "2024-11-21"), ("21/11/2024 08:30", "2024-11-21 08:30")])
def test_day_first_date_shows_the_iso_spelling(written, iso):
    parsed, problems = read(f"---\ntitle: A\ndate: {written}\ncategory: dat-dai\n---\n")
    problem = one(problems)
    assert (problem.field, problem.line) == ("date", 3)
    assert f"`date: {iso}`" in problem.fix


# --- control characters -----------------------------------------------------------------

@pytest.mark.parametrize("char", ["\x08", "\x0b", "\x1f", "\x7f", "\x85", "\ufffe", "\uffff"])
def test_control_character_in_front_matter_is_an_error_and_removed(char):
    parsed, problems = read(HEAD + f"summary: a{char}b\n---\nBody\n")
    problem = one(problems)
    assert (problem.line, problem.field) == (5, "summary") and problem.is_error
    assert f"U+{ord(char):04X}" in problem.message
    assert parsed.meta.summary == "ab"


@pytest.mark.parametrize("escape, code", [("\\x08", "U+0008"), ("\\x1f", "U+001F"), ("\\u000b", "U+000B"),
                                          ("\\uffff", "U+FFFF"), ("\\0", "U+0000")])
def test_control_character_from_yaml_escape(escape, code):
    parsed, problems = read(HEAD + f'summary: "a{escape}b"\ntags: ["x{escape}"]\n---\n')
    assert {p.field for p in problems.items} == {"summary", "tags"}
    assert all(code in p.message for p in problems.items)
    assert parsed.meta.summary == "ab" and parsed.meta.tag_names == ("x",)


def test_escape_of_a_lone_surrogate_explained():
    parsed, problems = read(HEAD + 'summary: "a\\ud800b"\n---\n')
    problem = one(problems)
    assert problem.line == 5 and "`\\`" in problem.message


def test_control_character_in_body_is_a_warning_and_removed():
    parsed, problems = read(HEAD + "---\nDòng một\nDòng \x0bhai\x08\nDòng ba \x1f\n")
    problem = one(problems)
    assert not problem.is_error and problem.line == 7  # the first line that had one
    assert "2 dòng" in problem.message
    assert not CONTROL.search(parsed.body) and "Dòng hai" in parsed.body


def test_tab_and_newline_are_not_control_characters_to_remove():
    parsed, problems = read(HEAD + "---\na\tb\n")
    assert problems.items == [] and parsed.body == "a\tb\n"


# --- YAML mistakes, explained in Vietnamese -------------------------------------------------

def test_tab_indentation_explained():
    parsed, problems = read(HEAD + "tags:\n\t- a\n---\n")
    problem = one(problems)
    assert problem.line == 6 and "Tab" in problem.message and "dấu cách" in problem.fix


def test_tab_after_key_explained():
    parsed, problems = read(HEAD + "source:\n\tname: Báo\n---\n")
    assert "Tab" in one(problems).message


def test_unquoted_colon_explained_with_the_line_quoted():
    parsed, problems = read(HEAD + "summary: Luật đất đai: những điểm mới\n---\n")
    problem = one(problems)
    assert (problem.line, problem.field) == (5, "summary")
    assert "`: `" in problem.message
    assert '`summary: "Luật đất đai: những điểm mới"`' in problem.fix


def test_line_without_colon_explained():
    parsed, problems = read("---\ntitle Tập huấn\ndate: 2024-11-21\ncategory: dat-dai\n---\n")
    problem = one(problems)
    assert problem.line == 2 and "thiếu dấu hai chấm" in problem.message


@pytest.mark.parametrize("field", ["summary", "title", "author", "image_alt"])
def test_hash_that_cut_a_value_is_reported(field):
    """` #` starts a YAML comment: `summary: Điều 5 #quan trọng` was silently cut."""
    text = HEAD.replace("title: Tập huấn hòa giải viên\n", "title: A\n" if field != "title" else "")
    parsed, problems = read(text + f"{field}: Điều 5 #quan trọng\n---\n")
    problem = one(problems, field)
    assert "`quan trọng`" in problem.message and "ghi chú" in problem.message
    assert f'`{field}: "Điều 5 #quan trọng"`' in problem.fix


def test_hash_in_a_tag_list_item_reported():
    parsed, problems = read(HEAD + "tags:\n  - hòa giải #1\n---\n")
    assert one(problems).field == "tags"


def test_comment_after_date_or_flag_is_fine():
    parsed, problems = read(HEAD + "draft: false # bật khi cần\nupdated: 2024-11-22 # sửa lỗi\n---\n")
    assert problems.items == []


def test_hash_without_space_and_quoted_hash_are_text():
    parsed, problems = read(HEAD + 'summary: "Điều 5 #quan trọng"\nauthor: Tổ#1\n---\n')
    assert problems.items == []
    assert parsed.meta.summary == "Điều 5 #quan trọng" and parsed.meta.author == "Tổ#1"


def test_curly_quotes_with_colon_explained():
    parsed, problems = read("---\ntitle: “Luật: mới”\ndate: 2024-11-21\ncategory: dat-dai\n---\n")
    problem = one(problems)
    assert problem.line == 2 and "ngoặc kép cong" in problem.message
    assert '`title: "Luật: mới"`' in problem.fix


def test_curly_quotes_in_tags_are_an_error_and_removed():
    parsed, problems = read(HEAD + "tags: [“hòa giải”, “tập huấn”]\n---\n")
    problem = one(problems)  # one for the line, with the whole line to type (session 34, F9)
    assert problem.is_error and problem.field == "tags" and "các mục `“hòa giải”`, `“tập huấn”`" in problem.message
    assert parsed.meta.tag_names == ("hòa giải", "tập huấn")


def test_curly_quoted_title_warned():
    parsed, problems = read("---\ntitle: “Sống và làm việc theo pháp luật”\ndate: 2024-11-21\ncategory: dat-dai\n---\n")
    problem = one(problems)
    assert not problem.is_error and problem.field == "title"
    assert "'“Sống và làm việc theo pháp luật”'" in problem.fix  # how to keep them on purpose


def test_tags_separated_by_semicolons():
    parsed, problems = read(HEAD + "tags: hòa giải; tập huấn; đất đai\n---\n")
    problem = one(problems)
    assert problem.field == "tags" and "`;`" in problem.message
    assert "`tags: [hòa giải, tập huấn, đất đai]`" in problem.fix
    assert parsed.meta.tag_names == ("hòa giải", "tập huấn", "đất đai")


def test_missing_closing_dashes_points_at_the_body():
    parsed, problems = read("---\ntitle: A\ndate: 2024-11-21\ncategory: dat-dai\n\nNội dung bài.\n")
    problem = one(problems)
    assert problem.line == 5 and "trước dòng 5" in problem.fix


def test_missing_closing_dashes_body_right_after():
    parsed, problems = read("---\ntitle: A\ndate: 2024-11-21\nNội dung bài.\n")
    assert "trước dòng 4" in one(problems).fix


def test_unclosed_quote_explained():
    parsed, problems = read(HEAD + 'summary: "Tóm tắt\nauthor: B\n---\n')
    problem = one(problems)
    assert problem.line == 5 and "không được đóng" in problem.message


def test_unclosed_single_quote_named_as_such():
    parsed, problems = read("---\ntitle: 'Luật Đất đai mới\ndate: 2024-11-21\ncategory: dat-dai\n---\n")
    problem = one(problems)
    assert problem.line == 2 and "dấu nháy đơn mở" in problem.message and "`title: 'Tiêu đề bài'`" in problem.fix


@pytest.mark.parametrize("value, fixed", [
    ("'Luật 'Đất đai' mới'", '`title: "Luật \'Đất đai\' mới"`'),
    ("'Luật 'Đất đai' \"mới\"'", "`title: 'Luật ''Đất đai'' \"mới\"'`"),
])
def test_single_quotes_inside_single_quotes_explained_on_their_line(value, fixed):
    """YAML ends a '…' value at the second quote and reported bad indentation (session 20)."""
    parsed, problems = read(f"---\ntitle: {value}\ndate: 2024-11-21\ncategory: dat-dai\n---\n")
    problem = one(problems)
    assert (problem.line, problem.field) == (2, "title")
    assert "dấu nháy đơn bên trong" in problem.message and "thụt lề" not in problem.message
    assert fixed in problem.fix


@pytest.mark.parametrize("where", ["last", "middle"])
def test_a_values_second_line_at_the_margin_is_named(where):
    """`summary:` continued on a line at the margin: YAML failed on the next field (or the
    closing dashes) and the message named that line and blamed a missing colon there."""
    loose = "summary: Tóm tắt dòng một\ndòng hai không thụt lề\n"
    text = HEAD + loose + "---\n" if where == "last" else "---\ntitle: A\n" + loose + "date: 2024-11-21\ncategory: dat-dai\n---\n"
    parsed, problems = read(text)
    problem = one(problems)
    assert problem.line == (6 if where == "last" else 4)
    assert "thụt vào" in problem.message
    assert "`  dòng hai không thụt lề`" in problem.fix and "`summary:`" in problem.fix


@pytest.mark.parametrize("line", ["image:/images/a.jpg", "source:https://vbpl.vn/"])
def test_a_field_glued_to_a_path_after_a_value_is_named(line):
    """`image:/images/a.jpg` under `title:` was advised to be indented or joined to the title
    (a hostile review, session 22), which would put the path into the title."""
    parsed, problems = read("---\ntitle: Bài mới\n" + line + "\ndate: 2024-11-21\ncategory: dat-dai\n---\n")
    problem = one(problems)
    key, value = line.split(":", 1)
    assert problem.line == 3 and f"thiếu dấu cách sau dấu hai chấm của `{key}:`" in problem.message
    assert problem.fix == f"thêm một dấu cách sau dấu hai chấm: `{key}: {value}`"


@pytest.mark.parametrize("line, fixed", [("category dat-dai", "`category: dat-dai`"),
                                         ("tags hòa giải", "`tags: hòa giải`"), ("date 2024-11-21", "`date: 2024-11-21`"),
                                         ("source https://vbpl.vn/", "`source: https://vbpl.vn/`")])
def test_a_field_without_its_colon_after_a_value_is_not_taken_for_its_next_line(line, fixed):
    """Indenting `category dat-dai` as the message once advised made it part of the summary."""
    text = "---\ntitle: A\nsummary: Tóm tắt\n" + line + "\n"
    text += "".join(f"{f}\n" for f in ("date: 2024-11-21", "category: dat-dai") if not f.startswith(line[:4])) + "---\n"
    parsed, problems = read(text)
    problem = one(problems)
    assert problem.line == 4 and "thiếu dấu hai chấm" in problem.message
    assert problem.fix.startswith(f"viết {fixed}")


@pytest.mark.parametrize("text, line, said, fixed", [
    # a list item without its `- `
    (HEAD + "tags:\n  - hòa giải\ntập huấn\n---\n", 7, "`- `", "`  - tập huấn`"),
    # `\'` is no escape inside '…': the fix drops the backslashes
    ("---\ntitle: 'Luật \\'Đất đai\\' mới'\ndate: 2024-11-21\ncategory: dat-dai\n---\n", 2, "dấu nháy đơn bên trong",
     '`title: "Luật \'Đất đai\' mới"`'),
    # an unclosed single quote in a list
    (HEAD + "tags:\n  - 'hòa giải\n---\n", 6, "dấu nháy đơn mở", "dấu nháy đơn"),
])
def test_more_yaml_mistakes_named_on_their_line(text, line, said, fixed):
    parsed, problems = read(text)
    problem = one(problems)
    assert problem.line == line and said in problem.message and fixed in problem.fix


def test_duplicate_key_still_reported():
    parsed, problems = read(HEAD + "title: B\n---\n")
    problem = one(problems)
    assert (problem.line, problem.field) == (5, "title") and "dòng 2" in problem.message
    assert parsed.meta.title == "Tập huấn hòa giải viên"  # the first one counts


def test_bad_indentation_explained():
    parsed, problems = read(HEAD + "source:\n  name: A\n url: b\n---\n")
    assert "thụt lề" in one(problems).message


# --- slugs ----------------------------------------------------------------------------------

@pytest.mark.parametrize("slug", ['".."', "'---'", "'???'"])
def test_slug_that_makes_nothing_blames_slug(slug):
    parsed, problems = read(HEAD + f"slug: {slug}\n---\n")
    problem = one(problems)
    assert problem.field == "slug" and problem.line == 5
    assert "`slug: tap-huan-hoa-giai-vien`" in problem.fix
    assert parsed is None


def test_long_title_slug_capped_at_a_word():
    title = "Hướng dẫn thực hiện " * 30
    parsed, problems = read(f"---\ntitle: {title}\ndate: 2024-11-21\ncategory: dat-dai\n---\n")
    assert [(p.field, p.is_error) for p in problems.items] == [("title", False)]  # a paragraph, not a title
    assert "tiêu đề dài 599 ký tự" in problems.items[0].message
    assert 40 <= len(parsed.meta.slug) <= fields.SLUG_MAX
    assert not parsed.meta.slug.endswith("-") and slugify(title).startswith(parsed.meta.slug + "-")


def test_long_written_slug_capped_with_a_warning():
    parsed, problems = read(HEAD + "slug: " + "-".join(["hoa-giai"] * 40) + "\n---\n")
    problem = one(problems)
    assert not problem.is_error and problem.field == "slug"
    assert len(parsed.meta.slug) <= fields.SLUG_MAX


# --- properties -----------------------------------------------------------------------------

PROPS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPS
@given(st.binary(max_size=2000))
def test_read_never_raises_on_bytes(data):
    read(b"---\n" + data)
    read(data)


@PROPS
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=600))
def test_read_never_raises_on_text(text):
    read("---\n" + text + "\n---\nBody\n")
    read(HEAD + text)


YAMLISH = st.lists(st.sampled_from(list("&*!|>{}[],:#-?'\"\t\n ~@%`\\“”") + ["title", "a", "1", "\x08", "\ufeff"]),
                   max_size=80).map("".join)


@PROPS
@given(YAMLISH)
def test_read_never_raises_on_yaml_punctuation(text):
    read(HEAD + "summary: " + text + "\n---\n")
    read("---\n" + text + "\n---\n")


PLAIN = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9.:_+\-]{0,15}", fullmatch=True)


@PROPS
@given(PLAIN)
def test_plain_scalars_round_trip(written):
    """Whatever YAML 1.1 would make of it (bool, int, octal, float, sexagesimal, date)."""
    assume(written not in frontyaml.NULLS and not written.endswith(":") and slugify(written))
    parsed, problems = read(f"---\ntitle: {written}\ndate: 2024-11-21\ncategory: dat-dai\n"
                            f"summary: {written}\nauthor: {written}\ntags: [{written}]\n---\n")
    assert problems.items == []
    meta = parsed.meta
    assert meta.title == meta.summary == meta.author == written
    assert meta.tag_names == (written,)


@PROPS
@given(st.text(alphabet=VIETNAMESE + string.printable.replace("\r", "").replace("\n", "").replace("\x0b", "").replace("\x0c", "")
               + "“”‘’…–—🙂", max_size=60))
def test_quoted_scalars_round_trip(written):
    assume(written.strip() and "\ufeff" not in written and not CONTROL.search(written))
    quoted = '"' + written.replace("\\", "\\\\").replace('"', '\\"') + '"'
    parsed, problems = read(HEAD + f"summary: {quoted}\nauthor: {quoted}\n---\n")
    expected = unicodedata.normalize("NFC", written).strip()
    assert [p for p in problems.items if p.is_error] == []
    assert parsed.meta.summary == parsed.meta.author == expected


@pytest.mark.parametrize("marker", ["- ", "* ", "> ", "1. ", "+ ", "- > "])
def test_deeply_nested_markdown_is_an_error(marker):
    """`- - - … x` 3,000 deep crashed Python-Markdown with a RecursionError traceback."""
    started = time.process_time()
    parsed, problems = read(HEAD + "---\nĐoạn đầu.\n\n" + marker * 3000 + "x\n")
    assert time.process_time() - started < 2
    problem = one(problems)
    assert problem.line == 8 and "quá 50 tầng" in problem.message


@pytest.mark.parametrize("indent, item", [("  ", "- a"), ("    ", "- a"), ("\t", "- a"), ("    ", "!!! note"),
                                          ("    ", "1. a")])
def test_lists_nested_by_indentation_are_an_error(indent, item):
    """Indented 500 deep, one marker a line (session 40): the line check above saw one level a
    line, and Python-Markdown stopped on RecursionError from about 1,000 columns."""
    body = "".join(indent * depth + item + "\n" for depth in range(500))
    parsed, problems = read(HEAD + "---\nĐoạn đầu.\n\n" + body)
    problem = one(problems)
    assert "thụt lề quá sâu" in problem.message and "hơn 200 dấu cách" in problem.message
    width = 4 if indent == "\t" else len(indent)
    assert problem.line == 8 + 200 // width + 1  # the first line past 200 columns


@pytest.mark.parametrize("blank", [" " * 240, "\t" * 60, " \t" * 100])
def test_a_line_of_white_space_alone_is_no_indentation(blank):
    """A paste from a PDF or a spreadsheet can leave such a line: Markdown reads it as a blank
    line (review of session 40: it was refused as indented too deep, which stopped the build)."""
    parsed, problems = read(HEAD + "---\nĐoạn một.\n" + blank + "\nĐoạn hai.\n")
    assert parsed is not None and problems.items == []


@pytest.mark.parametrize("opening, closing", [('<div markdown="1">\n', "</div>\n"), ('<div markdown="1">', "</div>"),
                                              ('<ul><li markdown="1"><section markdown>\n', "</section></li></ul>\n"),
                                              ("<section markdown>\n", "</section>\n"),
                                              ('<DIV Markdown="block" class="x">\n', "</DIV>\n")])
def test_html_elements_with_markdown_nested_deep_are_an_error(opening, closing):
    """400 `<div markdown="1">` in one another (8 KB) stopped Python-Markdown on RecursionError,
    every build with it, with a traceback, and `bantin check` said 0 errors (hostile review,
    session 53). The line of the 51st is named, as `check` and the build read it."""
    body = opening * 400 + "chữ\n" + closing * 400
    parsed, problems = read(HEAD + "---\nĐoạn đầu.\n\n" + body)
    problem = one(problems)
    assert "quá 50 tầng" in problem.message and "markdown" in problem.message
    assert problem.line == (8 + 50 if opening.endswith("\n") else 8)


def test_html_elements_with_markdown_one_after_another_are_fine():
    """Closed before the next opens, a hundred are no nesting; nor are plain elements in one
    another, or void ones, which Python-Markdown does not parse as pages of their own."""
    body = ('<div markdown="1">\nchữ\n</div>\n\n' * 100 + "<div>" * 300 + "x" + "</div>" * 300 + "\n\n"
            + '<div markdown="1">' + "<br>" * 100 + '<img markdown="1" alt="">' * 100 + "</div>\n\n"
            # elements md_in_html reads as a line, which do not recurse, even unclosed (review, session 53)
            + "<table>" + '<tr><td markdown="1">x\n' * 60 + "</table>\n\n" + "<ul>" + '<li markdown="1">x\n' * 60
            + "</ul>\n\n" + '<p markdown="1">' * 120 + "x" + "</p>" * 120 + "\n")
    parsed, problems = read(HEAD + "---\nĐoạn đầu.\n\n" + body)
    assert parsed is not None and problems.items == []


def test_ordinary_nested_lists_are_fine():
    parsed, problems = read(HEAD + "---\n- a\n  - b\n    - c\n> - d\n1. e\n- - f\n")
    assert problems.items == []


# --- session 34: an outsiders' trial by editors (F8, F9) --------------------------------------

def pasted(fix: str) -> str:
    """The line after the last `: ` of a fix, in backticks: what guide §11.0 says to copy."""
    found = re.findall(r"`([^`]+)`", fix)
    assert found, fix
    return found[-1]


@pytest.mark.parametrize("value, title", [
    ('"Luật Đất đai" và những điểm mới', '"Luật Đất đai" và những điểm mới'),
    ("'Tuổi trẻ' tìm hiểu pháp luật: vòng chung kết", "'Tuổi trẻ' tìm hiểu pháp luật: vòng chung kết"),
    ('"Luật Đất đai" và \'Tuổi trẻ\' hỏi đáp', '"Luật Đất đai" và \'Tuổi trẻ\' hỏi đáp'),  # both kinds inside
    ("'Tuổi trẻ' và \"Pháp luật\" # số 3", "'Tuổi trẻ' và \"Pháp luật\""),  # a note after it stays a note
    ('"Luật Đất đai", "Luật Nhà ở": những điểm mới', '"Luật Đất đai", "Luật Nhà ở": những điểm mới'),
])
@pytest.mark.parametrize("where", ["first", "last"])
def test_a_title_starting_with_a_quoted_name_gets_the_line_to_paste(value, title, where):
    """`title: "Luật Đất đai" và những điểm mới`, the usual headline, was told its line was
    badly indented (F8.1): the value's quote closes before the line ends."""
    fields_ = ["date: 2024-11-21", "category: dat-dai"]
    lines = [f"title: {value}", *fields_] if where == "first" else [*fields_, f"title: {value}"]
    parsed, problems = read("---\n" + "\n".join(lines) + "\n---\n")
    problem = one(problems)
    assert (problem.line, problem.field) == (2 if where == "first" else 4, "title")
    assert "thụt lề" not in problem.message and "đóng lại ở giữa dòng" in problem.message
    line = pasted(problem.fix)
    import yaml
    assert yaml.safe_load(line) == {"title": title}
    fixed, again = read("---\n" + "\n".join(lines).replace(f"title: {value}", line) + "\n---\n")
    assert again.items == [] and fixed.meta.title == title


def test_a_quoted_name_in_a_list_entry_keeps_its_indent():
    parsed, problems = read(HEAD + 'source:\n  name: "Báo" Pháp luật\n  url: https://baophapluat.vn/\n---\n')
    problem = one(problems)
    assert problem.line == 6 and pasted(problem.fix) == "  name: '\"Báo\" Pháp luật'"


SPACES = ["\u00a0", "\u2007", "\u202f", "\u3000", "\u2009", "\u200b", "\ufeff", "\u00a0\u00a0", "\u00a0 "]


@pytest.mark.parametrize("space", SPACES)
@pytest.mark.parametrize("line, at", [("title:{}Hội nghị tổng kết năm 2026", 2), ("category:{}dat-dai", 4),
                                      ("tags:{}[hòa giải, tập huấn]", 5)])
def test_an_unusual_space_after_the_colon_is_named_on_its_line(space, line, at):
    """`category:` + U+00A0 (a Word or Zalo paste) was reported on the next line, with a fix
    for another mistake (F8.2); the line with the space is named and given clean."""
    lines = ["title: A", "date: 2024-11-21", "category: dat-dai", "tags: [b]"]
    lines[at - 2] = line.format(space)
    parsed, problems = read("---\n" + "\n".join(lines) + "\n---\n")
    problem = one(problems)
    key = line.split(":")[0]
    assert (problem.line, problem.field) == (at, key) and problem.is_error
    assert f"`{key}:`" in problem.message and f"U+{ord(space[0]):04X}" in problem.message
    assert pasted(problem.fix) == line.format(" ")


def test_an_unusual_space_in_an_indented_field_keeps_the_indent():
    parsed, problems = read(HEAD + "source:\n  name:\u00a0Báo Pháp luật\n  url: https://baophapluat.vn/\n---\n")
    problem = one(problems)
    assert (problem.line, problem.field) == (6, "source") and pasted(problem.fix) == "  name: Báo Pháp luật"


def test_an_unusual_space_inside_a_value_is_text():
    parsed, problems = read("---\ntitle: Hội\u00a0nghị: năm 2026\ndate: 2024-11-21\ncategory: dat-dai\n---\n")
    assert "U+00A0" not in " ".join(str(p) for p in problems.items)


@pytest.mark.parametrize("rule", ["---", "...", "--- "])
def test_a_missing_closing_line_before_a_rule_in_the_body_is_named(rule):
    """No closing `---`, and a `---` rule later in the body (before the photo credit): the rule
    closed the front matter, and the first paragraph was to be indented or joined to
    `category:` (F8.3). Named as the missing line, as when the body has no `---`."""
    body = ("\nSáng 5/12, Sở Tư pháp tổ chức hội nghị.\n\nHội nghị có 150 đại biểu.\n\n"
            f"{rule}\n\n*Ảnh: Minh Hạnh*\n")
    parsed, problems = read("---\ntitle: A\ndate: 2024-11-21\ncategory: dat-dai\n" + body)
    problem = one(problems)
    assert problem.line == 6 and "`---` đóng" in problem.message
    assert "trước dòng 6" in problem.fix and "thụt" not in problem.fix and "nối" not in problem.fix
    assert f"`{rule.strip()}` ở dòng 10" in problem.message  # the rule taken for the closing line


@pytest.mark.parametrize("text, said", [
    # a field without its colon after a blank line: still the colon
    ("---\ntitle: A\ndate: 2024-11-21\n\ncategory dat-dai\n---\n", "thiếu dấu hai chấm"),
    # a value's next line, no blank line: still the indent
    ("---\ntitle: A\nsummary: Tóm tắt dòng một\ndòng hai không thụt lề\ndate: 2024-11-21\ncategory: dat-dai\n---\n",
     "thụt vào"),
])
def test_only_body_text_after_a_blank_line_is_a_missing_closing_line(text, said):
    parsed, problems = read(text)
    assert said in one(problems).message


def test_a_quoted_value_over_a_blank_line_is_no_body():
    parsed, problems = read('---\ntitle: A\ndate: 2024-11-21\ncategory: dat-dai\nsummary: "Dòng một\n\n'
                            'Dòng hai của tóm tắt"\n---\n\nNội dung.\n')
    assert problems.items == [] and parsed.meta.summary == "Dòng một\nDòng hai của tóm tắt"


@pytest.mark.parametrize("tags, kept", [
    ("[tập huấn, “hòa giải”, bạo lực gia đình]", "[tập huấn, hòa giải, bạo lực gia đình]"),
    ("[“hòa giải”, “tập huấn”]", "[hòa giải, tập huấn]"),
    ("[‘hòa giải’, «đất đai», “*mới*”, 2024]", '[hòa giải, đất đai, "*mới*", 2024]'),  # `*` opens an alias
])
def test_curly_quoted_tags_get_the_whole_line(tags, kept):
    """The fix was `tags: ["hòa giải"]`: pasted over the line, it dropped the other tags (F9)."""
    parsed, problems = read(HEAD + f"tags: {tags}\n---\n")
    problem = one(problems)
    assert (problem.line, problem.field) == (5, "tags") and problem.is_error
    assert pasted(problem.fix) == f"tags: {kept}"
    fixed, again = read(HEAD + f"tags: {kept}\n---\n")
    assert again.items == [] and fixed.meta.tag_names == parsed.meta.tag_names


def test_curly_quoted_tags_one_a_line_get_one_line_for_all():
    parsed, problems = read(HEAD + "tags:\n  - tập huấn\n  - “hòa giải”\n---\n")
    problem = one(problems)
    assert problem.line == 5 and pasted(problem.fix) == "tags: [tập huấn, hòa giải]"
    assert "các dòng `- …`" in problem.fix


@pytest.mark.parametrize("line, where", [
    ("summary: Hội nghị tổng kết\u200b công tác hòa giải", "ngay sau «nghị tổng kết»"),
    ("summary: \u2060Tóm tắt", "ở đầu giá trị"), ("\u200bsummary: Tóm tắt", "ở đầu dòng")])
def test_an_invisible_character_is_placed_and_the_clean_line_given(line, where):
    """An editors' trial (session 34): a title pasted with a zero-width space was told "đã bị xóa …
    gõ lại đoạn đó": the editor could not see where, and "already removed" read as done, while
    the error stops publication. The message places it; the fix is the clean line to paste."""
    parsed, problems = read(HEAD + line + "\n---\nBody\n")
    problem = next(p for p in problems.items if "vô hình" in p.message)
    assert problem.is_error and problem.line == 5 and where in problem.message, problem
    assert "chưa xuất bản được" in problem.message
    assert f"`{line.replace(chr(0x200b), '').replace(chr(0x2060), '')}`" in problem.fix

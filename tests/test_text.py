"""Plain text for search and feeds: the skipped patterns are those that could not match."""

from __future__ import annotations

import html
import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from bantin.text.plain import _MD_DROP, excerpt, html_to_text, markdown_to_text

# Every pattern on every text, as before the shortcuts: the reference. The patterns are the
# module's own (made linear in issue 12: the old ones rescanned a line from every '<' or '[').
_ALL = [(pattern, replacement) for _, pattern, replacement in _MD_DROP]


def reference(markdown: str) -> str:
    markdown = re.sub(r"<!--.*?-->", " ", markdown, flags=re.DOTALL)
    markdown = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", markdown, flags=re.DOTALL | re.IGNORECASE)
    for pattern, replacement in _ALL:
        markdown = pattern.sub(replacement, markdown)
    return re.sub(r"\s+", " ", html.unescape(markdown)).strip()


def test_markdown_marks_go_and_the_words_stay():
    source = ("# Tiêu đề\n\nTheo **Luật** số 35/2013/QH13 ([toàn văn](https://x.vn/a)) và ![ảnh hội nghị](a.jpg)"
              "{: .lead }\n\n```\nmã\n```\n\n- mục *một*\n> trích &amp; dẫn\n\n| a | b |")
    assert markdown_to_text(source) == ("Tiêu đề Theo Luật số 35/2013/QH13 (toàn văn) và ảnh hội nghị "
                                        "mục một trích & dẫn a b")


def test_what_pasted_html_hides_stays_out_of_summaries_feeds_and_search():
    """Word's conditional comment, a script and a style the page never shows, and a table's
    delimiter row, once read "Normal alert(1) body{display:none} --- ---" in og:description."""
    source = ("Mục một <!--[if gte mso 9]><xml><w:Style>Normal</w:Style></xml><![endif]-->nội dung "
              "<script>alert(1)</script>bấm <STYLE>body{display:none}</STYLE>\n\n"
              "| STT | Nội dung |\n| --- | :-: |\n| 1 | a - b |\n\n---\n\n- mục")
    assert markdown_to_text(source) == "Mục một nội dung bấm STT Nội dung 1 a - b mục"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab đ\n\t #>-*+1.)![](){}:<>`~_|&;/", max_size=120))
def test_the_same_text_as_every_pattern_run_on_everything(source):
    assert markdown_to_text(source) == reference(source)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_html_whitespace_collapses_as_a_regex_would(markup):
    # The regex model holds for tags only: "<" before anything but a letter, "/", "!" or "?"
    # is text in HTML ("<<>" reads "<<>"), where the regex would drop it (hypothesis found it).
    assume(not re.search(r"<(?![A-Za-z/!?])", markup))
    text = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", markup, flags=re.DOTALL | re.IGNORECASE)
    assert html_to_text(markup) == re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text))).strip()


def test_an_excerpt_ends_at_a_word():
    assert excerpt("một hai ba bốn", limit=9) == "một hai…"


def test_an_escaped_character_is_text_as_on_the_page():
    """A backslash escape shows the character, not the backslash nor nothing: an imported
    answer's «\\## Câu hỏi 9» was «\\## Câu hỏi 9» in the question page's description, and
    «\\*sao\\*» lost its stars (session 32)."""
    source = ("\\## Câu hỏi 9: giả \\{#gia} và \\_nghiêng\\_ và \\*sao\\* và \\[Phụ lục 1\\](mau-don.doc)\n\n"
              "\\!!! danger và C\\#\\#\\# và a \\| b và C:\\\\ và **đậm** [liên kết](a.md)")
    assert markdown_to_text(source) == ("## Câu hỏi 9: giả {#gia} và _nghiêng_ và *sao* và [Phụ lục 1](mau-don.doc) "
                                        "!!! danger và C### và a | b và C:\\ và đậm liên kết")
    # private-use characters in the text: nothing is held aside, the text is read as before
    assert markdown_to_text("\ue023 và \\*a\\*") == "\ue023 và \\ a\\"

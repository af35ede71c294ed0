"""Title and summary are shown as typed: markup in them reaches the reader as characters.

Editors paste titles and summaries from old portals and from Word (`<b>…</b>`, `&amp;`,
`&nbsp;`) or write the Markdown they use in the body (`**…**`). Every page, card, feed and
search result escapes these fields (docs/security.md), so a reader would see "<b>" or
"&amp;" literally. Each case is a warning on the field's line with the text to type instead:
the page still builds, since nothing unsafe happens, but it would look broken.

A title longer than TITLE_LONG characters is almost surely a paragraph pasted into the
wrong field: real portal titles, the longest naming a decree and its date, stay under about
180. It fills a phone's screen in every list and is cut in search results and shared links.
A summary over SUMMARY_LONG is the article's first paragraphs pasted (a province's trial
pasted 620 characters from Word): every card shows it whole, while the guide asks for one
or two sentences (the sample's longest is 250; a news sapo rarely passes 300).
"""

from __future__ import annotations

import html
import re

from bantin.problems import short
from bantin.text.plain import hidden_dropped

TITLE_LONG = 200  # characters
SUMMARY_LONG = 400

# A tag's attributes must look like attributes (`class="x"`, `disabled`, `width=3`): "x<y và
# y>z" is a comparison, not a tag (the web editor refuses what matches, so a false match
# blocks a save). Names are ASCII classes, not \w, which is Unicode in Python, ASCII in JavaScript.
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s+[A-Za-z_:][A-Za-z0-9_:.-]*"
                  r"(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*\s*/?>")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,30}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
# Each repeated class stops at the character that could start another match ("[", "<", "*"),
# so a hostile "[[[[…" or "<a <a <a …" is read once, not once per start (linear: tested).
# Emphasis as Markdown reads it: no space just inside the marks, so the blanks of a form
# ("ngày __ tháng __ năm") and "** tăng **" are text.
_MARKDOWN = re.compile(r"\*\*[^*\s](?:[^*\n]*[^*\s])?\*\*|__[^_\s](?:[^_\n]*[^_\s])?__"
                       r"|\[[^\[\]\n]+\]\([^()\[\]\s]+\)")
_SPACES = re.compile(r"\s+")
# What the web editor refuses in a title or summary (site/webeditor.py): the same three, as
# one JavaScript pattern (their syntax is common to Python's and JavaScript's regexes).
MARKUP = (_TAG, _ENTITY, _MARKDOWN)

_NAMES = {"title": "tiêu đề", "summary": "tóm tắt"}


def plain(text: str) -> str:
    """The text a reader should see: tags dropped, entities decoded, Markdown marks and
    link targets dropped, spaces (a decoded &nbsp; too) made single (what a fix suggests
    typing: also content/drafts/mentions.py's). A <script> or <style> goes with its content,
    as the body's do (a province's trial was told to type `title: Tập huấn alert(1)`)."""
    text = _TAG.sub(" ", hidden_dropped(text))
    text = _MARKDOWN.sub(lambda m: m.group(0).strip("*_").split("](")[0].lstrip("["), text)
    text = html.unescape(text)
    return _SPACES.sub(" ", text).strip()


def markup_problems(key: str, text: str) -> list[tuple[str, str]]:
    """(message, fix) for markup found in a plain-text field, at most one of each kind."""
    name = _NAMES.get(key, f"`{key}`")
    found = []
    tag, entity, mark = _TAG.search(text), _ENTITY.search(text), _MARKDOWN.search(text)
    opened = text.find("<!--")
    closed = text.find("-->", opened + 4) if opened >= 0 else -1  # `find`: linear on «<!--<!--…»
    if closed >= 0:  # shown as typed, like a tag
        found.append(f"chú thích HTML `{short(text[opened:closed + 3], 30)}`")
    if tag:
        found.append(f"thẻ HTML `{short(tag.group(0), 30)}`")
    if entity:
        found.append(f"mã HTML `{entity.group(0)}`")
    if mark:
        found.append(f"dấu Markdown `{short(mark.group(0), 30)}`")
    if not found:
        return []
    message = (f"{name} có {', '.join(found)}: {name} hiện đúng từng ký tự đã gõ, nên người đọc sẽ "
               "thấy nguyên các ký tự này (không in đậm, không xuống dòng, không thành liên kết)")
    return [(message, markup_fix(key, plain(text)))]


def markup_fix(key: str, shown: str) -> str:
    """The fix for markup in `key`: the line to type, `shown` being its text without the markup
    (content/drafts/mentions.py writes it again without a draft's address)."""
    name = _NAMES.get(key, f"`{key}`")
    return (f"chỉ để chữ: `{key}: {short(shown, 120)}`" if shown else
            f"viết {name} bằng chữ thường, không có thẻ hay mã HTML")


def length_problem(key: str, text: str) -> tuple[str, str] | None:
    """(message, fix) for a title or summary too long to be one (TITLE_LONG, SUMMARY_LONG)."""
    if key == "title" and len(text) > TITLE_LONG:
        return (f"tiêu đề dài {len(text)} ký tự (quá {TITLE_LONG}): trên điện thoại nó chiếm cả màn hình ở "
                "mọi danh sách, và bị cắt trong kết quả tìm kiếm và khi chia sẻ",
                "rút tiêu đề còn một câu ngắn; đưa phần còn lại vào `summary:` hoặc đoạn đầu của bài")
    if key == "summary" and len(text) > SUMMARY_LONG:
        return (f"tóm tắt dài {len(text)} ký tự (quá {SUMMARY_LONG}): thẻ bài ở trang chủ và các danh sách "
                "hiện cả đoạn, trên điện thoại chiếm nhiều màn hình",
                "rút còn một hai câu nói điều quan trọng nhất; phần còn lại đưa vào đoạn đầu của bài")
    return None

"""Plain text from rendered HTML, for search documents, feed summaries and snippets."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from bantin.text.codespans import code_spans
from bantin.text.definitions import split_definitions
from bantin.text.linkwords import shown_words
from bantin.text.tablerows import bordered, cells

_DROP_OPEN = re.compile(r"<(script|style|svg|iframe)\b", re.IGNORECASE)  # content never shown
_TAG = re.compile(r"<[^<>]+>")  # stops at the next '<': linear on "a < b < c" (issue 12)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed (regex: 10,000 pages, no parser)."""
    text = _TAG.sub(" ", _drop_blocks(markup))
    return " ".join(html.unescape(text).split())  # whitespace collapsed: a quarter of a regex's time


_INLINE_MARKS = frozenset("\\*_`&<[~!")  # a title without any of them reads as written


def inline_text(markdown_line: str) -> str:
    """What a one-line Markdown title shows, as text: «Nghỉ \\*phép\\*» is «Nghỉ *phép*»,
    «**Đậm**» is «Đậm», «&lt;b&gt;» and «<b>» are «<b>». A question's heading is Markdown on its
    handbook's page; its own page, the search, the QR label and the printout print it as text
    (escaped where printed), so the two read alike. Python-Markdown renders only titles that
    have a mark: most have none."""
    if not _INLINE_MARKS.intersection(markdown_line):
        return " ".join(markdown_line.split())
    if len(markdown_line) > RENDERED_MAX:  # no title: Python-Markdown's escapes grow faster than the line
        return " ".join(html.unescape(_ESCAPE.sub(r"\1", markdown_line)).split())
    # rendered as the heading it is on the handbook's page ("# x" or "1. x" stay text there),
    # its inline tags dropped without a space: «**Đậm**?» is «Đậm?». Raw HTML stays text, as
    # the title always showed it («<script>» is shown, not run and not dropped; the handbook's
    # sanitiser removes it there and says so on the line): the renderer has no raw HTML.
    # A space ends the line as the ` {#id}` after it does there: «C:\\» is no escape.
    line = _no_long_link_walks(" ".join(markdown_line.split()))
    rendered = _inline_renderer().reset().convert("## " + line + " ")
    return " ".join(html.unescape(_TAG.sub("", rendered)).replace(_BRACKET, "[").split())


def heading_text(markdown_line: str) -> str:
    """What a one-line Markdown heading shows as text when its raw HTML is kept, as on a
    handbook page for a group's name (session 41): «<b>II.</b> THỦ TỤC» is «II. THỦ TỤC», the
    tags dropped (their words kept, a <script>'s or <style>'s not: the sanitiser removes those
    with their content), «&lt;b&gt;» is «<b>». `inline_text` shows raw HTML as written instead,
    as a question's title always has; a line without '<' reads the same either way."""
    if "<" not in markdown_line:
        return inline_text(markdown_line)
    if len(markdown_line) > RENDERED_MAX:  # no name: its tags dropped, its other marks kept
        return html_to_text(markdown_line)
    line = _no_long_link_walks(" ".join(markdown_line.split()))
    rendered = _html_renderer().reset().convert("## " + line + " ")
    return " ".join(html.unescape(_TAG.sub("", _drop_blocks(rendered))).replace(_BRACKET, "[").split())


RENDERED_MAX = 2_000  # characters; a question is a sentence or two (the importer cuts titles at 200)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>&])")  # Markdown's backslash escapes, undone in one pass

_LINK_WALK = 200_000  # characters Python-Markdown's link pattern may walk for one title: well under a second
_UNESCAPED_OPEN = re.compile(r"(?<!\\)(\\*)\[")  # a '[' with the run of backslashes before it (linear)
_BRACKET = "\ufdd1"  # a non-character no pattern looks at (convert/htmlguard's mark for '[')


def _no_long_link_walks(line: str) -> str:
    """The line, or, when its '[' could make Python-Markdown's link pattern walk more than
    _LINK_WALK characters (from every '[' to the end: a heading of '[' or '[a](' repeated took
    a minute per 20 KB), with every unescaped '[' as _BRACKET, written back as '[' once
    rendered: the same characters shown, no link (convert/htmlguard does so for the pages; this
    layer may not import it). A title of a few links is far below the limit. A _BRACKET the line
    held, a non-character no text has, becomes U+FFFD."""
    if line.count("[") * len(line) <= _LINK_WALK:
        return line
    line = line.replace(_BRACKET, "\ufffd")
    return _UNESCAPED_OPEN.sub(lambda m: m.group(1) + ("[" if len(m.group(1)) % 2 else _BRACKET), line)


@lru_cache(maxsize=1)
def _inline_renderer():
    """Python-Markdown without raw HTML: a '<' is text (no `&lt;` placeholders either, which
    its inline pass is slow on), so `<script>` reads as written."""
    import markdown  # only for titles with a mark: most builds never load it here

    md = markdown.Markdown()
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


@lru_cache(maxsize=1)
def _html_renderer():
    """Python-Markdown as pages render a heading, raw inline HTML kept (`heading_text`)."""
    import markdown  # only for names with a '<': most builds never load it here

    return markdown.Markdown()


_CLOSER = {name: re.compile(rf"</{name}[ \t\n\r\f]*>") for name in ("script", "style", "svg", "iframe")}


def _drop_blocks(markup: str) -> str:
    """Markup without <script>, <style>, <svg> and <iframe> elements and their content (a
    frame's inner text is a fallback no browser shows).

    A loop of `find`s instead of `<(script|style|svg)\b.*?</\1>`, which rescans to the end
    of the text from every opening tag that is never closed (quadratic, issue 12).
    """
    if "<" not in markup:
        return markup
    lower, pieces, pos, unclosed = None, [], 0, set()
    for match in _DROP_OPEN.finditer(markup):
        name = match.group(1).lower()
        if match.start() < pos or name in unclosed:
            continue
        lower = lower if lower is not None else markup.lower()
        # `</script >` closes it too, as browsers read it (a review, session 51: its content stayed)
        closing = _CLOSER[name].search(lower, match.end())
        if closing is None:
            unclosed.add(name)  # no later opening of it can be closed either
            continue
        pieces.append(markup[pos : match.start()])
        pieces.append(" ")
        pos = closing.end()
    if not pieces:
        return markup
    pieces.append(markup[pos:])
    return "".join(pieces)


def excerpt(text: str, limit: int = 280) -> str:
    """The first `limit` characters, cut at a word boundary."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(" ,.;:") + "…"


_FENCED = re.compile(r"^(```|~~~).*?^\1\s*$", re.MULTILINE | re.DOTALL)  # dropped before definitions
_MD_DROP = [  # (only when the text has this, pattern, replacement); links first (`text.linkwords`)
    # Every scan below stops at the next opening mark too ('{', '<'), so no pattern
    # rescans to the end of a long line from each mark (issue 12: linear on hostile text).
    (("{",), re.compile(r"\{[:#.][^{}]*\}"), " "),  # attribute lists
    (("<",), re.compile(r"<[^<>]+>"), " "),  # raw HTML tags
    # a setext heading's `===` line: the page shows none (a review, session 58)
    (("=",), re.compile(r"^ {0,3}=+[ \t]*$", re.MULTILINE), " "),
    ((), re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", re.MULTILINE), ""),  # block markers
    # a table's delimiter row (| --- | :-: |, |-|-|) and thematic breaks: the classes before
    # the second '-' have none, so a line of dashes is scanned once
    (("-",), re.compile(r"^[ \t|:]*-[ \t|:]*-[ \t|:-]*$", re.MULTILINE), " "),
    (tuple("*_`|~"), re.compile(r"[*_`|~]+"), " "),  # emphasis, code, table pipes
]


def hidden_dropped(markup: str) -> str:
    """Markup without what a page never shows: comments, and <script>, <style>, <svg> and
    <iframe> elements with their content (the fix a title's markup gets, content/plaintext.py)."""
    return _drop_blocks(_drop_comments(markup))


def _drop_comments(markup: str) -> str:
    """Markup without HTML comments, Word's `<!--[if gte mso 9]><xml>…<![endif]-->` among them
    (a `find` loop: linear). An unclosed comment is left as it is."""
    pieces, pos = [], 0
    while (start := markup.find("<!--", pos)) >= 0:
        end = markup.find("-->", start + 4)
        if end < 0:
            break
        pieces += [markup[pos:start], " "]
        pos = end + 3
    return "".join(pieces) + markup[pos:] if pieces else markup


# Python-Markdown's backslash escapes (and tables' `\|`): the page shows the character itself.
_BACKSLASHED = re.compile(r"\\([\\`*_{}\[\]()>#+\-.!|])")
_HELD = 0xE000  # an escaped character waits as U+E000 + its code while the markup is dropped
_HELD_ANY = re.compile("[\ue000-\ue07f]")
_SHOWN = {_HELD + code: chr(code) for code in range(128)}


def markdown_to_text(markdown: str) -> str:
    """Readable text of Markdown without rendering it: for search, made while pages render.

    What the page never shows is dropped first: comments, the content of raw <script>,
    <style> and <svg> elements (the sanitiser removes them from the page; a summary, a feed or
    a search snippet read "alert(1) body{display:none}" from pasted HTML), fenced code, and link
    reference definitions outside it (`[//]: # (ghi chú nội bộ)`: Python-Markdown prints nothing
    for them, the description printed the note, review F2, text/definitions.py). Then, as
    Python-Markdown's inline patterns run: code spans are held aside as written (`` `[x][k]` ``
    shows `[x][k]`, `` `<b>` `` shows `<b>`; they were read as a link and a tag, session 39), then
    backslash escapes (an escaped character is text, as on the page: «\\## Câu hỏi 9» reads «##
    Câu hỏi 9», not its backslash nor nothing, session 32), then links, pictures and references
    become their words (`text.linkwords`, brackets paired as the page pairs them), then the
    other marks go. A pattern runs only on text that has its mark: most bulletin text has none.
    Held text waits as private-use characters, unless the text already has them.
    """
    if "```" in markdown or "~~~" in markdown:
        markdown = _FENCED.sub(" ", markdown)  # first, as fenced_code runs before the raw HTML extractor
    if "|" in markdown and "-" in markdown:
        markdown = _table_cells(markdown)
    if "<" in markdown:
        markdown = hidden_dropped(markdown)
    markdown, ids = split_definitions(markdown)  # after the code blocks, which keep their `[x]: y` lines
    markdown, shown = _hold_code(markdown)
    if "\\" in markdown and not _HELD_ANY.search(markdown):
        markdown = _BACKSLASHED.sub(lambda m: chr(_HELD + ord(m.group(1))), markdown)
        shown.update(_SHOWN)
    if "[" in markdown:
        markdown = shown_words(markdown, ids)
    if "#" in markdown:
        markdown = _without_closing_hashes(markdown)
    for marks, pattern, replacement in _MD_DROP:
        if not marks or any(mark in markdown for mark in marks):
            markdown = pattern.sub(replacement, markdown)
    text = html.unescape(markdown)
    return " ".join((text.translate(shown) if shown else text).split())


_ATX_OPEN = re.compile(r" {0,3}#{1,6}[ \t]")


def _without_closing_hashes(markdown: str) -> str:
    """Headings without their closing hashes (`## Lệ phí ##`), which the page does not show: a
    search result read «Lệ phí ## Miễn…» (a review, session 58). By string methods, line by
    line: a pattern for «spaces, then hashes, at the end» rescans a long run of spaces."""
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if _ATX_OPEN.match(line):
            kept = line.rstrip(" \t")
            bare = kept.rstrip("#")
            if bare != kept and bare.endswith((" ", "\t")):
                lines[index] = bare.rstrip(" \t")
    return "\n".join(lines)


_RULE_CELL = re.compile(r"[|:\- ]*")
_COMMENT_OPEN = re.compile("<!--")
# Python-Markdown's inline comment (in its HTML_RE): no `<!--` inside, so each try stops at the next one (linear).
_INLINE_COMMENT = re.compile(r"<!--(?:(?!<!--|-->).)*-->", re.DOTALL)


def _table_cells(markdown: str) -> str:
    """`markdown` with each table's rows cut to the header's cells, as the page shows them: the
    cells after the header's are dropped (`_build_row`), and a comment is one only inside its
    cell (`| <!-- cũ | [Mẫu 02](a.md) --> |` shows «<!-- cũ» and «Mẫu 02 -->»: the description
    read neither, and read a dropped cell's words; session 39). A table starts a block (after a
    blank line or a heading) with a header row and a rule of as many cells, and runs to the
    next blank line; each of its rows is written back as its cells, each cell's own comments
    dropped and a `<!--` left open made text (`&lt;!--`), so no later pass pairs it."""
    lines = markdown.split("\n")
    index, changed, stop = 0, False, _Stop(lines)
    while index + 1 < len(lines):
        first = lines[index].strip(" ")
        starts_block = index == 0 or not lines[index - 1].strip() or lines[index - 1].lstrip().startswith("#")
        columns = _columns(first, lines[index + 1].strip(" "), stop, index) if starts_block and "|" in first else 0
        if not columns:
            index += 1
            continue
        border = bordered(first)
        end = index + 2
        while end < len(lines) and lines[end].strip():
            end += 1
        for row in [index] + list(range(index + 2, end)):
            lines[row] = " | ".join(_cell_text(cell) for cell in cells(lines[row].strip(" "), border)[:columns])
        changed, index = True, end
    return "\n".join(lines) if changed else markdown


def _columns(first: str, rule: str, stop: "_Stop", index: int) -> int:
    """The number of columns of the table whose header is `first` (line `index`) over `rule`, or
    0: no table (tables' `test`: two cells or more, or one when every row up to the block's end
    has a border; a rule of as many cells)."""
    border = bordered(first)
    header = cells(first, border)
    if len(header) < 2 and not border:
        return 0
    if not rule.strip() or not _RULE_CELL.fullmatch(rule) or len(cells(rule, border)) != len(header):
        return 0  # a blank line ends the block (Python-Markdown's blocks): `-|` then one is no table
    if len(header) == 1 and not stop.blank_first(index + 1):
        return 0
    return len(header)


class _Stop:
    """Whether, from a line on, a blank line (or the end) comes before any line without a
    border: one column's table needs every row bordered. Found once for a run of lines, so
    many one-column headers over one long bordered run read it once."""

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.start, self.end = -1, -1  # the last run read: lines start..end-1 bordered, `end` stops it

    def blank_first(self, line: int) -> bool:
        if not self.start <= line <= self.end:
            self.start = self.end = line
            while self.end < len(self.lines) and self.lines[self.end].strip() and bordered(self.lines[self.end].strip(" ")):
                self.end += 1
        return self.end == len(self.lines) or not self.lines[self.end].strip()


def _cell_text(cell: str) -> str:
    """A cell as the page reads it on its own: its comments gone, a `<!--` nothing closes text;
    its code spans as written (the backtick pattern runs first)."""
    if "<!--" not in cell:
        return cell
    out, position = [], 0
    for start, end, _ in code_spans(cell):
        out += [_comments_of_cell(cell[position:start]), cell[start:end]]
        position = end
    return "".join(out) + _comments_of_cell(cell[position:])


def _comments_of_cell(words: str) -> str:
    return _COMMENT_OPEN.sub("&lt;!--", _INLINE_COMMENT.sub(" ", words)) if "<!--" in words else words


_CODE = 0xF0000  # the n-th code span waits as U+F0000 + n (plane 15, private use)
_CODE_MAX = 0xFFFFE - _CODE  # more spans than that are read as before: their backticks dropped
_CODE_ANY = re.compile("[\U000F0000-\U000FFFFF]")
_PARAGRAPH_BREAK = re.compile(r"(\n[ \t>]*\n)")  # code spans stay within one paragraph


def _hold_code(markdown: str) -> tuple[str, dict[int, str]]:
    """`markdown` with each code span (`text.codespans`, paragraph by paragraph) one private-use
    character, and what each is shown as (its code as written, a space either side: the page
    puts it in a `<code>` element), for `str.translate` once everything else is read."""
    shown: dict[int, str] = {}
    if "`" not in markdown or _CODE_ANY.search(markdown):
        return markdown, shown
    out = []
    for part in _PARAGRAPH_BREAK.split(markdown):
        position = 0
        for start, end, ticks in code_spans(part) if "`" in part else ():
            if len(shown) == _CODE_MAX:
                break
            mark = _CODE + len(shown)
            shown[mark] = f" {part[start + ticks:end - ticks]} "
            out += [part[position:start], chr(mark)]
            position = end
        out.append(part[position:])
    return "".join(out), shown

"""A draft's address written anywhere in a published page is left out of the site (session 39).

A draft's address (`/tin-tuc/ban-nhap-bi-mat/`) holds its title's words: publishing it tells
readers what is being prepared, or what was taken down and why. Since session 38 no *link* to
a draft leaves its address behind (links.unlink, files_for_addresses). Written as text it still
reached every output: in `summary:` (the page, every listing card, the feeds, the search index,
the description shared on social networks), in `source.url` (the page's «Nguồn» link and its
printed address), in a link's words beside other words (`[xem https://<site>/…/ tại đây](b.md)`),
or without `https://` (`<site>/tin-tuc/ban-nhap-bi-mat/`) (second review of session 38, F5, F6).

So after the links are rewritten, every text of every published item is read once more for the
addresses of the drafts this build leaves out, in every form a reader could follow or read the
title from: full (`http(s)://`, the site's host in any case, the preview's 127.0.0.1), without
its scheme, from the site's root (`/tin-tuc/…`), relative to the page (`../ban-nhap-bi-mat/`),
with `%`-escapes, entities or Markdown's backslash escapes, with `index.html`, `.html`, `#id` or
`?q=`, and below it (a draft handbook's question pages; a question's short link `/q/<id>/`).
Each is removed (with the code, emphasis, `<…>` or `(…)` marks that held it alone) and warned of
on its file, line and field. Never an error: taking a page down (`draft: true`) must never stop
the site (session 34), and a build that failed would keep publishing the old pages.

Code is read too: a code span shows its text as written, so an address there publishes the
title just the same; a bulletin has no code whose meaning the removal could break.

Linear on any text: candidates are found by one pattern that starts only at a word's start
(`_CANDIDATE`), and each is read in time proportional to its length.
"""

from __future__ import annotations

import bisect
import html
import posixpath
import re
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import islice
from typing import Iterable, Mapping
from urllib.parse import unquote, urlsplit

from bantin.content import plaintext
from bantin.content.model import Item, Source
from bantin.content.ownaddress import is_loopback
from bantin.problems import Problem, Problems, WARNING, short

# What ends a word in text, in Markdown and in HTML (draftfiles._WORD's separators, less `=`,
# which a query holds: `…/?q=1`): a web address as a reader sees it runs between these.
# Typographic quotes and dashes, and the zero-width characters a paste leaves, end a word too:
# «“<address>”» was read as an address ending in `”`, another site's (review F1).
_SEPARATORS = r"\s()\[\]<>\"'`,{}|*“”‘’«»「」『』—–\u200b\u200c\u200d\u2060\ufeff"
# A word holding `/`, `%`, `&` or `\` (an address, or one written with escapes): starting only
# where a word starts (the lookbehind), so a long word without them is read once, not once per
# character.
_CANDIDATE = re.compile(rf"(?<![^{_SEPARATORS}])[^{_SEPARATORS}/%&\\]*[/%&\\][^{_SEPARATORS}]*")
_SCHEME = re.compile(r"https?://|^//")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # Markdown's backslash escapes: `tin\-tuc` shows `tin-tuc`
_CLOSING = ".,;:!?…。"  # a sentence's punctuation after an address stays; `…`: a message cut it short
_ENTITY_END = re.compile(r"&#?[0-9A-Za-z]{1,31}$")  # `&#47` before a `;`: the entity's, not the sentence's
_EMPHASIS = "_~"  # emphasis marks that do not end a word
_PAIRS = {"<": ">", "(": ")", "`": "`", "*": "*", "_": "_", "~": "~",  # marks that held the address alone
          "“": "”", "‘": "’", "«": "»", "「": "」", "『": "』"}  # not `"`, `'`: an HTML attribute's
_TARGET = re.compile(r"[^()\n]{0,2000}\)")  # a link's `(target "title")` after its words
_LABEL = re.compile(r"[^\[\]\n]{0,200}\]")  # a reference link's `[label]` after its words
_FEW = 40  # drafts' slugs looked for in a whole text before reading its words
_MAX_SCHEMES = 4  # schemes tried in one word: each try reads the rest of the word
_MAX_MARKS = 6  # `***…***`, `` ``…`` ``: more is no mark an editor wrote around one address


@dataclass(frozen=True)
class Mention:
    """One draft's address in a published item: where, as written, and whose."""

    line: int
    field: str  # "" for the body
    written: str
    draft: str  # the draft's src


@dataclass(frozen=True)
class DraftAddresses:
    """The addresses of the drafts a build leaves out, and the site's own hosts."""

    paths: Mapping[str, str]  # page path, lower case (`tin-tuc/ban-nhap-bi-mat`) → the draft's src
    hosts: frozenset[str]  # the site's hosts, lower case, with and without `www.`
    base: str = ""  # the site's path (`phap-luat` for `https://<host>/phap-luat/`), lower case

    @classmethod
    def of(cls, drafts: Iterable[Item], published: Iterable[Item], site_urls: Iterable[str],
           short_prefix: str = "q", unread: Mapping[str, tuple[str, Iterable[str]]] | None = None,
           reserved: Iterable[str] = ()) -> "DraftAddresses | None":
        """From the drafts left out (None when there are none): their pages, their questions'
        pages (below the handbook's) and short links, unless a published question has that id
        (the published one keeps it: content/drafts.py). `unread`: page path → (src, question
        ids) of drafts that failed their own checks (no item: content/brokendrafts.py says where
        they were). `reserved`: the paths of the build's other pages (listings, redirects),
        never a draft's, whatever a broken draft's file name or title suggests."""
        drafts, published = list(drafts), list(published)
        shown = {item.path.strip("/").lower() for item in published}  # a draft at a published page's address: not its
        shown |= {path.strip("/").lower() for path in reserved}
        taken = {q.id for item in published for q in item.questions}
        pages = [(item.path, item.src, [q.id for q in item.questions]) for item in drafts]
        pages += [(path, src, ids) for path, (src, ids) in (unread or {}).items()]  # read drafts first: theirs win
        paths: dict[str, str] = {}
        for path, src, ids in pages:
            page = path.strip("/").lower()
            if not page or page in shown:
                continue
            paths.setdefault(page, src)
            for qid in ids:
                paths.setdefault(f"{page}/{qid}".lower(), src)
                if qid not in taken:
                    paths.setdefault(f"{short_prefix}/{qid}".lower(), src)
        if not paths:
            return None
        hosts, base = set(), ""
        for url in site_urls:
            parts = urlsplit(url) if url else None
            if parts is not None and parts.hostname:
                host = parts.hostname.lower()
                hosts |= {host, host.removeprefix("www."), f"www.{host.removeprefix('www.')}"}
                base = base or parts.path.strip("/").lower()
        return cls(paths, frozenset(hosts), base)

    # --- reading ------------------------------------------------------------------------

    @cached_property
    def _last(self) -> frozenset[str]:
        """The last part of every draft's path (its slug, a question's id)."""
        return frozenset(path.rpartition("/")[2] for path in self.paths)

    def _may_hold_any(self, text: str) -> bool:
        """Whether `text` may hold a draft's address: `/` and, when the drafts are few, one of
        their slugs, or an escape that could hide one. A site's pages almost never do, and
        reading each for its words was a second of CPU at 10,000 articles."""
        if "%" in text or "&" in text or "\\" in text:
            return True
        if "/" not in text:
            return False
        if len(self._last) > _FEW:
            return True
        lower = text.lower()
        return any(last in lower for last in self._last)

    def _may_hold(self, word: str) -> bool:
        """Whether `word` may be a draft's address: it holds a draft's slug as a part of its path,
        or escapes that could hide one. Most words of a page (`../images/a.jpg`, another site's
        address) are let go here, in a set look-up: read whole, a site of 10,000 articles with
        drafts spent 5 s in `draft_of`."""
        if "%" in word or "&" in word or "\\" in word:
            return True
        last = self._last
        for part in word.lower().replace("#", "/").replace("?", "/").split("/"):
            part = part.rstrip(_CLOSING)
            if part in last or part.removesuffix(".html") in last:
                return True
        return False

    def draft_of(self, word: str, page: str = "") -> str | None:
        """The src of the draft `word` (one word of text, as written) is an address of, read
        from the page at path `page`; else None. Another host's address is never a draft's."""
        text = _plain(_without_closing(word))
        path = self._site_path(text, page)
        return self._draft_at(path) if path is not None else None

    def _in_word(self, word: str, page: str) -> tuple[int, str] | None:
        """(where in `word` it begins, the draft's src) of the draft's address `word` holds: from
        one of its first schemes (`href=https://…`, `Nguồn:https://…`, another site's address
        carrying ours in its query, `https://<other>/?u=https://<site>/…`), else the word whole,
        else after its first colon."""
        if not self._may_hold(word):
            return None
        schemes = [m.start() for m in islice(_SCHEME.finditer(word.lower()), _MAX_SCHEMES)]
        colon = word.find(":") + 1  # `tại:<host>/…`, `chỉ:/tin-tuc/…`: a sentence's colon before it (review F1)
        after = [colon] if colon and not word.startswith("//", colon) and colon not in schemes else []
        for offset in ([*schemes, 0] if schemes[:1] != [0] else [*schemes]) + after:
            draft = self.draft_of(word[offset:], page)
            if draft is not None:
                return offset, draft
        return None

    def _site_path(self, text: str, page: str) -> str | None:
        """The path from the site's root that `text` names, or None when it is another host's."""
        scheme = _SCHEME.search(text)
        if scheme is not None:
            rest = text[scheme.end():]
            host, path = _host_and_path(rest)
            return path if self._ours(host) else None
        if text.startswith(("./", "../")):
            return posixpath.normpath(posixpath.join(f"/{page.strip('/')}/", text))
        first, slash, rest = text.partition("/")
        if slash and ("." in first or ":" in first):  # `<host>/tin-tuc/…`, `localhost:8000/…`
            return "/" + rest if self._ours(first.rpartition("@")[2]) else None
        return text if text.startswith("/") else "/" + text

    def _ours(self, host: str) -> bool:
        host = host.rpartition(":")[0] if ":" in host and not host.endswith("]") else host
        host = host.rstrip(".")
        return host in self.hosts or is_loopback(host)

    def _draft_at(self, path: str) -> str | None:
        """The draft whose page is at `path` (`…/`, `…/index.html`, `….html`, a question's page).
        Exactly: a folder of files may share a draft page's path (`tai-lieu`)."""
        path = path.split("?", 1)[0].split("#", 1)[0].strip("/")
        if self.base and (path == self.base or path.startswith(self.base + "/")):
            path = path[len(self.base):].strip("/")
        path = path.removesuffix("index.html").strip("/").removesuffix(".html")
        return self.paths.get(path)

    # --- removing -----------------------------------------------------------------------

    def spans(self, text: str, page: str = "") -> list[tuple[int, int, str, str]]:
        """(start, end, as written, the draft's src) of each draft's address in `text`: what
        goes with it (the marks that held it alone, a space before it) included."""
        out: list[tuple[int, int, str, str]] = []
        if not self._may_hold_any(text):
            return out
        for match in _CANDIDATE.finditer(text):
            word = _without_closing(match.group())
            core = word.strip(_EMPHASIS)  # `_…_`, `~~…~~` are words' characters: the marks are not the address's
            lead = len(word) - len(word.lstrip(_EMPHASIS))
            hit = self._in_word(core, page)
            if hit is None:
                continue
            offset, draft = hit
            start, end = match.start() + lead + offset, match.start() + lead + len(core)
            written = text[start:end]
            start, end = _with_marks(text, start, end)
            out.append((start, end, written, draft))
        return out

    def remove(self, text: str, page: str = "") -> tuple[str, list[tuple[int, str, str]]]:
        """`text` without the drafts' addresses, and (offset, as written, draft) of each."""
        spans = self.spans(text, page)
        if not spans:
            return text, []
        out, position = [], 0
        for start, end, _, _ in spans:
            out += [text[position:max(start, position)]]
            position = max(end, position)
        return "".join(out) + text[position:], [(start, written, draft) for start, _, written, draft in spans]


def _without_closing(word: str) -> str:
    """`word` without the sentence's punctuation after it; an entity's `;` is the word's (`&#47;`)."""
    kept = word.rstrip(_CLOSING)
    if len(kept) < len(word) and word[len(kept)] == ";" and _ENTITY_END.search(kept):
        kept += ";"
    return kept


def _plain(word: str) -> str:
    """A word as a reader sees it and a browser reads it: escapes, entities, `%`-escapes read, lower case."""
    if "\\" in word:
        word = _ESCAPE.sub(r"\1", word)
    if "&" in word:
        word = html.unescape(word)
    if "%" in word:
        word = unquote(word)
    return word.lower()


def _host_and_path(rest: str) -> tuple[str, str]:
    """(`user@host:port`'s host, the path) of what follows `//`."""
    end = len(rest)
    for mark in "/?#":
        found = rest.find(mark)
        if found != -1:
            end = min(end, found)
    return rest[:end].rpartition("@")[2], "/" + rest[end:].lstrip("/") if end < len(rest) else "/"


def _with_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) widened over the marks that held the address alone (`<…>`, `(…)`, code,
    emphasis), then over one space before it when a space or the sentence's end follows (or
    the space after it at a line's start): left behind they show as text (`Xem <> nhé`, `****`,
    a line of which is a rule) or leave two spaces."""
    for _ in range(_MAX_MARKS):
        if start > 0 and end < len(text) and _PAIRS.get(text[start - 1]) == text[end]:
            start, end = start - 1, end + 1
        else:
            break
    if start > 0 and text[start - 1] == "[" and text[start - 2:start - 1] != "!":  # a picture keeps its image
        close = (_TARGET.match(text, end + 2) if text.startswith("](", end) else
                 _LABEL.match(text, end + 2) if text.startswith("][", end) else None)
        if close is not None:  # the whole words of a link, inline or by reference: the link goes
            start, end = start - 1, close.end()
    before = text[start - 1] if start > 0 else "\n"
    after = text[end] if end < len(text) else "\n"
    if before == " " and (after in " \n" or after in _CLOSING):
        start -= 1
    elif before == "\n" and after == " ":
        end += 1
    return start, end


# --- items ----------------------------------------------------------------------------------

_FIELDS = ("summary", "image_alt", "author")  # front matter shown as text (source: _source)


def without_drafts(item: Item, before: Item, drafts: DraftAddresses) -> tuple[Item, list[Mention]]:
    """`item` (a published one, its links already rewritten) with every draft's address left
    out of its texts and front matter, and the mentions to warn of. `before`: the item as read,
    whose body gives the line of each mention (rewriting a link may join its lines)."""
    page = item.path
    body, found = drafts.remove(item.body, page) if item.body else (item.body, [])
    mentions = _body_lines(found, item.body, before, drafts)

    def clean(text: str) -> str:
        return drafts.remove(text, page)[0] if text else text

    questions = tuple(replace(q, body=clean(q.body), legal_basis=clean(q.legal_basis), heading=clean(q.heading),
                              title=clean(q.title)) for q in item.questions)
    meta, more = _meta(item, drafts)
    changed = replace(item, body=body, intro=clean(item.intro), questions=questions, meta=meta)
    return changed, mentions + more


def _body_lines(found: list[tuple[int, str, str]], body: str, before: Item, drafts: DraftAddresses) -> list[Mention]:
    """Each mention of `body` (the item's, its links rewritten) at its line in the file. A
    rewritten link keeps its lines unless it spanned several (`[a](\\n b.md)` becomes one line):
    then each mention takes the line of the next mention written the same in the body as read."""
    if body.count("\n") == before.body.count("\n"):
        lines = _Lines(body, before.body_line)
        return [Mention(lines.at(offset), "", written, draft) for offset, written, draft in found]
    read = [(offset, written) for offset, written, _ in drafts.remove(before.body, before.path)[1]]
    mentions, index = [], 0
    lines = _Lines(before.body, before.body_line)
    for offset, written, draft in found:
        while index < len(read) and read[index][1] != written:
            index += 1
        line = lines.at(read[index][0]) if index < len(read) else before.body_line
        index += 1
        mentions.append(Mention(line, "", written, draft))
    return mentions


class _Lines:
    """Line numbers of offsets in a text, counted once."""

    def __init__(self, text: str, first: int) -> None:
        self.starts = [m.end() for m in re.finditer("\n", text)]
        self.first = first

    def at(self, offset: int) -> int:
        return self.first + bisect.bisect_right(self.starts, offset)


def _meta(item: Item, drafts: DraftAddresses):
    """The front matter shown as text without drafts' addresses, and the mentions there."""
    meta, mentions, changes = item.meta, [], {}
    line = meta.lines.get
    for key in _FIELDS:
        text = getattr(meta, key)
        if not text:
            continue
        clean, found = drafts.remove(text, item.path)
        if found:
            changes[key] = " ".join(clean.split())
            mentions += [Mention(line(key, 1), key, written, draft) for _, written, draft in found]
    attachments = []
    for attachment in meta.attachments:
        clean, found = drafts.remove(attachment.title, item.path)
        mentions += [Mention(line("attachments", 1), "attachments", written, draft) for _, written, draft in found]
        attachments.append(replace(attachment, title=" ".join(clean.split()) or attachment.file.rsplit("/", 1)[-1])
                           if found else attachment)
    if any(a is not b for a, b in zip(attachments, meta.attachments)):
        changes["attachments"] = tuple(attachments)
    if meta.source is not None:
        source, found = _source(meta.source, item.path, drafts)
        if found:
            changes["source"] = source
            mentions += [Mention(line("source", 1), "source", written, draft) for written, draft in found]
    return (replace(meta, **changes) if changes else meta), mentions


def _source(source: Source, page: str, drafts: DraftAddresses) -> tuple[Source | None, list[tuple[str, str]]]:
    """The source without a draft's address: a `url:` naming one goes whole (the name stays,
    as a link to a draft stays its words), a name's address is left out; nothing left, no source."""
    found: list[tuple[str, str]] = []
    url = source.url
    if url:
        _, in_url = drafts.remove(url, page)
        if in_url:
            found += [(url, in_url[0][2])]
            url = ""
    name, in_name = drafts.remove(source.name, page)
    found += [(written, draft) for _, written, draft in in_name]
    name = " ".join(name.split())
    return (Source(name, url) if name else None), found


# --- problems -------------------------------------------------------------------------------

_GONE = "địa chỉ của bản nháp để lộ tên bài chưa đăng"
_WHERE = {"": "trang, mô tả, nguồn tin RSS và tìm kiếm",
          "summary": "tóm tắt ở mọi nơi nó hiện (trang, thẻ bài ở các danh sách, nguồn tin RSS, tìm kiếm, mô tả khi "
                     "chia sẻ)",
          "image_alt": "mô tả ảnh", "author": "dòng tác giả", "attachments": "tên tệp đính kèm",
          "source": "nguồn: trên trang chỉ còn tên nguồn, không có liên kết"}
_NAMES = {"summary": "tóm tắt", "image_alt": "mô tả ảnh (`image_alt`)", "author": "tác giả",
          "attachments": "tên tệp đính kèm", "source": "nguồn (`source`)"}


def problem(src: str, mention: Mention, fix_text: str = "") -> Problem:
    """The warning for one mention: file, line, field, what happens, what to do."""
    where = _NAMES.get(mention.field, "bài")
    message = (f"{where} có địa chỉ `{short(mention.written, 80)}` của content/{mention.draft}, trang đang là bản "
               f"nháp (`draft: true`) nên không được xuất bản: địa chỉ được bỏ khỏi {_WHERE[mention.field]} "
               f"({_GONE}), cho tới khi trang đó được đăng")
    if mention.field == "source" and not mention.written.lower().startswith(("http://", "https://")):
        message = message.replace(_WHERE["source"], "tên nguồn")
    rewrite = (f"viết lại không có địa chỉ đó, ví dụ `{fix_text}`; " if fix_text else
               "xóa dòng `url:` của `source:` (hoặc ghi địa chỉ của nguồn thật); " if mention.field == "source" else
               f"xóa địa chỉ đó khỏi {_NAMES.get(mention.field, 'bài')}; ")
    fix = (f"{rewrite}muốn dẫn tới bài kia thì viết liên kết tới tệp của nó trong thân bài (liên kết tự hiện khi bài "
           f"được đăng); nếu không định gỡ bài kia thì xóa dòng `draft: true` của content/{mention.draft}")
    return Problem(src, mention.line, mention.field, message, fix, WARNING)


def warn(item: Item, before: Item, mentions: list[Mention], drafts: DraftAddresses, problems: Problems) -> None:
    """One warning a mention. The summary's gives the summary to type: as read (`before`),
    without its markup (which it shows as typed) and without the address; and the summary's
    markup warning, which gave the summary back as the text to type, gives that too (it wrote
    the draft's address out: second review of session 38, F5)."""
    summary = " ".join(drafts.remove(plaintext.plain(before.meta.summary), item.path)[0].split())
    problems.items.extend(problem(item.src, mention, f"summary: {short(summary, 120)}"
                                  if mention.field == "summary" and summary else "") for mention in mentions)
    if any(mention.field == "summary" for mention in mentions):
        told = plaintext.markup_fix("summary", plaintext.plain(before.meta.summary))
        problems.items[:] = [replace(p, fix=plaintext.markup_fix("summary", summary))
                             if p.path == item.src and p.field == "summary" and p.fix == told else p
                             for p in problems.items]


def without_drafts_all(published: Iterable[Item], before: Mapping[str, Item], drafts: DraftAddresses,
                       problems: Problems) -> dict[str, Item]:
    """src → the published items that held a draft's address, without it; each mention warned of."""
    changed = {}
    for item in published:
        new, mentions = without_drafts(item, before.get(item.src, item), drafts)
        if new == item:
            continue
        changed[item.src] = new
        if mentions:
            warn(new, before.get(item.src, item), mentions, drafts, problems)
    return changed

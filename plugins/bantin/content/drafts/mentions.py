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

Session 40 read what session 39 left: the item's own `title:` (an empty one becomes the kind's
name: a page needs a title) and `tags:` (a tag that was only the address goes, with its page);
addresses with a character no reader sees inside (`ban\u200c-nhap`, a soft hyphen: read again
without them); the addresses of drafts that do not build (content/drafts/broken.py); and a
source's warning on its `url:` line (`source.url`).

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
from itertools import accumulate, islice
from typing import Callable, Iterable, Mapping
from urllib.parse import unquote, urlsplit

from bantin.content import plaintext
from bantin.content.fields import SLUG_MAX
from bantin.content.model import KIND_LABELS, Group, Item, Source
from bantin.content.handbook.groups import group_anchor
from bantin.config.siteurl import unicode_host
from bantin.content.ownaddress import is_loopback
from bantin.problems import Problem, Problems, WARNING, short
from bantin.text.vi import cap_slug, slugify

# What ends a word in text, in Markdown and in HTML (files._WORD's separators, less `=`,
# which a query holds: `…/?q=1`): a web address as a reader sees it runs between these.
# Typographic quotes and dashes, and the zero-width characters a paste leaves, end a word too:
# «“<address>”» was read as an address ending in `”`, another site's (review F1).
_SEPARATORS = r"\s()\[\]<>\"'`,{}|*“”‘’«»「」『』—–\u200b\u200c\u200d\u2060\ufeff"
# A word holding `/`, `%`, `&` or `\` (an address, or one written with escapes): starting only
# where a word starts (the lookbehind), so a long word without them is read once, not once per
# character.
_CANDIDATE = re.compile(rf"(?<![^{_SEPARATORS}])[^{_SEPARATORS}/%&\\]*[/%&\\][^{_SEPARATORS}]*")
# Characters that show nothing (Unicode's default-ignorable ones: soft hyphen, zero-width space,
# non-joiner, joiner, word joiner, direction marks and controls, variation selectors, BOM…): one
# inside an address (`ban\u200c-nhap`) hid it from the check, yet a reader reads the address
# whole, and a browser that is given it copied (session 40).
# Those beyond U+FFFF (tag characters, musical formatting) are left: no paste leaves them, and
# a class holding them made every text's search three times slower (0.44 → 0.13 s a 10,000
# bodies of 5 KB).
_INVISIBLE_CHARS = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0")
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_INVISIBLE_RUN = re.compile(f"[{_INVISIBLE_CHARS}]+")
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
        (the published one keeps it: content/drafts/policy.py). `unread`: page path → (src, question
        ids) of drafts that failed their own checks (no item: content/drafts/broken.py says where
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
                for host in {parts.hostname.lower(), unicode_host(parts.hostname.lower())}:  # as_uri's `xn--…` too
                    hosts |= {host, host.removeprefix("www."), f"www.{host.removeprefix('www.')}"}
                base = base or unquote(parts.path).strip("/").lower()  # read as the text is (_plain)
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
        goes with it (the marks that held it alone, a space before it) included. Read twice
        when `text` holds characters no reader sees: as written (they end a word: `…/\u200bnhé`)
        and without them (`ban\u200c-nhap`, a soft hyphen inside the address: session 40)."""
        out = [(start, end, text[at:to], draft) for start, end, at, to, draft in self._spans(text, page)]
        if _INVISIBLE.search(text) is None:
            return out
        seen = _visible(text)
        found = self._spans(seen, page)
        if not found:
            return out
        starts = _originals(text, [start for start, _, at, _, _ in found for start in (start, at)], end=False)
        ends = _originals(text, [end for _, end, _, to, _ in found for end in (end, to)], end=True)
        first = [start for start, _, _, _ in out]  # sorted: the pattern finds them in order
        reach = list(accumulate((end for _, end, _, _ in out), max))  # the furthest end up to each
        for start, end, at, to, draft in found:
            start, end, at, to = starts[start], ends[end], starts[at], ends[to]
            before = bisect.bisect_left(first, end) - 1  # read as written, it was found there: that one stays
            if before < 0 or reach[before] <= start:
                out.append((start, end, text[at:to], draft))
        return sorted(out)

    def _spans(self, text: str, page: str) -> list[tuple[int, int, int, int, str]]:
        """(start, end, where the address as written starts and ends, the draft's src) of each
        draft's address in `text`, read as written."""
        out: list[tuple[int, int, int, int, str]] = []
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
            at, to = match.start() + lead + offset, match.start() + lead + len(core)
            start, end = _with_marks(text, at, to)
            out.append((start, end, at, to, draft))
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


def _visible(text: str) -> str:
    """`text` as a reader sees it: without the characters that show nothing (_INVISIBLE)."""
    return _INVISIBLE.sub("", text)


def _originals(text: str, positions: list[int], end: bool) -> dict[int, int]:
    """Offset in `text` of each offset in `_visible(text)`: of the character there (`end`
    False), or just after the character before it (`end` True: an end is exclusive). One pass
    over the runs of invisible characters, the offsets asked in order: linear, no table the
    length of the text."""
    found: dict[int, int] = {}
    wanted = sorted(set(positions))
    runs = _INVISIBLE_RUN.finditer(text)
    run = next(runs, None)
    removed = 0  # characters of the runs before the visible offset reached
    for position in wanted:
        char = position - 1 if end else position  # the visible character the offset is of
        while run is not None and run.start() - removed <= char:
            removed += run.end() - run.start()
            run = next(runs, None)
        found[position] = char + removed + 1 if end else char + removed
        if end and position == 0:
            found[position] = 0
    return found


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

_FIELDS = ("summary", "image_alt", "author")  # front matter shown as text (title, tags, source: their own)


def without_drafts(item: Item, before: Item, drafts: DraftAddresses) -> tuple[Item, list[Mention]]:
    """`item` (a published one, its links already rewritten) with every draft's address left
    out of its texts and front matter, and the mentions to warn of. `before`: the item as read,
    whose body gives the line of each mention (rewriting a link may join its lines)."""
    page = item.path
    body, found = drafts.remove(item.body, page) if item.body else (item.body, [])
    mentions = _body_lines(found, item.body, before, drafts)

    def clean(text: str) -> str:
        return drafts.remove(text, page)[0] if text else text

    groups, anchors = _groups(item, clean)
    questions = tuple(replace(q, body=clean(q.body), legal_basis=clean(q.legal_basis), heading=clean(q.heading),
                              title=clean(q.title), group=anchors.get(q.group, q.group),
                              group_title=clean(q.group_title)) for q in item.questions)
    meta, more = _meta(item, drafts)
    changed = replace(item, body=body, intro=clean(item.intro), questions=questions, groups=groups, meta=meta)
    return changed, mentions + more


def _groups(item: Item, clean: Callable[[str], str]) -> tuple[tuple[Group, ...], dict[str, str]]:
    """A handbook's groups without drafts' addresses, and {old anchor: new} of those whose anchor,
    made from their words (`handbook.groups.group_anchor`), held one: the page's `id=` and its table of
    contents' links would spell the draft's slug (session 40)."""
    used = {q.id for q in item.questions} | {group.id for group in item.groups}
    groups, anchors = [], {}
    for group in item.groups:
        title = clean(group.title)
        gid = group.id if group.named or title == group.title else group_anchor(title, used)
        used.add(gid)
        if gid != group.id:
            anchors[group.id] = gid
        groups.append(replace(group, id=gid, intro=clean(group.intro), heading=clean(group.heading), title=title))
    return tuple(groups), anchors


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
    for key in ("title", *_FIELDS):
        text = getattr(meta, key)
        if not text:
            continue
        clean, found = drafts.remove(text, item.path)
        if found:
            changes[key] = " ".join(clean.split())
            mentions += [Mention(line(key, 1), key, written, draft) for _, written, draft in found]
    if "title" in changes and not changes["title"]:  # the title was the address alone: the page still needs one
        changes["title"] = KIND_LABELS.get(meta.kind, KIND_LABELS["page"])
    tags, found = _tags(meta.tag_names, item.path, drafts)
    if found:
        changes["tag_names"] = tags
        mentions += [Mention(line("tags", 1), "tags", written, draft) for written, draft in found]
    attachments = []
    for attachment in meta.attachments:
        clean, found = drafts.remove(attachment.title, item.path)
        at = attachment.title_line or line("attachments", 1)  # the entry's own `title:` line
        mentions += [Mention(at, "attachments", written, draft) for _, written, draft in found]
        attachments.append(replace(attachment, title=" ".join(clean.split()) or attachment.file.rsplit("/", 1)[-1])
                           if found else attachment)
    if any(a is not b for a, b in zip(attachments, meta.attachments)):
        changes["attachments"] = tuple(attachments)
    if meta.source is not None:
        source, found = _source(meta.source, item.path, drafts)
        if found:
            changes["source"] = source
            mentions += [Mention(line(field, line("source", 1)), field, written, draft)
                         for field, written, draft in found]
    return (replace(meta, **changes) if changes else meta), mentions


def _tags(names: tuple[str, ...], page: str, drafts: DraftAddresses) -> tuple[tuple[str, ...], list[tuple[str, str]]]:
    """The tags without drafts' addresses (a tag that was only one goes, and its page with it:
    `/the/<slug>/` would spell the address out), and (as written, draft) of each address."""
    kept, found = [], []
    for name in names:
        clean, here = drafts.remove(name, page)
        found += [(written, draft) for _, written, draft in here]
        if not here:
            kept.append(name)
        elif slugify(clean := " ".join(clean.split())):  # a tag needs a letter or digit for its page
            kept.append(clean)
    return tuple(dict.fromkeys(kept)), found


def _source(source: Source, page: str, drafts: DraftAddresses) -> tuple[Source | None, list[tuple[str, str, str]]]:
    """The source without a draft's address: a `url:` naming one goes whole (the name stays,
    as a link to a draft stays its words), a name's address is left out; nothing left, no source.
    (field, as written, draft) of each: `source.url`, `source.name`, or `source` written as one line."""
    found: list[tuple[str, str, str]] = []
    url = source.url
    if url:
        _, in_url = drafts.remove(url, page)
        if in_url:
            found += [("source.url", url, in_url[0][2])]
            url = ""
    name, in_name = drafts.remove(source.name, page)
    field = "source.name" if source.url else "source"  # `source: Báo …` is a name on the `source:` line
    found += [(field, written, draft) for _, written, draft in in_name]
    name = " ".join(name.split())
    return (Source(name, url) if name else None), found


# --- problems -------------------------------------------------------------------------------

_GONE = "địa chỉ của bản nháp để lộ tên bài chưa đăng"
_WHERE = {"": "trang, mô tả, nguồn tin RSS và tìm kiếm",
          "summary": "tóm tắt ở mọi nơi nó hiện (trang, thẻ bài ở các danh sách, nguồn tin RSS, tìm kiếm, mô tả khi "
                     "chia sẻ)",
          "title": "tiêu đề ở mọi nơi nó hiện (trang, tên thẻ trình duyệt, các danh sách, nguồn tin RSS, tìm kiếm, "
                   "khi chia sẻ)",
          "tags": "thẻ của bài (thẻ chỉ gồm địa chỉ đó bị bỏ, cùng trang thẻ của nó)",
          "image_alt": "mô tả ảnh", "author": "dòng tác giả", "attachments": "tên tệp đính kèm",
          "source.url": "nguồn: trên trang chỉ còn tên nguồn, không có liên kết",
          "source.name": "tên nguồn", "source": "tên nguồn"}
_NAMES = {"summary": "tóm tắt", "title": "tiêu đề", "tags": "thẻ (`tags`)", "image_alt": "mô tả ảnh (`image_alt`)",
          "author": "tác giả", "attachments": "tên tệp đính kèm", "source.url": "nguồn (`url:` của `source:`)",
          "source.name": "tên nguồn (`name:` của `source:`)", "source": "nguồn (`source`)"}
_TYPED = ("summary", "title")  # fields whose markup warning gave the field back as the text to type


def problem(src: str, mention: Mention, fix_text: str = "") -> Problem:
    """The warning for one mention: file, line, field, what happens, what to do."""
    where = _NAMES.get(mention.field, "bài")
    hidden = _invisible_names(mention.written)
    seen = f" (giữa địa chỉ có ký tự vô hình {hidden}: người đọc vẫn đọc được địa chỉ)" if hidden else ""
    message = (f"{where} có địa chỉ `{short(mention.written, 80)}`{seen} của content/{mention.draft}, trang đang là "
               f"bản nháp (`draft: true`) nên không được xuất bản: địa chỉ được bỏ khỏi {_WHERE[mention.field]} "
               f"({_GONE}), cho tới khi trang đó được đăng")
    rewrite = (f"viết lại không có địa chỉ đó, ví dụ `{fix_text}`; " if fix_text else
               "xóa dòng `url:` của `source:` (hoặc ghi địa chỉ của nguồn thật); " if mention.field == "source.url" else
               f"xóa địa chỉ đó khỏi {_NAMES.get(mention.field, 'bài')}; ")
    fix = (f"{rewrite}muốn dẫn tới bài kia thì viết liên kết tới tệp của nó trong thân bài (liên kết tự hiện khi bài "
           f"được đăng); nếu không định gỡ bài kia thì xóa dòng `draft: true` của content/{mention.draft}")
    return Problem(src, mention.line, mention.field, message, fix, WARNING)


def _own_address(found: Problem, mention: Mention, item: Item, before: Item, drafts: DraftAddresses) -> Problem:
    """`found` (a title's warning), told that the item's own address, made from the title when it
    has no `slug:`, holds the draft's address too. That address is not changed: moving a
    published page breaks every link and printed QR code to it; the editor decides."""
    if mention.field != "title" or "slug" in before.meta.lines:
        return found
    own = item.path.rpartition("/")[2]
    lasts = {path.rpartition("/")[2] for path, src in drafts.paths.items() if src == mention.draft}
    if not any(last and last in own for last in lasts):
        return found
    slug = cap_slug(slugify(item.meta.title), SLUG_MAX)
    return replace(found, message=f"{found.message}; địa chỉ của chính bài này (/{item.path}/) được tạo từ tiêu đề "
                   "nên cũng có chữ của địa chỉ kia, và không bị đổi (đổi thì đường dẫn và mã QR đã in tới bài sẽ hỏng)",
                   fix=f"{found.fix}; muốn bỏ cả khỏi địa chỉ của bài này thì thêm dòng `slug: {slug}` (địa chỉ cũ của "
                   "bài sẽ không còn)")


def _invisible_names(text: str) -> str:
    """`U+200C, U+00AD` naming the invisible characters in `text` (at most three), or ''."""
    found = sorted({ord(ch) for ch in _INVISIBLE.findall(text)})
    return ", ".join(f"U+{code:04X}" for code in found[:3]) + (", …" if len(found) > 3 else "")


def _fix_texts(item: Item, before: Item, drafts: DraftAddresses) -> dict[str, str]:
    """The line to type instead, by field: the summary and title as read (`before`), without
    their markup (which they show as typed) and without the address; the tags left."""
    texts = {key: " ".join(drafts.remove(plaintext.plain(getattr(before.meta, key)), item.path)[0].split())
             for key in _TYPED}
    lines = {key: f"{key}: {short(text, 120)}" for key, text in texts.items() if text}
    tags = item.meta.tag_names
    lines["tags"] = f"tags: [{', '.join(tags)}]" if tags else ""
    return lines


def warn(item: Item, before: Item, mentions: list[Mention], drafts: DraftAddresses, problems: Problems) -> None:
    """One warning a mention, with the line to type for a summary, a title or the tags; and the
    markup warning of a summary or title, which gave it back as the text to type, gives that
    too (it wrote the draft's address out: second review of session 38, F5)."""
    lines = _fix_texts(item, before, drafts)
    problems.items.extend(_own_address(problem(item.src, mention, lines.get(mention.field, "")), mention, item, before,
                                       drafts) for mention in mentions)
    for key in {mention.field for mention in mentions} & set(_TYPED):
        told = plaintext.markup_fix(key, plaintext.plain(getattr(before.meta, key)))
        shown = lines.get(key, "").removeprefix(f"{key}: ")
        problems.items[:] = [replace(p, fix=plaintext.markup_fix(key, shown))
                             if p.path == item.src and p.field == key and p.fix == told else p
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

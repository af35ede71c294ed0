"""Links, pictures and references as the words the page shows, for the plain text of a page.

The plain text (`text.plain`: descriptions, share cards, feeds, search) reads Markdown without
rendering it. A link shows its words, a picture its alt text, a reference link `[words][k]` its
words when `k` is defined, and as written when it is not (Python-Markdown prints an unknown
reference as typed, session 38). Its patterns stopped at any bracket, so `[Luật [sửa đổi]][k]`
read «[Luật [sửa đổi]]k» and `[Luật [sửa đổi]](x.md)` kept its `(x.md)` (session 39). Brackets
are paired here as Python-Markdown's `getText` pairs them (`text.mdlinks`), and its inline
patterns are followed in their order: `[words][label]`, links, pictures, `![alt][label]`,
`[label]`, `![label]`. An unknown `[words][label]` is passed over whole by its pattern, yet its
`[words]` may still be a short reference (`[a][k]` with only `a` defined shows «a[k]»); the
words of a link are read again by the patterns after its own, an alt text by none.

Linear: brackets are paired in one pass (`bracket_pairs`), each `](` is tried once
(`inline_links`), and after each reference tried, known or not, the search goes on past its end,
as Python-Markdown's does: no label is read twice, however deep the brackets.
"""

from __future__ import annotations

import bisect
import re
from typing import Collection

from bantin.text.definitions import reference_key
from bantin.text.mdlinks import bracket_pairs, inline_links, merged_spans

_LABEL = re.compile(r"\s?\[([^\]]*)\]")  # ReferenceInlineProcessor.RE_LINK: the `[label]` after the words
_TEXT_BREAK = re.compile(r"\n[ \t>]*(?=\n)")  # a blank line (in a quote too): the paragraph ends


def shown_words(text: str, ids: Collection[str]) -> str:
    """`text` (its code spans and escapes held aside by the caller) with every link and picture
    made the words or alt text the page shows, every reference whose id is in `ids`
    (`reference_key`s) too."""
    if "[" not in text or "]" not in text:
        return text
    starts = [m.end() for m in _TEXT_BREAK.finditer(text)]
    pairs = bracket_pairs(text, starts)
    if not pairs:
        return text
    reading = _Reading(text, pairs, starts, ids)
    reading.references(image=False)  # Python-Markdown's `reference` pattern
    reading.links()  # `link`, `image_link`
    reading.references(image=True)  # `image_reference`
    reading.short(image=False)  # `short_reference`
    reading.short(image=True)  # `short_image_ref`
    return reading.result()


class _Reading:
    """The spans to drop (brackets, targets, labels), found pattern by pattern."""

    def __init__(self, text: str, pairs: dict[int, int], starts: list[int], ids: Collection[str]):
        self.text, self.pairs, self.starts, self.ids = text, pairs, starts, ids
        self.dropped: list[tuple[int, int]] = []
        self.taken: set[int] = set()  # the `[` of each link, picture or reference made
        self.closed: list[tuple[int, int]] = []  # spans no later pattern reads: targets, labels, pictures
        self.before: list[tuple[int, int]] = []  # those of the patterns before this one, merged
        self.made: list[int] = []  # where each link, picture or reference made begins
        self.made_before: list[int] = []  # those of the patterns before this one, sorted
        self.words: list[tuple[int, int]] = []  # the words of each link made (read as a text of their own)
        self.words_before: list[tuple[int, int]] = []  # those of the patterns before this one, sorted

    def known(self, label: str) -> bool:
        return reference_key(label) in self.ids

    def known_words(self, start: int, close: int) -> bool:
        """Whether the words from `start` to `close` name a definition: words holding a link made
        before hold its placeholder there, and name none (looked at first: no words are read
        twice)."""
        return not self.made_within(start + 1, close) and self.known(self.text[start + 1:close])

    def image(self, start: int) -> bool:
        return self.text[start - 1:start] == "!"

    def next_pattern(self) -> None:
        """What the patterns so far took whole is closed to the next (sorted once a pattern)."""
        self.before = merged_spans(self.closed)
        self.made_before = sorted(self.made)
        self.words_before = sorted(self.words)

    def made_within(self, start: int, end: int) -> bool:
        """Whether a link a pattern before made begins in `start`..`end`: Python-Markdown has
        put a placeholder there, which no `[label]` holds (`![a][a][]`: `[a][]` is made first)."""
        index = bisect.bisect_left(self.made_before, start)
        return index < len(self.made_before) and self.made_before[index] < end

    def inside_closed(self, offset: int) -> bool:
        """Whether `offset` lies in a span a pattern before took whole (a target, a picture)."""
        spans = self.before
        index = bisect.bisect_right(spans, (offset, float("inf"))) - 1
        return index >= 0 and spans[index][0] <= offset < spans[index][1]

    def one_text(self, start: int, end: int) -> bool:
        """Whether no paragraph begins after `start` and before `end`."""
        index = bisect.bisect_right(self.starts, start)
        return index == len(self.starts) or self.starts[index] >= end

    def references(self, image: bool) -> None:
        """`[words][label]`, `[words] [label]`, `[words][]` (`![alt][label]` when `image`): made
        words when the label is known; the search goes on after the label either way."""
        def attempt(start: int, close: int) -> int | None:
            m = _LABEL.match(self.text, close + 1)
            if m is None or not self.one_text(close, m.end()) or self.made_within(close, m.end()):
                return None
            if self.known(m.group(1)) if m.group(1) else self.known_words(start, close):
                self.make(start - image, start + 1, close, m.end(), image)
            return m.end()

        self.search(image, attempt)

    def links(self) -> None:
        """`[words](target)` and `![alt](src)`: words, alt. A link written in another link's
        words stays as written: Python-Markdown reads a link's words with the patterns after
        its own (`[a [b](c.md)](d.md)` shows «a [b](c.md)»; a picture there is one)."""
        words: list[tuple[int, int]] = []  # the words of the links made around this point
        for link in inline_links(self.text, self.pairs, self.starts):
            while words and words[-1][1] <= link.start:
                words.pop()
            bracket = link.start + link.image
            if bracket in self.taken or self.inside_closed(link.start) or (words and not link.image):
                continue
            self.make(link.start, link.text[0], link.text[1], link.end, link.image)
            if not link.image:
                words.append(link.text)
        self.next_pattern()

    def short(self, image: bool) -> None:
        """`[label]` (`![label]` when `image`): its words when the label is known; the search goes on past it."""
        def attempt(start: int, close: int) -> int:
            if self.known_words(start, close):
                self.make(start - image, start + 1, close, close + 1, image)
            return close + 1

        self.search(image, attempt)

    def search(self, image: bool, attempt) -> None:
        """Offer `attempt` each `[` (after `!` when `image`, else not) with the `]` that closes
        it, as a pattern of Python-Markdown searches: the paragraph, and the words of each link
        made by the patterns before, each a text of its own (its words are read apart, where
        the paragraph has a placeholder), searched on from where `attempt` says its last try
        there ended (None: from the next `[`). No `[` already made a link, none in a target."""
        words = self.words_before
        texts: list[list[float]] = [[float("inf"), -1]]  # (where the text ends, where its search goes on)
        next_words = 0
        for start, close in self.pairs.items():
            while next_words < len(words) and words[next_words][0] <= start:
                lo, hi = words[next_words]
                next_words += 1
                while texts[-1][0] <= lo:
                    texts.pop()
                texts.append([hi, -1])
            while texts[-1][0] <= start:
                texts.pop()
            if start < texts[-1][1] or self.image(start) != image or start in self.taken or self.inside_closed(start):
                continue
            resume = attempt(start, close)
            if resume is not None:
                texts[-1][1] = resume
        self.next_pattern()

    def make(self, start: int, words: int, words_end: int, end: int, image: bool) -> None:
        """A link (or picture) from `start` to `end` whose words lie in `words`..`words_end`."""
        self.taken.add(start + image)
        self.made.append(start)
        if not image:
            self.words.append((words, words_end))
        self.dropped += [(start, words), (words_end, end)]
        self.closed.append((start, end) if image else (words_end, end))

    def result(self) -> str:
        out, position = [], 0
        for start, end in sorted(self.dropped):
            if start < position:
                continue  # inside a span already dropped (a target holding brackets)
            out.append(self.text[position:start])
            position = end
        return "".join(out) + self.text[position:]

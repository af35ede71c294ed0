"""The Corpus: every content item of one build, validated and indexed (DESIGN §2).

Built once per build before any page renders, so every cross-page listing (categories,
tags, years, documents, related items) is complete and consistent, and immutable so that
nothing leaks from one `mkdocs serve` rebuild into the next.
"""

from __future__ import annotations

import copy
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from itertools import accumulate
from types import MappingProxyType
from typing import Callable, Collection, Iterable, Mapping

from bantin.workers import policy
from bantin.workers.background import fork_pool
from bantin.content.sanitize import report_unsafe
from bantin.content import placeholders
from bantin.content.drafts.policy import declared_type, declares_draft
from bantin.content.fields import SLUG_MAX, folder_kind
from bantin.content.frontmatter import read_file
from bantin.content.links import files_item, unlink_item
from bantin.legal.names import NAMED_KINDS, written_name
from bantin.legal.numbers import DocRef, find_references, parse_reference
from bantin.legal.registry import Registry
from bantin.content.model import Item, Question, Tag, Text
from bantin.problems import Problems
from bantin.content.nearby import Known
from bantin.content.notes import report_notes
from bantin.content.openblocks import report_open_blocks
from bantin.content.pasted import report_pasted
from bantin.content.shape import report_shape
from bantin.content.points import report_points
from bantin.content.blockslips import report_block_slips
from bantin.content.handbook.reader import parse_handbook
from bantin.content.handbook.headings import heading_lines, split_heading
from bantin.content.handbook.idproblems import NO_ID, missing_id, shared_id, taken_id
from bantin.content.handbook.ids import new_id, paste_line
from bantin.config.settings import Category, SiteConfig
from bantin.site.urls import UrlScheme
from bantin.text.vi import cap_slug, nfc, slugify, sort_key



def citations(item: Item, registry: Registry) -> list[DocRef]:
    """Documents an item cites: its front matter `documents` and the numbers in its text, a
    law's with the name written before it (legal/names.py)."""
    declared = [parse_reference(entry, registry) for entry in item.meta.documents]
    found = [replace(ref, name=written_name(item.body, ref.start)) if ref.kind in NAMED_KINDS else ref
             for ref in find_references(item.body, registry)]
    return [ref for ref in declared if ref is not None] + found


def written_names(refs: Iterable[DocRef]) -> dict[str, str]:
    """Document slug -> the name its citations give it most often (the first of equals).

    Used only where the site registers no title: a reader sees "Luật số 60/2014/QH13: Luật Hộ
    tịch" instead of a bare number."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for ref in refs:
        if ref.name:
            counts[ref.slug][ref.name] += 1
    return {slug: names.most_common(1)[0][0] for slug, names in counts.items()}


def newest_first(items: Iterable[Item]) -> list[Item]:
    """Newest first; ties broken by path so every build lists in the same order."""
    return sorted(items, key=lambda i: (-i.date.timestamp(), i.path))


# The build log is read by editors: kinds in their words ("15 tin bài", not "15 article").
KIND_WORDS = {"article": "tin bài", "qa": "sổ tay hỏi - đáp", "guide": "tài liệu hướng dẫn", "page": "trang"}


@dataclass(frozen=True)
class Counts:
    """What happened to every content file, printed after each build (DESIGN §7)."""

    published: Mapping[str, int]
    drafts: int
    reported: int
    draft_only: int = 0  # static files only drafts use: not published (site/build.py's read_site)
    draft_files: tuple[str, ...] = ()  # the drafts, by path in content/

    def summary(self) -> str:
        kinds = ", ".join(f"{n} {KIND_WORDS.get(k, k)}" for k, n in sorted(self.published.items()))
        held = f"; {self.draft_only} tệp chỉ bản nháp dùng (không xuất bản)" if self.draft_only else ""
        return f"Bản tin: xuất bản {kinds or '0 tệp'}; {self.drafts} bản nháp; {self.reported} tệp có lỗi{held}"

    def drafts_line(self, shown: int = 10) -> str:
        """The drafts by name, so a finished article left with `draft: true` is seen (a
        province's trial: the count went from 3 to 4, and the article was simply missing)."""
        if not self.draft_files:
            return ""
        names = ", ".join(self.draft_files[:shown])
        more = f" và {len(self.draft_files) - shown} tệp khác" if len(self.draft_files) > shown else ""
        return f"Bản nháp, không xuất bản (bài đã xong thì xóa dòng `draft: true`): {names}{more}"


@dataclass(frozen=True)
class Corpus:
    """All items of a build and the indexes every page and artifact reads."""

    site: SiteConfig
    items: tuple[Item, ...]  # every valid item, drafts included, newest first
    include_drafts: bool = False
    cites: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # item path → document slugs
    doc_refs: Mapping[str, DocRef] = field(default_factory=dict)  # document slug → how it is cited
    asset_sizes: Mapping[str, int] = field(default_factory=dict)  # non-Markdown files → bytes
    counts: Counts = Counts({}, 0, 0)
    doc_names: Mapping[str, str] = field(default_factory=dict)  # document slug → name as written (unregistered)
    left_out: frozenset[str] = frozenset()  # drafts with an error, not shown even when drafts are (content/drafts/policy.py)

    def __post_init__(self) -> None:
        index: dict[str, dict] = defaultdict(lambda: defaultdict(list))
        for item in self.listed:
            index["category"][item.category.slug if item.category else ""].append(item)
            index["year"][item.year].append(item)
            index["kind"][item.kind].append(item)
            for tag in item.tags:
                index["tag"][tag.slug].append(item)
            for doc in self.cites.get(item.path, ()):
                index["document"][doc].append(item)
        frozen = {name: MappingProxyType({k: tuple(v) for k, v in groups.items()}) for name, groups in index.items()}
        object.__setattr__(self, "_index", frozen)
        object.__setattr__(self, "_by_path", {i.path: i for i in self.items})
        positions = {item.path: n for group in frozen.get("category", {}).values() for n, item in enumerate(group)}
        object.__setattr__(self, "_category_position", positions)
        object.__setattr__(self, "_by_src", {i.src: i for i in self.items})

    # --- selections ---------------------------------------------------------------------
    @property
    def published(self) -> tuple[Item, ...]:
        """Items that get a page: drafts only in the live preview, and there not those left out."""
        return tuple(i for i in self.items if self.shows(i))

    def shows(self, item: Item) -> bool:
        """Whether `item` gets a page in this build."""
        return not item.meta.draft or (self.include_drafts and item.src not in self.left_out)

    def leaving_out(self, drafts: Collection[str]) -> "Corpus":
        """This corpus with the drafts `drafts` given no page (`left_out`). A shallow copy: the
        indexes hold listed items only, never drafts, so they stay as they are."""
        clone = copy.copy(self)
        object.__setattr__(clone, "left_out", frozenset(drafts))
        return clone

    @property
    def listed(self) -> tuple[Item, ...]:
        """Items that appear in listings, feeds, search and the sitemap: never drafts or pages."""
        return tuple(i for i in self.items if i.listed)

    def _group(self, name: str) -> Mapping:
        return self._index.get(name, MappingProxyType({}))  # type: ignore[attr-defined]

    def in_category(self, slug: str) -> tuple[Item, ...]:
        return self._group("category").get(slug, ())

    def with_tag(self, slug: str) -> tuple[Item, ...]:
        return self._group("tag").get(slug, ())

    def in_year(self, year: int) -> tuple[Item, ...]:
        return self._group("year").get(year, ())

    def of_kind(self, kind: str) -> tuple[Item, ...]:
        return self._group("kind").get(kind, ())

    def citing(self, doc: str) -> tuple[Item, ...]:
        return self._group("document").get(doc, ())

    @property
    def years(self) -> list[int]:
        return sorted(self._group("year"), reverse=True)

    @property
    def documents(self) -> list[str]:
        return sorted(self._group("document"))

    def document(self, slug: str):
        """The registered Document for a slug, or None when it is only known from citations."""
        ref = self.doc_refs.get(slug)
        return self.site.registry.get(ref.key) if ref is not None else None

    def document_label(self, slug: str) -> str:
        """'Luật số 31/2024/QH15' / 'Quyết định số 432/QĐ-UBND năm 2024', plus the registered
        title, else the name the pages write before the number."""
        ref, doc = self.doc_refs[slug], self.document(slug)
        title = doc.title if doc is not None and doc.title else self.doc_names.get(slug, "")
        return f"{ref.label}: {title}" if title else ref.label

    @property
    def tags(self) -> list[Tag]:
        """Every tag in use, by title in the Vietnamese alphabet (đ after d: `vi.sort_key`)."""
        seen = {t.slug: t for i in self.listed for t in i.tags}
        return sorted(seen.values(), key=lambda t: (sort_key(t.title), t.slug))

    @property
    def categories(self) -> tuple[Category, ...]:
        return self.site.categories

    @property
    def featured(self) -> tuple[Item, ...]:
        return tuple(i for i in self.listed if i.meta.featured)

    def category_neighbours(self, item: Item) -> tuple[Item | None, Item | None]:
        """(newer, older) neighbour of a listed item within its category."""
        group = self.in_category(item.category.slug) if item.category else ()
        n = self._category_position.get(item.path)  # type: ignore[attr-defined]
        if n is None:
            return None, None
        return (group[n - 1] if n > 0 else None, group[n + 1] if n + 1 < len(group) else None)

    def recounted(self, total: int, problems: Problems, draft_only: int = 0,
                  unread_drafts: Collection[str] = ()) -> "Corpus":
        """This corpus with counts that include problems found after it was built (addresses,
        links, files of content/ that are not pages); `unread_drafts` are drafts whose front
        matter could not be read (content/drafts/policy.py): counted as drafts, not as files with errors.

        A shallow copy shares the indexes; `dataclasses.replace` would build them again.
        """
        clone = copy.copy(self)
        counts = count_files(total, self.items, problems)
        counts = replace(counts, draft_only=draft_only, drafts=counts.drafts + len(unread_drafts),
                         reported=counts.reported - len(unread_drafts),
                         draft_files=tuple(sorted({*counts.draft_files, *unread_drafts})))
        object.__setattr__(clone, "counts", counts)
        return clone

    def unlinked(self, gone: Mapping[str, Collection[str]]) -> "Corpus":
        """This corpus with the links of each item of `gone` (src → drafts it links to) made
        their words (links.unlink_item): what a build publishes when a page linking to it was
        taken down. Indexes are built again, which only a site with such links pays."""
        return self._changed(gone, unlink_item)

    def with_files(self, by_address: Mapping[str, Mapping[str, str]],
                   hidden: Mapping[str, Collection[str]] | None = None) -> "Corpus":
        """This corpus with each item of `by_address` (src → {full address: file}) linking the
        files its full addresses of this site name (links.files_item, checks._own_address), and
        without its autolinks to the drafts' addresses in `hidden` (src → addresses)."""
        hidden = hidden or {}
        return self._changed(by_address, lambda item, files: files_item(item, files, hidden.get(item.src, ())))

    def replaced(self, items: Mapping[str, Item]) -> "Corpus":
        """This corpus with `items` (src → item) in place of the items of those sources. When
        one's tags changed (a draft's address left out of them: content/drafts/mentions.py), every
        item's tags are merged again, so a tag page's name and its items are the new tags'."""
        changed = self._changed(items, lambda item, new: new)
        if all(new.meta.tag_names == old.meta.tag_names for old in self.items if (new := items.get(old.src))):
            return changed
        return replace(changed, items=tuple(_merge_tags(list(changed.items))))

    def _changed(self, by_src: Mapping, change: Callable) -> "Corpus":
        """This corpus with `change(item, by_src[item.src])` in place of each item named."""
        return replace(self, items=tuple(change(item, by_src[item.src]) if item.src in by_src else item
                                         for item in self.items))

    def by_path(self, path: str) -> Item | None:
        return self._by_path.get(path)  # type: ignore[attr-defined]

    def by_src(self, src: str) -> Item | None:
        return self._by_src.get(src)  # type: ignore[attr-defined]

    def questions(self) -> Iterable[tuple[Item, Question]]:
        for handbook in self.published:
            for question in handbook.questions:
                yield handbook, question


# --- building ---------------------------------------------------------------------------

def _parse_item(src: str, data: bytes, site: SiteConfig, urls: UrlScheme,
                problems: Problems, exists) -> tuple[Item | None, Item | Text | None]:
    """(the item to publish, None when the file has an error; what the body's checks read: the
    item, or the body alone when the file has an error, None when even that could not be read)."""
    before = len(problems.errors)
    parsed, text = read_file(src, data, site, problems, exists)
    if parsed is None:
        if text is not None:
            _report_unread(src, data, text, problems)
        return None, text
    meta, body = parsed.meta, parsed.body
    intro, questions, groups = ("", (), ())
    if meta.kind == "qa":
        intro, questions, groups = parse_handbook(src, body, parsed.body_line, problems, meta.title)
    failed = len(problems.errors) > before
    if not meta.draft:  # a draft's placeholder text is its to-do list
        # Said with the fields' errors, not once they are mended: `init`'s examples made an
        # editor fix their title, then learn of their slug and body (a province's trial, session 51).
        placeholders.report(src, body, parsed.body_line, problems)
        placeholders.report_addresses(src, meta, questions, problems)
    if failed:
        return None, text
    item = Item(src=src, meta=meta, body=body, body_line=parsed.body_line,
                path=urls.item(meta.kind, meta.slug), questions=questions, intro=intro, groups=groups)
    return item, item


def _merge_tags(items: list[Item]) -> list[Item]:
    """Give every item Tag objects; spellings that fold to one slug show the most common one."""
    spellings: dict[str, Counter] = defaultdict(Counter)
    for item in items:
        for name in item.meta.tag_names:
            spellings[slugify(name)][name] += 1
    titles = {slug: min(c.items(), key=lambda kv: (-kv[1], kv[0]))[0] for slug, c in spellings.items() if slug}
    merged = []
    for item in items:
        slugs = dict.fromkeys(s for s in (slugify(n) for n in item.meta.tag_names) if s)
        merged.append(replace(item, tags=tuple(Tag(s, titles[s]) for s in slugs)))
    return merged


def _check_unique(items: list[Item], problems: Problems, taken: set[str]) -> None:
    """Two files at one address, or one question id twice, are errors naming both places.

    A question id used twice (`_shared_question_id`): a draft's question is told to change
    (the published one's address may be printed on paper and QR codes); two published ones
    are each named with the line to paste, since nothing here knows which came first.
    `taken` holds every id of the site (fresh ids avoid it).
    """
    at: dict[str, list[Item]] = {}
    uses: dict[str, list[tuple[Item, Question]]] = {}
    for item in items:
        at.setdefault(item.path, []).append(item)
        for question in item.questions:
            uses.setdefault(question.id, []).append((item, question))
    suggested: set[str] = set()  # two newer files are never told the same slug
    for path, found in at.items():
        if len(found) < 2:
            continue
        found.sort(key=lambda item: (item.meta.draft, item.meta.date, item.src))
        owner = found[0]
        for item in found[1:]:
            key = "slug" if "slug" in item.meta.lines else "title"
            own = cap_slug(slugify(item.title), SLUG_MAX) if key == "slug" else ""
            free = _free_slug(own or item.meta.slug, item.meta.date.year, set(at) | suggested, plain=bool(own))
            suggested.add(free)
            why = "bài kia đã đăng" if item.meta.draft and not owner.meta.draft else "bài có trước"
            problems.error(item.src, item.meta.lines.get(key, 1), key,
                           f"trùng địa chỉ /{path}/ với tệp {owner.src} (ngày {owner.meta.date:%d/%m/%Y}), "
                           f"{why} nên giữ địa chỉ này",
                           f"thêm dòng `slug: {free}` (hoặc sửa dòng đó nếu đã có) vào bài này; đừng đổi bài kia: "
                           "địa chỉ của nó có thể đã được in, chia sẻ")
    for qid, found in uses.items():
        if len(found) > 1:
            _shared_question_id(qid, found, problems, taken)


def _shared_question_id(qid: str, found: list[tuple[Item, Question]], problems: Problems, taken: set[str]) -> None:
    """One id on several questions. A draft's question changes its id when a published one has
    it (reliable: the draft is not published). Among published questions (or drafts alone)
    nothing tells which came first, so each is reported naming the others (handbook.idproblems.shared_id)."""
    found = sorted(found, key=lambda use: (use[0].src, use[1].line))
    published = [use for use in found if not use[0].meta.draft]
    if published:
        owner, owner_q = published[0]
        for item, question in found:
            if item.meta.draft:
                problems.items.append(taken_id(item.src, question.line, qid, _heading(item, question),
                                               f"{owner.src}:{owner_q.line}", taken))
    group = published or found
    if len(group) < 2:
        return
    # Of two, only one changes: both may be offered the same free id (a copy gets `-2`, not `-3`).
    before = set(taken)
    fresh = [new_id(question.title, set(before) if len(group) == 2 else taken) for _, question in group]
    taken.update(fresh)
    places = [(item.src, question.line, paste_line(_heading(item, question), qid_))
              for (item, question), qid_ in zip(group, fresh)]
    for index, here in enumerate(places):
        problems.items.append(shared_id(qid, here, places[:index] + places[index + 1:]))


def _free_slug(slug: str, year: int, used_paths: set[str], plain: bool = False) -> str:
    """A slug near `slug` that no item's address ends with: `slug` itself when `plain`, then
    `<slug>-<year>`, `-2`, `-3`…

    A file whose own `slug:` line repeats another's is offered a slug made from its own title
    (`plain`): the one it copied would have given it an address naming the other article, for
    good, since addresses are printed (a province's review, session 23)."""
    ends = {path.rsplit("/", 1)[-1] for path in used_paths}
    for candidate in ((slug,) if plain else ()) + (f"{slug}-{year}", *(f"{slug}-{n}" for n in range(2, 1000))):
        if candidate not in ends:
            return candidate
    return f"{slug}-moi"


def _heading(item: Item, question: Question) -> str:
    """The text of a question's heading line, as the editor wrote it (after `## `)."""
    line = item.body.split("\n")[question.line - item.body_line]
    return line[2:].strip()


def _fresh_missing_ids(problems: Problems, files: Mapping[str, bytes], taken: set[str]) -> None:
    """A missing id's suggestion (made by its file alone, content/handbook/idproblems.py) becomes unique on the
    whole site: every id in use, and every id suggested before it, is avoided."""
    texts: dict[str, list[str]] = {}  # each file's lines, decoded once
    for index, problem in enumerate(problems.items):
        if problem.field or not problem.message.endswith(NO_ID) or problem.path not in files:
            continue
        if problem.path not in texts:
            texts[problem.path] = files[problem.path].decode("utf-8", "replace").split("\n")
        lines = texts[problem.path]
        line = nfc(lines[problem.line - 1].rstrip("\r")) if 0 < problem.line <= len(lines) else ""
        text = line[2:].strip() if line.startswith("## ") else ""
        if text:
            problems.items[index] = missing_id(problem.path, problem.line, text, taken)


def _site_ids(items: list[Item], failed: Iterable[bytes]) -> set[str]:
    """Every question id of the site: the handbooks read, and the headings of files that failed
    (a handbook with one mistake still owns its other ids)."""
    taken = {q.id for item in items for q in item.questions}
    for data in failed:
        taken.update(qid for _, text in heading_lines(data.decode("utf-8", "replace"))
                     if (qid := split_heading(text)[1]))
    return taken


def count_files(total: int, items: Iterable[Item], problems: Problems) -> Counts:
    """Published, drafts, and files with an error: the three add up to every file."""
    failed = {p.path for p in problems.errors}
    good = [i for i in items if i.src not in failed]
    published = Counter(i.kind for i in good if not i.meta.draft)
    drafts = sorted(i.src for i in good if i.meta.draft)
    return Counts(dict(published), len(drafts), total - sum(published.values()) - len(drafts), draft_files=tuple(drafts))


def _read_files(srcs: list[str], files: Mapping[str, bytes], site: SiteConfig, urls: UrlScheme,
                sizes: Mapping[str, int]) -> list[tuple[Item | None, list, list[DocRef]]]:
    """Parse, check and find the citations of each file: the per-file part of a corpus."""
    done = []
    known = Known(sizes)  # the files front matter may name, and the one meant by a wrong path
    for src in srcs:
        problems = Problems()
        item, text = _parse_item(src, files[src], site, urls, problems, known)
        refs: list[DocRef] = []
        if text is not None:  # links and images: checks.check_links, once every page is known
            _report_text(text, site, problems)
        if item is not None:
            refs = citations(item, site.registry)
        elif not problems.errors:  # nothing vanishes: a rule that refused the file without a word
            problems.error(src, 1, "", "tệp không được xuất bản nhưng chưa có thông báo nào nói vì sao",
                           "xem lại phần khai báo (title, date, category); nếu vẫn không thấy lỗi, "
                           "báo cho người phụ trách kỹ thuật kèm tệp này")
        done.append((item, problems.items, refs))
    return done


def _report_unread(src: str, data: bytes, text: Text, problems: Problems) -> None:
    """What a file whose fields make no item says of its body, with the fields' errors: the
    starter's example words (unless it says `draft: true`), and in hoi-dap/ its questions'
    lines and ids (a trial, session 56: a question's `{#id` typo was told only once a wrong date
    was mended). The ids shared with other handbooks wait for the item."""
    if not declares_draft(data):
        placeholders.report(src, text.body, text.body_line, problems)
    declared = declared_type(data)  # the front matter's own `type:`, else the folder's
    if (declared or folder_kind(src)) == "qa":
        parse_handbook(src, text.body, text.body_line, problems)


def _report_text(text: Item | Text, site: SiteConfig, problems: Problems) -> None:
    """The checks of a file's Markdown, said with its fields' errors: a file with an error is
    checked too, so the editor does not mend the fields only to learn of the body in the next
    build (session 55's trial: errors came in rounds). The shape's checks read the fields and a
    handbook's questions, whose own errors already name the lines they would (a question
    written `# `): only a file without errors gets them."""
    report_unsafe(text.src, text.body, text.body_line, site.iframe_hosts, problems)
    if isinstance(text, Item):
        report_shape(text, problems)
    report_points(text, problems)
    report_block_slips(text, problems)
    report_pasted(text, problems)
    report_notes(text, problems)
    report_open_blocks(text, problems)


def _read_all(srcs: list[str], files: Mapping[str, bytes], site: SiteConfig, urls: UrlScheme,
              sizes: Mapping[str, int]) -> list[tuple[Item | None, list, list[DocRef]]]:
    """`_read_files` over every file; a large site reads half of them in a forked process.

    Half by bytes, not by count: a handbook of 30 questions is 20 times an article, and the
    handbooks sort together (issue 17: at 100,000 articles the halves by count took 47 s
    and 34 s).
    """
    if not policy.read_split(len(srcs)):
        return _read_files(srcs, files, site, urls, sizes)
    ends = list(accumulate(len(files[src]) for src in srcs))
    half = min(max(bisect_left(ends, ends[-1] / 2), 1), len(srcs) - 1)
    second = {src: files[src] for src in srcs[half:]}
    with fork_pool() as pool:
        later = pool.submit(_read_files, srcs[half:], second, site, urls, sizes)
        return _read_files(srcs[:half], files, site, urls, sizes) + later.result()


def build_corpus(files: Mapping[str, bytes], site: SiteConfig, urls: UrlScheme, *,
                 assets: Mapping[str, int] | None = None,
                 include_drafts: bool = False) -> tuple[Corpus, Problems]:
    """Corpus from Markdown files (path relative to content/ → bytes) and the other files.

    Every file ends up published, a draft, or reported in `Problems`: nothing vanishes.
    """
    problems = Problems()
    sizes = {**{src: len(data) for src, data in files.items()}, **dict(assets or {})}
    read_files = _read_all(sorted(files), files, site, urls, sizes)
    refs_of: dict[str, list[DocRef]] = {}
    for item, found, refs in read_files:
        problems.extend(found)
        if item is not None:
            refs_of[item.src] = refs
    items = _merge_tags([item for item, _, _ in read_files if item is not None])
    failed = {p.path for p in problems.errors if p.path in files} - {item.src for item in items}
    taken = _site_ids(items, (files[src] for src in sorted(failed)))
    _fresh_missing_ids(problems, files, taken)
    # Published items first: in a clash with a draft, the draft is the one told to change (content/drafts/policy.py).
    _check_unique(sorted(items, key=lambda item: item.meta.draft), problems, taken)
    cites, doc_refs = {}, {}
    for item in items:
        for ref in refs_of[item.src]:
            doc_refs.setdefault(ref.slug, ref)
        cites[item.path] = tuple(dict.fromkeys(ref.slug for ref in refs_of[item.src]))
    names = written_names(ref for item in items if item.listed for ref in refs_of[item.src])
    counts = count_files(len(files), items, problems)
    assets_only = {k: v for k, v in sizes.items() if k not in files}
    corpus = Corpus(site, tuple(newest_first(items)), include_drafts, cites, doc_refs, assets_only, counts, names)
    return corpus, problems

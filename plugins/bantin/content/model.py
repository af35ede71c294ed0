"""The content model (DESIGN §3): what an article, handbook, question or guide *is*.

Immutable records, built once per build by the reader and the corpus; templates and
artifacts (search, feeds, sitemap) only read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from datetime import datetime

from bantin.config.settings import Category

KINDS = ("article", "qa", "guide", "page")
KIND_LABELS = {
    "article": "Tin bài",
    "qa": "Hỏi - Đáp",
    "question": "Hỏi - Đáp",
    "guide": "Hướng dẫn",
    "page": "Trang",
}
# Folder of a content file → its default type.
FOLDER_KINDS = {"tin-tuc": "article", "hoi-dap": "qa", "huong-dan": "guide", "trang": "page"}
KIND_FOLDERS = {kind: folder for folder, kind in FOLDER_KINDS.items()}  # the folder of each kind's files


@dataclass(frozen=True)
class Tag:
    """A tag; spellings that fold to one slug share it, shown in the most common spelling."""

    slug: str
    title: str


@dataclass(frozen=True)
class Source:
    name: str
    url: str = ""


@dataclass(frozen=True)
class Attachment:
    title: str
    file: str  # path relative to content/, already resolved against the item's folder
    size: int = 0
    # Its `file:` and `title:` lines in the front matter (0: not known): a problem names its line.
    line: int = field(default=0, compare=False)
    title_line: int = field(default=0, compare=False)

    @property
    def extension(self) -> str:
        return self.file.rsplit(".", 1)[-1].upper() if "." in self.file else ""


@dataclass(frozen=True)
class Question:
    """One `## ` section of a Hỏi - Đáp handbook, with its permanent id."""

    id: str
    title: str  # as text: what the heading shows («Nghỉ \\*phép\\*» is «Nghỉ *phép*»)
    number: int
    body: str  # Markdown of the answer
    line: int
    legal_basis: str = ""
    heading: str = ""  # as written, Markdown (the handbook page renders it); "" when it is `title`
    group: str = ""  # the id of the group («nhóm câu hỏi», a `# ` line) it is in; "" before any group
    group_title: str = ""  # that group's title as text: its own page and A4 sheet name it


@dataclass(frozen=True)
class Group:
    """A `# ` line of a Hỏi - Đáp handbook (session 40): a group of the questions after it,
    as a Word handbook's «I. NGƯỜI ĐƯỢC TRỢ GIÚP PHÁP LÝ». An anchor of the handbook page
    only: no page, no short link, so its id is no permanent address."""

    id: str
    title: str  # as text
    intro: str  # Markdown between its line and the first question after it
    line: int
    heading: str = ""  # as written, Markdown; "" when it is `title`
    named: bool = False  # its id is its own `{#id}`, not made from its words (`handbook.groups.group_anchor`)


@dataclass(frozen=True)
class Meta:
    """Validated front matter, one field per DESIGN §3 entry."""

    title: str
    date: datetime
    kind: str
    category: Category | None = None
    tag_names: tuple[str, ...] = ()
    author: str = ""
    source: Source | None = None
    summary: str = ""
    image: str = ""  # relative to content/
    image_alt: str = ""
    documents: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    draft: bool = False
    featured: bool = False
    updated: datetime | None = None
    aliases: tuple[str, ...] = ()
    slug: str = ""
    # Each front-matter key's line, for messages about the whole site (two files at one address).
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Text:
    """A content file's Markdown body alone, where its front matter could not make an `Item`
    (a field missing or unreadable): the body's checks still run on it, so an editor hears of
    every mistake in one build, not of the body's once the fields are mended (session 56)."""

    src: str
    body: str
    body_line: int


@dataclass(frozen=True)
class Item:
    """A content file after validation: its metadata, body and address."""

    src: str  # path relative to content/, '/'-separated
    meta: Meta
    body: str  # Markdown without front matter
    body_line: int  # line of the body's first line in the file, for error messages
    path: str  # page path (see urls.py)
    tags: tuple[Tag, ...] = ()
    questions: tuple[Question, ...] = ()
    intro: str = ""  # handbooks: text before the first question or group
    groups: tuple[Group, ...] = ()  # handbooks: their groups of questions, in order

    @property
    def kind(self) -> str:
        return self.meta.kind

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def date(self) -> datetime:
        return self.meta.date

    @property
    def year(self) -> int:
        return self.meta.date.year

    @property
    def category(self) -> Category | None:
        return self.meta.category

    @property
    def lastmod(self) -> datetime:
        return self.meta.updated or self.meta.date

    @cached_property
    def words(self) -> int:
        """Words of the body, counted when a page first shows them: `bantin check` never
        does, and splitting every body was a tenth of its reading at 100,000 items."""
        return len(self.body.split())

    @property
    def reading_minutes(self) -> int:
        """Minutes to read at ~200 words a minute, never less than one."""
        return max(1, round(self.words / 200))

    @property
    def listed(self) -> bool:
        """Plain pages and drafts stay out of every listing."""
        return self.kind != "page" and not self.meta.draft

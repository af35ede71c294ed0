"""Links of an imported article made final (step 5), once every page of the run has its file.

A link to a page of the old portal that has a page on the new site (`oldpages`) becomes a
relative Markdown link to that page's file: MkDocs checks it and gives it the site's
addresses (`urls:`), online and offline. Any other link to the portal keeps its old address,
absolute, and is noted with its line: it breaks when the portal closes. A link elsewhere is
kept as it is; what must not be a link (`links`: a script, an address that cannot be
followed, one too long) is its text alone (an image alone, for a link around one), noted.
A link kept to a page that the same run was given and refused says so, with that file
(`refused_in_run`). Nothing an old page linked disappears without a line in the report.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, replace
from typing import Iterable
from urllib.parse import quote, urlsplit

from bantin.problems import short, visible
from bantin.text.vi import format_integer
from bantin.site.redirectmap import matching_rule, query_rules
from bantin.tools.importer.links import (
    DOCUMENT, HREF_MAX, LONG, MAIL, MARKER, RELATIVE, ROOT, TEXT, UNSAFE, WEB, marker_href,
)
from bantin.tools.importer.oldpages import NewPage, OldPages


OLD = "old"      # kept: a page of the portal no page of the new site comes from
DRAFT = "draft"  # kept (or text, for a path): that page's new page is still a draft
NOW = "now"      # in a file written before: a link to a portal page this run imported
LEAD = "lead"    # in the first paragraph, which became `summary:` (plain text)
REFUSED = "refused"  # kept: that page was in this run and refused (`page`: the file given, whose error says why)
STILL_OLD = "vẫn trỏ về cổng thông tin cũ"  # how the report names a kept link; the closing advice quotes it


@dataclass(frozen=True)
class LinkNote:
    """One link the editor must look at: its line in the file, why (`kind`: OLD, DRAFT, NOW
    or one of the `links` kinds that stay text), its text (an image's description when the
    link is around an image, `image`), its address (as written for a refused one); for DRAFT
    and NOW the new page's file (`page`) and the link to write (`later`); for NOW the file
    the link is in (a file written before this run); for REFUSED the page refused, as the
    file given (`page`)."""

    line: int
    kind: str
    label: str
    address: str
    later: str = ""
    page: str = ""
    file: str = ""
    image: bool = False

    @property
    def still_old(self) -> bool:
        """A link kept to the old portal's address, which breaks when the portal closes: the
        lines that say STILL_OLD, which the closing advice counts (`advice`)."""
        return self.kind in (OLD, NOW, REFUSED) or self.kind == DRAFT and not self.address.startswith("/")

    def message(self) -> str:
        """What the report says, in Vietnamese, with what to do."""
        label, address = f"«{self.label}»", short(visible(self.address), 160)
        label, kept = (f"quanh ảnh {label}", "ảnh") if self.image else (label, "chữ")  # what stays without the link
        again = "nhập lại trang với --url ĐỊA_CHỈ_CŨ_CỦA_TRANG (xóa bài vừa tạo trước), hoặc tự thêm liên kết"
        if self.kind == OLD:
            return f"liên kết {label} {STILL_OLD}: {address} (trang đó chưa được nhập)"
        if self.kind == REFUSED:
            return (f"liên kết {label} {STILL_OLD}: {address}: trang đó bị từ chối trong lần nhập này (xem dòng "
                    f"«lỗi:» hay «lưu ý:» của {self.page}) → nếu trang ấy đã có trên trang mới, sửa liên kết cho trỏ tới đó; nếu "
                    "chưa, sửa điều dòng lỗi nêu rồi nhập lại trang ấy, hoặc bỏ liên kết")
        if self.kind == LEAD:
            return (f"liên kết {label} của đoạn mở đầu không giữ được: đoạn đó thành `summary:`, là chữ không có "
                    f"liên kết → nếu cần, thêm liên kết vào thân bài: `{self.later}`")
        if self.kind == NOW:
            return (f"liên kết {label} {STILL_OLD}: {address}, trang vừa được nhập thành {self.page} → sửa liên "
                    f"kết thành `{self.later}`")
        if self.kind == DRAFT and self.address.startswith("/"):
            return (f"liên kết {label} tới {address} của cổng thông tin cũ chỉ còn là {kept}: trang đó đã được nhập "
                    f"thành {self.page} nhưng còn là bản nháp → khi xuất bản bài đó, thêm lại liên kết `{self.later}`")
        if self.kind == DRAFT:
            return (f"liên kết {label} {STILL_OLD}: {address}: trang đó đã được nhập thành {self.page} nhưng còn là "
                    f"bản nháp, và liên kết tới bản nháp chỉ hiện thành chữ trên trang → khi xuất bản bài đó, sửa liên "
                    f"kết thành `{self.later}`")
        if self.kind == ROOT:
            return (f"liên kết {label} tới {address} chỉ còn là {kept}: không biết tên miền của trang cũ, và chưa có "
                    f"bài nào được nhập từ địa chỉ đó → {again}")
        if self.kind == RELATIVE:
            return (f"liên kết {label} tới {address} chỉ còn là {kept}: địa chỉ viết tương đối, mà không biết địa chỉ "
                    f"cũ của trang nên không biết nó trỏ tới đâu → {again}")
        if self.kind == UNSAFE:
            scheme = self.address.split(":", 1)[0].lower()
            return (f"đã bỏ liên kết {label} ({address}): địa chỉ loại `{visible(scheme)}:` không được dùng trên "
                    f"trang (có thể chạy mã hoặc mở nội dung lạ); {kept} được giữ lại → nếu cần liên kết, ghi địa "
                    "chỉ bắt đầu bằng https://")
        if self.kind == LONG:
            size, _, start = self.address.partition(":")
            return (f"đã bỏ liên kết {label}: địa chỉ dài {format_integer(int(size))} ký tự, quá giới hạn "
                    f"{format_integer(HREF_MAX)} ({start}); {kept} được giữ lại → nếu cần liên kết, tự thêm địa chỉ đúng")
        return (f"đã bỏ liên kết {label} ({address}): không phải địa chỉ trang web dùng được (tên miền sai hoặc "
                f"có ký tự lạ); {kept} được giữ lại → nếu cần liên kết, tự thêm địa chỉ đúng")


def advice(count: int) -> str:
    """What the report says once, after the lines of links kept to the old portal (`count`:
    the lines that say so, `LinkNote.still_old`, in the pages just imported and in files
    written before): only what holds for articles and questions alike (a `--handbook` run
    links its questions to each other, before or after, as an article run links its
    articles; a later import names the lines of files written before, never rewrites them,
    and names none for a draft)."""
    return (f"{count} liên kết {STILL_OLD} (các dòng «{STILL_OLD}» ở trên) và sẽ hỏng khi "
            "cổng cũ đóng. Với mỗi liên kết, hãy: nhập cả trang đó bằng `bantin import` (các tin bài nhập cùng một "
            "lần, hay các câu hỏi nhập cùng một lần vào một sổ tay, thì tự liên kết với nhau; nhập sau thì lệnh chỉ "
            "ra dòng cần sửa và liên kết cần viết, trừ khi trang ấy là bản nháp), hoặc sửa liên kết cho trỏ tới "
            "trang tương ứng trên trang mới, hoặc bỏ liên kết. Địa chỉ cũ của trang đã nhập chỉ còn dẫn tới trang "
            "mới khi tên miền cũ vẫn chạy và chuyển hướng (`bantin redirects`)")


def final_links(markdown: str, folder: str, pages: OldPages, first_line: int) -> tuple[str, list[LinkNote]]:
    """The body with every marker (`links.link_markdown`) written as its final link or text,
    and the notes for the report. `folder`: the article's folder in the content folder
    ('tin-tuc'), which relative links start from; `first_line`: the body's first line in the
    file. Markers never span lines (their text has no line break)."""
    notes: list[LinkNote] = []
    lines = markdown.split("\n")
    for index, line in enumerate(lines):
        if "](<" in line:
            lines[index] = MARKER.sub(lambda m: _final(m, folder, pages, first_line + index, notes), line)
    return "\n".join(lines), notes


def _final(match: re.Match, folder: str, pages: OldPages, line: int, notes: list[LinkNote]) -> str:
    label, href = match.group(1), marker_href(match.group(2), match.group(3))
    text, image = _shown(label)
    if href.kind == MAIL or href.kind == WEB and not pages.on_portal(href.address):
        return f"[{label}]({href.address})"
    if href.kind not in (WEB, ROOT):
        notes.append(LinkNote(line, href.kind, text, href.address, image=image))
        return label  # its text, or the image alone
    page = pages.find(href.address)
    kept = f"[{label}]({href.address})" if href.kind == WEB else label
    if page is None:
        if href.kind == ROOT or not DOCUMENT.search(href.address):  # an old document: htmlpage asks for it
            notes.append(LinkNote(line, OLD if href.kind == WEB else ROOT, text, href.address, image=image))
        return kept
    link = f"[{label}]({_relative(page, folder)})"
    if page.draft:
        notes.append(LinkNote(line, DRAFT, text, href.address, link, page.target, image=image))
        return kept
    return link


def refused_in_run(notes: list[LinkNote], refused: Iterable[tuple[str, str]]) -> list[LinkNote]:
    """The notes with each link kept to a page this run was given and refused (`refused`: its
    old address, the file as the report names it) saying so: «chưa được nhập» was false, the
    page was in the run (a page imported before, one with an error), and that file's own
    error says why. The address is matched as `OldPages.find` matches one (the old server's
    rules)."""
    rules = query_rules(refused)[0]
    if not rules:
        return notes
    marked = []
    for note in notes:
        if note.kind == OLD:
            parts = urlsplit(note.address)
            rule = matching_rule(rules, parts.path or "/", parts.query)
            note = replace(note, kind=REFUSED, page=rule.target) if rule else note
        marked.append(note)
    return marked


def lead_links(paragraphs: list[str], folder: str, pages: OldPages, line: int) -> list[LinkNote]:
    """Notes for the links of the paragraphs that became `summary:` (`Extracted.lead`), on
    its line, each with the link it would have been in the body."""
    notes = []
    for paragraph in paragraphs:
        for match in MARKER.finditer(paragraph):
            link, _ = final_links(match.group(0), folder, pages, line)
            if link.startswith("["):
                notes.append(LinkNote(line, LEAD, _shown(match.group(1))[0], match.group(3), link))
    return notes


# A link as the importer writes one to the old portal (and as editors usually write links):
# around text, or around an image (`[![mô tả](../images/a.jpg)](http…)`, a title beside its path).
_WRITTEN = re.compile(r"\[(!\[" + TEXT + r"\]\([^()\n]*\)|" + TEXT + r")\]\((https?://[^()\s<>]+)\)")


def earlier_links(texts, pages: OldPages) -> list[LinkNote]:
    """The links of files written before this run (`texts`: (file in the content folder,
    its text)) to pages of the old portal that this run imported (`pages`, the run's
    published pages): the report names each line and the link to write. Those files are
    not rewritten: an import never changes a file it did not write (editors may have)."""
    notes: list[LinkNote] = []
    for file, text in texts:
        notes += links_in_lines(file, enumerate(text.split("\n"), 1), pages)
    return notes


def links_in_lines(file: str, lines: Iterable[tuple[int, str]], pages: OldPages) -> list[LinkNote]:
    """`earlier_links` for some lines of one file ((number, line), ascending): a handbook run
    reads only the lines that could link to a question (`linkindex`), with the same notes in
    the same order as the whole file read."""
    notes: list[LinkNote] = []
    for number, line in lines:
        for match in _written(line):
            address = match.group(2)
            page = pages.find(address) if pages.on_portal(address) else None
            if page is not None and not page.draft:
                link = f"[{match.group(1)}]({_relative(page, posixpath.dirname(file))})"
                text, image = _shown(match.group(1))
                notes.append(LinkNote(number, NOW, text, address, link, page.target, file, image))
    return notes


def written_addresses(line: str) -> list[str]:
    """The addresses of the links `earlier_links` reads in one line, in order."""
    return [match.group(2) for match in _written(line)]


def _written(line: str) -> Iterable[re.Match]:
    """The links of a line as the importer writes them to an old page (`_WRITTEN`)."""
    return _WRITTEN.finditer(line) if "](http" in line else ()


_PATH_SAFE = "/-._~!$&'*+,;=:@"


def _relative(page: NewPage, folder: str) -> str:
    """The Markdown link from a file in `folder` to `page` (both in the content folder); a
    question's is its handbook's file with `#id`, which MkDocs and the build's link checker
    both know (an explicit `{#id}`)."""
    link = quote(posixpath.relpath(page.file, folder or "."), safe=_PATH_SAFE)
    return f"{link}#{page.anchor}" if page.anchor else link


# An image as the label of a link: its description, then its path.
_IMAGE_LABEL = re.compile(r"!\[(" + TEXT + r")\]\(([^()\n]*)\)")


def _shown(label: str) -> tuple[str, bool]:
    """(what the report calls a link: its text, or the description of the image it is
    around, else that image's path; whether it is around an image)."""
    image = _IMAGE_LABEL.fullmatch(label)
    text = (_unescaped(image.group(1)) or image.group(2)) if image else _unescaped(label)
    return short(visible(text), 60), image is not None


def _unescaped(label: str) -> str:
    """A label's text as the reader sees it (`lines.md_escape` undone)."""
    text = re.sub(r"\\(.)", r"\1", label)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")

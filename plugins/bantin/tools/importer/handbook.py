"""Old "Hỏi - Đáp" items as questions of a handbook (`bantin import --handbook`).

Old portals keep their Q&A as one page per item: the question as its title, the answer as
its body. Imported as news, a province's Q&A became articles and lost what trainers print
and link: a handbook, and a page of its own for every question (/hoi-dap/<sổ tay>/<mã>/,
DESIGN §3). Here each saved page becomes one `## ` question appended to a handbook in
content/hoi-dap/ (created, with valid front matter, when a title and a category are given),
and its old address goes into the redirect map towards that question's page. Which handbook
(found by name, title or address, or created) is handbookchoice.py's.

The page is read and cleaned as for an article (`writing._analyse`: reading, units,
htmlpage, lists, losses); only what is written differs:

- The heading is `## Câu hỏi N: <question> {#id}`, as `bantin new` and the sample handbooks
  write it. The question is page text: `{`/`}` and line breaks are dropped (as the web
  editor's "Câu hỏi" block does), Markdown's characters escaped like the body's
  (`lines.md_escape`), a very long title shortened with the whole question kept as the
  answer's first paragraph. The id is made from the question as `bantin ids` makes it,
  unique among every handbook's ids (the site's rule), never one the build refuses.
- The answer is the whole body: the first paragraph too, which an article shows as its
  summary (`Extracted.lead`). Its headings are moved to start at `###`
  (`handbook.page.shift_headings`), so none becomes a question; a heading that reads like a numbered
  question ("Câu hỏi 2: …"), which the build would call a misplaced question, becomes bold,
  its number plain ("Câu hỏi 2: **Ai tổ chức bầu?**": all bold is a question pasted from Word).
- The answer's links are an article's (`relink`): a page imported before is its file, a
  question `<handbook>.md#<id>`. The questions of one run link to each other, before or
  after: a link to a question written later in the run is made a link to it in the write
  that adds that question (`_link_back`); text written before the run is named, not changed.
- The whole new handbook text is parsed as the build parses it before it is written: one
  question more, with this id, and no new error, or nothing is written.
- The same page imported twice adds nothing: an old address the map already sends to a
  question that still exists, or a question and answer (images as their files) the handbook
  already has, is refused by name; refused by its content, its old addresses the map lacks
  are added towards that question. A stock reply to another question is another question.
- Each question's map lines are written as soon as its handbook is (`RedirectMap`): a kill
  midway loses none, but for the question being written, which the next run's refusal adds.
- Writes: the handbook is replaced whole (`files.replace`, keeping its line endings, byte
  order mark and mode) and only when it is still the text read; a new one is linked to its
  name when whole (`images.write_new`); never through a symlink, never outside content/.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_right
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from bantin.content import frontmatter
from bantin.content.anchors import reserved_id
from bantin.config.settings import UrlPrefixes
from bantin.content.handbook.headings import display_title, heading_lines, split_heading
from bantin.content.handbook.ids import new_id
from bantin.content.handbook.misplaced import answer_line, misplaced_questions
from bantin.content.handbook.page import shift_headings
from bantin.content.handbook.paragraphs import paragraph_questions
from bantin.content.handbook.parts import Parse, Part, parse
from bantin.files.interrupts import hold_from_here, page_turn
from bantin.files.replace import replace_file
from bantin.problems import Problems, short as _short, visible
from bantin.site.redirectmap import parse_redirect_map, read_map_text, redirect_line_problem
from bantin.text.names import windows_reserved
from bantin.text.vi import format_decimal, nfc, slugify, strip_control
from bantin.tools.importer.handbookchoice import QA_DIR, Handbook, front_refusal, known_handbooks, same_file
from bantin.tools.importer.images import plan_images, write_new
from bantin.tools.importer.imagesrc import image_notes
from bantin.tools.importer.lines import md_escape
from bantin.tools.importer.losses import lost_warning
from bantin.tools.importer.result import (
    AlreadyImported, ImportFailure, ImportResult, _display_path, failed_lines, refusing,
)
from bantin.tools.importer.safefiles import _no_symlink_on_the_way
from bantin.tools.importer.units import Block, Extracted
from bantin.tools.importer.urls import classify_old_url, normalize_url
from bantin.tools.importer.oldpages import NewPage, OldPages, portal_hosts, recorded
from bantin.tools.importer.linkindex import LinkIndex
from bantin.tools.importer.relink import OLD, earlier_links, final_links, links_in_lines, refused_in_run
from bantin.tools.importer.sitepages import handbook_questions, page_texts, target_state
from bantin.tools.importer.writing import (
    URL_ALONE, _analyse, _comparable, _copy, _map_pairs, _record_redirects, _remove, front_matter_text, redirect_writer,
)

HANDBOOK_MAX = 8 * 1024 * 1024  # as writing.ARTICLE_MAX: a bigger "handbook" is a mistake, not read
# A question's answer, in bytes of Markdown: a whole law (Luật Đất đai 2024) is well under it; more is a
# page that is no Q&A item (a document, a list page) and a question page too heavy for a phone.
ANSWER_MAX = 1024 * 1024
_TILDES = re.compile(r"^~(?=~~)", re.M)
_ASKED_LABEL = re.compile(r"^(?:câu\s+)?hỏi\s*:\s*", re.IGNORECASE)  # a page named by its «Hỏi: …» line
TITLE_MAX = 200  # characters of a question heading; a longer old title is kept whole in the answer


@dataclass
class QuestionResult(ImportResult):
    """What importing one page as a question produced: `path` is the handbook, `question` the
    new id, `page` the question's address, `created` the report line of a handbook just made."""

    question: str = ""
    page: str = ""
    created: str = ""
    known_as: list[str] = field(default_factory=list)  # old addresses that now lead to this question
    relinked: list[tuple[int, str]] = field(default_factory=list)  # (line, old address) made links to it

    def report(self, content_dir: Path | None = None) -> list[str]:
        if self.error:
            return failed_lines(self)
        assert self.path is not None
        name = _display_path(self.path, content_dir)
        where = f"{name} (câu hỏi `{self.question}`)"
        lines = [f"{self.source}: đã nhập thành câu hỏi `{self.question}` của sổ tay {name}; trang riêng của "
                 f"câu hỏi: {self.page}"]
        lines += [f"{name}: {self.created}"] if self.created else []
        lines += [f"{where}: đã chép ảnh {_display_path(image, content_dir)}" for image in self.images]
        lines += [f"{where}: {message}" for message in self.missing]
        lines += [f"{where}: lưu ý: {message}" for message in self.warnings]
        lines += [f"{note.file or name}:{note.line}: {note.message()}" for note in self.links]
        lines += [f"{where}: trang tĩnh không phục vụ được địa chỉ cũ {old}; máy chủ web cũ cần chuyển hướng địa "
                  f"chỉ đó tới {new} (xem bảng chuyển hướng)" + (
                      f"; dòng của địa chỉ này trong bảng chuyển hướng trỏ tới {self.replaced[old]}, nơi không còn "
                      f"trang nào (đã bị xóa, đổi mã hay đổi `slug:`), nay đã sửa thành {new}"
                      if old in self.replaced else "") for old, new in self.redirects]
        return lines


# --- one page, one question ----------------------------------------------------------------------


def import_question(path: Path, content_dir: Path, handbook: Handbook, *, url: str | None = None,
                    address_prefix: str = QA_DIR, recorded: dict[str, str] | None = None,
                    taken: set[str] | None = None, portal: Portal | None = None,
                    run: set[str] | None = None, prefixes: UrlPrefixes | None = None,
                    links: LinkIndex | None = None) -> QuestionResult:
    """Append the question of one saved page to `handbook` (created first when new).

    `address_prefix`: the handbooks' first address segment (`urls: qa:`); `recorded`: old
    address → new one, of the redirect map and of this run (the same page imported again);
    `taken`: the site's question ids (read from its handbooks when None), the new one added;
    `portal`: what earlier imports made of the old portal's pages (`portal_of`), which the
    answer's links lead to (relink, as an article's); `run`: the ids of the questions this
    run wrote into the handbook, whose links to this question's old address are made links
    to it in the same write (`_link_back`); `prefixes`: the site's address segments, by which
    a map line to a page no longer there is known (`sitepages.target_state`); `links`: the
    run's index of the handbook's links (`linkindex`, one a run, filed as the text grows). Raises
    ImportFailure (naming the file) when nothing is written."""
    path, content_dir = Path(path), Path(content_dir)
    address = normalize_url(url) if url else None
    found, warnings = _analyse(path, address)
    with refusing([address] if address else found.urls):  # links of the run to it say it was refused
        result = QuestionResult(source=path, warnings=list(warnings) + found.warnings)
        if found.lost:
            result.warnings.append(lost_warning(found.lost, str(path)))
        title, heading, shortened, notes = _question_title(found.title, path)
        result.warnings += notes
        blocks = _answer_blocks(found)
        planned, image_warnings = plan_images(blocks, path, content_dir, featured=False)
        result.warnings += image_notes(found.images_left) + image_warnings + _not_kept(found)
        answer = _answer(blocks, title if shortened else None)
        _not_too_long(path, answer)
        old = _old_addresses(found, url, path, result)

        raw, text = _read(handbook.path) if handbook.front is None else (None, "")
        body, body_line = _body(handbook, text, content_dir)
        _refuse_twice(path, content_dir, handbook, body, body_line, heading, answer, old, recorded or {},
                      address_prefix)
        taken = _taken_ids(content_dir) if taken is None else taken
        qid = _question_id(title, taken)
        page = f"/{address_prefix}/{handbook.address}/{qid}/"
        elsewhere = _elsewhere(old, page, recorded or {}, content_dir, prefixes or UrlPrefixes(qa=address_prefix))
        result.known_as = [a for a, _ in old if elsewhere.get(a, ("", "gone"))[1] == "gone"]
        text, result.relinked = _link_back(text, handbook, content_dir, body, body_line, run or set(), qid,
                                           result.known_as, portal or Portal(), links or LinkIndex())
        body, body_line = _body(handbook, text, content_dir) if result.relinked else (body, body_line)
        answer, result.links = _final_links(answer, handbook, text, qid, content_dir, portal or Portal(),
                                            result.known_as)
        document = _with_question(handbook, text, body, heading, qid, answer)
        _check(path, handbook, body, body_line, document, qid)
        data = _file_bytes(raw, document)
        _not_too_big(path, handbook, content_dir, len(data))

        result.redirects = _redirects(old, page, handbook, result, elsewhere)
        linked = _no_symlink_on_the_way(handbook.path, content_dir.parent)
        if linked:
            raise ImportFailure(f"{path}: {linked}")
        hold_from_here()  # Ctrl-C from here: the question and its map line are written first
        copied = _copy(planned, content_dir, path)  # after every refusal: a refused import copies nothing
        try:
            _write(handbook, raw, data, path)
        except BaseException:
            _remove(copied)
            raise
    if handbook.front is not None:
        result.created = _created_line(handbook.front)
        handbook.front = None  # the next question of this run is appended to it
    taken.add(qid)
    result.path, result.question, result.page, result.images = handbook.path, qid, page, copied
    return result


def _question_title(title: str | None, path: Path) -> tuple[str, str, bool, list[str]]:
    """(the question as text, as written in its heading, shortened?, notes). One line without
    `{`, `}` (an attribute list, or an id of the editor's choosing) or leading `#`, without the old
    "Câu hỏi 3:" (numbers are the handbook's) or «Hỏi:» label, at most TITLE_MAX characters; Markdown's
    characters escaped as in the body, so page text is never markup."""
    text = " ".join(strip_control(nfc(title or "")).replace("{", " ").replace("}", " ").split())
    text = display_title(text.lstrip("# ").strip())
    text = _ASKED_LABEL.sub("", text, count=1) or text  # «Câu hỏi N:» is the handbook's to write
    if not slugify(text):
        raise ImportFailure(f"{path}: không tìm thấy câu hỏi (tiêu đề của trang) nên không biết viết câu hỏi nào "
                            "vào sổ tay; chưa ghi gì. Cách sửa: kiểm tra đây có đúng là trang của một câu hỏi, hoặc "
                            "chép chữ của trang vào tệp .txt với câu hỏi ở dòng đầu rồi nhập tệp đó")
    notes = []
    shown = text
    if len(text) > TITLE_MAX:
        cut = text.rfind(" ", TITLE_MAX // 2, TITLE_MAX)
        shown = text[: cut if cut > 0 else TITLE_MAX - 1].rstrip(" ,;:-") + "…"
        notes.append(f"câu hỏi dài {len(text)} ký tự nên tiêu đề đã được rút gọn còn «{_short(shown, 60)}»; cả câu "
                     "hỏi được giữ ở đoạn đầu câu trả lời. Hãy viết lại câu hỏi cho ngắn gọn (đừng đổi mã `{#…}`)")
    # escaped: a `*`, `[` or `<` of the old page shows as that character on the handbook's page
    # and, read back as text (text/plain.inline_text), on the question's own page alike
    return text, md_escape(shown), shown != text, notes


class Portal:
    """The old portal as earlier imports and this run left it: which new page each old
    address became (of the content folder, the redirect map and the questions written so
    far: `pages`, one table a run, grown as each question is written) and the portal's hosts
    (of the map's old addresses and of the run's pages)."""

    def __init__(self, known: Iterable[tuple[str, NewPage]] = (), hosts: frozenset[str] = frozenset()) -> None:
        self.pages = OldPages(known, hosts)

    @property
    def hosts(self) -> frozenset[str]:
        return self.pages.hosts

    def add_question(self, addresses: list[str], file: str, qid: str) -> None:
        """A question was written: its old addresses lead to it."""
        self.pages.add((old, NewPage(file, False, qid)) for old in addresses)
        self.pages.hosts = self.pages.hosts | portal_hosts(addresses)


def portal_of(content_dir: Path, redirect_map: Path | None, prefixes: UrlPrefixes) -> Portal:
    """What the answers' links may lead to, read once a run (`writing._old_pages` for articles);
    the hosts made once too (per question, a map of 5,000 lines cost 25 ms a question)."""
    pairs = _map_pairs(redirect_map)
    return Portal(recorded(content_dir, pairs, prefixes), portal_hosts(old for old, _ in pairs))


def _final_links(answer: str, handbook: Handbook, text: str, qid: str, content_dir: Path, portal: Portal,
                 own: list[str]) -> tuple[str, list]:
    """The answer with its links made final (`relink.final_links`: a page imported before, or
    a question of this run written before it, or its own old address, is its file, `#id` for
    a question; any other link to the portal keeps its old address), and the notes, numbered
    with the answer's lines in the handbook as it will be written. A question of this same
    handbook is linked whether the handbook is a draft or not: the link stays in the page.
    The run's table is read with this question's own addresses over it (`OldPages.over`):
    made anew for each question, 1,500 linked questions spent a third of their time on it."""
    if "](<" not in answer:  # no marker (`links.link_markdown`): nothing to make final
        return answer, []
    folder = handbook.path.parent.relative_to(content_dir).as_posix()
    file = handbook.path.relative_to(content_dir).as_posix()
    pages = portal.pages.over([(old, NewPage(file, False, qid)) for old in own], portal_hosts(own), published=file)
    return final_links(answer, folder, pages, _heading_line(handbook, text) + 2)


def _heading_line(handbook: Handbook, text: str) -> int:
    """The new question's heading's line in the handbook as `_with_question` writes it: after
    the text read (or the new front matter) and a blank line. Counted, not searched for in
    the new text (a search ran over the whole handbook once a question, and took a line of a
    code block holding the same `## … {#id}` for the heading)."""
    if handbook.front is not None:
        return ("---\n" + front_matter_text(handbook.front) + "---\n\n").count("\n") + 1
    return text.rstrip("\n").count("\n") + 3


def _link_back(text: str, handbook: Handbook, content_dir: Path, body: str, body_line: int, run: set[str], qid: str,
               addresses: list[str], portal: Portal, links: LinkIndex) -> tuple[str, list[tuple[int, str]]]:
    """The handbook's text with the links of this run's earlier answers (`run`: their ids) to
    this question's old addresses made links to it (`hd.md#id`), and (line, old address) of
    each. Those answers were written before this question had an id; fixed in the write that
    adds it, a link and its question are in the file together or not at all. Only the
    answers of this run: an import never changes text it did not write (the rest is named,
    `_later_links`). Only the lines `links` files under these addresses' paths are read: the
    whole handbook read for each question made a run grow with its square (session 38)."""
    if not run or not addresses or handbook.front is not None:
        return text, []
    own = _relative_file(handbook, content_dir)
    pages = OldPages([(a, NewPage(own, False, qid)) for a in addresses], portal.hosts | portal_hosts(addresses))
    notes = links_in_lines(own, links.lines(text, addresses), pages)
    if not notes:
        return text, []
    read = _parsed(body, body_line)
    changed: dict[int, str] = {}
    fixed = []
    for note in notes:
        if _in_answers(read, run, note.line):
            written = note.later.rsplit("](", 1)[0] + f"]({note.address})"
            changed[note.line] = changed.get(note.line, links.line(note.line)).replace(written, note.later)
            fixed.append((note.line, note.address))
    return (links.replaced(changed) if changed else text), fixed


def _in_answers(read: Parse, ids: set[str], line: int) -> bool:
    """Is line `line` of the file in a question with one of these ids (heading to next
    heading)? Found by bisection on the parts themselves (a list of their lines made for
    each note read every question of the handbook)."""
    number = bisect_right(read.parts, line - read.body_line, key=_first_line) - 1
    return number >= 0 and read.parts[number].qid in ids


def _first_line(part: Part) -> int:
    return part.index


def _answer_blocks(found: Extracted) -> list[Block]:
    """The body with the first paragraph put back where an article's summary left it."""
    at, lead = found.lead
    blocks = list(found.body)
    if lead:
        blocks.insert(at, lead[-1])  # the last one is the body's own (its links kept); others repeat it
    return blocks


def _answer(blocks: list[Block], whole_question: str | None) -> str:
    """The answer's Markdown: headings from `###` down, a numbered-question heading made bold
    but its number (`handbook.misplaced.answer_line`: a bold question is one pasted from Word to the build),
    and, for a shortened title, the whole question first."""
    parts = ([md_escape(whole_question)] if whole_question else []) + [b.markdown for b in blocks if b.markdown]
    # A line of page text starting `~~~` opens a code fence to the handbook's reader (handbook.headings.unfenced):
    # every later question would be this answer's (md_escape already writes `` ` `` as "\`").
    answer = shift_headings(_TILDES.sub("&#126;", nfc("\n\n".join(parts))), 3)
    lines = answer.split("\n")
    for index, text, _ in misplaced_questions(answer) + paragraph_questions(answer):  # errors and warnings
        lines[index] = answer_line(lines[index], text)
    return "\n".join(lines)


def _not_kept(found: Extracted) -> list[str]:
    """What an article would keep and a question has no field for: said, never dropped in silence."""
    kept = [f"tác giả «{found.author}»"] if found.author else []
    kept += [f"nguồn «{found.source_name or found.source_url}»"] if found.source_name or found.source_url else []
    kept += [f"từ khóa «{', '.join(found.tags)}»"] if found.tags else []
    if not kept:
        return []
    return [f"trang cũ ghi {', '.join(kept)}; một câu hỏi không có trường riêng cho những điều đó (sổ tay có "
            "`author:`, `source:`, `tags:` chung): nếu cần giữ, hãy viết vào cuối câu trả lời"]


def _old_addresses(found: Extracted, url: str | None, path: Path, result: QuestionResult) -> list[tuple[str, str]]:
    """(old address, its kind) of the page, each one a question's page can be reached from;
    the others are said in `result.warnings`, as for an article."""
    urls = [normalize_url(url)] if url else list(found.urls)
    if url and urls[0] is None:
        raise ImportFailure(f"{path}: --url {url!r} không phải địa chỉ http:// hay https://, cũng không phải đường "
                            "dẫn bắt đầu bằng /; hãy ghi đầy đủ địa chỉ của trang trên cổng thông tin cũ, trong dấu "
                            "ngoặc kép")
    kept = []
    for old in dict.fromkeys(u for u in urls if u):
        kind = classify_old_url(old)
        if kind is None:
            result.warnings.append(f"đã bỏ qua địa chỉ cũ {old} vì đó là trang chủ; nếu câu hỏi có địa chỉ riêng, "
                                   "hãy dùng --url")
        elif kind[0] == "outside":
            result.warnings.append(f"đã bỏ qua địa chỉ cũ {_short(old)} vì có đoạn `.` hoặc `..`; nếu đó đúng là địa "
                                   "chỉ của câu hỏi trên cổng cũ, hãy nhập lại với --url và địa chỉ đã rút gọn")
        elif (why := redirect_line_problem(old, "/hoi-dap/so-tay/cau-hoi/")) is not None:
            result.warnings.append(f"đã bỏ qua địa chỉ cũ {_short(old)}: {why}; nếu cần chuyển hướng địa chỉ này, "
                                   "hãy tự thêm vào cấu hình máy chủ web")
        else:
            kept.append((old, kind[0]))
    if not urls:
        result.missing.append("không tìm thấy địa chỉ cũ của trang nên chưa ghi chuyển hướng nào; nếu biết địa chỉ "
                              "cũ, hãy thêm vào bảng chuyển hướng một dòng `địa-chỉ-cũ địa-chỉ-trang-câu-hỏi`")
    return kept


def _elsewhere(old: list[tuple[str, str]], page: str, recorded: dict[str, str], content_dir: Path,
               prefixes: UrlPrefixes) -> dict[str, tuple[str, str | None]]:
    """Old address → (the map's target, what is there now: `target_state`) for each of the
    page's old addresses the map sends to another page. Read only for those (rare): a
    handbook's questions are read whole."""
    return {address: (recorded[address], target_state(recorded[address], content_dir, prefixes.qa, prefixes.article))
            for address, _ in old if recorded.get(address, page) != page}


def _redirects(old: list[tuple[str, str]], page: str, handbook: Handbook, result: QuestionResult,
               elsewhere: dict[str, tuple[str, str | None]]) -> list:
    """The redirect map's pairs towards the question's page; none for a draft handbook (its
    pages are not published), whose lines are given to add on publishing, nor for an old
    address the map already sends to a page still there (the item imported as news before):
    the map keeps that line, and one note says how to move it. A line to a page gone (the
    question deleted with its handbook, to import it into another) led readers to nothing:
    it is replaced (`result.replaced`), and the report says so."""
    for address, (target, state) in elsewhere.items():
        if state == "gone":
            result.replaced[address] = target
        else:
            result.warnings.append(_sent_elsewhere(address, target, page, state))
    old = [(address, kind) for address, kind in old if elsewhere.get(address, ("", "gone"))[1] == "gone"]
    pairs = [(address, page) for address, _ in old]
    for address, kind in old:
        if kind == "alias":
            result.warnings.append(
                f"địa chỉ cũ {_short(address)} là đường dẫn thường, nhưng một câu hỏi không có `aliases:` như bài "
                "viết: địa chỉ này được ghi vào bảng chuyển hướng, cho máy chủ web cũ (`bantin redirects`); nếu "
                "trang mới thay cổng cũ ngay tại tên miền cũ mà máy chủ không dùng các quy tắc đó, địa chỉ này sẽ "
                "không được chuyển")
    if pairs and handbook.draft:
        result.warnings.append(_for_publishing(pairs, result.replaced))
        result.replaced = {}
        return []
    return pairs


def _for_publishing(pairs: list[tuple[str, str]], gone: dict[str, str] | None = None) -> str:
    gone = gone or {}
    lines = "; ".join(f"`{a} {p}`" + (f" (thay cho dòng `{a} {gone[a]}`, trang ấy không còn)" if a in gone else "")
                      for a, p in pairs)  # whole: lines to copy into the map
    return (f"sổ tay là bản nháp (`draft: true`) nên địa chỉ cũ chưa được ghi vào bảng chuyển hướng; khi xuất bản "
            f"sổ tay, thêm vào bảng chuyển hướng dòng {lines}")


def _sent_elsewhere(address: str, target: str, page: str, state: str | None) -> str:
    """The note for an old address whose map line is kept: what readers get by it now (the
    page, nothing until that draft is published, or, not judged, that page if it is there)."""
    parts = target.strip("/").split("/")
    earlier = f"tin bài {target} (bài có `slug: {parts[1]}`)" if len(parts) == 2 else target
    now = {"published": "nên bạn đọc theo địa chỉ cũ vẫn tới trang ấy",
           "draft": "nhưng trang ấy còn là bản nháp (`draft: true`) nên bạn đọc theo địa chỉ cũ chưa tới được trang "
                    "nào (`bantin redirects` bỏ qua dòng đó) cho tới khi trang ấy được xuất bản"}.get(
        state, "nên bạn đọc theo địa chỉ cũ tới trang ấy nếu trang ấy còn")
    return (f"bảng chuyển hướng đã gửi địa chỉ cũ {_short(address)} tới {earlier}: trang này đã được nhập trước đây; "
            f"dòng đó được giữ nguyên, {now}. Nếu câu hỏi thay cho trang ấy: xóa trang ấy (tệp của nó trong content/) "
            f"và sửa dòng đó thành `{address} {page}`")


# --- the handbook's text ---------------------------------------------------------------------------


def _read(path: Path) -> tuple[bytes, str]:
    """(bytes, text with `\\n` line ends and no byte order mark) of a handbook; never through
    a link, only a regular file of at most HANDBOOK_MAX bytes, UTF-8."""
    def refused(why: str, fix: str) -> ImportFailure:
        return ImportFailure(f"{visible(path)}: {why}; chưa thêm câu hỏi nào. Cách sửa: {fix}")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise refused("không phải tệp thường", "chỉ định một sổ tay .md trong content/hoi-dap/")
            data = handle.read(HANDBOOK_MAX + 1)
    except OSError as exc:
        raise refused(f"không đọc được tệp ({exc.strerror})", "kiểm tra tệp có thật, không phải liên kết tượng "
                      "trưng, và quyền đọc tệp") from None
    if len(data) > HANDBOOK_MAX:
        raise refused(f"tệp lớn hơn {HANDBOOK_MAX // 1024 // 1024} MB", "chia sổ tay thành nhiều sổ tay nhỏ hơn")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise refused(f"dòng {line} không phải chữ UTF-8", "mở tệp và lưu lại với bảng mã UTF-8") from None
    return data, text.replace("\r\n", "\n").replace("\r", "\n")


def _body(handbook: Handbook, text: str, content_dir: Path) -> tuple[str, int]:
    """(body, its first line's number) of an existing handbook; ("", 0) for a new one.
    ImportFailure when its front matter is one the build rejects (`front_refusal`: checked
    when it was chosen, and again here, on the text this question goes into)."""
    if handbook.front is not None:
        return "", 0
    broken = front_refusal(handbook.path, content_dir, text)
    if broken:
        raise ImportFailure(broken)
    parts = frontmatter.split(handbook.path.name, text, Problems())
    assert parts is not None  # front_refusal said why otherwise
    return parts[1], parts[2]


def _existing_questions(body: str, body_line: int) -> list[tuple[int, str, str, str]]:
    """(line in the file, id, question as its heading shows it, answer text) of every question
    of a handbook body."""
    lines = body.split("\n")
    headings = heading_lines(body)
    found = []
    for number, (index, text) in enumerate(headings):
        end = headings[number + 1][0] if number + 1 < len(headings) else len(lines)
        question, qid = split_heading(text)
        found.append((body_line + index, qid, display_title(question), "\n".join(lines[index + 1:end])))
    return found


def _refuse_twice(path: Path, content_dir: Path, handbook: Handbook, body: str, body_line: int, heading: str,
                  answer: str, old: list[tuple[str, str]], recorded: dict[str, str], prefix: str) -> None:
    """AlreadyImported when this page is a question already: an old address recorded towards
    a question that still exists, or the same question (`heading`) with the same answer, its
    images the same files, in this handbook. Old portals answered many questions with one
    stock reply («Đề nghị ông/bà liên hệ UBND xã…») or a scanned letter under one caption:
    those are other items, whose question tells them apart. Known by its content, the page's
    old addresses the map lacks go with the refusal, towards that question: a run killed
    between writing the handbook and writing the map left them out, or the old portal posted
    the item twice (another old address already leads there), which the report tells apart."""
    def refused(where: Path, line: int, qid: str, why: str, advice: str, pairs=(), added: str = "") -> AlreadyImported:
        notes = [_for_publishing(list(pairs))] if pairs and handbook.draft else []
        return AlreadyImported(f"{path}: câu hỏi này đã có trong sổ tay {_display_path(where, content_dir)} (dòng "
                               f"{line}, mã `{qid}`), {why}; không thêm lần nữa, sổ tay không đổi. {advice}",
                               [] if notes else list(pairs), notes, added)
    again = ("Muốn nhập lại thì xóa câu hỏi đó (từ dòng `## ` tới trước câu hỏi sau) rồi chạy lại lệnh")
    for address, _ in old:
        target = recorded.get(address, "")
        parts = target.strip("/").split("/")
        if len(parts) == 3 and parts[0] == prefix:
            for where, line, qid in _questions_at(content_dir, handbook, body, body_line, parts[1]):
                if qid == parts[2]:
                    raise refused(where, line, qid, f"nhập từ cùng địa chỉ cũ {_short(address)}", again)
    read = _parsed(body, body_line)
    words, unlinked = _same_words(display_title(heading)), None
    for number, part in enumerate(read.parts):
        if part.words != words:  # the question first: its answer is read only for the same question
            continue
        unlinked = _unlinked(answer) if unlinked is None else unlinked
        if _unlinked(_answer_text(read, number)) != unlinked:
            continue
        line, qid = body_line + part.index, part.qid
        page = f"/{prefix}/{handbook.address}/{qid}/"
        pairs = [(a, page) for a, _ in old if qid and a not in recorded]
        own = {a for a, _ in old}
        twins = [a for a, target in recorded.items() if qid and target == page and a not in own]
        if twins:  # another item of the old portal: deleting the question would take its page away
            raise refused(handbook.path, line, qid, f"cùng câu hỏi và câu trả lời với trang cũ {_short(twins[0])} "
                          "đã nhập trước đây (cổng cũ đăng cùng một mục hai lần)", "Không cần làm gì thêm", pairs,
                          "để địa chỉ cũ này cũng dẫn tới câu hỏi ấy (mục trùng của cổng cũ)")
        raise refused(handbook.path, line, qid or "chưa có mã", "cùng câu hỏi và câu trả lời", again, pairs)


def _same_words(text: str) -> str:
    return " ".join(text.split())  # as `handbook.parts.Part.words`


def _answer_text(read: Parse, number: int) -> str:
    """The lines of the `number`th question after its heading, to the next heading."""
    parts = read.parts
    end = parts[number + 1].offset - 1 if number + 1 < len(parts) else len(read.body)
    start = read.body.find("\n", parts[number].offset, end + 1)
    return read.body[start + 1 : end] if 0 <= start < end else ""


_IMAGE_FILE = re.compile(r"!\[(?:\\.|[^\[\]\\\n])*\]\(([^()\s]*)\)")


def _unlinked(markdown: str) -> str:
    """An answer as a re-import compares it (`writing._comparable`, an article's rule: links
    as their text), spaces collapsed, each image as the file it shows (its description left
    out: the report asks editors to write it): the answer being imported still holds the
    importer's markers (`[label](<w:…>)`), the one written before has them made final, and an
    image saved with the page is named after the copy of the same bytes when there is one
    (`images.free_name`), so the same page names the same files and another letter another."""
    images = _IMAGE_FILE.sub(lambda match: f"«ảnh {match.group(1)}»", markdown)
    return " ".join(_comparable(images).split())


def _questions_at(content_dir: Path, handbook: Handbook, body: str, body_line: int,
                  address: str) -> Iterable[tuple[Path, int, str]]:
    """(file, line, id) of the questions of the handbook at `address` (this one, or another)."""
    if address == handbook.address and handbook.front is None:
        yield from ((handbook.path, body_line + part.index, part.qid) for part in _parsed(body, body_line).parts)
        return
    for known in known_handbooks(content_dir):
        if known.address == address and not same_file(known.path, handbook.path):
            part = frontmatter.split(known.path.name, known.text, Problems())
            if part:
                yield from ((known.path, line, qid) for line, qid, _, _ in _existing_questions(part[1], part[2]))


def _taken_ids(content_dir: Path) -> set[str]:
    """Every question id of the site's handbooks: an id is unique site-wide (DESIGN §3)."""
    taken: set[str] = set()
    for known in known_handbooks(content_dir):
        taken |= {split_heading(text)[1] for _, text in heading_lines(known.text)} - {""}
    return taken


def _question_id(title: str, taken: set[str]) -> str:
    """The id `bantin ids` would give the question, never a name the build refuses (Windows'
    `con`, a name the page's scripts use)."""
    qid = new_id(title, set(taken))
    if windows_reserved(qid) or reserved_id(qid):
        qid = new_id(f"cau hoi {qid}", set(taken))
    return qid


def _with_question(handbook: Handbook, text: str, body: str, heading: str, qid: str, answer: str) -> str:
    """The handbook's new text. "Câu hỏi N:" as the sample handbooks and `bantin new` write
    it, unless the handbook's last question goes without (N is for the file's reader: the
    site numbers questions by their place)."""
    headings = _headings(body) if handbook.front is None else []
    numbered = not headings or display_title(split_heading(headings[-1][1])[0]) != split_heading(headings[-1][1])[0]
    number = len(headings) + 1
    line = f"## {'Câu hỏi %d: ' % number if numbered else ''}{heading} {{#{qid}}}"
    question = f"{line}\n\n{answer}\n"
    if handbook.front is not None:
        return "---\n" + front_matter_text(handbook.front) + "---\n\n" + question
    return text.rstrip("\n") + "\n\n" + question


def _check(path: Path, handbook: Handbook, body: str, body_line: int, document: str, qid: str) -> None:
    """The new text read as the build reads it: one question more, the new one with `qid`, and
    no error the handbook did not have; else nothing is written (an unclosed ``` fence at the
    end of a handbook would swallow the question)."""
    before = _parsed(body, body_line) if handbook.front is None else None
    had, errors_before = (before.questions, before.errors) if before else ((), 0)
    parts = frontmatter.split("", document, Problems())
    after = _parsed(parts[1], parts[2]) if parts else None
    now, errors_after = (after.questions, after.errors) if after else ((), 0)
    if len(now) == len(had) + 1 and now[-1].id == qid and errors_after <= errors_before:
        assert after is not None  # one question more
        _check_not_swallowed(path, handbook, after, qid)
        return
    raise ImportFailure(f"{path}: câu hỏi mới sẽ không được trang đọc là một câu hỏi của {visible(handbook.path)} "
                        "(có khối mã ``` hay ~~~ chưa đóng ở cuối sổ tay?); chưa ghi gì. Cách sửa: chạy `bantin "
                        "check`, sửa lỗi của sổ tay rồi nhập lại")


_LAST_PARSE: list[Parse] = []  # the handbook body last read, as the build reads it


def _parsed(body: str, body_line: int) -> Parse:
    """A handbook's body as the build reads it (questions, number of errors, headings). The
    text checked after one question of a run is the text read before the next (the file as
    this run wrote it), and the text checked next is that one with a question appended: it
    is read from the last read's second-to-last heading on (`handbook.parts`, which says why that
    is the whole read), so a run reads each question a few times, not the whole handbook
    each time (1,500 questions took 139 s). Keyed by the text itself: a handbook changed in
    between, above that heading, is read whole."""
    found = parse(body, body_line, _LAST_PARSE[0] if _LAST_PARSE else None)
    _LAST_PARSE[:] = [found]
    return found


def _headings(body: str) -> list[tuple[int, str]]:
    """`handbook.headings.heading_lines(body)`, read on from the last read (headings do not depend on the
    body's first line, which a text read from the same file has the same)."""
    if _LAST_PARSE:
        return _parsed(body, _LAST_PARSE[0].body_line).headings
    return heading_lines(body)


def _not_too_long(path: Path, answer: str) -> None:
    """ImportFailure when the answer is over ANSWER_MAX bytes (a 15 MB page made a 14 MB answer)."""
    size = len(answer.encode("utf-8"))
    if size > ANSWER_MAX:
        raise ImportFailure(f"{path}: câu trả lời dài {_megabytes(size)}, quá giới hạn {_megabytes(ANSWER_MAX)} của một "
                            "câu hỏi (trang riêng của câu hỏi sẽ quá nặng với điện thoại; một trang hỏi đáp ngắn hơn "
                            "nhiều: đây có đúng là trang của một câu hỏi?); chưa ghi gì. Cách sửa: nhập trang này thành "
                            "tin bài (bỏ --handbook), hoặc chép phần trả lời cần giữ vào một tệp .txt (câu hỏi ở dòng "
                            "đầu) rồi nhập tệp đó")


def _not_too_big(path: Path, handbook: Handbook, content_dir: Path, size: int) -> None:
    """ImportFailure when the handbook with this question would be over HANDBOOK_MAX bytes:
    written, every later import into it was refused as too big to read (`_read`)."""
    if size > HANDBOOK_MAX:
        name = _display_path(handbook.path, content_dir)
        raise ImportFailure(f"{path}: thêm câu hỏi này thì sổ tay {name} nặng {_megabytes(size)}, quá giới hạn "
                            f"{_megabytes(HANDBOOK_MAX)} của một sổ tay (lệnh nhập không đọc sổ tay lớn hơn, và trang "
                            "sổ tay quá nặng với điện thoại); chưa ghi gì. Cách sửa: nhập các câu hỏi còn lại vào một "
                            "sổ tay mới (`--handbook <tên mới> --handbook-title \"…\" --category <chuyên mục>`), hoặc "
                            "chia sổ tay này thành nhiều sổ tay nhỏ hơn")


def _megabytes(size: int) -> str:
    return f"{format_decimal(size / 1024 / 1024)} MB"


def _file_bytes(raw: bytes | None, document: str) -> bytes:
    """The handbook's new bytes: an existing one keeps its line endings and byte order mark."""
    if raw is None:
        return document.encode("utf-8")
    crlf = raw.count(b"\r\n")
    newline = "\r\n" if crlf and crlf > raw.count(b"\n") - crlf else "\n"
    bom = "\ufeff" if raw.startswith(b"\xef\xbb\xbf") else ""
    return (bom + document.replace("\n", newline)).encode("utf-8")


def _check_not_swallowed(path: Path, handbook: Handbook, read: Parse, qid: str) -> None:
    """Refuse a question that a raw HTML block left open above it would swallow: an unclosed
    `<details>` (or `<div>`, `<table>`…) at the end of a handbook makes everything after it
    raw HTML, and the question would show on the handbook page as text, without its heading
    and anchor, while the import and the build both succeeded (session 32)."""
    for _, text, opener in read.swallowed():
        if split_heading(text)[1] != qid:
            continue
        book = visible(handbook.path)
        if opener is None:
            where, fix = f"một khối HTML chưa đóng của {book}", "đóng khối HTML đó (thẻ đóng `</…>`)"
        else:
            line, tag = read.body_line + opener[0], opener[1]
            where = f"khối HTML `<{tag}>` mở ở dòng {line} của {book}"
            fix = (f"thêm dòng `</{tag}>` ở cuối phần khối đó bao (ở cuối sổ tay nếu nó bao tới hết), hoặc xóa "
                   f"thẻ `<{tag}>` ở dòng {line}")
        raise ImportFailure(f"{path}: câu hỏi mới sẽ nằm trong {where} mà chưa đóng, nên trang sổ tay sẽ hiện nó "
                            f"thành chữ thô, không có tiêu đề và không có neo; chưa ghi gì. Cách sửa: {fix}, rồi "
                            "nhập lại")


def _write(handbook: Handbook, raw: bytes | None, data: bytes, source: Path) -> None:
    """Write the handbook (`data`, from `_file_bytes`) whole or not at all: a new one linked
    to its name when complete, an existing one replaced only while it is the text that was
    read, keeping its mode."""
    path = handbook.path
    try:
        if raw is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not write_new(path.parent, path.name, data):
                raise ImportFailure(f"{source}: tệp {path} vừa xuất hiện trong lúc nhập nên không bị ghi đè; hãy "
                                    "chạy lại lệnh")
            return
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or _read(path)[0] != raw:
            raise ImportFailure(f"{source}: sổ tay {path} vừa thay đổi trong lúc nhập (đang mở trong chương trình "
                                "khác?); chưa thêm câu hỏi. Hãy lưu, đóng tệp rồi chạy lại lệnh")
        if not os.access(path, os.W_OK):
            raise PermissionError(13, "Permission denied")
        replace_file(path, data, stat.S_IMODE(info.st_mode))
    except OSError as exc:
        raise ImportFailure(f"{source}: không ghi được sổ tay {path} ({exc.strerror or exc}); chưa thêm câu hỏi. "
                            "Hãy kiểm tra tệp có đang chỉ đọc (read-only) hay mở trong chương trình khác, quyền ghi "
                            "vào thư mục nội dung và chỗ trống trên đĩa") from None


def _created_line(front: dict) -> str:
    return (f"đã tạo sổ tay mới «{front['title']}» (chuyên mục `{front['category']}`, ngày {front['date']}: ngày "
            "nhập; sửa `date:` nếu sổ tay nên mang ngày khác). Hãy viết lời giới thiệu (đoạn trước câu hỏi đầu "
            "tiên) và `summary:` cho sổ tay")


def question_pages(content_dir: Path) -> dict[str, bool] | None:
    """'<handbook's address>/<id>' → is its handbook a draft?, for every question of the site
    (`bantin redirects` leaves out rules to a question that is gone or not published); None
    when a handbook cannot be read."""
    found = handbook_questions(Path(content_dir))
    return None if found is None else {question: book.draft for question, book in found.items()}


# --- several pages ------------------------------------------------------------------------------


def import_questions(paths: Iterable[Path], content_dir: Path, handbook: Handbook, *, url: str | None = None,
                     redirect_map: Path | None = None, address_prefix: str = QA_DIR,
                     prefixes: UrlPrefixes | None = None, progress: Callable | None = None) -> list[QuestionResult]:
    """Import several pages as questions of one handbook, in order; failures become results
    with `error` set, never exceptions. Old addresses are added to `redirect_map` as each
    question is written, as `writing.import_files` does for articles. `progress(what, done,
    total, path)` is called before each page (`cli/progress.py`)."""
    paths = [Path(p) for p in paths]
    if url and len(paths) > 1:
        raise ValueError(URL_ALONE)
    recorded = _recorded(redirect_map)
    try:
        taken = _taken_ids(Path(content_dir))
    except ImportFailure as exc:  # a handbook that became unreadable since it was chosen
        return [QuestionResult(source=path, error=str(exc)) for path in paths]
    results: list[QuestionResult] = []
    prefixes = prefixes or UrlPrefixes(qa=address_prefix)
    writer = redirect_writer(redirect_map, Path(content_dir), prefixes)
    portal = portal_of(Path(content_dir), redirect_map, prefixes)
    run: set[str] = set()
    links = LinkIndex()  # the handbook's lines by their links' paths, for `_link_back`: filed once a run
    refused: list[tuple[str, str]] = []  # (old address, file) of the pages refused
    waiting: dict[tuple[int, str], list[ImportResult]] = {}  # (line, address) of a note OLD → its results
    for done, path in enumerate(paths):
        if progress:
            progress("Đang nhập", done + 1, len(paths), path)
        with page_turn():  # a Ctrl-C once the question's writes began stops the run after its map line
            result, addresses = _one_question(path, content_dir, handbook, url=url, address_prefix=address_prefix,
                                              recorded=recorded, taken=taken, portal=portal, run=run,
                                              prefixes=prefixes, links=links)
            refused += [(old, str(path)) for old in addresses]
            for old, new in result.redirects:
                recorded[old] = new if old in result.replaced else recorded.get(old, new)
            _record_redirects([result], writer)  # now: a kill later in the run loses none of them
        results.append(result)
        _file_old_links(waiting, result)
        if isinstance(result, QuestionResult) and result.question:  # later answers link to it
            portal.add_question(result.known_as, _relative_file(handbook, content_dir), result.question)
            run.add(result.question)
            _now_linked(waiting, result)
    _later_links(results, handbook, Path(content_dir), portal.hosts)
    for result in results:
        result.links = refused_in_run(result.links, refused)
    return results


def _one_question(path: Path, content_dir: Path, handbook: Handbook, **options) -> tuple[QuestionResult, list[str]]:
    """(what importing one page as a question gave, the old addresses of a page refused):
    a failure is a result naming the file, never an exception (nor a traceback)."""
    try:
        return import_question(path, content_dir, handbook, **options), []
    except AlreadyImported as exc:
        return exc.result(path), list(exc.addresses)
    except ImportFailure as exc:
        return QuestionResult(source=path, error=str(exc)), list(exc.addresses)
    except Exception as exc:  # never a traceback for an editor
        return QuestionResult(source=path, error=f"{path}: gặp sự cố không lường trước ({type(exc).__name__}: {exc}); "
                              "hãy báo cho người phụ trách kỹ thuật, kèm theo tệp này"), []


def _file_old_links(waiting: dict[tuple[int, str], list[ImportResult]], result: ImportResult) -> None:
    """File the result under the (line, address) of each of its notes «(trang đó chưa được
    nhập)», which a later question may make a link to it (`_now_linked`)."""
    for note in result.links:
        if note.kind == OLD:
            waiting.setdefault((note.line, note.address), []).append(result)


def _now_linked(waiting: dict[tuple[int, str], list[ImportResult]], question: "QuestionResult") -> None:
    """Drop the notes «(trang đó chưa được nhập)» of the links `question` made links to it:
    in the results filed under them only (every result of the run read again for each
    question: 1,500 linked questions spent 2.4 of their 54 profiled seconds there)."""
    fixed = set(question.relinked)
    for key in fixed:
        for result in waiting.pop(key, []):
            result.links = [n for n in result.links if n.kind != OLD or (n.line, n.address) not in fixed]


def _relative_file(handbook: Handbook, content_dir: Path) -> str:
    return handbook.path.relative_to(content_dir).as_posix()


def _later_links(results: list[ImportResult], handbook: Handbook, content_dir: Path, hosts: frozenset[str]) -> None:
    """Name the links of text written before this run (other files, and the handbook's own
    text before its new questions) that lead to the old address of a question this run
    wrote: each with its line and the link to write, in the result of that question, as
    `writing._earlier_links` does for articles. That text is not changed: an editor may have
    written it. Links to a draft handbook's questions are named in the handbook alone."""
    written = {r.question: r for r in results if isinstance(r, QuestionResult) and r.question}
    own = _relative_file(handbook, content_dir)
    fresh = [(old, NewPage(own, False, qid)) for qid, r in written.items() for old in r.known_as]
    if not fresh:
        return
    texts = ((f, t) for f, t in page_texts(content_dir) if f == own or not handbook.draft)  # no link to a draft
    for note in earlier_links(texts, OldPages(fresh, hosts)):
        written[note.page.partition("#")[2]].links.append(note)


def _recorded(redirect_map: Path | None) -> dict[str, str]:
    """Old address → new one, of the redirect map as it is (none when it cannot be read: its
    writing says why, at the end of the run)."""
    try:
        text = read_map_text(str(redirect_map)) if redirect_map is not None else None
    except (OSError, UnicodeDecodeError, ValueError):
        text = None
    return dict(parse_redirect_map(text, str(redirect_map))[0]) if text else {}

"""Whether a file is shaped as its kind expects: warnings for what builds but reads wrong.

Found by an editor's-eye review (session 20), each published without a word before:
- a `# Tiêu đề` line in the body: the page has its title from `title:` already, so it shows
  two main headings (screen readers announce two);
- an article saved in a misspelt folder (`content/Tin tuc/bai.md`): it becomes a plain page,
  in no listing, category or feed, though it names a category or tags.
"""

from __future__ import annotations

import re

from bantin.content.model import FOLDER_KINDS, Item
from bantin.content.handbook.headings import unfenced
from bantin.problems import Problems, short

_UNDERLINE = re.compile(r"=+[ \t]*")


def report_shape(item: Item, problems: Problems) -> None:
    _second_titles(item, problems)
    _skipped_levels(item, problems)
    _lost_article(item, problems)


_ATX = re.compile(r"(#{2,6})(?!#)")  # a heading `##…` to `######…` at the margin (Python-Markdown needs no space)


def _skipped_levels(item: Item, problems: Problems) -> None:
    """A warning on a heading two or more levels below the one before it (`##` then `####`): a
    screen reader's list of headings then misses a level, and the page's contents indent it
    under nothing (a guide editor's trial, session 55; WordPress's editor says the same). The
    page's title is the level above `##`; a handbook's `# ` group counts as that level too."""
    if "###" not in item.body:  # a skip needs a heading of level 3 or more
        return
    level = 1
    for offset, line in unfenced(item.body.split("\n")):
        if line.startswith("#") and not line.startswith("##"):  # a handbook's group: the level of the title
            level = 1
            continue
        found = _ATX.match(line) if line.startswith("##") else None
        if found is None:
            continue
        depth = len(found.group(1))
        if depth > level + 1:
            marks = "#" * (level + 1)
            problems.warn(item.src, item.body_line + offset, "",
                          f"đề mục «{short(line.lstrip('#').strip(), 50)}» là cấp {depth} (`{found.group(1)}`) ngay sau "
                          f"{'tiêu đề bài' if level == 1 else f'đề mục cấp {level}'}: thiếu cấp {level + 1}, nên người "
                          "dùng trình đọc màn hình thấy một cấp bị bỏ qua, và mục lục của trang thụt lề lệch",
                          f"đổi `{found.group(1)}` ở đầu dòng thành `{marks}` (mỗi cấp chỉ xuống một bậc: `##`, "
                          "rồi `###`, rồi `####`)")
        level = depth


def _second_titles(item: Item, problems: Problems) -> None:
    """A warning on each level-1 heading of the body outside fenced code: `# T`, `#T` (Python-
    Markdown needs no space) and a line underlined with `===`."""
    if "#" not in item.body and "==" not in item.body:  # nearly every file
        return
    previous = ""
    groups = {group.line - item.body_line for group in item.groups}  # a handbook's `# ` groups (session 40)
    first = min((q.line - item.body_line for q in item.questions), default=-1)
    for offset, line in unfenced(item.body.split("\n")):
        if line.startswith("#") and not line.startswith("##") and offset not in groups:
            _warn_title(item, offset, line[1:].strip(), problems, offset < first and line[1:2] in (" ", "\t"))
        elif _UNDERLINE.fullmatch(line) and previous.strip() and not previous.startswith(("#", " ", "\t")):
            _warn_title(item, offset - 1, previous.strip(), problems)
        previous = line


def _warn_title(item: Item, offset: int, text: str, problems: Problems, intro: bool = False) -> None:
    """`intro`: written `# ` with a space before a handbook's first question, which would be a
    group's line but is the intro's (`handbook.groups.handbook_groups`): its fix cannot be «write `# `»."""
    same = text.rstrip(" #").casefold() == item.title.casefold()
    other = "đổi thành đề mục `## …` (hoặc xóa nếu nó lặp lại tiêu đề)"
    if item.kind == "qa" and intro:  # before the first question, and no group that says anything (session 40)
        other = (f"dòng này ở trước câu hỏi đầu tiên nên không là tên nhóm: một nhóm chỉ có nghĩa khi sổ tay có từ hai "
                 f"nhóm có câu hỏi; nếu nó lặp lại tiêu đề, xóa dòng này; nếu là tên phần giới thiệu, viết thành chữ "
                 f"đậm `**{short(text.rstrip(' #'), 60)}**`")
    elif item.kind == "qa":  # `## ` is a question there; `# <tên>` with a space a group (session 40)
        other = ("nếu đây là tên một nhóm câu hỏi, viết `# ` (một dấu `#` rồi một dấu cách) ở đầu dòng; "
                 "nếu nó lặp lại tiêu đề, xóa dòng này")
    problems.warn(item.src, item.body_line + offset, "",
                  f"dòng «{short(text, 60)}» là một tiêu đề lớn nữa: trang đã có tiêu đề lấy từ `title:`, nên hiện "
                  "hai tiêu đề", "xóa dòng này" if same else other)


def _lost_article(item: Item, problems: Problems) -> None:
    """A page outside the known folders that names a category or tags: most likely an article
    saved in the wrong folder."""
    if item.kind != "page" or "type" in item.meta.lines:
        return
    if not ({"category", "tags"} & set(item.meta.lines)):
        return
    top = item.src.split("/", 1)[0] if "/" in item.src else ""
    if top == "trang":
        return
    folders = ", ".join(f"content/{name}/" for name in FOLDER_KINDS if name != "trang")
    where = f"thư mục `content/{top}/`" if top else "thẳng trong `content/`"
    problems.warn(item.src, item.meta.lines.get("category", item.meta.lines.get("tags", 1)), "",
                  f"tệp nằm {where}, không phải thư mục của tin bài, hỏi đáp hay hướng dẫn, nên được đăng như "
                  "một trang riêng: không vào chuyên mục, danh sách hay tin RSS nào",
                  f"chuyển tệp vào đúng thư mục ({folders}); nếu đây đúng là trang riêng, xóa `category:` và `tags:`")

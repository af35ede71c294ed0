"""Many articles naming one undeclared category: one error on mkdocs.yml, not one per article.

A province that renamed a category in mkdocs.yml after importing 300 pages of its old portal
got 300 identical errors in the build's log, each offering the same one-line fix (session 41's
trial, F4). The build now says it once per category, on the line of mkdocs.yml where the fix
goes: the title of the one declared category that no published item uses (the renamed one),
else the `categories:` line; with how many articles and the first few files. `bantin check`
(and its CI annotations, `--format github/gitlab`) keeps every article's own line: it is the
listing an editor works through, file by file. The build (and the live preview) folds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bantin.config.settings import CONFIG_FILE, SiteConfig
from bantin.problems import Problem, Problems, short
from bantin.text.vi import slugify

FOLD = 3  # this many articles or more naming one undeclared category are told once
SHOWN = 3  # files named in the message
_SUFFIX = " chưa được khai báo trong mkdocs.yml"
# The name is at most 80 characters (problems.short): a bounded pattern on a bounded message.
_MESSAGE = re.compile(r"chuyên mục `([^`\n]{1,80})`" + re.escape(_SUFFIX))


def message(name: str) -> str:
    """The per-article error's text (content/fields.py), which `folded` recognises."""
    return f"chuyên mục `{short(name).replace('`', chr(39))}`{_SUFFIX}"


def folded(problems: Problems, site: SiteConfig, used: set[str], lines: Mapping[str, int]) -> Problems:
    """`problems` with the articles' errors for each undeclared category named by FOLD or more
    of them replaced by one error on mkdocs.yml. `used`: the slugs published items belong to;
    `lines`: the line of each declared category's title, and of `categories:` under ""."""
    groups: dict[str, tuple[str, list[Problem]]] = {}  # old slug → (the name as first written, errors)
    for problem in problems.items:
        if problem.is_error and problem.field == "category" and problem.path != CONFIG_FILE \
                and (found := _MESSAGE.fullmatch(problem.message)) is not None:
            name = found.group(1)
            groups.setdefault(slugify(name) or name, (name, []))[1].append(problem)
    told = [(name, found) for name, found in groups.values() if len(found) >= FOLD]
    if not told:
        return problems
    gone = {id(p) for _, found in told for p in found}
    kept = Problems([p for p in problems.items if id(p) not in gone])
    unused = [c for c in site.categories if c.slug not in used]
    for name, found in told:
        kept.items.append(_one(name, sorted({p.path for p in found}), unused, lines))
    return kept


def _one(name: str, files: list[str], unused: list, lines: Mapping[str, int]) -> Problem:
    """The one error for `files` naming the undeclared category `name`."""
    shown = ", ".join(files[:SHOWN]) + (f" và {len(files) - SHOWN} bài khác" if len(files) > SHOWN else "")
    old = "" if name.endswith("…") and len(name) >= 80 else slugify(name)  # cut by short(): not the real slug
    line = lines.get(unused[0].slug, 0) if len(unused) == 1 else 0
    if len(unused) == 1 and old and len(old) <= 80:  # as fields._renamed
        renamed = (f"nếu chuyên mục «{unused[0].title}» là tên mới của nó, không cần sửa bài nào: ghi dòng "
                   f"`slug: {old}` ngay dưới `title: {unused[0].title}` (trang chuyên mục giữ cả địa chỉ cũ); ")
    elif old and len(old) <= 80:
        renamed = (f"nếu chuyên mục này vừa được đổi tên trong mkdocs.yml, không cần sửa bài nào: ghi dòng "
                   f"`slug: {old}` ngay dưới `title:` mới của nó (trang chuyên mục giữ cả địa chỉ cũ); ")
    else:
        renamed = ""
    return Problem(CONFIG_FILE, line or lines.get("", 0), "categories",
                   f"{len(files)} bài ghi `category: {name}`, chuyên mục chưa được khai báo trong mkdocs.yml: {shown}",
                   f"{renamed}nếu không, thêm chuyên mục này vào `categories:` hoặc sửa dòng `category:` của các bài "
                   f"(`bantin check` liệt kê từng bài)")

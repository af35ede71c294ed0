"""A picture no page uses is not published, and `bantin check` names it (session 42).

An editor uploads a picture through the web editor, then takes it out of the article, or
replaces it with a better one: the repository keeps the file (the editor never deletes one
another article may use; the guide says to leave it). It was copied to the site all the same,
onto every USB copy, under an address anyone could open: a picture an editor withdrew from an
article (a face, a document with an ID number on it) stayed published. A Word file no page
uses was already held back (issue 14); a picture now is too, and said so as a warning, which
never stops publishing: nothing is wrong with the site, and the file stays in the repository
for the day a page uses it again (it is then published with that build).

A picture is unused when no page of the build uses it in any way the link check reads
(`![…](…)`, `<img>`, `image:`, a link, an attachment, a poster: checks.Site.used), mkdocs.yml
does not name it (logo, favicon, emblem, `share_image`: `keep`), and neither the redirect map
nor mkdocs.yml's text mentions its file name (site/originals.mentioned_in); what a page that
failed its own checks names is that page's (its text read as a draft's: content/drafts/files.py),
so an editor mending a broken date is not told the article's picture may be deleted. Like an original,
it is copied and removed after the pages are written, and only when no text of the built site
names it either (a custom stylesheet's `url()`, a theme template, a page writing its address):
when in doubt, it stays published.
"""

from __future__ import annotations

import posixpath
from typing import Collection, Iterable, Mapping

from bantin.content.inventory import IMAGES
from bantin.problems import Problem, Problems

WHO = "ảnh không bài nào dùng"


def unused(static: Iterable[str], used: Mapping[str, Collection[str]], kept: Collection[str]) -> frozenset[str]:
    """The pictures of content/ (`static`, already less what is withheld) that nothing uses."""
    return frozenset(path for path in static if posixpath.splitext(path)[1].lower() in IMAGES
                     and path not in used and path not in kept)


def problems(paths: Iterable[str]) -> list[Problem]:
    """One warning a picture, on the picture's own file (CI annotates it there)."""
    found = Problems()
    for path in sorted(paths):
        name = posixpath.basename(path)
        found.warn(path, 0, "", f"ảnh `{name}` không được bài nào dùng (không có `![…](…)`, `<img>`, `image:`, "
                   "liên kết hay tệp đính kèm nào tới nó) nên không được đăng lên trang; tệp vẫn nằm trong kho",
                   f"không cần làm gì nếu ảnh không còn dùng; chỉ xóa tệp khi chắc không nơi nào dẫn tới nó (tìm `{name}` "
                   "trong kho: một trang ghi địa chỉ đầy đủ của ảnh vẫn dùng nó); muốn đăng thì chèn ảnh vào "
                   f"một bài, đường dẫn tính từ thư mục của bài: bài ở content/tin-tuc/ viết `![Mô tả ảnh](../{path})`")
    return list(found.items)

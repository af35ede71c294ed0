"""What the page does not show is published nowhere: review F2 (session 36).

An editor's `[//]: # (…)` note and an unused link definition print nothing on the page, but
the description, share card, feed and search index once carried them word for word.
"""

from __future__ import annotations

import re
from pathlib import Path

from sitekit import article, build, read, write_site

NOTE = "GHICHUNOIBO"
BODY = f"""\
[//]: # ({NOTE}: chờ chị Hạnh duyệt; KHÔNG đăng số điện thoại 0912 345 678)

Sáng 1/4, Sở Tư pháp tổ chức họp báo thông tin kết quả công tác quý I.

[bien-ban]: https://drive.google.com/file/d/1AbCnoibo/view "Biên bản {NOTE}"
"""


def test_a_markdown_comment_is_in_no_description_feed_or_search_file(tmp_path: Path):
    root = write_site(tmp_path, {"tin-tuc/hop-bao.md": article("Họp báo quý I", body=BODY)})
    build(root)
    html = read(root, "tin-tuc/hop-bao-quy-i/index.html")
    for name in ("description", "og:description", "twitter:description"):
        content = re.search(rf'<meta (?:name|property)="{name}" content="([^"]*)"', html).group(1)
        assert content.startswith("Sáng 1/4, Sở Tư pháp"), (name, content)
    assert "Sáng 1/4" in read(root, "feed.xml")
    assert "Sáng 1/4" in "".join(path.read_text(encoding="utf-8") for path in (root / "site/assets/search/d").iterdir())
    # anywhere, in any case: the index keeps its words lowercased
    published = [path for path in (root / "site").rglob("*") if path.suffix in {".html", ".xml", ".js", ".json"}]
    leaks = [str(path.relative_to(root)) for path in published
             if re.search(f"{NOTE}|1AbCnoibo|0912 345", path.read_text(encoding="utf-8"), re.IGNORECASE)]
    assert leaks == []

"""A hostile-content fixture site (issue 12): script payloads in every field an editor or
a site's configuration can fill, for the escaping tests and the browser test.

Every payload is text a reader must see as text: in titles it has to come out in the
page's `<h1>` exactly as written, and nowhere may it become markup.
"""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
import yaml

from sitekit import ROOT, article, build

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
# In bodies the image must exist and have alt text, or the link check stops the build first:
# the payload there is the event handler, which the sanitiser must remove.
BODY_IMG = '"><img src="../images/anh.png" alt="a" onerror=alert(1)>'
SVG = "'><svg onload=alert(1)>"
JSONLD = "</script><script>alert(1)</script>"
PAYLOADS = (SCRIPT, IMG, SVG, JSONLD)
ALL = " ".join(PAYLOADS)  # every context breaker in one value
CONTROL = "\x08\x0b\x1f\ufffe"  # characters XML 1.0 cannot carry

# A 1×1 PNG: the image field needs a real picture.
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")

HOSTILE_URL = 'https://nguon.example.org/a?b=1&c="><script>alert(1)</script>'
DOC_URL = "https://vbpl.example.org/van-ban?id=1&x=\"'><svg onload=alert(1)>"

FILE_NAME = "t\"><img src=x onerror=alert(1)>'"  # a file name can break out of an attribute too

# Slugs of the pages whose <h1> shows a payload (directory-URL paths).
ARTICLES = {f"tin-tuc/doc-{n}": f"Tin {n} {p}" for n, p in enumerate(PAYLOADS)}


def config(offline: bool = False) -> dict:
    """mkdocs.yml with payloads in site name and description, categories, agency, documents."""
    return {
        "site_name": f"Bản tin {SCRIPT}{IMG}",
        "site_description": f"Mô tả {ALL}",
        "site_url": "https://bantin.example.org/",
        "use_directory_urls": not offline,
        "docs_dir": "content", "strict": True,
        "theme": {"name": "material", "language": "vi", "font": False},
        "plugins": [{"bantin": {
            "page_size": 20,
            "categories": [{"title": f"Hòa giải {SVG}", "slug": "hoa-giai", "description": f"Mô tả {ALL}"},
                           {"title": f"Đất đai {IMG}", "slug": "dat-dai"}],
            "agency": {"name": f"Sở {SCRIPT}", "owner": f"UBND {IMG}", "editor": f"Biên tập {SVG}",
                       "address": f"Địa chỉ {JSONLD}", "phone": f"0238 3 000 000{SVG}",
                       "email": f"stp@example.org{IMG}", "notice": f"Ghi rõ nguồn {ALL}"},
            "documents": [{"number": "31/2024/QH15", "title": f"Luật {ALL}", "issuer": f"Quốc hội {IMG}",
                           "url": DOC_URL, "status": "het-hieu-luc", "replaced_by": "32/2025/QH15"},
                          {"number": "32/2025/QH15", "title": f"Luật mới {SVG}", "url": DOC_URL}],
        }}],
    }


def front(**meta) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n"


HANDBOOK = front(title=f"Sổ tay {IMG}", date="2024-06-01", category="hoa-giai", slug="so-tay",
                 summary=f"Tóm tắt {ALL}") + f"""Giới thiệu {SCRIPT} sổ tay.

## Câu hỏi {SCRIPT} là gì? {{#cau-mot}}

Trả lời {BODY_IMG} theo Luật số 31/2024/QH15.

Căn cứ pháp lý: Điều 2 {SVG}.

## Câu hỏi hai & {JSONLD} {{#cau-hai}}

Trả lời hai.
"""

GUIDE = front(title=f"Hướng dẫn {SVG}", date="2024-07-01", category="dat-dai", type="guide",
              slug="huong-dan-doc") + """Mở đầu.

## Bước một & <script>alert(1)</script>

Nội dung <img src="../images/anh.png" alt="a" onerror=alert(1)> và <a href="javascript:alert(1)">liên kết</a>.

## Bước hai "\\"><img src="../images/anh.png" alt="a" onerror=alert(1)>"

<svg onload=alert(1)></svg>

## Bước ba <?x > <script a=b=c>alert(1)</script a=b=c> <!-- ?> đuôi <![CDATA[ --> ]]>

Heading built to slip past the toc's tag patterns (a hostile review, session 19).
"""


def files() -> dict[str, str | bytes]:
    """Content: articles with every front matter field hostile, a handbook, a guide."""
    found: dict[str, str | bytes] = {"images/anh.png": PNG, "tai-lieu/tep.pdf": b"%PDF-1.4\n%%EOF\n",
                                     f"images/{FILE_NAME}.png": PNG, f"tai-lieu/{FILE_NAME}.pdf": b"%PDF-1.4\n%%EOF\n"}
    for n, payload in enumerate(PAYLOADS):
        found[f"tin-tuc/doc-{n}.md"] = article(
            f"Tin {n} {payload}", f"2024-05-0{n + 1}", "hoa-giai", slug=f"doc-{n}",
            summary=f"Tóm tắt {ALL}", author=f"Tác giả {payload}", tags=[f"thẻ {payload}", "hòa giải"],
            source={"name": f"Báo {ALL}", "url": HOSTILE_URL},
            image=f"../images/{FILE_NAME}.png" if n == 2 else "../images/anh.png", image_alt=f"Ảnh {ALL}",
            attachments=[{"title": f"Tệp {ALL}", "file": "../tai-lieu/tep.pdf"},
                         {"title": "Tệp tên lạ", "file": f"../tai-lieu/{FILE_NAME}.pdf"}],
            documents=["31/2024/QH15"], featured=n == 0,
            body=f"Theo Luật số 31/2024/QH15 {payload.replace(IMG, BODY_IMG)}.\n\n<script>alert(1)</script>\n")
    found["hoi-dap/so-tay.md"] = HANDBOOK
    found["huong-dan/doc.md"] = GUIDE
    found["trang/gioi-thieu.md"] = front(title=f"Giới thiệu {SCRIPT}", date="2024-01-01") + "Về chúng tôi.\n"
    return found


def write(root: Path, offline: bool = False, site_config: dict | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(site_config or config(offline), allow_unicode=True), encoding="utf-8")
    for rel, data in files().items():
        path = root / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return root


def build_hostile(root: Path, offline: bool = False) -> Path:
    """The hostile site built with --strict; returns its output folder."""
    write(root, offline)
    build(root)
    return root / "site"


@pytest.fixture(scope="session")
def hostile_sites(tmp_path_factory):
    """(site/, offline site/) of the hostile fixture, each built once per test run."""
    base = tmp_path_factory.mktemp("hostile")
    return build_hostile(base / "web"), build_hostile(base / "offline", offline=True)

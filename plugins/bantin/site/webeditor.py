"""The web editor at /admin/ (DESIGN §10): Decap CMS, vendored, configured from mkdocs.yml.

The build writes `admin/index.html` (the page), `admin/config.yml` (made here from the
plugin's settings: one collection per content type, a widget per front matter field),
`admin/ma-cau-hoi.json` (the question ids already taken, by handbook, so a new question's
id is unique across the site and a save that repeats one is refused naming the other), `admin/dia-chi.json` (the addresses of files without `slug:`),
`admin/lien-ket-den.json` (the published pages other published pages link to, and which: a
takedown is asked about first), `admin/tep.json` (a mark of each file and page the built site
has: a link to a missing file is refused at save; each published page's file by its address: a
pasted page address is saved as the link to its file; nothing of drafts), our small
`bantin-admin.js` and `.css` (Vietnamese slug, the "Câu hỏi" block, the image-alt rule,
uploads that never replace, the preview pane with `bantin-preview.css`), `bantin-paste.js`
(a Markdown table as a "Bảng" block kept as written; tables and Word's lists pasted),
`bantin-frontmatter.js` (a save keeps the front matter's lines whose values did not change),
`bantin-capitals.js` (a title in capitals said under its field, content/capitals.py's twin) and the
vendored Decap bundle (`bantin/webeditor/`, `make vendor`).

Values from mkdocs.yml (agency, category titles, addresses) reach config.yml through
`yaml.safe_dump` and the page through an autoescaping template: never through a string
template. Nothing here is fetched from another host: the only other host the editor talks
to is the git backend chosen in `editor:` (GitLab, GitHub, or decap-server on 127.0.0.1).
"""

from __future__ import annotations

import base64
import json
from importlib import resources
from typing import Iterator, Mapping
from urllib.parse import urlsplit

import yaml
from jinja2 import Environment, PackageLoader, select_autoescape

from bantin.config.settings import Editor, SiteConfig
from bantin.content.model import KIND_FOLDERS
from bantin.content.plaintext import MARKUP

ADMIN = "admin"
WHO = "trình biên tập web (admin/)"
VENDOR = "webeditor"  # package data: our script and, in decap/, the vendored bundle
# The theme's neutral emblem (a scale over an open book, never the national emblem), as the
# header shows it when the agency has none.
_DEFAULT_EMBLEM = resources.files("bantin").joinpath("theme/partials/bantin-emblem.html").read_text(encoding="utf-8").strip()
_templates = Environment(loader=PackageLoader("bantin", "templates"), autoescape=select_autoescape(["html"]))

# Content types, in the order the editor lists them: (kind, label, one of them).
COLLECTIONS = (
    ("article", "Tin bài", "tin bài"),
    ("qa", "Hỏi - Đáp", "sổ tay Hỏi - Đáp"),
    ("guide", "Hướng dẫn", "tài liệu hướng dẫn"),
    ("page", "Trang", "trang"),
)
# A line of a collection's list: the title, its date as Vietnamese writes it, and whether it
# is a draft (the list showed titles alone, by file name: a draft looked published).
SUMMARY = "{{title}} · {{date | date('DD/MM/YYYY')}}{{draft | ternary(' · (bản nháp)', '')}}"
IMAGES, FILES = "images", "tai-lieu"  # folders of content/ for pictures and attached documents
# Bytes an upload may have: a phone's photo is 2-8 MB, a scanned decree 1-10 MB. Bigger ones
# swell every copy of the repository for good (git keeps them) and strain a git host's API.
UPLOAD_MAX = 20_000_000


def wanted(editor: Editor, offline: bool) -> bool:
    """Whether this build writes /admin/: never in the offline copy (a USB stick has no git
    backend, and file:// pages cannot call one), never with `backend: none`, and with the
    local backend only while `bantin edit` runs decap-server."""
    if offline or editor.backend == "none" or editor.content.startswith(".."):
        return False
    return editor.online or bool(editor.local_url)


# --- config.yml ---------------------------------------------------------------------------

def backend(editor: Editor) -> dict:
    """Decap's `backend:` for the configured git host (the local proxy for `local`)."""
    if editor.backend == "gitlab":
        found = {"name": "gitlab", "repo": editor.repo, "branch": editor.branch, "auth_type": "pkce",
                 "app_id": editor.app_id, "api_root": editor.api_root, "base_url": editor.base_url}
    elif editor.backend == "github":
        found = {"name": "github", "repo": editor.repo, "branch": editor.branch, "base_url": editor.base_url}
        if editor.api_root:
            found["api_root"] = editor.api_root
    else:
        found = {"name": "proxy", "proxy_url": editor.local_url, "branch": editor.branch}
    if editor.auth_endpoint and editor.online:
        found["auth_endpoint"] = editor.auth_endpoint
    return found


def _content(editor: Editor) -> str:
    """The content folder as config.yml names it, from the repository's top ("." for the top)."""
    return editor.content.strip("/") or "."


def _upload_limit() -> dict:
    """A file widget's `media_library`: Decap takes its size limit from there (UPLOAD_MAX)."""
    return {"config": {"max_file_size": UPLOAD_MAX}}


def decap_config(site: SiteConfig) -> dict:
    """Decap CMS's whole configuration, as data (written by `config_yaml`)."""
    editor = site.editor
    content = _content(editor)
    config: dict = {"locale": "vi", "backend": backend(editor)}
    if editor.local_url:  # `bantin edit`: decap-server on this computer, whatever the backend online
        config["local_backend"] = {"url": editor.local_url}
    config.update({
        "publish_mode": "simple",
        "media_folder": f"{content}/{IMAGES}",
        "public_folder": f"../{IMAGES}",  # as the files of tin-tuc/, hoi-dap/… name them
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
    })
    if site.site_url.startswith(("https://", "http://")):  # the editor's links back to the site
        config["site_url"] = config["display_url"] = site.site_url
    config["logo_url"] = _logo(site)
    config["collections"] = [_collection(site, content, *entry) for entry in COLLECTIONS]
    return config


def _logo(site: SiteConfig) -> str:
    """The login page's picture: the agency's emblem (`agency.emblem`, its path as
    config/emblem.py checked it, from /admin/), else the theme's own neutral emblem. Decap
    showed its own logo, a brand an editor of a Department of Justice does not know. (A site
    whose header shows the theme's `logo` instead gets the neutral emblem here.)"""
    if site.agency.emblem_src:
        return "../" + site.agency.emblem_src
    return "data:image/svg+xml;base64," + base64.b64encode(_DEFAULT_EMBLEM.encode("utf-8")).decode("ascii")


def _collection(site: SiteConfig, content: str, kind: str, label: str, singular: str) -> dict:
    folder = KIND_FOLDERS[kind]
    return {
        "name": folder, "label": label, "label_singular": singular,
        "folder": f"{content}/{folder}", "extension": "md", "format": "yaml-frontmatter",
        "create": True, "delete": False,  # a published address stays: removing a file is done in git
        "slug": "{{fields.slug}}", "identifier_field": "title", "summary": SUMMARY,
        "sortable_fields": [{"field": "date", "default_sort": "desc"}, "title"],  # newest first
        "preview_path": _address(site, kind),
        "fields": list(_fields(site, kind, content)),
    }


def _address(site: SiteConfig, kind: str) -> str:
    """Where "Xem bản hoàn chỉnh" goes: the entry's page on the site, from its `slug:`
    (bantin-admin.js writes it whenever a file is saved from the editor). An older file not
    yet saved there has no `slug:`, and Decap's templates cannot fold its title as
    text/vi.py does: its link opens the section's list. No slash at the end, so that an
    empty slug gives `tin-tuc/`, not `tin-tuc//`; hosts add it to `tin-tuc/<slug>`."""
    prefix = getattr(site.prefixes, kind).strip("/")
    return f"{prefix}/{{{{fields.slug}}}}".lstrip("/")


def _fields(site: SiteConfig, kind: str, content: str) -> Iterator[dict]:
    """A widget per front matter field (content/fields.py FIELDS), in the guide's order."""
    yield {"name": "title", "label": "Tiêu đề", "widget": "bantin-title", "pattern": _plain_text("tiêu đề")}
    yield {"name": "slug", "label": "Địa chỉ", "widget": "bantin-slug", "required": False,  # made when saving
           "hint": "Tạo một lần từ tiêu đề, khi lưu lần đầu; sau đó giữ nguyên để đường dẫn và mã QR đã in không hỏng."}
    yield {"name": "date", "label": "Ngày đăng", "widget": "datetime", "format": "YYYY-MM-DD",
           "date_format": "DD/MM/YYYY", "time_format": False, "default": "{{now}}"}
    if kind != "page":
        yield _category(site)
    yield {"name": "summary", "label": "Tóm tắt", "widget": "text", "required": False,
           "pattern": _plain_text("tóm tắt"),
           "hint": "Một hai câu hiện dưới tiêu đề, trong danh sách bài và khi chia sẻ."}
    if kind != "page":
        yield {"name": "image", "label": "Ảnh minh họa", "widget": "image", "required": False, "choose_url": False,
               **_media(content, IMAGES)}
        yield {"name": "image_alt", "label": "Mô tả ảnh", "widget": "bantin-alt", "required": False,
               "hint": "Bắt buộc khi có ảnh: tả ảnh cho người khiếm thị, ví dụ “Hòa giải viên trao đổi với người dân”."}
        yield {"name": "tags", "label": "Từ khóa (thẻ)", "widget": "list", "required": False,
               "hint": "Các từ khóa ngăn cách bằng dấu phẩy, ví dụ: hòa giải, tập huấn. Mỗi từ khóa có trang liệt kê các bài mang nó."}
        yield {"name": "author", "label": "Tác giả", "widget": "string", "required": False}
        yield {"name": "source", "label": "Nguồn", "widget": "object", "required": False, "collapsed": True,
               "fields": [{"name": "name", "label": "Tên nguồn", "widget": "string", "required": False},
                          {"name": "url", "label": "Địa chỉ bài gốc", "widget": "string", "required": False,
                           "pattern": ["^(https?://\\S+)?$", "phải bắt đầu bằng http:// hoặc https://"]}]}
        yield _documents(site)
        yield {"name": "attachments", "label": "Tệp đính kèm", "label_singular": "tệp", "widget": "list",
               "required": False, "collapsed": False,  # a folded row without a name said "No title"
               "summary": "{{fields.title | default('(chưa có tên tài liệu)')}}",
               # not required one by one: a row added by mistake (one tap on "Thêm tệp") blocked
               # publishing; bantin-admin.js drops empty rows and names a half-filled one
               "fields": [{"name": "title", "label": "Tên tài liệu", "widget": "string", "required": False},
                          {"name": "file", "label": "Tệp", "widget": "file", "choose_url": False, "required": False,
                           **_media(content, FILES)}]}
    if kind == "article":
        yield {"name": "featured", "label": "Nổi bật ở trang chủ", "widget": "boolean", "required": False,
               "default": False}
    # Decap's "boolean" with a draft's words in the toolbar (bantin-admin.js)
    yield {"name": "draft", "label": "Bản nháp (chưa đăng)", "widget": "bantin-draft", "required": False, "default": False,
           "hint": "Bản nháp chỉ hiện khi xem trước, không được xuất bản."}
    if kind != "page":
        yield {"name": "updated", "label": "Ngày cập nhật", "widget": "datetime", "required": False,
               "format": "YYYY-MM-DD", "date_format": "DD/MM/YYYY", "time_format": False}
    body = {"name": "body", "label": "Nội dung", "widget": "markdown",  # its "Ảnh" block uploads too
            "media_library": _upload_limit()}
    if kind == "qa":
        body["hint"] = ("Mỗi câu hỏi là một khối “Câu hỏi” (nút + trong thanh công cụ): khối này tự tạo mã "
                        "cố định cho câu hỏi, là địa chỉ riêng và mã QR của câu hỏi. Trước khi thêm khối, nhấn "
                        "Enter cho tới khi có hai dòng trống và bấm vào dòng trên: dòng dưới khối là chỗ viết "
                        "câu trả lời.")
    yield body


def _media(content: str, folder: str) -> dict:
    """A file widget's folder, named on the widget itself, for both folders.

    Once one field of a collection names its own folder (attachments: tai-lieu/), Decap
    lists, for an open entry, only the folders fields name (decap-cms `processEntry`): the
    pictures' folder, named only at the top of config.yml, was left out. "Chọn một hình"
    then showed an empty library, and Decap's check for a file of the same name found
    none: an upload called `image.jpg` (every iPhone's name) replaced another article's
    picture without a word. Named here too, images/ is listed again; bantin-admin.js then
    gives a same-named upload a free name instead of replacing."""
    return {"media_folder": f"/{content}/{folder}", "public_folder": f"../{folder}",
            "media_library": _upload_limit()}


def _plain_text(name: str) -> list[str]:
    """Decap's `pattern` refusing the markup the build warns of in a title or summary
    (content/plaintext.py: tags, entities, Markdown marks): refused while typing, with the
    reason, rather than a warning after publishing. Decap shows "<label>: <message>"."""
    found = "|".join(rule.pattern for rule in MARKUP)
    return [f"^(?![\\s\\S]*(?:{found}))", f"có mã HTML hoặc Markdown (<b>, &amp;, **…): người đọc sẽ thấy "
            f"nguyên các ký tự đó, vì {name} hiện đúng như đã gõ. Chỉ để chữ."]


def _category(site: SiteConfig) -> dict:
    """A select of the registered categories (value: slug; label: title), or a line of text
    when none is registered. Not `required`: a draft is kept without one, as the build only
    warns of a draft's missing category (outsider trial F4); bantin-admin.js's widget
    (`bantin-category`, Decap's select or string inside) refuses it empty when publishing."""
    field = {"name": "category", "label": "Chuyên mục", "widget": "bantin-category", "required": False}
    if not site.categories:
        return {**field, "hint": "Chưa có chuyên mục nào trong mkdocs.yml."}
    return {**field, "options": [{"label": c.title, "value": c.slug} for c in site.categories]}


def _documents(site: SiteConfig) -> dict:
    """Cited document numbers: a list of text, since articles also cite documents that are
    not registered (a number with its year); the registered ones are named in the hint."""
    known = [document.number for document in site.registry]
    hint = "Số hiệu văn bản, ngăn cách bằng dấu phẩy, ví dụ: 31/2024/QH15, 42/2022/NĐ-CP"
    if known:
        hint += ". Đã khai báo: " + ", ".join(known[:12]) + (" …" if len(known) > 12 else "")
    return {"name": "documents", "label": "Văn bản được trích dẫn", "widget": "list", "required": False, "hint": hint}


def config_yaml(site: SiteConfig) -> str:
    """config.yml, by the YAML library: a category called `a: b # c` stays one value."""
    return yaml.safe_dump(decap_config(site), allow_unicode=True, sort_keys=False, width=1000)


# --- the page and its files ---------------------------------------------------------------

def backend_origins(editor: Editor) -> list[str]:
    """The hosts the editor may talk to besides the site's own: its git backend only."""
    urls = [editor.local_url, editor.api_root, editor.base_url]
    if editor.backend == "github" and not editor.api_root:
        urls.append("https://api.github.com")
    return sorted({_origin(url) for url in urls if url})


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def content_policy(editor: Editor) -> str:
    """The page's Content-Security-Policy: DESIGN's rule "nothing from any host but the site's
    own, the git backend excepted" enforced by the browser, not only measured. Decap injects
    its styles (emotion), compiles its config schema (ajv: 'unsafe-eval') and WebAssembly;
    what it fetches unasked (GitHub's status page) is refused and Decap carries on. No inline
    script runs: the live preview's reload script, which reloaded the editor (losing what
    was being typed) whenever it saved a file, is refused too."""
    hosts = " ".join(backend_origins(editor))
    extra = f" {hosts}" if hosts else ""
    return (f"default-src 'self'; script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'; "
            f"style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:{extra}; "
            f"connect-src 'self' blob: data:{extra}; font-src 'self' data:; media-src 'self' data: blob:; "
            f"worker-src 'self' blob:; frame-src 'self' blob:; object-src 'none'; base-uri 'self'; "
            f"form-action 'self'{extra}")


def admin_html(site: SiteConfig) -> str:
    """/admin/index.html: Decap and our script, noindex, every value escaped by the template.

    `documents`: the registered numbers, space-separated (a canonical number has no space):
    a cited number without its year is one the build identifies only if registered, and the
    editor refuses at save what the build would refuse (bantin-admin.js, documentsIdentified)."""
    return _templates.get_template("webeditor.html").render(site_name=site.site_name or "Bản tin",
                                                            policy=content_policy(site.editor),
                                                            upload_max=UPLOAD_MAX,  # for every upload
                                                            documents=" ".join(d.number for d in site.registry))


def addresses(site: SiteConfig, items) -> bytes:
    """{file as Decap names it: address} of the published files without `slug:`.

    Saving such a file from the editor writes its address as `slug:` (bantin-admin.js),
    so that a retitling keeps it and "Xem bản hoàn chỉnh" finds it. The address is the
    build's (text/vi.py from the title, entities decoded, apostrophes as python-slugify
    reads them): the browser's own slugify differs on such titles and moved pages (hostile
    review, session 26). Drafts have no address yet; files with `slug:` need none."""
    content = _content(site.editor)
    prefix = "" if content == "." else content + "/"
    found = {prefix + item.src: item.meta.slug for item in items
             if not item.meta.draft and "slug" not in item.meta.lines and item.meta.slug}
    return json.dumps(found, ensure_ascii=True, sort_keys=True).encode()


def question_ids(site: SiteConfig, questions) -> bytes:
    """The handbooks of the site and their questions' ids and titles, as
    `[{"file", "title", "questions": [[id, question], …]}, …]` (file as Decap names it),
    sorted (byte-identical builds).

    The editor makes a new question's id unique against them, and refuses to save a handbook
    in which a question takes an id another question has (bantin-admin.js), naming that
    question and its handbook: the build would then fail (handbook.idproblems.shared_id) after the editor was
    told "saved" (an editors' trial, session 34). `questions` are (handbook, question) of
    the published items only (drafts too in the live preview): /admin/ is public, and a
    draft's titles are not published."""
    content = _content(site.editor)
    prefix = "" if content == "." else content + "/"
    handbooks: dict[str, dict] = {}
    for item, question in questions:
        found = handbooks.setdefault(item.src, {"file": prefix + item.src, "title": item.title, "questions": []})
        found["questions"].append([question.id, question.title])
    listed = [handbooks[src] for src in sorted(handbooks)]
    return json.dumps(listed, ensure_ascii=True, separators=(",", ":")).encode()


LINKERS_NAMED = 5  # the web editor's question names the newest five, then says how many more


def inbound_links(site: SiteConfig, items, linked) -> bytes:
    """The published pages that other published pages link to, and those pages, as
    `{"thu-muc": "content/", "trang": [[src, title, [i, …], n], [src, title], …]}`: src from the
    content folder (`thu-muc`, as Decap names it, goes before it); of a linked page, the
    positions in `trang` of the newest LINKERS_NAMED pages linking it and, when more link it,
    how many in all. `items`' order (newest first) makes builds byte-identical.

    A page taken down (`draft: true`) turns every link to it into plain words at the next
    build (checks._to_draft), deliberately without stopping it; the web editor asks before
    saving such a takedown, naming the pages that link to it (bantin-admin.js; an editors'
    trial, session 34). `linked` is checks.Site.linked (page src → srcs linking it), gathered
    while links are checked: this costs O(pages + links). Drafts are neither listed nor
    counted, even in the live preview: /admin/ is public and a draft's title is not, and a
    draft's link is published nowhere. Only pages named in the question are listed, so the
    file stays small (a page half the site links to adds five titles, not thousands)."""
    content = _content(site.editor)
    published = [item for item in items if not item.meta.draft]
    order = {item.src: n for n, item in enumerate(published)}
    linking = {}
    for item in published:
        others = sorted((o for o in linked.get(item.src, ()) if o in order and o != item.src), key=order.__getitem__)
        if others:
            linking[item.src] = others
    named = {o for others in linking.values() for o in others[:LINKERS_NAMED]}
    listed = [item for item in published if item.src in linking or item.src in named]
    place = {item.src: n for n, item in enumerate(listed)}
    pages = []
    for item in listed:
        others = linking.get(item.src, [])
        counted = [len(others)] if len(others) > LINKERS_NAMED else []
        pages.append([item.src, item.title] + ([[place[o] for o in others[:LINKERS_NAMED]]] + counted if others else []))
    found = {"thu-muc": "" if content == "." else content + "/", "trang": pages}
    return json.dumps(found, ensure_ascii=False, separators=(",", ":")).encode()


def vendored() -> Iterator[tuple[str, bytes]]:
    """(name under admin/, bytes) of our script and the vendored Decap files."""
    root = resources.files("bantin") / VENDOR
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.is_file() and not entry.name.startswith("."):
            yield entry.name, entry.read_bytes()
    for entry in sorted((root / "decap").iterdir(), key=lambda e: e.name):
        if entry.is_file():
            yield f"decap/{entry.name}", entry.read_bytes()


def file_mark(path: str) -> str:
    """Eight hex digits of a path under content/: FNV-1a (32 bits) of its UTF-8 bytes.
    bantin-admin.js `fileMark` is its twin (tests/test_webeditor_savechecks.py)."""
    mark = 0x811C9DC5
    for byte in path.encode("utf-8"):
        mark = ((mark ^ byte) * 0x01000193) & 0xFFFFFFFF
    return f"{mark:08x}"


def page_addresses(items, questions, short_prefix: str) -> dict[str, tuple[str, str]]:
    """The site addresses (paths, no slashes around) a link by the preview's or the site's full
    address may name and the build turns into the link to its file (checks._own_address,
    _intended), each with that file and `#id`: each page of `items` (its source, ""), each
    question of a handbook and each question's short link (the handbook's source, the id).
    The build passes the pages it publishes (Corpus.published): no draft's, unless this build
    shows drafts. A page's own address wins over a question's, and a short link over a question
    at the same path, as `_intended` reads them."""
    found = {f"{item.path}/{q.id}": (item.src, q.id) for item in items for q in item.questions}
    found.update({f"{short_prefix.strip('/')}/{q.id}": (handbook.src, q.id) for handbook, q in questions})
    found.update({item.path: (item.src, "") for item in items})
    return found


def known_files(site: SiteConfig, files, addresses: Mapping[str, tuple[str, str]] | None = None) -> bytes:
    """`{"thu-muc": "content/", "tep": "<8 hex digits per file>…", "dia-chi": "…", "goc": "https://…/",
    "trang": {"<mark of an address>": "tin-tuc/bai.md" or ["hoi-dap/so-tay.md", "<id>"]}}`: a mark
    (`file_mark`) of each file a link in the text may name and the built site has (content/'s
    files, generated pages: build._public_files), and of each page's address
    (`page_addresses`), sorted; the site's published address (OwnAddress's) and, by the mark of
    each page's address, its source file (and `#id`).

    A link or picture in the text to a file that is not there stopped the whole build after the
    web editor had said "saved" (outsider trial, session 40; checks._missing); the editor now
    refuses it at save (bantin-admin.js, linksFound). A link pasted as a page's full address
    (the guide's way: copied from the address bar) is saved as the link to its file, as the
    build would publish it (`trang`; outsider trial, session 43: every build warned of it).
    /admin/ is public: nothing here may tell
    of a draft, a takedown or a file only drafts use (their names say their titles), as a mark
    confirms a guessed name (hostile review H2, session 41: 1,300 guesses in 4 ms found a
    draft). `trang` names the source of each published page: whoever has the page's address
    (the site lists them) reads which file holds it; a file no page links to stays a mark, and
    a mark tells nothing to whoever does not already know the name. Two names may share a mark
    (one in 4 billion): the editor then lets that link through and the build still says it;
    two addresses sharing one are left out of `trang` (their links keep the address: the build
    warns)."""
    content = _content(site.editor)
    marked = {path: file_mark(path) for path in addresses or {}}  # each address's mark, once
    marks = sorted({file_mark(path) for path in files})
    found = {"thu-muc": "" if content == "." else content + "/", "tep": "".join(marks),
             "dia-chi": "".join(sorted(set(marked.values()))), "goc": site.published_url or site.site_url,
             "trang": _sources(addresses or {}, marked)}
    return json.dumps(found, ensure_ascii=True, separators=(",", ":"), sort_keys=True).encode()


def _sources(addresses: Mapping[str, tuple[str, str]], marked: Mapping[str, str] | None = None) -> dict:
    """{mark of an address (`marked`, else made here): its source, or [source, id] for a
    question}; none when two addresses share a mark (the editor would write the wrong file)."""
    found: dict[str, object] = {}
    shared = set()
    for path, (src, anchor) in addresses.items():
        mark = marked[path] if marked is not None else file_mark(path)
        if mark in found:
            shared.add(mark)
        found[mark] = [src, anchor] if anchor else src
    return {mark: value for mark, value in sorted(found.items()) if mark not in shared}


def admin_files(site: SiteConfig, questions, items, linked=None, files=(),
                pages: Mapping[str, tuple[str, str]] | None = None) -> Iterator[tuple[str, bytes | str]]:
    """Every file of /admin/, as (path in the built site, content); `linked`: page src → srcs
    of the items linking it (checks.Site.linked); `files`: what a link may name (SiteRead.files),
    `pages`: the pages' addresses (page_addresses)."""
    yield f"{ADMIN}/index.html", admin_html(site)
    yield f"{ADMIN}/config.yml", config_yaml(site)
    yield f"{ADMIN}/ma-cau-hoi.json", question_ids(site, questions)
    yield f"{ADMIN}/dia-chi.json", addresses(site, items)
    yield f"{ADMIN}/lien-ket-den.json", inbound_links(site, items, linked or {})
    yield f"{ADMIN}/tep.json", known_files(site, files, pages)
    for name, data in vendored():
        yield f"{ADMIN}/{name}", data

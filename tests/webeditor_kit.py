"""What the web editor's browser tests share (tests/test_webeditor*_browser.py): `bantin edit`
running on a git copy of a small site (`editing`, one per test file), the editor's tab lent to
each test (`admin`), or another context's kept tab for tests that crash a tab, open a second or
answer dialogs in turn (`fresh_admin`, `logged_in_page`: no test gets a new tab or context, whose
renderer compiled Decap's 5 MB bundle again, session 47), and the steps several files take
(log in, publish, paste, wait for a save to land). One file of 2,300 lines held them and its
61 tests until session 42; in five files, `make test`'s processes share them out (pytest-xdist
keeps a file in one process: the one file ran 10-12 minutes of a 13-minute suite under load)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from urllib.parse import urlsplit
from pathlib import Path

import pytest

from sitekit import ROOT, article, write_site

# The editors' guide's pictures (published with it): written to content/bien-tap/anh/ when
# BANTIN_SCREENSHOTS=1, else beside the test's files (a test run leaves the tree as it was).
SHOTS = ROOT / "content" / "bien-tap" / "anh" if os.environ.get("BANTIN_SCREENSHOTS") == "1" else None
HANDBOOK = "Mở đầu sổ tay.\n\n## Câu hỏi 1: Hòa giải ở cơ sở là gì? {#hoa-giai-o-co-so-la-gi}\n\nLà việc giúp các bên tự thỏa thuận.\n"
LISTED = ("Mở đầu.\n\n## Câu hỏi 1: Hòa giải viên được gì? {#hoa-giai-vien-duoc-gi}\n\n"
          "Hòa giải viên được:\n\n* bồi dưỡng kỹ năng;\n* hỗ trợ kinh phí.\n")
# Markdown beyond CommonMark that our site reads, and an editor's notes (guide §5.3: a note
# line, a comment, a link definition nothing uses): the rich text editor must keep it as written.
EXTENDED = """Đoạn đầu.

!!! note "Lưu ý"
    Nội dung lưu ý, có **chữ đậm**.

Đoạn có lớp.
{: .noi-bat }

## Mục có mã {#muc-co-ma}

Liên kết tới [câu hỏi](../hoi-dap/so-tay.md#hoa-giai-o-co-so-la-gi).

<div markdown="1" class="hop">
Trong hộp.
</div>

[//]: # (Chờ chị Hạnh duyệt)

<!-- Chờ chị Hạnh duyệt -->

[bien-ban]: https://drive.google.com/file/d/1AbC "Biên bản nội bộ"
[bien-ban-2]:
    https://drive.google.com/file/d/2XyZ

[ho-so]:
    https://drive.google.com/drive/folders/3QrS

[//]:\t# (Số riêng của chị Hạnh: 0912 345 678)

[bien-ban-4]:\t
    https://drive.google.com/file/d/4Tab
"""
# A Markdown table as the guide (§5.4) teaches it, with what a real one holds: alignment,
# a `|` escaped in a cell, bold and a link in cells.
TABLED = """Đoạn đầu.

Bảng 1. Kết quả hòa giải

| Huyện | Số vụ tiếp nhận | Hòa giải thành |
| --- | ---: | :---: |
| Lam Sơn | 143 | 118 (82,5%) |
| **Đồng Mây** | 96 | [80](../hoi-dap/so-tay.md) \\| 83,3% |

Đoạn cuối.
"""
# Nested lists as Python-Markdown reads them (4 spaces in), written by hand.
NESTED_WRITTEN = "Đoạn đầu.\n\n- Một:\n    - một a;\n    - một b.\n- Hai.\n\n1. Bước một;\n    1. bước con.\n2. Bước hai.\n\nĐoạn cuối.\n"
# A handbook as editors write it by hand (guide §4): a flow list of tags, a date with its time,
# a comment, a folded summary, a blank line after `---`, `- ` bullets. Saved from the web editor
# after one answer changed, every other line must stay as it was (editor's trial F6).
KEPT_LINES = """---
title: Sổ tay giữ nguyên dòng
date: 2024-05-02 08:30
category: hoa-giai-o-co-so
tags: [hòa giải, hộ tịch]
# Chờ chị Hạnh duyệt phần tóm tắt
summary: >-
  Một tóm tắt đủ dài để bộ ghi của trình biên tập gấp dòng ở tám mươi cột nếu tự viết lại
  phần khai báo từ đầu.
---

Mở đầu sổ tay.

- Một;
- Hai.

## Câu hỏi 1: Hòa giải ở đâu? {#hoa-giai-o-dau}

Trả lời một.
"""
# Every Markdown construct the guide teaches, the sample content uses or an editor plausibly
# writes by hand, each after a marker paragraph «Mốc N.» so a change is named by its construct.
CONSTRUCTS = tuple(re.findall(r"^=== (\S+)\n(.*?)\n(?==== |\Z)", (ROOT / "tests/data/rich-text-constructs.txt")
                              .read_text(encoding="utf-8"), re.M | re.S))
EVERY_CONSTRUCT = "Đoạn đầu.\n\n" + "".join(
    f"Mốc {n}.\n\n{text.strip(chr(10))}\n\n" for n, (name, text) in enumerate(CONSTRUCTS, 1)) + "Đoạn cuối.\n"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(url: str, process: subprocess.Popen, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"`bantin edit` stopped: {process.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer")


@pytest.fixture(scope="module")
def editing(tmp_path_factory):
    """(project folder, preview URL) of `bantin edit` running on a git copy of a small site."""
    root = write_site(tmp_path_factory.mktemp("editing") / "site", {
        "tin-tuc/bai-cu.md": article("Bài cũ", summary="Bài có sẵn.", image="../images/anh-cu.jpg",
                                     image_alt="Ảnh cũ"),  # a published article's picture
        "hoi-dap/so-tay.md": article("Sổ tay hòa giải", body=HANDBOOK),
        "hoi-dap/so-tay-danh-sach.md": article("Sổ tay có danh sách", body=LISTED),
        "hoi-dap/giu-dong.md": KEPT_LINES,
        "trang/gioi-thieu.md": "---\ntitle: Giới thiệu\ndate: 2024-01-01\n---\n\nTrang giới thiệu.\n",
        "tin-tuc/chua-xong.md": article("Bài chưa xong", date="2024-06-02", draft=True),
        "tin-tuc/co-bang.md": article("Bài có bảng", body=TABLED),
        "tin-tuc/ds-long.md": article("Bài có danh sách lồng", body=NESTED_WRITTEN),
        "tin-tuc/mo-rong.md": article("Bài có khối mở rộng (Women's Day)", body=EXTENDED),
        "tin-tuc/moi-cau-truc.md": article("Bài có mọi cấu trúc", body=EVERY_CONSTRUCT),
        "tin-tuc/ghi-chu.md": article("Bài có ghi chú", body="Đoạn đầu.\n\nĐoạn cuối.\n"),
        "tin-tuc/anh-trong-bai.md": article("Bài sẽ có ảnh trong bài", body="Đoạn đầu.\n\nĐoạn cuối của bài.\n"),
        "tin-tuc/hai-may.md": article("Bài sửa ở hai máy", summary="Tóm tắt cũ."),
        "tin-tuc/cong-tac.md": article("Bài chỉ bật công tắc", summary="Tóm tắt cũ."),
        "tin-tuc/luu-roi-sua.md": article("Bài lưu rồi sửa tiếp", summary="Tóm tắt cũ.", tags=["hòa giải"]),
    })
    from PIL import Image

    (root / "content/images").mkdir()
    Image.new("RGB", (640, 400), (200, 60, 40)).save(root / "content/images/anh-cu.jpg", quality=85)
    with edit_running(root) as (url, proxy):
        yield root, url, proxy


@contextmanager
def edit_running(root: Path):
    """(preview URL, decap-server port) of `bantin edit` running on `root` made a git copy; it
    is stopped after, and decap-server with it."""
    if shutil.which("node") is None or not (ROOT / "node_modules/decap-server/dist/index.js").is_file():
        pytest.skip("needs Node.js and `npm ci` (decap-server); `make test` installs them")
    (root / ".gitignore").write_text("site/\n", encoding="utf-8")
    git = ["git", "-c", "user.email=thu@example.org", "-c", "user.name=Thử"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "trang thử"], cwd=root, check=True)
    preview, proxy = _free_port(), _free_port()
    process = subprocess.Popen([sys.executable, "-m", "bantin.cli", "edit", "-a", f"127.0.0.1:{preview}",
                                "--port", str(proxy)], cwd=root, text=True, start_new_session=True,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{preview}/"
        _wait(url + "admin/config.yml", process)
        yield url, proxy
    finally:
        process.send_signal(signal.SIGTERM)  # `bantin edit` stops decap-server itself
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    with socket.socket() as probe:  # decap-server did not outlive `bantin edit`
        assert probe.connect_ex(("127.0.0.1", proxy)) != 0


VIEWPORT = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def editor_tab(chromium, editing):
    """The one browser tab `admin` lends each test, with a DevTools session on it. A new
    browser context per test made Chromium fetch and compile Decap's 5 MB bundle every time
    (2-2.5 s of each test's set-up); a tab kept keeps that work, nothing of the editor's."""
    context = chromium.new_context(locale="vi-VN", viewport=VIEWPORT)
    page = context.new_page()
    yield page, context.new_cdp_session(page)
    context.close()


@pytest.fixture
def admin(editor_tab, editing, tmp_path):
    """The editor page, freshly loaded and logged in to the local backend, every request recorded.

    The tab is shared, the editor is not: first the tab leaves the editor and the site's
    storage is cleared (Decap's copies and login, bantin-admin.js's notes), then /admin/ loads
    as in a new browser; the test's own listeners go when it ends. A test that needs a tab
    of its own (a second tab, a crashed one, a copy kept across reloads) takes `fresh_admin`."""
    page, devtools = editor_tab
    _leave_and_forget(page, devtools, editing[1])
    with _own_listeners(page):
        page.shots = tmp_path / "shots"
        page.requests = []
        page.on("request", lambda request: page.requests.append(request.url))
        assert _log_in(page, editing[1]), "the login was kept: the shared tab's storage was not cleared"
        yield page


@contextmanager
def _own_listeners(page):
    """A shared tab for one test: the listeners it adds through `page.on` and its `page.route`
    handlers are removed when it ends, so none answers the next test's dialogs or requests."""
    added = []

    def on(event, handler):
        added.append((event, handler))
        type(page).on(page, event, handler)

    page.on = on
    try:
        yield page
    finally:
        del page.on
        for event, handler in added:
            page.remove_listener(event, handler)
        page.unroute_all(behavior="ignoreErrors")


@pytest.fixture(scope="module")
def fresh_tabs(chromium):
    """The browser context and the tab `fresh_admin` lends each test, kept for what a new tab
    would do again: Decap's bundle checked (304, adapter/vendorfiles.py), not fetched, by the
    context's HTTP cache, and compiled once by the tab's renderer. A new tab per test (session
    41) is a new renderer process that compiles the 5 MB bundle again: 1.6-2.6 s a load of
    /admin/ against 0.4-0.6 s in a kept tab (session 47's probe). [context, tab]: the tab is
    replaced when a test crashed or closed it. `logged_in_page` takes it too."""
    context = chromium.new_context(locale="vi-VN", viewport=VIEWPORT)
    kept = [context, None]
    yield kept
    context.close()


@pytest.fixture
def fresh_admin(fresh_tabs, editing, tmp_path):
    """The editor page in the module's kept tab, logged in, every request recorded: for a test
    that reloads to get its typed work back, opens a second tab or crashes one. Nothing of
    another test's is in its browser: the other tabs the last test opened are closed, the kept
    one leaves the editor (or is replaced, crashed), the preview origin's storage and cookies are
    cleared (Decap's copies and login, bantin-admin.js's notes, the tab's sessionStorage:
    DevTools' "all" clears it too), and the last test's listeners are gone; only the HTTP cache
    and the renderer's compiled code are shared, as `admin`'s tab shares them."""
    with _lent_tab(fresh_tabs, editing[1]) as page:
        page.shots = tmp_path / "shots"
        page.requests = []
        page.on("request", lambda request: page.requests.append(request.url))
        _watch_loading(page)
        assert _log_in(page, editing[1]), "the login was kept: the tab's storage was not cleared"
        yield page


@contextmanager
def _lent_tab(kept: list, url: str):
    """`kept`'s tab (`_kept_tab`) for one test: off the editor, the preview origin's storage
    and cookies cleared (`_leave_and_forget`), and every listener the test adds through
    `page.on` removed when it ends, so none answers the next test's dialogs."""
    page = _kept_tab(kept)
    devtools = page.context.new_cdp_session(page)
    _leave_and_forget(page, devtools, url)
    devtools.detach()
    with _own_listeners(page):
        yield page


def _kept_tab(kept: list):
    """A kept [context, tab]'s tab (`fresh_tabs`, or another context's made the same way), alone in its context: every other tab closed (without asking to leave:
    run_before_unload is off), and a new tab in place of one a test crashed or closed."""
    context, page = kept
    for left in context.pages:
        if left is not page:
            left.close()
    if page is not None and not page.is_closed():
        try:
            page.evaluate("1")
        except Exception:  # Playwright's Error: the tab's renderer crashed
            page.close()
    if page is None or page.is_closed():
        page = kept[1] = context.new_page()
        page.first_viewport = page.viewport_size  # the context's, which a test may change
    return page


def _leave_and_forget(page, devtools, url: str) -> None:
    """The shared tab off the editor (a question about unsaved work answered "leave"), the
    preview origin's storage and cookies cleared, the window at its first size. No test's
    copy, login or note reaches the next: each starts as in a new browser."""
    def leave(dialog):
        dialog.accept()

    page.on("dialog", leave)
    try:
        page.goto("about:blank")
    finally:
        page.remove_listener("dialog", leave)
    devtools.send("Storage.clearDataForOrigin", {"origin": url.rstrip("/"), "storageTypes": "all"})
    page.set_viewport_size(getattr(page, "first_viewport", VIEWPORT))


@contextmanager
def logged_in_page(kept: list, url: str):
    """A desktop page logged in to /admin/ at `url`, its dialogs answered in turn: `page.answers`
    (OK True, Cancel False; OK once empty), each message kept in `page.dialogs`. The tab is the
    module's kept one (`fresh_tabs`), emptied of the last test's storage and listeners: a new
    context per test fetched and compiled Decap's bundle again."""
    with _lent_tab(kept, url) as page:
        page.dialogs, page.answers = [], []

        def answer(dialog):
            page.dialogs.append(dialog.message)
            (dialog.accept if not page.answers or page.answers.pop(0) else dialog.dismiss)()
        page.on("dialog", answer)
        assert _log_in(page, url), "the login was kept: the tab's storage was not cleared"
        yield page


def _log_in(page, url: str) -> bool:
    """/admin/, logged in to the local backend: the button the first time in a browser
    context, none after (Decap keeps the session). Whether the button was there."""
    page.goto(url + "admin/")
    login = page.get_by_role("button", name="Đăng nhập")
    login.or_(page.get_by_text("Loại bài", exact=True)).first.wait_for()
    asked = bool(login.count())
    if asked:
        login.click()
    page.get_by_text("Loại bài", exact=True).wait_for()
    return asked


def _shot(page, name: str) -> None:
    folder = SHOTS or Path(page.shots)
    folder.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(300)
    page.screenshot(path=str(folder / f"editor-{name}.png"))


def _publish(page) -> None:
    page.get_by_role("button", name="Công bố").first.click()
    page.get_by_text("Công bố ngay").click()


def _hosts(urls) -> set[str]:
    return {urlsplit(u).hostname for u in urls if not u.startswith(("data:", "blob:"))}


def _title_category_text(page, title: str, text: str = "") -> None:
    """On an entry's form: its title, the category «Hòa giải ở cơ sở», and text typed in
    its body (none when `text` is empty)."""
    if title:
        page.get_by_label("Tiêu đề").fill(title)
    page.get_by_label("Chuyên mục").click()
    page.get_by_text("Hòa giải ở cơ sở", exact=True).click()
    if text:
        page.locator("[data-slate-editor]").first.click()
        page.keyboard.type(text)


def _use_upload(page, name: str) -> None:
    """Waits for the uploaded file `name` in Decap's media library and uses it: the upload is
    usually chosen already; when not, its card is clicked first."""
    page.get_by_text(name, exact=True).wait_for()
    choose = page.get_by_role("button", name="Dùng tệp đã chọn")
    if choose.is_disabled():
        page.locator(f"div:has(> p:text-is('{name}'))").first.click()
    choose.click()


def _new_article_with_picture(page, title: str, picture, saved_as: str, shot: str = "") -> None:
    """On a new article's page: its title, a category, and a picture uploaded and chosen."""
    _title_category_text(page, title)
    page.get_by_text("Chọn một hình").click()
    page.locator("input[type=file]").first.set_input_files(str(picture))
    page.get_by_text(saved_as, exact=True).wait_for()
    if shot:
        _shot(page, shot)
        page.get_by_text("Lưu cùng bài").first.wait_for()  # saved with the article (Decap: "Bản nháp")
    _use_upload(page, saved_as)
PASTE = """async ([html, text]) => { await navigator.clipboard.write([new ClipboardItem({
    'text/html': new Blob([html], {type: 'text/html'}), 'text/plain': new Blob([text], {type: 'text/plain'})})]); }"""


def _paste(page, html: str, text: str) -> None:
    """`html` pasted with Ctrl+V, as from Word: through the clipboard, so the browser sends
    Decap the paste as it does a person's."""
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.evaluate(PASTE, [html, text])
    page.keyboard.press("Control+V")


def _word(*paragraphs: str) -> str:
    return ("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head><meta charset=utf-8></head>"
            "<body lang=VI><!--StartFragment-->" + "".join(paragraphs) + "<!--EndFragment--></body></html>")


# Decap's loading bar (topbar: a canvas across the top of the page) is shown while Decap
# fetches and hidden (display: none) once what it asked for has come.
DECAP_IDLE = "() => Array.from(document.querySelectorAll('body > canvas')).every(c => c.style.display === 'none')"


def _entry_open(page, text: str):
    """The rich text editor of the entry just opened, once the entry is in it (`text`, a line
    of its body, is shown) and Decap has nothing more to fetch (its loading bar gone): the
    entry loaded, the editor settled. A fixed second, before, hoped that was time enough.
    Returns the editor."""
    editor = page.locator("[data-slate-editor]").first
    editor.get_by_text(text).first.wait_for()
    page.wait_for_function(DECAP_IDLE)
    return editor


def _add_component(page, name: str) -> None:
    """The toolbar's "+" menu, then one of its blocks; the menu closes when the editor
    re-renders under it (a moment after the entry loads), so it is opened again then."""
    for attempt in range(5):
        page.get_by_title("Thêm khối (Câu hỏi, ảnh…)").click()
        page.wait_for_timeout(300)
        try:
            page.get_by_role("menuitem", name=name).click(timeout=3000)
            return
        except Exception:  # Playwright's TimeoutError: the menu went away
            page.keyboard.press("Escape")
    raise AssertionError(f"the '{name}' block could not be added")


def _caret_at_end(page, line) -> None:
    """The caret at the end of a line of the rich text editor, put there as a person does:
    a click, the End key, and the pauses a hand takes between them. Slate (Decap's editor)
    learns where the caret is from the browser's selectionchange, at most every 100 ms; a key
    pressed before that goes where Slate last had the caret. After a question block's field
    was typed in, that is the block: one letter lands, and Slate then puts the caret back
    in the block, where the next letters are dropped (CI, session 16: "Công", typed 30 ms
    after the click). A caret set by a script has the same race."""
    line.click()
    page.wait_for_timeout(300)
    page.keyboard.press("End")
    page.wait_for_timeout(300)


def _front_matter_written(path) -> bool:
    """The file is there with its whole front matter: decap-server creates it, then writes it,
    and a read in between found it empty (CI, session 16)."""
    return path.exists() and path.read_text(encoding="utf-8").count("---\n") >= 2


def _jpeg_written(path) -> bool:
    """The picture is there to its JPEG end marker: decap-server writes an entry's pictures
    after its Markdown file, and a read between the two found none (session 31, under load)."""
    return path.is_file() and path.read_bytes().endswith(b"\xff\xd9")


def _served(url: str, text: str) -> bool:
    """Whether `url` answers with a page holding `text` (the live preview has rebuilt)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return text in answer.read().decode()
    except OSError:
        return False


def _until(condition, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the editor did not save in time")
        time.sleep(0.2)


def _watch_loading(page) -> None:
    """Keep `page.loading`, the page's requests not yet answered, and `page.last_request`,
    when one last started or ended, for `_loaded`."""
    page.loading, page.last_request = set(), time.monotonic()

    def started(request):
        page.loading.add(request)
        page.last_request = time.monotonic()

    def ended(request):
        page.loading.discard(request)
        page.last_request = time.monotonic()

    page.on("request", started)
    page.on("requestfinished", ended)
    page.on("requestfailed", ended)


def _two_empty_lines_then_the_upper(page, editor) -> None:
    """The guide's step 2: Enter until two empty lines stand at the end, then a click on the
    upper one (the block's place; the lower one is the answer's)."""
    empty = "e => e.textContent.replace(/\\ufeff/g, '').trim() === '' && e.tagName === 'P'"
    for _ in range(4):
        tail = editor.locator(":scope > *").evaluate_all(f"es => es.slice(-2).map({empty})")
        if tail == [True, True]:
            break
        page.keyboard.press("Enter")
        page.wait_for_timeout(150)
    else:
        raise AssertionError("no two empty lines at the end")
    _caret_at_end(page, editor.locator(":scope > p").nth(-2))

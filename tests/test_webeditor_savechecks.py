"""The web editor refuses at save what the build refuses (outsider's trial, session 40).

A picture in the text without its description (F8): "Mục đã được lưu", then the build failed
for every editor (checks._check_ref). Each case below is read by the build's own reader
(links.references) and by the editor's save check (bantin-admin.js, run by Node with a
stand-in for Decap): both must agree on which bodies have such a picture, and on its line.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from test_webeditor import _harness

PICTURE_BODIES = [
    ("Đoạn đầu.\n\n![](../images/hoi-nghi.jpg)\n", 3),  # "+" → Ảnh, description left empty
    ("![ ](../images/a.jpg \"Chú thích\")\n", 1),
    ("Chữ ![\t](a.png) giữa dòng.\n", 1),
    ("<img src=\"../images/a.jpg\">\n", 1),
    ("<p>Ảnh: <IMG SRC='a.jpg' alt=\"\"/></p>\n", 1),
    ("<img alt=\"  \" src=\"a.jpg\">\n", 1),
    ("Mở đầu.\n\n```\nví dụ\n```\n\nrồi ![](b.jpg)\n", 7),
    ("![Hội nghị tập huấn](../images/hoi-nghi.jpg)\n", None),
    ("<img src=\"a.jpg\" alt=\"Toàn cảnh hội nghị\">\n", None),
    ("<img src=a.jpg alt=Hội-nghị>\n", None),
    ("```\n![](a.jpg)\n```\n", None),  # code, shown as typed
    ("~~~~\n<img src=\"a.jpg\">\n~~~~\n", None),
    ("Viết `![](a.jpg)` là sai.\n", None),  # a code span
    ("Không có ảnh: ![chưa xong\n", None),
    ("> ![](trich.jpg)\n", 1), ("- ![](muc.jpg)\n", 1), ("![](<co cach.jpg>)\n", 1),
    ("<!-- ![](an.jpg) -->\n", None), ("Đầu.\n<!--\nghi chú <img src=a.jpg>\n-->\n", None),  # comments
    ("[//]: # (![](a.jpg))\n", None), ("    ![](a.jpg)\n", None),  # a note's line; indented code
    ("\\![](a.jpg)\n", None), ("![]()\n", None), ("<img alt=\"\">\n", None),  # escaped; no address
    ("<!-- a --> ![](sau.jpg)\n", 1),
]


def _build_line(body: str):
    """The first line the build refuses for a picture without its description, or None."""
    from bantin.content.links import references

    refs = references(SimpleNamespace(body=body, body_line=1))
    missing = [ref.line for ref in refs if ref.image and ref.needs_alt and not (ref.alt or "").strip()]
    return missing[0] if missing else None


def _saved(*values: dict, collection: str = "tin-tuc", path: str | None = None, handbooks=None) -> list[dict]:
    request = {"titles": [], "blocks": [], "parse": [],
               "saves": [{"collection": collection, "path": path, "values": {"title": "Bài", **v}} for v in values]}
    if handbooks is not None:
        request["handbooks"] = handbooks
    return _harness(request)["saves"]


def _saves(*values: dict, collection: str = "tin-tuc") -> list[str]:
    return [save["refused"] for save in _saved(*values, collection=collection)]


def test_a_picture_in_the_text_without_its_description_is_refused_where_the_build_refuses_it():
    assert [_build_line(body) for body, _ in PICTURE_BODIES] == [line for _, line in PICTURE_BODIES]
    said = _saves(*[{"body": body} for body, _ in PICTURE_BODIES])
    for (body, line), refusal in zip(PICTURE_BODIES, said):
        if line is None:
            assert refusal == "", (body, refusal)
        else:
            assert refusal.startswith("Không lưu: ") and f"(dòng {line} của Nội dung)" in refusal, (body, refusal)
            assert "Mô tả ảnh (bắt buộc, cho người khiếm thị)" in refusal, refusal
    first = said[0]
    assert "ảnh `../images/hoi-nghi.jpg`" in first and "`![Mô tả ngắn điều ảnh cho thấy](../images/hoi-nghi.jpg)`" in first
    assert "alt=\"…\"" in said[3]
    assert "ảnh `co cach.jpg`" in said[16], said[16]


def test_the_top_picture_s_missing_description_names_the_body_s_too():
    """Decap checks the top picture's description before our check of the body's pictures
    runs: those came a save later (an editor's trial, session 52). Said together now."""
    said = _harness({"titles": [], "blocks": [], "parse": [], "altChecks": [
        {"image": "../images/a.jpg", "alt": "", "body": "Đoạn.\n\n![](../images/b.jpg)\n\n<img src=c.jpg>\n"},
        {"image": "../images/a.jpg", "alt": "", "body": "![Có mô tả](../images/b.jpg)\n"},
        {"image": "../images/a.jpg", "alt": "Ảnh hội nghị", "body": "![](../images/b.jpg)\n"},
        {"image": "", "alt": "", "body": "![](../images/b.jpg)\n"},
    ]})["altChecks"]
    assert said[0].startswith("Có ảnh minh họa nhưng chưa có “Mô tả ảnh”")
    assert "Trong “Nội dung” cũng còn 2 ảnh chưa có mô tả (dòng 3, 5 của Nội dung)" in said[0], said[0]
    assert said[1].startswith("Có ảnh minh họa") and "Nội dung" not in said[1], said[1]
    assert said[2:] == ["", ""]  # the field is filled, or there is no top picture: the body's are the save's


def test_every_picture_without_description_is_counted_and_a_handbook_is_checked_too():
    body = "![](a.jpg)\n\n![](b.jpg)\n\n<img src=c.jpg>\n"
    said = _saves({"body": body}, collection="hoi-dap")
    assert "ảnh `a.jpg` (dòng 1 của Nội dung)" in said[0] and "Còn 2 ảnh khác cũng chưa có mô tả." in said[0]


def test_hostile_picture_lines_are_read_in_time_in_proportion_to_them():
    """`![`, `<img` and `<!--` repeated with nothing closing them, a run of spaces after `![`:
    eight times the line, about eight times the time (quadratic: 64; bound 32)."""
    def bodies(n):
        return ["![" * n, "<img " * n, "![" + " " * n, "`" * n + "![](a.jpg)", "<img src=x alt" + " " * n,
                "<!--" * n, "<!-- -->![](a)" * n]
    found = _harness({"titles": [], "blocks": [], "parse": [],
                      "timedSaves": [{"title": "Bài", "body": body} for n in (10_000, 80_000) for body in bodies(n)]})
    small, large = found["timed"][:7], found["timed"][7:]
    for a, b in zip(small, large):
        assert b / a < 32, found["timed"]


def test_the_picture_blocks_address_buttons_are_in_vietnamese():
    """The "Ảnh" block's "Insert from URL" / "Replace with URL" were Decap's English (F8)."""
    words = _harness({"titles": [], "blocks": [], "parse": []})["locale"]["editor"]["editorWidgets"]
    for kind in ("image", "file"):
        for key in ("chooseUrl", "replaceUrl", "promptUrl"):
            said = words[kind][key]
            assert said and "URL" not in said.replace("(URL)", ""), (kind, key, said)


# F9: a Word handbook whose sections repeat a question, pasted, "Mã câu hỏi" left empty: each
# block made the same id from the same words (toBlock knows no other block).
SITE = [{"file": "content/hoi-dap/khac.md", "title": "Sổ tay khác",
         "questions": [["ho-so-gom-nhung-gi-2", "Hồ sơ gồm những gì?"]]}]
REPEATED = ("Mở đầu.\n\n## Hồ sơ gồm những gì? {#ho-so-gom-nhung-gi}\n\nĐơn.\n\n"
            "## Thủ tục? {#thu-tuc}\n\nNộp.\n\n## Hồ sơ gồm những gì? {#ho-so-gom-nhung-gi}\n\nTờ khai.\n\n"
            "```\n## Hồ sơ gồm những gì? {#ho-so-gom-nhung-gi}\n```\n\n"
            "## Hồ sơ gồm những gì? {#ho-so-gom-nhung-gi}\n\nBản sao.\n")


def test_ids_made_for_questions_with_the_same_words_avoid_each_other_and_the_site():
    """The second and third get the next ids free in this handbook and on the site (`-2` is
    another handbook's: `-3`, `-4`), as `bantin ids` gives; the first and the code keep theirs;
    the build reads every id back, each once."""
    from bantin.content.handbook.headings import heading_lines, split_heading

    saved = _saved({"body": REPEATED}, collection="hoi-dap", handbooks=SITE)[0]
    assert saved["refused"] == ""
    body = saved["body"]
    ids = [split_heading(text)[1] for _, text in heading_lines(body)]
    assert ids == ["ho-so-gom-nhung-gi", "thu-tuc", "ho-so-gom-nhung-gi-3", "ho-so-gom-nhung-gi-4"], body
    assert "```\n## Hồ sơ gồm những gì? {#ho-so-gom-nhung-gi}\n```" in body  # code, as typed


def test_an_id_typed_by_hand_twice_is_still_refused_and_the_fix_offered_works():
    """Only an id the editor made from the question's words is the editor's to change; one
    typed for two questions is refused, and the message's "clear the field" now holds."""
    typed = "## Câu 1: Ai? {#ma-rieng}\n\nA.\n\n## Câu 2: Ở đâu? {#ma-rieng}\n\nB.\n"
    said = _saved({"body": typed}, collection="hoi-dap", path="content/hoi-dap/moi.md", handbooks=SITE)[0]
    assert said["refused"].startswith("Không lưu: mã câu hỏi `ma-rieng` dùng cho hai câu trong sổ tay này"), said
    assert "xóa trống ô đó: khi lưu, mã được tạo từ câu hỏi, không trùng" in said["refused"] and "ví dụ `o-dau`" in said["refused"]
    # the field cleared: the block writes the id made from the words, which saves
    cleared = typed.replace("## Câu 2: Ở đâu? {#ma-rieng}", "## Câu 2: Ở đâu? {#o-dau}")
    assert _saved({"body": cleared}, collection="hoi-dap", handbooks=SITE)[0]["refused"] == ""


# F11: "Văn bản được trích dẫn". Registered (mkdocs.yml `documents:`): two numbers, one without
# its year in the number. Each entry: what the build says of it (fields._documents) and what
# the editor says at save must agree wherever the editor refuses; it may leave a few to the
# build (marked False: an impossible date, words after the number), never refuse what the
# build accepts.
REGISTERED = [("432/QĐ-UBND", 2024), ("31/2024/QH15", 2024)]
CITED = [
    ("Nghị định 102", True), ("432/QĐ-UBND", False), ("60/KH-UBND", True), ("Quyết định số 60/KH-UBND", True),
    ("88/2024/NĐ-CP", False), ("Nghị định 88/2024/NĐ-CP", False), ("60/KH-UBND ngày 12/4/2024", False),
    ("60/KH-UBND năm 2024", False), ("60/KH-UBND (2024)", False), ("Quyết định số 432/QD-UBND", False),
    ("0432/qđ-ubnd", False), ("432 / QĐ-UBND", False), ("09-NQ/TU", True), ("09-NQ/TU ngày 5/1/2023", False),
    ("số 512/UBND-NC", True), ("hai nghìn", True), ("0/KH-UBND", True), ("60/KH-UBND ngày 31/2/2024", False),
    ("60/KH-UBND kèm theo", True), ("Luật 2024", True), ("30/2020/NÐ-CP", False),  # Ð: U+00D0
    ("số:60/KH-UBND ngày 12/4/2024", False), ("<b>9/ha-ha</b>", True),
    # four digits that are the number, not its year; a number holding a registered one (session 40 review)
    ("2150/QĐ-UBND", True), ("1432/QĐ-UBND", True), ("432/QĐ-UBND-STP", True), ("Quyết định số 2150/QĐ-UBND", True),
]


def _build_says(entries: list[str]) -> dict[str, str]:
    """fields._documents on `documents: entries`: entry → the build's error (what → fix)."""
    from bantin.content import fields
    from bantin.legal.numbers import Document
    from bantin.legal.registry import Registry
    from bantin.problems import Problems

    registry = Registry([Document(number, year, "Văn bản", number.lower().replace("/", "-")) for number, year in REGISTERED])
    problems = Problems()
    check = fields._Check("tin-tuc/a.md", {"documents": list(entries)}, {"documents": 9},
                          SimpleNamespace(registry=registry), problems, lambda path: True)
    fields._documents(check)
    said = {}
    for problem in problems.items:
        for entry in entries:
            if f"`{entry}`" in problem.message:
                said[entry] = f"{problem.message}. Cách sửa: {problem.fix}"
    return said


def test_a_cited_number_the_build_cannot_identify_is_refused_at_save_with_the_builds_words():
    entries = [entry for entry, _ in CITED]
    build = _build_says(entries)
    assert sorted(build) == sorted(e for e, _ in CITED if e not in ("432/QĐ-UBND", "88/2024/NĐ-CP",
        "Nghị định 88/2024/NĐ-CP", "60/KH-UBND ngày 12/4/2024", "60/KH-UBND năm 2024", "60/KH-UBND (2024)",
        "Quyết định số 432/QD-UBND", "0432/qđ-ubnd", "432 / QĐ-UBND", "09-NQ/TU ngày 5/1/2023",
        "30/2020/NÐ-CP", "số:60/KH-UBND ngày 12/4/2024")), build
    said = [save["refused"] for save in _harness({
        "titles": [], "blocks": [], "parse": [], "registered": " ".join(n for n, _ in REGISTERED),
        "saves": [{"values": {"title": "Bài", "documents": [entry]}} for entry in entries]})["saves"]]
    for (entry, refused), refusal in zip(CITED, said):
        if refused:
            assert refusal == f"Không lưu: “Văn bản được trích dẫn”: {build[entry]}.", (entry, refusal)
        else:
            assert refusal == "", (entry, refusal)  # accepted by the build, or left to it
    left = [e for e in build if not dict(CITED)[e]]
    assert left == ["60/KH-UBND ngày 31/2/2024"], left  # an impossible date: the build's to say


def test_the_page_gives_the_editor_the_registered_numbers():
    """The numbers registered in mkdocs.yml, in the page, escaped by the template."""
    import dataclasses

    from bantin.legal.numbers import Document
    from bantin.legal.registry import Registry
    from bantin.site import webeditor
    from test_webeditor import _site

    registry = Registry([Document(number, year, "Văn bản", "x") for number, year in REGISTERED])
    html = webeditor.admin_html(dataclasses.replace(_site(), registry=registry))
    assert '<meta name="bantin-documents" content="432/QĐ-UBND 31/2024/QH15">' in html


def test_hostile_cited_numbers_are_read_in_time_in_proportion_to_them():
    """Long entries of number-like pieces with nothing closing them (a dash chain, slashes,
    spaced slashes, digits): eight times the entry, about eight times the time (bound 32)."""
    def entries(n):
        return ["1/a" + "-a" * n, "1/" * n, "1 / " * n, "9" * n, "1-NQ/a" + "-a1" * n, "0" * n + "1/KH"]
    found = _harness({"titles": [], "blocks": [], "parse": [], "registered": "432/QĐ-UBND",
                      "timedSaves": [{"title": "Bài", "documents": [entry]} for n in (10_000, 80_000)
                                     for entry in entries(n)]})
    half = len(found["timed"]) // 2
    small, large = found["timed"][:half], found["timed"][half:]
    for a, b in zip(small, large):
        assert b / a < 32, found["timed"]


def test_a_question_saved_keeps_its_id_when_its_handbook_is_saved_again():
    """Seen in Chromium: a question added with "Mã câu hỏi" empty, saved, then the handbook's
    text edited and saved again (the form still open, its field still empty) got `…-2`: the
    block made its id again, and the id just saved counted as another's. Its own, same words,
    in the same file, is kept; another handbook's still is not taken."""
    body = HOA_GIAI_TWICE
    found = _harness({"titles": [], "blocks": [], "parse": [], "handbooks": SITE,
                      "questionSaves": [{"path": "content/hoi-dap/moi.md", "body": body, "title": "Sổ tay"}],
                      "blocksAfter": [{"question": "Hồ sơ gồm những gì?", "id": ""},
                                      {"question": "Thủ tục?", "id": ""}, {"question": "Câu mới?", "id": ""}]})
    assert found["questionSaves"] == [""]
    assert found["blocksAfter"] == ["## Hồ sơ gồm những gì? {#ho-so-gom-nhung-gi}", "## Thủ tục? {#thu-tuc}",
                                    "## Câu mới? {#cau-moi}"]


HOA_GIAI_TWICE = "## Hồ sơ gồm những gì? {#ho-so-gom-nhung-gi}\n\nĐơn.\n\n## Thủ tục? {#thu-tuc}\n\nNộp.\n"


HEADINGS_WITHOUT_IDS = [
    ("Mở đầu.\n\n## II. THỦ TỤC\n\n## Nộp ở đâu? {#nop-o-dau}\n\nỞ xã.\n", 3, "II. THỦ TỤC", True),
    ("## Ai được trợ giúp pháp lý?\n\nNgười nghèo.\n", 1, "Ai được trợ giúp pháp lý?", False),
    ("## A {#a}\n\nĐáp.\n\n```\n## trong mã\n```\n\n## NHÓM HAI\n\n## B {#b}\n\nĐáp.\n", 9, "NHÓM HAI", True),
]


@pytest.mark.parametrize("body, line, text, group", HEADINGS_WITHOUT_IDS)
def test_a_handbook_heading_without_an_id_is_refused_at_save_as_the_build_refuses_it(body, line, text, group):
    """A `## ` line typed with the toolbar's heading (or pasted where the paste left it) in a
    handbook saved without a word, then the build failed for every editor (handbook.idproblems.missing_id;
    outsider's trial F1). The save is refused on the line the build names; a part's name (the
    build's rule, bantin-paste.js's twin) is told to be a group `# …`, any other a question block."""
    from bantin.content.handbook.reader import parse_questions
    from bantin.problems import Problems

    problems = Problems()
    parse_questions("hoi-dap/a.md", body, 1, problems)
    assert any(p.line == line and "chưa có mã" in p.message for p in problems.errors), problems.errors
    said = _harness({"titles": [], "blocks": [], "parse": [], "withPaste": True,
                     "saves": [{"collection": "hoi-dap", "path": None, "values": {"title": "Sổ tay", "body": body}}]})["saves"]
    refused = said[0]["refused"]
    assert f"“{text}” (dòng {line} của Nội dung)" in refused, refused
    assert ("Đây là tên một nhóm câu hỏi" in refused) == group, refused
    assert f"`# {text}`" in refused


def test_a_handbook_whose_headings_all_have_ids_and_an_article_s_headings_are_saved():
    """Questions with ids (`{#id}`, `{: #id}`) and groups `# ` pass; `## ` in an article is a section."""
    body = "# I. NHÓM\n\n## Hỏi? {#hoi}\n\nĐáp.\n\n## Hỏi nữa? {: #hoi-nua}\n\nĐáp.\n"
    assert [s["refused"] for s in _saved({"body": body}, collection="hoi-dap")] == [""]
    assert _saves({"body": "## Mục một\n\nChữ.\n"}) == [""]


# --- session 41: the build's errors the editor still saved (decisions.md, session 40's list) ---
# A date before 1945 (fields._implausible_date): the date box lets a year be typed digit by digit.
DATES = [("0202-05-01", True), ("1202-02-01", True), ("1944-12-31", True), ("1945-01-01", False), ("2024-11-21", False),
         ("2024-11-21 08:30", False), ("0002-03-05", True), ("1024-04-12T07:00:00+07:00", True), ("", False)]


def _build_refuses_date(value: str) -> str | None:
    """The build's error for `date: value` (fields.validate), or None."""
    import yaml

    from bantin.content import fields
    from bantin.problems import Problems
    from test_webeditor import _site

    data = yaml.safe_load(f"title: Bài\ncategory: hoa-giai-o-co-so\ndate: {value}\n") if value else {"title": "Bài"}
    problems = Problems()
    fields.validate("tin-tuc/a.md", data, {"date": 3}, _site(), problems, lambda path: True)
    said = [p for p in problems.errors if p.field == "date" and "năm" in p.message]
    return said[0].message if said else None


def test_a_date_before_1945_is_refused_at_save_as_the_build_refuses_it():
    """A year typed short («0202») or wrong («1024»): saved, then every build failed (session
    40's list). The editor refuses exactly the years the build refuses, with its words."""
    said = _saves(*[{"date": value} for value, _ in DATES])
    for (value, refused), refusal in zip(DATES, said):
        build = _build_refuses_date(value)
        assert (build is not None) == refused, (value, build)
        if refused:
            assert refusal.startswith(f"Không lưu: “Ngày đăng”: {build}. Cách sửa: gõ năm đủ bốn chữ số"), (value, refusal)
            assert "Ngay lúc này" in refusal, refusal
            # «20/11/2026» typed in a month-first box makes year 1202: the box's order is said
            assert "tháng trước ngày (tháng/ngày/năm)" in refusal and "dòng chữ ghi ngày" in refusal, refusal
        else:
            assert refusal == "", (value, refusal)


# Links and pictures in the text to files the site does not have (checks._check_ref, _missing).
# The site: what content/ holds (pages, a draft, files) and a generated page; the entry is a
# new article of tin-tuc/. Each body: the line the editor refuses, or None; LEFT: bodies whose
# mistake the editor leaves to the build (raw HTML, a reference definition), never the reverse.
FILES = ["tin-tuc/bai-cu.md", "tin-tuc/ban-nhap.md", "hoi-dap/so-tay.md", "trang/gioi-thieu.md",
         "images/anh-cu.jpg", "tai-lieu/ke hoach.pdf", "tai-lieu/đất đai.pdf", "the/hoa-giai.md"]
DRAFTS = ["tin-tuc/ban-nhap.md"]
LINKED = [
    ("Xem [bài cũ](bai-cu.md).\n", None), ("Xem [bài cũ](bai-cux.md).\n", 1),
    ("Đầu.\n\nXem [sổ tay](../hoi-dap/so-tay.md#cau-1).\n", None), ("Đầu.\n\n[x](../hoi-dap/khong-co.md)\n", 3),
    ("![Ảnh cũ](../images/anh-cu.jpg)\n", None), ("![Ảnh mới](../images/anh-moi.jpg)\n", 1),
    ("[Kế hoạch](../tai-lieu/ke%20hoach.pdf)\n", None), ("[Kế hoạch](<../tai-lieu/ke hoach.pdf>)\n", None),
    ("[Đất](../tai-lieu/%C4%91%E1%BA%A5t%20%C4%91ai.pdf)\n", None), ("[Đất](../tai-lieu/%C4%91at.pdf)\n", 1),
    ("[x](../../ngoai.md)\n", 1), ("[x](https://vbpl.vn/a.md)\n", None), ("[x](#muc)\n", None),
    ("[x](mailto:a@b.vn)\n", None), ("Viết `[x](khong-co.md)` là sai.\n", None), ("```\n[x](khong-co.md)\n```\n", None),
    ("<!-- [x](khong-co.md) -->\n", None), ("[x](/tin-tuc/bai-cu.md)\n", None),
    ("[x](../tin-tuc/bai-cu/)\n", 1), ("[x](www.vbpl.vn)\n", 1), ("[x](thuvienphapluat.vn/van-ban)\n", 1),
    ("[x](bai-cu.md?a=1)\n", None), ("[Luật (sửa đổi)](bai-cu.md \"Bài cũ\")\n", None),
    ("[a](bai-cu.md) và [b](khong-co.md)\n", 1), ("[a](khong(1).md)\n", 1), ("[a](bai(1).md\n", None),
    ("    [x](khong-co.md)\n", None), ("[x](  khong-co.md  )\n", 1), ("[x](khong-co.md\n", None),
    ("[![Ảnh cũ](../images/anh-cu.jpg)](bai-cu.md)\n", None), ("| a | [x](khong-co.md) |\n| --- | --- |\n", 1),
    ("[x](../the/hoa-giai.md)\n", None), ("[x](..\\images\\anh-cu.jpg)\n", 1), ("[x](./bai-cu.md)\n", None),
    ("[x](../hoi-dap/./../tin-tuc/bai-cu.md)\n", None), ("> [x](khong-co.md)\n", 1), ("- [x](khong-co.md)\n", 1),
    ("[x](tel:0912345678)\n", None), ("[x](<khong co.md>)\n", 1), ("[](khong-co.md)\n", 1),
    # raw HTML blocks (no Markdown link in them), a `:` in the first part (a scheme to the build),
    # spaces and titles in the address, brackets in the words
    ("<div>\n[x](khong-co.md)\n</div>\n\n[y](khong-co.md)\n", 5), ("<p>[x](khong-co.md)</p>\n", None),
    ("[x](a b:c.md)\n", None), ("[x](khong-co.md?x:y)\n", None), ("[x](C:\\Users\\a.docx)\n", None),
    ("[x](tin tuc.md)\n", 1), ("[x](<khong-co.md> \"t\")\n", 1), ("[x](khong-co.md 't')\n", 1),
    ("[x](bai-cu.md (Bài cũ))\n", None), ("[a [b] c](khong-co.md)\n", 1), ("[x](./)\n", 1),
    ("[a](bai-cu.md) chữ](khong-co.md)\n", None), ("\\[x](khong-co.md)\n", None),
    # hostile review L2: targets as mdlinks._TARGET reads them (spaces and a title, `<…>` and a
    # title with no space, `)` in a title; `<` or `>` unpaired: no link), code spans of two
    # backticks and over a paragraph's lines (a fence in a quote is one), and the same refused
    ("[x](../tai-lieu/ke hoach.pdf \"t\")\n", None), ("[x](<../tai-lieu/ke hoach.pdf> \"t\")\n", None),
    ("[x](<bai-cu.md>'t')\n", None), ("[x](../tin-tuc/bai-cu.md \"a) b\")\n", None), ("``[x](khong-co.md)``\n", None),
    ("> ```\n> [x](khong-co.md)\n> ```\n", None), ("[x](<bai-cu.md)\n", None), ("[x](bai-cu.md>)\n", None),
    ("[x](../tai-lieu/khong co.pdf \"t\")\n", 1), ("[x](<khong-co.md>'t')\n", 1), ("[x](khong-co.md \"a) b\")\n", 1),
    ("``a`` [x](khong-co.md) ``b``\n", 1), ("x ```a` [x](khong-co.md)\n", 1), ("`a\n[x](khong-co.md) b`\n", None),
    ("`a\n\n[x](khong-co.md) b`\n", 3), ("> ```\n> [x](khong-co.md)\n", 2), ("[x](bai-cu.md(1) \"t\")\n", 1),
    ("[x](bai-cu.md 't' )\n", None), ("[x](khong-co.md (a b))\n", 1), ("[x](a (b) c.md)\n", 1),
]
# Links by the preview's full address (a link pasted from a page becomes one): to a page, a
# question, a short link, a draft, a file of the site, they are the build's to turn into the link to
# the file (a warning); to no page (checks._PREVIEW), refused.
PREVIEW = "http://127.0.0.1:8000/"
LINKED += [
    (f"[x]({PREVIEW}tin-tuc/bai-cu/)\n", None), (f"[x]({PREVIEW}tin-tuc/khong-co/)\n", 1),
    ("[x](http://localhost:8000/hoi-dap/so-tay/cau-1/)\n", None), (f"[x]({PREVIEW}q/cau-1/)\n", None),
    (f"[x]({PREVIEW}q/cau-2/)\n", 1), (f"[x]({PREVIEW}images/anh-cu.jpg)\n", None),
    (f"![Ảnh]({PREVIEW}images/anh-moi.jpg)\n", 1), (f"[x]({PREVIEW}tin-tuc/bai-cu.md)\n", 1),
    (f"[x]({PREVIEW}tin-tuc/bai-cu/#muc)\n", None), ("[x](http://example.org/tin-tuc/khong-co/)\n", None),
    (f"[x]({PREVIEW}tin-tuc/bai-cu.html)\n", None), (f"[x]({PREVIEW}tai-lieu/ke%20hoach.pdf)\n", None),
]
# Links to a draft, by its file or the preview's address: the build turns them into words with a
# warning (checks._to_draft). tep.json says nothing of drafts (hostile review H2), so the editor
# cannot tell them from a missing file: it refuses them saying both, with the way out of each.
TO_DRAFTS = ["[x](ban-nhap.md)\n", f"[x]({PREVIEW}tin-tuc/ban-nhap/)\n", f"[x]({PREVIEW}TIN-TUC/BAN-NHAP/)\n"]
LEFT = ["[x]: khong-co.md\n\n[x][x]\n", "<a href=\"khong-co.md\">x</a>\n", "<img src=\"khong-co.jpg\" alt=\"Ảnh\">\n",
        "<div markdown=\"1\">\n[x](khong-co.md)\n</div>\n", "[Luật\nHộ tịch](khong-co.md)\n"]


def _build_refuses_links(body: str, src: str = "tin-tuc/moi.md") -> int | None:
    """The first line of `body` whose link or picture the build refuses (checks.check_item), or None."""
    problems, _ = _checked_by_build(body, src)
    return min((p.line for p in problems.errors), default=None)


def _checked_by_build(body: str, src: str, published_url: str = ""):
    """(the build's Problems of `body` as the page `src`, the checks.Site it was read on): the
    live preview's site, its own address PREVIEW, mkdocs.yml's `published_url`."""
    from bantin.content import checks
    from bantin.problems import Problems

    items = _items()
    pages = {path: None for path in FILES if path.endswith(".md") and path not in DRAFTS and not path.startswith("the/")}
    site = checks.Site(pages=pages, static={path: 10 for path in FILES if not path.endswith(".md")}, image_max_kb=500,
                       drafts={path: items[path.removesuffix(".md")] for path in DRAFTS},
                       generated=frozenset({"the/hoa-giai.md"}), site_url=PREVIEW, published_url=published_url,
                       by_path={path: item for path, item in items.items() if item.src not in DRAFTS},
                       draft_paths={path: item for path, item in items.items() if item.src in DRAFTS},
                       questions={q.id: item for item in items.values() for q in item.questions})
    item = SimpleNamespace(src=src, body=body, body_line=1, title="Bài",
                           meta=SimpleNamespace(draft=False, image="", attachments=(), lines={}))
    problems = Problems()
    checks.check_item(item, site, problems)
    return problems, site


def _items() -> dict:
    """The site's pages by address, as the build knows them (`path`, `src`, `questions`)."""
    def item(src, *ids):
        return SimpleNamespace(src=src, path=src.removesuffix(".md"), questions=tuple(SimpleNamespace(id=i) for i in ids))
    return {i.path: i for i in (item("tin-tuc/bai-cu.md"), item("tin-tuc/ban-nhap.md"),
                                item("hoi-dap/so-tay.md", "cau-1"), item("trang/gioi-thieu.md"))}


def _files_json() -> dict:
    import json

    from bantin.site import webeditor
    from test_webeditor import _site

    items = [i for i in _items().values() if i.src not in DRAFTS]  # the build's: what the site has (build._public_files)
    questions = [(i, q) for i in items for q in i.questions]
    files = [path for path in FILES if path not in DRAFTS]
    return json.loads(webeditor.known_files(_site(), files, webeditor.page_addresses(items, questions, "q")))


def _link_saves(bodies: list[str], **save) -> list[str]:
    return [s["refused"] for s in _harness({"titles": [], "blocks": [], "parse": [], "files": _files_json(),
                                            "saves": [{"values": {"title": "Bài", "body": body}, **save} for body in bodies]})["saves"]]


def test_a_link_or_picture_to_a_file_the_site_does_not_have_is_refused_where_the_build_refuses_it():
    """Session 40's list: a link to a page not there, saved, then every build failed. The
    editor reads each body's Markdown links and pictures as the build does and refuses the
    same line; the few shapes it leaves (raw HTML, reference links) the build still says."""
    bodies = [body for body, _ in LINKED]
    assert [_build_refuses_links(body) for body in bodies] == [line for _, line in LINKED]
    for (body, line), refusal in zip(LINKED, _link_saves(bodies)):
        if line is None:
            assert refusal == "", (body, refusal)
        else:
            assert refusal.startswith("Không lưu: ") and f"(dòng {line} của Nội dung)" in refusal, (body, refusal)
    said = _link_saves(["Xem [bài cũ](bai-cux.md).\n", "![Ảnh mới](../images/anh-moi.jpg)\n", "[x](../../ngoai.md)\n",
                        "[x](www.vbpl.vn)\n"])
    assert said[0].startswith("Không lưu: liên kết `bai-cux.md` (dòng 1 của Nội dung) trỏ tới tệp không có trên "
                              "trang, hoặc còn là bản nháp (content/tin-tuc/bai-cux.md). Cách sửa: bấm vào liên kết, "
                              "sửa địa chỉ"), said[0]
    assert "Nếu bài đó còn là bản nháp: bỏ liên kết và thêm lại khi bài đó đã đăng" in said[0], said[0]
    assert "tải ảnh lên lại cùng bài này" in said[1], said[1]
    assert "ảnh `../images/anh-moi.jpg`" in said[1] and "“Chọn một hình”" in said[1], said[1]
    assert "trỏ ra ngoài thư mục content/" in said[2], said[2]
    assert "viết đủ `https://www.vbpl.vn`" in said[3], said[3]
    assert all(_build_refuses_links(body) is not None for body in LEFT)
    assert _link_saves(LEFT) == [""] * len(LEFT)


def test_a_link_to_a_draft_is_refused_saying_it_may_be_a_draft_and_a_draft_saves_its_links():
    """Hostile review H2: tep.json names nothing of drafts, so a link to one looks like a link to
    no file. The build turns it into words with a warning, never an error: the editor says both
    («không có trên trang, hoặc còn là bản nháp», the preview's address likewise) and how out of
    each. A draft's own links are its notes to the build (drafts/policy.demote): saved, checked when it
    is published."""
    assert [_build_refuses_links(body) for body in TO_DRAFTS] == [None] * len(TO_DRAFTS)
    said = _link_saves(TO_DRAFTS)
    assert "trỏ tới tệp không có trên trang, hoặc còn là bản nháp (content/tin-tuc/ban-nhap.md)" in said[0], said[0]
    for refusal in said[1:]:
        assert "không có trang nào đã đăng ở địa chỉ đó, hoặc trang đó còn là bản nháp" in refusal, refusal
    bodies = [body for body, line in LINKED if line is not None] + TO_DRAFTS
    saves = _harness({"titles": [], "blocks": [], "parse": [], "files": _files_json(),
                      "saves": [{"values": {"title": "Bài", "body": body, "draft": True}} for body in bodies]})["saves"]
    assert [s["refused"] for s in saves] == [""] * len(bodies)


def test_a_link_to_a_file_saved_or_uploaded_with_the_entry_is_no_missing_file():
    """A picture uploaded with the entry (Decap's media files) is in no build yet; nor is a page
    saved from this editor since the last build (postSave), nor the entry's own file. Without
    tep.json (an older build) nothing is refused: the build says it."""
    body = "![Ảnh mới](../images/anh-moi.jpg)\n"
    assert _link_saves([body], mediaFiles=[{"path": "content/images/anh-moi.jpg"}]) == [""]
    assert _link_saves([body], mediaFiles=[{"path": "content/images/khac.jpg"}])[0].startswith("Không lưu: ")
    assert _link_saves(["[Tôi](moi.md)\n"], path="content/tin-tuc/moi.md") == [""]
    done = _harness({"titles": [], "blocks": [], "parse": [], "saves": [{"values": {"title": "Bài", "body": body}}]})
    assert done["saves"][0]["refused"] == ""


SITE_URL = "https://bantin.example.org/"  # test_webeditor._site's site_url: tep.json's `goc`
# A page's full address pasted as a link (the guide's §1.2 step 4: copied from the address bar,
# the preview's or the published site's): saved as the link to its file, as the build writes it
# (checks._own_address), `#id` kept or the question's; (body, as saved).
AS_FILES = [
    (f"Xem [bài cũ]({PREVIEW}tin-tuc/bai-cu/).\n", "Xem [bài cũ](bai-cu.md).\n"),
    (f"[x]({SITE_URL}tin-tuc/bai-cu/#muc)\n", "[x](bai-cu.md#muc)\n"),
    ("[x](http://localhost:8000/hoi-dap/so-tay/cau-1/)\n", "[x](../hoi-dap/so-tay.md#cau-1)\n"),
    (f'[x]({SITE_URL}q/cau-1/ "Câu 1")\n', '[x](../hoi-dap/so-tay.md#cau-1 "Câu 1")\n'),
    (f"[x](<{PREVIEW}trang/gioi-thieu/>)\n", "[x](<../trang/gioi-thieu.md>)\n"),
    (f"[x]({SITE_URL}the/hoa-giai/)\n", "[x](../the/hoa-giai.md)\n"),
    (f"[x]({PREVIEW}tin-tuc/bai-cu.html)\n", "[x](bai-cu.md)\n"),
    (f"[x](HTTPS://BANTIN.EXAMPLE.ORG/tin-tuc/bai-cu)\n", "[x](bai-cu.md)\n"),
    (f"Đầu.\r\n\r\n[a]({PREVIEW}tin-tuc/bai-cu/) <!-- c --> [b]({SITE_URL}trang/gioi-thieu/)\r\nHết.\r\n",
     "Đầu.\r\n\r\n[a](bai-cu.md) <!-- c --> [b](../trang/gioi-thieu.md)\r\nHết.\r\n"),
    (f"<!-- [x]({SITE_URL}tin-tuc/bai-cu/) -->[y]({SITE_URL}tin-tuc/bai-cu/) `[z]({SITE_URL}tin-tuc/bai-cu/)`\n",
     f"<!-- [x]({SITE_URL}tin-tuc/bai-cu/) -->[y](bai-cu.md) `[z]({SITE_URL}tin-tuc/bai-cu/)`\n"),
]
# Left as written: pictures and files (the build says them), another site's address, the
# address of a page no more published, code, comments, raw HTML, an autolink.
AS_WRITTEN = [
    f"![Ảnh]({PREVIEW}images/anh-cu.jpg)\n", f"[Kế hoạch]({SITE_URL}tai-lieu/ke%20hoach.pdf)\n",
    "[x](https://example.org/tin-tuc/bai-cu/)\n", "[x](https://bantin.example.org.vn/tin-tuc/bai-cu/)\n",
    f"Viết `[x]({SITE_URL}tin-tuc/bai-cu/)` là sai.\n", f"```\n[x]({SITE_URL}tin-tuc/bai-cu/)\n```\n",
    f"<div>\n[x]({SITE_URL}tin-tuc/bai-cu/)\n</div>\n", f"<{SITE_URL}tin-tuc/bai-cu/>\n",
    f"<!-- [x]({PREVIEW}tin-tuc/bai-cu/) -->\n", f"[x]({SITE_URL}tin-tuc/ban-nhap/)\n",
]


def _build_writes(body: str, src: str = "tin-tuc/moi.md"):
    """The build's problems of `body` and the links it publishes by file ({address: file}), on the
    live preview's site (site_url the preview's, published_url mkdocs.yml's)."""
    problems, site = _checked_by_build(body, src, SITE_URL)
    return problems.items, site.by_address.get(src, {})


def test_a_pages_full_address_is_saved_as_the_link_to_its_file():
    """Outsider trial F2 (session 43): following the guide (paste the article's address from
    the address bar) saved the full address, and every build warned «viết bằng địa chỉ đầy đủ
    của chính trang này … viết thẳng `….md`», which an editor of the web editor cannot do. The
    editor now saves what the build would publish: each address the build turns into a file's
    link becomes that link, and the body saved gives the build nothing to say."""
    for body, saved in AS_FILES:
        problems, written = _build_writes(body)
        assert written and all(f"({path}" in saved or f"(<{path}" in saved for path in written.values()), (body, written)
        assert problems and all(p.severity == "cảnh báo" for p in problems), (body, problems)
        assert _build_writes(saved) == ([], {}), saved
    saves = _harness({"titles": [], "blocks": [], "parse": [], "files": _files_json(),
                      "saves": [{"values": {"title": "Bài", "body": body}} for body, _ in AS_FILES]})["saves"]
    assert [s.get("body") for s in saves] == [saved for _, saved in AS_FILES]
    # from another folder, a new entry of `trang/`; a draft's links too (nothing refused there)
    body, saved = f"[x]({SITE_URL}tin-tuc/bai-cu/#muc)\n", "[x](../tin-tuc/bai-cu.md#muc)\n"
    assert _build_writes(saved, "trang/moi.md") == ([], {})
    saves = _harness({"titles": [], "blocks": [], "parse": [], "files": _files_json(), "saves": [
        {"collection": "trang", "values": {"title": "Bài", "body": body}},
        {"path": "content/trang/gioi-thieu.md", "values": {"title": "Bài", "body": body, "draft": True}}]})["saves"]
    assert [s.get("body") for s in saves] == [saved, saved]


def test_what_the_build_does_not_turn_into_a_files_link_is_saved_as_written():
    """Only the links the build itself publishes as a file's link: never a picture or a file,
    another site, a page not published, nor anything in code, a comment or raw HTML. Without
    tep.json's sources (an older build), nothing changes."""
    saves = _harness({"titles": [], "blocks": [], "parse": [], "files": _files_json(),
                      "saves": [{"values": {"title": "Bài", "body": body, "draft": True}} for body in AS_WRITTEN]})["saves"]
    assert [s.get("body") for s in saves] == AS_WRITTEN
    older = {key: value for key, value in _files_json().items() if key not in ("trang", "goc")}
    body = AS_FILES[0][0]
    saves = _harness({"titles": [], "blocks": [], "parse": [], "files": older, "saves": [{"values": {"title": "Bài", "body": body}}]})
    assert saves["saves"][0]["body"] == body


def test_the_file_marks_are_the_same_in_the_editor_and_the_build():
    """webeditor.file_mark and bantin-admin.js's fileMark on names with marks, spaces, capitals."""
    from bantin.site import webeditor

    names = ["tin-tuc/bai-cu.md", "tai-lieu/đất đai.pdf", "images/Ảnh Hội Nghị.JPG", "a", "", "😀/x.md"]
    found = _harness({"titles": [], "blocks": [], "parse": [], "marks": names})["marks"]
    assert found == [webeditor.file_mark(name) for name in names]


def test_hostile_link_lines_are_read_in_time_in_proportion_to_them():
    """`](` and `[` repeated, `](` with `(` never closed, a long address, `%` runs, `../` runs:
    eight times the line, about eight times the time (quadratic: 64; bound 32)."""
    def bodies(n):
        return ["[" + "](" * n, "[x](" + "(" * n, "[x](" + "a" * n + ")", "[" * n + "](x)", "[x](a%" * (n // 5) + ")",
                "[x](" + "../" * (n // 3) + "a.md)", "[x](a '" * (n // 7), "[x](<a" * (n // 6), "[x](a(b" * (n // 7),
                "[x](a " * (n // 6), "`a\n" * (n // 3), "`" * n + "a`", "a``" * (n // 3) + "`", "[x](a (b" * (n // 8)]
    found = _harness({"titles": [], "blocks": [], "parse": [], "files": _files_json(),  # 20,000 and up: the fixed costs small
                      "timedSaves": [{"title": "Bài", "body": body} for n in (20_000, 160_000) for body in bodies(n)]})
    half = len(found["timed"]) // 2
    small, large = found["timed"][:half], found["timed"][half:]
    for a, b in zip(small, large):
        assert b / a < 32, found["timed"]


# The source and the tags (fields._source, fields._tags): each entry, and whether the build
# refuses it. Tags: slugify's own verdicts on symbols (`©` makes `c`, `§` `ss`: kept).
TAGS = ["hòa giải", "", "  ", "..", "🙂", "—", "“ ”", "#", "!!!", "•", "👍🏽", "❤️", "…", "«»", "·", "@", "※",
        "👨\u200d👩\u200d👧", "\u0301", "©", "®", "™", "‼", "½", "²", "中文", "§", "№", "°", "C++", "#1", "ø"]
SOURCES = [({"name": "Báo Pháp luật", "url": "https://baophapluat.vn/a"}, False), ({"name": "", "url": "https://x.vn"}, True),
           ({"name": "Báo", "url": ""}, False), ({"name": "Báo", "url": "http://[::1"}, True),
           ({"name": "Báo", "url": "http://a:port/"}, True), ({"name": "Báo", "url": "http://a:99999"}, True),
           ({"name": "Báo", "url": "http://a:/"}, False), ({"name": "Báo", "url": "http://[::1]:80/"}, False),
           ({"name": "Báo", "url": "http://a]b/"}, True), ({"name": "Báo", "url": "http://u@a:1:2/"}, True),
           ({"name": "Báo", "url": "https://vbpl.vn/a?x=1:2"}, False), ({"name": "Báo", "url": "http://a:65535"}, False),
           ({"name": "Báo", "url": "http://a:-1"}, True), ({"name": "  ", "url": "https://x.vn"}, False),
           ({"name": "Báo", "url": " http://a:x "}, True)]


def _build_field_errors(**fields_) -> list[str]:
    """The build's errors on `tags`/`source` for a file with these fields (fields.validate)."""
    from bantin.content import fields
    from bantin.problems import Problems
    from test_webeditor import _site

    data = {"title": "Bài", "category": "hoa-giai-o-co-so", "date": "2024-11-21", **fields_}
    problems = Problems()
    fields.validate("tin-tuc/a.md", data, {key: 5 for key in fields_}, _site(), problems, lambda path: True)
    return [f"{p.message}" for p in problems.errors if p.field in fields_]


def test_a_tag_without_words_and_a_source_the_build_cannot_read_are_refused_at_save():
    """Session 40's list: tags empty or of no letter or digit, a source's address without its
    name or that urlsplit cannot read: saved, then the build failed. Refused exactly where the
    build refuses, never where it accepts (a symbol slugify makes letters of is kept)."""
    tags = _saves(*[{"tags": ["đất đai", tag]} for tag in TAGS])
    for tag, refusal in zip(TAGS, tags):
        build = _build_field_errors(tags=["đất đai", tag])
        assert bool(build) == bool(refusal), (tag, build, refusal)
        assert not refusal or refusal.startswith("Không lưu: ") and "Từ khóa" in refusal or "thẻ `" in refusal, refusal
    assert sum(bool(r) for r in tags) >= 15 and sum(not r for r in tags) >= 10, tags
    sources = _saves(*[{"source": source} for source, _ in SOURCES])
    for (source, refused), refusal in zip(SOURCES, sources):
        assert bool(_build_field_errors(source=source)) == refused, source
        assert bool(refusal) == refused, (source, refusal)
    assert "chưa có “Tên nguồn”" in sources[1] and "viết sai" in sources[3], sources


def test_hostile_sources_and_tags_are_read_in_time_in_proportion_to_them():
    """A tag of 80,000 dots or emoji, a source address of 80,000 `:` or `[`: about eight times
    the time of 10,000 (bound 32)."""
    def values(n):
        return [{"tags": ["." * n]}, {"tags": ["🙂" * n]}, {"source": {"name": "B", "url": "http://a" + ":" * n}},
                {"source": {"name": "B", "url": "http://[" + "1:" * (n // 2)}}, {"tags": ["a"] + [""] * 0 + ["x" * n]}]
    found = _harness({"titles": [], "blocks": [], "parse": [],
                      "timedSaves": [{"title": "Bài", **v} for n in (10_000, 80_000) for v in values(n)]})
    small, large = found["timed"][:5], found["timed"][5:]
    for a, b in zip(small, large):
        assert b / a < 32, found["timed"]


def test_the_editor_knows_the_example_words_the_build_refuses():
    """bantin-admin.js's PLACEHOLDERS are placeholders.py's and fields.PLACEHOLDER_TITLE."""
    from bantin.content import fields, placeholders

    words = _harness({"titles": [], "blocks": [], "parse": [], "placeholders": True})["placeholders"]
    assert words == {"untitled": fields.PLACEHOLDER_TITLE, "titleMark": placeholders.TITLE_MARK,
                     "summaries": list(placeholders.STARTER_SUMMARIES), "text": list(placeholders.PLACEHOLDERS),
                     "slugs": list(placeholders.STARTER_SLUGS), "idPrefix": placeholders.STARTER_ID_PREFIX}


# A page to publish with the example's words left (title, summary, text, address, question id);
# a draft keeps them. (values, the label of the field refused or None)
EXAMPLES = [
    ({"title": "Chưa có tiêu đề"}, "Tiêu đề"), ({"title": "Tin mẫu (sửa tiêu đề này)"}, "Tiêu đề"),
    ({"summary": "Một hai  câu tóm tắt bài, hiện ở trang chủ\nvà trong kết quả tìm kiếm."}, "Tóm tắt"),
    ({"body": "Đầu.\n\nViết nội dung bài ở đây. Mỗi đoạn cách nhau một dòng trống.\n"}, "Nội dung"),
    ({"body": "## Câu hỏi 1: Viết câu hỏi thứ nhất ở đây? {#a}\n\nĐáp.\n"}, "Nội dung"),
    ({"body": "## Câu hỏi 1: Ai? {#so-tay-mau-cau-1}\n\nĐáp.\n"}, "Nội dung"),
    ({"title": "Bài thật", "summary": "Tóm tắt thật.", "body": "Viết nội dung bài ở đây thật kỹ.\n"}, None),
    ({"title": "Chưa có tiêu đề", "draft": True}, None), ({"body": "Viết câu trả lời ở đây.\n", "draft": True}, None),
    ({"title": "Sửa tiêu đề này"}, None), ({"body": "## Câu hỏi 1: Ai? {#so-tay-mau}\n\nĐáp.\n"}, None),
]


def _build_example_errors(values: dict) -> list[str]:
    """The build's errors for a file holding `values` (fields.validate, placeholders.report and
    report_addresses, as site/corpus.py calls them: not for a draft)."""
    from bantin.content import fields, placeholders
    from bantin.content.handbook.reader import parse_questions
    from bantin.problems import Problems
    from test_webeditor import _site

    data = {"title": "Bài", "category": "hoa-giai-o-co-so", "date": "2024-11-21",
            **{k: fields.Plain("true") if v is True else v for k, v in values.items() if k != "body"}}  # as YAML reads it
    problems = Problems()
    meta = fields.validate("tin-tuc/a.md", data, {}, _site(), problems, lambda path: True)
    body = values.get("body", "")
    if meta is not None and not meta.draft:
        placeholders.report("tin-tuc/a.md", body, 1, problems)
        questions = parse_questions("hoi-dap/a.md", body, 1, Problems())[1] if "## " in body else ()
        placeholders.report_addresses("tin-tuc/a.md", meta, questions, problems)
    drafted = meta is not None and meta.draft
    return [] if drafted else [p.message for p in problems.errors if p.field != "category"]  # _site() has none


def test_a_page_published_with_the_example_words_is_refused_where_the_build_refuses_it():
    said = _saves(*[values for values, _ in EXAMPLES])
    for (values, field), refusal in zip(EXAMPLES, said):
        assert bool(_build_example_errors(values)) == (field is not None), (values, _build_example_errors(values))
        if field is None:
            assert refusal == "", (values, refusal)
        else:
            assert refusal.startswith("Không lưu: ") and "Bản nháp (chưa đăng)" in refusal, (values, refusal)
    assert "dòng 3 của Nội dung)" in said[3] and "`so-tay-mau-cau-1`" in said[5], said


def test_every_example_word_left_is_said_in_one_refusal_and_the_example_s_address_alone():
    """Said one a save, an editor mended the title, then the summary, then learned the example's
    address (read-only here) means a new page (an editor's trial, session 52): everything is
    said at once, the address first and alone."""
    body = ("Viết đoạn mở đầu (sapo) ở đây: một hai câu nói điều quan trọng nhất của tin.\n\n## Câu hỏi 1: Ai? "
            "{#so-tay-mau-cau-1}\n\nViết câu trả lời ở đây.\n\n## Câu hỏi 2: Gì? {#so-tay-mau-cau-2}\n\nĐáp.\n")
    every = {"title": "Sổ tay mẫu (sửa tiêu đề này)", "body": body,
             "summary": "Sổ tay mẫu, mỗi câu hỏi có trang và đường dẫn ngắn riêng để in và chia sẻ."}
    whole, addressed = _saves(every, {**every, "slug": "so-tay-hoi-dap-mau"}, collection="hoi-dap")
    assert whole.startswith("Không lưu: bài chưa viết xong thì không được xuất bản (còn 4 chỗ của tệp mẫu). 1) “Tiêu đề”")
    assert "2) “Tóm tắt”" in whole and "3) “Nội dung” còn chữ mẫu" in whole and "dòng 1, 5 của Nội dung" in whole
    assert "4) mã câu hỏi `so-tay-mau-cau-1`, `so-tay-mau-cau-2`" in whole, whole
    assert addressed.startswith("Không lưu: “Địa chỉ” `so-tay-hoi-dap-mau`") and "tạo một bài mới" in addressed, addressed
    assert "Tiêu đề" not in addressed and "Tóm tắt" not in addressed and "1)" not in addressed, addressed

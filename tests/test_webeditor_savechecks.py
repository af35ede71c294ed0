"""The web editor refuses at save what the build refuses (outsider's trial, session 40).

A picture in the text without its description (F8): "Mục đã được lưu", then the build failed
for every editor (checks._check_ref). Each case below is read by the build's own reader
(links.references) and by the editor's save check (bantin-admin.js, run by Node with a
stand-in for Decap): both must agree on which bodies have such a picture, and on its line.
"""

from __future__ import annotations

from types import SimpleNamespace

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


def test_every_picture_without_description_is_counted_and_a_handbook_is_checked_too():
    body = "![](a.jpg)\n\n![](b.jpg)\n\n<img src=c.jpg>\n"
    said = _saves({"body": body}, collection="hoi-dap")
    assert "ảnh `a.jpg` (dòng 1 của Nội dung)" in said[0] and "Còn 2 ảnh khác cũng chưa có mô tả." in said[0]


def test_hostile_picture_lines_are_read_in_time_in_proportion_to_them():
    """`![` and `<img` repeated with nothing closing them, and a run of spaces after `![`:
    eight times the line, about eight times the time (quadratic: 64; bound 32)."""
    def bodies(n):
        return ["![" * n, "<img " * n, "![" + " " * n, "`" * n + "![](a.jpg)", "<img src=x alt" + " " * n]
    found = _harness({"titles": [], "blocks": [], "parse": [],
                      "timedSaves": [{"title": "Bài", "body": body} for n in (10_000, 80_000) for body in bodies(n)]})
    small, large = found["timed"][:5], found["timed"][5:]
    for a, b in zip(small, large):
        assert b / a < 32, found["timed"]


def test_the_picture_blocks_address_buttons_are_in_vietnamese():
    """The "Ảnh" block's "Insert from URL" / "Replace with URL" were Decap's English (F8)."""
    words = _harness({"titles": [], "blocks": [], "parse": []})["locale"]["editor"]["editorWidgets"]
    for kind in ("image", "file"):
        for key in ("chooseUrl", "replaceUrl", "promptUrl"):
            said = words[kind][key]
            assert said and "URL" not in said.replace("(URL)", ""), (kind, key, said)

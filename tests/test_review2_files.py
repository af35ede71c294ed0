"""Second review of issue 12, findings 5, 12 and the file-name half of 11: static files that a
browser without a Content-Type could take for HTML, animated images counted in full, and file
names with invisible bidirectional or zero-width characters."""

from __future__ import annotations

import functools
import http.server
import io
import os
import threading
from pathlib import Path

import pytest
from PIL import Image

from bantin.files.filecheck import HEAD, check_static
from bantin.files.imagecheck import MAX_PIXELS, verify_image
from bantin.content.inventory import ALLOWED, take_inventory
from sitekit import article, build, write_site

SCRIPT = b"<script>alert(1)</script><img src=x onerror=alert(2)>"
# The reviewer's payloads, then other ways to put a tag where a sniffer looks.
HOSTILE = [
    b"<!--ftyp--><script>alert(1)</script>",
    b"\x0b<p><input autofocus onfocus=alert(11)>",
    b"\x00\x00\x00\x18ftyp<scr" + SCRIPT,  # ftyp box whose brand is markup
    b"\xff\xd8\xff" + SCRIPT,  # not a whole JPEG: refused by the decoder
    b"\xef\xbb\xbf" + SCRIPT,
    "\ufeff<p onclick=x>".encode("utf-16"),
    b"\xff\xfe" + "<svg onload=alert(1)>".encode("utf-16-le"),  # UTF-16 mark, also an MPEG sync word
    b"a,b\n" * 300 + b"</x><b>",  # deep inside the sniffed bytes
    b"x\x00<\x00b\x00>",  # UTF-16 without a mark
]
TYPES = sorted(ALLOWED) + ["", ".woff2"]  # "" is CNAME; .woff2 a type mkdocs.yml may name


def verdict(name: str, data: bytes):
    ext = os.path.splitext(name)[1].lower()
    return check_static(name, ext, data[:HEAD], lambda: data, len(data))


def sniffable(data: bytes) -> bool:
    """What a browser needs to sniff HTML: a tag at the start, after whitespace (\\x0b too)."""
    return data.lstrip(b" \t\r\n\x0b\x0c").startswith(b"<")


# --- finding 5: the structural rule ------------------------------------------------------------

@pytest.mark.parametrize("ext", TYPES)
@pytest.mark.parametrize("data", HOSTILE)
def test_hostile_heads_are_refused_under_every_type(ext, data):
    name = ("a" + ext) if ext else "CNAME"
    assert verdict(name, data) is not None


@pytest.mark.parametrize("name, data", [
    ("CNAME", b"<!--ftyp--><script>alert(1)</script>"), ("so-lieu.csv", b"<!--ftyp--><script>alert(1)</script>"),
    ("a.mp4", b"<!--ftyp--><script>alert(1)</script>"), ("a.m4a", b"<!--ftyp--><script>alert(1)</script>"),
    ("so-lieu.csv", b"\x0b<p><input autofocus onfocus=alert(11)>"), ("CNAME", b"\x0b<p><input autofocus>"),
])
def test_reviewer_payloads_are_refused_as_markup(name, data):
    what, fix = verdict(name, data)
    assert "trang web" in what and "xóa tệp" in fix


def test_a_file_without_extension_is_described_as_such():
    what, _ = verdict("CNAME", b"\x0b<p>")
    assert "đuôi  " not in what and "không có đuôi" in what
    what, _ = check_static("CNAME", "", b"", lambda: b"") or ("", "")
    assert "đuôi  " not in what


@pytest.mark.parametrize("name, data", [
    ("a.mp4", b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom"), ("a.m4a", b"\0\0\0\x20ftypM4A \0\0\0\0"),
    ("a.mp4", b"\0\0\0\x1cftyp3gp4"), ("a.mp3", b"\xff\xfb\x90\x64"), ("a.mp3", b"\xff\xf3\x48\xc4"),
    ("a.mp3", b"ID3\x03\0"), ("a.wav", b"RIFF\x24\0\0\0WAVEfmt "),
    ("so-lieu.csv", "Điều,Mức phạt\n1,<5 triệu\n2,x < y\n3,a<=b\n".encode()), ("CNAME", b"tin.example.gov.vn\n"),
    ("phong.woff2", b"wOF2\0\x01\0\0"),
])
def test_sound_signatures_and_plain_text_pass(name, data):
    assert verdict(name, data) is None


@pytest.mark.parametrize("head", [
    b"\0\0\x10\x01ftypisom",  # box size 4097: no ftyp box is that long
    b"\0\0\0\x04ftypisom",  # smaller than its own header
    b"\0\0\0\x18ftyp\x01\x02\x03\x04",  # brand not printable
    b"AAAAftypisom",
])
def test_iso_bmff_needs_a_plausible_first_box(head):
    assert verdict("a.mp4", head + b"\0" * 20) is not None


def test_mp3_frame_must_be_a_valid_layer_ii_or_iii_header():
    assert verdict("a.mp3", b"\xff\xfe\x20\x00") is not None  # UTF-16 mark: layer I
    assert verdict("a.mp3", b"\xff\xfb\xf0\x00") is not None  # bitrate index 15 is reserved
    assert verdict("a.mp3", b"\xff\xfb\x9c\x00") is not None  # sample-rate index 3 is reserved


def accepted_with_script() -> dict[str, bytes]:
    """Files that pass although they hold script after their signature: the bytes a browser
    gets from a server that sends no Content-Type."""
    candidates = {
        "a.pdf": b"%PDF-1.7\n", "a.zip": b"PK\x03\x04", "a.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "a.rtf": b"{\\rtf1 ", "a.ico": b"\0\0\x01\0\x01\0", "a.ogg": b"OggS\0", "a.webm": b"\x1a\x45\xdf\xa3",
        "a.wav": b"RIFF\0\0\0\0WAVEfmt ", "a.mp3": b"ID3\x04\0", "b.mp3": b"\xff\xfb\x90\x64",
        "a.mp4": b"\0\0\0\x18ftypisom\0\0\x02\0", "a.m4a": b"\0\0\0\x18ftypM4A \0\0\0\0",
    }
    files = {name: start + SCRIPT for name, start in candidates.items()}
    files["so-lieu.csv"] = "Điều,Mức\n1,<5 triệu\n".encode()
    for name, data in files.items():
        assert verdict(name, data) is None, name
        assert not sniffable(data)
    return files


def test_accepted_files_never_start_like_markup():
    assert len(accepted_with_script()) == 13


# --- finding 12: animated images counted in full -----------------------------------------------

def animation(fmt: str, frames: int, size: tuple[int, int]) -> bytes:
    mode = "P" if fmt == "GIF" else "RGB"
    images = [Image.new(mode, size, i if mode == "P" else (i * 11 % 256, i, 0)) for i in range(frames)]
    out = io.BytesIO()
    images[0].save(out, fmt, save_all=True, append_images=images[1:])
    return out.getvalue()


@pytest.mark.parametrize("fmt, ext", [("GIF", ".gif"), ("PNG", ".png"), ("WEBP", ".webp")])
def test_animation_over_the_limit_in_total_is_refused(fmt, ext):
    data = animation(fmt, 21, (2000, 2000))  # 4 MP a frame, 84 MP in all
    assert 21 * 2000 * 2000 > MAX_PIXELS > 2000 * 2000
    what, fix = verify_image("dong" + ext, data)
    assert "21 khung hình" in what and "megapixel" in what and "video" in fix


@pytest.mark.parametrize("fmt, ext", [("GIF", ".gif"), ("PNG", ".png"), ("WEBP", ".webp")])
def test_small_animation_passes(fmt, ext):
    assert verify_image("dong" + ext, animation(fmt, 5, (400, 300))) is None


def repeated_gif(frames: int, size: tuple[int, int]) -> bytes:
    """A GIF of `frames` frames, each the whole canvas: one frame encoded by Pillow, its image
    block written `frames` times between its header and its end. Pillow encoding 21 frames of
    6000×6000 itself (`animation`) took 4.6 s of CPU, this 0.2 s; Pillow reads the same canvas
    and frame count from both."""
    out = io.BytesIO()
    Image.new("P", size, 0).save(out, "GIF")
    one = out.getvalue()
    flags = one[10]  # the logical screen's: a global colour table of 3 × 2^(n+1) bytes follows
    start = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    assert one[start:start + 1] == b"," and one[-1:] == b";"  # one image block, then the trailer
    return one[:start] + one[start:-1] * frames + b";"


def test_reviewers_gif_is_refused_without_decoding_every_frame():
    data = repeated_gif(21, (6000, 6000))  # 756 MP, the reviewer's file
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.size, image.n_frames) == ("GIF", (6000, 6000), 21)
    what, _ = verify_image("dong.gif", data)
    assert "756 megapixel" in what


# --- finding 11, file names ------------------------------------------------------------------

@pytest.mark.parametrize("name", [
    "y\u202efdp.zip", "a\u202ab.pdf", "a\u202db.pdf", "a\u2066b.pdf", "a\u2069b.pdf", "a\u200bb.pdf",
    "a\u2060b.pdf", "\ufeffa.pdf", "bai\u202e.md",
])
def test_invisible_characters_in_names_are_refused(tmp_path, name):
    (tmp_path / "tai-lieu").mkdir()
    (tmp_path / "tai-lieu" / name).write_bytes(b"PK\x05\x06" + b"\0" * 18 if name.endswith(".zip") else b"%PDF-1.7\n")
    inventory = take_inventory(tmp_path)
    path = "tai-lieu/" + name
    assert path not in inventory.static and path not in inventory.pages and path in inventory.refused
    (problem,) = inventory.problems
    assert "vô hình" in problem.message and "U+" in problem.message


def test_invisible_folder_name_is_refused_and_files_below_still_checked(tmp_path):
    folder = tmp_path / "tai-lieu" / "x\u202ey"
    folder.mkdir(parents=True)
    (folder / "a.pdf").write_bytes(b"%PDF-1.7\n")
    inventory = take_inventory(tmp_path)
    assert any("U+202E" in problem.message for problem in inventory.problems)
    assert "tai-lieu/x\u202ey" in inventory.refused


def test_ordinary_vietnamese_names_pass(tmp_path):
    (tmp_path / "tai-lieu").mkdir()
    (tmp_path / "tai-lieu" / "Quyết định số 12.pdf").write_bytes(b"%PDF-1.7\n")
    inventory = take_inventory(tmp_path)
    assert not inventory.problems and "tai-lieu/Quyết định số 12.pdf" in inventory.static


def test_build_stops_on_each_finding(tmp_path):
    root = write_site(tmp_path, {
        "tin-tuc/a.md": article("Bài A"),
        "CNAME": b"\x0b<p><input autofocus onfocus=alert(11)>",
        "tai-lieu/y\u202efdp.zip": b"PK\x05\x06" + b"\0" * 18,
        "images/dong.gif": animation("GIF", 21, (2000, 2000)),
        "tai-lieu/bang.csv": b"<!--ftyp--><script>alert(1)</script>",
    })
    done = build(root, check=False)
    assert done.returncode != 0
    for said in ("CNAME", "U+202E", "21 khung hình", "bang.csv"):
        assert said in done.stdout, said
    assert "đuôi  " not in done.stdout


def test_sample_static_files_still_pass():
    root = Path(__file__).resolve().parent.parent / "content"
    inventory = take_inventory(root)
    assert not [p for p in inventory.problems if p.is_error]


# --- in Chromium, from a server that sends no Content-Type -------------------------------------

class NoTypeHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def guess_type(self, path):
        return None

    def send_header(self, keyword, value):
        if keyword.lower() == "content-type" and value is None:
            return
        super().send_header(keyword, value)


@pytest.mark.browser
def test_no_accepted_file_runs_script_without_content_type(tmp_path, chromium):
    files = accepted_with_script()
    refused = {"CNAME": b"\x0b<p><input autofocus onfocus=alert(11)>", "x.csv": b"<!--ftyp--><script>alert(1)</script>"}
    for name, data in {**files, **refused}.items():
        (tmp_path / name).write_bytes(data)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(NoTypeHandler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    context = chromium.new_context(accept_downloads=True)
    ran: dict[str, list[str]] = {}
    try:
        for name in [*files, *refused]:
            page = context.new_page()
            page.on("dialog", lambda dialog, name=name: (ran.setdefault(name, []).append(dialog.message),
                                                        dialog.dismiss()))
            try:
                page.goto(base + name)
                page.wait_for_timeout(400)
            except Exception:  # noqa: BLE001 - a download, or a type the browser will not show: nothing ran
                pass
            page.close()
    finally:
        context.close()
        server.shutdown()
    assert set(ran) <= set(refused), ran
    assert ran, "the harness must see script run from the refused files, or it proves nothing"

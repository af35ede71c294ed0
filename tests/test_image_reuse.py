"""`bantin serve` (and `bantin edit`'s preview, rebuilt at every save in the web editor) reuses
the picture variants of its last good build instead of encoding every photo again
(site/images.py Resizer._from_previous; adapter/preview.py says where that build is)."""

from __future__ import annotations

import io
import os
import time

from PIL import Image

from bantin.adapter import preview
from bantin.convert import previewcache
from bantin.site.images import Resizer

MARK = b"made by the previous build"


def jpeg(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 120, 200)).save(out, "JPEG", quality=85)
    return out.getvalue()


def _names(tmp_path) -> tuple[list[str], str]:
    """The files a first build writes for a 1,200 px photo: its variants, their WebP twins and
    its thumbnail's two files; and the folder holding them."""
    first = tmp_path / "first"
    resizer = Resizer({"anh.jpg": jpeg(1200, 800)}.get, first, (480, 960))
    made = resizer.get("anh.jpg")
    thumb = resizer.thumbnail("anh.jpg")
    names = [name for v in (*made.variants, thumb) for name in (v.rel, v.webp)]
    assert len(names) == 6 and all((first / name).is_file() for name in names)
    return names, first


def test_a_preview_rebuild_copies_the_variants_of_the_last_build_instead_of_encoding(tmp_path):
    names, _ = _names(tmp_path)
    previous = tmp_path / "previous"
    for name in names:  # the same names, marked: a copy is told from a new encoding
        (previous / name).parent.mkdir(parents=True, exist_ok=True)
        (previous / name).write_bytes(MARK + name.encode())
    (previous / "assets/img/khong-dung-nua-0123456789-480.jpg").write_bytes(MARK)  # a photo no page uses now
    out = tmp_path / "out"
    resizer = Resizer({"anh.jpg": jpeg(1200, 800)}.get, out, (480, 960), previous)
    start = time.process_time()
    resizer.get("anh.jpg"), resizer.thumbnail("anh.jpg")
    spent = time.process_time() - start
    for name in names:
        assert (out / name).read_bytes() == MARK + name.encode(), name
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == sorted(names)
    encoding = time.process_time()
    Resizer({"anh.jpg": jpeg(1200, 800)}.get, tmp_path / "again", (480, 960)).get("anh.jpg")
    assert spent < time.process_time() - encoding  # cheaper than making them (CPU, not the clock)


def test_a_link_or_a_missing_file_in_the_last_build_is_made_anew(tmp_path):
    names, first = _names(tmp_path)
    previous = tmp_path / "previous"
    (previous / "assets/img").mkdir(parents=True)
    secret = tmp_path / "bi-mat.txt"
    secret.write_bytes(b"not for the site")
    os.symlink(secret, previous / names[0])  # a link planted where a variant was: not followed
    out = tmp_path / "out"
    resizer = Resizer({"anh.jpg": jpeg(1200, 800)}.get, out, (480, 960), previous)
    resizer.get("anh.jpg"), resizer.thumbnail("anh.jpg")
    for name in names:  # every file encoded as a first build does, none of the link's bytes
        assert not (out / name).is_symlink() and (out / name).read_bytes() == (first / name).read_bytes(), name


def test_a_linked_folder_in_the_last_build_is_not_followed(tmp_path):
    """The review's F5: `assets/img` of the last build a link to a folder outside it, holding
    files of the variants' names: every part of the way is checked, not only the file."""
    names, first = _names(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    for name in names:
        (outside / os.path.basename(name)).write_bytes(b"NOT A PICTURE")
    previous = tmp_path / "previous"
    (previous / "assets").mkdir(parents=True)
    os.symlink(outside, previous / "assets/img")
    out = tmp_path / "out"
    resizer = Resizer({"anh.jpg": jpeg(1200, 800)}.get, out, (480, 960), previous)
    resizer.get("anh.jpg"), resizer.thumbnail("anh.jpg")
    for name in names:
        assert (out / name).read_bytes() == (first / name).read_bytes(), name


def test_the_preview_names_its_last_build_only_while_it_rebuilds(tmp_path, monkeypatch):
    seen = []

    def build(config, **kwargs):  # MkDocs' build, as the preview calls it
        seen.append((previewcache.SERVED.path, config.site_dir))
        (tmp_path / "served" / "x").mkdir(exist_ok=True)

    monkeypatch.setattr(preview.mkdocs_serve, "build", build)
    config = type("Config", (), {"site_dir": str(tmp_path / "served")})()
    (tmp_path / "served").mkdir()
    with preview._reporting(preview.Failures()):
        preview.mkdocs_serve.build(config)
    [(previous, staging)] = seen
    assert previous == tmp_path / "served" and staging != str(tmp_path / "served")
    assert previewcache.SERVED.path is None  # a build outside the preview reuses nothing

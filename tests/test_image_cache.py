"""Picture variants shared by builds through `BANTIN_IMAGE_CACHE` (site/imagecache.py): a build
takes from the folder only what it would have encoded itself, whole; anything else there (a link,
a file cut short or changed, another encoder's entry) is passed over and the variant encoded."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from bantin.site import imagecache, images
from bantin.site.imagecache import ImageCache
from bantin.site.images import Resizer

WIDTHS = (480, 960)


def jpeg(width: int = 1200, height: int = 800, colour=(30, 120, 200)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG", quality=85)
    return out.getvalue()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1000, 600), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


PHOTOS = {"anh.jpg": jpeg(), "so-do.png": png()}


def made(out: Path, cache: ImageCache | None) -> dict[str, bytes]:
    """Every file one build writes for the photo and the diagram (variants, WebP twins, the
    photo's thumbnail), by name."""
    resizer = Resizer(PHOTOS.get, out, WIDTHS, cache=cache)
    assert resizer.get("anh.jpg") and resizer.get("so-do.png") and resizer.thumbnail("anh.jpg")
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture
def encodings(monkeypatch):
    """The variants each build encodes (names), counted where Pillow is asked to write."""
    seen = []
    save, save_jpeg = images._save, images._save_jpeg
    monkeypatch.setattr(images, "_save", lambda image, target, *a: (seen.append(target.name), save(image, target, *a)))
    monkeypatch.setattr(images, "_save_jpeg", lambda image, target, **k: (seen.append(target.name),
                                                                           save_jpeg(image, target, **k)))
    return seen


def entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.iterdir() if not p.name.startswith("."))


def test_a_second_build_takes_every_variant_from_the_cache_and_writes_the_same_bytes(tmp_path, encodings):
    cache = ImageCache(tmp_path / "cache")
    cache.root.mkdir()
    first = made(tmp_path / "a", cache)
    assert len(first) == 10 and len(encodings) == 10  # 2 JPEGs, 2 PNGs, each with its WebP; the thumbnail's 2
    assert len(entries(cache.root)) == 10 and all(len(p.name) == 64 for p in entries(cache.root))
    encodings.clear()
    assert made(tmp_path / "b", cache) == first
    assert encodings == []  # nothing encoded
    assert made(tmp_path / "c", None) == first  # and what a build without the cache makes


def test_a_changed_photo_or_encoder_is_another_entry(tmp_path, encodings, monkeypatch):
    cache = ImageCache(tmp_path / "cache")
    cache.root.mkdir()
    made(tmp_path / "a", cache)
    encodings.clear()
    monkeypatch.setattr(imagecache, "encoder_version", lambda: "pillow=99 (another encoder)")
    made(tmp_path / "b", cache)
    assert len(encodings) == 10 and len(entries(cache.root)) == 20
    assert cache.key("a" * 64, "assets/img/x-aaaaaaaaaa-480.jpg") != cache.key("a" * 63 + "b", "assets/img/x-aaaaaaaaaa-480.jpg")
    assert cache.key("a" * 64, "assets/img/x-aaaaaaaaaa-480.jpg") != cache.key("a" * 64, "assets/img/x-aaaaaaaaaa-960.jpg")


def test_the_key_holds_the_code_and_pillows_codecs():
    version = imagecache.encoder_version()
    from PIL import __version__ as pillow

    assert f"pillow={pillow}" in version and "webp=" in version and "jpg=" in version
    assert len(version.split()[0]) == 64  # the hash of site/images.py and site/imagecache.py


@pytest.mark.parametrize("damage", ["cut short", "one byte changed", "empty", "not an entry", "too long"])
def test_an_entry_cut_short_or_changed_is_never_served(tmp_path, encodings, damage):
    """A build killed while its entry was written leaves no entry (partial file, renamed); a disk
    that lost bytes, or anyone writing there, leaves a file the check on read refuses."""
    cache = ImageCache(tmp_path / "cache")
    cache.root.mkdir()
    first = made(tmp_path / "a", cache)
    for entry in entries(cache.root):
        data = entry.read_bytes()
        entry.write_bytes({"cut short": data[:-100], "one byte changed": data[:-1] + bytes([data[-1] ^ 1]),
                           "empty": b"", "not an entry": b"\xff\xd8\xff" + data[3:],
                           "too long": data + b"x"}[damage])
    encodings.clear()
    assert made(tmp_path / "b", cache) == first
    assert len(encodings) == 10  # every variant encoded again
    encodings.clear()
    assert made(tmp_path / "c", cache) == first and encodings == []  # the entries were written whole again


def test_a_link_in_the_cache_is_not_followed(tmp_path, encodings):
    """Entries planted as links (to a good entry elsewhere, or to a secret) are passed over."""
    cache = ImageCache(tmp_path / "cache")
    cache.root.mkdir()
    first = made(tmp_path / "a", cache)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for entry in entries(cache.root):
        os.replace(entry, elsewhere / entry.name)
        os.symlink(elsewhere / entry.name, entry)
    encodings.clear()
    out = tmp_path / "b"
    assert made(out, cache) == first and len(encodings) == 10
    assert not any(p.is_symlink() for p in out.rglob("*"))
    assert ImageCache(tmp_path / "cache")._read(entries(cache.root)[0]) is not None  # now a plain file again


def test_a_fifo_or_a_folder_in_an_entry_s_place_neither_holds_nor_stops_the_build(tmp_path, encodings):
    """A FIFO opened for reading waits for a writer: the build would hang on a planted one."""
    cache = ImageCache(tmp_path / "cache")
    cache.root.mkdir()
    first = made(tmp_path / "a", cache)
    for n, entry in enumerate(entries(cache.root)):
        entry.unlink()
        os.mkfifo(entry) if n % 2 else entry.mkdir()
    encodings.clear()
    done = subprocess.run([sys.executable, "-c", f"""
import sys; sys.path.insert(0, {str(Path(__file__).parent)!r})
from pathlib import Path
from test_image_cache import made
from bantin.site.imagecache import ImageCache
print(len(made(Path({str(tmp_path / "b")!r}), ImageCache(Path({str(cache.root)!r})))))
"""], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)
    assert done.stdout.strip().endswith("10"), done.stdout
    assert {p.relative_to(tmp_path / "b").as_posix(): p.read_bytes() for p in (tmp_path / "b").rglob("*")
            if p.is_file()} == first


def test_a_variant_name_with_dots_or_slashes_stays_inside_the_folder(tmp_path):
    cache = ImageCache(tmp_path / "cache")
    cache.root.mkdir()
    target = tmp_path / "out" / "x.jpg"
    target.parent.mkdir()
    target.write_bytes(b"JPEG bytes")
    for rel in ("../../ngoai.jpg", "/etc/passwd", "..", "assets/img/../../../x.jpg", "a\0b"):
        cache.store(cache.key("0" * 64, rel), target)
    assert {p.parent for p in tmp_path.rglob("*") if p.is_file()} == {cache.root, target.parent}
    assert len(entries(cache.root)) == 5 and all(set(p.name) <= set("0123456789abcdef") for p in entries(cache.root))
    again = tmp_path / "out" / "y.jpg"
    assert cache.fetch(cache.key("0" * 64, "../../ngoai.jpg"), again) and again.read_bytes() == b"JPEG bytes"


def test_a_folder_that_cannot_be_written_leaves_the_build_encoding(tmp_path, encodings, capsys):
    cache = ImageCache(tmp_path / "cache")
    cache.root.write_bytes(b"a file where the folder was")  # any write in it fails (as root too)
    first = made(tmp_path / "a", None)
    encodings.clear()
    assert made(tmp_path / "b", cache) == first and len(encodings) == 10
    err = capsys.readouterr().err
    assert err.count("BANTIN_IMAGE_CACHE") == 2 and "không ghi được" in err  # said once (and in its fix)
    assert str(cache.root) in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_folder_leaves_the_build_encoding(tmp_path, encodings):
    cache = ImageCache(tmp_path / "cache")
    cache.root.mkdir()
    cache.root.chmod(0o500)
    try:
        first = made(tmp_path / "a", None)
        encodings.clear()
        assert made(tmp_path / "b", cache) == first and len(encodings) == 10 and entries(cache.root) == []
    finally:
        cache.root.chmod(0o700)


def test_the_variable_names_the_folder_and_empty_means_none(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BANTIN_IMAGE_CACHE", str(tmp_path / "moi" / "cache"))
    assert imagecache.from_environment().root == tmp_path / "moi" / "cache" and (tmp_path / "moi/cache").is_dir()
    monkeypatch.setenv("BANTIN_IMAGE_CACHE", "")
    assert imagecache.from_environment() is None
    monkeypatch.delenv("BANTIN_IMAGE_CACHE")
    assert imagecache.from_environment() is None
    (tmp_path / "tep").write_text("x")
    monkeypatch.setenv("BANTIN_IMAGE_CACHE", str(tmp_path / "tep" / "cache"))
    assert imagecache.from_environment() is None
    err = capsys.readouterr().err
    assert "BANTIN_IMAGE_CACHE" in err and "tep" in err and "Cách sửa" in err


def test_a_build_with_the_variable_set_reuses_the_last_builds_pictures(tmp_path):
    """`bantin build` reads the variable (site/build.py): the second build's variants come from
    the folder (their entries' times do not move: nothing was stored again) and are the bytes
    a build that encodes writes."""
    from sitekit import ENCODE, article, build, write_site

    files = {"tin-tuc/a.md": article("A", body="![ảnh](../anh.jpg)\n"), "anh.jpg": jpeg(1400, 900, (90, 160, 60))}
    cache = tmp_path / "cache"
    roots = [write_site(tmp_path / name, files) for name in ("a", "b", "c")]
    build(roots[0], env={"BANTIN_IMAGE_CACHE": str(cache)})
    stamps = {p.name: p.stat().st_mtime_ns for p in entries(cache)}
    assert len(stamps) >= 4
    build(roots[1], env={"BANTIN_IMAGE_CACHE": str(cache)})
    assert {p.name: p.stat().st_mtime_ns for p in entries(cache)} == stamps
    build(roots[2], env=ENCODE)
    pictures = [{p.name: p.read_bytes() for p in (root / "site/assets/img").iterdir()} for root in roots]
    assert pictures[0] == pictures[1] == pictures[2] and len(pictures[0]) >= 4


def test_the_suite_shares_one_cache_a_run(tmp_path):
    """conftest.py: every process of a run, and the builds they start, have the same folder,
    the run's own (made by its first build)."""
    folder = os.environ.get("BANTIN_IMAGE_CACHE", "")
    if Path(folder).parent != Path(os.environ["BANTIN_TEST_RUN"]):
        pytest.skip(f"BANTIN_IMAGE_CACHE={folder!r} was set by whoever started the run: conftest keeps it")
    child = subprocess.run([sys.executable, "-c", "import os; print(os.environ['BANTIN_IMAGE_CACHE'])"],
                           stdout=subprocess.PIPE, text=True, check=True)
    assert child.stdout.strip() == folder


def turned_jpeg() -> bytes:
    """A phone photo stored on its side: 1,600 × 1,000 pixels, EXIF orientation 6 (a quarter turn)."""
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    Image.new("RGB", (1600, 1000), (120, 90, 30)).save(out, "JPEG", quality=85, exif=exif)
    return out.getvalue()


def test_a_photo_whose_variants_are_all_cached_is_not_decoded(tmp_path, monkeypatch):
    """Its size (turned as EXIF says) is read from the JPEG's header: the variants' widths, heights
    and names are those the decoding build gave."""
    photos = {"anh.jpg": jpeg(), "dung.jpg": turned_jpeg()}
    cache = ImageCache(tmp_path / "cache")
    cache.root.mkdir()
    first = Resizer(photos.get, tmp_path / "a", WIDTHS, cache=cache)
    made_first = {name: first.get(name) for name in photos}
    assert (made_first["dung.jpg"].largest.width, made_first["dung.jpg"].largest.height) == (960, 1536)  # upright

    def decoded(*args):
        raise AssertionError("decoded")

    monkeypatch.setattr(images.ImageOps, "exif_transpose", decoded)
    second = Resizer(photos.get, tmp_path / "b", WIDTHS, cache=cache)
    assert {name: second.get(name) for name in photos} == made_first
    assert sorted(p.name for p in (tmp_path / "b/assets/img").iterdir()) == \
        sorted(p.name for p in (tmp_path / "a/assets/img").iterdir())
    (tmp_path / "b/assets/img" / os.path.basename(made_first["anh.jpg"].largest.webp)).unlink()
    third = Resizer(photos.get, tmp_path / "b", WIDTHS)  # one file missing, no cache: decoded to make it
    with pytest.raises(AssertionError, match="decoded"):
        third.get("anh.jpg")


def test_code_that_cannot_be_read_for_the_key_means_no_cache(tmp_path, monkeypatch, capsys):
    """The key holds the encoding code's text: without it no entry can be trusted, and the
    build encodes (it did not stop on the error)."""
    def unreadable():
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(imagecache, "encoder_version", unreadable)
    monkeypatch.setenv("BANTIN_IMAGE_CACHE", str(tmp_path / "cache"))
    assert imagecache.from_environment() is None
    assert "Permission denied" in capsys.readouterr().err

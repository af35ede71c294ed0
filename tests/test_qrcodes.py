"""QR codes decode to the address they were made for (read back with zxing-cpp's reader)."""

from __future__ import annotations

import re

import pytest
import zxingcpp
from PIL import Image, ImageDraw

from bantin.site.qrcodes import QrCodes, qr_svg


def rasterise(svg: str) -> Image.Image:
    """Draw the SVG's one path the way a browser does: each 'h' is a 1-module-high stroke."""
    width = int(re.search(r'width="(\d+)"', svg)[1])
    scale = width // int(re.search(r'viewBox="0 0 (\d+) ', svg)[1])
    image = Image.new("L", (width, width), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, numbers in re.findall(r"([MmHh])([-\d. ]+)", re.search(r' d="([^"]+)"', svg)[1]):
        values = [float(v) for v in numbers.split()]
        if command in "Mm":
            x, y = (values[0], values[1]) if command == "M" else (x + values[0], y + values[1])
        else:
            end = x + values[0]
            draw.rectangle([x * scale, (y - 0.5) * scale, end * scale - 1, (y + 0.5) * scale - 1], fill=0)
            x = end
    return image


@pytest.mark.parametrize("url", [
    "https://bantin.example.org/q/hg-07/",
    "https://bantin.example.org/hoi-dap/so-tay-hoa-giai-o-co-so/cau-hoi/hg-07/",
    "https://stp.songlam.gov.vn/tin-tuc/2024/hoi-nghi-tap-huan-ky-nang-hoa-giai-cho-hoa-giai-vien-co-so-nam-2024/",
])
def test_the_svg_reads_back_as_its_address(url):
    found = zxingcpp.read_barcodes(rasterise(qr_svg(url, "")))
    assert [code.text for code in found] == [url]


def test_labelled_codes_are_images_with_a_name_and_unlabelled_ones_are_hidden():
    assert qr_svg("https://a.example/", "Mã QR của câu hỏi").startswith('<svg role="img" ')
    assert "<title>Mã QR của câu hỏi</title>" in qr_svg("https://a.example/", "Mã QR của câu hỏi")
    assert qr_svg("https://a.example/", "").startswith('<svg aria-hidden="true" ')


def test_codes_made_in_a_worker_equal_codes_made_here():
    from concurrent.futures import ThreadPoolExecutor

    urls = [f"https://bantin.example.org/q/c-{n}/" for n in range(5)]
    with ThreadPoolExecutor(1) as pool:
        codes = QrCodes(urls, pool)
        codes.settle()
    assert all(codes.svg(url, "") == qr_svg(url, "") for url in urls)


@pytest.mark.parametrize("n", range(0, 400, 7))
def test_the_path_draws_exactly_the_dark_modules(n):
    """Every module, not just enough of them for a reader: all sizes, rows ending light or dark."""
    from bantin.site.qrcodes import BORDER, _runs, modules

    size, data = modules("https://bantin.example.org/" + "tin-tuc/bai-" * (n % 13) + str(n))
    x, y, dark = float(BORDER), BORDER + 0.5, set()
    for command, a, b in re.findall(r"([mh])(-?\d+)(?: (-?\d+))?", _runs(size, data)):
        if command == "m":
            x, y = x + int(a), y + int(b)
        else:
            dark.update((int(y - 0.5) - BORDER, int(x) - BORDER + i) for i in range(int(a)))
            x += int(a)
    assert dark == {(i // size, i % size) for i, value in enumerate(data) if value == 0}

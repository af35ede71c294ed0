"""What a taken-down draft that does not build still tells of its address (content/drafts/broken.py).

A draft that fails a check has no item; its old page's address, written as text in a published
page, must still be left out (content/drafts/mentions.py; session 40). Session 39 knew the address
of one whose front matter reads; these are the cases it left: the questions of a broken draft
handbook, and a draft whose YAML does not read at all."""

from __future__ import annotations

import time

import pytest

from bantin.config.settings import SiteConfig
from bantin.content.drafts.broken import addresses
from bantin.content.drafts.mentions import DraftAddresses


def _site() -> SiteConfig:
    return SiteConfig()


@pytest.mark.parametrize("src, text, places, ids", [
    ("tin-tuc/du-thao-quy-che.md", "---\ntitle: Kế hoạch: chưa công bố\ndraft: true\n---\n",
     {("article", "ke-hoach-chua-cong-bo"), ("article", "du-thao-quy-che")}, ()),  # YAML broken: the line, the name
    ("tin-tuc/a.md", '---\ntitle: "Kế hoạch\nslug: \'ke-hoach-an\'  # cũ\ndraft: true\n---\n',
     {("article", "ke-hoach-an"), ("article", "a")}, ()),  # `slug:` wins over the title, as in `validate`
    ("trang/x.md", "---\ntype: qa\ntitle: [Sổ tay\n---\n\n## Câu hỏi 1: Ẩn? {#cau-an}\n\n## Câu 2 {# cau-hai }\n",
     {("qa", "so-tay"), ("qa", "x")}, ("cau-an", "cau-hai")),  # its type line; ids as read, or as meant
    ("hoi-dap/so-tay.md", "---\ntitle: Sổ tay\ndate: 2024-02-30\ndraft: true\n---\n\n## Ẩn? {#cau-an}\n\n## Không mã?\n",
     {("qa", "so-tay")}, ("cau-an",)),  # YAML reads, a check fails (session 39's F2): its questions too
    ("hoi-dap/so-tay.md", "---\ntitle: Sổ tay\ndraft: true\n\n## Ẩn? {#cau-an}\n",
     {("qa", "so-tay")}, ("cau-an",)),  # no closing `---`
    ("tin-tuc/b.md", b"\xff\xfe\x00", set(), ()),  # not text at all: nothing known
])
def test_what_a_broken_draft_still_tells_of_its_address(src, text, places, ids):
    found = addresses(src, text.encode("utf-8") if isinstance(text, str) else text, _site())
    assert (set(found.places), found.ids) == (places, ids)


def test_a_broken_draft_s_long_title_line_is_read_in_linear_time():
    data = ("---\ntitle: " + "a: " * 3_000_000 + "\n---\n" + "## x {#a}\n" * 200_000).encode()
    started = time.process_time()
    addresses("tin-tuc/a.md", data, _site())
    assert time.process_time() - started < 30


def test_a_broken_draft_s_pages_are_looked_for_but_never_another_page_s():
    """Its page, its questions' pages and short links; not a listing's address (a broken page
    `trang/tin-tuc.md` is at /tin-tuc/ by its name: the news listing's), nor a published
    question's short link."""
    unread = {"hoi-dap/so-tay-hong": ("hoi-dap/so-tay-hong.md", ("cau-an", "chung")),
              "tin-tuc": ("trang/tin-tuc.md", ())}
    drafts = DraftAddresses.of([], [], ("https://bantin.example.org/",), "q", unread, reserved=["tin-tuc/"])
    text = "a /hoi-dap/so-tay-hong/ b /hoi-dap/so-tay-hong/cau-an/ c /q/cau-an/ d /tin-tuc/ e"
    assert drafts.remove(text)[0] == "a b c d /tin-tuc/ e"
    assert DraftAddresses.of([], [], (), "q", {"tin-tuc": ("trang/tin-tuc.md", ())}, ["tin-tuc"]) is None

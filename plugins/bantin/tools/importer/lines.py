"""Rules about one line of an old page: is it furniture, the end of the article, a sentence?

Old portals wrap an article in clocks, counters, font-size bars, ratings and "related"
lists; these patterns recognise them line by line, whatever extraction produced the
line (a text copy or an HTML block). `md_escape` makes a line safe to write as Markdown.
"""

from __future__ import annotations

import re

from bantin.text.vi import fold, nfc, strip_control


_SPACES = re.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def clean_line(text: str) -> str:
    """NFC, one space between words, no invisible characters, no surrounding space.

    Control, bidirectional and zero-width characters (`&#x7;`, `&#x202E;` on the old page)
    go too: `bantin check` would report them in every imported file (vi.CONTROL)."""
    return _SPACES.sub(" ", strip_control(_INVISIBLE.sub("", nfc(text)))).strip()


def _words(text: str) -> int:
    return len(text.split())


_TERMINAL = ".!?…:;"
_CLOSERS = "\"”’»)]'"


_CAPTION = re.compile(r"^\(?\s*(?:hinh anh|hinh|anh|nguon anh)(?:\s+minh\s+hoa)?\s*(?::|\)|$)")  # folded


def is_caption(text: str) -> bool:
    """A photo's caption or credit ("(Ảnh minh họa)", "Ảnh: Hội nghị …", "Hình ảnh: …"): never
    an article's title, though short and without a full stop as titles are."""
    return _words(text) <= 40 and bool(_CAPTION.match(fold(text)))


def _ends_sentence(text: str) -> bool:
    """Ends like a sentence: '.', '!', '?', '…', ':', ';', or one of them inside '”' / ')'."""
    text = text.rstrip(_CLOSERS) if text and text[-1] in _CLOSERS else text
    return bool(text) and text[-1] in _TERMINAL


def _looks_like_body(text: str) -> bool:
    """A paragraph of running text (not a title, caption, menu item or counter).

    A short question is a title ("Người dân cần biết gì khi …?"), not running text.
    """
    words = _words(text)
    question = text.rstrip(_CLOSERS).endswith("?")
    return (words >= 12 and _ends_sentence(text) and not question) or words >= 30


# Image file names glued to the start of a paragraph by copy-and-paste: Zalo names
# (z<digits>_<md5>), camera names (IMG_0123, DSC01234), Facebook downloads, bare hashes.
_IMAGE_NAME = re.compile(
    r"^(?:z\d{6,}_[0-9a-f]{32}"
    r"|(?:IMG|DSC|DSCN|DCIM|PXL|FB_IMG|received|Screenshot|Zalo)[_-]?\d[\d_-]{2,}"
    r"|[0-9a-f]{32,40}"
    r"|[\w-]+\.(?:jpe?g|png|gif|webp|bmp|heic)"
    r")(?:\.(?:jpe?g|png|gif|webp|bmp|heic))?",
    re.IGNORECASE,
)


def strip_image_name(text: str) -> str:
    """Remove an image file name glued to the start of a paragraph."""
    match = _IMAGE_NAME.match(text)
    if not match:
        return text
    rest = text[match.end():]
    if rest and rest[0].isalnum() and not rest[0].isupper():
        return text  # the "name" runs on into a lower-case word: not a file name
    return rest.strip()


# Portal furniture, matched against fold(line): lower case, no tones, đ -> d.
_FURNITURE = [re.compile(p) for p in (
    r"^[\d\s.,:/|-]*$",  # counter digits, lone numbers, separators
    r"^(so )?luot (truy cap|xem|doc|nghe|danh gia|binh chon|chia se|thich)\b.{0,30}$",
    r"^(tong (so )?)?(luot )?truy cap( hom nay| trong ngay| thang| nam)?\s*:?[\d\s.,]*$",
    r"^(so (luot|nguoi) )?(dang )?(online|truc tuyen)\s*:?[\d\s.,]*$",
    r"^(so luot )?dang online\b.{0,20}$",
    r"^thong ke( truy cap)?\s*(:[\d\s.,]*)?$",
    r"^thong ke truy cap\s*:?[\d\s.,]*(\|\s*dang online\s*:?[\d\s.,]*)?$",
    r"^(hom nay|hom qua|tuan nay|tuan truoc|thang nay|thang truoc|nam nay|tat ca|"
    r"tong cong|khach|thanh vien|luot truy cap)\s*:\s*[\d.,]+$",
    r"^ban la (nguoi|vi khach|khach) (truy cap )?thu\b",
    r"^(danh gia|binh chon|xep hang|cham diem)\s*:?$",
    r"luot danh gia\s*:",
    r"^(binh luan|y kien ban doc|y kien cua ban|gui y kien( cua ban)?|gui binh luan|"
    r"gui phan hoi|phan hoi|viet binh luan|cac binh luan)\s*:?$",
    r"^binh luan cua ban (se|duoc)\b",
    r"^(vui long )?(nhap |go )?ma (xac thuc|xac nhan|bao ve|an toan|kiem tra)\b.{0,25}$",
    r"\bma (xac thuc|xac nhan) khong (dung|hop le|chinh xac)",
    r"\bcaptcha\b",
    r"^(ho (va )?ten|email|e-mail|dien thoai|so dien thoai|dia chi email|noi dung|"
    r"tieu de)\s*:?\s*\*?$",
    r"^(gui|xoa|nhap lai|lam lai|huy|huy bo|dong y|tim kiem|tim|dang nhap|dang ky)$",
    r"(^|\s)a-\s*a\s*a\+", r"(^|\s)a\+\s*a\s*a-",  # font-size bar "A- A A+"
    r"^(co chu|kich (thuoc|co) chu|phong chu|chu to|chu nho)\b.{0,40}$",
    r"^(che do |do )?tuong phan( cao)?\b.{0,30}$",
    r"^(nghe (doc|bai|tin|noi dung)|doc bai( viet)?|doc tin|nghe audio|phat am thanh)\b.{0,40}$",
    r"(^|\s)\d{1,2}:\d{2}(:\d{2})?\s*/\s*\d{1,2}:\d{2}(:\d{2})?$",  # audio timer
    r"^\d{1,2}:\d{2}(:\d{2})?$",
    # toolbars: "In bài | Gửi email | Về đầu trang", "Chia sẻ", "Quay lại"
    r"^((in|in bai|in bai viet|in trang|ban in|in tin|gui email|gui mail|gui cho ban be|"
    r"gui bai|chia se|chia se bai viet|share|tweet|like|thich|luu|luu bai|luu tin|"
    r"quay lai|tro ve|tro lai|ve dau trang|len dau trang|dau trang|trang chu|doc tiep|top|"
    r"phan hoi|ve trang truoc|xem ban in|bao loi)\s*[|/•·-]?\s*)+:?$",
    r"^(chia se|share)\s*:.{0,60}$",
    r"^(lien ket website|lien ket web|website lien ket|lien ket)\s*:?$",
    r"^((facebook|zalo|twitter|youtube|email|linkedin|print)\s*)+$",
    r"^trang chu\s*[>»/|›]",  # breadcrumb
    r"^(« ?)?(truoc|sau|bai truoc|bai sau|tin truoc|tin sau)( ?»)?$",
    r"^(tham do y kien|binh chon|ket qua binh chon)\b.{0,40}$",
    r"^(lan truy cap|truy cap lan|lan cuoi truy cap|lan truy cap cuoi|last visit)",
    # counters: "Lượt xem: 1.234", "Đã xem 56 lần", "1.234 lượt xem", "Hits: 12", "Views 9"
    r"^(so )?(luot|lan) (xem|doc|nghe|tai|thich|chia se|binh luan|danh gia|binh chon)\b[\s:.,\d]*(luot|lan)?$",
    r"^(da xem|xem|doc|da doc|hits?|views?|binh luan|y kien)\s*:?\s*[\d.,]+\s*(luot|lan)?$",
    r"^[\d.,]+\s*(luot|lan) (xem|doc|nghe|tai|thich|chia se|binh luan|danh gia|binh chon)$",
    r"^[\d.,]+\s*(views?|hits?|binh luan|y kien)$",
    # ratings: "Đánh giá bài viết", "Bình chọn: 4,5/5 (12 lượt)", "★★★★☆", "(4.5/5 - 12 bình chọn)"
    r"^(danh gia|binh chon|xep hang|cham diem)( bai viet| bai nay| bai| tin bai| tin| noi dung)?\s*:?"
    r"[\s\d.,/()*★☆✩✪✫✬✭✮✯⭐-]*(diem|sao|phieu|luot( danh gia| binh chon)?|danh gia|binh chon)?"
    r"[\s\d.,/()]*$",
    r"^[\s\d.,/()*★☆✩✪✫✬✭✮✯⭐-]*(diem|sao|phieu|luot|danh gia|binh chon|luot danh gia|luot binh chon)?"
    r"[\s\d.,/()-]*$",
    r"^(rat (hay|tot|huu ich)|hay|tot|huu ich|binh thuong|trung binh|kem|khong (hay|huu ich))"
    r"(\s*[|/]?\s*(rat (hay|tot|huu ich)|hay|tot|huu ich|binh thuong|trung binh|kem|khong (hay|huu ich)))+$",
    # toolbars the pattern above misses: "Gửi bài viết qua email", "Phóng to | Thu nhỏ"
    r"^(gui (bai viet|bai|tin|trang) (qua e-?mail|cho ban be)|gui e-?mail cho ban be|in bai nay|"
    r"phong to|thu nho|ban de in|xem ban in|luu bai viet|in bai viet nay)$",
)]
# Toolbar and counter bars: "Lượt xem: 1234 | In bài viết | Gửi email", one part after another.
_BAR_SPLIT = re.compile(r"\s*[|•·]\s*|\s+[-–]\s+")
_FURNITURE_MAX_WORDS = 14
_FURNITURE_MAX_CHARS = 200
# Footer lines: owning agency, responsible editor, copyright, the "cite the source" notice.
_FOOTER = re.compile(
    r"^(ghi ro nguon|co quan chu quan|chiu trach nhiem( chinh| noi dung)?\s*:|ban quyen|"
    r"copyright|©|giay phep( so)?\s*:?\s*\d|trang thong tin dien tu .{0,60} giay phep)"
)

# Units after which the article is over: related lists, ratings, comments, footer blocks.
_END_MARKERS = [re.compile(p) for p in (
    r"^(tin|bai( viet)?|cac tin|cac bai( viet)?|nhung tin) (lien quan|cung chuyen muc|"
    r"khac|da dua|moi( nhat)?|cung loai|noi bat|xem nhieu)\s*:?$",
    r"^(cung chuyen muc|doc them|xem them|co the ban quan tam|tin noi bat|"
    r"xem nhieu nhat|tin xem nhieu)\s*:?$",
    r"^(danh gia|binh chon)( bai viet| bai nay| tin bai)?\s*:?$",
    r"luot danh gia\s*:",
    r"^(binh luan|y kien ban doc|gui y kien( cua ban)?|gui binh luan|y kien cua ban|"
    r"cac binh luan|viet binh luan)\s*:?$",
    r"^(thong ke truy cap|lien ket website|lien ket web|website lien ket)\s*:?$",
)]


def is_furniture(text: str) -> bool:
    """True for a unit that is portal furniture, not part of any article."""
    if not text.strip():
        return True
    folded = fold(text).strip()
    if _words(text) <= 40 and _FOOTER.match(folded):
        return True
    if _words(text) > _FURNITURE_MAX_WORDS or len(text) > _FURNITURE_MAX_CHARS:
        return False  # the length bound keeps the patterns' backtracking short on a hostile line
    if any(p.search(folded) for p in _FURNITURE):
        return True
    parts = [p for p in _BAR_SPLIT.split(folded) if p]
    return len(parts) > 1 and all(any(f.search(p) for f in _FURNITURE) for p in parts)


def is_end_marker(text: str) -> bool:
    """True for a unit that starts the trailer (related lists, ratings, comments)."""
    if _words(text) > 10:
        return False
    folded = fold(text).strip()
    return any(p.search(folded) for p in _END_MARKERS)


_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# An '_' that may open or close emphasis: not between two letters or digits (`_nghiêng_`,
# `__đậm__`); `tên_tệp_của_tôi` is never emphasis to Python-Markdown and stays as written.
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# What starts a block at a line's start: a heading, a list item, a thematic break (`---`), an
# admonition (`!!! danger "…"`, the sample site enables them). `>` is `&gt;` by then.
_BLOCK_START = re.compile(r"^(#|[-+](?=\s)|-(?=-*\s*$)|!)")


def md_escape(text: str) -> str:
    """Escape what Markdown (and attr_list) would read as markup in imported plain text.

    Old-portal text stays text: '<' and '>' become `&lt;`/`&gt;`, and an '&' that would
    start an entity becomes `&amp;`, so text that was `&lt;img …&gt;` on the old page
    (shown there as characters) is shown as those same characters, never parsed (issue 12).
    Only characters Python-Markdown unescapes get a backslash, so none shows on the page
    (`\\===` did; a line of `=` is no heading's underline here: every block is a paragraph of
    its own). A run of `#` ending the text is a heading's closing marks to Python-Markdown,
    which drops them (`## C#` read «C»): each one is escaped (session 32).
    """
    closing = len(text) - len(text.rstrip("#"))
    text = text[: len(text) - closing].replace("\\", "\\\\")
    for ch in "*`[]{":
        text = text.replace(ch, "\\" + ch)
    text = _EMPHASIS_UNDERSCORE.sub(r"\\_", text)
    text = _ENTITY.sub("&amp;", text)
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = _BLOCK_START.sub(r"\\\1", text)
    text = re.sub(r"^(\d+)([.)])(?=\s)", r"\1\\\2", text)
    return text + "\\#" * closing

"""Are the agency's details still the starter's placeholders? (session 18, a province's review)

`bantin init` writes mkdocs.yml with the lines a province must fill marked `# ĐIỀN`. What it
was not told stays a visible placeholder: "Ủy ban nhân dân tỉnh …", "Họ và tên, chức vụ",
"0000 000 000", "email@co-quan.gov.vn". Every page's footer and every printed page carries
them, and a printed handbook with a fake telephone number cannot be recalled any more than a
printed QR code (config/siteurl.py). So, as for `site_url`, a publishing build refuses them
and any other build names them once as a warning (`make site` on a new site keeps working).

A placeholder is one of the starter's exact values, a value holding "tỉnh …" (where the
starter leaves the province's name: "Sở Tư pháp tỉnh …", "Bản tin Pháp luật tỉnh …"; an
ellipsis alone is not enough, a real description may have one), or no agency name at all
(an empty `name:`, or no `agency:`: the footer would begin with "Cơ quan chủ quản"). The
values judged are those MkDocs loaded, `INHERIT` and `!ENV` applied. Other empty details are
allowed: a province may have no public telephone.
"""

from __future__ import annotations

from bantin.config import precheck, sitefile
from bantin.config.precheck import ConfigError
from bantin.problems import ERROR, WARNING, Problem, short

# what starter/mkdocs.yml writes (tests/test_init.py builds a new site and finds them all)
STARTER_VALUES = frozenset({"Họ và tên, chức vụ", "Số nhà, đường, phường/xã, tỉnh", "0000 000 000",
                            "email@co-quan.gov.vn"})
HOLE = "tỉnh …"  # the starter's place for the province's name
AGENCY_FIELDS = {"name": "tên cơ quan", "owner": "cơ quan chủ quản", "editor": "người chịu trách nhiệm nội dung",
                 "address": "địa chỉ", "phone": "điện thoại", "email": "thư điện tử"}
SITE_FIELDS = {"site_name": "tên trang", "site_description": "câu giới thiệu trang"}
CARRIED = {"site_name": "đầu mọi trang, tiêu đề trong kết quả Google và khi chia sẻ qua Zalo, Facebook mang dòng này",
           "site_description": "mô tả trang trong kết quả Google và khi chia sẻ qua Zalo, Facebook mang dòng này"}
FOOTER = "chân mọi trang và mọi bản in mang dòng này"


def is_placeholder(value: str) -> bool:
    text = " ".join(value.split())
    return text in STARTER_VALUES or HOLE in text


def unfilled_problems(config_file: str, details: dict, *, publishing: bool) -> list[Problem]:
    """One problem per detail still a placeholder: errors when the build publishes, warnings
    otherwise; and a warning for a detail cut short by ` #`.

    `details` are the values MkDocs loaded (adapter/engine.Project.details: `INHERIT` and
    `!ENV` applied), so what is judged is what the pages will show; mkdocs.yml's own text
    only gives the lines (0 when a value is written in a base it inherits: the problem is
    reported on mkdocs.yml) and the notes. An unreadable mkdocs.yml gives no line: loading
    it reported that.
    """
    try:
        site = sitefile.load(config_file)
    except ConfigError:
        site = None
    return _placeholders(config_file, site, details, publishing) + _cut_by_comments(config_file, site)


def _fields() -> list[tuple[str, str, tuple[str, ...]]]:
    """(field, what it is, keys) of the details every page shows."""
    return [(key, what, (key,)) for key, what in SITE_FIELDS.items()] + [
        (f"plugins.bantin.agency.{key}", what, ("plugins", "bantin", "agency", key))
        for key, what in AGENCY_FIELDS.items()]


def _cut_by_comments(config_file: str, site: sitefile.SiteFile | None) -> list[Problem]:
    """`address: Số 1 Nguyễn Trãi # phường Hà Giang 1` publishes "Số 1 Nguyễn Trãi": YAML
    reads ` #` as the start of a note. The starter's own notes ("# ĐIỀN: …") are meant.
    Only values written in mkdocs.yml itself: its text is the one read here."""
    if site is None:
        return []
    lines = site.text.splitlines()
    problems = []
    for field, what, keys in _fields():
        found = precheck.scalar_of(site.node, *keys)
        if found is None or found.style or found.start_mark.name != site.path:  # quoted, a block, or a base's
            continue
        line = found.end_mark.line
        rest = lines[line][found.end_mark.column:] if line < len(lines) else ""
        note = rest.strip().split("# ĐIỀN")[0].strip()  # the starter's own note stays a note
        if note.startswith("#") and found.start_mark.line == line:
            problems.append(Problem(
                config_file, line + 1, field,
                f"{what} dừng ở «{short(found.value, 40)}»: phần `{short(note, 40)}` sau nó là ghi chú của YAML, "
                "không hiện trên trang",
                f"nếu đó là một phần của {what}, đặt cả giá trị trong dấu ngoặc kép: "
                f"`{keys[-1]}: \"{short(found.value + ' ' + note, 80)}\"`", WARNING))
    return problems


def _placeholders(config_file: str, site: sitefile.SiteFile | None, details: dict, publishing: bool) -> list[Problem]:
    """The loaded details still the starter's, and an agency without a name (or no `agency:`)."""
    problems = []
    for field, what, keys in _fields():
        value = str(details.get(field) or "")
        if (field.endswith(".name") and not value.strip()) or is_placeholder(value):
            line = site.line_here(*keys) if site is not None else 0
            problems.append(_problem(config_file, line, field, what, value, publishing))
    return problems


def _problem(config_file: str, line: int, field: str, what: str, value: str, publishing: bool) -> Problem:
    shown = f"`{short(value, 60)}` là chữ mẫu" if value.strip() else "còn trống"
    carried = CARRIED.get(field, FOOTER)
    key = field.rsplit(".", 1)[-1]
    fix = (f"ghi {what} thật vào dòng `{key}:` của mkdocs.yml (những dòng có chữ ĐIỀN)" if value.strip() else
           f"ghi {what} vào mục `agency:` của `- bantin:` trong mkdocs.yml, ví dụ `{key}: Sở Tư pháp tỉnh "
           "Sông Lam` (xem mkdocs.yml do `bantin init` tạo)" if field.endswith(".name") else
           f"ghi {what} vào dòng `{key}:` của mkdocs.yml")
    if publishing:
        return Problem(config_file, line, field, f"{what} {shown}; trang chưa được xuất bản vì {carried}, "
                       "mà trang đã in, đã chia sẻ thì không thu hồi được",
                       fix + "; bản xem trước dựng bằng `bantin build --preview`", ERROR)
    return Problem(config_file, line, field, f"{what} {shown}; được phép khi xem thử, nhưng lần dựng để xuất bản "
                   f"(trong CI, hoặc `bantin build --publish`) sẽ dừng ở đây, vì {carried}", fix, WARNING)

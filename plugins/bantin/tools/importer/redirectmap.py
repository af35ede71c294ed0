"""The redirect map: old addresses a static host cannot serve, and their new paths (step 5).

One `old new` pair a line, in `redirects/old-host.map` by default. Reading it reports
every bad line as a Problem; updating it keeps existing pairs and reports conflicts.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from bantin.problems import short as _short
from bantin.problems import Problem, Problems, visible
from bantin.tools.importer.result import ImportFailure
from bantin.tools.importer.safefiles import _no_symlink_on_the_way, write_no_follow


DEFAULT_REDIRECT_MAP = "redirects/old-host.map"


# A redirect target is a path on this site; its text goes verbatim into nginx and Apache rules,
# where quotes, `;`, braces, `$var` and `%{VAR}` would be configuration, not an address.
_UNSAFE_IN_RULES = re.compile(r"[\s\"'`;{}\\$\x00-\x1f\x7f-\x9f]|%\{")


def redirect_line_problem(old: str, new: str) -> str | None:
    """Why one `OLD NEW` line of the map cannot become a server rule, or None."""
    bad = _UNSAFE_IN_RULES.search(old)
    if bad:
        return (f"địa chỉ cũ có ký tự `{visible(bad.group())}` không được phép trong quy tắc máy chủ "
                "(dấu nháy, `;`, `{`, `}`, `$`, `%{`, `\\`, ký tự điều khiển)")
    bad = _UNSAFE_IN_RULES.search(new)
    if bad:
        return (f"địa chỉ mới có ký tự `{visible(bad.group())}` không được phép (dấu nháy, `;`, `{{`, `}}`, "
                "`$`, `%{`, `\\`, ký tự điều khiển)")
    if not new.startswith("/") or new.startswith("//") or "://" in new:
        return (f"địa chỉ mới `{_short(visible(new))}` phải là đường dẫn trên trang này, bắt đầu bằng `/` "
                "(ví dụ `/tin-tuc/ten-bai/`), không có `http://`, `https://` hay tên miền khác")
    return None


def parse_redirect_map(text: str, name: str) -> tuple[list[tuple[str, str]], list[Problem]]:
    """(good pairs, problems): every line that is not a comment, blank, or exactly two safe fields
    is a problem with its line number, never dropped in silence nor written into rules."""
    pairs: list[tuple[str, str]] = []
    problems = Problems()
    fix = ("mỗi dòng ghi đúng hai phần cách nhau bằng dấu cách: địa chỉ cũ và đường dẫn mới trên trang "
           "này, ví dụ `http://cu.gov.vn/tin.aspx?ItemID=12 /tin-tuc/ten-bai/`; dòng ghi chú bắt đầu bằng `#`")
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        parts = stripped.split()
        if len(parts) != 2:
            problems.error(name, number, "", f"dòng có {len(parts)} phần, không phải 2 (địa chỉ cũ, địa chỉ mới)", fix)
            continue
        wrong = redirect_line_problem(*parts)
        if wrong:
            problems.error(name, number, "", wrong, fix)
            continue
        pairs.append((parts[0], parts[1]))
    return pairs, problems.items


def read_redirect_map(path: Path) -> list[tuple[str, str]]:
    """Good pairs from a redirect map file (`OLD_URL NEW_PATH` per line; `#` comments); see
    parse_redirect_map for the lines left out (and reported by `bantin redirects`)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    return parse_redirect_map(text, str(path))[0]


def update_redirect_map(path: Path, pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Add pairs to the map file (sorted, no duplicates).

    An old address already mapped to another page keeps its first mapping; the
    returned dict gives, for each such address, a message saying so. Lines the map
    cannot use (parse_redirect_map) are kept as written, for `bantin redirects` to report.
    The file is never written through a symlink (write_no_follow).
    """
    path = Path(path)
    wrong = _no_symlink_on_the_way(path)
    if wrong:
        raise ImportFailure(wrong)
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    good, _ = parse_redirect_map(text, str(path))
    mapping = dict(good)
    good_lines = {f"{old} {new}" for old, new in good}
    conflicts: dict[str, str] = {}
    for old, new in pairs:
        if old in mapping and mapping[old] != new:
            conflicts[old] = (
                f"địa chỉ cũ {old} đã được chuyển hướng tới {mapping[old]} trong {path} nên "
                f"không đổi sang {new}; nếu bài mới đúng là {new}, hãy sửa dòng đó trong {path}"
            )
            continue
        mapping[old] = new
    comments = [line for line in text.splitlines() if line.strip().startswith("#")]
    kept = [line for line in text.splitlines() if line.strip() and not line.strip().startswith("#")
            and " ".join(line.split()) not in good_lines]
    if not comments:
        comments = [
            "# Bảng chuyển hướng: địa chỉ cũ mà trang tĩnh không phục vụ được (có tham số",
            "# như ?ItemID=…, trang .aspx, .php) và trang mới mà mỗi địa chỉ phải chuyển tới.",
            "# Mỗi dòng: địa chỉ cũ, một dấu cách, địa chỉ mới. Tệp do `bantin import` ghi;",
            "# lệnh `bantin redirects --nginx` hoặc `--apache` in ra cấu hình máy chủ web.",
        ]
    lines = comments + kept + [f"{old} {new}" for old, new in sorted(mapping.items())]
    write_no_follow(path, "\n".join(lines) + "\n")
    return conflicts

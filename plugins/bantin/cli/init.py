"""`bantin init FOLDER`: the command line of tools/starter.py (a new site repository)."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path
from typing import Sequence

from bantin.cli.endoflife import built_from, this_bantin
from bantin.cli.argvi import VietnameseParser, parse
from bantin.problems import visible
from bantin.tools import docscopy, docsnotes, sitedocs, starter


def _direct_url() -> str | None:
    """pip's record of where this Bản tin was installed from (PEP 610), if any."""
    try:
        return metadata.distribution("bantin").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None


def vendored_note(name: str) -> str:
    """What `init` says when the wheel went into `vendor/`: commit the folder, and how an
    upgrade goes. The old file is named, so that "delete the old file" cannot mean the new one;
    a wheel whose name carries no commit (not built by `make dist`, scripts/dist.py) is said to
    be one the next wheel may overwrite unseen (a province's trial, session 34)."""
    where = f"{starter.VENDOR}/{name}"
    note = (f"Gói Bản tin được chép vào {where} và requirements.txt cài từ đó: hãy đưa cả thư mục "
            f"{starter.VENDOR}/ lên kho. Nâng cấp (README.md, mục \"Nâng cấp Bản tin\"): chép tệp .whl mới vào "
            f"{starter.VENDOR}/, ghi tên tệp mới vào dòng cuối requirements.txt, xóa {where}, rồi đẩy lên kho.")
    found = starter.WHEEL.fullmatch(name)
    if found and not built_from(name[len("bantin-"):-len("-py3-none-any.whl")]):
        note += (" Lưu ý: tên tệp này không ghi ngày và mã commit (tệp không do `make dist` của kho Bản tin tạo), "
                 "nên bản sau có thể cùng tên và chép đè lên mà không ai thấy; hãy dùng tệp do `make dist` tạo.")
    return note


def main_init(argv: Sequence[str] | None = None) -> int:
    parser = VietnameseParser(
        prog="bantin init",
        description="Tạo kho mới cho trang Bản tin của một đơn vị: mkdocs.yml để điền, bài mẫu (bản nháp), "
        "tệp xuất bản cho GitHub và GitLab, trang viết bài trên trình duyệt và README.")
    parser.add_argument("folder", type=Path, metavar="THƯ_MỤC", nargs="?",
                        help="thư mục mới (chưa có hoặc trống); với --update-docs: thư mục của trang (mặc định: thư mục này)")
    parser.add_argument("--update-docs", action="store_true",
                        help=f"chỉ cập nhật {sitedocs.FOLDER}/ của một trang đã có (hướng dẫn biên tập, cấu hình máy chủ) "
                        "theo Bản tin đang cài; tệp trang đã tự sửa được giữ nguyên và nói tên")
    parser.add_argument("--overwrite", action="store_true",
                        help="với --update-docs: thay cả những tệp trang đã tự sửa (bản sửa còn trong lịch sử git)")
    parser.add_argument("--agency", default="", metavar="TÊN", help='tên cơ quan, ví dụ "Sở Tư pháp tỉnh Sông Lam"')
    parser.add_argument("--site-url", default="", metavar="ĐỊA_CHỈ",
                        help="địa chỉ công khai của trang, ví dụ https://phapluat.songlam.gov.vn/")
    parser.add_argument("--package", default="", metavar="GÓI",
                        help="gói Bản tin mà quy trình xuất bản cài: kho git, ví dụ 'bantin @ git+https://…/bantin@<mã commit>', "
                        "hoặc tệp .whl trên máy này (được chép vào vendor/ của trang mới). Mặc định: nơi Bản tin "
                        "trên máy này được cài từ đó (kho git, hoặc tệp .whl nếu tệp vẫn còn)")
    args = parse(parser, argv)
    if isinstance(args, int):
        return args
    if args.update_docs or args.overwrite:
        return update_docs(args)
    if args.folder is None:
        print("bantin init: lỗi: thiếu THƯ_MỤC → Cách sửa: ghi thư mục mới sau `init`, ví dụ `bantin init so-tu-phap`; "
              "cập nhật tài liệu của một trang đã có: `bantin init --update-docs`", file=sys.stderr)
        return 2
    package, reachable = args.package, True
    direct_url = None if package else _direct_url()
    if not package:
        package, reachable = starter.installed_from(direct_url)
    answers = starter.Answers(agency=args.agency, site_url=args.site_url, package=package, version=this_bantin())
    try:
        written = starter.create(args.folder, answers)
    except starter.InitError as exc:
        print(visible(f"lỗi: {exc}"), file=sys.stderr)
        return 1
    print(visible(f"Đã tạo {len(written)} tệp trong {args.folder}."))
    vendored = next((p for p in written if p.parent.name == starter.VENDOR), None)
    if vendored is not None:
        print(visible(vendored_note(vendored.name)))
    if starter.BY_VERSION.match(package):
        print(visible("Lưu ý: requirements.txt ghi Bản tin theo số phiên bản; pip sẽ tìm tên `bantin` trên PyPI, "
                      "nơi tên này có thể là gói của người khác, trừ khi quy trình xuất bản cài từ kho gói riêng "
                      "(`pip install --no-index --find-links …`). Nên ghi kho git: --package "
                      "'bantin @ git+https://…/bantin@<mã commit>'."))
    if not reachable:
        local = starter.local_git(direct_url)
        where = (f"được cài từ một kho git trên chính máy này ({local}), nơi quy trình xuất bản (CI) không tới được"
                 if local else "không được cài từ một kho git")
        print(visible(f"Lưu ý: Bản tin trên máy này {where}, nên requirements.txt chưa biết "
                      "lấy Bản tin ở đâu và quy trình xuất bản (CI) sẽ dừng ở bước cài đặt. Sửa dòng cuối của "
                      "requirements.txt thành địa chỉ kho của Bản tin, ví dụ: "
                      "bantin @ git+https://github.com/<tổ-chức>/bantin@<mã commit> (mã commit mới nhất: "
                      "git ls-remote <địa chỉ kho> refs/heads/main), hoặc chạy lại với --package."))
    print("Bước tiếp theo: sửa các dòng có chữ ĐIỀN trong mkdocs.yml, rồi làm theo README.md.")
    return 0


def update_docs(args) -> int:
    """`bantin init --update-docs [THƯ_MỤC] [--overwrite]`: the site's `tai-lieu-ban-tin/` brought to
    the installed Bản tin (tools/docscopy.py), what was done and kept said file by file."""
    if not args.update_docs:
        print("bantin init: lỗi: --overwrite chỉ dùng với --update-docs → Cách sửa: "
              "`bantin init --update-docs --overwrite`", file=sys.stderr)
        return 2
    if args.agency or args.site_url or args.package:
        print("bantin init: lỗi: --agency, --site-url, --package là của trang mới, không dùng với --update-docs "
              "→ Cách sửa: bỏ các tùy chọn đó (sửa mkdocs.yml, requirements.txt của trang nếu cần)", file=sys.stderr)
        return 2
    root = args.folder or Path(".")
    if not (root / "mkdocs.yml").is_file():
        print(visible(f"lỗi: {root.absolute()} không có mkdocs.yml, nên không phải thư mục của một trang → Cách sửa: "
                      "chạy lệnh trong thư mục của trang (nơi có mkdocs.yml), hoặc ghi thư mục đó: "
                      "`bantin init --update-docs đường/dẫn/trang`"), file=sys.stderr)
        return 1
    try:
        done = docscopy.update(root, docscopy.installed(), this_bantin(), overwrite=args.overwrite)
    except sitedocs.MissingDocument as exc:
        print(visible(f"lỗi: gói Bản tin đang cài thiếu tài liệu ({exc}) → Cách sửa: cài lại từ một gói do "
                      "`make dist` của kho Bản tin tạo, hoặc từ kho git của Bản tin"), file=sys.stderr)
        return 1
    except docscopy.DocsError as exc:
        print(visible(f"lỗi: {exc}"), file=sys.stderr)
        return 1
    for line in _said(done, args.overwrite):
        print(visible(line))
    for problem in docsnotes.readme_notes(root, root):
        print(visible(str(problem)))
    return 0


def _said(done: docscopy.Updated, overwrite: bool) -> list[str]:
    """What `update_docs` tells the IT person, one line per kind of change."""
    folder = sitedocs.FOLDER
    lines = [f"{folder}/: {what} {len(places)} tệp: {', '.join(places)}." for places, what in (
        (done.added, "thêm"), (done.replaced, "thay bằng bản của Bản tin đang cài" if not overwrite else "thay (cả tệp đã sửa)"),
        (done.removed, "bỏ, vì Bản tin đang cài không còn tài liệu này,")) if places]
    if done.kept:
        lines.append(f"{folder}/: giữ nguyên {len(done.kept)} tệp mà trang đã tự sửa (không Bản tin nào chép chúng "
                     f"như vậy): {', '.join(done.kept)}. Bản của Bản tin đang cài chưa vào trang. Muốn lấy bản đó (phần đã "
                     "sửa sẽ mất, vẫn còn trong lịch sử git): chép phần sửa sang nơi khác nếu cần, rồi chạy "
                     "`bantin init --update-docs --overwrite`.")
    if done.listed_anew and not (done.added or done.replaced or done.removed):
        lines.append(f"{folder}/{docscopy.MANIFEST}: ghi danh sách tài liệu Bản tin đã chép (để lần nâng cấp sau "
                     "biết tệp nào trang đã tự sửa).")
    if not (done.added or done.replaced or done.removed or done.listed_anew):
        # with kept files, "already the installed Bản tin's" contradicted the line above (province trial, session 51)
        lines.append(f"{folder}/: các tệp khác đã là của Bản tin đang cài; không tệp nào được đổi." if done.kept else
                     f"{folder}/ đã là tài liệu của Bản tin đang cài; không đổi gì.")
    else:
        lines.append(f"Tiếp theo: `git add -A {folder}`, commit rồi đẩy lên kho.")
    return lines

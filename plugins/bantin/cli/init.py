"""`bantin init FOLDER`: the command line of tools/starter.py (a new site repository)."""

from __future__ import annotations

import sys
from importlib import metadata
from pathlib import Path
from typing import Sequence

from bantin.cli.endoflife import built_from
from bantin.cli.argvi import VietnameseParser, parse
from bantin.problems import visible
from bantin.tools import starter


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
    parser.add_argument("folder", type=Path, metavar="THƯ_MỤC", help="thư mục mới (chưa có hoặc trống)")
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
    package, reachable = args.package, True
    direct_url = None if package else _direct_url()
    if not package:
        package, reachable = starter.installed_from(direct_url)
    answers = starter.Answers(agency=args.agency, site_url=args.site_url, package=package)
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

"""`bantin init FOLDER`: the command line of tools/starter.py (a new site repository)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Sequence

from bantin import __version__
from bantin.cli.argvi import VietnameseParser, parse
from bantin.problems import visible
from bantin.tools import starter


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
                        help=f"gói Bản tin mà quy trình xuất bản cài (mặc định bantin=={__version__}; "
                        "có thể là địa chỉ git, ví dụ 'bantin @ git+https://…@v0.1.0')")
    args = parse(parser, argv)
    if isinstance(args, int):
        return args
    answers = starter.Answers(agency=args.agency, site_url=args.site_url, package=args.package)
    try:
        written = starter.create(args.folder, answers, __version__)
    except starter.InitError as exc:
        print(visible(f"lỗi: {exc}"), file=sys.stderr)
        return 1
    print(visible(f"Đã tạo {len(written)} tệp trong {args.folder}."))
    print("Bước tiếp theo: sửa các dòng có chữ ĐIỀN trong mkdocs.yml, rồi làm theo README.md.")
    return 0

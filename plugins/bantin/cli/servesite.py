"""`bantin serve-site`: the built site on 127.0.0.1 as a web host serves it (issue 14).

The server itself is tools/siteserver.py; this module reads the command line's folder and
address and says in Vietnamese what is wrong with them.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import unquote

from bantin.outputs import offlinecopy
from bantin.problems import visible
from bantin.tools import sitedocs, siteserver


def run_serve_site(folder: str, address: str, build_command: str = "bantin build") -> int:
    """The built site as a host serves it, our 404 page included (tools/siteserver.py).
    `build_command`: the command that builds `folder` (with its `-f`), said when nothing is
    built there yet."""
    root = Path(folder)
    if offlinecopy.is_copy(root):  # an offline copy: its site is the folder beside the start file
        root = offlinecopy.site_folder(root)
    if not (root / "index.html").is_file():
        shown = Path(folder) / "index.html"
        print(visible(f"lỗi: {folder}: chưa có trang đã dựng (không thấy {shown}) → Cách sửa: dựng trang trước "
                      f"bằng `{build_command}`; hoặc ghi thư mục đã dựng sau lệnh: `bantin serve-site THƯ_MỤC`, "
                      "ví dụ `bantin serve-site site-offline`"), file=sys.stderr)
        return 1
    if (root / "mkdocs.yml").exists() or (root / ".git").exists():
        print(visible(f"lỗi: {folder} là thư mục dự án (có mkdocs.yml hoặc .git), không phải trang đã dựng; "
                      "phục vụ nó sẽ để lộ nội dung chưa xuất bản → Cách sửa: ghi thư mục đã dựng, ví dụ "
                      "`bantin serve-site site`"), file=sys.stderr)
        return 1
    prefix = "/" if offlinecopy.is_copy(Path(folder)) else siteserver.site_path(root)
    try:
        host, port = siteserver.parse_address(address)
        server = siteserver.SiteServer(root, (host, port), prefix=prefix)
    except ValueError:
        print(visible(f"lỗi: địa chỉ `{address}` không đúng → Cách sửa: ghi ĐỊA_CHỈ:CỔNG, ví dụ 127.0.0.1:8000"),
              file=sys.stderr)
        return 2
    except OSError as exc:
        print(visible(f"lỗi: không mở được {address}: {exc.strerror or exc} → Cách sửa: cổng đang bận? "
                      "chọn cổng khác, ví dụ `bantin serve-site -a 127.0.0.1:8001`"), file=sys.stderr)
        return 1
    shown_host, shown_port = server.server_address[:2]
    print(f"Đang phục vụ {root.resolve()} tại http://{shown_host}:{shown_port}{prefix} (Ctrl+C để dừng)", flush=True)
    if prefix != "/":
        shown = unquote(prefix)  # `/bản-tin/`, not the `/b%E1%BA%A3n-tin/` the address carries
        print(f"Trang nằm dưới đường dẫn {shown} như `site_url` của nó, đúng như trên máy chủ thật; "
              f"địa chỉ ngoài {shown} là trang 404.", flush=True)
    if not siteserver.loopback(shown_host):
        print("Lưu ý: địa chỉ này mở cho mọi máy trong mạng; đây là công cụ xem trước, không phải máy chủ web "
              f"để xuất bản ({sitedocs.HOSTING_NAMED}).", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0

"""Whether the address a preview asks for is free, asked before the preview builds anything.

`bantin serve` and `bantin edit` build the whole site first (seconds; minutes on a large
site), then MkDocs opens its port: a port in use (a `bantin serve` left open in another
window, the default 8000 for both) ended in a Python traceback after that wait (an editor's
trial, session 34). `bantin serve-site` said it in Vietnamese; these now say it the same way,
before the build.
"""

from __future__ import annotations

import errno
import os
import socket

from bantin.problems import visible
from bantin.tools.siteserver import parse_address


def address_in_use(address: str, command: str) -> str | None:
    """The Vietnamese message when `address` (HOST:PORT) cannot be opened now, else None: a
    port in use, an address of no network card of this computer, a malformed address (MkDocs
    took `-a 0.0.0.0:99999` to the end of the build, then an OverflowError: a hostile review)."""
    try:
        host, port = parse_address(address)
    except ValueError:
        return visible(f"lỗi: địa chỉ `{address}` không đúng → Cách sửa: ghi ĐỊA_CHỈ:CỔNG, cổng là một số từ 1 tới "
                       f"65535, ví dụ `bantin {command} -a 127.0.0.1:8000`")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            if os.name != "nt":  # as the preview's server does: a port just closed is free
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        if exc.errno == errno.EADDRNOTAVAIL or isinstance(exc, socket.gaierror):
            return visible(f"lỗi: không mở được {address}: {host} không phải địa chỉ của máy này → Cách sửa: dùng "
                           f"127.0.0.1 (chỉ máy này xem được), ví dụ `bantin {command} -a 127.0.0.1:{port}`")
        return visible(f"lỗi: không mở được {address}: {exc.strerror or exc} → Cách sửa: cổng đang bận (một "
                       "`bantin serve` hay `bantin edit` khác đang chạy?): dừng chương trình đó (Ctrl+C trong cửa "
                       f"sổ của nó), hoặc chọn cổng khác, ví dụ `bantin {command} -a {host}:{_other(port)}`")
    return None


def _other(port: int) -> int:
    return port + 1 if port < 65535 else 8001

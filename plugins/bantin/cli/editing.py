"""`bantin edit`: the web editor on this computer (DESIGN §10).

Runs decap-server (npm, pinned in package.json) on 127.0.0.1 in "fs" mode: it reads and
writes the files of the project folder (mkdocs.yml's folder) and commits nothing, so the
editor keeps using git as before. Beside it, the live preview (`bantin serve`) builds the
site with drafts and an /admin/ page whose config.yml names that server
(BANTIN_EDITOR_PORT, config/editor.py); a file saved in the editor is in the preview a
moment later. Both stop together; decap-server listens on 127.0.0.1 only, since it writes
files for whoever asks.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from bantin.config.editor import PORT_VARIABLE

DECAP_SERVER = "3.11.3"  # as package.json pins it (tests/test_webeditor.py)
SCRIPT = Path("node_modules", "decap-server", "dist", "index.js")


class EditError(Exception):
    """Why the editor could not start, in Vietnamese."""


def decap_server_command(project: Path) -> list[str]:
    """How to start decap-server: from the project's node_modules (or a parent's, or this
    checkout's), else through npx at the pinned version; EditError without Node.js."""
    node = shutil.which("node")
    if node is None:
        raise EditError("Cần Node.js để chạy trình biên tập trên máy: cài Node.js bản LTS từ https://nodejs.org "
                        "rồi chạy lại `bantin edit`. (Trình biên tập trên GitLab/GitHub không cần Node.js.)")
    here = Path(__file__).resolve().parents[3]  # a checkout of Bản tin: plugins/bantin/cli → top
    for folder in (project, *project.parents, here):
        if (folder / SCRIPT).is_file():
            return [node, str(folder / SCRIPT)]
    npx = shutil.which("npx")
    if npx is None:
        raise EditError("Không tìm thấy decap-server: chạy `npm install decap-server@" + DECAP_SERVER
                        + "` trong thư mục trang rồi chạy lại `bantin edit`.")
    return [npx, "--yes", f"decap-server@{DECAP_SERVER}"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(project: Path, port: int) -> dict[str, str]:
    """decap-server's settings (its own `.env` file in the project cannot override them)."""
    # ORIGIN set, if empty, so that a project's `.env` cannot set it (dotenv never overrides a
    # set variable): `ORIGIN=*` there would let any web page the editor visits write files;
    # empty, decap-server keeps its own rule (pages of localhost and 127.0.0.1 only).
    return {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs", "ORIGIN": "",
            "GIT_REPO_DIRECTORY": str(project), "LOG_LEVEL": os.environ.get("LOG_LEVEL", "warn")}


def start_server(project: Path, port: int, timeout: float = 60.0) -> subprocess.Popen:
    """decap-server, answering on 127.0.0.1:`port` (EditError when it does not, or when
    another program already answers there: the editor would save through that one)."""
    try:
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # closed connections do not count
            probe.bind(("127.0.0.1", port))
    except OSError:
        raise EditError(f"Cổng {port} trên 127.0.0.1 đang có chương trình khác dùng (có thể là một "
                        "`bantin edit` khác): dừng chương trình đó, hoặc bỏ `--port` để chọn cổng trống.") from None
    # Its own process group: through `npx`, decap-server is npx's child, and stopping npx alone
    # left decap-server running (and writing files for whoever asks) after `bantin edit` ended.
    group = {"process_group": 0} if hasattr(os, "killpg") else {}
    process = subprocess.Popen(decap_server_command(project), cwd=project, env=server_env(project, port),
                               stdin=subprocess.DEVNULL, **group)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise EditError(f"decap-server dừng ngay khi khởi động (mã {process.returncode}); xem các dòng ở trên.")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return process
        except OSError:
            time.sleep(0.2)
    stop_server(process)
    raise EditError(f"decap-server không trả lời ở cổng {port} sau {timeout:.0f} giây.")


def stop_server(process: subprocess.Popen) -> None:
    """decap-server and whatever it started (npx's child): its whole process group on POSIX."""
    _signal(process, signal.SIGTERM)
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        _signal(process, signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
        process.wait()


def _signal(process: subprocess.Popen, number: int) -> None:
    if hasattr(os, "killpg"):
        try:
            os.killpg(process.pid, number)  # the group is the process's own (process_group=0)
        except (ProcessLookupError, PermissionError):
            pass
    elif process.poll() is None:
        process.terminate() if number == signal.SIGTERM else process.kill()


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def admin_url(address: str, site_url: str) -> str:
    """Where the preview shows the editor (MkDocs serves under site_url's path)."""
    path = urlsplit(site_url or "").path.rstrip("/")
    return f"http://{address}{path}/admin/"


def run(config_file: str, address: str, port: int, serve, site_url: str) -> int:
    """decap-server, then the live preview (`serve(config_file, address)`) until Ctrl+C."""
    project = Path(config_file).resolve().parent
    port = port or free_port()
    try:
        process = start_server(project, port)
    except EditError as error:
        print(error, file=sys.stderr)
        return 1
    previous = os.environ.get(PORT_VARIABLE)
    os.environ[PORT_VARIABLE] = str(port)
    # `kill`, or the terminal closed (SIGHUP no longer reaches decap-server's own process group):
    # decap-server must not outlive us.
    endings = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    stopping = {number: signal.getsignal(number) for number in endings}
    for number in endings:
        signal.signal(number, _interrupt)
    try:
        print(f"Trình biên tập: mở {admin_url(address, site_url)} (bài lưu vào {project}); "
              "xem trước ở địa chỉ MkDocs in ra dưới đây. Dừng bằng Ctrl+C.", flush=True)
        serve(config_file, address)
    except KeyboardInterrupt:
        pass
    finally:
        for number, handler in stopping.items():
            signal.signal(number, handler)
        if previous is None:
            os.environ.pop(PORT_VARIABLE, None)
        else:
            os.environ[PORT_VARIABLE] = previous
        stop_server(process)
    return 0

"""The `editor:` option of the plugin: where the web editor at /admin/ saves (DESIGN §10).

```yaml
plugins:
  - bantin:
      editor:
        backend: gitlab          # local (default), gitlab, github or none
        repo: so-tu-phap/ban-tin
        app_id: 0a1b2c…          # GitLab: the group's Settings → Applications, "Confidential" unticked
        api_root: https://git.example.gov.vn/api/v4   # self-hosted GitLab
```

Every value lands in the editor's config.yml and, for the addresses, in the browser's
requests carrying the editor's login: each is checked here, in Vietnamese, naming the line.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from typing import Any, Mapping
from urllib.parse import urlsplit

from bantin.config.settings import CONFIG_FILE, Editor, Lines
from bantin.problems import Problems, short

BACKENDS = ("local", "gitlab", "github", "none")
KEYS = ("backend", "repo", "branch", "app_id", "api_root", "base_url", "auth_endpoint")
PORT_VARIABLE = "BANTIN_EDITOR_PORT"  # set by `bantin edit` for the build it serves
_REPO = re.compile(r"[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+")
_BRANCH = re.compile(r"[A-Za-z0-9_.][A-Za-z0-9_./-]{0,99}")
_APP_ID = re.compile(r"[A-Za-z0-9_-]{1,200}")
# Where the OAuth application is made: the group's, which outlives any one person's account
# (the starter README, "Viết bài trên trình duyệt"; an outsiders' trial, session 34).
_GROUP_APPS = ("Settings → Applications của nhóm chứa kho trên GitLab (không dùng tài khoản riêng của "
               "một người: ứng dụng mất khi người đó nghỉ việc)")
_PATH = re.compile(r"/?[A-Za-z0-9_./-]{0,200}")
GITLAB = "https://gitlab.com"


def _no_lines(*keys) -> int:
    return 0


class _Check:
    def __init__(self, problems: Problems, line: Lines):
        self.problems, self.line = problems, line

    def error(self, key: str, message: str, fix: str) -> None:
        self.problems.error(CONFIG_FILE, self.line("editor", key) or self.line("editor"),
                            f"plugins.bantin.editor.{key}", message, fix)


def build_editor(entry: Any, problems: Problems, line: Lines = _no_lines,
                 port: str | None = None) -> Editor:
    """The editor's settings from `editor:`; every wrong value is a problem, and an editor
    with a wrong value is left out (`none`) rather than published half-configured.
    `port`: decap-server's port while `bantin edit` runs (default: from the environment)."""
    check = _Check(problems, line)
    local_url = _local_url(os.environ.get(PORT_VARIABLE, "") if port is None else port)
    if entry is None or entry == {}:
        return Editor(local_url=local_url)
    if not isinstance(entry, Mapping):
        check.error("backend", "`editor:` phải là một nhóm các dòng `tên: giá trị`",
                    "viết `editor:` rồi các dòng thụt vào, ví dụ `  backend: gitlab`")
        return Editor(backend="none")
    errors = len(problems.errors)
    values = {}
    for key, value in entry.items():
        if key not in KEYS:
            close = difflib.get_close_matches(str(key)[:40], KEYS, n=1, cutoff=0.6)
            check.error(str(key)[:40], f"`editor:` không có mục `{short(str(key), 40)}`",
                        f"có phải ý bạn là `{close[0]}`?" if close else f"các mục được phép: {', '.join(KEYS)}")
        elif not isinstance(value, (str, int)) or isinstance(value, bool):
            check.error(key, f"`{key}` phải là một dòng chữ", f"viết `{key}: …` trên một dòng")
        else:
            values[key] = str(value).strip()
    backend = values.get("backend", "local").lower()
    if backend not in BACKENDS:
        check.error("backend", f"`backend: {short(backend, 30)}` không có",
                    f"dùng một trong: {', '.join(BACKENDS)} (local: chỉ sửa trên máy bằng `bantin edit`)")
        return Editor(backend="none")
    editor = Editor(backend=backend, local_url=local_url, **{k: v for k, v in values.items() if k != "backend"})
    if editor.online:
        editor = _online(check, editor)
    if len(problems.errors) > errors:
        return Editor(backend="none")
    return editor


def _online(check: _Check, editor: Editor) -> Editor:
    """Repository, branch and addresses of the GitLab or GitHub backend, checked; GitLab's
    own addresses filled in (gitlab.com unless `api_root` names a self-hosted one)."""
    where = "nhóm/dự-án trên GitLab" if editor.backend == "gitlab" else "chủ/kho trên GitHub"
    if not editor.repo:
        check.error("repo", f"thiếu `repo:` ({where}) cho trình biên tập web",
                    "viết `repo: so-tu-phap/ban-tin` (phần sau tên miền trong địa chỉ kho)")
    elif not _REPO.fullmatch(editor.repo):
        check.error("repo", f"`repo: {short(editor.repo, 40)}` không phải tên kho dạng {where}",
                    "chỉ ghi phần sau tên miền, ví dụ `repo: so-tu-phap/ban-tin`, không có https:// hay dấu cách")
    if not _BRANCH.fullmatch(editor.branch) or ".." in editor.branch:
        check.error("branch", f"`branch: {short(editor.branch, 40)}` không phải tên nhánh",
                    "ghi tên nhánh xuất bản, thường là `branch: main`")
    for key in ("api_root", "base_url"):
        value = getattr(editor, key)
        if value and not _https(value):
            check.error(key, f"`{key}: {short(value, 40)}` phải là địa chỉ đầy đủ bắt đầu bằng https://",
                        f"ví dụ `{key}: https://git.example.gov.vn{'/api/v4' if key == 'api_root' else ''}`")
    if editor.auth_endpoint and not _PATH.fullmatch(editor.auth_endpoint):
        check.error("auth_endpoint", f"`auth_endpoint: {short(editor.auth_endpoint, 40)}` không phải đường dẫn",
                    "ghi đường dẫn, ví dụ `auth_endpoint: oauth/authorize`, hoặc xóa dòng này")
    if editor.backend == "gitlab":
        if not editor.app_id:
            check.error("app_id", "thiếu `app_id:` của ứng dụng đăng nhập trên GitLab",
                        f"trên GitLab, vào {_GROUP_APPS}, tạo ứng dụng (bỏ chọn Confidential, quyền `api`, "
                        "Redirect URI là địa chỉ /admin/ của trang), rồi chép Application ID vào `app_id:`")
        elif not _APP_ID.fullmatch(editor.app_id):
            check.error("app_id", f"`app_id: {short(editor.app_id, 40)}` không phải Application ID của GitLab",
                        f"chép đúng Application ID (một dãy 64 chữ và số) từ {_GROUP_APPS}")
        base = editor.base_url or (_origin(editor.api_root) if editor.api_root else GITLAB)
        return Editor(**{**editor.__dict__, "base_url": base, "api_root": editor.api_root or f"{base}/api/v4"})
    if not editor.base_url:  # github
        # Named where a province reads: the README `bantin init` wrote into its site (starter/README.md),
        # not our docs/decisions.md, which a province does not have (a province's trial, session 34).
        check.error("base_url", "GitHub cần một máy chủ đăng nhập OAuth riêng cho trình biên tập web",
                    "dựng máy chủ đó theo README.md của trang (tệp do `bantin init` tạo), mục \"Viết bài trên "
                    "trình duyệt\", đoạn \"Dùng GitHub\", rồi ghi địa chỉ của nó vào `base_url: https://…`; "
                    "hoặc dùng GitLab (`backend: gitlab`), không cần máy chủ riêng")
    return editor


# A host name and port, nothing else: the origin goes into the admin page's Content-Security-Policy,
# where `;` would start a directive of the admin's choosing and `,` a second policy.
_HOST = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::[0-9]{1,5})?")


def _https(url: str) -> bool:
    """An https address with a host and nothing that would change its meaning in YAML, a URL
    or the admin page's Content-Security-Policy (webeditor.content_policy)."""
    try:
        parts = urlsplit(url)
        parts.port
    except ValueError:
        return False
    return (parts.scheme == "https" and bool(_HOST.fullmatch(parts.netloc))
            and not parts.query and not parts.fragment and not re.search(r"[\s\"'<>\\`;,]", url))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _local_url(port: str) -> str:
    """decap-server's API on this computer, or "" (a port that is not one is said once)."""
    port = port.strip()
    if not port:
        return ""
    if port.isascii() and port.isdigit() and 0 < int(port) < 65536:
        return f"http://127.0.0.1:{int(port)}/api/v1"
    print(f"Bản tin: bỏ qua {PORT_VARIABLE}={port!r}: cần một số cổng từ 1 đến 65535.", file=sys.stderr)
    return ""

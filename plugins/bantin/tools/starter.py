"""`bantin init FOLDER`: a new province's site repository, ready to fill in and push.

A province installs Bản tin as a package and keeps only its own content and settings in its
repository (issue 14), so what `init` writes is small: `mkdocs.yml` with the agency and
categories to fill in, one draft example of each content type, the GitHub and GitLab
publishing files, a pre-commit hook, `.gitignore`, `requirements.txt` naming the Bản tin
release (or, given a wheel file, that wheel copied into `vendor/`), a short README in
Vietnamese, and Bản tin's editors' guide and hosting pages (tools/sitedocs.py). The files live in the package (`bantin/starter/`);
dot-files are stored under plain names there (wheels' globs skip dot-files) and renamed here.

Writes are confined by construction: the destination names are this module's constants, the
folder must be new or empty (never a symlink), and every file is created with O_EXCL and
O_NOFOLLOW, so `init` never overwrites or writes through a link.
"""

from __future__ import annotations

import io
import json
import os
import re
import zipfile
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from urllib.parse import unquote

from bantin.text.vi import nfc, strip_control
from bantin.tools import docscopy, sitedocs
from bantin.tools.place import place as place_of

STARTER = Path(__file__).resolve().parents[1] / "starter"

# (file in bantin/starter/, file in the new site). The publishing workflows are this
# repository's own, kept identical by tests/test_init.py.
FILES = (
    ("mkdocs.yml", "mkdocs.yml"),
    ("README.md", "README.md"),
    ("requirements.txt", "requirements.txt"),
    ("gitignore", ".gitignore"),
    ("pre-commit-config.yaml", ".pre-commit-config.yaml"),
    ("package.json", "package.json"),  # decap-server for `bantin edit`, pinned as cli/editing.py names it
    ("github-publish.yml", ".github/workflows/publish.yml"),
    ("gitlab-ci.yml", ".gitlab-ci.yml"),
    ("content/tin-tuc/bai-mau.md", "content/tin-tuc/bai-mau.md"),
    ("content/hoi-dap/so-tay-mau.md", "content/hoi-dap/so-tay-mau.md"),
    ("content/huong-dan/huong-dan-mau.md", "content/huong-dan/huong-dan-mau.md"),
    ("content/trang/gioi-thieu.md", "content/trang/gioi-thieu.md"),
)

PLACEHOLDER_URL = "https://bantin.example.org/"
UNKNOWN_HOST = "DIEN-DIA-CHI-KHO-BANTIN.invalid"  # requirements.txt when the source is unknown
# ... and the version: a commit (the repository has no release tags; every commit is 0.1.0).
UNKNOWN_COMMIT = "DIEN-MA-COMMIT"
# One requirement of Bản tin: from a git repository or an https file, or by version for a
# province's own wheelhouse (`pip install --find-links`); never a pip option. `bantin==…`
# alone asks PyPI, where the name may be someone else's: cli/init.py warns (README).
REQUIREMENT = re.compile(r"bantin\s*(==|~=|>=|@\s*(git\+)?https://)\S")
BY_VERSION = re.compile(r"bantin\s*(==|~=|>=)")
VENDORED = re.compile(r"\./vendor/bantin-[A-Za-z0-9_.!+]+-py3-none-any\.whl")  # written by `create` only
TOKEN = re.compile(r"__[A-Z0-9_]+__")
URL = re.compile(r"https?://[^\s\"'<>\\]+/?\Z")


WHEEL = re.compile(r"bantin-[A-Za-z0-9_.!+]+-py3-none-any\.whl")  # what `make dist` builds
WHEEL_MAX = 64 << 20  # bytes; ours is about 3.7 MB (2.9 MB before it carried the guide's pictures)
VENDOR = "vendor"


def local_wheel(package: str) -> Path | None:
    """The file of a `--package` naming a wheel on this machine (not a URL), else None."""
    if "://" in package or not package.lower().endswith(".whl"):
        return None
    return Path(package).expanduser()


def read_wheel(path: Path) -> bytes:
    """The bytes of Bản tin's wheel at `path`, to be committed with the new site (`vendor/`).

    A province that received the wheel (a USB stick, an email) and cannot reach our git host
    still gets a CI that installs it: requirements.txt names `./vendor/<wheel>`. Refused: a
    name that is not our wheel's, a missing or special file, over WHEEL_MAX, a file that is
    not a zip holding the package (a renamed document would fail only in CI, later).
    """
    if not WHEEL.fullmatch(path.name):
        raise InitError(f"--package {path}: tên tệp phải có dạng bantin-<phiên bản>-py3-none-any.whl "
                        "(tệp do `make dist` của kho Bản tin tạo ra).")
    try:
        if not path.is_file():
            raise InitError(f"--package: không có tệp {path}.")
        if path.stat().st_size > WHEEL_MAX:
            raise InitError(f"--package {path}: tệp lớn quá {WHEEL_MAX >> 20} MB, không phải gói Bản tin.")
        data = path.read_bytes()
    except OSError as exc:
        raise InitError(f"--package: không đọc được {path}: {exc.strerror}.") from exc
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as wheel:
            names = set(wheel.namelist())
    except zipfile.BadZipFile:
        names = set()
    if "bantin/__init__.py" not in names:
        raise InitError(f"--package {path}: không phải gói Bản tin (tệp .whl không chứa bantin/__init__.py).")
    return data


def installed_from(direct_url: str | None) -> tuple[str, bool]:
    """The pip requirement a new site's CI should install: (requirement, reachable).

    pip records where a package came from (PEP 610, `direct_url.json`). Installed from git, the
    new site names the same repository at the same commit, which its CI can reach; installed
    from a local wheel or a checkout (a `file://` URL), the new site cannot know where to get it:
    its requirement names a host that never resolves (`.invalid`, RFC 2606), so CI fails at
    the install until someone writes the address, `reachable` is False and `bantin init` says
    to give `--package`.
    """
    found, vcs = _record(direct_url)
    url = str(found.get("url", ""))
    if vcs.get("vcs") == "git" and url.startswith("https://") and not any(c.isspace() for c in url):
        commit = str(vcs.get("commit_id", ""))
        return f"bantin @ git+{url}" + (f"@{commit}" if re.fullmatch(r"[0-9a-f]{7,40}", commit) else ""), True
    wheel = Path(unquote(url[len("file://"):])) if url.startswith("file://") and "archive_info" in found else None
    if wheel is not None and WHEEL.fullmatch(wheel.name) and wheel.is_file():
        return str(wheel), True  # still on this machine: `create` copies it into the site (vendor/)
    # Not `bantin==<version>`: that would ask PyPI, where the name may be someone else's.
    return f"bantin @ git+https://{UNKNOWN_HOST}/bantin@{UNKNOWN_COMMIT}", False


def local_git(direct_url: str | None) -> str:
    """The `file://` address of the git repository on this machine that pip installed from, or
    "" (a province's trial: installed from a clone, `init` said "not from git")."""
    found, vcs = _record(direct_url)
    url = str(found.get("url", ""))
    return url if vcs.get("vcs") == "git" and url.startswith("file://") else ""


def _record(direct_url: str | None) -> tuple[dict, dict]:
    """pip's record (PEP 610) and its `vcs_info`, each {} when missing or damaged."""
    try:
        found = json.loads(direct_url) if direct_url else {}
    except ValueError:
        found = {}
    found = found if isinstance(found, dict) else {}
    vcs = found.get("vcs_info")
    return found, vcs if isinstance(vcs, dict) else {}


class InitError(Exception):
    """The site could not be written; the message says why and what to do, in Vietnamese."""


@dataclass(frozen=True)
class Answers:
    """What the person running `init` may say up front; the rest is filled in later."""
    agency: str = ""
    site_url: str = ""
    package: str = ""  # the pip requirement the site's CI installs
    today: date | None = None
    version: str = ""  # the Bản tin writing the site, as `bantin --version` names it (tai-lieu-ban-tin's list)


def create(folder: Path, answers: Answers) -> list[Path]:
    """Write a new site into `folder` (new or empty); return the files written.

    A `package` naming a wheel file on this machine is copied to `vendor/` and required
    from there (`read_wheel`)."""
    wheel_path = local_wheel(answers.package)
    wheel = read_wheel(wheel_path) if wheel_path else None
    if wheel_path:
        answers = replace(answers, package=f"./{VENDOR}/{wheel_path.name}")
    values = _values(answers)  # before the folder: a refused answer leaves nothing behind
    documents = _documents()
    target = _prepare(folder)
    written = []
    for source, dest in FILES:
        text = (STARTER / source).read_text(encoding="utf-8")
        group = "content" if source.startswith("content/") else source
        written.append(_write(target, dest, _fill(text, values.get(group, {})).encode("utf-8")))
    copied = [(place, source.read_bytes()) for place, source in documents]
    for place, data in copied:  # as they are: the guide, the hosting pages (tools/sitedocs.py)
        written.append(_write(target, f"{sitedocs.FOLDER}/{place}", data))
    # what was written, so that an upgrade tells Bản tin's files from the province's (docscopy.py)
    manifest = docscopy.manifest_text(copied, answers.version).encode("utf-8")
    written.append(_write(target, f"{sitedocs.FOLDER}/{docscopy.MANIFEST}", manifest))
    if wheel_path and wheel is not None:
        written.append(_write(target, f"{VENDOR}/{wheel_path.name}", wheel))
    return written


def _documents() -> list[tuple[str, Path]]:
    """Bản tin's own documents for the new site's `sitedocs.FOLDER` (place there, file)."""
    try:
        return sitedocs.installed(STARTER.parent)
    except sitedocs.MissingDocument as exc:  # a package built without them: ours to fix, said plainly
        raise InitError(f"Gói Bản tin đang cài thiếu tài liệu ({exc}): hãy cài lại từ một gói do `make dist` "
                        "của kho Bản tin tạo, hoặc từ kho git của Bản tin.") from exc


def _prepare(folder: Path) -> Path:
    """The folder to write into: created when missing; refused when a link, a file or not empty."""
    if folder.is_symlink():
        raise InitError(f"{folder} là liên kết tượng trưng (symlink): hãy chọn một thư mục thật, mới.")
    if folder.exists() and not folder.is_dir():
        raise InitError(f"{folder} là một tệp, không phải thư mục: hãy chọn tên khác.")
    if folder.is_dir() and any(folder.iterdir()):
        raise InitError(f"Thư mục {folder} đã có tệp; bantin init không ghi đè. "
                        "Hãy chọn một thư mục mới (chưa có) hoặc thư mục trống.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InitError(f"Không tạo được thư mục {folder}: {exc.strerror}. Hãy chọn nơi khác có quyền ghi.") from exc
    return folder.resolve()


def _values(answers: Answers) -> dict[str, str]:
    agency = _clean(answers.agency, "--agency") or "Sở Tư pháp tỉnh …"
    site_url = (answers.site_url or PLACEHOLDER_URL).strip()
    if not URL.match(site_url):
        raise InitError(f"--site-url {site_url!r} không phải địa chỉ web: hãy viết dạng https://phapluat.tinh.gov.vn/")
    if not site_url.endswith("/"):
        site_url += "/"
    package = _clean(answers.package, "--package") or installed_from(None)[0]
    if not REQUIREMENT.match(package) and not VENDORED.fullmatch(package):  # never a pip option (--index-url …)
        raise InitError(f"--package {package!r}: phải là gói bantin từ kho git, ví dụ "
                        "'bantin @ git+https://…/bantin@<mã commit>'")
    # The owner is known from a Department of Justice's place, and the site's name need not repeat
    # the agency the masthead already shows (a province's trial read it three times at the top).
    place = place_of(agency) if answers.agency else None
    site_name = (f"Bản tin Pháp luật {place}" if place else
                 f"Bản tin Pháp luật - {agency}" if answers.agency else "Bản tin Pháp luật tỉnh …")
    owner = f"Ủy ban nhân dân {place}" if place else "Ủy ban nhân dân tỉnh …"
    today = (answers.today or date.today()).isoformat()
    yaml_text = {  # JSON strings are YAML double-quoted scalars: any text stays one value
        "__SITE_NAME__": json.dumps(site_name, ensure_ascii=False),
        "__SITE_DESCRIPTION__": json.dumps(f"Trang thông tin phổ biến, giáo dục pháp luật của {agency}",
                                           ensure_ascii=False),
        "__SITE_URL__": json.dumps(site_url),
        "__AGENCY__": json.dumps(agency, ensure_ascii=False),
        "__OWNER__": json.dumps(owner, ensure_ascii=False),
    }
    return {"mkdocs.yml": yaml_text,
            "README.md": {"__SITE_NAME__": site_name, "__AGENCY__": agency},
            "requirements.txt": {"__PACKAGE__": package},
            "content": {"__DATE__": today}}


def _clean(value: str, option: str) -> str:
    """One line of text: NFC, no control characters, no line breaks (they would end a YAML value)."""
    cleaned = strip_control(nfc(value or "")).strip()
    if "\n" in cleaned or "\r" in cleaned:
        raise InitError(f"{option}: chỉ một dòng, không xuống dòng.")
    if len(cleaned) > 200:
        raise InitError(f"{option}: dài quá 200 ký tự; hãy viết ngắn hơn.")
    return cleaned


def _fill(text: str, values: dict[str, str]) -> str:
    """Put the values in place of their tokens; every token of the template must be given."""
    for token, value in values.items():
        text = text.replace(token, value)
    left = TOKEN.findall(text)
    assert not left, f"starter template token without a value: {left}"  # our own files: a bug, not input
    return text


def _write(target: Path, dest: str, data: bytes) -> Path:
    """Create target/dest: never overwrite, never through a link, never outside `target`."""
    path = target / dest
    path.parent.mkdir(parents=True, exist_ok=True)
    if target != path.parent.resolve() and target not in path.parent.resolve().parents:
        raise InitError(f"{path.parent} trỏ ra ngoài thư mục mới: không ghi.")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except FileExistsError as exc:
        raise InitError(f"{path} đã có; bantin init không ghi đè.") from exc
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return path

"""Is `site_url` the site's real public address? (issue 14, operators)

QR codes, question short links, the sitemap, feeds, canonical links and printed handbooks
carry `site_url`. A site published with the sample's `https://bantin.example.org/` prints
codes that lead nowhere, and printed codes cannot be recalled. So a publishing build refuses
a placeholder address (the CLI decides which builds publish: cli/commands.py), and any
other build says once that the address is a placeholder.

A placeholder is: no address; not an `http(s)://` address with a host; a host of the
domains and top-level names reserved for examples and tests (RFC 2606 and 6761:
`example.org/.com/.net` and their subdomains, `.example`, `.test`, `.invalid`,
`.localhost`), `.local` (the local network's own names), `localhost`, or a loopback or
unspecified IP address. Malformed addresses are refused too, since they reach the same QR
codes: a space anywhere (a trailing one inside quotes survives MkDocs), a `?…` or `#…` part
(pages are appended to the address), a host that is not a domain (`https://https://…` has the
host `https`; a one-word intranet name opens nowhere on a reader's phone). Private network
addresses (`10.…`, `192.168.…`) are accepted: a province may publish on its own intranet.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import unicodedata
from urllib.parse import quote, unquote_to_bytes, urlsplit, urlunsplit

from bantin.config import sitefile
from bantin.config.precheck import ConfigError
from bantin.problems import ERROR, WARNING, Problem, short

EXAMPLE_DOMAINS = ("example.org", "example.com", "example.net")
RESERVED_TLDS = ("example", "test", "invalid", "localhost", "local")
FIELD = "site_url"
_DOTS = re.compile("[\u3002\uff0e\uff61]")  # full stops that browsers (IDNA) read as `.`


def placeholder_reason(site_url: str | None) -> str | None:
    """Why `site_url` is not a public address (Vietnamese), or None when it may be one."""
    if not site_url or not str(site_url).strip():
        return "chưa có `site_url` (địa chỉ của trang)"
    if any(c.isspace() for c in str(site_url)):  # MkDocs keeps it: "https://…/ /" in the sitemap
        return (f"`{short(site_url)}` có dấu cách (có thể ở cuối, trong dấu ngoặc kép); "
                "địa chỉ web không có khoảng trắng")
    try:
        parts = urlsplit(str(site_url).strip())
        host = _DOTS.sub(".", parts.hostname or "").rstrip(".").lower()
    except ValueError:  # a malformed IPv6 literal, a bad port
        return f"`{short(site_url)}` không phải một địa chỉ web"
    if parts.scheme not in ("http", "https") or not host:
        return f"`{short(site_url)}` không phải địa chỉ web đầy đủ (phải bắt đầu bằng `https://` và có tên miền)"
    if parts.query or parts.fragment or str(site_url).rstrip().endswith(("?", "#")):
        return (f"`{short(site_url)}` có phần `?…` hoặc `#…`; địa chỉ của trang chỉ gồm `https://`, "
                "tên miền và thư mục, mọi trang sẽ nối thêm vào sau nó")
    if host in EXAMPLE_DOMAINS or host.endswith(tuple("." + d for d in EXAMPLE_DOMAINS)):
        domain = next(d for d in EXAMPLE_DOMAINS if host == d or host.endswith("." + d))
        return f"`{short(site_url)}` là địa chỉ mẫu: tên miền {domain} chỉ dành cho ví dụ, không ai mở được trang ở đó"
    tld = host.rsplit(".", 1)[-1]
    if host == "localhost" or tld in RESERVED_TLDS:
        return f"`{short(site_url)}` là địa chỉ trên máy của bạn hoặc địa chỉ thử, bạn đọc không mở được"
    ip = _ip(host)
    if ip is None and "." not in host:  # "https://https://…" has the host "https"
        return (f"`{short(site_url)}`: `{host}` không phải tên miền (thiếu phần như `.gov.vn`, `.vn`), "
                "điện thoại của bạn đọc không mở được")
    if ip is None:
        return None
    if ip.is_loopback or ip.is_unspecified:
        return f"`{short(site_url)}` là địa chỉ trên máy của bạn, bạn đọc không mở được"
    return None


def as_uri(site_url: str) -> str:
    """`site_url` as the address every output carries: a path's letters outside ASCII
    percent-encoded as UTF-8 (`/bản-tin/` → `/b%E1%BA%A3n-tin/`, an existing `%XX` kept) and a
    host's as IDNA (`xn--…`). MkDocs writes `site_url` as given, so a Vietnamese path reached the
    canonical links, the sitemap (whose `<loc>` must be a URI), feeds and QR codes unencoded (the
    session 41 review, M3); the redirect map already encoded it (redirectmap.site_prefix). An
    address this cannot read is returned as it is: the placeholder check reports it.
    Letters are read as NFC first: `bản` typed on macOS (NFD: `a` + U+0309) is the same address
    as typed elsewhere, so `site_url` and `bantin redirects --target-base` typed two ways give one
    output (a hostile review, session 42); an existing `%XX` is kept as written."""
    site_url = unicodedata.normalize("NFC", site_url)
    try:
        parts = urlsplit(site_url)
        netloc = parts.netloc if parts.netloc.isascii() else parts.netloc.encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        return site_url
    path = quote(parts.path, safe="/%" + URI_SAFE)
    return urlunsplit((parts.scheme, netloc, path, parts.query, parts.fragment))


URI_SAFE = "-._~!$&'()*+,;=:@"  # RFC 3986's pchar besides letters, digits and %XX


def readable(uri: str) -> str:
    """An address `as_uri` wrote, as a person reads it: the path's escapes of letters outside
    ASCII decoded (`/b%E1%BA%A3n-tin/` → `/bản-tin/`) and an IDNA host in its letters
    (`xn--bntin-v11b.vn` → `bảntin.vn`). For text only, never for a link: the offline copy's
    note showed `https://stp.gov.vn/b%E1%BA%A3n-tin/` to a commune official who would type it.
    An escape of an ASCII character (`%2F`, `%20`, `%3C`), of a character that does not print
    (controls, spaces, format characters), or a run that is not UTF-8 stays escaped, so the
    text names the same address and hides nothing."""
    try:
        parts = urlsplit(uri)
        host = parts.netloc.encode("ascii").decode("idna") if "xn--" in parts.netloc.lower() else parts.netloc
    except (ValueError, UnicodeError):
        return uri
    path = _ESCAPES.sub(_letters, parts.path)
    return urlunsplit((parts.scheme, host, path, parts.query, parts.fragment))


_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def _letters(run: re.Match) -> str:
    """One run of escapes: its printable letters outside ASCII decoded, the rest as written."""
    try:
        text = unquote_to_bytes(run.group()).decode("utf-8")
    except UnicodeDecodeError:
        return run.group()
    return "".join(ch if not ch.isascii() and ch.isprintable() and not ch.isspace() else quote(ch, safe="")
                   for ch in text)


def _ip(host: str):
    """The IP address `host` names, in every form a browser reads as one: also IPv4's short and
    hexadecimal forms (`127.1`, `0x7f.1`, `0`) and IPv4-mapped IPv6 (`::ffff:127.0.0.1`)."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        if not re.fullmatch(r"[0-9a-fx.]+", host) or not host[-1:].isalnum():
            return None
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    mapped = getattr(ip, "ipv4_mapped", None)
    return mapped or ip


def site_url_problem(config_file: str | None, site_url: str | None, *, publishing: bool) -> Problem | None:
    """The problem a placeholder `site_url` is for this build: an error when it publishes,
    a warning otherwise; None when the address may be real. The line is `site_url:`'s own
    in mkdocs.yml (0 when the option is missing or written in a base it inherits). A
    `site_url: !ENV SITE_URL` whose variable is unset is told to set the variable."""
    reason = placeholder_reason(site_url)
    if reason is None:
        return None
    line, unset = _written(config_file)
    carried = "mã QR, liên kết rút gọn của câu hỏi, sơ đồ trang (sitemap), tin RSS và bản in sẽ mang địa chỉ này"
    fix = ("ghi địa chỉ thật mà bạn đọc sẽ mở vào dòng `site_url:` của mkdocs.yml, ví dụ "
           "`site_url: https://phobienphapluat.songlam.gov.vn/` (có `https://`, kết thúc bằng `/`)")
    if unset is not None:
        reason, fix = f"{reason}: {unset.message}", unset.fix
    if publishing:
        message = f"{reason}; trang chưa được xuất bản vì {carried}, mà mã QR đã in thì không sửa được"
        fix += ("; bản xem trước không xuất bản (yêu cầu hợp nhất, thử trên máy) dựng bằng `bantin build --preview`")
        return Problem(config_file or "mkdocs.yml", line, FIELD, message, fix, ERROR)
    message = (f"{reason}; được phép khi xem thử, nhưng lần dựng để xuất bản (trong CI, hoặc "
               f"`bantin build --publish`) sẽ dừng ở đây, vì {carried}")
    return Problem(config_file or "mkdocs.yml", line, FIELD, message, fix, WARNING)


def pages_address(environ) -> tuple[str, str] | None:
    """(the address Pages serves this repository at, the host's name) when CI says it: GitHub
    Actions names the repository (`GITHUB_REPOSITORY`: `owner/repo` is served at
    `https://owner.github.io/repo/`, the `owner.github.io` repository at the root), GitLab gives
    `CI_PAGES_URL`. None elsewhere."""
    if environ.get("GITHUB_ACTIONS") == "true":
        owner, _, name = environ.get("GITHUB_REPOSITORY", "").partition("/")
        if not owner or not name or "/" in name:
            return None
        owner = owner.lower()
        root = name.lower() == f"{owner}.github.io"
        return (f"https://{owner}.github.io/" if root else f"https://{owner}.github.io/{name}/"), "GitHub Pages"
    pages = environ.get("CI_PAGES_URL", "").strip()
    if environ.get("GITLAB_CI") == "true" and pages.startswith(("https://", "http://")):
        return pages.rstrip("/") + "/", "GitLab Pages"
    return None


WHEN_RIGHT_GITHUB = ("khi quy trình xuất bản đẩy trang sang kho khác (ví dụ kho `<tài khoản>.github.io` của "
                     "tổ chức, bằng `external_repository`) hoặc khi đây là bản sao (fork) dựng thử trang của tỉnh")
WHEN_RIGHT_GITLAB = ("khi GitLab phục vụ trang ở cả tên miền riêng của dự án (unique domain) lẫn địa chỉ theo nhóm, "
                     "hoặc khi quy trình xuất bản đẩy trang sang dự án khác")


def pages_address_problem(config_file: str | None, site_url: str | None, environ, *, cname: bool) -> Problem | None:
    """`site_url` on the Pages host's own domain (`*.github.io`, `*.gitlab.io`…) that is not the
    address CI says the site is served at. `https://stp-quangtri.github.io` for the repository
    `stp-quangtri/bantin-quangtri` passed every check (a province's trial, session 41): pages
    opened, since their links are relative, but every QR code, short link, feed and sitemap
    address lacked `/bantin-quangtri/` and answered 404, and the 404 page showed unstyled.

    Always a warning, never a stopped publication: the build cannot know where its workflow
    publishes. The same `site_url` is right when the workflow pushes the site to another
    repository (actions-gh-pages' `external_repository` into the organisation's
    `<owner>.github.io`), for a fork building the province's copy, and for GitLab's unique
    domain; an error there stops a correct setup, and the province deletes the line or gives
    up (the session 41 review, M2). So the warning names both addresses and how to tell which
    one answers. Enterprise Cloud's private Pages (`*.pages.github.io`) have an address no
    build can derive: no word. A custom domain (content/CNAME, or any host outside the Pages
    domain) is the province's to choose: no word."""
    known = pages_address(environ)
    if known is None or cname or not site_url or placeholder_reason(site_url) is not None:
        return None
    expected, host_name = known
    wanted, written = urlsplit(expected), urlsplit(str(site_url).strip())
    pages_domain = (wanted.hostname or "").split(".", 1)[-1]
    host = (written.hostname or "").lower()
    if not pages_domain or not (host == pages_domain or host.endswith("." + pages_domain)):
        return None
    if host.endswith(".pages.github.io"):  # private Pages: a random name GitHub gives, not ours to derive
        return None
    path = "/" + written.path.strip("/") + "/" if written.path.strip("/") else "/"
    if host == (wanted.hostname or "").lower() and path.lower() == wanted.path.lower():
        return None
    shown = short(site_url)
    right_when = (WHEN_RIGHT_GITHUB if host_name == "GitHub Pages" else WHEN_RIGHT_GITLAB)
    message = (f"`site_url` là `{shown}`, nhưng {host_name} phục vụ trang của chính kho này ở `{expected}`: nếu "
               f"trang được xuất bản ở đó thì mã QR, liên kết rút gọn của câu hỏi, sơ đồ trang (sitemap), tin RSS "
               f"và trang 404 mang địa chỉ kia và dẫn tới lỗi 404; `site_url` vẫn đúng {right_when}")
    fix = (f"sau lần xuất bản, mở `{shown}`: thấy trang chủ của bản tin này (đủ kiểu chữ) thì `site_url` đúng, bỏ "
           f"qua cảnh báo này; thấy lỗi 404 hay một trang khác thì ghi `site_url: {expected}` vào mkdocs.yml (có `/` "
           "ở cuối); dùng tên miền riêng thì ghi tên miền đó (GitHub: thêm tệp content/CNAME; tài liệu hosting.md "
           "mục \"GitHub Pages và GitLab Pages\")")
    return Problem(config_file or "mkdocs.yml", _written(config_file)[0], FIELD, message, fix, WARNING)


def _written(config_file: str | None) -> tuple[int, Problem | None]:
    """The line of `site_url:` in mkdocs.yml, and the problem of its `!ENV` left unset (None
    when it has a value or a fallback)."""
    if not config_file:
        return 0, None
    try:
        site = sitefile.load(config_file)
    except ConfigError:
        return 0, None
    return site.line_here(FIELD), site.unset_problem((FIELD,), FIELD, "https://phobienphapluat.songlam.gov.vn/")


def this_computer(host: str) -> bool:
    """The live preview (`bantin serve`, `bantin edit`) puts its own address into site_url:
    a CNAME naming the province's domain is right there (a province's trial, session 28)."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    ip = _ip(host)  # every form a browser reads (127.0.0.2, ::ffff:127.0.0.1), as placeholder_reason
    return ip is not None and (ip.is_loopback or ip.is_unspecified)


def cname_problem(site_url: str | None, cname: bytes | None) -> Problem | None:
    """content/CNAME (GitHub Pages' custom domain) that does not fit `site_url`: the site is
    served at one address while its QR codes and short links carry another. None when they
    agree, or when `site_url` is the live preview's own address."""
    if cname is None or not site_url:
        return None
    written = cname.decode("utf-8", "replace").strip().split("\n", 1)[0].strip().lower().rstrip(".")
    parts = urlsplit(site_url.strip())
    host = (parts.hostname or "").rstrip(".")
    if not (written.isascii() and host.isascii()):  # `bảntin.vn` and as_uri's `xn--bntin-…` are one name
        written, host = ascii_host(written), ascii_host(host)
    if not written or not host or this_computer(host):
        return None
    if parts.path.strip("/"):
        return _cname_under_a_path(site_url.strip(), written)
    if written == host:
        return None
    return Problem("CNAME", 1, "", f"tên miền trong CNAME là `{short(written, 60)}`, khác tên miền của `site_url` "
                   f"(`{host}`): GitHub Pages phục vụ trang ở `{short(written, 60)}` nhưng mã QR, liên kết rút gọn và "
                   "sơ đồ trang mang địa chỉ kia", "sửa để hai tên miền giống nhau: `site_url` trong mkdocs.yml hoặc "
                   "dòng duy nhất của content/CNAME", WARNING)


def ascii_host(host: str) -> str:
    """`host` as DNS reads it (`bảntin.vn` → `xn--bntin-v11b.vn`, as_uri's form), or as it is
    when it is not a name IDNA encodes."""
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return host


def unicode_host(host: str) -> str:
    """`host` in letters (`xn--bntin-v11b.vn` → `bảntin.vn`), as an editor types it; as it is
    when it has no `xn--` label or one IDNA cannot read."""
    if "xn--" not in host:
        return host
    try:
        return host.encode("ascii").decode("idna")
    except UnicodeError:
        return host


def _cname_under_a_path(site_url: str, written: str) -> Problem:
    """An error: GitHub Pages serves a custom domain at its root only, so a `site_url` with a
    path (`https://stp.quangtri.gov.vn/ban-tin/`) puts `/ban-tin/` into every QR code, short
    link, canonical, sitemap and feed address, and each of them 404s; the 404 page, whose
    styles sit under the path too, shows unstyled (an outsiders' trial, session 34). An error,
    not a warning: printed QR codes cannot be recalled."""
    domain = short(written, 60)
    message = (f"có tệp content/CNAME (tên miền riêng `{domain}` trên GitHub Pages) nhưng `site_url` là "
               f"`{short(site_url)}`, có đường dẫn sau tên miền: GitHub Pages chỉ phục vụ tên miền riêng ở "
               f"thư mục gốc (`https://{domain}/`), nên mã QR, liên kết rút gọn, sơ đồ trang (sitemap) và tin "
               "RSS trỏ tới những địa chỉ không có (lỗi 404)")
    fix = (f"chọn một trong ba cách: ghi `site_url: https://{domain}/` (không có đường dẫn) trong mkdocs.yml; "
           f"hoặc dùng một tên miền con riêng cho bản tin (ví dụ `bantin.{domain}`) ở cả `site_url` và content/CNAME; "
           "hoặc xóa content/CNAME nếu trang không xuất bản bằng GitHub Pages với tên miền riêng")
    return Problem("CNAME", 1, "", message, fix, ERROR)

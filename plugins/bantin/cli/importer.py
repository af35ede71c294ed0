"""The command lines `bantin import` and `bantin redirects`.

`bantin.cli.commands` hands every argument after the subcommand's name to `main_import` or
`main_redirects`, which have parsers of their own (Vietnamese messages, via argvi).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Literal, Sequence

from bantin.config.categorynames import category_names, configured_categories
from bantin.config.docsdir import FIX, WHY, content_dir_problem
from bantin.config.precheck import ConfigError, config_message, missing_message
from bantin.config.settings import CONFIG_FILE, SiteConfig, UrlPrefixes
from bantin.config.sitefile import SiteFile, load
from bantin.config.urlprefixes import configured
from bantin.content.model import FOLDER_KINDS, KIND_FOLDERS
from bantin.files.folderlock import run_locked
from bantin.problems import Problems, short as _short, visible
from bantin.cli.argvi import VietnameseParser as _Parser, parse as _parse
from bantin.cli.progress import Progress
from bantin.site.redirectmap import (DEFAULT_REDIRECT_MAP, parse_redirect_map, query_rules,
                                     read_map_text, site_prefix, target_base, target_base_conflict,
                                     target_base_problem)
from bantin.tools.importer.redirectmap import TARGET, moved_article, unreadable
from bantin.tools.importer.relink import advice
from bantin.tools.importer.sitepages import drafts_by_address
from bantin.tools.importer.webserver import apache_redirects, caddy_cost, caddy_redirects, nginx_redirects
from bantin.tools.importer.writing import URL_ALONE, import_files

_CONTENT_DIR_HELP = "thư mục nội dung (mặc định: docs_dir của mkdocs.yml, hoặc content khi không có mkdocs.yml)"
_MAP_DEFAULT = f"{DEFAULT_REDIRECT_MAP} cạnh mkdocs.yml"
_HANDBOOK_HELP = ("nhập mỗi trang (mục Hỏi - Đáp của cổng cũ: câu hỏi là tiêu đề, câu trả lời là nội dung) thành "
                  "một câu hỏi thêm vào cuối sổ tay Hỏi - Đáp này, thay vì thành tin bài: tên tệp trong "
                  "content/hoi-dap/ (không cần .md), đường dẫn tệp, địa chỉ hoặc tiêu đề của sổ tay")
_HANDBOOK_TITLE_HELP = "tiêu đề của sổ tay mới (chỉ cần khi sổ tay ở --handbook chưa có; kèm --category)"


def main_import(argv: Sequence[str] | None = None, config_file: str | None = None) -> int:
    """`bantin [-f mkdocs.yml] import FILE... [--category C] [--url U] [--content-dir D]
    [--redirect-map M]`.

    `config_file`: the global `-f` (cli/commands.py), None when not given."""
    parser = _Parser(
        prog="bantin import",
        description="Chuyển các trang lưu từ cổng thông tin cũ (.html, .mht, hoặc tệp .txt chép "
        "chữ của trang) thành tin bài trong content/tin-tuc/, hoặc với --handbook thành câu hỏi của một sổ tay "
        "Hỏi - Đáp trong content/hoi-dap/.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="TỆP",
                        help="trang đã lưu: .html, .mht hoặc .txt (có thể ghi nhiều tệp)")
    parser.add_argument("--category", metavar="CHUYÊN_MỤC",
                        help="mã hoặc tên chuyên mục cho các bài được nhập")
    parser.add_argument("--url", metavar="ĐỊA_CHỈ",
                        help="địa chỉ của trang trên cổng thông tin cũ (chỉ dùng khi nhập một tệp)")
    parser.add_argument("--handbook", metavar="SỔ_TAY", help=_HANDBOOK_HELP)
    parser.add_argument("--handbook-title", metavar="TIÊU_ĐỀ", help=_HANDBOOK_TITLE_HELP)
    parser.add_argument("--content-dir", type=Path, metavar="THƯ_MỤC", help=_CONTENT_DIR_HELP)
    parser.add_argument("--redirect-map", type=Path, metavar="BẢNG",
                        help=f"bảng chuyển hướng, nơi ghi các địa chỉ cũ mà trang tĩnh không "
                        f"phục vụ được (mặc định: {_MAP_DEFAULT})")
    args = _parse(parser, argv)
    if isinstance(args, int):
        return args
    if args.url and len(args.files) > 1:
        print(f"lỗi: {URL_ALONE}", file=sys.stderr)
        return 2
    if args.handbook_title and not args.handbook:
        print("lỗi: --handbook-title chỉ dùng cùng --handbook (tên tệp của sổ tay mới); chưa nhập tệp nào",
              file=sys.stderr)
        return 2
    no_content = config_file is None and args.content_dir is None and not Path(CONFIG_FILE).is_file() \
        and not Path("content").is_dir()
    site = _site_paths(args, config_file)
    if site is False:
        return 1
    if no_content:  # the wrong folder: said once, as `build` says it, not once per page (province trial, session 41)
        print(visible(missing_message(CONFIG_FILE, "; hoặc chỉ rõ thư mục nội dung: `bantin import … --content-dir "
                                      "THƯ_MỤC`")) + "\nChưa nhập tệp nào.", file=sys.stderr)
        return 1
    wrong = Problems()
    prefixes = configured(site, problems=wrong)
    if wrong.errors:  # the redirect map would name /tin-tuc/… for a site whose articles are elsewhere
        for problem in wrong.errors:
            print(problem, file=sys.stderr)
        print("Chưa nhập tệp nào: sửa mục `urls:` (dòng nêu trên) trước, vì bảng chuyển hướng ghi địa chỉ mới "
              "của từng bài theo mục đó", file=sys.stderr)
        return 1
    category, refusal = _known_category(args.category, site, args.config_file)
    if refusal:
        print(refusal, file=sys.stderr)
        return 2
    return run_locked(args.content_dir, lambda: print(_waiting(args.content_dir), file=sys.stderr, flush=True),
                      lambda: print("Đã dừng trong lúc chờ lệnh nhập kia; chưa nhập tệp nào", file=sys.stderr),
                      lambda: _import_and_report(args, category, prefixes, config_file))


def _waiting(content_dir: Path) -> str:
    return (f"đang chờ: một lệnh `bantin import` khác đang nhập vào thư mục nội dung {visible(content_dir)}; lệnh "
            "này sẽ tự chạy tiếp khi lệnh kia xong (hai lệnh cùng ghi một lúc thì một lệnh xóa mất câu hỏi, bài "
            "mà lệnh kia vừa ghi). Muốn dừng thì bấm Ctrl+C: chưa tệp nào bị ghi")


def _import_and_report(args, category: str | None, prefixes: UrlPrefixes, config_file: str | None) -> int:
    """Import the files and print what became of each (under the content folder's lock:
    `files/folderlock.py`, one import at a time, from the handbook's choice to the last
    redirect line)."""
    progress = Progress()
    try:
        if args.handbook:
            results = _import_questions(args, category, prefixes, progress)
            if results is None:
                return 2
        else:
            results = import_files(args.files, args.content_dir, category=category, url=args.url,
                                   redirect_map=args.redirect_map, prefixes=prefixes, progress=progress)
    except KeyboardInterrupt:  # a traceback said nothing of what was written (hostile review, session 33)
        progress.clear()
        print(STOPPED, file=sys.stderr)
        return 130
    finally:
        progress.clear()
    try:
        return _print_report(results, args, config_file)
    except KeyboardInterrupt:  # the report into a pager not yet read (`| less`), then Ctrl-C
        print(REPORT_STOPPED, file=sys.stderr)
        return 130
    except BrokenPipeError:  # the report's reader went away (`| head`): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nor at exit, when Python flushes
        return 1


def _print_report(results: list, args, config_file: str | None) -> int:
    """What became of each page, the advice and the count; the exit code."""
    for result in results:
        out = sys.stderr if result.failed else sys.stdout
        for line in result.report(args.content_dir):
            print(visible(line), file=out)  # a file name's escape sequences never reach the terminal raw
    kept = sum(note.still_old for r in results for note in r.links)
    if kept:
        print(advice(kept))
    if any(r.redirects for r in results):
        command = f"bantin -f {config_file} redirects" if config_file else "bantin redirects"
        print(f"Các địa chỉ cũ cần chuyển hướng đã được ghi vào {args.redirect_map}; lệnh "
              f"`{command} --nginx` (hoặc `--apache`, `--caddy`) in ra cấu hình cho máy chủ web cũ")
    print(_count_line(results))
    return 1 if any(r.failed for r in results) else 0


# Each page is written whole or not at all (files/replace.py), and its redirect lines as soon
# as it is written; a page imported before is skipped: the same command carries on.
STOPPED = ("đã dừng giữa chừng (Ctrl+C): các trang đã nhập vẫn còn nguyên (mỗi trang được ghi trọn vẹn hoặc chưa "
           "ghi gì), cùng các dòng chuyển hướng của chúng; trang đang đọc dở chưa được ghi, trang đang ghi dở thì được "
           "ghi nốt rồi mới dừng. Cách tiếp tục: chạy lại đúng lệnh vừa rồi: các trang đã nhập được bỏ qua («đã nhập "
           "từ trước»), các trang còn lại được nhập tiếp")


REPORT_STOPPED = ("đã dừng khi đang in báo cáo (Ctrl+C): việc nhập đã xong, mọi trang nhập được đều đã ghi cùng các "
                  "dòng chuyển hướng; phần báo cáo chưa in thì không in lại được (chạy lại lệnh chỉ báo các trang đó "
                  "«đã nhập từ trước»). Lần sau, ghi báo cáo ra tệp: `bantin import … > bao-cao.txt`")


def _count_line(results: list) -> str:
    """The closing count. A page refused only because it is already there (a run started
    again after an interruption) is neither imported now nor failed: counted apart, and the
    exit code is 0 when it is the only refusal."""
    failed = sum(r.failed for r in results)
    before = sum(bool(r.error) and r.imported_before for r in results)
    skipped = f", {before} tệp đã nhập từ trước nên bỏ qua" if before else ""
    return f"{len(results) - failed - before} tệp đã nhập{skipped}, {failed} tệp không nhập được"


def _import_questions(args, category: str | None, prefixes: UrlPrefixes, progress: Progress) -> list | None:
    """`--handbook`: each page a question of that handbook (tools/importer/handbook.py); None,
    with the refusal printed, when the handbook cannot be chosen (nothing written)."""
    from bantin.tools.importer.handbook import import_questions
    from bantin.tools.importer.handbookchoice import find_handbook
    from bantin.tools.importer.result import ImportFailure

    try:
        handbook, notes = find_handbook(args.content_dir, args.handbook, title=args.handbook_title, category=category)
    except ImportFailure as refusal:
        print(f"lỗi: {refusal}", file=sys.stderr)
        return None
    for note in notes:
        print(note)
    return import_questions(args.files, args.content_dir, handbook, url=args.url, redirect_map=args.redirect_map,
                            address_prefix=prefixes.qa, prefixes=prefixes, progress=progress)


def _known_category(name: str | None, site: SiteFile | None,
                    config_file: str = CONFIG_FILE) -> tuple[str | None, str | None]:
    """(the category's slug, None), or (None, a refusal listing the valid names) when
    mkdocs.yml registers no category of that title or slug: the build would stop on every
    file written with it. Without a mkdocs.yml (or the plugin in it) the name is kept."""
    if not name:
        return name, None
    unset = Problems()
    categories = configured_categories(site, unset)
    if categories is None:
        return name, None
    found = SiteConfig(categories=categories).find_category(name)
    if found is not None:
        return found.slug, None
    valid = (f"các chuyên mục có trong {config_file}: {category_names(categories)}" if categories
             else f"{config_file} chưa khai báo chuyên mục nào (mục `categories:` của plugin `bantin`)")
    refusal = (f"lỗi: --category «{_short(visible(name), 60)}»: {config_file} không có chuyên mục nào tên hay mã như "
               f"vậy; chưa nhập tệp nào. {valid[0].upper()}{valid[1:]}. Cách sửa: ghi tên hoặc mã của một chuyên "
               f"mục trong số đó (trong dấu ngoặc kép), hoặc thêm chuyên mục vào `categories:` trước")
    return None, "\n".join([str(p) for p in unset.items] + [refusal])


def _site_paths(args, config_file: str | None) -> SiteFile | None | Literal[False]:
    """Fill in `args.config_file` and the defaults of `--content-dir` and `--redirect-map` from
    mkdocs.yml, as the build finds them: `docs_dir` (from a base it inherits or `!ENV` too)
    and the map beside the file, wherever the command runs (`bantin -f so-tu-phap/mkdocs.yml
    redirects` from the folder above). The file as loaded (config/sitefile.py), read once for
    the whole command; None with no `-f` and no mkdocs.yml here (content/ and the map under
    this folder, as before); False, with the message printed, when mkdocs.yml cannot be read."""
    args.config_file = config_file or CONFIG_FILE
    given = args.content_dir is not None
    if config_file is None and not Path(CONFIG_FILE).is_file():
        args.content_dir = args.content_dir or Path("content")
        args.redirect_map = args.redirect_map or Path(DEFAULT_REDIRECT_MAP)
        return _confined(args, None, Path("."), given)
    try:
        site = load(args.config_file)
        folder = Path(args.config_file).parent
        args.content_dir = args.content_dir or folder / _docs_dir(site)
    except ConfigError as error:
        print(error, file=sys.stderr)
        return False
    args.redirect_map = args.redirect_map or folder / DEFAULT_REDIRECT_MAP
    return _confined(args, site, folder, given)


def _confined(args, site: SiteFile | None, folder: Path, given: bool) -> SiteFile | None | Literal[False]:
    """`site`, or False with the refusal printed when the content folder is one MkDocs refuses
    to build from (config/docsdir.py: the site's own folder or one above it, the output
    folder's): nothing is read there, nothing written (`docs_dir: /` read every .md on the disk)."""
    site_dir = site.get("site_dir") if site is not None else None
    site_dir = site_dir if isinstance(site_dir, str) and site_dir.strip() else "site"
    problem = content_dir_problem(str(folder), os.path.abspath(args.content_dir), site_dir)
    if problem is None:
        return site
    if given or site is None:
        print(f"lỗi: --content-dir {visible(args.content_dir)}: {visible(problem)}: {WHY}. Cách sửa: chỉ rõ thư "
              "mục nội dung của trang, thư mục con cạnh mkdocs.yml (ví dụ `--content-dir content`), hoặc bỏ "
              "--content-dir", file=sys.stderr)
    else:
        written, line = site.where("docs_dir")
        print(config_message(written, line, "docs_dir", f"{visible(problem)}: {WHY}", FIX), file=sys.stderr)
    return False


def _docs_dir(site: SiteFile) -> str:
    """`docs_dir` as MkDocs loads it, relative to mkdocs.yml's folder wherever it is written
    (MkDocs' `docs` when unset); ConfigError when it is an `!ENV` left unset (MkDocs would take
    `docs`, surely not where the articles are) or no folder name."""
    unset = site.unset_problem(("docs_dir",), "docs_dir", "content")
    if unset is not None:
        raise ConfigError(f"{unset}, hoặc chỉ rõ thư mục nội dung bằng `--content-dir THƯ_MỤC`")
    value = site.get("docs_dir")
    if value is None:
        return "docs"
    if not isinstance(value, str) or not value.strip():
        written, line = site.where("docs_dir")
        raise ConfigError(config_message(written, line, "docs_dir", "`docs_dir` phải là tên thư mục nội dung",
                                         "ví dụ `docs_dir: content`, như mkdocs.yml mẫu"))
    return value


_QUESTION = re.compile(r"/([a-z0-9-]+)/([a-z0-9-]+/[a-z0-9-]+)/?")  # /hoi-dap/<sổ tay>/<mã>/


def _content_folder(segment: str, prefixes: UrlPrefixes) -> str | None:
    """The content folder whose items are addressed under `segment` ('tin-tuc-su-kien' →
    'tin-tuc' with `urls: article: tin-tuc-su-kien`; folders keep their names whatever the
    addresses), None for any other segment: not ours to judge here (`bantin check` warns
    of a map line whose new address has no page)."""
    return next((folder for folder, kind in FOLDER_KINDS.items() if segment and getattr(prefixes, kind) == segment),
                None)


def _moved(old: str, new: str, content_dir: Path, prefixes: UrlPrefixes, folders: dict) -> str:
    """`new` under the articles' segment of today when it names an article under a segment
    the site no longer has (`urls: article:` changed after `bantin import` wrote the map):
    the rule then still leads to the article, and the line to fix is named on stderr. Only
    articles (the map's lines are the importer's) and only a segment none of the site's."""
    slug = moved_article(new, prefixes)
    folder = content_dir / KIND_FOLDERS["article"]
    if slug is None or not folder.is_dir() or folder.is_symlink():
        return new
    if slug not in _pages_of(folders, KIND_FOLDERS["article"], folder):
        return new
    moved = f"/{prefixes.article}/{slug}/"
    print(f"lưu ý: {_short(old)} → {new}: không còn trang ở địa chỉ này vì phần đầu địa chỉ của tin bài đã đổi "
          f"(mục `urls:` của mkdocs.yml); cấu hình chuyển tới {moved}. Sửa dòng đó trong bảng chuyển hướng "
          f"(`bantin check` chỉ ra số dòng)", file=sys.stderr)
    return moved


def _pages_of(folders: dict[str, dict[str, bool]], name: str, folder: Path) -> dict[str, bool]:
    """A content folder's addresses, read once per command (`setdefault` read the whole
    folder again for every line of the map)."""
    if name not in folders:
        folders[name] = drafts_by_address(folder)
    return folders[name]


def _published_targets(pairs: list[tuple[str, str]], content_dir: Path,
                       prefixes: UrlPrefixes = UrlPrefixes()) -> list[tuple[str, str]]:
    """Pairs whose new page is published. A target in a content folder's addresses
    (`/tin-tuc/<slug>/`) is looked up by the pages' addresses (`slug:`, else the title), not
    their file names; a draft or a missing page there is left out, and named on stderr."""
    folders: dict[str, dict[str, bool]] = {}
    kept = []
    for old, new in pairs:
        new = _moved(old, new, content_dir, prefixes, folders)
        question = _QUESTION.fullmatch(new)
        match = question if question and question.group(1) == prefixes.qa else TARGET.fullmatch(new)
        name = _content_folder(match.group(1), prefixes) if match else None
        folder = content_dir / name if name else None
        if folder is None or not folder.is_dir() or folder.is_symlink():
            kept.append((old, new))
            continue
        if match is question:  # a question's page (`bantin import --handbook`): its handbook and id
            from bantin.tools.importer.handbook import question_pages
            pages = folders.setdefault("?", question_pages(content_dir))
            if pages is None:  # a handbook cannot be read: `bantin check` names it; nothing judged here
                kept.append((old, new))
                continue
        else:
            pages = _pages_of(folders, name, folder)
        draft = pages.get(match.group(2))
        what, changed = ("câu hỏi", "đổi `slug:`, đổi mã `{#…}`") if match is question else ("bài", "đổi `slug:`")
        if draft is None:
            print(f"bỏ qua {_short(old)} → {new}: không còn {what} nào ở địa chỉ này (tệp đã đổi tên, {changed} "
                  "hoặc đã bị xóa); `bantin check` chỉ ra dòng cần sửa trong bảng chuyển hướng", file=sys.stderr)
        elif draft:
            print(f"bỏ qua {_short(old)} → {new}: {what} mới còn là bản nháp (`draft: true`)", file=sys.stderr)
        else:
            kept.append((old, new))
    return kept


def main_redirects(argv: Sequence[str] | None = None, config_file: str | None = None) -> int:
    """`bantin [-f mkdocs.yml] redirects [--nginx | --apache | --caddy] [--redirect-map M] [--target-base URL]`.

    `config_file`: the global `-f` (cli/commands.py), None when not given."""
    parser = _Parser(
        prog="bantin redirects",
        description="In cấu hình máy chủ web để chuyển hướng các địa chỉ của cổng thông tin cũ "
        "(ghi trong bảng chuyển hướng) tới các trang mới.",
    )
    server = parser.add_mutually_exclusive_group()
    server.add_argument("--nginx", action="store_true", help="cấu hình cho nginx (mặc định)")
    server.add_argument("--apache", action="store_true", help="quy tắc mod_rewrite cho Apache")
    server.add_argument("--caddy", action="store_true", help="các dòng `map` và `redir` cho khối trang của Caddy")
    parser.add_argument("--redirect-map", type=Path, metavar="BẢNG",
                        help=f"bảng chuyển hướng do `bantin import` ghi (mặc định: {_MAP_DEFAULT})")
    parser.add_argument("--content-dir", type=Path, metavar="THƯ_MỤC",
                        help="thư mục nội dung, để bỏ qua địa chỉ trỏ tới bản nháp hay bài không còn "
                        "(mặc định: docs_dir của mkdocs.yml, hoặc content khi không có mkdocs.yml)")
    parser.add_argument("--target-base", default="", metavar="ĐỊA_CHỈ",
                        help="phần đầu ghép vào trước địa chỉ mới khi trang mới nằm ở tên miền "
                        "khác, ví dụ https://bantin.example.org")
    args = _parse(parser, argv)
    if isinstance(args, int):
        return args
    base_problem = target_base_problem(args.target_base)
    if base_problem:
        print(f"lỗi: --target-base {_short(visible(args.target_base))}: {base_problem}", file=sys.stderr)
        return 1
    site = _site_paths(args, config_file)
    if site is False:
        return 1
    try:
        text = read_map_text(str(args.redirect_map))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        folder = Path(args.redirect_map).is_dir() and not Path(args.redirect_map).is_symlink()
        print(f"lỗi: {unreadable(args.redirect_map, IsADirectoryError() if folder else error)}", file=sys.stderr)
        return 1
    if text is None:
        print(f"lỗi: {args.redirect_map}: không có tệp này; hãy chạy lệnh trong thư mục của trang, "
              "chỉ rõ mkdocs.yml của trang (`bantin -f đường/dẫn/mkdocs.yml redirects`), hoặc chỉ rõ tệp "
              "bằng --redirect-map", file=sys.stderr)
        return 1
    pairs, problems = parse_redirect_map(text, str(args.redirect_map))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} dòng trong {args.redirect_map} không dùng được; chưa in cấu hình nào. "
              "Sửa các dòng đó rồi chạy lại lệnh", file=sys.stderr)
        return 1
    if not pairs:
        print(f"lỗi: {args.redirect_map}: chưa có địa chỉ chuyển hướng nào; mỗi dòng phải gồm "
              "địa chỉ cũ, một dấu cách và địa chỉ mới (`bantin import` tự ghi các dòng này khi "
              "gặp địa chỉ cũ có tham số ?ItemID=… hoặc trang .aspx, .php)", file=sys.stderr)
        return 1
    pairs = _published_targets(pairs, args.content_dir, configured(site))
    for note in query_rules(pairs)[1]:
        print(f"lưu ý: {note}", file=sys.stderr)
    base = _target_base(args.target_base, site)
    if base is None:
        return 1
    if args.caddy and (cost := caddy_cost(len(set(pairs)))):
        print(f"lưu ý: {cost}", file=sys.stderr)
    write = apache_redirects if args.apache else caddy_redirects if args.caddy else nginx_redirects
    print(write(pairs, base), end="")
    return 0


def _target_base(given: str, site: SiteFile | None) -> str | None:
    """What goes before every target: `--target-base` (encoded as the build writes `site_url`), else the path of `site_url`
    (`/ban-tin` for a site under a path: the map's targets are paths on the site, and a rule
    sending `/tin-tuc/a/` as written sends readers to the portal's root). None, with the
    refusal printed, for a `--target-base` on the site's host that leaves out its path."""
    site_url = site.get("site_url") if site is not None else None
    conflict = target_base_conflict(given, site_url)
    if conflict is not None:
        written, line = site.where("site_url")
        print(f"lỗi: --target-base {_short(visible(given))}: {conflict} ({written}:{line}, dòng `site_url`)",
              file=sys.stderr)
        return None
    return target_base(given) or site_prefix(site_url)

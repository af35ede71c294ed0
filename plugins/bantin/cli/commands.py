"""`bantin` command: build, offline build, check, serve, edit, new, ids, import (issue 5).

Editors run these; every failure prints the problems and exits non-zero, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import sys
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner is not for editors (cli/endoflife.py)

import bantin.cli.endoflife as endoflife  # noqa: E402
from bantin.cli.argvi import VietnameseParser  # noqa: E402
from bantin.cli.argvi import parse as parse_args  # noqa: E402
from bantin.cli.ports import address_in_use  # noqa: E402
from bantin.files.folderlock import run_locked  # noqa: E402
from bantin.problems import visible  # noqa: E402
from bantin.tools.newkinds import FOLDERS as NEW_FOLDERS  # noqa: E402

# Imported where a subcommand needs them, not here: every `bantin` command, `--version` and a
# mkdocs.yml that does not parse included, paid 0.2 s of CPU for the content model, PIL and YAML
# (tools.newcontent), and `_load` the engine (0.25 s more) before reading the file it could refuse.

DEFAULT_CONFIG = "mkdocs.yml"  # the global `-f` when not given


def _logging() -> None:
    """MkDocs' messages (our errors among them) on stderr, as `mkdocs build` shows them, its
    own known lines in Vietnamese (adapter/logwords.py)."""
    import logging

    from bantin.adapter.logwords import VietnameseLog

    handler = logging.StreamHandler()
    handler.setFormatter(VietnameseLog("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def _load(config_file: str, **overrides):
    """The loaded project (adapter/engine.Project), or SystemExit with Vietnamese messages
    naming file and line.

    The file is read and parsed first, as MkDocs will read it (config/sitefile.py: missing,
    binary, not UTF-8, broken YAML, and a base named by `INHERIT:` missing, looping or no
    config file, an unknown tag); the engine's own English validation errors are reworded with
    the line of the option, in the file that writes it.
    """
    from bantin.config import precheck as configcheck
    from bantin.config import sitefile

    try:
        site_file = sitefile.load(config_file)
    except configcheck.ConfigError as exc:
        raise SystemExit(str(exc)) from None
    node = site_file.node
    from bantin.adapter import engine  # only now: a file that does not parse never needs the engine

    try:
        project = engine.load(config_file, site_file, **overrides)
        for warning in project.warnings:  # not strict: MkDocs went on; its words, reworded, go on screen
            print(configcheck.as_warning(configcheck.explain_validation(config_file, node, warning,
                                                                        engine.option_names())), file=sys.stderr)
        return project
    except engine.LoadFailed as failed:
        messages = [configcheck.explain_validation(config_file, node, m, failed.names) for m in failed.messages]
        raise SystemExit("\n".join(messages) or configcheck.explain_validation(config_file, node, str(failed.error))) from None


def _plugin(project) -> None:
    """SystemExit when mkdocs.yml does not name our plugin."""
    if not project.has_plugin:
        raise SystemExit(f"{project.config_file}: thiếu `- bantin` trong mục `plugins:`")


def atomic_build(config_file: str, *, offline: bool = False, site_dir: str | None = None, drafts: bool = False,
                 publishing: bool = False, strict: bool = False) -> int:
    """Build into a staging folder beside the output, then swap it in (publish.py).

    The output folder is checked before anything happens (never the project, content/,
    .git or theme/); an interrupted (SIGTERM, SIGINT, SIGHUP) or failed build removes its
    staging folder and leaves the previous site exactly as it was; a killed one leaves a
    staging folder that the next build removes.
    """
    from bantin.adapter import engine
    from bantin.outputs import offlinecopy, publish
    from bantin.outputs.gate import foreign_folder_problem, site_dir_problem
    from bantin.workers.background import JobFailed

    base = _load(config_file)
    if strict:
        print(visible(_strict_note(base)), file=sys.stderr)
    if not _publishable(config_file, base.site_url, publishing, base.details, base.docs_dir):
        return 1
    target = Path(site_dir or (base.site_dir + "-offline" if offline else base.site_dir)).absolute()
    wrong = site_dir_problem(str(target), base.config_file, base.docs_dir, base.custom_dir)
    wrong = wrong or foreign_folder_problem(str(target), publish.read_mark(target.resolve()),
                                            default_dir=_is_default_output(base, target, offline))
    if wrong:
        print(wrong, file=sys.stderr)
        return 2
    target = target.resolve()
    staging = publish.Publishing(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with staging:
            config = None
            try:
                overrides = {"site_dir": str(staging.path)} | ({"strict": True} if strict else {})
                if offline:  # the site in one folder, beside the one file to open (outputs/offlinecopy.py)
                    overrides["use_directory_urls"] = False
                    overrides["site_dir"] = str(offlinecopy.site_folder(staging.path))
                config = _load(config_file, **overrides)
                _plugin(config)
                engine.set_drafts(config, drafts)
                started = time.perf_counter()
                with _compared_with(None if offline else target):
                    engine.build(config)
                if offline:
                    offlinecopy.write_start(staging.path, config.details.get("site_name", ""))
            except (engine.EngineError, JobFailed, SystemExit, KeyboardInterrupt, publish.Interrupted) as exc:
                engine.stop_helpers(config)
                staging.discard()
                print(f"Dựng trang thất bại; {_kept(target)} {_failure_reason(exc)}", file=sys.stderr)
                return 128 + exc.signum if isinstance(exc, publish.Interrupted) else 1
            except BaseException:
                engine.stop_helpers(config)
                raise
            staging.publish()
    except publish.Interrupted as exc:  # a second signal during the clean-up, or one during the swap
        if staging.published:
            print(f"Trang mới đã vào {target}, nhưng lần dựng {exc} khi đang dọn bản cũ; "
                  "lần dựng sau sẽ dọn nốt.", file=sys.stderr)
        else:
            print(f"Dựng trang thất bại; {_kept(target)} Lần dựng {exc}.", file=sys.stderr)
        return 128 + exc.signum
    except OSError as exc:  # the lock, the staging folder, the swap: a mount point, a full or read-only disk
        print(publish.publish_error(target, exc), file=sys.stderr)
        return 1
    print(f"Đã dựng xong trong {_seconds(started)}: {target} ({_footprint(target, offline)})")
    if offline:
        print(f"Chép hai mục trong {target.name} (tệp {offlinecopy.START_FILE} và thư mục "
              f"{offlinecopy.SITE_FOLDER}) vào USB; người đọc bấm đúp vào {offlinecopy.START_FILE} để mở "
              f"bằng trình duyệt. Xem thử trên máy này: {target / offlinecopy.START_FILE}")
    return 0


@contextlib.contextmanager
def _compared_with(folder: Path | None):
    """While in it, the address record of the site in `folder` (the one this build replaces)
    is the one the build compares with (site/published.py), unless the caller named one (the
    site's CI names the published site's). The variable is put back after: a process that
    builds several sites (the tests) never compares one with another."""
    from bantin.adapter.translate import PUBLISHED_ENV
    from bantin.site.published import RECORD

    if folder is None or os.environ.get(PUBLISHED_ENV) or not (folder / RECORD).is_file():
        yield
        return
    os.environ[PUBLISHED_ENV] = str(folder / RECORD)
    try:
        yield
    finally:
        os.environ.pop(PUBLISHED_ENV, None)


def _strict_note(base) -> str:
    """What `bantin build --strict` does: MkDocs' habit (`mkdocs build --strict`) was refused as
    an unknown option, without saying that the site's mkdocs.yml already builds strict (an
    outsiders' trial, session 34). The build goes on, strict either way."""
    if base.strict:
        return (f"Lưu ý: không cần `--strict`: {_from_here(Path(base.config_file))} đã có `strict: true`, nên mọi lần `bantin build` "
                "đều dừng ở cảnh báo đầu tiên; lần dựng này chạy như thường.")
    return (f"Lưu ý: {_from_here(Path(base.config_file))} không có `strict: true`; với `--strict`, lần dựng này dừng ở mọi cảnh báo. "
            "Muốn mọi lần dựng đều vậy (như trang mẫu của `bantin init`), ghi dòng `strict: true` vào tệp đó.")


def _footprint(target, offline: bool) -> str:
    """The site's size, and the free hosts' limits it passes (outputs/footprint.py); an
    offline copy goes on a USB stick, where no host's limit applies."""
    from bantin.outputs import footprint
    from bantin.tools.sitedocs import HOSTING_NAMED

    files, size = footprint.measure(target)
    passed = [] if offline else footprint.over_limits(files, size)
    note = (f"; lưu ý: {'; '.join(passed)}, xem mục «Dung lượng» trong {HOSTING_NAMED}" if passed else "")
    return footprint.summary(files, size) + note


def _publishable(config_file: str, site_url: str | None, publishing: bool, details: dict, docs_dir: str = "") -> bool:
    """False when a publishing build has a placeholder `site_url` (config/siteurl.py) or
    agency details (config/unfilled.py): the errors are printed and nothing is built. Other
    builds print the same as warnings; a placeholder line in requirements.txt is a warning in
    every build (a site published by hand needs no CI)."""
    from bantin.tools import sitefiles

    problems = _publish_problems(config_file, site_url, details, publishing=publishing, docs_dir=docs_dir)
    if docs_dir:  # the site's CI cannot install Bản tin: said at every build too, never stopping one
        root = Path(config_file or "mkdocs.yml").absolute().parent
        problems += sitefiles.placeholder_requirement(root, Path(docs_dir).absolute())
    for problem in problems:
        print(problem, file=sys.stderr)
    return not any(p.is_error for p in problems)


def _publish_problems(config_file: str, site_url: str | None, details: dict, *, publishing: bool,
                      docs_dir: str = "") -> list:
    """What a publishing build refuses in mkdocs.yml; `bantin check` lists it as warnings, so a
    merge request's report says it before the build stops on it. In CI, a warning too for a
    `site_url` on the Pages domain that is not where Pages serves this repository
    (config/siteurl.py: the build cannot know where its workflow publishes)."""
    from bantin.config.siteurl import pages_address_problem, site_url_problem
    from bantin.config.unfilled import unfilled_problems

    cname = bool(docs_dir) and (Path(docs_dir) / "CNAME").is_file()
    problems = [p for p in [site_url_problem(config_file, site_url, publishing=publishing),
                            pages_address_problem(config_file, site_url, os.environ, cname=cname)]
                if p is not None]
    return problems + unfilled_problems(config_file, details, publishing=publishing)


def is_publishing(args) -> bool:
    """A build for readers: `--publish`, or any build in CI (GitHub Actions and GitLab CI set
    CI: the same test as the maintainers' notice) except one marked `--preview` (a merge
    request's preview). A build on an editor's machine is a preview unless `--publish`."""
    return bool(args.publish or (endoflife.for_maintainers() and not args.preview))


def _kept(target: Path) -> str:
    """What a failed build left: the previous site, or none when there never was one (a
    province's first build was told "trang cũ … vẫn giữ nguyên" of a folder that was not there)."""
    if target.is_dir() and any(target.iterdir()):
        return f"trang cũ trong {target} vẫn giữ nguyên."
    return f"chưa có trang nào được ghi vào {target}."


def _failure_reason(exc: BaseException) -> str:
    """Why the build stopped, in Vietnamese: MkDocs' own words ("Aborted with a BuildError!",
    "Aborted with 2 warnings in strict mode!") stay on their log line above, not in our summary."""
    import re

    from bantin.workers.background import JobFailed

    text = str(exc)
    job = _cause(exc, JobFailed)
    if job is not None:  # the worker's job failed: its message names it (MkDocs' abort hides it)
        return f"Lý do: {job}"
    if isinstance(exc, KeyboardInterrupt):
        return "Lần dựng bị dừng (Ctrl+C)."
    if text.startswith("Aborted with a BuildError"):
        return "Lý do: nội dung hoặc cấu hình có lỗi, xem các dòng ERROR ở trên; `bantin check` liệt kê lại đầy đủ."
    strict = re.fullmatch(r"Aborted with (\d+) warnings? in strict mode!?", text)
    if strict:
        return (f"Lý do: có {strict.group(1)} cảnh báo, mà trang được dựng ở chế độ nghiêm ngặt (strict) nên mỗi "
                "cảnh báo là một lỗi; xem các dòng WARNING ở trên và sửa chúng.")
    return text


def _cause(exc: BaseException, kind: type) -> BaseException | None:
    """`exc` or the first exception of type `kind` it was raised from or while handling."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, kind):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None


def _is_default_output(base, target: Path, offline: bool) -> bool:
    """True when `target` is mkdocs.yml's own `site_dir` (or its -offline twin) inside the project:
    the only folder that an unmarked build of an earlier version may be replaced in (outputs.foreign_folder_problem)."""
    default = Path(base.site_dir + ("-offline" if offline else "")).absolute().resolve()
    project = Path(base.config_file or "mkdocs.yml").absolute().parent.resolve()
    return target.resolve() == default and project in default.parents


def run_check(config_file: str, output_format: str = "text", output: str | None = None,
              site_dir: str | None = None) -> int:
    """Validate all content without building; errors → exit 1, warnings only → exit 0.
    `output_format` github or gitlab also reports where CI shows it (cli/report.py); the
    published addresses are compared with the site in `site_dir` (as `build --site-dir`), else
    mkdocs.yml's site_dir, unless BANTIN_PUBLISHED names a record (site/published.py)."""
    import bantin.cli.report as report

    if output and output_format != "gitlab":
        print("Bỏ qua --output: tệp báo cáo chỉ dùng với --format gitlab.", file=sys.stderr)
    try:
        config = _load(config_file)
        _plugin(config)
    except SystemExit as stop:  # mkdocs.yml itself is wrong: CI shows that on its line too
        if output_format != "text" and isinstance(stop.code, str):
            places = report.Places.of(config_file, "content", _CI_ROOT[output_format])
            problem = report.config_problem(stop.code, config_file)
            if output_format == "github":
                report.print_github([problem], places, sys.stdout)
                sys.stdout.flush()  # before the message SystemExit prints on stderr
            _report_ci(output_format, [problem], places, output or report.GITLAB_REPORT, "", 1, 0)
        raise
    from bantin.adapter import engine  # after _load: a mkdocs.yml that does not parse is said without them
    from bantin.site import build
    from bantin.tools import docsnotes, sitefiles

    started = time.perf_counter()
    with _compared_with(Path(site_dir or config.site_dir)):
        corpus, problems = build.check(engine.settings(config), engine.check_inputs(config))
    problems.extend(_publish_problems(config_file, config.site_url, config.details, publishing=False,
                                      docs_dir=config.docs_dir))
    root, docs_dir = Path(config.config_file or "mkdocs.yml").absolute().parent, Path(config.docs_dir).absolute()
    problems.extend(sitefiles.earlier_copies(root, docs_dir))
    problems.extend(sitefiles.placeholder_requirement(root, docs_dir))
    problems.extend(docsnotes.notes(root, docs_dir))  # tai-lieu-ban-tin/ missing or an older Bản tin's
    places = report.Places.of(config.config_file, config.docs_dir, _CI_ROOT[output_format])
    if output_format == "github":
        report.print_github(problems.items, places, sys.stdout)
    else:
        report.print_text(problems.items, sys.stdout)
    counts = corpus.counts.summary() if corpus else ""
    print(counts)
    if corpus and (drafts_line := corpus.counts.drafts_line()):
        print(drafts_line)
    print(f"{len(problems.errors)} lỗi, {len(problems.warnings)} cảnh báo ({_seconds(started)}).")
    failed = _report_ci(output_format, problems.items, places, output or report.GITLAB_REPORT, counts,
                        len(problems.errors), len(problems.warnings))
    return 1 if problems.errors or failed else 0


_CI_ROOT = {"text": "", "github": "GITHUB_WORKSPACE", "gitlab": "CI_PROJECT_DIR"}


def _seconds(started: float) -> str:
    """Time since `started` as Vietnamese writes it: "4,5 giây" (a decimal comma)."""
    from bantin.text.vi import format_decimal

    return format_decimal(time.perf_counter() - started) + " giây"


def _report_ci(output_format: str, problems, places, output: str, counts: str, errors: int, warnings: int) -> bool:
    """The GitHub step summary or the GitLab report; True when the report could not be written."""
    import bantin.cli.report as report

    if output_format == "github":
        report.write_github_summary(report.github_summary(list(problems), places, counts, errors, warnings))
        return False
    if output_format == "gitlab":
        wrong = report.write_gitlab(problems, places, output)
        if wrong:
            print(wrong, file=sys.stderr)
            return True
    return False


def run_serve(config_file: str, address: str) -> int:
    """Live preview with drafts; pure Python, so it runs the same on Windows and Linux."""
    _load(config_file)  # a broken mkdocs.yml: one Vietnamese message, not MkDocs' traceback
    from bantin.adapter import engine

    busy = address_in_use(address, "serve")  # before the build, not a traceback after it
    if busy:
        print(busy, file=sys.stderr)
        return 1
    engine.serve(config_file, address)
    return 0


def run_edit(config_file: str, address: str, port: int) -> int:
    """The web editor on this computer: decap-server plus the live preview (cli/editing.py)."""
    from bantin.adapter import engine
    import bantin.cli.editing as editing

    config = _load(config_file)
    _plugin(config)
    editor = config.editor
    if isinstance(editor, dict) and str(editor.get("backend", "")).strip().lower() == "none":
        print(f"{config_file}: trình biên tập web đang tắt (`editor: backend: none`); xóa dòng đó hoặc đổi "
              "thành `backend: local` rồi chạy lại `bantin edit`.", file=sys.stderr)
        return 1
    busy = address_in_use(address, "edit")  # before decap-server and the build
    if busy:
        print(busy, file=sys.stderr)
        return 1
    return editing.run(config_file, address, port, engine.serve, config.site_url)


def _category_slug(config_file: str, category: str | None) -> str | None:
    """The slug of a category named on the command line; unknown ones stop here, not at `check`."""
    if not category or not _has_site(config_file):
        return category
    from bantin.adapter import engine
    from bantin.problems import Problems
    from bantin.site import build
    from bantin.tools import newcontent

    config = _load(config_file)
    _plugin(config)
    site = build.site_config(engine.settings(config), Problems())
    found = site.find_category(category)
    if found is None:
        raise newcontent.NewContentError(f"Chuyên mục `{category}` chưa có trong {config_file}. "
                                         f"Dùng một trong: {', '.join(c.slug for c in site.categories)}")
    return found.slug


def _content_dir(args) -> Path:
    """`--content-dir`, else `docs_dir` of mkdocs.yml. Without either, SystemExit with the
    message `build` and `check` give: `bantin new` run in the folder above the site (where
    the README puts `.venv`) wrote a stray content/tin-tuc/….md nobody's site reads, exit 0
    (an outsiders' trial, session 34)."""
    if args.content_dir:
        return Path(args.content_dir)
    if not _has_site(args.config_file):
        from bantin.config import precheck

        raise SystemExit(visible(precheck.missing_message(
            args.config_file, f"; hoặc chỉ rõ thư mục nội dung: `bantin {args.command} … --content-dir THƯ_MỤC`")))
    return Path(_load(args.config_file).docs_dir)


def _built_folder(folder: str | None, config_file: str) -> tuple[str, str]:
    """(the folder `serve-site` serves, the command that builds it): the one named, else the
    `site_dir` of mkdocs.yml (of `-f`'s file: `bantin -f qt-site/mkdocs.yml serve-site` looked
    for ./site, an outsiders' trial, session 34), else site/ when there is no mkdocs.yml."""
    build = "bantin build" if config_file == DEFAULT_CONFIG else f"bantin -f {shlex.quote(config_file)} build"
    if folder is not None:
        return folder, build
    if not _has_site(config_file):
        return "site", build
    return str(_from_here(Path(_load(config_file).site_dir))), build


def _has_site(config_file: str) -> bool:
    """Whether to read `config_file`: when it is there, or named by `-f` (then a missing one is
    said, not replaced by ./content: `bantin -f so-tu-phap/mkdocs.yl new …` wrote its article
    into a content/ of the current folder)."""
    return Path(config_file).exists() or config_file != DEFAULT_CONFIG


def _from_here(path: Path) -> Path:
    """`path` from the current folder when it is inside it, as `bantin check` names files
    (docs_dir comes from MkDocs as an absolute path)."""
    try:
        return Path(os.path.relpath(path)) if Path(path).resolve().is_relative_to(Path.cwd().resolve()) else path
    except ValueError:  # another drive (Windows)
        return path


def run_new(args) -> int:
    from bantin.text.vi import VIETNAM
    from bantin.tools import newcontent

    try:
        category = _category_slug(args.config_file, args.category)
        path = newcontent.create(_content_dir(args), args.kind, args.title, category=category,
                                 now=datetime.now(VIETNAM))
    except newcontent.NewContentError as exc:
        print(visible(str(exc)), file=sys.stderr)
        return 1
    print(visible(str(path)))
    return 0


def run_ids(args) -> int:
    """Fill missing question ids, under the content folder's lock (`files/folderlock.py`): an
    import running at the same time would otherwise replace a handbook `ids` just wrote, or
    the other way round, and one of the two changes would be lost without a word."""
    content_dir = _content_dir(args)
    return run_locked(content_dir,
                      lambda: print(visible(f"đang chờ: một lệnh `bantin import` đang ghi vào thư mục nội dung "
                                            f"{content_dir}; lệnh này sẽ tự chạy tiếp khi lệnh kia xong. Muốn dừng "
                                            "thì bấm Ctrl+C: chưa tệp nào bị ghi"), file=sys.stderr, flush=True),
                      lambda: print("Đã dừng trong lúc chờ lệnh nhập kia; chưa ghi gì", file=sys.stderr),
                      lambda: _fill_ids(content_dir, args.files))


def _fill_ids(content_dir, files) -> int:
    from bantin.tools import newcontent

    rewritten: list[str] = []
    groups: list[tuple[Path, int, str]] = []
    try:
        changed = newcontent.fill_question_ids(content_dir, [Path(p) for p in files], rewritten, groups)
    except newcontent.NewContentError as exc:
        print(visible(str(exc)), file=sys.stderr)
        return 1
    for path, ids in changed:
        new, fixed = [i for i in ids if i not in rewritten], [i for i in ids if i in rewritten]
        said = ([f"thêm mã {', '.join(new)}"] if new else []) + ([f"viết lại đúng dạng mã {', '.join(fixed)}"] if fixed else [])
        print(visible(f"{_from_here(path)}: {'; '.join(said)}"))
    for path, line, text in groups:  # «## II. THỦ TỤC»: a part's name or a question, the editor knows
        print(visible(f"{_from_here(path)}:{line}: chưa thêm mã cho «{text}»: dòng này trông như tên một nhóm câu "
                      f"hỏi. Nếu đúng là tên nhóm, viết lại thành `# {text}` (một dấu `#`); nếu là câu hỏi, thêm "
                      "mã ở cuối dòng, ví dụ `{#ma-cau-hoi}`"))
    if not changed and not groups:
        print("Mọi câu hỏi đã có mã.")
    return 0


def _parser() -> argparse.ArgumentParser:
    """Usage, help and errors in Vietnamese (argvi.VietnameseParser, inherited by every subcommand)."""
    parser = VietnameseParser(prog="bantin", description="Bản tin: dựng và kiểm tra trang bản tin pháp luật.")
    parser.add_argument("-f", "--config-file", default=DEFAULT_CONFIG, metavar="TỆP", help="tệp cấu hình (mặc định mkdocs.yml)")
    parser.add_argument("--version", action=endoflife.VersionAction,
                        help="phiên bản Bản tin và công cụ dựng, kèm ghi chú cho người quản trị kỹ thuật")
    sub = parser.add_subparsers(dest="command", required=True, title="lệnh", metavar="LỆNH")
    build = sub.add_parser("build", help="dựng trang vào site/ (hoặc site-offline/ với --offline)")
    build.add_argument("--offline", action="store_true", help="bản chạy từ file:// (USB), vào site-offline/")
    build.add_argument("-d", "--site-dir", metavar="THƯ_MỤC", help="thư mục đích")
    build.add_argument("--strict", action="store_true",
                       help="không cần: mkdocs.yml của trang đã có `strict: true` (dừng ở mọi cảnh báo)")
    purpose = build.add_mutually_exclusive_group()
    purpose.add_argument("--publish", action="store_true",
                         help="bản để xuất bản: dừng nếu site_url còn là địa chỉ mẫu (mặc định trong CI)")
    purpose.add_argument("--preview", action="store_true",
                         help="bản xem trước, không xuất bản (kể cả trong CI): site_url mẫu chỉ bị cảnh báo")
    check = sub.add_parser("check", help="kiểm tra toàn bộ nội dung, không dựng trang")
    check.add_argument("--format", default="text", choices=("text", "github", "gitlab"), metavar="DẠNG",
                       help="text (mặc định): từng dòng cho người đọc; github: chú thích trên từng dòng tệp "
                            "trong GitHub Actions; gitlab: thêm báo cáo Code Quality cho GitLab")
    check.add_argument("--output", metavar="TỆP",
                       help="tệp báo cáo của --format gitlab (mặc định gl-code-quality-report.json)")
    check.add_argument("-d", "--site-dir", metavar="THƯ_MỤC",
                       help="thư mục trang đã dựng để so địa chỉ đã đăng, như `bantin build --site-dir` "
                            "(mặc định: site_dir của mkdocs.yml)")
    serve = sub.add_parser("serve", help="xem trước trực tiếp (kể cả bản nháp)")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="ĐỊA_CHỈ:CỔNG",
                       help="địa chỉ xem trước (mặc định 127.0.0.1:8000)")
    site = sub.add_parser("serve-site", help="xem trang đã dựng như trên máy chủ thật (trang 404, địa chỉ không có .html)")
    site.add_argument("folder", nargs="?", metavar="THƯ_MỤC",
                      help="thư mục đã dựng (mặc định: site_dir của mkdocs.yml, hoặc site)")
    site.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="ĐỊA_CHỈ:CỔNG",
                      help="địa chỉ (mặc định 127.0.0.1:8000, chỉ máy này mở được)")
    edit = sub.add_parser("edit", help="trình biên tập web trên máy (/admin/), kèm xem trước trực tiếp")
    edit.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="ĐỊA_CHỈ:CỔNG",
                      help="địa chỉ xem trước (mặc định 127.0.0.1:8000)")
    edit.add_argument("--port", type=int, default=0, metavar="CỔNG",
                      help="cổng của decap-server trên 127.0.0.1 (mặc định: một cổng còn trống)")
    new = sub.add_parser("new", help="tạo bài mới từ mẫu")
    new.add_argument("kind", choices=sorted(NEW_FOLDERS), metavar="LOẠI",
                     help="loại bài: article (tin bài), guide (tài liệu hướng dẫn), qa (sổ tay Hỏi - Đáp)")
    new.add_argument("title", metavar="TIÊU_ĐỀ", help="tiêu đề bài, trong dấu ngoặc kép")
    new.add_argument("--category", metavar="CHUYÊN_MỤC", help="chuyên mục (slug hoặc tên)")
    new.add_argument("--content-dir", metavar="THƯ_MỤC", help="thư mục nội dung (mặc định: docs_dir của mkdocs.yml)")
    ids = sub.add_parser("ids", help="điền mã còn thiếu cho câu hỏi trong sổ tay Hỏi - Đáp")
    ids.add_argument("files", nargs="*", metavar="TỆP", help="tệp sổ tay (mặc định: mọi tệp trong content/hoi-dap/)")
    ids.add_argument("--content-dir", metavar="THƯ_MỤC", help="thư mục nội dung (mặc định: docs_dir của mkdocs.yml)")
    sub.add_parser("import", help="chuyển trang lưu từ cổng thông tin cũ thành bài viết (bantin import --help)")
    sub.add_parser("redirects", help="in cấu hình nginx/Apache chuyển hướng địa chỉ cũ (bantin redirects --help)")
    sub.add_parser("init", help="tạo kho mới cho trang của một đơn vị (bantin init --help)")
    return parser


# Subcommands with parsers of their own: everything after the name is theirs.
DELEGATED = {"import": "main_import", "redirects": "main_redirects", "init": "main_init"}


def _run_delegated(config_file: str | None, name: str, rest: list[str]) -> int:
    """The subcommand's own main, imported only when asked for (the importer is slow to import).
    `import` and `redirects` read the site's mkdocs.yml, so they are given the global `-f`;
    `init` makes a new site, with no mkdocs.yml yet to read."""
    if name == "init":
        if config_file is not None and "--update-docs" in rest:
            print("bantin: lỗi: `-f` không dùng với `init --update-docs` → Cách sửa: bỏ `-f …`, ghi thư mục của "
                  f"trang sau lệnh: `bantin init --update-docs {shlex.quote(str(Path(config_file).parent))}`",
                  file=sys.stderr)
            return 2
        if config_file is not None:
            print("bantin: lỗi: `-f` không dùng với `init` (lệnh này tạo trang mới, chưa có mkdocs.yml để đọc) "
                  "→ Cách sửa: bỏ `-f …`, ghi thư mục mới sau `init`: `bantin init THƯ_MỤC`", file=sys.stderr)
            return 2
        import bantin.cli.init as init

        return init.main_init(rest)
    import bantin.cli.importer as importer

    return getattr(importer, DELEGATED[name])(rest, config_file=config_file)


def _is_config_option(name: str) -> bool:
    """`--config-file` or a prefix of it that argparse would accept (`--config`)."""
    return len(name) > 2 and "--config-file".startswith(name)


def _split_delegated(argv: list[str]) -> tuple[str | None, str, list[str]] | None:
    """(the `-f` file or None, subcommand, its arguments) when `argv` names a subcommand with a
    parser of its own after only the global `-f`: `bantin -f so-tu-phap/mkdocs.yml redirects
    --nginx` went to the main parser, which knows none of `redirects`' options."""
    config_file, at = None, 0
    while at < len(argv):
        arg = argv[at]
        name, equals, value = arg.partition("=")
        if (arg == "-f" or (_is_config_option(name) and not equals)) and at + 1 < len(argv):
            config_file, at = argv[at + 1], at + 2
        elif _is_config_option(name) and equals:
            config_file, at = value, at + 1
        elif arg.startswith("-f") and len(arg) > 2:  # `-fso-tu-phap/mkdocs.yml`, `-f=…`, as argparse reads them
            config_file, at = arg[2:].removeprefix("="), at + 1
        else:
            break
    if at < len(argv) and argv[at] in DELEGATED:
        return config_file, argv[at], argv[at + 1:]
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    delegated = _split_delegated(argv)
    if delegated:
        return _run_delegated(*delegated)
    args = parse_args(_parser(), argv)
    if isinstance(args, int):
        return args
    _logging()
    if args.command == "build":
        status = atomic_build(args.config_file, offline=args.offline, site_dir=args.site_dir,
                              publishing=is_publishing(args), strict=args.strict)
        if status == 0:  # after success only, in CI only: a failed build's log is the editors' errors
            endoflife.tell_maintainers()
        return status
    if args.command == "check":
        return run_check(args.config_file, args.format, args.output, args.site_dir)
    if args.command == "serve":
        return run_serve(args.config_file, args.dev_addr)
    if args.command == "serve-site":
        from bantin.cli.servesite import run_serve_site

        folder, build_command = _built_folder(args.folder, args.config_file)
        return run_serve_site(folder, args.dev_addr, build_command)
    if args.command == "edit":
        return run_edit(args.config_file, args.dev_addr, args.port)
    if args.command == "new":
        return run_new(args)
    if args.command == "ids":
        return run_ids(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())

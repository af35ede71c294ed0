"""`bantin` on a broken mkdocs.yml or unreadable files: one Vietnamese message with the
line, exit non-zero, never a traceback (issue 12)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bantin.cli import commands as cli
from bantin.config import precheck as configcheck
from bantin.tools import newcontent
from bantin.content.handbook.ids import fill_ids
from bantin.content.handbook.reader import parse_questions
from bantin.problems import Problems
from bantin.text.vi import VIETNAM
import forkrun

ROOT = Path(__file__).resolve().parent.parent


def bantin(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """`bantin …` as an editor runs it, its stdout and stderr apart (a fork: tests/forkrun.py)."""
    return forkrun.run("bantin.cli", list(args), cwd, dict(os.environ), apart=True, timeout=120)


def config(tmp_path: Path, text: str | bytes) -> Path:
    (tmp_path / "content").mkdir(exist_ok=True)
    path = tmp_path / "mkdocs.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


GOOD_HEAD = "site_name: Thử\ndocs_dir: content\ntheme: {name: material}\n"
STRICT = GOOD_HEAD + "strict: true\n"  # an unknown option is a warning, which strict mode makes an error


@pytest.mark.parametrize("text, line, expected", [
    (None, 0, "không có tệp cấu hình"),
    (b"\x00\x01\x02", 1, "nhị phân"),
    (GOOD_HEAD.encode("utf-16-le"), 1, "UTF-16"),  # old Notepad's "Unicode", without its mark
    ("site_name: x\nsite_url https://a.vn/\ntheme: {name: material}\n", 2, "thiếu dấu hai chấm sau `site_url`"),
    ("site_name: x\nsite_dir:/var/www/bantin\ntheme: {name: material}\n", 2, "thiếu dấu cách sau dấu hai chấm của `site_dir:`"),
    (b"site_name: \xe0 x\n", 1, "UTF-8"),
    ("site_name: Bản tin: Sông Lam\n", 1, "`: `"),
    ("site_name: x\nplugins:\n  - bantin:\n\t page_size: 2\n", 4, "Tab"),
    ("- a\n- b\n", 1, "`tên: giá trị`"),
    (GOOD_HEAD + "plugins:\n  - bantin:\n      page_size: \"hai\"\n", 6, "số nguyên"),
    (GOOD_HEAD + "plugins:\n  - bantin:\n      categories: abc\n", 6, "danh sách"),
    ("site_name: x\ndocs_dir: khong-co\n", 2, "không có thư mục"),
])
@pytest.mark.parametrize("command", [["check"], ["build"]])
def test_broken_config_is_one_vietnamese_message(tmp_path, text, line, expected, command):
    if text is not None:
        config(tmp_path, text)
    result = bantin(tmp_path, *command)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    message = result.stderr.strip().splitlines()[-1]
    assert expected in message and "Cách sửa:" in message
    assert message.startswith(f"mkdocs.yml:{line}:" if line else "mkdocs.yml:")


def test_an_unknown_option_in_a_site_that_is_not_strict_is_a_vietnamese_warning(tmp_path):
    """Not strict, MkDocs goes on: its warning is shown reworded, with its line, never swallowed."""
    config(tmp_path, GOOD_HEAD + "plugins:\n  - bantin:\n      pagesize: 20\n")
    for command in (["build", "--preview"], ["check"]):
        result = bantin(tmp_path, *command)
        out = result.stdout + result.stderr
        assert result.returncode == 0, out
        assert "mkdocs.yml:6: [plugins.bantin.pagesize] cảnh báo:" in out and "`page_size`" in out, command
        assert "Unrecognised" not in out


@pytest.mark.parametrize("text, line, expected", [
    # the fix quotes the value, not the note after it (which would print on every page)
    ("site_name: Bản tin: Sông Lam   # ĐIỀN: tên trang\n", 1, 'dấu ngoặc kép: `site_name: "Bản tin: Sông Lam"` (phần `# ĐIỀN'),
    # quote trouble YAML reports as indentation on a later line: the line named is the one to fix
    ("site_name: x\nplugins:\n  - bantin:\n      agency:\n        name: \"Sở Tư pháp   # ĐIỀN\n        owner: \"UBND\"\n",
     5, 'không được đóng lại, nên YAML đọc lẫn sang dòng sau → Cách sửa: thêm một dấu ngoặc kép ở cuối giá trị: `name: "Sở Tư pháp"`'),
    ('site_name: "Bản tin "Pháp luật" tỉnh"\n', 1, "dấu nháy đơn: `site_name: 'Bản tin \"Pháp luật\" tỉnh'`"),
    # misspelt and missing names (session 18's review: MkDocs' English warning, no line, before)
    (STRICT + "plugins:\n  - bantin:\n      agnecy:\n        name: Sở\n", 7, "có phải ý bạn là `agency`?"),
    (STRICT + "plugins:\n  - bantin:\n      agency:\n        emai: a@b.vn\n", 8, "có phải ý bạn là `email`?"),
    (STRICT + "plugins:\n  - bantin:\n      pagesize: 20\n", 7, "có phải ý bạn là `page_size`?"),
    (STRICT + "plugin:\n  - bantin\n", 5, "có phải ý bạn là `plugins`?"),
    (STRICT + "plugins:\n  - bantn\n", 6, "có phải ý bạn là `- bantin`?"),
    (STRICT + "site_url: phapluat.songlam.gov.vn\n", 5, "bắt đầu bằng `https://`"),
    (STRICT + "plugins:\n  - bantin:\n      categories:\n        - slug: dat-dai\n", 8, "thiếu mục `title`"),
    (STRICT + "plugins:\n  - bantin:\n      categories:\n        - title: Đất đai\n        - titel: Hộ tịch\n",
     9, "thiếu mục `title`"),  # the item without it, not the list's first line
])
def test_a_misspelt_or_misquoted_config_is_named_on_its_line(tmp_path, text, line, expected):
    """Session 18's cases; `check` and `build` share the explanation (the cases above run both)."""
    config(tmp_path, text)
    result = bantin(tmp_path, "check")
    assert result.returncode != 0 and "Traceback" not in result.stderr + result.stdout
    message = result.stderr.strip().splitlines()[-1]
    assert expected in message and "Cách sửa:" in message
    assert message.startswith(f"mkdocs.yml:{line}:" if line else "mkdocs.yml:")


def test_serve_checks_the_config_first(tmp_path):
    config(tmp_path, GOOD_HEAD + "plugins:\n  - bantin:\n      page_size: \"hai\"\n")
    result = bantin(tmp_path, "serve", "-a", "127.0.0.1:0")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "mkdocs.yml:6:" in result.stderr


def test_new_with_category_and_broken_config(tmp_path):
    config(tmp_path, "site_name: x: y\n")
    result = bantin(tmp_path, "new", "article", "Tập huấn", "--category", "dat-dai")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "mkdocs.yml:1:" in result.stderr


def test_line_of_plugin_option():
    node = configcheck.compose("mkdocs.yml", "a: 1\nplugins:\n  - search\n  - bantin:\n      page_size: x\n")
    assert configcheck.line_of(node, "plugins", "bantin", "page_size") == 5
    assert configcheck.line_of(node, "plugins", "khong-co") == 2


def test_load_raises_system_exit_not_a_traceback(tmp_path):
    with pytest.raises(SystemExit) as stop:
        cli._load(str(tmp_path / "khong-co.yml"))
    assert "không có tệp cấu hình" in str(stop.value)


# --- bantin ids / bantin new on files they cannot use -----------------------------------------

HANDBOOK = "---\ntitle: Sổ tay\ndate: 2024-11-21\ncategory: dat-dai\n---\n## Câu hỏi 1: Hỏi gì?\n\nTrả lời.\n"


def handbooks(tmp_path: Path, files: dict[str, bytes]) -> Path:
    folder = tmp_path / "content" / "hoi-dap"
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return tmp_path / "content"


@pytest.mark.parametrize("data, expected", [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "nhị phân"),
    ("---\ntitle: Sổ tay\n---\n## Câu hỏi\n".encode("utf-16-be"), "UTF-16"),
    (b"---\ntitle: S\xf4 tay\n---\n## C\xe2u h\xf4i\n", "UTF-8"),
])
def test_ids_on_unreadable_handbook(tmp_path, data, expected):
    content = handbooks(tmp_path, {"a.md": HANDBOOK.encode(), "b.md": data})
    result = bantin(tmp_path, "ids", "--content-dir", "content")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "b.md" in result.stderr and expected in result.stderr
    assert (content / "hoi-dap" / "a.md").read_text(encoding="utf-8") == HANDBOOK  # nothing half-done


def test_ids_on_missing_file(tmp_path):
    handbooks(tmp_path, {})
    result = bantin(tmp_path, "ids", "--content-dir", "content", "content/hoi-dap/khong-co.md")
    assert result.returncode == 1 and "không có tệp này" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files")
def test_ids_on_read_only_file(tmp_path):
    content = handbooks(tmp_path, {"a.md": HANDBOOK.encode()})
    (content / "hoi-dap" / "a.md").chmod(0o444)
    result = bantin(tmp_path, "ids", "--content-dir", "content")
    assert result.returncode == 1 and "không ghi được" in result.stderr


def test_ids_write_failure_is_a_message(tmp_path, monkeypatch):
    content = handbooks(tmp_path, {"a.md": HANDBOOK.encode()})

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    before = (content / "hoi-dap" / "a.md").read_bytes()
    monkeypatch.setattr(newcontent.os, "replace", refuse)  # the new text is written beside, then replaces it
    with pytest.raises(newcontent.NewContentError, match="không ghi được"):
        newcontent.fill_question_ids(content, [])
    assert (content / "hoi-dap" / "a.md").read_bytes() == before  # whole or not at all
    assert sorted(p.name for p in (content / "hoi-dap").iterdir()) == ["a.md"]  # nothing left beside it


def test_new_in_unwritable_folder_is_a_message(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(newcontent.NewContentError, match="không tạo được"):
        newcontent.create(tmp_path / "content", "article", "Tập huấn", category=None,
                          now=__import__("datetime").datetime(2024, 11, 21, tzinfo=VIETNAM))


def test_new_with_binary_handbook_beside_it(tmp_path):
    handbooks(tmp_path, {"anh.md": b"\x00\x01"})
    result = bantin(tmp_path, "new", "qa", "Sổ tay mới", "--content-dir", "content")
    assert result.returncode == 1 and "nhị phân" in result.stderr and "Traceback" not in result.stderr


def test_new_long_title_makes_a_short_file_name(tmp_path):
    path = newcontent.create(tmp_path / "content", "article", "Hướng dẫn thực hiện " * 40 + "\x08", category=None,
                             now=__import__("datetime").datetime(2024, 11, 21, tzinfo=VIETNAM))
    assert len(path.name.encode()) <= 90
    assert "\x08" not in path.read_text(encoding="utf-8")


# --- question ids ---------------------------------------------------------------------------

def test_long_question_id_is_an_error():
    problems = Problems()
    qid = "-".join(["hoa-giai"] * 60)
    _, questions = parse_questions("hoi-dap/a.md", f"## Câu hỏi 1: Hỏi? {{#{qid}}}\n\nĐáp.\n", 6, problems)
    assert questions == ()
    [problem] = problems.items
    assert "quá 80" in problem.message and len(str(problem)) < 400


def test_filled_ids_stay_short():
    body, added = fill_ids("## " + "Câu hỏi rất dài về hòa giải " * 30 + "\n", set())
    assert len(added[0]) <= 60


@pytest.mark.parametrize("option", ["page_size: 0", "feed_size: -2", "image_max_kb: 0"])
def test_sizes_must_be_positive(tmp_path, option):
    """`page_size: 0` ended in a ZeroDivisionError traceback."""
    config(tmp_path, GOOD_HEAD + f"plugins:\n  - bantin:\n      {option}\n")
    for command in ("check", "build"):
        result = bantin(tmp_path, command)
        assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
        assert f"[plugins.bantin.{option.split(':')[0]}]" in result.stdout + result.stderr
        assert "lớn hơn 0" in result.stdout + result.stderr


def test_duplicate_key_in_config(tmp_path):
    config(tmp_path, GOOD_HEAD + "plugins:\n  - bantin:\n      page_size: 5\n      categories: []\n      page_size: 7\n")
    result = bantin(tmp_path, "check")
    assert result.returncode == 1 and "mkdocs.yml:8: [page_size]" in result.stderr and "dòng 6" in result.stderr


def test_ids_names_files_from_the_sites_folder_as_check_does(tmp_path):
    """A province's review (session 23): `bantin ids` printed absolute paths (docs_dir as MkDocs
    gives it), `bantin check` relative ones."""
    from sitekit import write_site

    write_site(tmp_path, {"hoi-dap/a.md": HANDBOOK})
    result = bantin(tmp_path, "ids", "--content-dir", "content")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "content/hoi-dap/a.md: thêm mã hoi-gi", result.stdout


def test_ids_says_which_ids_it_rewrote_rather_than_added(tmp_path):
    """An id written `{# … }` is the editor's, maybe printed: `bantin ids` writes it so the build
    reads it and says so, not "thêm mã" as if the question had none (session 39)."""
    from sitekit import write_site

    write_site(tmp_path, {"hoi-dap/a.md": HANDBOOK + "\n## Câu hỏi 2: Ngoài giá thú? {# ngoai-gia-thu }\n\nĐáp.\n"})
    result = bantin(tmp_path, "ids", "--content-dir", "content")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "content/hoi-dap/a.md: thêm mã hoi-gi; viết lại đúng dạng mã ngoai-gia-thu"
    assert "## Câu hỏi 2: Ngoài giá thú? {#ngoai-gia-thu}\n" in (tmp_path / "content/hoi-dap/a.md").read_text("utf-8")


# --- YAML slips in mkdocs.yml: its own line and a fix for mkdocs.yml (session 30, migration trial) ----

URLS_HEAD = GOOD_HEAD + "plugins:\n  - search\n  - bantin:\n      page_size: 20\n      urls:\n"


@pytest.mark.parametrize("text, line, fix", [
    # a missing space under `urls:` was named on the next line, with advice to add an article's `---`
    (URLS_HEAD + "        article: tin-tuc\n        qa:hoi-dap-phap-luat\n      agency:\n        name: Sở\n", 10,
     "thêm một dấu cách sau dấu hai chấm: `qa: hoi-dap-phap-luat`"),
    (URLS_HEAD + "        qa:hoi-dap-phap-luat\n      agency:\n        name: Sở\n", 9,
     "thêm một dấu cách sau dấu hai chấm: `qa: hoi-dap-phap-luat`"),
    (GOOD_HEAD + "plugins:\n  - bantin:\n\t    page_size: 20\n", 6, "để dòng thành: `    page_size: 20`"),
    # `agency:` left empty by a child indented less than it: the child's line, not the next one
    (GOOD_HEAD + "plugins:\n  - bantin:\n      agency:\n    name: Sở\n      page_size: 3\n", 7,
     "thụt dòng này vào 8 dấu cách (sâu hơn `agency:` hai dấu cách): `        name: Sở`"),
    (GOOD_HEAD + "plugins:\n  - search\n  - bantin\n      page_size: 20\n      agency:\n        name: Sở\n", 6,
     "thêm dấu hai chấm ở cuối dòng: `- bantin:`"),
])
def test_a_yaml_slip_in_mkdocs_yml_is_told_on_its_line_as_mkdocs_yml(tmp_path, text, line, fix):
    config(tmp_path, text)
    result = bantin(tmp_path, "check")
    message = result.stderr.strip().splitlines()[-1]
    assert result.returncode == 1 and message.startswith(f"mkdocs.yml:{line}: "), message
    assert fix in message and "---" not in message and "title:" not in message, message


def test_the_general_yaml_advice_for_mkdocs_yml_names_no_article_field():
    """The fallbacks of `explain` for mkdocs.yml: no `---`, no `title:` or `tags:` of an article."""
    for text in ("site_name: x\nplugins:\n  - bantin:\n      page_size: 2\n     feed_size: 3\n",
                 "site_name: x\ntheme:\n  features: [navigation.tabs\n",
                 "site_name: x\nnav:\n  Trang chu\n  gioi-thieu: a.md\n"):
        with pytest.raises(configcheck.ConfigError) as caught:
            configcheck.compose("mkdocs.yml", text)
        assert "---" not in str(caught.value) and "title:" not in str(caught.value) and "tags:" not in str(caught.value), \
            str(caught.value)


@pytest.mark.parametrize("head, severity", [(STRICT, "lỗi"), (GOOD_HEAD, "cảnh báo")])
@pytest.mark.parametrize("option, lines", [("urls", "urls:\n  qa: hoi-dap-phap-luat\n"), ("page_size", "page_size: 12\n"),
                                           ("agency", "agency:\n  name: Sở Tư pháp\n")])
def test_a_bantin_option_at_the_top_level_is_told_to_move_under_the_plugin(tmp_path, head, severity, option, lines):
    """`urls:` at the margin was told "không có mục nào tên `urls`… xóa dòng này hoặc sửa tên"."""
    text = head + "plugins:\n  - search\n  - bantin:\n      feed_size: 10\n" + lines
    config(tmp_path, text)
    result = bantin(tmp_path, "check")
    out = result.stdout + result.stderr
    wanted = f"mkdocs.yml:{text.count(chr(10)) - lines.count(chr(10)) + 1}: [{option}] {severity}: `{option}` là tùy chọn"
    assert wanted in out and "dòng `- bantin:` (dòng " in out and f"`      {option}:`" in out, out
    assert "không có mục nào tên" not in out and "xóa dòng này" not in out


def test_a_config_of_aliases_of_aliases_is_read_at_once(tmp_path):
    """`a1: &a1 [*a0, *a0, …]` ten levels deep names 10¹¹ paths through the same few nodes:
    the duplicate-key walk followed every one of them and `bantin check` never ended."""
    lines = ["site_name: x", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 12)]
    path = config(tmp_path, "\n".join(lines) + "\n")
    script = ("import sys; from bantin.config import precheck as p; "
              "print(p.compose(sys.argv[1], p.read_text(sys.argv[1])).tag)")
    done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=60,
                          env=dict(os.environ, PYTHONPATH=str(ROOT / "plugins")))
    assert done.returncode == 0 and done.stdout.strip() == "tag:yaml.org,2002:map", done.stderr


# --- mkdocs.yml read as MkDocs reads it, before MkDocs (session 31) -----------------------------

@pytest.mark.parametrize("command", [["check"], ["build"]])
def test_an_inherit_loop_is_a_vietnamese_message_not_a_traceback(tmp_path, command):
    """MkDocs recursed until Python stopped: `bantin check` printed a RecursionError traceback."""
    config(tmp_path, "INHERIT: base.yml\n" + GOOD_HEAD)
    (tmp_path / "base.yml").write_text("plugins: [search]\nINHERIT: mkdocs.yml\n", encoding="utf-8")
    result = bantin(tmp_path, *command)
    assert result.returncode == 1 and "Traceback" not in result.stderr + result.stdout
    assert ("base.yml:2: [INHERIT] lỗi: các tệp kế thừa nhau thành vòng tròn: mkdocs.yml → base.yml → mkdocs.yml"
            in result.stderr), result.stderr


def test_a_missing_base_is_said_in_vietnamese_on_its_line(tmp_path):
    config(tmp_path, GOOD_HEAD + "INHERIT: ../chung/base.yml\n")
    result = bantin(tmp_path, "check")
    assert result.returncode == 1 and "Inherited config file" not in result.stderr
    assert result.stderr.startswith("mkdocs.yml:4: [INHERIT] lỗi: `INHERIT: ../chung/base.yml` trỏ tới ../chung/base.yml")


def test_a_wrong_option_in_the_base_is_named_in_the_base(tmp_path):
    """MkDocs validates the merged configuration; its message names the option, and the line
    was looked up in mkdocs.yml only (0, or another option's line there)."""
    (tmp_path / "chung").mkdir()
    (tmp_path / "chung" / "base.yml").write_text(GOOD_HEAD + "strict: true\nplugins:\n  - bantin:\n"
                                                  "      page_size: \"hai\"\n", encoding="utf-8")
    config(tmp_path, "INHERIT: chung/base.yml\nsite_name: Trang\n")
    result = bantin(tmp_path, "check")
    assert result.returncode == 1
    assert "chung/base.yml:7: [plugins.bantin.page_size] lỗi: `page_size` (hoặc một mục của nó) phải là một số nguyên" \
        in result.stderr, result.stderr
    github = bantin(tmp_path, "check", "--format", "github")
    assert "::error file=chung/base.yml,line=7," in github.stdout, github.stdout


def test_a_site_url_from_an_unset_variable_names_the_variable(tmp_path, monkeypatch):
    from bantin.config.siteurl import site_url_problem

    monkeypatch.delenv("SITE_URL", raising=False)
    path = config(tmp_path, GOOD_HEAD + "site_url: !ENV SITE_URL\n")
    problem = site_url_problem(str(path), None, publishing=True)
    assert problem.line == 4 and "biến môi trường `SITE_URL`" in problem.message
    assert "export SITE_URL=https://" in problem.fix and "`site_url: !ENV [SITE_URL, https://" in problem.fix
    config(tmp_path, GOOD_HEAD + "site_url: !ENV [SITE_URL, null]\n")
    assert "ghi địa chỉ thật" in site_url_problem(str(path), None, publishing=True).fix


def test_lines_of_options_written_in_a_base_are_not_lines_of_mkdocs_yml(tmp_path):
    """A problem of the build is reported on mkdocs.yml: a line of the base there would point
    at whatever mkdocs.yml has on that line."""
    from bantin.config import sitefile

    (tmp_path / "base.yml").write_text("plugins:\n  - bantin:\n      page_size: 0\n", encoding="utf-8")
    path = config(tmp_path, "INHERIT: base.yml\nsite_name: x\nextra: {}\n")
    assert sitefile.config_lines(str(path))("page_size") == 0
    config(tmp_path, "INHERIT: base.yml\nsite_name: x\nplugins:\n  - bantin:\n      page_size: 3\n")
    assert sitefile.config_lines(str(path))("page_size") == 5

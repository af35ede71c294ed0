"""A category renamed in mkdocs.yml after an import: one build error, on mkdocs.yml (province trial F4).

After importing hundreds of pages the province renamed `Đất đai`; every article still naming
`dat-dai` was an identical error in the build's log. The build now says it once, on the line
of the renamed category's title, with the one-line fix; `bantin check` keeps every article's line."""

from __future__ import annotations

import yaml

from bantin.config.settings import Category, SiteConfig
from bantin.content import undeclared
from bantin.problems import Problems
from sitekit import CATEGORIES, article, build, run_bantin, write_site


def _renamed_site(tmp_path, count: int):
    files = {f"tin-tuc/dat-{n}.md": article(f"Đất {n}", category="dat-dai") for n in range(count)}
    files["tin-tuc/hoa-giai.md"] = article("Hòa giải", category="hoa-giai-o-co-so")
    files["tin-tuc/cai-cach.md"] = article("Cải cách", category="cai-cach-hanh-chinh")
    root = write_site(tmp_path, files)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    renamed = [dict(c) for c in CATEGORIES]
    renamed[1] = {"title": "Đất đai và môi trường"}
    config["plugins"][0]["bantin"]["categories"] = renamed
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    title = next(n for n, text in enumerate(lines, 1) if text.strip().endswith("title: Đất đai và môi trường"))
    return root, title


def test_a_renamed_category_is_one_build_error_on_its_new_title(tmp_path):
    root, title = _renamed_site(tmp_path, 7)
    done = build(root, check=False)
    assert done.returncode != 0 and "Traceback" not in done.stdout
    told = [line for line in done.stdout.splitlines() if "chưa được khai báo" in line]
    assert len(told) == 1, "\n".join(told)
    assert f"mkdocs.yml:{title}: [categories] lỗi: 7 bài ghi `category: dat-dai`" in told[0], told[0]
    assert "tin-tuc/dat-0.md, tin-tuc/dat-1.md, tin-tuc/dat-2.md và 4 bài khác" in told[0]
    assert "`slug: dat-dai` ngay dưới `title: Đất đai và môi trường`" in told[0]
    assert "bantin check" in told[0]
    # the fix it offers builds the site, every article kept
    text = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    indent = " " * text[title - 1].index("title:")
    text.insert(title, f"{indent}slug: dat-dai")
    (root / "mkdocs.yml").write_text("\n".join(text) + "\n", encoding="utf-8")
    assert "xuất bản 9 tin bài" in build(root).stdout


def test_bantin_check_still_lists_every_article(tmp_path):
    root, _ = _renamed_site(tmp_path, 4)
    done = run_bantin(root, "check")
    assert done.returncode == 1
    per_article = [line for line in done.stdout.splitlines() if "chuyên mục `dat-dai` chưa được khai báo" in line]
    assert sorted(line.split(":")[0] for line in per_article) == [f"tin-tuc/dat-{n}.md" for n in range(4)]


def test_a_few_articles_keep_their_own_lines_and_drafts_are_not_folded():
    site = SiteConfig(categories=(Category("dat-dai-va-moi-truong", "Đất đai và môi trường"),))
    problems = Problems()
    for n in range(undeclared.FOLD - 1):
        problems.error(f"content/a{n}.md", 3, "category", undeclared.message("dat-dai"), "…")
    for n in range(5):
        problems.warn(f"content/nhap{n}.md", 3, "category", undeclared.message("dat-dai"), "…")
    assert undeclared.folded(problems, site, set(), {"": 9}) is problems
    problems.error("content/b.md", 3, "category", undeclared.message("Đất đai"), "…")  # the same slug, as a title
    problems.error("content/c.md", 3, "category", undeclared.message("khac"), "…")
    folded = undeclared.folded(problems, site, {"x"}, {"": 9, "dat-dai-va-moi-truong": 12})
    assert [p.path for p in folded.errors] == ["content/c.md", "mkdocs.yml"]
    one = folded.errors[1]
    assert one.line == 12 and one.message.startswith(f"{undeclared.FOLD} bài ghi `category: dat-dai`")
    assert len(folded.warnings) == 5  # drafts' warnings stay with their drafts


def test_a_long_or_hostile_name_is_recognised_in_linear_time():
    import time

    name = "`" * 5000 + "a" * 5000
    problems = Problems()
    for n in range(4):
        problems.error(f"content/a{n}.md", 3, "category", undeclared.message(name), "…")
    start = time.process_time()
    folded = undeclared.folded(problems, SiteConfig(), set(), {"": 9})
    assert time.process_time() - start < 1.0
    assert len(folded.errors) == 1 and "slug:" not in folded.errors[0].fix  # a cut name has no true slug

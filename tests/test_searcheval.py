"""scripts/searcheval.py (issue 16): its metrics, its reading of the set, and its errors.

No build and no browser here: the evaluation itself runs in the benchmark, never as a test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from sitekit import ROOT, script_module


def _load():
    return script_module("searcheval")


ev = _load()

LAW = """---
title: Bộ luật Lao động
number: 45/2019/QH14
year: 2019
---

## Điều 3. Giải thích từ ngữ

Trong Bộ luật này, các từ ngữ dưới đây được hiểu như sau:

1. Người lao động là người làm việc cho người sử dụng lao động.

## Điều 113. Nghỉ hằng năm

1. Người lao động làm việc đủ 12 tháng thì được nghỉ hằng năm.

a) 12 ngày làm việc đối với người làm công việc trong điều kiện bình thường;
"""

QUESTIONS = """- q: "Tôi mới đi làm được tám tháng thì có được nghỉ phép năm không?"
  law: bo-luat-lao-dong
  article: 113
- q: "người lao động là ai"
  law: bo-luat-lao-dong
  article: 3
  also: [113]
- q: "Hòa giải ở cơ sở là gì?"
  item: hoi-dap/hoi-dap-ve-hoa-giai-o-co-so.md#hoa-giai-o-co-so-la-gi
"""


def write_set(root: Path, law: str = LAW, questions: str = QUESTIONS) -> Path:
    (root / "laws").mkdir(parents=True)
    (root / "questions").mkdir()
    (root / "laws" / "bo-luat-lao-dong.md").write_text(law, encoding="utf-8")
    (root / "questions" / "bo-luat-lao-dong.yaml").write_text(questions, encoding="utf-8")
    return root


def test_metrics():
    relevant = ("a/", "b/")
    assert ev.first_rank(["x/", "b/", "a/"], relevant) == 2  # the first of the item and its `also`
    assert ev.first_rank(["x/"] * 10 + ["a/"], relevant) is None  # 11th is a miss at 10
    s = ev.scores([1, 2, None, 4])
    assert s["n"] == 4 and s["recall10"] == 0.75 and s["top1"] == 0.25
    assert s["mrr10"] == pytest.approx((1 + 0.5 + 0.25) / 4)
    assert ev.scores([])["recall10"] is None
    assert ev.spread([float(v) for v in range(1, 11)]) == {"median": 5.5, "p90": 9.0, "max": 10.0, "n": 10}
    assert ev.variants("Đất đai có được không?")["folded"] == "dat dai co duoc khong?"
    chosen = ev.sample(list(range(100)), 4)
    assert chosen == [0, 25, 50, 75] and ev.sample(list(range(100)), 4) == chosen
    assert ev.sample([1, 2], 5) == [1, 2]
    assert [ev.file_group(p) for p in ("/assets/search/u/3.js", "/assets/search/manifest.js",
                                        "/assets/vendor/lunr/lunr.min.js")] == ["u/", "manifest.js", "lunr.min.js"]


def test_reads_a_set_and_writes_its_pages(tmp_path):
    laws, questions = ev.load_set(write_set(tmp_path / "set"), ROOT / "content")
    law = laws["bo-luat-lao-dong"]
    assert list(law.articles) == ["3", "113"] and law.articles["113"].line == 13
    assert law.articles["113"].text.startswith("1. Người lao động") and law.articles["113"].text.endswith("bình thường;")
    assert [q.relevant for q in questions] == [
        ("tin-tuc/bo-luat-lao-dong-dieu-113/",),
        ("tin-tuc/bo-luat-lao-dong-dieu-3/", "tin-tuc/bo-luat-lao-dong-dieu-113/"),
        ("hoi-dap/hoi-dap-ve-hoa-giai-o-co-so/hoa-giai-o-co-so-la-gi/",)]
    assert questions[2].group == "mau" and questions[0].where == "questions/bo-luat-lao-dong.yaml:1"

    page = ev.law_page(law, law.articles["113"])
    meta = yaml.safe_load(page.split("---")[1])
    assert meta["title"] == "Điều 113. Nghỉ hằng năm"  # the article's own name, not the law's
    assert meta["documents"] == ["45/2019/QH14"] and meta["category"] == "bo-luat-lao-dong"
    assert meta["slug"] == "bo-luat-lao-dong-dieu-113"
    assert page.split("---\n", 2)[2].lstrip().startswith("Bộ luật Lao động 2019 (45/2019/QH14)\n")


NEWS_ITEM = """---
title: "Xin giấy độc thân ở đâu"
date: '2026-10-01'
category: Phổ biến, giáo dục pháp luật
---
Công nhân làm xa quê cần giấy độc thân.
"""


def test_a_sets_news_items_are_built_into_tin_tuc_and_found_by_their_file(tmp_path):
    """tin/bai/ of a set (session 50): items in citizens' words, each a page of tin-tuc/ under a
    prefix of its own, named in questions as `item: tin/bai/x.md`."""
    folder = write_set(tmp_path / "set")
    (folder / "tin" / "bai").mkdir(parents=True)
    (folder / "tin" / "bai" / "doc-than.md").write_text(NEWS_ITEM, encoding="utf-8")
    (folder / "tin" / "tin.yaml").write_text('- q: "giấy độc thân"\n  item: tin/bai/doc-than.md\n', encoding="utf-8")
    laws, questions = ev.load_set(folder, ROOT / "content", "tin")
    assert [q.relevant for q in questions] == [("tin-tuc/xin-giay-doc-than-o-dau/",)]
    work = ev.prepare_workdir(tmp_path / "work")
    assert ev.write_site(work, laws, 0, folder / ev.NEWS)["news_items"] == 1
    assert (work / "content" / "tin-tuc" / "danh-gia-doc-than.md").read_text(encoding="utf-8") == NEWS_ITEM
    (folder / "tin" / "tin.yaml").write_text('- q: "x"\n  item: tin/bai/khong-co.md\n', encoding="utf-8")
    with pytest.raises(ev.SetError) as error:
        ev.load_set(folder, ROOT / "content", "tin")
    assert "tin/tin.yaml:1: `item: tin/bai/khong-co.md`: không có tệp tin/bai/khong-co.md" in error.value.problems[0]


@pytest.mark.parametrize("text, expected", [("---\ntitle: [\n---\nx\n", "không đọc được phần khai báo"),
                                            ("---\n- a\n---\nx\n", "phải là các dòng")])
def test_a_news_item_with_broken_front_matter_is_a_problem_not_a_traceback(tmp_path, text, expected):
    folder = write_set(tmp_path / "set")
    (folder / "tin" / "bai").mkdir(parents=True)
    (folder / "tin" / "bai" / "hong.md").write_text(text, encoding="utf-8")
    (folder / "tin" / "tin.yaml").write_text('- q: "x"\n  item: tin/bai/hong.md\n', encoding="utf-8")
    with pytest.raises(ev.SetError) as error:
        ev.load_set(folder, ROOT / "content", "tin")
    assert expected in error.value.problems[0] and "tin/bai/hong.md" in error.value.problems[0]


def test_a_linked_news_item_is_refused_never_copied_into_the_site(tmp_path):
    """A link in tin/bai/ could bring any file of the machine into the built site."""
    folder = write_set(tmp_path / "set")
    (folder / "tin" / "bai").mkdir(parents=True)
    (tmp_path / "outside.md").write_text(NEWS_ITEM, encoding="utf-8")
    (folder / "tin" / "bai" / "lien-ket.md").symlink_to(tmp_path / "outside.md")
    (folder / "tin" / "tin.yaml").write_text('- q: "x"\n  item: tin/bai/lien-ket.md\n', encoding="utf-8")
    with pytest.raises(ev.SetError) as error:
        ev.load_set(folder, ROOT / "content", "tin")
    assert "liên kết" in error.value.problems[0]
    laws, _ = ev.load_set(folder, ROOT / "content")
    work = ev.prepare_workdir(tmp_path / "work")
    with pytest.raises(SystemExit, match="lien-ket.md là liên kết"):
        ev.write_site(work, laws, 0, folder / ev.NEWS)
    assert not (work / "content" / "tin-tuc" / "danh-gia-lien-ket.md").exists()


@pytest.mark.parametrize("law, questions, expected", [
    ("## Điều 1. Phạm vi\n\nText.\n", QUESTIONS, "laws/bo-luat-lao-dong.md:1: thiếu phần khai báo"),
    (LAW.replace("## Điều 113. Nghỉ", "## Điều 113 Nghỉ"), QUESTIONS, "laws/bo-luat-lao-dong.md:13: «## Điều 113 Nghỉ"),
    (LAW.replace("## Điều 113.", "## Điều 3."), QUESTIONS, "laws/bo-luat-lao-dong.md:13: Điều 3 đã có ở trên"),
    (LAW.replace("number: 45/2019/QH14", "number: 45/QH14"), QUESTIONS, "laws/bo-luat-lao-dong.md:2: `number: 45/QH14`"),
    (LAW, QUESTIONS.replace("article: 3", "article: 999"),
     "questions/bo-luat-lao-dong.yaml:4: bo-luat-lao-dong.md không có Điều 999"),
    (LAW, QUESTIONS.replace("law: bo-luat-lao-dong\n  article: 113", "law: luat-khac\n  article: 113"),
     "questions/bo-luat-lao-dong.yaml:1: `law: luat-khac` không có trong laws/"),
    (LAW, QUESTIONS.replace("#hoa-giai-o-co-so-la-gi", "#khong-co"),
     "questions/bo-luat-lao-dong.yaml:8: `item: hoi-dap/hoi-dap-ve-hoa-giai-o-co-so.md#khong-co`"),
    (LAW, QUESTIONS.replace("hoi-dap/hoi-dap-ve-hoa-giai-o-co-so.md", "../../etc/passwd.md"),
     "questions/bo-luat-lao-dong.yaml:8: `item: ../../etc/passwd.md#hoa-giai-o-co-so-la-gi` phải là đường dẫn"),
    (LAW, QUESTIONS.replace("  article: 3\n", "  artcle: 3\n"), "questions/bo-luat-lao-dong.yaml:4: trường `artcle`"),
    (LAW, QUESTIONS + "- q: [\n", "questions/bo-luat-lao-dong.yaml:"),
])
def test_a_broken_set_says_which_file_and_line(tmp_path, law, questions, expected):
    folder = write_set(tmp_path / "set", law, questions)
    with pytest.raises(ev.SetError) as caught:
        ev.load_set(folder, ROOT / "content")
    assert any(p.startswith(expected) for p in caught.value.problems), caught.value.problems


def test_the_command_reports_a_broken_set_without_a_traceback(tmp_path, capsys):
    folder = write_set(tmp_path / "set", LAW.replace("---\n", "", 2))
    assert ev.main(["--set", str(folder), "--no-browser"]) == 2
    err = capsys.readouterr().err
    assert "laws/bo-luat-lao-dong.md:1: thiếu phần khai báo" in err and "Traceback" not in err


def test_a_work_folder_that_is_not_ours_is_never_cleared(tmp_path):
    (tmp_path / "mine.txt").write_text("x", encoding="utf-8")
    with pytest.raises(SystemExit, match="không trống"):
        ev.prepare_workdir(tmp_path)
    assert (tmp_path / "mine.txt").exists()


def test_the_site_registers_each_law_and_maps_its_pages_back_to_the_law(tmp_path):
    laws, _ = ev.load_set(write_set(tmp_path / "set"), ROOT / "content")
    work = ev.prepare_workdir(tmp_path / "work")
    assert ev.write_site(work, laws, 0) == {"laws": 1, "law_articles": 2, "news_items": 0}
    config = yaml.safe_load((work / "mkdocs.yml").read_text(encoding="utf-8"))
    categories = next(p["bantin"] for p in config["plugins"] if isinstance(p, dict))["categories"]
    assert categories[-1]["title"] == "Bộ luật Lao động" and categories[-1]["slug"] == "bo-luat-lao-dong"
    assert (work / "content" / "hoi-dap" / "hoi-dap-ve-hoa-giai-o-co-so.md").is_file()  # the sample site too
    page = (work / "content" / "tin-tuc" / "bo-luat-lao-dong-dieu-113.md").read_text(encoding="utf-8").split("\n")
    law_file, heading, shift = json.loads((work / "sources.json").read_text(encoding="utf-8"))[
        "tin-tuc/bo-luat-lao-dong-dieu-113.md"]
    line = page.index("a) 12 ngày làm việc đối với người làm công việc trong điều kiện bình thường;") + 1
    assert (law_file, heading) == ("laws/bo-luat-lao-dong.md", 13)
    assert LAW.split("\n")[line + shift - 1].startswith("a) 12 ngày")  # a build error's line, in the law file


H2_CLIENT = r"""
const http2 = require("node:http2");
const [base, ...paths] = process.argv.slice(1);
const session = http2.connect(base, { rejectUnauthorized: false });
const out = {};
let left = paths.length;
for (const p of paths) {
  const req = session.request({ ":path": p, "accept-encoding": "gzip" });
  let status = 0, encoding = "", size = 0;
  req.on("response", (h) => { status = h[":status"]; encoding = h["content-encoding"] || ""; });
  req.on("data", (d) => { size += d.length; });
  req.on("end", () => {
    out[p] = [status, encoding, size];
    if (--left === 0) { console.log(JSON.stringify(out)); session.close(); }
  });
  req.end();
}
"""


def test_the_http2_server_serves_the_site_and_nothing_outside_it(tmp_path):
    site = tmp_path / "site"
    (site / "tim-kiem").mkdir(parents=True)
    (site / "tim-kiem" / "index.html").write_text("<p>tìm kiếm</p>" * 50, encoding="utf-8")
    (site / "404.html").write_text("không có", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("bí mật", encoding="utf-8")
    (site / "link.txt").symlink_to(tmp_path / "secret.txt")
    base, server = ev.serve_h2(site, tmp_path)
    try:
        paths = ["/tim-kiem/", "/../secret.txt", "/%2e%2e/secret.txt", "/link.txt", "/tim-kiem/%00", "/%zz"]
        run = ev.subprocess.run(["node", "-e", H2_CLIENT, base, *paths], capture_output=True, text=True, timeout=30)
        answers = json.loads(run.stdout)
    finally:
        server.kill()
    assert answers["/tim-kiem/"][:2] == [200, "gzip"]
    for path in paths[1:]:
        assert answers[path][0] == 404, path  # outside the folder, through a symlink, or malformed


def test_the_held_out_estimate_weighs_our_strata_as_bm25_scores_there():
    """A ranker identical to BM25 is estimated at exactly BM25's figures on the issue's set; one
    that always ranks the answer first at 1 / 1; a stratum the weights need but the set lacks
    gives no estimate rather than a wrong one."""
    bm25_ranks = [1] * 50 + [2] * 10 + [3] * 5 + [6] * 10 + [None] * 5
    same = ev.projection([(b, b) for b in bm25_ranks])
    assert same["projected"]["recall10"] == pytest.approx(0.98)
    assert same["projected"]["mrr10"] == pytest.approx(0.92)
    assert same["strata"]["4-10"] == {"n": 10, "recall10": 1.0, "mrr10": pytest.approx(1 / 6), "top1": 0.0,
                                      "bm25_mrr10": pytest.approx(1 / 6)}
    best = ev.projection([(1, b) for b in bm25_ranks])
    assert best["projected"] == {"recall10": pytest.approx(1.0), "mrr10": pytest.approx(1.0)}
    assert best["reverse"] == pytest.approx(sum(1 / b for b in bm25_ranks if b) / len(bm25_ranks))  # BM25's own MRR
    # ours second wherever BM25 is first, the same elsewhere: only the first stratum's share moves
    worse = ev.projection([(2 if b == 1 else b, b) for b in bm25_ranks])
    first = worse["weights"]["1"]
    assert worse["projected"]["mrr10"] == pytest.approx(0.92 - first * 0.5)
    assert ev.projection([(b, b) for b in bm25_ranks if b])["projected"] is None  # no missed question to weigh


# --- scripts/bm25.py: issue 16's bar ------------------------------------------------------

import bm25  # noqa: E402  (scripts/ is on sys.path once searcheval is loaded)


def test_bm25_ranks_a_phrase_above_its_scattered_words_and_skips_unrelated_documents():
    index = bm25.Bm25([
        ("scattered/", "Giải thích từ ngữ. Hòa bình là mục tiêu, còn tranh chấp thì phải giải quyết."),
        ("phrase/", "Hòa giải ở cơ sở do tổ hòa giải thực hiện."),
        ("unrelated/", "Đăng ký khai sinh cho trẻ em."),
    ])
    assert index.search("hoa giai o co so") == ["phrase/", "scattered/"]
    assert index.search("hòa giải") == ["phrase/", "scattered/"]  # tone marks fold away
    assert index.search("tàu vũ trụ") == []


def test_bm25_is_the_formula_the_issue_names():
    """idf = ln(1 + (N - df + .5) / (df + .5)) (Lucene's and lunr's, never negative), k1 1.2,
    b 0.75: of two documents with the term once, the shorter one wins, whatever their order."""
    import math

    index = bm25.Bm25([("long/", "lao động " + "khác nhau " * 20), ("short/", "lao động"), ("other/", "đất đai")])
    assert index.idf("lao") == pytest.approx(math.log(1 + (3 - 2 + 0.5) / (2 + 0.5)))
    assert index.idf("dat") == pytest.approx(math.log(1 + (3 - 1 + 0.5) / (1 + 0.5)))
    assert index.search("lao dong") == ["short/", "long/"]
    # 42 syllables and 41 pairs, 2 + 1, 2 + 1 terms; "đất đai" is three terms of df 1 and tf 1
    assert index.lengths == [83, 3, 3]
    norm = 1.2 * (1 - 0.75 + 0.75 * 3 / (89 / 3))
    assert index.scores("dat dai") == {2: pytest.approx(3 * math.log(1 + 2.5 / 1.5) * 2.2 / (1 + norm))}
    assert index.terms("Điều 09") == ["dieu", "9", "dieu 9"]  # the search's own analyser: 09 is 9


@pytest.mark.parametrize("folder, count", [("questions", 501), ("ngan", 104), ("ngan2", 96), ("tin", 22)])
def test_the_committed_sets_load_every_question_against_the_laws_and_the_sample(folder, count):
    """The committed sets read as the harness reads them: every question names an article that
    exists (a law file edited, or the sample's content renamed, would otherwise surface only in
    the benchmark). The counts are those the README and performance.md quote."""
    laws, questions = ev.load_set(ev.DEFAULT_SET, ROOT / "content", folder)
    assert len(laws) == 12 and len(questions) == count

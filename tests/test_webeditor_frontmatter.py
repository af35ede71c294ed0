"""bantin-frontmatter.js in Node.js: how a file's front matter is cut into its keys, where a
new key goes, and that hostile sizes cost linear time. With Decap's own format (its YAML
reader and writer), in Chromium: test_webeditor_browser.py's
test_a_save_changes_only_the_lines_whose_values_changed."""

from __future__ import annotations

import json

from sitekit import ROOT
from test_webeditor import _node_json

SCRIPT = str(ROOT / "plugins/bantin/webeditor/bantin-frontmatter.js")

# A stand-in for Decap's format where every text reads alike: what `kept` then returns is its
# cutting and ordering alone (the reader's check is Chromium's test).
LOAD = ("global.window = {}; require(process.argv[1]); const fm = window.bantinFrontMatter;"
        "const same = {fromFile: () => ({}), toFile: () => process.argv[2]};")


def _kept(cases: list[tuple[str, str]]) -> list[str]:
    """`kept(raw, written)` for each case, the format's writer giving back `plain` (Decap's
    text of the old values) as the last of each case."""
    script = (LOAD + "process.stdout.write(JSON.stringify(JSON.parse(require('fs').readFileSync(0, 'utf8'))"
              ".map(([raw, written, plain]) => fm.kept(raw, written,"
              " {fromFile: () => ({}), toFile: () => plain}, [], {}))));")
    return _node_json(script, SCRIPT, "", given=cases)


def test_a_key_s_lines_are_its_own_and_a_comment_goes_with_the_key_below_it():
    head = ["# về tiêu đề", "title: A", "tags:", "- a", "", "- b", "summary: >-", "  dòng một", "", "  dòng hai",
            "", "# cuối"]
    script = LOAD + "process.stdout.write(JSON.stringify(fm.keys(JSON.parse(process.argv[2]))));"
    got = _node_json(script, SCRIPT, json.dumps(head))
    assert got == {"list": [{"key": "title", "lead": ["# về tiêu đề"], "lines": ["title: A"]},
                            {"key": "tags", "lead": [], "lines": ["tags:", "- a", "", "- b"]},
                            {"key": "summary", "lead": [], "lines": ["summary: >-", "  dòng một", "", "  dòng hai"]}],
                   "tail": ["", "# cuối"]}


def test_what_is_not_plain_keys_is_left_to_decap():
    """None (Decap's text is saved) for a quoted key, a key twice, a line under no key, a list
    item after a comment, `?` keys, a document's end."""
    heads = [['"title": A'], ["title: A", "title: B"], ["  a: 1"], ["tags:", "# c", "- a"], ["? a", ": b"],
             ["title: A", "..."], ["title:A"], ["- a"]]
    script = LOAD + "process.stdout.write(JSON.stringify(JSON.parse(process.argv[2]).map((h) => fm.keys(h))));"
    assert _node_json(script, SCRIPT, json.dumps(heads)) == [None] * len(heads)


def test_kept_lines_new_keys_and_gone_keys_take_their_places():
    raw = "---\nb: 1\n# về c\nc: [x]\nd: 4\n---\n\nThân.\n"
    plain = "---\nb: 1\nc:\n  - x\nd: 4\n---\nThân.\n"  # Decap's text of the file's values
    # the form's order: a, b, c, e, f; d is gone, a, e and f are new, c unchanged, b changed
    written = "---\na: 0\nb: 2\nc:\n  - x\ne: 5\nf: 6\n---\nThân mới.\n"
    assert _kept([(raw, written, plain)]) == ["---\na: 0\nb: 2\n# về c\nc: [x]\ne: 5\nf: 6\n---\n\nThân mới.\n"]


def test_a_file_without_front_matter_or_new_is_saved_as_decap_writes_it():
    written = "---\ntitle: A\n---\nThân.\n"
    cases = [("", written, written), ("Thân.\n", written, written), ("---\ntitle: A\n", written, written),
             ("---\ntitle: A\n---\n", "Thân.\n", written)]
    assert _kept(cases) == [written, written, written, "Thân.\n"]


def test_hostile_sizes_cost_linear_time():
    """Many keys, a key of many lines, many comments, many new keys: eight times the lines at
    most 24 times the CPU (linear: 8; a quadratic concat or splice: 64 and more). Eight, not four
    as tests/growth.py: V8's collector makes 80,000 lines cost 5 to 12 times 20,000 on an idle
    machine (CI failed on 11 times under load, session 46), which a ratio of 8 cannot tell from
    growth. Process CPU, so a loaded machine's other processes do not count; up to three rounds,
    the slowest small run against the fastest large one; a floor of 0.01 s."""
    script = LOAD + r"""
const sizes = [5000, 40000];
const shapes = {
  keys: (n) => ["---", ...Array.from({length: n}, (_, i) => "k" + i + ": " + i), "---", ""].join("\n"),
  lines: (n) => ["---", "summary: |", ...Array.from({length: n}, (_, i) => "  dòng " + i), "---", ""].join("\n"),
  comments: (n) => ["---", ...Array.from({length: n}, (_, i) => "# " + i), "title: A", "---", ""].join("\n"),
};
const out = {};
for (const [name, make] of Object.entries(shapes)) {
  out[name] = sizes.map((n) => {
    const raw = make(n), written = name === "keys" ? raw.replace(/^k(\d+): /gm, "n$1: ") : raw;
    const format = {fromFile: () => ({}), toFile: () => raw};
    fm.kept(raw, written, format, [], {});
    return [0, 1, 2].map(() => {
      const t = process.cpuUsage(); fm.kept(raw, written, format, [], {});
      const used = process.cpuUsage(t);
      return (used.user + used.system) / 1e6;
    });
  });
}
process.stdout.write(JSON.stringify(out));
"""
    for name, (small, big) in _node_json(script, SCRIPT, "").items():
        rounds = [(max(small[:k + 1]), min(big[:k + 1])) for k in range(3)]
        assert any(b < 4 and b < 24 * max(s, 0.01) for s, b in rounds), (name, small, big)

"""The redirect rules as a table that grows (`site/ruletable.py`, session 36) answer every
request as `matching_rule(query_rules(pairs))` does: on the pairs of test_redirect_ids.py,
on random tables (small alphabets, so paths, parameters, fallback keys and targets collide
in every way: case, order, DotNetNuke scoping, ambiguous identifiers, bare paths), added
pair by pair and over a parent table; and a lookup reads a few rules, not all of them.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bantin.site.redirectmap import matching_rule, query_rules
from bantin.site.ruletable import RuleTable
from test_redirect_ids import PAIRS

_PATHS = st.sampled_from(["/a.aspx", "/A.aspx", "/b.php", "", "/"])
_PARAMS = st.sampled_from(["id=1", "ID=1", "id=2", "ItemID=1", "itemid=2", "tabid=5", "TabId=6", "mid=1", "cat=3",
                           "p=1", "x=", "page=2", "id="])
_HOSTS = st.sampled_from(["http://cu.gov.vn", "http://CU.gov.vn", ""])
_TARGETS = st.sampled_from(["/tin-tuc/a/", "/tin-tuc/b/", "/hoi-dap/hd/c/"])


@st.composite
def _address(draw) -> str:
    params = draw(st.lists(_PARAMS, max_size=4))
    query = "?" + "&".join(params) if params or draw(st.booleans()) else ""
    return draw(_HOSTS) + (draw(_PATHS) or "/") + query


_PAIR = st.tuples(_address(), _TARGETS)


def _same(table: RuleTable, pairs: list[tuple[str, str]], requests: list[str]) -> None:
    rules = query_rules(pairs)[0]
    for request in requests:
        path, _, query = request.partition("?")
        assert table.match(path or "/", query) == matching_rule(rules, path or "/", query), (request, pairs)


def _requests(pairs: list[tuple[str, str]], extra: list[str]) -> list[str]:
    """Each old address's own path and query, with its parameters reversed and upper-cased too."""
    found = list(extra)
    for old, _ in pairs:
        tail = old.split("://", 1)[-1]
        request = "/" + tail.split("/", 1)[1] if "/" in tail else "/"
        path, _, query = request.partition("?")
        found += [request, f"{path}?{'&'.join(reversed(query.split('&')))}".upper(), path]
    return found


def test_the_redirect_ids_pairs_are_matched_as_query_rules_matches_them() -> None:
    requests = _requests(PAIRS, ["/xem.php?id=5", "/index.php?Itemid=45", "/tin-tuc-su-kien/Default.aspx?ItemID=456",
                                 "/tin-tuc/chi-tiet.html?page=1&ID=2031", "/tin-tuc-su-kien/Default.aspx?tabid=130"
                                 "&ItemID=456"])
    _same(RuleTable(PAIRS), PAIRS, requests)


@settings(max_examples=400, deadline=None)
@given(st.lists(_PAIR, max_size=12), st.lists(_address(), max_size=6))
def test_a_table_grown_pair_by_pair_matches_as_query_rules(pairs, extra) -> None:
    table = RuleTable()
    requests = _requests(pairs, extra)
    for count, pair in enumerate(pairs, 1):
        table.add([pair])
        _same(table, pairs[:count], requests)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PAIR, max_size=10), st.lists(_PAIR, max_size=4), st.lists(_address(), max_size=6))
def test_a_table_over_another_answers_for_both_and_leaves_it_as_it_was(below, above, extra) -> None:
    parent = RuleTable(below)
    requests = _requests(below + above, extra)
    _same(RuleTable(above, parent=parent), below + above, requests)
    _same(parent, below, requests)


def test_a_lookup_reads_the_rules_it_could_match_not_every_rule(monkeypatch) -> None:
    """The point of the table: 3,000 questions of one portal path are one lookup each."""
    import bantin.site.ruletable as ruletable

    pairs = [(f"http://cu.gov.vn/Pages/hoi-dap.aspx?tabid=7&ItemID={n}", f"/hoi-dap/hd/c{n}/") for n in range(3_000)]
    table = RuleTable(pairs)
    ranked = []
    monkeypatch.setattr(ruletable, "_rank", lambda rule: ranked.append(rule) or (rule.fallback, rule.target, rule))
    assert table.match("/pages/HOI-DAP.aspx", "ItemID=2999&tabid=7&x=1").target == "/hoi-dap/hd/c2999/"
    assert table.match("/Pages/hoi-dap.aspx", "ItemID=2999") is None  # DotNetNuke: the tab is kept beside it
    assert len(ranked) <= 4  # the full rule and the fallback of item 2999 (the old way: 6,000 rules read)

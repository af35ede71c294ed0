"""The redirect map's rules as a table that grows: `query_rules` and `matching_rule` in one,
without sorting every rule again for each pair added, nor reading every rule for each lookup.

`bantin import --handbook` asks, for every link of every answer, which new page an old
address became, among the portal's pages known before the run and every question of the run
so far. Made with `query_rules` for each question, that table cost the run the square of its
length (session 35: a third of a linked run's time). Here pairs are added as the run writes
them, and a lookup reads only the rules that could match it.

The answer is always `matching_rule(query_rules(pairs)[0], path, query)` (tests/
test_ruletable.py compares them on random tables). Why they agree:

- `matching_rule` returns the first rule, in `query_rules`' order, whose path is the
  request's (case aside) and whose parameters the request all holds. That order is a sort:
  rules with parameters by (-number of parameters, path, parameters, target), then fallbacks
  by (path, parameters, target), then rules without parameters by (path, target); two rules
  equal under it are the same rule. So the first match is the least match under `_rank`.
- A rule with parameters matches only if every one of them is in the request, so also the
  one it is filed under (`_filed`): the lookup reads the buckets of the request's own
  parameters on its path, and the path's rules without parameters.
- A fallback exists for a key (path and kept parameters, lower case) when every pair with it
  names one target, and is made from the least such pair (`query_rules` walks the pairs
  sorted and makes it from the first); both are kept per key as pairs are added. `query_rules`
  also makes none where a pair's own rule has that key, but such a rule matches every
  request the fallback would and comes first: it never changes the answer, so it is not kept.

A table may sit over another (`parent`): it answers for the pairs of both, without copying
or changing the one below (a question's own addresses over the run's, for one answer). The
parent must not change while the table over it is used.
"""

from __future__ import annotations

from typing import Iterable, Iterator
from urllib.parse import urlsplit

from bantin.site.redirectmap import Rule, fallback_params, identifying_param, query_params

_Key = tuple[str, tuple[str, ...]]  # (path, parameters), lower case


class RuleTable:
    """The rules of the pairs added so far (and of the parent's), for `match`."""

    def __init__(self, pairs: Iterable[tuple[str, str]] = (), parent: RuleTable | None = None) -> None:
        self._parent = parent
        self._full: dict[tuple[str, str], set[Rule]] = {}  # (path, filed parameter) -> rules with parameters
        self._bare: dict[str, set[Rule]] = {}  # path -> rules without parameters
        self._targets: dict[_Key, set[str]] = {}  # fallback key -> the targets of its pairs
        self._least: dict[_Key, tuple[str, str]] = {}  # fallback key -> its least pair, which makes its rule
        self._fallbacks: dict[tuple[str, str], set[_Key]] = {}  # (path, filed parameter) -> fallback keys
        self.add(pairs)

    def add(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Add (old address, new path) pairs; a pair added twice changes nothing."""
        for old, new in pairs:
            parts = urlsplit(old)
            path = parts.path or "/"
            low = path.lower()
            params = tuple(query_params(parts.query))
            lowered = tuple(p.lower() for p in params)
            if params:
                self._full.setdefault((low, _filed(lowered)), set()).add(Rule(path, params, new))
            else:
                self._bare.setdefault(low, set()).add(Rule(path, params, new))
            keep = fallback_params(parts.query)
            if keep:
                key = (low, tuple(p.lower() for p in keep))
                self._targets.setdefault(key, set()).add(new)
                if key not in self._least or (old, new) < self._least[key]:
                    self._least[key] = (old, new)
                self._fallbacks.setdefault((low, _filed(key[1])), set()).add(key)

    def match(self, path: str, query: str) -> Rule | None:
        """The rule the old host's server applies to `path?query` (`matching_rule`'s)."""
        asked = {part.lower() for part in query_params(query)}
        low = path.lower()
        best: tuple | None = None
        for param in asked:
            for rule in self._union("_full", (low, param)):
                if all(p.lower() in asked for p in rule.params):
                    best = min(best or _rank(rule), _rank(rule))
            for key in self._union("_fallbacks", (low, param)):
                if all(p in asked for p in key[1]) and (rule := self._fallback(key)) is not None:
                    best = min(best or _rank(rule), _rank(rule))
        if best is None:
            best = min((_rank(rule) for rule in self._union("_bare", low)), default=None)
        return best[-1] if best else None

    def _fallback(self, key: _Key) -> Rule | None:
        """The fallback rule of a key, or None where `query_rules` makes none."""
        if len(self._union("_targets", key)) != 1:
            return None
        old, new = min(table._least[key] for table in self._tables() if key in table._least)
        parts = urlsplit(old)
        return Rule(parts.path or "/", fallback_params(parts.query), new, fallback=True)

    def _union(self, name: str, key) -> set:
        """The set filed under `key` in one of the tables' dicts, over this table and those below."""
        found: set = set()
        for table in self._tables():
            found |= getattr(table, name).get(key, set())
        return found

    def _tables(self) -> Iterator[RuleTable]:
        table: RuleTable | None = self
        while table is not None:
            yield table
            table = table._parent


def _filed(lowered: tuple[str, ...]) -> str:
    """The parameter a rule is filed under: its identifying one (few rules share it), else the
    least. Any of its own would do: a request that matches the rule holds them all."""
    return identifying_param("&".join(lowered)) or min(lowered)


def _rank(rule: Rule) -> tuple:
    """Where `query_rules` puts a rule (the first match is the least), with the rule last."""
    if rule.fallback:
        return (1, 0, rule.path, rule.params, rule.target, rule)
    if rule.params:
        return (0, -len(rule.params), rule.path, rule.params, rule.target, rule)
    return (2, 0, rule.path, rule.params, rule.target, rule)

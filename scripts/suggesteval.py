#!/usr/bin/env python3
"""How often «Có phải bạn muốn tìm» gives back the word a reader meant (search/suggest.py).

    PYTHONPATH=plugins .venv/bin/python scripts/suggesteval.py [site/assets/search] [--seed 1]

Every syllable of the index (a–z, 3–10 letters, in 2 items or more) is typed wrong in each way
at distance 1 (a letter wrong, missing, extra, two side by side swapped) and, for 5 letters or
more, a sample at distance 2 (two of those). A typo that is itself a syllable of the index is
left out (nothing to fix: the search finds it). For each maximum distance, the share of typos
whose suggestion is the word meant, another word, or none, and the time a suggestion takes.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

from bantin.search import suggest
from bantin.search.suggest import edits
from bantin.search.reader import load_search_index


def run(root: Path, seed: int) -> None:
    index = load_search_index(root)
    shards = [index._shard("u", n) for n in range(index.manifest["shards"]["u"])]
    known = {t for s in shards for t in s if " " not in t}
    words = sorted(t for s in shards for t, p in s.items()
                   if p is not None and " " not in t and t.isascii() and t.isalpha() and 3 <= len(t) <= 10 and len(p.ids) >= 2)
    rng = random.Random(seed)
    one = [(w, t) for w in words for t in sorted(edits(w)) if t not in known]
    two = []
    for w in words:
        if len(w) >= 5:
            far = sorted({e2 for e1 in rng.sample(sorted(edits(w)), 8) for e2 in rng.sample(sorted(edits(e1)), 4)} - known - edits(w) - {w})
            two += [(w, t) for t in far[:6]]
    print(f"{root}: {len(words)} syllables, {len(one)} typos at distance 1, {len(two)} at distance 2 (5+ letters)")
    for limit_long in (1, 2):
        for name, typos in (("distance 1", one), ("distance 2", two)):
            right = wrong = none = 0
            started = time.perf_counter()
            for meant, typo in typos:
                suggest.MAX_DISTANCE = limit_long if len(typo) >= 5 else 1
                got = index.suggest(typo)
                right += got == meant
                none += got is None
                wrong += got not in (None, meant)
            per = (time.perf_counter() - started) / max(1, len(typos)) * 1000
            n = max(1, len(typos))
            print(f"  max distance {limit_long} for 5+ letters, typos at {name}: right {right / n:.1%}, "
                  f"wrong {wrong / n:.1%}, none {none / n:.1%}  ({per:.2f} ms each in Python)")
    suggest.MAX_DISTANCE = 1


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 1
    run(Path(args[0] if args else "site/assets/search"), seed)

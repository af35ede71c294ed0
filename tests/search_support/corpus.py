"""A deterministic corpus of any size, made by shuffling the sample sentences."""

from __future__ import annotations

import random
import re
from dataclasses import replace

from bantin.search.terms import SearchDoc

from .samples import SAMPLE_DOCS

KINDS = ("article", "article", "article", "question", "guide")


def _sentences() -> list[str]:
    out = []
    for doc in SAMPLE_DOCS:
        out += [s.strip() for s in re.split(r"(?<=[.?!])\s+", doc.text) if s.strip()]
        out.append(doc.title)
    return out


def mixed_docs(n: int, seed: int = 7) -> list[SearchDoc]:
    """n documents of 2-12 sample sentences, with varied kinds, categories, years, numbers."""
    rng = random.Random(seed)
    sentences = _sentences()
    base = list(SAMPLE_DOCS)
    out = []
    for i in range(n):
        template = base[i % len(base)]
        text = " ".join(rng.choice(sentences) for _ in range(rng.randrange(2, 13)))
        title = rng.choice(sentences).rstrip(".?!")[:90]
        out.append(replace(
            template,
            url=f"tin-tuc/bai-{i}/",
            title=title,
            kind=KINDS[i % len(KINDS)],
            date=f"{2019 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            text=text + f" Điều {rng.randrange(1, 60)} khoản {rng.randrange(1, 9)}.",
            handbook="Sổ tay" if KINDS[i % len(KINDS)] == "question" else "",
        ))
    return out

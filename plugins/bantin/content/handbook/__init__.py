"""Hỏi - Đáp handbooks: one file, every `## ` heading a question with a permanent id (DESIGN §3).

`reader.py` reads a handbook body into its intro, questions and groups, reporting what is
wrong; the rules it applies live one concern per module, read bottom-up:

- `headings.py`: fenced code, `## ` headings, a heading's question, `{#id}` and number;
- `asks.py`: whether a heading's words ask or name a part of the handbook;
- `ids.py`: what an id is, ids written slightly wrong, new ids, `bantin ids`;
- `idproblems.py`: the messages about ids (missing, written wrong, taken, shared);
- `groups.py`: the `# ` group lines, the group of each question, their problems;
- `paragraphs.py`: a question written as a paragraph (a warning);
- `misplaced.py`: a question written where the build sees none (errors), and `answer_line`;
- `swallowed.py`: a question swallowed by raw HTML left open above it;
- `legalbasis.py`: an answer's closing «Căn cứ pháp lý:» paragraph;
- `page.py`: the handbook page's and the print's Markdown, an answer's headings shifted;
- `parts.py`: a body re-read from one of its headings on (`bantin import --handbook`).

Like every package `__init__` here it imports nothing (tests/test_architecture.py): callers
import each name from the module that holds it, so the import graph shows who needs what.
"""

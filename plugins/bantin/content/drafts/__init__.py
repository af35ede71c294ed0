"""Drafts: files with `draft: true`, which the site never publishes (DESIGN §3, §7; issue 14).

A draft is an article, handbook or page still being written, or one taken down: the published
site has no page for it (only the live preview and the `drafts: true` option show it), so
nothing a reader sees can be wrong because of it, and nothing on the site may tell readers
what it is. Hence four rules, one module each, read bottom-up:

- `policy.py`: a draft's problems never block publishing (warnings that say so; in the
  preview a draft with an error is left out), and which files are drafts, including one whose
  front matter could not be read but says `draft: true` (`declares_draft`);
- `files.py`: the files of content/ a draft that could not be read names, held back with it
  (a file only drafts use is not published; the build reads any page that failed its checks
  the same way, so what it names is not taken as used by nobody);
- `broken.py`: the addresses a draft that does not build still has (its YAML read without
  YAML, its file's name, its questions' ids), so `mentions.py` looks for them too;
- `mentions.py`: a draft's address written as text in a published page (summary, source,
  a link's words, code) is taken out of the site, with a warning.

Elsewhere: a link to a draft is published as its words (content/checks._to_draft,
content/links.unlink), the files only drafts use are found by content/checks.draft_only, and
site/build.read_site applies these rules in order.

Like every package `__init__` here it imports nothing (tests/test_architecture.py): callers
import each name from the module that holds it, so the import graph shows who needs what.
"""

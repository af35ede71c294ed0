"""Import pages saved from old portals as articles (`bantin import FILE...`).

Old provincial portals are full of furniture: header clocks, visitor counters, font-size
and contrast bars, audio-player timers, ratings, comment boxes with captchas, "related"
and "same category" link lists. An editor saves a page (as HTML, as a web archive `.mht`,
or by copying its text into a `.txt` file) and this package turns it into an article
(DESIGN §3) under `content/tin-tuc/<slug>.md`.

What it does, in order (and the module that does it):

1. `reading`: read bytes and decode them (UTF-8 with or without BOM, UTF-16 with BOM,
   otherwise the charset an HTML page declares, otherwise Windows-1258), normalise to NFC,
   and refuse TCVN3/VNI text, which no normalisation repairs (DESIGN §5).
2. `units`, `htmlpage`: cut the page into *units*: one per line of a text copy; one per
   block element of an HTML page, flagged when it comes from a heading or an element whose
   class says "title". HTML bodies come from trafilatura's main-content extraction; our own
   rules (`lines`) then drop what it keeps (counters, timers, ratings, link-only
   paragraphs, glued image names). Lists become Markdown lists (`lists`); whatever the
   extraction left out between the first paragraph and the signature is reported
   (`losses`), never dropped silently.
3. `units`, with `dates`, `bylines` and `infobar`: find the article's first paragraph (the
   *anchor*). The title is what the page declares (a confirmed `<h1>`, og:title, `<title>`)
   when it is written just above the anchor, else the nearest title-like unit above it —
   never an info bar ("Ngày đăng … | Lượt xem …", `infobar`) or a counter; the date is a
   "Ngày đăng"/"Cập nhật" line or a date line next to the title — never a header clock (a
   time with seconds or AM/PM above the article) or a "last visit" stamp. Bylines (also a
   signature alone on the last line, often after "./."), "Nguồn: … Link: …" and
   "(TTXVN) -" prefixes give author and source. The article ends at the first
   "Tin liên quan" / "Đánh giá:" / "Bình luận" unit.
   Images of the body stay blocks in their place; `imagesrc` tells a file saved with the
   page (`bai_files/anh.jpg`) from an address on the old server. A link waits as a marker
   (`links`: its href read against the page's old address, a script or data address never
   a link).
4. `images`: copy the images saved with the page into `content/images/` (reads confined to
   the page's folder, checked as images, never over a file) and write `![alt](../images/…)`
   where they stood; every other image is named in a note.
5. `writing`: write YAML front matter with only the fields DESIGN §3 allows, never
   overwriting a file (`safefiles`), and report every field it could not determine instead
   of guessing: a missing title or date gets a visible placeholder and `draft: true`, a
   missing category the placeholder `chua-phan-loai`, which the checker flags. Every page
   of a run gets its file before any is written, so `relink` can make a link to another
   old page that has a page on the new site (`oldpages`: this run's, or one an earlier
   import recorded, read by `sitepages`) a link to that file; any other link to the old
   portal keeps its address and is reported with its line.
6. `urls`, `redirectmap`, `webserver`: record the page's old address: a plain path becomes
   an alias (the new site serves a redirect page there); an address a static host cannot
   serve (a query string such as `?ItemID=123`, or a server-side script such as `.aspx`)
   goes into a redirect map, from which `nginx_redirects` / `apache_redirects` write
   configuration for the old host.

7. `handbook` (`bantin import --handbook`): the same reading, written instead as one question
   appended to a Hỏi - Đáp handbook (an old portal's Q&A items), its old address redirected
   to the question's own page.

`result` holds what an import produces (`ImportResult`, `ImportFailure`) and the rules every
step shares; the command lines `bantin import` and `bantin redirects` are in
`bantin/cli/importer.py`.

Nothing in the build uses this package, and it does not import MkDocs.
"""

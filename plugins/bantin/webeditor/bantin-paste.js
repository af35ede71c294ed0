/* Bản tin's tables and pasted Word text in the web editor's "Nội dung" (rich text mode).
 * Loaded after Decap and before bantin-admin.js, which starts Decap.
 *
 * - "Bảng": a Markdown table (`| … |` lines, guide §5.4) is one block holding its own text.
 *   Decap's rich text editor read such a table into its own table cells and wrote it back
 *   padded, with every column's alignment (`---:`) lost and a `\|` inside a cell unescaped
 *   into a cell of its own (measured, session 35): saving a word changed elsewhere rewrote
 *   the table, and could shift a row's figures into the wrong column. As a block, the table
 *   is written back byte for byte; it is edited as text in the block, and the "+" menu adds
 *   a new one from a model.
 * - Paste (Decap hands us each node of the pasted HTML, scripts/patch_decap.py): a table
 *   (from Word, Excel, a web page) becomes such a block, its first row the header, every
 *   cell under its column (merged cells: empty places); Decap made one paragraph of every
 *   cell without a word. Word's bulleted paragraphs (MsoListParagraph: "-", "·", "o" then a
 *   run of non-breaking spaces) become list items; Decap kept the marker, saved as `\-` and
 *   spaces; Word's list levels are nested lists. Lettered points «a)», «A)», roman «I.» and
 *   numbers that a Markdown list would renumber stay as typed. Word's bold (<b>, which Decap
 *   dropped) and italic are marks; a cell keeps them, and its http(s)/mailto/tel links, as
 *   Markdown; a header of two rows names each column by both. Space between Word's
 *   paragraphs is dropped, not kept as a stray paragraph.
 * - "Markdown giữ nguyên": a note box (`!!!`), an HTML block with `markdown="1"`, a picture
 *   with `{: … }` after it and link definitions (an editor's note `[//]: # (…)`), which Decap's
 *   editor changed or dropped on any save, held as text like a table.
 * Everything shown is built with `h` (React elements) or as Markdown text: never as HTML.
 */
(function () {
  "use strict";
  var CMS = window.CMS, h = window.h;
  if (!CMS || typeof CMS.registerEditorComponent !== "function") { return; }

  // --- a Markdown table, kept as written ------------------------------------------------------
  // A header line holding a `|`, then the delimiter row (`| --- | :--: |`, a `|` in it), then
  // every line up to the first blank one, as Python-Markdown reads a table (a block). Not a
  // heading, quote or list item: those lines are not a table's header. No multiline flag:
  // Decap tries the pattern at the start of each block. The header's `|` is looked for ahead
  // (a lookahead is not backtracked into): `[^\n]*\|[^\n]*` tried every `|` of the line against
  // every end when the next line was no delimiter row, 1.2 s for a line of 40,000 (review, session 36).
  var HEADER = "[ ]{0,3}(?![#>]|[-*+][ \\t]|\\d{1,9}[.)][ \\t])(?=[^\\n]*\\|)[^\\n]*";
  var CELL = "[ \\t]*:?-+:?[ \\t]*";
  var DELIMITER = "[ ]{0,3}(?=[^\\n]*\\|)\\|?" + CELL + "(?:\\|" + CELL + ")*\\|?[ \\t]*";
  var ROWS = "(?:\\n(?![ \\t]*(?:\\n|$))[^\\n]*)*";
  var TABLE = new RegExp("^" + HEADER + "\\n" + DELIMITER + "(?=\\n|$)" + ROWS);
  var MODEL = "| Cột 1 | Cột 2 |\n| --- | --- |\n|  |  |";

  // The table as the file will hold it: its own lines, no blank line inside (a blank line
  // would end the table there and leave the rest as a paragraph of `|`), nothing after.
  // Run on every change in the block. The end is cut with trimEnd (the same white space as
  // `\s`), not `/\s+$/g`: tried from every space of a run, that read a run of 80,000 spaces
  // inside a row 80,000 times, 7.9 s a keystroke (session 38).
  function tableText(text) {
    return String(text || "").replace(/\r\n?/g, "\n").replace(/\n[ \t]*(?=\n)/g, "").replace(/^\n+/, "").trimEnd();
  }

  // A row's cells as written: split on `|` not escaped by `\` and not inside a code span, the
  // outer pipes dropped, as Python-Markdown's table extension splits a row (`_split`): a run of
  // backticks (after a `\`, one fewer when it opens) pairs with the next run of its length, and
  // a `|` between is the code's (`a | b` split the preview's cell in two, the site's not:
  // session 38's review). Linear where Python-Markdown's is not: each length's runs are a list
  // read forward once, and the pipes and the code's stretches, both in order, are read together.
  // Their Markdown (`\|` included) is read by cellShown, as Python-Markdown reads a cell.
  function cells(line) {
    line = line.trim().replace(/^\|/, "");
    var tics = [], pipes = [], i = 0;
    while (i < line.length) {
      var c = line[i], next = line[i + 1];
      if (c === "\\" && (next === "\\" || next === "|")) { i += 2; continue; }
      if (c === "`" || (c === "\\" && next === "`")) {
        var from = i, escaped = c === "\\" ? 1 : 0;
        i += escaped;
        while (line[i] === "`") { i += 1; }
        tics.push({ size: i - from - escaped, opens: i - from - 2 * escaped, start: from, end: i - 1 });
        continue;
      }
      if (c === "|") { pipes.push(i); }
      i += 1;
    }
    var code = codeStretches(tics), out = [], start = 0, r = 0;
    pipes.forEach(function (pipe) {
      while (r < code.length && code[r][1] < pipe) { r += 1; }
      if (r < code.length && code[r][0] <= pipe) { return; }
      out.push(line.slice(start, pipe).trim());
      start = pipe + 1;
    });
    if (line.slice(start).trim()) { out.push(line.slice(start).trim()); }
    return out;
  }

  // The code spans' stretches [first, last] of a row, paired as Python-Markdown pairs them.
  function codeStretches(tics) {
    var bySize = {}, code = [], pos = 0;
    tics.forEach(function (t, k) { (bySize[t.size] = bySize[t.size] || { at: [], next: 0 }).at.push(k); });
    while (pos < tics.length) {
      var same = bySize[tics[pos].opens];
      while (same && same.next < same.at.length && same.at[same.next] <= pos) { same.next += 1; }
      if (tics[pos].opens > 0 && same && same.next < same.at.length) {
        var close = same.at[same.next];
        code.push([tics[pos].start, tics[close].end]);
        pos = close + 1;
      } else { pos += 1; }
    }
    return code;
  }

  // --- a cell's Markdown, shown as the site shows it -----------------------------------------
  // The preview showed a cell's text as typed: `**Đồng Mây**`, `[80](../hoi-dap/…)` (session 36,
  // left). A cell is now read as Python-Markdown reads it, in the order of its inline patterns:
  // code spans, escapes, links, then bold and italic; and shown with React elements around text
  // nodes, never as HTML, so a cell's `<script>` is words. Every step is one pass over the cell
  // (a hostile row of 80,000 `[`, `` ` `` or `*` is read once): closing backticks are looked up
  // in a list of runs by length, brackets and parentheses are matched with a stack.
  var ESCAPABLE = "\\`*_{}[]()>#+-.!|";  // Python-Markdown's, with the tables extension's `|`
  var PLAIN = /[^\\`*_[\]()&<]+/y;
  // Python-Markdown's autolinks `<https://…>` and `<ten@mien.vn>` (AUTOLINK_RE, AUTOMAIL_RE), tried
  // only at a `<`; each reads up to the next `<` or `>` (a backtrack after the `@` stops at the
  // next `@`): a cell of 20,000 `a@` or `<http://` is read once.
  var AUTOLINK = /<((?:[Ff]|[Hh][Tt])[Tt][Pp][Ss]?:\/\/[^<>]*)>|<([^<> !]+@[^@<> ]+)>/y;
  // Raw HTML in a cell, as the site shows it. Python-Markdown passes a tag through as written
  // (HTML_RE: `<`, a name, attributes whose value is quoted with " or ' or bare, `>`) and the
  // site's sanitiser (content/sanitize.py, nh3) keeps the text-level elements of SHOWN; the
  // preview showed `<b>`, `<span class="…">` as typed (sessions 38 and 39). Those are elements
  // here, made with `h` around the cell's text nodes, without attributes but an `<a>`'s address
  // and title (the address checked as a Markdown link's is, linkKind: a raw `<a href>` is never
  // more live than the site's); a comment is nothing, as nh3 leaves it; any other tag
  // (`<script>`, `<img onerror>`, `<div>`, `<font>`) stays its words, never HTML. A tag is
  // tried only at a `<`; its parts exclude one another (a name, white space, `=`, a quote), so a
  // try reads to the tag's end once. A name holding `/` (`<br/>`) is its part before the `/`,
  // as a browser reads it; `</br>` is a line break, as a browser makes it.
  var TAG = /<(\/?)([a-zA-Z][^\s"'<>@]*)((?:\s+[^\s"'=<>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>]+))?)*)\s*\/?>/y;
  var ATTRIBUTE = /\s+([^\s"'=<>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>]+)))?/g;
  var SHOWN = ["a", "abbr", "acronym", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins",
               "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt",
               "u", "var"];
  var VOID = { br: true, wbr: true };
  var SHOWN_SET = Object.create(null);
  SHOWN.forEach(function (name) { SHOWN_SET[name] = true; });

  // A raw tag as a token: {kind: "tag", v: its element, closes, attrs} for an element the cell
  // shows, a line break's {kind: "tag", v: "br"}, or its words.
  function tagToken(m, at) {
    var name = m[2].split("/")[0].toLowerCase(), end = at + m[0].length;
    if (VOID[name]) { return { kind: "tag", v: name, closes: false, at: at, end: end }; }
    if (!SHOWN_SET[name]) { return { kind: "text", v: m[0], at: at, end: end }; }
    var attrs = Object.create(null), a;
    ATTRIBUTE.lastIndex = 0;
    while ((a = ATTRIBUTE.exec(m[3]))) {
      var key = a[1].toLowerCase();
      if (!(key in attrs)) { attrs[key] = a[2] !== undefined ? a[2] : a[3] !== undefined ? a[3] : a[4] !== undefined ? a[4] : ""; }
    }
    return { kind: "tag", v: name, closes: !!m[1], attrs: attrs, at: at, end: end };
  }

  // Where the comment `<!--…-->` opening at `i` ends (after its `-->`), or -1: Python-Markdown's
  // `!--(?:(?!<!--|-->).)*--`, the first `-->` from `i + 4` with no `<!--` opening before it.
  // `seen` keeps the last look-ups, which only move forward: a cell of 20,000 `<!--` is read once.
  function commentEnd(text, i, seen) {
    if (seen.close < i + 4) { seen.close = text.indexOf("-->", i + 4); if (seen.close < 0) { seen.close = Infinity; } }
    if (seen.open < i + 4) { seen.open = text.indexOf("<!--", i + 4); if (seen.open < 0) { seen.open = Infinity; } }
    return seen.close === Infinity || seen.open < seen.close ? -1 : seen.close + 3;
  }
  var ENTITY = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));/y;
  var NAMED = { lt: "<", gt: ">", amp: "&", quot: "\"", apos: "'" };
  var WORD = /[\p{L}\p{N}_]/u;

  function entity(m) {
    if (m[1]) { return NAMED[m[1]]; }
    var code = m[2] ? parseInt(m[2], 10) : parseInt(m[3], 16);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "\ufffd";
  }

  // The cell's backtick runs: by length, their places in order, for the closing run of a code span.
  function backtickRuns(text) {
    var runs = {}, i = 0;
    while ((i = text.indexOf("`", i)) >= 0) {
      var end = i;
      while (text[end] === "`") { end += 1; }
      (runs[end - i] = runs[end - i] || { at: [], next: 0 }).at.push(i);
      i = end;
    }
    return runs;
  }

  // Tokens: {kind: text (words, never syntax), code, mark (a run of `*` or `_`), sym (`[ ] ( )`),
  // auto (an autolink), at, end (place in the cell)}.
  function tokens(text) {
    var out = [], runs = backtickRuns(text), i = 0, m, seen = { open: -1, close: -1 };
    while (i < text.length) {
      var c = text[i];
      PLAIN.lastIndex = i;
      if ((m = PLAIN.exec(text))) { out.push({ kind: "text", v: m[0], at: i, end: i + m[0].length }); i += m[0].length; continue; }
      if (c === "\\" && i + 1 < text.length && ESCAPABLE.indexOf(text[i + 1]) >= 0) {
        out.push({ kind: "text", v: text[i + 1], at: i, end: i + 2, escaped: true }); i += 2; continue;
      }
      if (c === "<") {
        AUTOLINK.lastIndex = i;
        m = AUTOLINK.exec(text);
        var end = m ? i + m[0].length : i + 1;
        if (!m) {
          var shut = text.startsWith("<!--", i) ? commentEnd(text, i, seen) : -1;
          if (shut > 0) { i = shut; continue; }  // a comment: nothing, as on the site
          TAG.lastIndex = i;
          var tag = TAG.exec(text);
          if (tag) {
            out.push(tagToken(tag, i));
            i += tag[0].length;
            continue;
          }
        }
        out.push(m ? { kind: "auto", v: m[1] || m[2], href: m[1] || "mailto:" + m[2], at: i, end: end }
          : { kind: "text", v: "<", at: i, end: end });
        i = end;
        continue;
      }
      if (c === "&") {
        ENTITY.lastIndex = i;
        m = ENTITY.exec(text);
        out.push({ kind: "text", v: m ? entity(m) : "&", at: i, end: i + (m ? m[0].length : 1) });
        i += m ? m[0].length : 1;
        continue;
      }
      var n = 1;
      while (text[i + n] === c && (c === "`" || c === "*" || c === "_")) { n += 1; }
      if (c === "`") {
        var same = runs[n], close = -1;
        while (same && same.next < same.at.length && same.at[same.next] <= i) { same.next += 1; }
        if (same && same.next < same.at.length) { close = same.at[same.next]; }
        if (close > i && text[close + n] !== "`" && text[close - 1] !== "`") {
          out.push({ kind: "code", v: text.slice(i + n, close).trim(), at: i, end: close + n });
          i = close + n;
        } else { out.push({ kind: "text", v: text.slice(i, i + n), at: i, end: i + n }); i += n; }
        continue;
      }
      if (c === "*" || c === "_") { out.push({ kind: "mark", v: text.slice(i, i + n), at: i, end: i + n }); i += n; continue; }
      out.push({ kind: c === "\\" ? "text" : "sym", v: c, at: i, end: i + 1 });
      i += 1;
    }
    return out;
  }

  // For each `[` (and `(`) token, the index of the token closing it, brackets counted as
  // Python-Markdown counts a link's words.
  function matched(list, open, close) {
    var stack = [], pairs = {};
    list.forEach(function (t, k) {
      if (t.kind !== "sym") { return; }
      if (t.v === open) { stack.push(k); } else if (t.v === close && stack.length) { pairs[stack.pop()] = k; }
    });
    return pairs;
  }

  // A link's address live in the preview only where the site keeps it live and it leads where
  // it does on the site: http(s), mailto, tel and paths from the site's root (`/hoi-dap/…`).
  // `url` is the exact string the `href` will be (as Python-Markdown makes it, entities read as
  // the page's HTML reads them), returned as it is or not at all: the check once ran on a form
  // stripped of U+0000-U+0020 only, then gave back url.trim(), which also strips U+00A0, U+3000
  // and U+FEFF, so `[bấm](&#160;javascript:…)` and `[xa](&#12288;//evil.example/)` were live
  // `javascript:` and another host's links in the editor, where the site (whose browser strips
  // none of those) has a link to a page path of that name (session 38's review). The form
  // checked drops every control character and space, as a browser drops them from an address's
  // ends and its Tabs and line ends inside (`java&#9;script:`); an address whose first character
  // left is not ASCII, `//host`, `\` paths, `javascript:`, `data:`, `file:` are the link's words
  // alone. A path relative to the page (`../hoi-dap/so-tay.md`, `#muc`) resolved against
  // /admin/ here, to no page of the site (the build makes the site's link): "page", shown as
  // the link's words with the address as their tooltip, not followed.
  function linkKind(url) {
    var bare = String(url || "").replace(/[\u0000-\u0020\u007f]+/g, "");
    if (!bare || !/^[A-Za-z0-9\/.#?%_~-]/.test(bare) || /^(?:[\\/]{2}|\\)/.test(bare)) { return null; }
    var scheme = /^([a-z][a-z0-9+.-]*):/i.exec(bare);
    if (scheme) { return /^(?:https?|mailto|tel)$/i.test(scheme[1]) ? "live" : null; }
    return bare[0] === "/" ? "live" : "page";
  }

  // Python-Markdown's strip of a link's address (`str.strip()`: Unicode's white space, not
  // U+FEFF), before entities are read. Loops, not `\s+$` (quadratic on a long run of spaces).
  var PY_SPACE = /[\t\n\u000b\f\r\u001c-\u001f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
  function pyStrip(text) {
    var from = 0, to = text.length;
    while (from < to && PY_SPACE.test(text[from])) { from += 1; }
    while (to > from && PY_SPACE.test(text[to - 1])) { to -= 1; }
    return text.slice(from, to);
  }

  // `(address "title")` of a link, as Python-Markdown splits it: a title in quotes or
  // parentheses after a space, else all of it is the address (`<…>` taken off, what it holds
  // stripped again). Entities are read, as the page's HTML reads them, before the address is
  // checked (`java&#9;script:`).
  var ENTITIES = /&(?:(lt|gt|amp|quot|apos)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));/g;
  function destination(inside) {
    var text = pyStrip(inside), m = /^(\S+)\s+(?:"(.*)"|'(.*)'|\((.*)\))$/.exec(text);
    var url = m ? m[1] : text, angled = /^<([\s\S]*)>$/.exec(url);
    url = angled ? pyStrip(angled[1]) : url;
    var title = m ? [m[2], m[3], m[4]].filter(function (t) { return t !== undefined; })[0] : null;
    var decoded = function (t) { return t.replace(ENTITIES, function () { return entity(arguments); }); };
    return addressed(decoded(url), title === null ? null : decoded(title));
  }

  // A link's {href (live only), page (an address relative to the page, not followed), title}.
  function addressed(url, title) {
    var kind = linkKind(url);
    return { href: kind === "live" ? url : null, page: kind === "page" ? url : null, title: title };
  }

  // For each token, the index of the first `]` token at or after it (-1: none): one pass back.
  function closers(list) {
    var next = new Array(list.length), at = -1;
    for (var j = list.length - 1; j >= 0; j--) {
      if (list[j].kind === "sym" && list[j].v === "]") { at = j; }
      next[j] = at;
    }
    return next;
  }

  // The text between tokens `from` and `to` as Python-Markdown compares it with a definition's
  // id (lower case, each run of white space one space), or null when it holds a code span or an
  // escape: by then Python-Markdown has put a placeholder there, which no definition's id holds.
  var PY_SPACES = new RegExp(PY_SPACE.source + "+", "g");
  function written(list, from, to, text) {
    for (var j = from + 1; j < to; j++) { if (list[j].kind === "code" || list[j].escaped) { return null; } }
    return text.slice(list[from].end, list[to].at).replace(PY_SPACES, " ").toLowerCase();
  }

  // Each token with the link it belongs to ({href, title} or null, `link`), the brackets and
  // parentheses of a link's syntax dropped. The words of a link whose address is not live stay.
  // The forms are Python-Markdown's: `[words](address)`, the reference links `[words][id]`,
  // `[words] [id]`, `[words][]` and `[words]`, resolved by the entry's definitions (`defs`, an id
  // to its {link}: the preview showed them as words, sessions 38 and 39), and autolinks. As in
  // Python-Markdown, whose reference patterns skip what they could not resolve, no reference is
  // looked for inside a `[words][id]` (or `[words]`) whose id is not defined; a `[` right after
  // a `!` (not `\!`) opens a picture, which the preview shows as its words.
  function linked(list, text, defs) {
    var brackets = matched(list, "[", "]"), parens = matched(list, "(", ")"), out = [], k = 0;
    var closes = closers(list), refsFrom = 0, shortsFrom = 0, group = 0;
    var isSym = function (t, v) { return t && t.kind === "sym" && t.v === v; };
    var take = function (from, to, link, last) {  // the tokens from..to, words of one link; the next token's index
      group += 1;
      for (var j = from; j <= to; j++) { list[j].link = link; list[j].group = group; out.push(list[j]); }
      return last + 1;
    };
    var asWords = function (from, last) {  // a picture, from its `[` to its last token: its words as written
      out.push({ kind: "text", v: text.slice(list[from].at, list[last].end), at: list[from].at, end: list[last].end,
                 link: null, group: 0 });
      return last + 1;
    };
    while (k < list.length) {
      var t = list[k], shut = isSym(t, "[") ? brackets[k] : undefined;
      var before = list[k - 1], picture = before && !before.escaped && text[t.at - 1] === "!";
      if (shut !== undefined) {
        var after = list[shut + 1];
        var open = isSym(after, "[") && after.at === list[shut].end ? shut + 1
          : after && after.kind === "text" && after.v.length === 1 && PY_SPACE.test(after.v) && isSym(list[shut + 2], "[")
            ? shut + 2 : -1;
        var close = open >= 0 && open + 1 < list.length ? closes[open + 1] : -1;
        if (close >= 0 && k >= refsFrom) {  // [words][id]
          var id = written(list, open, close, text);
          var def = id === "" ? found(defs, written(list, k, shut, text)) : found(defs, id);
          if (def) { k = picture ? asWords(k, close) : take(k + 1, shut - 1, def.link, close); continue; }
          refsFrom = close + 1;
        }
        if (isSym(after, "(") && after.at === list[shut].end && parens[shut + 1] !== undefined) {  // [words](address)
          var end = parens[shut + 1];
          k = picture ? asWords(k, end) : take(k + 1, shut - 1, destination(text.slice(after.end, list[end].at)), end);
          continue;
        }
        if (k >= shortsFrom) {  // [words]
          var short = found(defs, written(list, k, shut, text));
          if (short) { k = picture ? asWords(k, shut) : take(k + 1, shut - 1, short.link, shut); continue; }
          shortsFrom = shut + 1;
        }
      }
      if (t.kind === "auto") {  // an autolink: its address is its words
        group += 1;
        out.push({ kind: "text", v: t.v, at: t.at, end: t.end, link: addressed(t.href, null), group: group });
        k += 1;
        continue;
      }
      t.link = null;
      t.group = 0;
      out.push(t);
      k += 1;
    }
    return out;
  }

  function found(defs, id) { return id !== null && defs ? defs.get(id) : undefined; }

  // The entry's link definitions as the site reads them ({link} by id), for the table's
  // reference links. Decap gives the preview the entry's tree (PREVIEW_GETS_TREE in
  // scripts/patch_decap.py); the definitions are the «Markdown giữ nguyên» blocks' (their text,
  // read here as Python-Markdown's ReferenceProcessor reads it) and any Decap's reader made
  // itself (its address already read). The last of an id wins, as in Python-Markdown. Read once
  // per tree (a preview converts the entry afresh each time): an entry of many tables is walked once.
  var READ_TREES = typeof WeakMap === "function" ? new WeakMap() : null;
  function definitionsOf(root) {
    if (!root || typeof root !== "object") { return new Map(); }
    if (READ_TREES && READ_TREES.has(root)) { return READ_TREES.get(root); }
    var defs = new Map(), stack = [root];
    while (stack.length) {
      var node = stack.pop(), data = node.data || {};
      if (data.shortcode === "bantin-nguyen-van" && data.shortcodeData && typeof data.shortcodeData.text === "string") {
        siteDefinitions(data.shortcodeData.text).forEach(function (d) { defs.set(d.id, d); });
      } else if (node.type === "definition" && typeof node.url === "string") {
        var label = typeof node.label === "string" ? node.label : String(node.identifier || "");
        defs.set(pyStrip(label).toLowerCase(), { link: addressed(node.url, node.title ? String(node.title) : null) });
      }
      var children = Array.isArray(node.children) ? node.children : [];
      for (var c = children.length - 1; c >= 0; c--) { if (children[c] && typeof children[c] === "object") { stack.push(children[c]); } }
    }
    if (READ_TREES) { READ_TREES.set(root, defs); }
    return defs;
  }

  // The definitions of a block's text as Python-Markdown reads them (ReferenceProcessor.RE):
  // `[id]:` at most 3 spaces in, the address on that line or alone on the next (`<…>` taken off),
  // then nothing or a title in "…", '…' or (…) to the line's end, or alone on the next line; the
  // id stripped, in lower case; an empty title is none. Read line by line, each once (the
  // pattern itself let the address give characters back to a title: quadratic, session 36).
  var DEF_START = /^[ ]{0,3}\[([^\[\]\n]*)\]:[ \t]*/;
  var PY_WORD = new RegExp("^[^" + PY_SPACE.source.slice(1, -1) + "]+");
  function titleOf(rest) {
    var to = rest.length;
    while (to > 0 && (rest[to - 1] === " " || rest[to - 1] === "\t")) { to -= 1; }  // a loop: `[ \t]+$` is quadratic
    var text = rest.slice(0, to), q = text[0], last = text[text.length - 1];
    if (text.length >= 2 && ((q === "\"" || q === "'") && last === q || q === "(" && last === ")")) { return text.slice(1, -1); }
    return undefined;
  }
  function siteDefinitions(text) {
    var lines = String(text).split("\n"), out = [];
    for (var i = 0; i < lines.length; i++) {
      var m = DEF_START.exec(lines[i]);
      if (!m) { continue; }
      var rest = lines[i].slice(m[0].length), j = i;
      if (!rest && j + 1 < lines.length) { j += 1; rest = lines[j].replace(/^[ \t]*/, ""); }
      var word = PY_WORD.exec(rest);
      if (!word) { continue; }
      var after = rest.slice(word[0].length).replace(/^[ \t]*/, ""), title = null;
      if (after) {
        title = titleOf(after);
        if (title === undefined) { continue; }
      } else if (j + 1 < lines.length && titleOf(lines[j + 1].replace(/^[ \t]*/, "")) !== undefined) {
        j += 1;
        title = titleOf(lines[j].replace(/^[ \t]*/, ""));
      }
      var decoded = function (t) { return t.replace(ENTITIES, function () { return entity(arguments); }); };
      var url = word[0].replace(/^<+/, ""), to = url.length;  // Python's lstrip("<").rstrip(">")
      while (to > 0 && url[to - 1] === ">") { to -= 1; }  // a loop: `>+$` is quadratic on `>>>…>a`
      out.push({ id: pyStrip(m[1]).toLowerCase(), link: addressed(decoded(url.slice(0, to)), title ? decoded(title) : null) });
      i = j;
    }
    return out;
  }

  // Bold and italic: each run of `*` or `_` splits into its `**` and `*` (a run of three is
  // both; four or more is words), paired in order within the same link's words or outside, as
  // Python-Markdown pairs them: `*` opens before a character that is no space and closes after
  // one; `_` also only outside a word (`ten_tep_moi.pdf` stays). An unpaired mark is words.
  function paired(items, text) {
    var opens = { 0: {} }, lastGroup = 0;  // by group: 0 outside links (a link is one piece of it)
    var flush = function (group) {
      var open = opens[group] || {};
      Object.keys(open).forEach(function (key) { if (open[key]) { open[key].part.paired = false; } });
      delete opens[group];
    };
    items.forEach(function (item) {
      if (item.group !== lastGroup) { if (lastGroup) { flush(lastGroup); } lastGroup = item.group; }
      var open = opens[item.group] = opens[item.group] || {};
      var t = item;
      if (t.kind !== "mark") { return; }
      var before = text[t.at - 1] || " ", next = text[t.end] || " ", ch = t.v[0];
      var canOpen = /\S/.test(next) && !(ch === "_" && WORD.test(before));
      var canClose = /\S/.test(before) && !(ch === "_" && WORD.test(next));
      var sizes = t.v.length === 3 ? [2, 1] : t.v.length <= 2 ? [t.v.length] : [];
      t.parts = sizes.map(function (size) { return { size: size, paired: false, opens: false }; });
      t.parts.forEach(function (part) {
        var key = ch + part.size, was = open[key];
        if (was && canClose) { was.part.paired = part.paired = true; was.part.opens = true; open[key] = null; }
        else if (!was && canOpen) { open[key] = { part: part }; part.paired = true; part.opens = true; }
      });
    });
    Object.keys(opens).forEach(flush);
  }

  // The runs of the cell: {text, code, br (a void element's name), bold, italic, tags (the raw
  // elements around it, SHOWN's order), link, group}. A raw element not closed lasts to the
  // cell's end and a closing tag not opened is nothing, as a browser (and the site's sanitiser)
  // reads them; a raw `<a>` opened inside another ends it, as in a browser. The words of a
  // Markdown link belong to it, a raw `<a>` around them aside (both are checked: linkKind).
  function runsOf(items) {
    var runs = [], bold = 0, italic = 0, open = Object.create(null), tags = "", raw = null, raws = 0;
    var decoded = function (t) { return t.replace(ENTITIES, function () { return entity(arguments); }); };
    var add = function (text, item, code, br) {
      var last = runs[runs.length - 1], link = item.group ? item.link : raw ? raw.link : null;
      var run = { text: text, code: !!code, br: br || "", bold: bold > 0, italic: italic > 0, tags: tags,
                  link: link, group: item.group || (raw ? raw.group : 0) };
      if (last && !code && !br && !last.code && !last.br && last.group === run.group && last.bold === run.bold &&
          last.italic === run.italic && last.tags === run.tags) {
        last.text += text;
      } else { runs.push(run); }
    };
    items.forEach(function (item) {
      var t = item;
      if (t.kind === "code") { add(t.v, item, true); return; }
      if (t.kind === "tag" && VOID[t.v]) { add("", item, false, t.v); return; }
      if (t.kind === "tag" && t.v === "a") {
        raws += 1;
        raw = !t.closes && t.attrs.href !== undefined ?
          { link: addressed(decoded(t.attrs.href), t.attrs.title !== undefined ? decoded(t.attrs.title) : null), group: "a" + raws } : null;
        return;
      }
      if (t.kind === "tag") {
        open[t.v] = t.closes ? Math.max((open[t.v] || 0) - 1, 0) : (open[t.v] || 0) + 1;
        tags = SHOWN.filter(function (name) { return open[name] > 0; }).join(" ");
        return;
      }
      if (t.kind !== "mark") { add(t.v, item); return; }
      var words = "";
      (t.parts.length ? t.parts : [{ size: t.v.length, paired: false }]).forEach(function (part) {
        if (!part.paired) { words += t.v.slice(0, part.size); return; }
        var step = part.opens ? 1 : -1;
        if (part.size === 2) { bold += step; } else { italic += step; }
      });
      if (words) { add(words, item); }
    });
    return runs;
  }

  // A cell's elements: text nodes in <code>, <em>, <strong>, <a> for a live link and a
  // <span class="bantin-lien-ket"> for a link to a page relative to this one (its address the tooltip).
  function cellShown(text, defs) {
    var items = linked(tokens(text), text, defs);
    paired(items, text);
    var out = [], runs = runsOf(items), key = 0;
    var shown = function (run) { return run.link && (run.link.href || run.link.page); };
    runs.forEach(function (run, r) {
      var el = run.br ? h(run.br, { key: key++ }) : run.code ? h("code", { key: key++ }, run.text) : run.text;
      if (run.italic) { el = h("em", { key: key++ }, el); }
      if (run.bold) { el = h("strong", { key: key++ }, el); }
      (run.tags ? run.tags.split(" ") : []).forEach(function (name) { el = h(name, { key: key++ }, el); });
      var previous = runs[r - 1];
      if (shown(run) && previous && previous.group === run.group) {
        out[out.length - 1].children.push(el);
      } else if (shown(run)) {
        out.push({ link: run.link, children: [el] });
      } else { out.push({ children: [el] }); }
    });
    return out.map(function (part) {
      if (!part.link) { return part.children[0]; }
      if (!part.link.href) {
        return h.apply(null, ["span", { key: key++, className: "bantin-lien-ket", "data-lien-ket": part.link.page,
          title: "Liên kết tới " + part.link.page + " (mở được trên trang, không mở ở đây)" }].concat(part.children));
      }
      var props = { key: key++, href: part.link.href };
      if (part.link.title !== null) { props.title = part.link.title; }
      return h.apply(null, ["a", props].concat(part.children));
    });
  }

  // A column's alignment from the delimiter row (`:---`, `---:`, `:---:`), as the site aligns it.
  function alignments(line) {
    return cells(line).map(function (c) {
      var left = c[0] === ":", right = c[c.length - 1] === ":";
      return left && right ? "center" : right ? "right" : left ? "left" : undefined;
    });
  }

  // The block's picture in the preview pane: the table as the site shows it.
  function tablePreview(data, defs) {
    var lines = tableText(data && data.table).split("\n").filter(function (l) { return l.trim(); });
    if (lines.length < 2) { return h("p", {}, "(bảng trống)"); }
    var align = alignments(lines[1]);
    var row = function (line) {  // as many cells as the delimiter row has columns, as the site makes them
      var found = cells(line);
      return align.map(function (a, i) { return i < found.length ? found[i] : ""; });
    };
    var head = row(lines[0]), body = lines.slice(2).map(row);
    var cell = function (tag, c, i) {
      return h.apply(null, [tag, { key: i, style: align[i] ? { textAlign: align[i] } : undefined }].concat(cellShown(c, defs)));
    };
    return h("div", { className: "bantin-bang-khung" }, h("table", { className: "bantin-bang" },
      h("thead", {}, h("tr", {}, head.map(function (c, i) { return cell("th", c, i); }))),
      h("tbody", {}, body.map(function (row, r) {
        return h("tr", { key: r }, row.map(function (c, i) { return cell("td", c, i); }));
      }))));
  }

  CMS.registerEditorComponent({
    id: "bantin-bang",
    label: "Bảng",
    fields: [{
      name: "table", label: "Bảng (mỗi hàng một dòng, các ô ngăn bằng dấu |)", widget: "text", default: MODEL,
      hint: "Dòng đầu là hàng tiêu đề, dòng thứ hai là | --- | --- | (mỗi cột một ---), rồi mỗi hàng một dòng. " +
        "Không để dòng trống trong bảng. Dấu | trong một ô viết là `\\|`. Xem mục 5.4 của hướng dẫn biên tập."
    }],
    pattern: TABLE,
    fromBlock: function (match) { return { table: match[0] }; },
    toBlock: function (data) { return tableText(data && data.table); },
    // Decap gives the entry's tree after its usual three (PREVIEW_GETS_TREE): the definitions.
    toPreview: function (data, getAsset, fields, tree) { return tablePreview(data, definitionsOf(tree)); }
  });

  // --- what Decap's editor cannot keep, kept as written --------------------------------------
  // Decap reads the whole body into its own tree and writes it back on any save (session 36,
  // tests/data/rich-text-constructs.txt). Three things the site reads came back changed: a
  // note box (`!!! note`, admonition) holding a list or two paragraphs lost its indented part,
  // saved as code outside the box; `<div markdown="1">` had its Markdown escaped (`\*\*`), so
  // the page showed the stars; a picture with `{: .lop }` after it was split from it, the
  // `{: … }` shown as words. Each is a block holding its own text, as "Bảng" holds a table,
  // written back byte for byte. The note box: the `!!!` line and every line after it that is
  // indented (4 spaces or a Tab), blank lines between them included. The HTML block: its
  // opening tag with `markdown=` to the first line that closes that tag. The picture: the
  // whole line, nothing after it. No multiline flag: Decap tries the pattern at a block's start.
  var NOTE = "!!![ \\t]+[^\\n]*(?:\\n(?:[ \\t]*\\n)*(?: {4}|\\t)[^\\n]*)*";
  var MD_HTML = "<([A-Za-z][A-Za-z0-9-]*)\\b[^>\\n]*\\smarkdown\\s*=[^>\\n]*>[\\s\\S]*?\\n[ ]{0,3}</\\1>[ \\t]*(?=\\n|$)";
  var PICTURE_ATTRS = "!\\[[^\\]\\n]*\\]\\([^)\\n]*\\)[ \\t]*\\{[^}\\n]*\\}[ \\t]*(?=\\n|$)";
  // An editor's note `[//]: # (Chờ duyệt)` and a link definition nothing uses (`[ten]: https://…`,
  // guide §5.3) show nothing on the page: Python-Markdown reads them as link definitions.
  // Decap's reader drops every definition (it makes reference links inline), so any save lost
  // the note; one glued under a paragraph's line was words to Decap, saved as a link or as
  // `\[//]: …`, which the page then showed. Each run of such lines is a block, written back
  // byte for byte: a line `[id]:` (at most 3 spaces in), an address (on that line or, as
  // Python-Markdown also reads it, alone on the next, any spaces in: Decap dropped such a
  // definition, session 38), then nothing, or a title opening with `"`, `'` or `(` (read to the
  // line's end, not checked: a line kept as written is shown as before either way), and a title
  // alone on the next line. A Tab is taken where a space is, except before `[` (Python-Markdown
  // expands it first, to 4 columns there: code; `[//]:⇥# (…)` was dropped on save, or saved as a
  // link whose title showed the note, session 38's review; Decap now gets the Tabs expanded,
  // TABS_EXPANDED, and the patterns still hold what reaches them). The character classes either
  // side of each `[ \t]*`, `[ \t]+` and `\n` exclude one another, so a long line is read once
  // (DEFINITION_START in scripts/patch_decap.py, which lets such a line end a paragraph, is
  // this pattern's start).
  var TITLE = "(?:\"[^\"\\n]*\"|'[^'\\n]*'|\\([^\\n]*\\))";
  var DEFINITION = "[ ]{0,3}\\[[^\\[\\]\\n]*\\]:[ \\t]*(?:\\n[ \\t]*)?\\S+(?:[ \\t]+[\"'(][^\\n]*)?[ \\t]*(?=\\n|$)" +
    "(?:\\n[ \\t]*" + TITLE + "[ \\t]*(?=\\n|$))?";
  var DEFINITIONS = DEFINITION + "(?:\\n" + DEFINITION + ")*";
  var AS_WRITTEN = new RegExp("^(?:" + NOTE + "|" + MD_HTML + "|" + PICTURE_ATTRS + "|" + DEFINITIONS + ")");

  // The block's text as the file will hold it: its own lines, nothing after (a trailing blank
  // line would end the note box early on the next opening). trimEnd, as tableText: linear.
  function writtenText(text) {
    return String(text || "").replace(/\r\n?/g, "\n").replace(/^\n+/, "").trimEnd();
  }

  // The definitions a block of them holds, as Decap looks one up (its label, spaces folded,
  // lower case): a reference link `[Luật][luat]` elsewhere is resolved by Decap from them
  // (DEFINITIONS_KEPT_RESOLVE in scripts/patch_decap.py) and saved as a link, as before the
  // block held them; without, it was saved as the words `\[Luật]\[luat]`.
  var DEFINITION_LINE = /^[ ]{0,3}\[([^\[\]\n]*)\]:[ \t]*(\S+)(?:[ \t]+(?:"([^"\n]*)"|'([^'\n]*)'|\(([^\n]*)\)))?/;
  function definitionsIn(text) {  // an address on the line after its `[id]:` joined to it first
    return String(text).replace(/\]:[ \t]*\n[ \t]*(?=\S)/g, "]: ").split("\n")
      .map(function (line) { return DEFINITION_LINE.exec(line); })
      .filter(Boolean).map(function (m) {
        var title = m[3] !== undefined ? m[3] : m[4] !== undefined ? m[4] : m[5];
        return { id: m[1].replace(/\s+/g, " ").trim().toLowerCase(), url: m[2].replace(/^<(.*)>$/, "$1"),
                 title: title === undefined ? null : title };
      });
  }

  CMS.registerEditorComponent({
    id: "bantin-nguyen-van",
    label: "Markdown giữ nguyên",
    fields: [{
      name: "text", label: "Markdown (lưu đúng như viết)", widget: "text",
      default: "!!! note \"Lưu ý\"\n    Nội dung lưu ý.",
      hint: "Khối lưu ý (!!!), khối HTML có markdown=\"1\", ảnh có {: … } phía sau, ghi chú [//]: # (…): trình biên tập không " +
        "hiện được, nên giữ nguyên chữ. Sửa ngay trong ô; giữ 4 dấu cách ở đầu các dòng lùi vào. " +
        "Xem mục 5.4 của hướng dẫn biên tập."
    }],
    pattern: AS_WRITTEN,
    fromBlock: function (match) { return { text: match[0], definitions: definitionsIn(match[0]) }; },
    toBlock: function (data) { return writtenText(data && data.text); },
    toPreview: function (data) { return h("pre", { className: "bantin-nguyen-van" }, writtenText(data && data.text)); }
  });

  // --- a pasted table, as a Markdown table -----------------------------------------------------
  var BLOCKS = /^(P|DIV|LI|H[1-6]|TR|TD|TH|TABLE|UL|OL|BLOCKQUOTE|PRE)$/;  // TD: a table in a cell

  // --- the paste in shapes Decap's converter takes ------------------------------------------
  // Decap's converter (N4 in the bundle) makes a mark element (<code> <del> <em> <i> <s>
  // <strong> <u>) and every <span> a Slate text, which may hold text only: a link, picture or
  // paragraph inside one (`<span lang=VI>Xem <a href>vbpl.vn</a>.</span>`, on every line
  // of Word that has a link; Word's MsoHyperlink, its footnote references and contents lines;
  // a web page's styled run) threw "The <text> hyperscript tag can only contain text content",
  // and the whole paste, every paragraph of it, was dropped without a word (outsider review
  // F7, session 40). A link (an inline) holding paragraphs lost them to Slate's normalising,
  // and words beside a block (`<div>` holding a word then a list, a web page's bare text)
  // came out after the paste's paragraphs. So the pasted body is put in the shape Decap
  // takes, before it is read: a wrapper holding anything but text and marks is moved inside
  // it (`<span><a>x</a></span>` → `<a><span>x</span></a>`, `<a><p>x</p></a>` → `<p><a>x</a></p>`),
  // and a container's words beside blocks are a paragraph. Links inside the paste itself
  // (Word's footnote reference `#_ftn1`, contents line `#_Toc…`: no such place on the site,
  // where the build refuses them) are their words; `m²`, `H₂O` their Unicode characters.
  var MARKS = /^(?:SPAN|CODE|DEL|EM|I|S|STRONG|U|B|FONT|STRIKE|INS|MARK|SMALL|BIG|ABBR|ACRONYM|CITE|DFN|KBD|SAMP|VAR|TT|Q|SUP|SUB|LABEL|TIME|DATA|BDI|BDO|O:P)$/;
  var TEXT_LEVEL = /^(?:BR|WBR)$/;  // besides marks, what a Slate text may stand for
  var CONTAINERS = /^(?:BODY|DIV|SECTION|ARTICLE|MAIN|HEADER|FOOTER|ASIDE|NAV|CENTER|FORM|FIELDSET|FIGURE|FIGCAPTION|ADDRESS|DL|DT|DD|DETAILS|SUMMARY|BLOCKQUOTE|LI)$/;
  var BLOCK = /^(?:P|H[1-6]|PRE|UL|OL|LI|TABLE|HR|DIV|SECTION|ARTICLE|MAIN|HEADER|FOOTER|ASIDE|NAV|CENTER|FORM|FIELDSET|FIGURE|FIGCAPTION|ADDRESS|DL|DT|DD|DETAILS|SUMMARY|BLOCKQUOTE)$/;

  // Whether `el` holds only what a Slate text stands for: text, line breaks and marks. One
  // look at each element below it.
  function textOnly(el) {
    var below = el.getElementsByTagName("*");
    for (var i = 0; i < below.length; i++) { if (!fitsMark(below[i])) { return false; } }
    return true;
  }

  // Whether a mark may hold `node` as it is: text, a line break, a mark (each mark below is
  // already put right: marks are taken from the deepest up, so only its name is looked at).
  function fitsMark(node) { return node.nodeType !== 1 || MARKS.test(node.nodeName) || TEXT_LEVEL.test(node.nodeName); }

  function misfits(el, fits) { return Array.prototype.some.call(el.childNodes, function (child) { return !fits(child); }); }

  // Whether `el` holds a block (a paragraph, list, table…), which no inline may hold.
  function holdsBlock(el) {
    var below = el.getElementsByTagName("*");
    for (var i = 0; i < below.length; i++) { if (BLOCK.test(below[i].nodeName)) { return true; } }
    return false;
  }

  // `wrapper` (a mark, or a link holding blocks) taken away, its children kept in its place:
  // each run of them it may hold inside a copy of it (its style, its address), each other
  // element with a copy of it moved inside, in turn, as deep as it must go. `fits(child)`
  // says which children the wrapper may hold.
  function pushInside(wrapper, fits) {
    var parent = wrapper.parentNode, run = null;
    Array.prototype.slice.call(wrapper.childNodes).forEach(function (child) {
      if (child.nodeType !== 1 || fits(child)) {
        if (!run) { run = parent.insertBefore(wrapper.cloneNode(false), wrapper); }
        run.appendChild(child);
        return;
      }
      run = null;
      parent.insertBefore(child, wrapper);
      if (!child.firstChild) { return; }  // a picture, a rule: nothing to mark
      var inside = wrapper.cloneNode(false);
      while (child.firstChild) { inside.appendChild(child.firstChild); }
      child.appendChild(inside);
      if (misfits(inside, fits)) { pushInside(inside, fits); }
    });
    parent.removeChild(wrapper);
  }

  // A link to a place inside the pasted document itself (`#_ftn1`, `#_Toc…`, Chromium's
  // `<editor's address>#…`): its words, as Word shows them («[1]», «1. Mục đích … 1»).
  function inPasteLink(a) {
    var href = String(a.getAttribute("href") || "").replace(/[\u0000-\u0020\u007f]+/g, "");
    var here = window.location.origin + window.location.pathname;
    return href.charAt(0) === "#" || href.indexOf(here + "#") === 0;
  }

  function unwrap(el) {
    while (el.firstChild) { el.parentNode.insertBefore(el.firstChild, el); }
    el.parentNode.removeChild(el);
  }

  var SUPER = { "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
                "+": "⁺", "-": "⁻", "\u2212": "⁻", "=": "⁼", "(": "⁽", ")": "⁾" };
  var SUB = { "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉",
              "+": "₊", "-": "₋", "\u2212": "₋", "=": "₌", "(": "₍", ")": "₎" };

  // Which Unicode forms a raised or lowered run takes: <sup>/<sub>, or Google Docs' span
  // styled `vertical-align: super/sub`; null for any other element.
  function shiftOf(el) {
    var align = el.style ? el.style.verticalAlign : "";
    if (el.nodeName === "SUP" || align === "super") { return SUPER; }
    if (el.nodeName === "SUB" || align === "sub") { return SUB; }
    return null;
  }

  // `m<sup>2</sup>` and `H<sub>2</sub>O` are «m²» and «H₂O»: Decap has no raised text and
  // pasted «m2», «H2O». Only a run of digits and signs, all of which Unicode has raised
  // (lowered), and no link or picture in it; any other run («1<sup>st</sup>») is its words.
  function shifted(body) {
    Array.prototype.slice.call(body.querySelectorAll("sup, sub, span[style*=vertical-align]")).forEach(function (el) {
      var map = shiftOf(el), text = el.textContent.trim();
      if (!map || !text || !el.parentNode || !textOnly(el)) { return; }
      for (var i = 0; i < text.length; i++) { if (!map[text.charAt(i)]) { return; } }
      var walker = el.ownerDocument.createTreeWalker(el, 4), node;
      while ((node = walker.nextNode())) {
        node.nodeValue = node.nodeValue.replace(/[0-9+=()\u2212-]/g, function (c) { return map[c]; });
      }
    });
  }

  // The words of `box`'s children beside its blocks, each run a paragraph of its own; so are
  // a list item's or a quote's words alone (Decap wrote `<li>Mục có <a>…</a></li>` as two
  // paragraphs of the item, text and link apart), and a <div>'s beside other blocks; the
  // body's words alone are not: a phrase pasted inside a paragraph stays in it.
  function paragraphsOf(box) {
    var kids = Array.prototype.slice.call(box.childNodes), isBlock = function (n) { return n.nodeType === 1 && BLOCK.test(n.nodeName); };
    if (!kids.some(isBlock)) {  // words alone: a paragraph if the box is one of several blocks
      var beside = Array.prototype.some.call(box.parentNode ? box.parentNode.childNodes : [], function (n) {
        return n !== box && (isBlock(n) || (n.nodeType === 3 && /[^\s\u00a0]/.test(n.nodeValue)));
      });
      if (box.nodeName === "BODY" || (!beside && !/^(?:LI|BLOCKQUOTE|DT|DD)$/.test(box.nodeName))) { return; }
    }
    var run = null;
    kids.forEach(function (n) {
      var inline = n.nodeType === 3 ? /[^\s\u00a0]/.test(n.nodeValue) || run : n.nodeType === 1 && !BLOCK.test(n.nodeName);
      if (!inline) { run = null; return; }
      if (!run) { run = box.insertBefore(box.ownerDocument.createElement("p"), n); }
      run.appendChild(n);
    });
  }

  // A pasted picture: Decap's converter made an image its editor cannot show (no `data`), and
  // the whole editor vanished (session 40); a picture from another site or a file on the
  // computer is no picture on the site anyway. Pictures are left out, and said to be.
  var PICTURES_LEFT = "Ảnh trong đoạn vừa dán không được chép vào bài (chỉ chép chữ). Để thêm ảnh, " +
    "lưu ảnh về máy rồi bấm nút + (Thêm khối) → Ảnh để tải lên.";

  // The pasted body in the shapes Decap takes (above). Tables are the table reader's.
  function decapShaped(body) {
    Array.prototype.slice.call(body.querySelectorAll("a[href]")).forEach(function (a) { if (inPasteLink(a)) { unwrap(a); } });
    shifted(body);
    var pictures = Array.prototype.slice.call(body.getElementsByTagName("img"));
    pictures.forEach(function (img) { img.parentNode.removeChild(img); });
    if (pictures.length) { window.setTimeout(function () { window.alert(PICTURES_LEFT); }, 0); }
    var marks = Array.prototype.filter.call(body.getElementsByTagName("*"), function (el) { return MARKS.test(el.nodeName); });
    marks.reverse().forEach(function (el) { if (misfits(el, fitsMark)) { pushInside(el, fitsMark); } });
    Array.prototype.slice.call(body.querySelectorAll("a")).forEach(function (a) {  // links do not nest
      if (holdsBlock(a)) { pushInside(a, fitsLink); }
    });
    [body].concat(Array.prototype.slice.call(body.getElementsByTagName("*"))).forEach(function (box) {
      if (CONTAINERS.test(box.nodeName) && !box.closest("table")) { paragraphsOf(box); }
    });
  }

  // Whether a link may hold `node`: anything but a block or what holds one.
  function fitsLink(node) { return node.nodeType !== 1 || (!BLOCK.test(node.nodeName) && !holdsBlock(node)); }

  // --- bold, italic and links, as the page showed them ---------------------------------------
  // Whether `el` itself decides bold (or italic): <b>/<strong> (<i>/<em>) unless their own style
  // says otherwise, a `font-weight` (`font-style`) in a style; null when it says nothing. Google
  // Docs wraps a whole paste in <b style="font-weight:normal">: that <b> is not bold.
  function decides(el, mark) {
    var value = el.style ? (mark === "bold" ? el.style.fontWeight : el.style.fontStyle) : "";
    if (value) {
      return mark === "bold" ? value === "bold" || value === "bolder" || parseInt(value, 10) >= 600
        : value === "italic" || value === "oblique";
    }
    if (mark === "bold" && (el.nodeName === "B" || el.nodeName === "STRONG")) { return true; }
    if (mark === "italic" && (el.nodeName === "I" || el.nodeName === "EM")) { return true; }
    return null;
  }

  // {bold, italic} of a text node: the nearest element up to `top` that decides each (Word writes
  // `<b>…<span style="font-weight:normal">…</span></b>` for a plain word inside a bold run).
  function marksOf(node, top) {
    var out = { bold: null, italic: null };
    for (var el = node.parentNode; el && el !== top.parentNode; el = el.parentNode) {
      if (el.nodeType !== 1) { continue; }
      if (out.bold === null) { out.bold = decides(el, "bold"); }
      if (out.italic === null) { out.italic = decides(el, "italic"); }
    }
    return { bold: !!out.bold, italic: !!out.italic };
  }

  // Decap knows <strong> and <em> (saved `**…**`, `*…*`) but not Word's <b>, which it dropped;
  // and a mark holding a link (`<b>… <a>…</a></b>`) made its converter throw. So each text node
  // gets its own marks, as <strong>/<em> around the text alone (its spaces outside: `**Điều 1. **`
  // is no bold in Markdown), and the elements that gave them are taken away.
  var MARKED = "b, strong, i, em, span[style*=font-weight], span[style*=font-style]";
  function ownMarks(body) {
    var doc = body.ownerDocument, texts = [], walker = doc.createTreeWalker(body, 4), node;
    while ((node = walker.nextNode())) { texts.push(node); }
    var givers = Array.prototype.slice.call(body.querySelectorAll(MARKED));
    texts.forEach(function (text) {
      var m = marksOf(text, body), parts = /^([\s\u00a0]*)([\s\S]*?)([\s\u00a0]*)$/.exec(text.nodeValue);
      if (!(m.bold || m.italic) || !parts[2]) { return; }
      var inner = doc.createTextNode(parts[2]), outer = inner;
      if (m.italic) { outer = doc.createElement("em"); outer.appendChild(inner); }
      if (m.bold) { var b = doc.createElement("strong"); b.appendChild(outer); outer = b; }
      var parent = text.parentNode;
      if (parts[1]) { parent.insertBefore(doc.createTextNode(parts[1]), text); }
      parent.insertBefore(outer, text);
      if (parts[3]) { parent.insertBefore(doc.createTextNode(parts[3]), text); }
      parent.removeChild(text);
    });
    givers.forEach(function (el) {
      if (el.nodeName === "SPAN") { el.style.removeProperty("font-weight"); el.style.removeProperty("font-style"); return; }
      while (el.firstChild) { el.parentNode.insertBefore(el.firstChild, el); }
      el.parentNode.removeChild(el);
    });
  }

  // A link's address as a Markdown table cell may hold it, or null for none: only http(s),
  // mailto and tel (what the site's sanitiser keeps) and paths on the site. `javascript:` (any
  // case, spaces and control characters inside), `file:`, `data:`, a Windows path, `//host`
  // and Word's `#_Toc…` bookmarks (their target is not in the paste; Chromium hands them
  // over made absolute, on the editor's own address) stay plain text.
  function linkAddress(href) {
    var url = String(href || "").replace(/[\u0000-\u0020\u007f]+/g, "");
    var here = window.location.origin + window.location.pathname;
    if (!url || /^(?:\/\/|#|\\)/.test(url) || url.indexOf(here + "#") === 0) { return null; }
    var scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url);
    if (scheme && !/^(?:https?|mailto|tel)$/i.test(scheme[1])) { return null; }
    return url.replace(/[()|<>"\\`[\]\s]/g, function (c) { return "%" + c.charCodeAt(0).toString(16).toUpperCase(); });
  }

  // A cell's text on one line: its paragraphs and line breaks as spaces, non-breaking spaces
  // as spaces; Markdown's marks escaped, so that a `|` stays in its cell and `*` is a star,
  // and `<` `>` `&` as entities (a backslash before `<` shows on the page; `<b>` would be a tag).
  function escapeCell(text) {
    return text.replace(/[\\|*_`[\]]/g, "\\$&").replace(/&(?=#?\w+;)/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // The cell's runs of text: {text, bold, italic, href}, a block or line break a plain space.
  function cellRuns(cell) {
    var runs = [];
    (function walk(node, href) {
      if (node.nodeType === 3) {
        var m = marksOf(node, cell);
        runs.push({ text: node.nodeValue, bold: m.bold, italic: m.italic, href: href });
        return;
      }
      if (node.nodeType !== 1) { return; }
      if (node.nodeName === "A") { href = linkAddress(node.getAttribute("href")); }
      var space = function () { runs.push({ text: " ", bold: false, italic: false, href: href }); };
      if (node.nodeName === "BR" || BLOCKS.test(node.nodeName)) { space(); }
      Array.prototype.forEach.call(node.childNodes, function (child) { walk(child, href); });
      if (BLOCKS.test(node.nodeName)) { space(); }
    })(cell, null);
    return runs;
  }

  // A run as Markdown: `**…**` bold (not in a header row: a header is bold already), `*…*`
  // italic, as Decap writes them; its spaces outside the marks.
  function markedText(text, run, header) {
    var parts = /^( ?)(.*?)( ?)$/.exec(text), inner = escapeCell(parts[2]);
    if (!inner) { return text; }
    if (run.italic) { inner = "*" + inner + "*"; }
    if (run.bold && !header) { inner = "**" + inner + "**"; }
    return parts[1] + inner + parts[3];
  }

  // A cell as one line of Markdown: runs with the same marks joined, a link around the runs
  // that share its address: `[**Nghị định** 30/2020](https://…)`.
  function cellText(cell, header) {
    var out = "", group = null;
    var flush = function () {
      if (!group) { return; }
      var text = group.runs.map(function (run) { return markedText(run.text, run, header); }).join("");
      var parts = /^( ?)(.*?)( ?)$/.exec(text);
      out += group.href && parts[2] ? parts[1] + "[" + parts[2] + "](" + group.href + ")" + parts[3] : text;
      group = null;
    };
    cellRuns(cell).forEach(function (run) {
      var text = run.text.replace(/[\s\u00a0]+/g, " "), href = run.href || null;
      if (!group || group.href !== href) { flush(); group = { href: href, runs: [] }; }
      var last = group.runs[group.runs.length - 1];
      if (last && last.bold === run.bold && last.italic === run.italic) { last.text = (last.text + text).replace(/ {2,}/g, " "); }
      else { group.runs.push({ text: text, bold: run.bold, italic: run.italic }); }
    });
    flush();
    return out.replace(/ {2,}/g, " ").trim();
  }

  // A merged cell's span: 1 when missing or not a number; `rowspan="0"` (to the table's end) and
  // spans past `most` are cut to `most`, so a hostile `colspan="99999"` stays small.
  var SPAN_MAX = 50;
  function span(td, name, most) {
    var n = parseInt(td.getAttribute(name), 10);
    if (name === "rowspan" && n === 0) { return most; }
    return Math.max(1, Math.min(isNaN(n) ? 1 : n, most));
  }

  // How many of the table's first rows are its header: a <thead>'s rows, the first rows made
  // of <th> only, Word's heading rows (`mso-yfti-lastfirstrow` on the last of them) or the
  // rows a first-row cell is merged down over (a two-level header: "STT" down two rows beside
  // "Năm 2024" over "Số vụ | Số người"); at least 1.
  function headerRows(table, trs) {
    var count = table.tHead ? Array.prototype.filter.call(table.tHead.rows, function (tr) { return tr.cells.length; }).length : 0;
    var th = 0;
    while (th < trs.length && Array.prototype.every.call(trs[th].cells, function (c) { return c.nodeName === "TH"; })) { th += 1; }
    var word = 0;
    trs.forEach(function (tr, r) { if (/mso-yfti-lastfirstrow\s*:\s*yes/.test(tr.getAttribute("style") || "")) { word = r + 1; } });
    var down = trs.length ? Math.max.apply(null, Array.prototype.map.call(trs[0].cells, function (td) {
      return span(td, "rowspan", trs.length);
    })) : 1;
    return Math.max(1, Math.min(trs.length, Math.max(count, th, word, down)));
  }

  // The table as a grid of cell texts, every figure under its column as the page showed it.
  // A merged cell's text is in its first row and column; the places it covers, across
  // (colspan) and down (rowspan), are empty cells, never the text again: a figure repeated
  // would be counted twice by whoever adds up the column. A row skips the columns merged down
  // from above (without that, session 35's first version moved a row's figures one column left,
  // under the wrong heading). A column in which no cell begins (a span wider than the table) is
  // dropped, and every row gets as many cells as the widest. `labels` is the same grid with a
  // merged cell's text in every place it covers: what a header column is called.
  function tableRows(table) {
    var trs = Array.prototype.filter.call(table.rows || [], function (tr) { return tr.cells.length; });
    var heads = headerRows(table, trs);
    var grid = [], labels = [], below = [], from = [], begins = [];  // below[c]: rows still under a cell merged down column c
    trs.forEach(function (tr, r) {
      var row = [], label = [], c = 0;
      var skipCovered = function () { while (below[c] > 0) { row[c] = ""; label[c] = from[c]; below[c] -= 1; c += 1; } };
      Array.prototype.forEach.call(tr.cells, function (td) {
        skipCovered();
        var across = span(td, "colspan", SPAN_MAX), down = span(td, "rowspan", trs.length - r);
        var text = cellText(td, r < heads);
        row[c] = text;
        begins[c] = true;
        for (var k = 0; k < across && !(k && below[c] > 0); k++, c++) {  // a span stops at a merged-down cell
          if (k) { row[c] = ""; }
          label[c] = from[c] = text;
          below[c] = down - 1;
        }
      });
      for (; c < below.length; c++) { if (below[c] > 0) { row[c] = ""; label[c] = from[c]; below[c] -= 1; } }
      grid.push(row);
      labels.push(label);
    });
    var kept = function (row) {
      var out = [];
      for (var c = 0; c < begins.length; c++) { if (begins[c]) { out.push(row[c] || ""); } }
      return out;
    };
    return { heads: heads, rows: grid.map(kept), labels: labels.map(kept) };
  }

  // The one header line of a Markdown table for a header of several rows: each column's
  // labels from top to bottom joined by « – » ("Năm 2024 – Số vụ"), a label merged over
  // several columns in each of them, the same label twice (merged down) once. Keeping only
  // the first row put "Năm 2024" over two columns of different figures and the second row
  // among the figures.
  function headerLine(labels, heads) {
    return labels[0].map(function (first, c) {
      var parts = [];
      for (var r = 0; r < heads; r++) {
        var text = labels[r][c] || "";
        if (text && parts[parts.length - 1] !== text) { parts.push(text); }
      }
      return parts.join(" – ");
    });
  }

  function markdownTable(table) {
    var line = function (row) { return "| " + row.join(" | ") + " |"; };
    var header = table.heads > 1 ? headerLine(table.labels, table.heads) : table.rows[0];
    var lines = [line(header), line(header.map(function () { return "---"; }))];
    return lines.concat(table.rows.slice(table.heads).map(line)).join("\n");
  }

  // The "Bảng" block holding `text`, as Decap's "+" menu inserts one.
  function tableBlock(text) {
    return { type: "shortcode", id: "bantin-bang",
             data: { shortcode: "bantin-bang", shortcodeNew: true, shortcodeData: { table: text } },
             children: [{ text: "" }] };
  }

  // --- Word's list paragraphs ---------------------------------------------------------------
  // Word writes a list item as a paragraph of class MsoListParagraph (…CxSpFirst, …Middle,
  // …Last) or with `mso-list` in its style, its marker typed out: "-", "·" (Symbol), "o"
  // (Courier New), "§" (Wingdings), or "1." "a)" "ii)" "A." "IV.", then non-breaking spaces,
  // in a <span style="mso-list:Ignore">. Any paragraph starting with such a marker and two
  // spaces is taken the same way (other word processors).
  var BULLET = new RegExp("^[\\s\\u00a0]*([-–·•o§▪●◦*\\uf0b7\\uf0a7\\uf076\\uf0d8]|(\\d{1,3})[.)]|" +
    "[a-zđ][.)]|[ivx]{1,5}[.)]|[A-ZĐ][.)]|[IVXLC]{1,7}[.)])[\\s\\u00a0]+");
  var WORD_ITEM = /MsoListParagraph/;

  // Word's own marker (the text of its `mso-list:Ignore` span) with the spaces around it, when
  // it is no marker of ours («Điều 1.», «Chương I», «(1)»): kept as typed, like a letter.
  function wordMarker(p, text) {
    var ignore = p.querySelector("span[style*='mso-list:Ignore'], span[style*='mso-list: Ignore']");
    var typed = ignore && ignore.textContent.replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, "");
    if (!typed) { return null; }
    var found = /^[\s\u00a0]*/.exec(text)[0];
    if (text.slice(found.length, found.length + typed.length) !== typed) { return null; }
    var after = /^[\s\u00a0]*/.exec(text.slice(found.length + typed.length))[0];
    return { length: found.length + typed.length + after.length, marker: typed, kind: "letter" };
  }

  // A list paragraph's level, 1 for the outermost: Word's `mso-list:l0 level2`, else its left
  // margin in points (ranked among the run's margins by `levels`).
  var POINTS = { pt: 1, px: 0.75, cm: 28.35, mm: 2.835, in: 72 };
  function indentOf(p) {
    var style = p.getAttribute("style") || "", level = /mso-list\s*:[^;]*level(\d+)/.exec(style);
    if (level) { return { level: parseInt(level[1], 10) }; }
    var margin = /^(-?[\d.]+)(pt|px|cm|mm|in)$/.exec((p.style && p.style.marginLeft) || "");
    return { margin: margin ? parseFloat(margin[1]) * POINTS[margin[2]] : 0 };
  }

  // {length of the marker and its spaces, marker as typed, kind: bullet, number or letter,
  // indent}. Upper-case «A)», «B.» and roman «I.», «IV.» are letters: in a legal text «I.»,
  // «II.» head the parts of a report and «A)» names a point, so they are never made a list
  // (Markdown would write «1. 2.»), and stay at the start of their paragraph as typed.
  function listMarker(p) {
    var style = p.getAttribute("style") || "", text = p.textContent || "";
    var word = WORD_ITEM.test(p.className || "") || /mso-list\s*:\s*l\d/.test(style);
    var found = BULLET.exec(text), marker;
    if (found && (word || /^[\s\u00a0]*\S+[\s\u00a0]{2,}/.test(text))) {
      var kind = found[2] ? "number" : /[.)]$/.test(found[1]) ? "letter" : "bullet";
      marker = { length: found[0].length, marker: found[1], kind: kind };
    } else {
      marker = word ? wordMarker(p, text) : null;
    }
    if (marker) { marker.indent = indentOf(p); }
    return marker;
  }

  // `count` characters taken off the start of the paragraph's text, node by node.
  function dropStart(p, count) {
    var walker = p.ownerDocument.createTreeWalker(p, 4), node;
    while (count > 0 && (node = walker.nextNode())) {
      var cut = Math.min(count, node.nodeValue.length);
      node.nodeValue = node.nodeValue.slice(cut);
      count -= cut;
    }
  }

  // The marker kept as typed, in a paragraph of its own: «a) Người …». After a number, one
  // non-breaking space (Word's own, after its markers): Decap writes «3. Khoản» unescaped,
  // which Markdown reads as a list numbered from 1; «3.» then a non-breaking space is no list
  // marker in Python-Markdown or CommonMark, and looks the same.
  function keepMarker(p, marker) {
    dropStart(p, marker.length);
    var space = marker.kind === "number" ? "\u00a0" : " ";
    p.insertBefore(p.ownerDocument.createTextNode(marker.marker + space), p.firstChild);
  }

  // Each item's level within its run of items (a run ends at any other paragraph): Word's level
  // as given, made to start at 1; margins ranked, the smallest 1. A level deeper than one
  // below the item before it is that one's child all the same (Markdown nests one at a time).
  function levels(items) {
    var run = [];
    var close = function () {
      var margins = [], least = Infinity;
      run.forEach(function (m) {
        if (m.indent.level) { least = Math.min(least, m.indent.level); }
        else if (margins.indexOf(m.indent.margin) < 0) { margins.push(m.indent.margin); }
      });
      margins.sort(function (x, y) { return x - y; });
      var before = 0;
      run.forEach(function (m) {
        var level = m.indent.level ? m.indent.level - least + 1 : margins.indexOf(m.indent.margin) + 1;
        m.level = Math.min(level, before + 1);
        before = m.level;
      });
      run = [];
    };
    items.forEach(function (m) { if (m) { run.push(m); } else { close(); } });
    close();
  }

  // Whether numbered paragraphs may be a Markdown list "1. 2. 3.": only when every run of them,
  // level by level, is numbered 1., 2., 3., … as the list's Markdown will be (Python-Markdown
  // numbers a list from 1 whatever its first number, and reads no "1)"). Else Word's numbers,
  // kept as text. A deeper item leaves the count of the level above it going.
  function numbersAsWritten(items) {
    var next = [], fits = true;
    items.forEach(function (item) {
      if (!item || item.kind === "letter") { next = []; return; }
      next.length = item.level + 1;  // deeper levels start again
      if (item.kind !== "number") { next[item.level] = 1; return; }
      var expected = next[item.level] || 1;
      if (item.marker !== expected + ".") { fits = false; }
      next[item.level] = expected + 1;
    });
    return fits;
  }

  // Word's list paragraphs: bullets, and numbers that fit (above), made into <ul> and <ol>,
  // nested by level (a deeper item's list inside the item before it, as Decap's own nested
  // lists are; saved indented 4 spaces, scripts/patch_decap.py LIST_INDENT). Space between
  // them ignored. Letters «a) b) c)» (the points, điểm, of a legal clause), roman «i) ii)» and
  // upper-case «A) I.» stay paragraphs starting with their marker as typed: Markdown has no
  // lettered list, and session 35's first version made them «1. 2. 3.», so that a later «điểm
  // b khoản này» named a point the page no longer showed.
  function wordLists(parent) {
    var nodes = Array.prototype.slice.call(parent.childNodes).filter(function (node) {
      return !(node.nodeType === 3 && !node.nodeValue.trim());
    });
    var items = nodes.map(function (node) { return node.nodeType === 1 && node.nodeName === "P" ? listMarker(node) : null; });
    items.forEach(function (m, i) { if (m && m.kind === "letter") { keepMarker(nodes[i], m); items[i] = null; } });
    levels(items);
    var numbered = numbersAsWritten(items);
    items.forEach(function (m, i) { if (m && m.kind === "number" && !numbered) { keepMarker(nodes[i], m); items[i] = null; } });
    var open = [];  // the lists open, outermost first: {list, ordered, item}
    nodes.forEach(function (node, i) {
      var marker = items[i];
      if (!marker) { open = []; return; }
      dropStart(node, marker.length);
      var ordered = marker.kind === "number", level = Math.min(marker.level, open.length + 1);
      open.length = Math.min(open.length, level);
      var here = open[level - 1];
      if (!here || here.ordered !== ordered) {
        var list = parent.ownerDocument.createElement(ordered ? "ol" : "ul");
        if (level > 1) { open[level - 2].item.appendChild(list); } else { parent.insertBefore(list, node); }
        here = open[level - 1] = { list: list, ordered: ordered };
      }
      var item = parent.ownerDocument.createElement("li");  // holding the paragraph, as Decap's
      item.appendChild(node);  // own list items do: Enter at its end then makes the next item
      here.list.appendChild(item);
      here.item = item;
    });
  }

  // Space between blocks (Word's line ends, `&nbsp;` paragraphs' neighbours) is not text:
  // Decap made it a paragraph of its own, written as a lone `\` or an empty line.
  function dropSpaceBetweenBlocks(parent) {
    Array.prototype.slice.call(parent.childNodes).forEach(function (node) {
      if (node.nodeType === 3 && !node.nodeValue.replace(/[\s\u00a0]+/g, "")) { parent.removeChild(node); }
      else if (node.nodeType === 8) { parent.removeChild(node); }
    });
  }

  // --- a question pasted in bold, in a handbook -----------------------------------------------
  // Word gives a handbook's question as a paragraph in bold (`<p><b>Câu hỏi 4: …?</b></p>`),
  // which Decap saved as `**Câu hỏi 4: …?**`: a paragraph of the answer above, which the build
  // refuses (handbook.misplaced.emphasised_question, session 39: no page, short link nor QR code). In a handbook
  // entry such a paragraph is pasted as a "Câu hỏi" block (bantin-admin.js), which writes
  // `## Câu hỏi 4: …? {#id}` with an id made as for a question typed in the block. Which
  // paragraphs: those the build would call a question pasted in bold, by the build's own rule
  // on the line Decap would write (`emphasisedQuestion`, a twin of handbook/misplaced.py's; tests/
  // test_webeditor.py checks both on the same lines). Not in an article, a guide or a page:
  // there `**Câu hỏi 4: …**` is bold words the build accepts. A heading pasted in a handbook
  // (Word's "Heading 2", `<h2>`) is a question to the build, which Decap wrote `## …` without
  // an id: it becomes such a block too (session 40). Every pasted question's id is given on
  // paste, as `bantin ids` gives one (bantinQuestionIds, bantin-admin.js).
  var QA_HASH = /^#\/collections\/hoi-dap\//;  // QA_COLLECTION of bantin-admin.js, in Decap's address
  // handbook.headings.PASTED_PREFIX: Python's `\s` is PY_SPACE (not JavaScript's, which has U+FEFF and lacks
  // U+001C-U+001F, U+0085), its `\d` any decimal digit (`\p{Nd}`), IGNORECASE Unicode's folding.
  var PY_S = PY_SPACE.source, PY_SPACE_RUNS = new RegExp(PY_S + "+", "gu");
  var PASTED_PREFIX = new RegExp("^(?:Câu" + PY_S + "+hỏi|Câu)" + PY_S + "*(?:số" + PY_S +
    "*)?\\p{Nd}+" + PY_S + "*[:.)–-]", "iu");
  // handbook.headings.ASKED: «Câu hỏi N» names a question; «Câu N» only when its words end with «?».
  var ASKED = new RegExp("^Câu" + PY_S + "+hỏi", "iu");

  // The run of `*` or `_` (three at most) `text` starts with, or "" (handbook.headings.emphasis_mark).
  function emphasisMark(text) {
    var c = text.charAt(0), n = 0;
    if (c !== "*" && c !== "_") { return ""; }
    while (n < 3 && text.charAt(n) === c) { n += 1; }
    return text.slice(0, n);
  }

  // handbook.misplaced.emphasised_question: the question of a Markdown line that starts (three spaces at
  // most) with bold or italics around a question's number, without the emphasis marks; null
  // for any other line. Each step is a scan or an anchored match: linear.
  function emphasisedQuestion(line) {
    var from = 0;
    while (line.charAt(from) === " ") { from += 1; }
    var stripped = line.slice(from), mark = emphasisMark(stripped);
    if (from > 3 || !mark) { return null; }
    var rest = stripped.slice(mark.length);
    if ((rest && PY_SPACE.test(rest.charAt(0))) || !PASTED_PREFIX.test(rest)) { return null; }
    var close = rest.indexOf(mark);
    var question = pyStrip(close >= 0 ? rest.slice(0, close) + rest.slice(close + mark.length) : rest);
    if (!ASKED.test(rest) && withoutAttributes(question).slice(-1) !== "?") { return null; }  // an answer key
    return question;
  }

  // handbook.headings.without_attributes: `text` without an attribute list at its end (`… thế nào? {#id}`).
  function withoutAttributes(text) {
    var start = text.slice(-1) === "}" ? text.lastIndexOf("{") : -1;
    return start >= 0 ? pyStrip(text.slice(0, start)) : text;
  }

  // {line: the paragraph's first line as Decap writes it (`**`/`*` for <strong>/<em>, which
  // ownMarks made of Word's marks, `[…](…)` for a link, `![](…)` for a picture; `*`, `_`, `\`
  // in the words escaped; line ends in a text dropped, as Decap drops them), text: its words
  // as shown, br: the <br> that ends it or null}. Only what the line starts with matters to the
  // rule: a question in a link or after a picture is none to the build (`[**Câu hỏi 4:…`).
  // Reads childNodes, nodeType, nodeName and nodeValue only.
  var WRITTEN_AS = { STRONG: ["**", "**"], B: ["**", "**"], EM: ["*", "*"], I: ["*", "*"], A: ["[", "](…)"],
                     IMG: ["![](…)", ""], CODE: ["`", "`"], S: ["~~", "~~"], DEL: ["~~", "~~"], STRIKE: ["~~", "~~"] };
  function firstLine(p) {
    var line = "", text = "", br = null;
    (function walk(node) {
      for (var i = 0; i < node.childNodes.length && !br; i++) {
        var child = node.childNodes[i];
        if (child.nodeType === 3) {
          var words = String(child.nodeValue).replace(/\r?\n/g, "");
          line += words.replace(/[\\*_]/g, "\\$&");
          text += words;
        } else if (child.nodeType === 1 && child.nodeName === "BR") {
          br = child;
        } else if (child.nodeType === 1) {
          var marks = WRITTEN_AS[child.nodeName] || ["", ""];
          line += marks[0];
          walk(child);
          if (!br) { line += marks[1]; }
        }
      }
    })(p);
    return { line: line, text: text, br: br };
  }

  // {question, id} of a pasted paragraph the build would call a question pasted in bold, or
  // null; also null for a number alone (`**Câu hỏi 4:**`): its words are elsewhere, and the
  // build's message says where to put them. An id written at its end (`{#ngoai-gia-thu}`,
  // `{# ngoai-gia-thu }`) is kept for the block, which makes it valid as a typed one.
  // `inBold(br)`: whether a <br> of the paragraph was inside bold or italics as pasted (ownMarks
  // has since given each text its own marks, so the DOM no longer says it; bantinPasted asks
  // before). The question is its words up to the line break that ends it (questionWords).
  function pastedQuestion(p, inBold) {
    var first = firstLine(p);
    if (emphasisedQuestion(first.line) === null) { return null; }
    var words = first.br ? questionWords(p, inBold || function () { return false; }) : { text: first.text, br: null };
    var found = withWrittenId(words.text), number = PASTED_PREFIX.exec(found.question);
    if (!number || !pyStrip(found.question.slice(number[0].length))) { return null; }
    return { question: found.question, id: found.id, line: first.line, br: words.br };
  }

  // {text: a bold question's words, br: the <br> after them or null} (outsider trial F10). Word
  // and CKEditor portals write a question over two lines inside one bold run: «<b>Câu hỏi 1: Gia
  // đình tôi … lối đi chung.<br>Xin hỏi … không?</b>»; the build reads the first line only (it
  // is the line that is no heading), but the question is the whole bold paragraph, the break a
  // space. A break goes on with the question when it was inside the emphasis and the words after
  // it are emphasised too, or when the words so far end with an asker's «… hỏi:» (the question
  // is on the next line); any other (`<b>…?</b><br>Trả lời: …`, `<b>…?<br></b>Trả lời`) ends it,
  // the rest the answer's. So does a break before an answer's label (`answerStart`: «<b>…<br>Trả
  // lời: …</b>», all in the bold, or «Đáp:» after a question with no «?»), as the build's
  // handbook.misplaced.bold_question. One walk to a flat list, one pass back, one forward: linear.
  var ASKER_END = new RegExp("hỏi" + PY_S + "*:$", "iu");
  function questionWords(p, inBold) {
    var items = [];
    (function walk(node, marked) {
      for (var i = 0; i < node.childNodes.length; i++) {
        var child = node.childNodes[i];
        if (child.nodeType === 3) { items.push({ text: String(child.nodeValue).replace(/\r?\n/g, ""), marked: marked }); }
        else if (child.nodeType === 1 && child.nodeName === "BR") { items.push({ br: child }); }
        else if (child.nodeType === 1) { walk(child, marked || EMPHASIS.test(child.nodeName)); }
      }
    })(p, false);
    var nextMarked = false;  // whether the next words (not white space) after each item are emphasised
    var raw = "", words = "";  // the line after each item, up to the next break: its start, as is and from its words
    for (var k = items.length - 1; k >= 0; k--) {
      var t = items[k].text;
      if (items[k].br) { items[k].nextMarked = nextMarked; items[k].answer = ANSWER_START.test(words); raw = words = ""; continue; }
      if (pyStrip(t)) { nextMarked = items[k].marked; }
      var lead = ANSWER_LEAD.exec(t)[0].length;
      words = lead < t.length ? (t.slice(lead, lead + ANSWER_REACH) + raw).slice(0, ANSWER_REACH) : words;
      raw = (t.slice(0, ANSWER_REACH) + raw).slice(0, ANSWER_REACH);
    }
    var text = "", tail = "";  // tail: the end of the words so far, white space one space (never the whole text again)
    for (var j = 0; j < items.length; j++) {
      var item = items[j];
      if (!item.br) { text += item.text; tail = tailOf(tail, item.text); continue; }
      if (item.answer || !((inBold(item.br) && item.nextMarked) || ASKER_END.test(pyStrip(tail)))) {
        return { text: text, br: item.br };
      }
      text += " ";
      tail = (tail + " ").slice(-32);
    }
    return { text: text, br: null };
  }

  // handbook.misplaced._ANSWER_START and _ANSWER_LEAD: an answer's first words («Trả lời:», «Đáp:», «TL:» in
  // any case with their colon, «Trả lời» capitalised, «Đáp» or «TL» alone), after white space, marks
  // and `\`; cases written out (Python's IGNORECASE folds «i» with «ı», JavaScript's does not).
  var PY_S_CHARS = PY_S.slice(1, -1), ANSWER_REACH = 64;
  var ANSWER_START = new RegExp("^(?:(?:[Tt][Rr][Ảả]" + PY_S + "+[Ll][Ờờ][Ii]|[Đđ][Áá][Pp]|[Tt][Ll])[" + PY_S_CHARS +
    "*_]*:|(?:Trả|TRẢ)" + PY_S + "+(?:lời|LỜI)[" + PY_S_CHARS + "*_\\\\.]*$|(?:Đáp|ĐÁP|TL)[" + PY_S_CHARS + "*_\\\\]*$)", "u");
  var ANSWER_LEAD = new RegExp("^[" + PY_S_CHARS + "*_\\\\]*", "u");
  // Whether a line's words start with an answer's label (handbook.misplaced.answer_start's twin).
  function answerStart(line) {
    var lead = ANSWER_LEAD.exec(line)[0].length;
    return ANSWER_START.test(line.slice(lead, lead + ANSWER_REACH));
  }

  // The last characters of `tail` + `text` (enough for «hỏi :»), a run of white space one space.
  function tailOf(tail, text) {
    var words = pyStrip(text);
    if (!words) { return text ? (tail + " ").slice(-32) : tail; }
    var before = PY_SPACE.test(text.charAt(0)) ? " " : "", after = PY_SPACE.test(text.charAt(text.length - 1)) ? " " : "";
    return (tail + before + words.slice(-32) + after).slice(-32);
  }
  var EMPHASIS = /^(?:STRONG|B|EM|I)$/;

  // {question: the words, white space made one space, id: an id written at their end
  // (`{#ngoai-gia-thu}`, `{# ngoai-gia-thu }`) or ""}.
  function withWrittenId(text) {
    var words = pyStrip(text.replace(PY_SPACE_RUNS, " ")), id = "";
    var brace = words.slice(-1) === "}" ? words.lastIndexOf("{") : -1;
    var written = brace >= 0 ? /^\{:?[ ]*#[ ]*([^\s{}]+)[ ]*\}$/.exec(words.slice(brace)) : null;
    if (written) { id = written[1]; words = pyStrip(words.slice(0, brace)); }
    return { question: words, id: id };
  }

  // --- a question written as a paragraph of its own (session 40) ------------------------------
  // handbook.paragraphs.plain_question's twin, line for line: «Câu hỏi 5: …?» alone in its paragraph, between an
  // answer's text above and below, is a question the build warns of (no page, short link nor QR
  // code); «Câu 5. …?» and a quiz (options, key below) are not. Python's `\s` is PY_SPACE, `\d` `\p{Nd}`, `\w` `[\p{L}\p{N}_]`, `.strip()` pyStrip.
  var PY_S_IN = PY_S.slice(1, -1);  // the class's characters, for a class of its own
  var LIST_ITEM = /^\p{Nd}{1,9}[.)][ \t]+/u;
  var LISTED = new RegExp("^Câu" + PY_S + "+hỏi" + PY_S + "*(?:số" + PY_S + "*)?(\\p{Nd}*)" + PY_S + "*[:.)–-]", "iu");
  var ASKER = new RegExp("^(?:Ông|Bà|Anh|Chị|Em|Cô|Chú|Bác|Cháu|Bạn|Bạn đọc|Độc giả|Công dân|Người dân)" +
    "(?:[ \\t]+[^" + PY_S_IN + ":?]+){0,5}[ \\t]+hỏi[ \\t]*:", "u");
  // handbook.paragraphs._OPTION: a quiz's option («A.», «b)», «(C)», «A/», «A:», «A –») or key («Đáp án», «Đáp:», «Trả lời đúng:»).
  var OPTION = new RegExp("^(?:[-*+][ \\t]+)?(?:\\(?[A-Da-d](?:[.)/:]|[ \\t]*[-–])[ \\t]|Đáp án(?![\\p{L}\\p{N}_])" +
    "|Đáp[ \\t]*:|(?:(?:Câu[ \\t]+)?Trả[ \\t]+lời|Phương[ \\t]+án)[ \\t]+đúng[ \\t]*(?::|là(?![\\p{L}\\p{N}_])))", "iu");
  var CLOSING = "\"”’»)";

  // handbook.paragraphs.plain_question: {question, listed} of line `index` of `lines` (Markdown), or null.
  function plainQuestion(lines, index) {
    var line = lines[index], from = 0, text = null, listed = false, item;
    while (line.charAt(from) === " ") { from += 1; }
    var stripped = line.slice(from);
    if (from > 3 || !asks(stripped)) { return null; }
    if (PASTED_PREFIX.test(stripped) && ASKED.test(stripped)) { text = pyStrip(stripped); }  // not «Câu 5. …?»: a quiz's item
    else if ((item = LIST_ITEM.exec(stripped)) && (text = listedQuestion(stripped, item)) !== null) { listed = true; }
    else { return null; }
    return alone(lines, index, listed) ? { question: text, listed: listed } : null;
  }

  // handbook.paragraphs._asks: the line ends with «?», an attribute list and closing quotes aside.
  function asks(text) {
    var t = withoutAttributes(pyStrip(text)), end = t.length;
    while (end > 0 && CLOSING.indexOf(t.charAt(end - 1)) >= 0) { end -= 1; }
    return end > 0 && t.charAt(end - 1) === "?";
  }

  // handbook.paragraphs._listed_question: a numbered item's words as a heading's (`Câu hỏi 5: Ông A hỏi: …?`), or null.
  function listedQuestion(stripped, item) {
    var number = pyStrip(stripped.slice(0, item[0].length)).slice(0, -1);
    var words = pyStrip(stripped.slice(item[0].length)), asked = LISTED.exec(words);
    if (asked) { return asked[1] ? words : "Câu hỏi " + number + ": " + pyStrip(words.slice(asked[0].length)); }
    return ASKER.test(words) ? "Câu hỏi " + number + ": " + words : null;
  }

  // handbook.paragraphs._alone: a paragraph (or list) of its own, an answer's text above and below.
  function alone(lines, index, listed) {
    if ((index > 0 && pyStrip(lines[index - 1])) || (index + 1 < lines.length && pyStrip(lines[index + 1]))) { return false; }
    var before = nextText(lines, index, -1), after = nextText(lines, index, 1);
    if (before === null || after === null || OPTION.test(spacesOff(after))) { return false; }
    return [before, after].every(function (other) {
      var s = spacesOff(other);
      if (s.charAt(0) === "#" || numbered(s)) { return false; }
      return !(listed && (other.length - s.length > 3 || other.charAt(0) === "\t" || LIST_ITEM.test(s) || /^[-*+] /.test(s)));
    });
  }

  function spacesOff(text) { var i = 0; while (text.charAt(i) === " ") { i += 1; } return text.slice(i); }

  // handbook.paragraphs._next_text: the first line not blank from `index` on in the direction `step`, or null.
  function nextText(lines, index, step) {
    index += step;
    while (index >= 0 && index < lines.length && !pyStrip(lines[index])) { index += step; }
    return index >= 0 && index < lines.length ? lines[index] : null;
  }

  // handbook.paragraphs._numbered: a line that starts like a numbered question, whatever its marks.
  function numbered(s) {
    var item = LIST_ITEM.exec(s), i = 0;
    if (item) { s = s.slice(item[0].length); } else if (/^[-*+] /.test(s)) { s = s.slice(2); }
    while (i < s.length && "*_ ".indexOf(s.charAt(i)) >= 0) { i += 1; }
    s = s.slice(i);
    return PASTED_PREFIX.test(s) || LISTED.test(s);
  }

  // The lines Decap writes for the blocks of `box` ({lines, at: [[paragraph, its line]]}), as
  // plainQuestion reads them: a paragraph its first line (and one more when it goes on after a
  // line break), a heading `#`…, a list `1. `/`- `, anything else a line of text; a blank line
  // between. Above the paste, the entry's text (an answer's or the intro's): a line of text;
  // below it, nothing known, so the last paragraph pasted is no question (its answer is not
  // in the paste). Reads childNodes, nodeType, nodeName and nodeValue only.
  function blockLines(box) {
    var lines = ["x"], at = [];
    Array.prototype.slice.call(box.childNodes).forEach(function (node) {
      var name = node.nodeType === 1 ? node.nodeName : "";
      lines.push("");
      if (name === "P") {
        var first = firstLine(node);
        at.push([node, lines.length]);
        lines.push(first.line);
        if (first.br) { lines.push("x"); }
      } else if (/^H[1-6]$/.test(name)) { lines.push("######".slice(0, +name.charAt(1)) + " x"); }
      else if (name === "OL" || name === "UL") { lines.push(name === "OL" ? "1. x" : "- x"); }
      else { lines.push("x"); }
    });
    return { lines: lines, at: at };
  }

  // {question, id} of a pasted heading (Word's "Heading 2", <h2>), which Decap writes `## …`:
  // a question to the build in a handbook (every `## ` line is one) but without an id, which
  // the build refuses (session 39, left). Null for a heading without words, and for one with a
  // link or a picture, which the block's words would drop: it stays `## …`, and the build's
  // message gives the line to paste. A line break in it (Shift+Enter) is a space, as the
  // block's one line. Reads childNodes, nodeType, nodeName and nodeValue only.
  function pastedHeading(el) {
    var text = "", kept = true;
    (function walk(node) {
      for (var i = 0; i < node.childNodes.length && kept; i++) {
        var child = node.childNodes[i];
        if (child.nodeType === 3) { text += String(child.nodeValue); }
        else if (child.nodeType === 1 && child.nodeName === "BR") { text += " "; }
        else if (child.nodeType === 1 && (child.nodeName === "A" || child.nodeName === "IMG")) { kept = false; }
        else if (child.nodeType === 1) { walk(child); }
      }
    })(el);
    var found = withWrittenId(text);
    return kept && found.question ? found : null;
  }

  var pastedQuestions = new WeakMap();  // paragraph or heading → {question, id}: found by questionsIn, this paste's nodes only

  // [{node, question, id}] of the paragraphs of `box` (the pasted body, or a section <div> of
  // it) that are questions pasted in bold, and of its headings `<h2>` (pastedHeading); a
  // paragraph that goes on after a line break (`<br>`, Shift+Enter in Word) is cut there, the
  // rest a paragraph of its own: the answer's.
  function questionsIn(box, inBold) {
    var all = [];
    Array.prototype.slice.call(box.childNodes).forEach(function (p) {
      if (p.nodeType === 1 && p.nodeName === "H2") {
        if (pastedGroup(p, true)) { return; }  // a part's name («II. THỦ TỤC»): a group `# `, not a question
        var heading = pastedHeading(p);
        if (heading) { all.push({ node: p, question: heading.question, id: heading.id }); }
        return;
      }
      if (p.nodeType !== 1 || p.nodeName !== "P") { return; }
      var found = pastedQuestion(p, inBold);
      if (!found) { return; }
      if (found.br) {
        var range = p.ownerDocument.createRange(), after = p.ownerDocument.createElement("p");
        range.setStartAfter(found.br);
        range.setEndAfter(p.lastChild);
        after.appendChild(range.extractContents());
        found.br.parentNode.removeChild(found.br);
        var kept = after.textContent.replace(PY_SPACE_RUNS, "") || after.querySelector("img");  // not an empty paragraph
        if (kept) { p.parentNode.insertBefore(after, p.nextSibling); }
      }
      all.push({ node: p, question: found.question, id: found.id });
    });
    var read = blockLines(box), taken = new Set(all.map(function (q) { return q.node; }));
    read.at.forEach(function (pair) {  // a question written as a plain paragraph (the build's plain_question)
      if (taken.has(pair[0]) || !plainQuestion(read.lines, pair[1])) { return; }
      var words = withWrittenId(firstLine(pair[0]).text);
      if (words.question) { all.push({ node: pair[0], question: words.question, id: words.id }); }
    });
    return all;
  }

  // Each question found in this paste remembered with its id, given in the order of the page
  // (the first of two alike keeps the plain id) by bantin-admin.js as `bantin ids` gives ids:
  // unique on the site and in the handbook (bantinQuestionIds). Without it, the block makes one.
  function rememberQuestions(found) {
    found.sort(function (a, b) { return a.node.compareDocumentPosition(b.node) & 4 ? -1 : 1; });
    var ids = window.bantinQuestionIds ? window.bantinQuestionIds.pasted(found) : null;
    found.forEach(function (q, i) { pastedQuestions.set(q.node, { question: q.question, id: ids ? ids[i] : q.id }); });
  }

  // Whether `box` is the pasted body or a section of it (<div>s only up to the body): a
  // paragraph in a quote or a list item is no question to the build either.
  function sectionOf(box, body) {
    for (var el = box; el && el !== body; el = el.parentNode) { if (el.nodeName !== "DIV") { return false; } }
    return el === body;
  }

  // The "Câu hỏi" block holding `question`, as Decap's "+" menu inserts one.
  function questionBlock(found) {
    return { type: "shortcode", id: "bantin-cau-hoi",
             data: { shortcode: "bantin-cau-hoi", shortcodeNew: true, shortcodeData: { question: found.question, id: found.id } },
             children: [{ text: "" }] };
  }

  // For tests/test_webeditor.py: the rule and the reading of a paragraph, beside the build's.
  window.bantinQuestionRule = { emphasisedQuestion: emphasisedQuestion, firstLine: firstLine, pastedQuestion: pastedQuestion,
                                pastedHeading: pastedHeading, plainQuestion: plainQuestion, blockLines: blockLines,
                                answerStart: answerStart };

  // --- a group's name pasted in a handbook (session 40) ---------------------------------------
  // A Word handbook has its parts' names between its questions as Heading 2 («II. THỦ TỤC»),
  // which Decap saved as `## II. THỦ TỤC`: a question without an id to the build, whose fix
  // made it a question (an outsider's trial, FINDINGS F1). The build reads a `# ` line as the
  // name of the group of questions after it; so in a handbook entry a pasted <h1>/<h2> that
  // names a part, by the build's rule (handbook.asks.looks_like_group; tests/test_qagroups.py checks both
  // on the same cases), becomes a level-1 heading, which Decap writes `# II. THỦ TỤC`.
  var GROUP_NUMBER = /^\p{Nd}/u, GROUP_ASKS = /^(?:câu|hỏi)/iu;
  // handbook.asks._NUMERAL: I to XXXIX, capitals only; a single C, D, L, M is an A/B/C/D list's letter
  var NUMERAL = "(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})", WORDLESS = "(?![\\p{L}\\p{Nl}\\p{No}])";
  var GROUP_ROMAN = new RegExp("^" + NUMERAL + "[.)]", "u");  // handbook.asks._ROMAN
  var GROUP_WORD = new RegExp("^(?:Phần|Chương|Mục)" + PY_S + "+", "iu");  // handbook.asks._SECTION_WORD, its words…
  var GROUP_WORD_NUMBER = new RegExp("^(?:" + NUMERAL + "|\\p{Nd}{1,4}|[Tt][Hh][Ứứ])" + WORDLESS, "u");  // …then a number
  // «Nhóm», then «:», a number, a numeral (case-sensitive) or «câu hỏi» (any case): handbook.asks._SECTION_WORD
  var GROUP_NAMED = /^Nhóm/iu, GROUP_NAMED_NUMBER = new RegExp("^(?:" + PY_S + "*:|" + PY_S + "+(?:\\p{Nd}|" +
    NUMERAL + WORDLESS + "))", "u"), GROUP_NAMED_QUESTIONS = new RegExp("^" + PY_S + "+câu" + PY_S + "+hỏi" + WORDLESS, "iu");
  // handbook.asks.QUESTION_WORDS and handbook.asks._NOT_ASKING: a line in capitals holding one of these words asks.
  var QUESTION_WORDS = ["gì", "nào", "sao", "ai", "đâu", "bao nhiêu", "bao lâu", "bao giờ", "mấy", "không", "chưa",
                        "có phải", "chăng"];
  var NOT_ASKING = ["chưa thành niên", "bản sao", "sao y", "hàng không", "không gian"];

  // handbook.asks.holds_question_word: the text holds a question word as whole words, in any case.
  function holdsQuestionWord(text) {
    var words = " " + (text.normalize("NFC").toLowerCase().match(/[\p{L}\p{Nl}\p{No}]+/gu) || []).join(" ") + " ";
    NOT_ASKING.forEach(function (phrase) { words = words.split(" " + phrase + " ").join(" - "); });
    return QUESTION_WORDS.some(function (word) { return words.indexOf(" " + word + " ") >= 0; });
  }

  function groupNamed(words) {  // «Nhóm 2», «Nhóm II.», «Nhóm: …», «Nhóm câu hỏi …»
    var named = GROUP_NAMED.exec(words), rest = named ? words.slice(named[0].length) : "";
    return Boolean(named) && (GROUP_NAMED_NUMBER.test(rest) || GROUP_NAMED_QUESTIONS.test(rest));
  }

  // handbook.asks.looks_like_group: the text names a part of the handbook rather than asks.
  function groupHeading(text) {
    var words = pyStrip(String(text));
    if (!words || words.indexOf("?") >= 0 || GROUP_NUMBER.test(words) || GROUP_ASKS.test(words)) { return false; }
    var word = GROUP_WORD.exec(words);
    if (GROUP_ROMAN.test(words) || groupNamed(words) || (word && GROUP_WORD_NUMBER.test(words.slice(word[0].length)))) {
      return true;
    }
    var letters = 0;
    for (var i = 0; i < words.length && letters < 3; i++) { if (/\p{L}/u.test(words[i])) { letters += 1; } }
    return words === words.toUpperCase() && words !== words.toLowerCase() && letters >= 3 && !holdsQuestionWord(words);
  }

  // handbook.headings.NUMBER_PREFIX: «Câu hỏi 3:», «Câu 3.» first (Python's `\s`, `\d` as in PASTED_PREFIX).
  var LINE_NUMBER = new RegExp("^(?:Câu" + PY_S + "+hỏi|Câu)" + PY_S + "*\\p{Nd}+" + PY_S + "*[:.)–-]", "iu");

  // handbook.headings.split_heading's words: the text without the attribute list at its end (`{#id}`).
  function headingWords(text) {
    var s = pyStrip(text), close = s.length - 1;
    if (close < 1 || s.charAt(close) !== "}") { return s; }
    var opening = s.indexOf("{", s.lastIndexOf("}", close - 1) + 1);
    return opening < 0 || opening >= close ? s : pyStrip(s.slice(0, opening));
  }

  // handbook.asks.ASKS_LAST, ASKS_FIRST, NOT_ASKING_FIRST: a `# ` line asks when its words close or open
  // as a question does; «không», «chưa», «ai» inside a group's name do not ask (session 41's review, H1).
  var ASKS_LAST = ["gì", "nào", "sao", "ai", "đâu", "bao nhiêu", "bao lâu", "bao giờ", "mấy", "không", "chưa", "chăng"];
  var ASKS_FIRST = ["ai", "tại sao", "vì sao", "làm sao", "thế nào", "làm thế nào", "có phải", "phải chăng", "khi nào",
                    "lúc nào", "bao giờ", "bao lâu", "bao nhiêu", "ở đâu", "đâu là", "làm gì", "cần làm gì", "phải làm gì",
                    "nên làm gì", "những ai", "người nào", "cái gì", "điều gì", "trường hợp nào",
                    "những trường hợp nào", "cơ quan nào", "đối tượng nào", "những đối tượng nào", "hành vi nào",
                    "những hành vi nào", "giấy tờ nào", "những giấy tờ nào"];
  var NOT_ASKING_FIRST = ["ai cũng", "ai ai"];

  // handbook.asks.words_ask: the words end with a question's closing words or start with an asker's.
  function wordsAsk(text) {
    var words = " " + (text.normalize("NFC").toLowerCase().match(/[\p{L}\p{Nl}\p{No}]+/gu) || []).join(" ") + " ";
    NOT_ASKING.forEach(function (phrase) { words = words.split(" " + phrase + " ").join(" - "); });
    var ends = function (phrase) { return words.endsWith(" " + phrase + " "); };
    var starts = function (phrase) { return words.startsWith(" " + phrase + " "); };
    return ASKS_LAST.some(ends) || (ASKS_FIRST.some(starts) && !NOT_ASKING_FIRST.some(starts));
  }

  // handbook.asks.group_line_asks: a `# ` line's text between questions that reads as a question
  // written with one `#` too few («ĐĂNG KÝ KẾT HÔN CẦN NHỮNG GIẤY TỜ GÌ»): «Câu hỏi 3:» first or
  // «?» last, or words that close or open as a question (wordsAsk) and do not name a part
  // (groupHeading). Session 41; a question word inside a name does not ask (its review, H1).
  function groupLineAsks(text) {
    var t = pyStrip(String(text));
    if (LINE_NUMBER.test(t) || withoutAttributes(t).slice(-1) === "?") { return true; }
    var words = headingWords(t);
    return wordsAsk(words) && !groupHeading(words);
  }

  // The level-1 heading for a pasted heading (`node`: H1 or H2 in the pasted body or a section
  // <div> of it, in a handbook entry) that names a group; a level-2 one for an H1 whose words
  // ask (groupLineAsks: Decap's `# …` is no group to the build but a question lost, while `## …`
  // is a question the save check names); else null: Decap's own conversion.
  function pastedGroup(node, handbook) {
    if (!handbook || (node.nodeName !== "H1" && node.nodeName !== "H2")) { return null; }
    var el = node.parentNode;
    while (el && el.nodeName === "DIV") { el = el.parentNode; }
    if (!el || el.nodeName !== "BODY") { return null; }  // in a list or a quote: no group to the build
    var words = pyStrip(String(node.textContent).replace(PY_SPACE_RUNS, " "));
    if (groupHeading(words)) { return { type: "heading-one", children: [{ text: words }] }; }
    return node.nodeName === "H1" && groupLineAsks(words) ? { type: "heading-two", children: [{ text: words }] } : null;
  }

  // A Word "Heading 2" inside an answer («Hồ sơ thanh toán gồm những gì?» under «Câu hỏi 13»)
  // was made a question like the questions around it: the answer was cut in two, the heading
  // got a page of its own, and every later question's number shifted by one (an editor's
  // trial, session 43, F1). Where the paste numbers its questions («Câu hỏi 13: …», as Word
  // handbooks do), a heading 2 without such a number that stands between two numbered
  // questions is the first one's: it becomes a heading 3 (`### `), which the build keeps
  // inside the answer (the sample handbook's «### Tổ trưởng tổ hòa giải do ai chọn?»). Not
  // after the last numbered one: a quiz's «Câu 1. …?» or one numbered question followed by
  // questions without numbers made whole handbooks one answer (a review, session 44). Every
  // other heading 2 keeps session 40's rule: a question, as the build reads `## `. The editor
  // is told which headings were kept in an answer.
  function withoutAnswerHeadings(found) {
    var numbered = found.filter(function (q) { return PASTED_PREFIX.test(q.question); }).map(function (q) { return q.node; });
    var between = function (node) {  // Node.DOCUMENT_POSITION_FOLLOWING (4) and _PRECEDING (2)
      return numbered.some(function (n) { return (n.compareDocumentPosition(node) & 4) !== 0; }) &&
        numbered.some(function (n) { return (n.compareDocumentPosition(node) & 2) !== 0; });
    };
    var kept = [];
    var questions = found.filter(function (q) {
      if (q.node.nodeName !== "H2" || PASTED_PREFIX.test(q.question) || !between(q.node)) { return true; }
      var h3 = q.node.ownerDocument.createElement("h3");
      while (q.node.firstChild) { h3.appendChild(q.node.firstChild); }
      q.node.parentNode.replaceChild(h3, q.node);
      kept.push(q.question);
      return false;
    });
    if (kept.length) {
      window.setTimeout(function () { window.alert(ANSWER_HEADINGS + kept.map(function (t) { return "«" + t + "»"; }).join(", ") + "."); }, 0);
    }
    return questions;
  }
  var ANSWER_HEADINGS = "Tiêu đề nằm giữa hai câu hỏi có số được giữ trong câu trả lời phía trên (thành Tiêu đề 3), " +
    "không thành câu hỏi mới. Nếu tiêu đề nào thật là câu hỏi, đổi nó thành khối Câu hỏi: ";

  // For tests/test_qagroups.py: the rule and the block, beside the build's.
  window.bantinGroupRule = { groupHeading: groupHeading, groupLineAsks: groupLineAsks, pastedGroup: pastedGroup };

  // Called by Decap when its converter could not read a paste (scripts/patch_decap.py,
  // PASTE_NEVER_LOST): the words went in as plain text; the editor is told what was lost.
  // After the paste, so the words are on screen behind the message.
  var PASTE_FAILED = "Đoạn vừa dán có định dạng mà trình biên tập không đọc được, nên chỉ dán được phần chữ: " +
    "chữ đậm, nghiêng, liên kết, danh sách và bảng của đoạn đó không còn. Hãy xem lại đoạn vừa dán, " +
    "rồi định dạng lại bằng các nút trên thanh công cụ (nút liên kết để thêm liên kết).";
  window.bantinPasteFailed = function (error) {
    if (window.console) { window.console.error("bantin-paste:", error); }
    window.setTimeout(function () { window.alert(PASTE_FAILED); }, 0);
  };

  // Called by Decap for each node of pasted HTML (scripts/patch_decap.py): a Slate node to
  // use instead, null to drop the node, or undefined to let Decap convert it as before.
  window.bantinPasted = function (node) {
    try {
      if (node.nodeName === "BODY") {  // Word's paragraphs, in the body or its sections (<div>)
        decapShaped(node);
        var boldBreaks = new WeakSet();  // line breaks inside bold or italics, asked before ownMarks loses it
        Array.prototype.forEach.call(node.getElementsByTagName("br"), function (br) {
          var m = marksOf(br, node);
          if (m.bold || m.italic) { boldBreaks.add(br); }
        });
        ownMarks(node);
        var handbook = QA_HASH.test(String(window.location && window.location.hash)), found = [];
        var inBold = function (br) { return boldBreaks.has(br); };
        [node].concat(Array.prototype.slice.call(node.querySelectorAll("div"))).forEach(function (box) {
          wordLists(box);
          dropSpaceBetweenBlocks(box);
          if (handbook && sectionOf(box, node)) { found = found.concat(questionsIn(box, inBold)); }
        });
        found = withoutAnswerHeadings(found);
        if (found.length) { rememberQuestions(found); }
        return undefined;
      }
      var group = pastedGroup(node, QA_HASH.test(String(window.location && window.location.hash)));
      if (group) { return group; }  // before the questions: questionsIn leaves a group's heading out
      if ((node.nodeName === "P" || node.nodeName === "H2") && pastedQuestions.has(node)) {
        return questionBlock(pastedQuestions.get(node));
      }
      if (node.nodeName === "TABLE") {
        var table = tableRows(node), rows = table.rows;
        if (!rows.length) { return null; }
        if (rows.length === 1 && rows[0].length === 1) { return undefined; }  // a framed box, not a table
        return tableBlock(markdownTable(table));
      }
    } catch (e) { /* anything unforeseen: Decap's own conversion, as before */ }
    return undefined;
  };

})();

// A `markdown="1"` element left open whose end Python-Markdown loses: the editor's twin of the
// build's error (content/openblocks.py, session 38), checked before saving (bantin-admin.js).
//
// Python-Markdown (md_in_html) closes an element still open at the end of the text by its tag
// name; with another element of that name open inside it (two `<div markdown="1">`, or one and a
// plain `<div>`) that closes the inner one, the outer one is never finished, and everything from
// its opening tag to the end of the article vanishes from the page. The build reads which
// elements are open with Python-Markdown's own extractor (`htmlblocks`, on Python's HTML parser).
// This is that extractor's bookkeeping (HTMLExtractor and HTMLExtractorExtra: raw blocks, the
// `markdown` stack, the tail of a block, inline tags), step by step, on the text as the build
// hands it over (CRLF as LF, fenced code blanked, tabs expanded: openblocks._parsed).
//
// Only a subset of HTML is read: the one on which Python's tokenizer can be followed exactly
// (session 42, decisions.md). Anything else makes the answer "unknown" (null): the save goes
// on and the build still says it. Never a refusal the build does not make. Left to the build:
// a `<` before a letter that is neither a plain tag nor a `<…>` without quotes whose name is no
// block's (`<a b` with no `>`, `<div a="1"b>`, `<div<x>`), `</x` with no `>`, `<!` or `<?` where a
// block may begin (but a closed comment), a comment holding `--` or closing oddly, `&#` that is
// no number, the tags whose content the parser reads otherwise (`script`, `style`, `textarea`…),
// a `markdown` value written with `&` or on `<hr>`/`<x/>`, a block tag that closes an outermost
// `<p markdown="1">`, a comment at a line's start after an address in `<…>` left "open", blanks
// other than spaces before a tag, nesting deeper than MAX_DEPTH, a body over the build's page
// size. Measured in tests/test_webeditor_openblocks.py.
(function (root) {
  "use strict";

  // Python-Markdown 3.11's Markdown().block_level_elements (test_webeditor_openblocks checks it).
  var BLOCK_LEVEL = ["address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption",
    "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav",
    "ol", "p", "pre", "section", "table", "ul", "canvas", "colgroup", "dd", "body", "dt", "group", "html", "iframe",
    "li", "legend", "math", "map", "noscript", "output", "object", "option", "progress", "script", "style", "summary",
    "tbody", "td", "textarea", "tfoot", "th", "thead", "tr", "video", "center"];
  var SPAN_TAGS = ["address", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "legend", "li", "p", "summary", "td", "th"];
  var RAW_TAGS = ["canvas", "math", "option", "pre", "script", "style", "textarea"];
  var EMPTY_TAGS = ["hr"];
  var VOID_TAGS = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr"];
  // Read by the parser in a mode of their own, which differs between Python versions: unknown.
  var OTHER_MODE = ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
    "plaintext"];
  var MAX_DEPTH = 200;
  var MAX_PAGE = 2 * 1024 * 1024;  // pagesize.MAX_PAGE_BYTES: more characters are more bytes still
  var TAB = 4;

  function set(list) { var s = Object.create(null); list.forEach(function (x) { s[x] = true; }); return s; }
  var isBlockLevel = set(BLOCK_LEVEL), isSpan = set(SPAN_TAGS), isVoid = set(VOID_TAGS), isEmpty = set(EMPTY_TAGS);
  var isOtherMode = set(OTHER_MODE);
  var isBlockTag = set(BLOCK_LEVEL.filter(function (t) { return !isSpan[t] && RAW_TAGS.indexOf(t) < 0 && !isEmpty[t]; }));

  // A start tag Python's parser certainly reads whole, with these attributes; an end tag; a
  // comment closed by the first `--` after its start; a character reference.
  var START_TAG = /<([A-Za-z][A-Za-z0-9]*)((?:[ \n]+[A-Za-z_:][-A-Za-z0-9_:.]*(?:[ \n]*=[ \n]*(?:"[^"]*"|'[^']*'|[^\s"'=<>`\x00]+))?)*)[ \n]*(\/?)>/y;
  var ATTRIBUTE = /[ \n]+([A-Za-z_:][-A-Za-z0-9_:.]*)(?:[ \n]*=[ \n]*("[^"]*"|'[^']*'|[^\s"'=<>`\x00]+))?/y;
  // Anything else in `<…>` without quotes: an address (Markdown's autolink `<https://…>`, `<a@b.vn>`),
  // `<sổ tay>`. To Python's parser a tag named up to its first blank, `/` or `>` (`https:`,
  // `sổ`), or words; its first `>` ends it (a `<` inside is its text: `<https://<trang>/a>`).
  // Read only when that name is no block's.
  var INLINE_ISH = /<([A-Za-z][^\s\/>`<"'\x00]*)[^>"'`\x00]*>/y;  // (a NUL ends Python's name: left)
  var END_TAG = /<\/([A-Za-z][A-Za-z0-9]*)[ \n]*>/y;
  var CHARREF = /&#(?:[0-9]+|[xX][0-9a-fA-F]+)[^0-9a-fA-F]/y;
  var BLANK_AHEAD = /(?: *\n){2}/y;  // htmlparser.blank_line_re, matched where a block ends
  var INNER_BLANK = /\n[ \t]*\n/;  // htmlparser.inner_blank_line_re
  var INNER_BLANK_FROM = /\n[ \t]*\n/g;
  var FENCE_LINE = /^(?:`{3,}|~{3,})/;
  var FENCE_WORDS = /^[ ]*(?:\{[^\n]*\}|(?:\.?[\p{L}\p{N}_#.+-]*[ ]*)?(?:hl_lines=(["'])[^\n]*?\1[ ]*)?)$/u;

  // literal.fenced_lines: the lines of fenced code blocks, fences included (a block closes only at
  // its own fence alone on a line; a fence nothing closes is no block).
  function fencedLines(lines) {
    var fences = [], closers = Object.create(null), inside = Object.create(null), after = -1;
    lines.forEach(function (line, index) {
      var m = FENCE_LINE.exec(line);
      if (!m) { return; }
      fences.push([index, m[0]]);
      if (line.slice(m[0].length).replace(/^ +| +$/g, "") === "") { (closers[m[0]] = closers[m[0]] || []).push(index); }
    });
    var next = Object.create(null);  // fence → position in its closers (fences come in order)
    fences.forEach(function (pair) {
      var index = pair[0], fence = pair[1];
      if (index <= after || !FENCE_WORDS.test(lines[index].slice(fence.length))) { return; }
      var candidates = closers[fence] || [], k = next[fence] || 0;
      while (k < candidates.length && candidates[k] <= index) { k++; }
      next[fence] = k;
      if (k < candidates.length) {
        after = candidates[k];
        for (var i = index; i <= after; i++) { inside[i] = true; }
      }
    });
    return inside;
  }

  function expandTabs(line) {
    if (line.indexOf("\t") < 0) { return line; }
    var out = "";
    for (var i = 0; i < line.length; i++) {  // Python counts code points; a tab's stop too
      if (line[i] === "\t") { out += " ".repeat(TAB - (Array.from(out).length % TAB)); } else { out += line[i]; }
    }
    return out;
  }

  // openblocks._parsed: the text as Python-Markdown's extractor reads it (offsets in lines kept).
  function parsed(body) {
    var lines = String(body || "").replace(/\r\n?/g, "\n").split("\n");
    var fenced = /```|~~~/.test(body) ? fencedLines(lines) : {};
    return lines.map(function (line, index) {
      line = fenced[index] ? "" : expandTabs(line);
      return /^ *$/.test(line) ? "" : line;
    }).join("\n");
  }

  function Unknown() {}

  // The extractor's state, as HTMLExtractor and HTMLExtractorExtra keep it.
  function Reader(text) {
    this.text = text;
    this.inraw = false; this.intail = false; this.stack = [];  // raw block
    this.md = [];  // {tag, state, started, offset}: mdstack, mdstate, mdstarted and where each began
    this.inline = [];  // inline_stack
    this.budget = 4 * text.length + 100000;  // characters inlineCloseFollows may read
    this.lineStart = 0; this.nextLine = text.indexOf("\n");  // the line of the last position asked (they only grow)
  }

  Reader.prototype.atLineStart = function (at) {
    while (this.nextLine >= 0 && this.nextLine < at) {
      this.lineStart = this.nextLine + 1;
      this.nextLine = this.text.indexOf("\n", this.lineStart);
    }
    var before = at - this.lineStart > 3 ? "    " : this.text.slice(this.lineStart, at);
    if (before.length === 0) { return true; }
    if (before.length > 3) { return false; }
    if (/^ *$/.test(before)) { return true; }
    if (/^[\s\x1c-\x1f\x85]*$/.test(before)) { this.unknown(); }  // blanks Python and JS may count differently
    return false;
  };

  Reader.prototype.unknown = function () { throw new Unknown(); };

  // handle_data, in both classes: a line end ends a tail; Markdown text inside an element ends
  // its "just started"; a blank line outside one ends the open inline tags.
  Reader.prototype.data = function (data) {
    if (!data) { return; }
    if (this.intail && data.indexOf("\n") >= 0) { this.intail = false; }
    if (this.inraw) { return; }
    if (this.md.length) { this.md[this.md.length - 1].started = false; return; }
    if (INNER_BLANK.test(data)) { this.inline = []; }
  };

  // handle_empty_tag (a comment, `<hr>`, `<x/>`, a character reference).
  Reader.prototype.emptyTag = function (at, text, isBlock) {
    if (this.inraw || !this.md.length) {
      if (this.inraw || this.intail) { return; }
      if (this.atLineStart(at) && isBlock) { this.tail(at + text.length); }
      return;
    }
    if (this.atLineStart(at) && isBlock) { this.data("\n\n"); } else { this.words(text); }
  };

  // What the extractor hands on as words inside an element: the tag's text, or a placeholder
  // for it (no line end) inside an element that is not Markdown.
  Reader.prototype.words = function (text) {
    var top = this.md[this.md.length - 1];
    this.data(top && top.state === "off" ? "\x02" : text);
  };

  // The end of a block with more on its line: a block tag there starts a block (a tail is never
  // ended here, only by a line end in the words after it).
  Reader.prototype.tail = function (after) {
    BLANK_AHEAD.lastIndex = after;
    if (!BLANK_AHEAD.test(this.text)) { this.intail = true; }
  };

  Reader.prototype.state = function (tag, attrs) {  // get_state
    var value = attrs.markdown === undefined ? "0" : attrs.markdown;
    if (value === "markdown") { value = "1"; }
    var parent = this.md.length ? this.md[this.md.length - 1].state : null;
    if (parent === "off" || (parent === "span" && value !== "0")) { value = parent; }
    var both = isBlockTag[tag] || isSpan[tag];
    if ((value === "1" && isBlockTag[tag]) || (value === "block" && both)) { return "block"; }
    if ((value === "1" && isSpan[tag]) || (value === "span" && both)) { return "span"; }
    return isBlockLevel[tag] ? "off" : null;
  };

  Reader.prototype.startTag = function (at, text, tag, attrs) {
    if (isEmpty[tag] && (this.atLineStart(at) || this.intail)) { this.emptyTag(at, text, true); return; }
    var top = this.md[this.md.length - 1];
    if (isBlockLevel[tag] && (this.atLineStart(at) || this.intail || (top && top.started))) {
      var state = this.state(tag, attrs);
      if (isOtherMode[tag]) { this.unknown(); }  // its content read in a mode of its own: left
      if (this.inraw || ((state === null || state === "off") && !this.md.length)) {
        this.rawStart(at, tag);
        return;
      }
      this.replaced = -1;
      if (this.md.some(function (e) { return e.tag === "p"; })) { this.closeP(tag); }
      if (this.md.length >= MAX_DEPTH) { this.unknown(); }
      // The build notes where each element began beside the parser's stack of names, so a `<p>`
      // that closes an open `<p>` keeps the first one's line (htmlblocks._sync_opened): so here.
      this.md.push({ tag: tag, state: state, started: true, offset: this.replaced >= 0 ? this.replaced : at });
      return;
    }
    if (this.inraw) {
      if (isOtherMode[tag]) { this.unknown(); }
      this.rawStart(at, tag);
      return;
    }
    this.words(text);  // a tag among words (`<script>` too: md_in_html clears the parser's mode, #1036)
    if (!isBlockLevel[tag] && !isVoid[tag]) {
      if (this.inline.length >= MAX_DEPTH) { this.unknown(); }
      this.inline.push(tag);
    }
  };

  // A block tag inside an open `<p>` closes it first (md_in_html), and what was opened in it. A
  // `<p markdown="1">` outermost would end the element there, its tail measured from the new
  // tag: left.
  Reader.prototype.closeP = function (tag) {
    var i = -1;
    for (var j = this.md.length - 1; j >= 0; j--) { if (this.md[j].tag === "p") { i = j; break; } }
    if (i === 0) { this.unknown(); }
    this.replaced = tag === "p" ? this.md[i].offset : -1;
    this.md.length = i;
  };

  // HTMLExtractor.handle_starttag: a raw block begins (or goes on).
  Reader.prototype.rawStart = function (at, tag) {
    if (isEmpty[tag]) { this.emptyTag(at, "", true); return; }  // inside a raw block: kept there
    if (isBlockLevel[tag] && (this.intail || (this.atLineStart(at) && !this.inraw))) { this.inraw = true; }
    if (this.inraw) {
      if (this.stack.length >= MAX_DEPTH) { this.unknown(); }
      this.stack.push(tag);
    } else if (!isBlockLevel[tag] && !isVoid[tag]) {
      this.inline.push(tag);
    }
  };

  Reader.prototype.endTag = function (at, text, tag) {
    if (this.inraw) {
      var k = this.stack.lastIndexOf(tag);
      if (k >= 0) { this.stack.length = k; }
      if (!this.stack.length) {
        this.tail(at + text.length);
        this.inraw = false;
      }
      return;
    }
    if (isBlockLevel[tag]) {
      var i = -1;
      for (var j = this.md.length - 1; j >= 0; j--) { if (this.md[j].tag === tag) { i = j; break; } }
      if (i >= 0) {
        this.md.length = i;
        if (!this.md.length) { this.tail(at + text.length); }
        return;
      }
      this.words(text);  // an orphan closing tag: words
      return;
    }
    this.words(text);
    var n = this.inline.lastIndexOf(tag);
    if (n >= 0) { this.inline.length = n; }
  };

  // HTMLExtractor.inline_close_follows: an inline tag left open is closed later in this paragraph
  // (then a comment is part of its words, not a block). A budget keeps it linear; past it, left.
  Reader.prototype.inlineCloseFollows = function (after) {
    if (!this.inline.length) { return false; }
    if (this.inline.indexOf(":") >= 0) { this.unknown(); }  // an address read as a tag: its name is not sure
    var blank = INNER_BLANK_FROM, rest;
    blank.lastIndex = after;
    var found = blank.exec(this.text);
    rest = this.text.slice(after, found ? found.index : this.text.length);
    this.budget -= rest.length * this.inline.length;
    if (this.budget < 0 || /[\ufeff\x1c-\x1f\x85\u212a\u017f]/.test(rest)) { this.unknown(); }
    return this.inline.some(function (tag) { return new RegExp("</\\s*" + tag + "\\s*>", "i").test(rest); });
  };

  Reader.prototype.comment = function (at, text, inner) {
    var isBlock = INNER_BLANK.test(inner);
    if (!isBlock && this.atLineStart(at) && (this.md.length || !(this.inraw || this.intail))) {  // else not asked
      isBlock = !this.inlineCloseFollows(at + text.length);
    }
    this.emptyTag(at, text, isBlock);
  };

  Reader.prototype.read = function () {
    var text = this.text, at = 0, n = text.length, m;
    var next = /[<&]/g;
    while (at < n) {
      next.lastIndex = at;
      var found = next.exec(text), j = found ? found.index : n;
      this.data(text.slice(at, j));
      at = j;
      if (at >= n) { break; }
      if (text[at] === "&") {
        if (text.startsWith("&#", at)) {
          CHARREF.lastIndex = at;
          if (!(m = CHARREF.exec(text))) { this.unknown(); }  // the parser reads the rest as words
          this.emptyTag(at, "&#;", false);
          at = m.index + m[0].length - (m[0].endsWith(";") ? 0 : 1);
        } else {  // an entity or an `&`: words to the extractor (no line end, nothing started)
          this.data("&");
          at += 1;
        }
        continue;
      }
      var c = text[at + 1] || "";
      if (/[A-Za-z]/.test(c)) {
        START_TAG.lastIndex = INLINE_ISH.lastIndex = at;
        if (!(m = START_TAG.exec(text))) {
          if (!(m = INLINE_ISH.exec(text))) { this.unknown(); }
          var named = m[1].toLowerCase();
          if (isBlockLevel[named] || isOtherMode[named]) { this.unknown(); }
          this.words(m[0]);
          if (!m[0].endsWith("/>")) { this.inline.push(":"); }  // open to the parser (no tag of that name closes it)
          at += m[0].length;
          continue;
        }
        var tag = m[1].toLowerCase();
        var attrs = Object.create(null), a;
        ATTRIBUTE.lastIndex = 0;
        var written = m[2];
        while (ATTRIBUTE.lastIndex < written.length && (a = ATTRIBUTE.exec(written))) {
          var value = a[2] === undefined ? null : /^["']/.test(a[2]) ? a[2].slice(1, -1) : a[2];
          var name = a[1].toLowerCase();
          if (name === "markdown" && value && value.indexOf("&") >= 0) { this.unknown(); }
          attrs[name] = value === null ? name : value;
        }
        if ((m[3] || isEmpty[tag]) && attrs.markdown !== undefined) { this.unknown(); }  // written anew: left
        if (m[3]) { this.emptyTag(at, m[0], isBlockLevel[tag]); } else { this.startTag(at, m[0], tag, attrs); }
        at += m[0].length;
      } else if (c === "/") {
        if (!/[A-Za-z]/.test(text[at + 2] || "")) { this.data("</"); at += 2; continue; }  // `</>`, `</ `: words
        END_TAG.lastIndex = at;
        if (!(m = END_TAG.exec(text))) { this.unknown(); }
        this.endTag(at, m[0], m[1].toLowerCase());
        at += m[0].length;
      } else if (c === "!" || c === "?") {
        if (!text.startsWith("<!--", at)) {  // a declaration or instruction only where a block may begin
          if (this.atLineStart(at) || this.intail || this.md.length) { this.unknown(); }
          this.data(text.slice(at, at + 2));
          at += 2;
          continue;
        }
        var close = text.indexOf("--", at + 4);  // the first `--` closes it; `<!-->`, `<!--->` differ by version
        if (close < 0 || !text.startsWith("-->", close) || text[at + 4] === ">" || text.startsWith("->", at + 4)) {
          this.unknown();
        }
        var whole = text.slice(at, close + 3);
        this.comment(at, whole, text.slice(at + 4, close));
        at = close + 3;
      } else {
        this.data("<");
        at += 1;
      }
    }
    return this.close();
  };

  // HTMLExtractorExtra.close: the outermost element closed by its name, which closes the
  // innermost of that name instead; left open, everything from its tag on is lost.
  Reader.prototype.close = function () {
    if (!this.md.length) { return []; }
    var left = this.md.slice(), outer = left[0].tag;
    var lost = left.slice(1).some(function (e) { return e.tag === outer; });
    return lost ? left : [];
  };

  // The line of each offset (ascending: outermost first), in one pass over the text: thousands
  // of elements may be open, and a count from the start for each was quadratic (session 42).
  function linesOf(text, offsets) {
    var line = 1, i = text.indexOf("\n");
    return offsets.map(function (offset) {
      for (; i >= 0 && i < offset; i = text.indexOf("\n", i + 1)) { line++; }
      return line;
    });
  }

  var SHOWN = 5;  // open elements a message names (openblocks._SHOWN)

  function listed(shown, count, joint) {  // openblocks._listed
    var more = count - shown.length;
    return shown.join(joint) + (more > 0 ? " và " + more + " thẻ khác" : "");
  }

  function short(text, limit) {  // problems.short on a string: one line, `limit` characters
    var chars = Array.from(text.replace(/\n/g, " "));
    return chars.length <= limit ? chars.join("") : chars.slice(0, limit - 1).join("") + "…";
  }

  // The elements left open whose end Python-Markdown loses (outermost first: {line, tag,
  // written}), [] when none is lost, null when this text is beyond what is read here.
  function lostElements(body) {
    body = String(body || "");
    if (body.indexOf("<") < 0 || !/markdown/i.test(body)) { return []; }  // openblocks.open_elements' shortcut
    if (body.length > MAX_PAGE) { return null; }  // the build refuses the file for its size first (pagesize.py)
    // The build hides from the parser each `<` nothing closes when there are more than 32
    // (htmlguard, text.unclosed): as words. Here each such `<` is read as words by the parser too
    // (`</ `, `<!` among words), or the text is left (`<a` with no `>` after it, `<!--` unclosed).
    var text = parsed(body);
    var reader = new Reader(text), left;
    try { left = reader.read(); } catch (e) { if (e instanceof Unknown) { return null; } throw e; }
    var lines = linesOf(text, left.map(function (e) { return e.offset; }));
    return left.map(function (e, index) {
      var end = text.slice(e.offset, e.offset + 200).indexOf(">");  // within 200, as the build looks
      end = end >= 0 ? e.offset + end : -1;
      return { line: lines[index], tag: e.tag,
               written: short(end >= 0 ? text.slice(e.offset, end + 1) : "<" + e.tag, 60) };
    });
  }

  // The build's error (openblocks.report_open_blocks), lines counted in the entry's text.
  function lostSaid(found) {
    var first = found[0], where = "dòng " + first.line + " của Nội dung";
    var inner = listed(found.slice(1, SHOWN + 1).map(function (e) { return "`" + e.written + "` ở dòng " + e.line; }),
                       found.length - 1, ", ");
    var closing = listed(found.slice(-SHOWN).reverse().map(function (e) { return "`</" + e.tag + ">`"; }),
                         found.length, " rồi ");
    return "khối HTML `" + first.written + "` mở ở " + where + " không được đóng lại" +
      (inner ? ", bên trong nó " + inner + " cũng chưa đóng" : "") +
      ": trang bỏ mất mọi thứ từ dòng này đến hết bài, không báo gì. Cách sửa: thêm " + closing +
      " ở chỗ khối kết thúc (mỗi thẻ mở cần một thẻ đóng; mục 5.4 của hướng dẫn biên tập)";
  }

  root.bantinOpenBlocks = { lost: lostElements, said: lostSaid, blockLevel: BLOCK_LEVEL };
})(typeof window !== "undefined" ? window : this);

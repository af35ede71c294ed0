// The front matter a save leaves as the file had it (editor's trial F6, session 45).
//
// Decap writes a file's whole front matter anew at every save: keys in the form's order, `[a, b]`
// as a block list, long text folded at 80 columns, quotes its own way, comments and the blank
// line after `---` dropped. The page is the same, but the commit a reviewer reads on GitLab or
// GitHub shows every line of the front matter changed when one question was added.
//
// `kept(raw, written, format, order, comments)` is called by Decap's entryToRaw (the patch
// FRONT_MATTER_KEPT, scripts/patch_decap.py) with the file as it was loaded (`raw`), the file as
// Decap has just written it, and Decap's own front matter format with the arguments it used. A key
// whose value Decap would write exactly as before (the old file's values run through the same
// writer) keeps the file's own lines, comments above it included, at its place; a changed key
// gets Decap's lines in place (one line still, if the file wrote it on one and Decap would fold
// it); a new key comes after the key the form puts before it; a key gone
// is gone. The result is then read back with Decap's reader and must give exactly what Decap's
// own text gives; otherwise, and for any file this cannot split into keys, Decap's text is saved
// as before. So the values saved are always the ones Decap would save: only their spelling is
// the file's.
(function (root) {
  "use strict";

  // A key line at the left edge. Our fields' names are plain words; a quoted or odd key, and any
  // line not read here, leaves the save to Decap.
  var KEY = /^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]|$)/;
  var ITEM = /^-(?:[ \t]|$)/;  // `tags:` then `- a` at the left edge is the key's list

  // {head: the lines between the two `---`, body: everything after the closing one}, or null.
  function parts(text) {
    var lines = text.split("\n");
    if (lines[0] !== "---") { return null; }
    for (var i = 1; i < lines.length; i += 1) {
      if (lines[i] === "---") { return { head: lines.slice(1, i), body: lines.slice(i + 1).join("\n") }; }
    }
    return null;
  }

  // The head's keys in order, each {key, lead: blank and comment lines above it, lines: its own},
  // and `tail`, what follows the last key; null for a line that is neither.
  function keys(head) {
    var found = [], seen = Object.create(null), current = null, lead = [], blank = [];
    for (var i = 0; i < head.length; i += 1) {
      var line = head[i], first = line.charAt(0);
      if (!line.trim()) {
        blank.push(line);
      } else if (first === " " || first === "\t" || ITEM.test(line)) {
        if (!current || lead.length) { return null; }  // under no key, or after a comment
        push(current.lines, blank);
        current.lines.push(line);
        blank = [];
      } else if (first === "#") {
        push(lead, blank);
        lead.push(line);
        blank = [];
      } else {
        var match = KEY.exec(line);
        if (!match || seen[match[1]]) { return null; }
        seen[match[1]] = true;
        current = { key: match[1], lead: push(lead, blank), lines: [line] };
        found.push(current);
        lead = [];
        blank = [];
      }
    }
    return { list: found, tail: push(lead, blank) };
  }

  // `into` with `more` added at its end (in place: a long list grows in linear time).
  function push(into, more) {
    for (var i = 0; i < more.length; i += 1) { into.push(more[i]); }
    return into;
  }

  function byKey(list) {
    var map = Object.create(null);
    list.forEach(function (entry) { map[entry.key] = entry; });
    return map;
  }

  function sameLines(a, b) {
    return a.length === b.length && a.every(function (line, i) { return line === b[i]; });
  }

  // The keys in the file's order, each new one right after the key the form writes before it
  // (first when none): a chain of new keys hangs on the key before them, in one pass.
  function ordered(old, wasThere, fresh, has) {
    var next = Object.create(null), order = [], last = null;
    fresh.forEach(function (entry) {
      if (!wasThere[entry.key]) {
        if (last === null) { order.push(entry.key); } else { next[last] = entry.key; }
      }
      if (last !== null || wasThere[entry.key]) { last = entry.key; }
    });
    old.forEach(function (entry) {
      if (!has[entry.key]) { return; }
      order.push(entry.key);
      for (var key = entry.key; next[key]; key = next[key]) { order.push(next[key]); }
    });
    return order;
  }

  // A changed text the file wrote on one line, written on one line again in the file's quoting
  // (plain, '…' or "…"), where Decap folds it at 80 columns: one line of the commit changes
  // for a word typed in a summary, not the whole paragraph refolded. Only when Decap's reader
  // reads the line back as the value; otherwise null, and Decap's lines are saved.
  function oneLine(line, key, value, format) {
    if (typeof value !== "string" || /[\r\n]/.test(value)) { return null; }
    var quote = line.slice(line.indexOf(":") + 1).trim().charAt(0);
    var written = quote === "'" ? "'" + value.replace(/'/g, "''") + "'"
      : quote === '"' ? JSON.stringify(value) : value;
    var candidate = key + ": " + written, read = format.fromFile("---\n" + candidate + "\n---\n");
    return read && canonical(read[key]) === canonical(value) ? [candidate] : null;
  }

  // Values as one string, objects' keys sorted: what Decap's reader gives, compared.
  function canonical(value) {
    if (Array.isArray(value)) { return "[" + value.map(canonical).join(",") + "]"; }
    if (value instanceof Date) { return "D" + (isNaN(value.getTime()) ? "NaN" : value.toISOString()); }
    if (value && typeof value === "object") {
      return "{" + Object.keys(value).sort().map(function (k) { return JSON.stringify(k) + ":" + canonical(value[k]); })
        .join(",") + "}";
    }
    return JSON.stringify(value === undefined ? null : value) + typeof value;
  }

  function merged(raw, written, format, order, comments) {
    if (typeof raw !== "string" || !raw || typeof written !== "string") { return null; }
    var was = parts(raw.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n")), now = parts(written);
    var plain = parts(String(format.toFile(format.fromFile(raw), order, comments)));
    if (!was || !now || !plain) { return null; }
    var old = keys(was.head), fresh = keys(now.head), decap = keys(plain.head);
    if (!old || !fresh || !decap) { return null; }
    var oldKey = byKey(old.list), decapKey = byKey(decap.list), chosen = Object.create(null), data = null;
    fresh.list.forEach(function (entry) {
      var mine = oldKey[entry.key], same = decapKey[entry.key], lines = entry.lines;
      if (mine && mine.lines.length === 1 && lines.length > 1) {  // a one-line value Decap folds
        data = data || format.fromFile(written) || {};
        lines = oneLine(mine.lines[0], entry.key, data[entry.key], format) || lines;
      }
      chosen[entry.key] = mine && same && sameLines(same.lines, entry.lines) ? mine
        : { lead: mine ? mine.lead : entry.lead, lines: lines };
    });
    var lines = [];
    ordered(old.list, oldKey, fresh.list, chosen).forEach(function (key) {
      push(push(lines, chosen[key].lead), chosen[key].lines);
    });
    push(lines, old.tail);
    var body = now.body;
    if (body && was.body.charAt(0) === "\n" && body.charAt(0) !== "\n") { body = "\n" + body; }  // `---`, a blank line
    var text = "---\n" + lines.map(function (line) { return line + "\n"; }).join("") + "---\n" + body;
    return read(format, text) === read(format, written) ? text : null;
  }

  // What Decap's reader takes from a file, the body's blank first line aside (Markdown's too).
  function read(format, text) {
    var data = format.fromFile(text), body = data && typeof data.body === "string" ? data.body : null;
    return canonical(body === null ? data : Object.assign({}, data, { body: body.replace(/^\n/, "") }));
  }

  // Decap's text when anything goes wrong: never a save lost to this.
  function kept(raw, written, format, order, comments) {
    try {
      return merged(raw, written, format, order, comments) || written;
    } catch (error) {
      return written;
    }
  }

  root.bantinFrontMatter = { kept: kept, keys: keys, parts: parts };
  root.bantinKeptFrontMatter = kept;
})(typeof window !== "undefined" ? window : this);

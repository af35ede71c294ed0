/*
 * Bản tin search: the browser half of the bantin.search package (terms, codec, reader).
 *
 * The engine (pipeline, query plan, shard loading, lunr index rebuilt per query) has a
 * Python twin, and tests/test_search_parity.py runs both on the same files. Shards and
 * documents load as script elements so search also works from file:// (offline build).
 * The interface (header box, search page) only uses DOM text nodes: nothing an editor
 * wrote is ever parsed as HTML.
 */
(function (root) {
  "use strict";

  var EXACT = "=", BIGRAM = "~", SAME_POSTINGS = "=", USUAL = "+", USUAL_SEPARATOR = ":";
  var FAMILIES = { u: "", x: EXACT, b: BIGRAM };
  var MIN_PREFIX = 2;
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var CHAR = new Int8Array(128);
  for (var c = 0; c < ALPHABET.length; c++) CHAR[ALPHABET.charCodeAt(c)] = c;

  // --- The Vietnamese pipeline (twin of bantin.vi and bantin.search.Analyzer) ---------

  var WORD = /[\p{L}\p{N}_]+/gu;
  var TONE = /[\u0300\u0301\u0303\u0309\u0323]/g;
  var OPEN_GLIDE = /^([^aeiouy]*)(o[ae]|uy)$/i;
  var MARK = /\p{Mn}/gu;

  /** Tone of an open 'oa', 'oe', 'uy' syllable on its first vowel: 'hoà' -> 'hòa'. */
  function retone(word) {
    var decomposed = word.normalize("NFD");
    var tones = decomposed.match(TONE);
    if (!tones || tones.length !== 1) return word;
    var base = decomposed.replace(TONE, "");
    var m = OPEN_GLIDE.exec(base);
    if (!m || /q$/i.test(m[1])) return word;
    var split = m[1].length + 1;
    return (base.slice(0, split) + tones[0] + base.slice(split)).normalize("NFC");
  }

  function fold(text) {
    return text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD")
      .replace(MARK, "").normalize("NFC").toLowerCase();
  }

  var DECIMAL = /^\p{Nd}+$/u;
  var Y_LAST = /[yýỳỷỹỵ]$/, CONSONANTS_Y = /^(?:qu|[bcdđghklmnprstvx]{1,3})y$/;

  /** A final 'y' after consonants written 'i', tone kept: 'lý' -> 'lí' (twin of vi.i_for_y). */
  function iForY(syllable) {
    if (!Y_LAST.test(syllable)) return syllable;
    var decomposed = syllable.normalize("NFD");
    if (!CONSONANTS_Y.test(decomposed.replace(TONE, ""))) return syllable;
    return decomposed.replace("y", "i").normalize("NFC");
  }

  /** [exact, folded]; '09' and '9' are one number (09/2019 vs 9/2019 in real text), 'lý'
      and 'lí' one syllable. */
  function pair(syllable) {
    if (!DECIMAL.test(syllable)) {
      syllable = iForY(syllable);
      return [syllable, fold(syllable)];
    }
    var n = syllable.replace(/^0+/, "") || "0";
    return [n, n];
  }

  /** [exact, folded] syllables: NFC, one tone placement, lower case, đ -> d when folded. */
  function analyze(text) {
    var prepared = String(text).replace(/\u00d0/g, "\u0110").replace(/\u00f0/g, "\u0111");
    var words = prepared.normalize("NFC").replace(WORD, retone).toLowerCase().match(WORD) || [];
    return words.map(pair);
  }

  // --- The query plan (twin of search.plan_query) -------------------------------------

  function prefixCandidate(folded) {
    return folded.length >= MIN_PREFIX && !DECIMAL.test(folded);
  }

  /**
   * `words` (the manifest's stop list, `questionWords`): the fallback (`strict` false) leaves
   * out question words and pairs of two, as terms.plan_query does.
   */
  function planQuery(query, boosts, prefix, strict, words, marks) {
    var pairs = analyze(query);
    var clauses = [], seen = Object.create(null);
    if (!pairs.length) return clauses;
    var marked = pairs.some(function (p) { return p[0] !== p[1]; });
    function add(term, boost, required, isPrefix) {
      if (seen[term]) return;
      seen[term] = true;
      clauses.push({ term: term, boost: boost, required: !!required && strict !== false, prefix: !!isPrefix });
    }
    var last = pairs.length - 1;
    var stop = pairs.map(function (p) { return strict === false && !!words && isStop(p, words); });
    // A syllable typed with its marks is required as typed, the last one too (not a prefix);
    // `marks` false: folded, as before (the retry when nothing has them as typed).
    var asTyped = pairs.map(function (p) { return marks !== false && p[0] !== p[1]; });
    var typing = pairs.map(function (p, i) { return !!prefix && i === last && prefixCandidate(p[1]) && !asTyped[i]; });
    pairs.forEach(function (p, i) {
      if (!stop[i]) add(p[1], boosts.folded, !asTyped[i], typing[i]);
    });
    if (marked) pairs.forEach(function (p, i) { if (p[0] !== p[1] && !stop[i]) add(EXACT + p[0], boosts.exact, asTyped[i]); });
    for (var i = 0; i < last; i++) {
      if (!(stop[i] && stop[i + 1])) add(BIGRAM + pairs[i][1] + " " + pairs[i + 1][1], boosts.bigram);
    }
    return clauses;
  }

  /**
   * A question (twin of terms.plan_question): nothing required, folded terms only; question
   * words (`stop`, by marks when typed with them) and the site's most frequent syllables
   * (`common`) are not looked up alone, every adjacent pair is unless both are stop words.
   */
  function planQuestion(pairs, words) {
    var asked = pairs.slice(0, words.max);
    var written = pairs.length < words.min ? writtenWords(asked, words.synonyms, words.asking) : Object.create(null);
    pairs = withSynonyms(asked, words.synonyms);
    var clauses = [], seen = Object.create(null), boosts = words.boosts;
    var stop = pairs.map(function (p, i) {
      return i >= asked.length ? !p[1] : isStop(p, words);  // the law's words are never stop words
    });
    function add(term, boost) {
      if (seen[term]) return;
      seen[term] = true;
      clauses.push({ term: term, boost: boost, required: false, prefix: false });
    }
    pairs.forEach(function (p, i) {
      if (stop[i]) return;  // a question word, also inside a citizen's word («được cưới», «về hưu»)
      if (written[i] && p[0] !== p[1]) add(EXACT + p[0], boosts.folded);  // a common syllable's marked form is rarer
      else if (words.common[p[1]] !== 1) add(p[1], boosts.folded);
    });
    for (var i = 0; i + 1 < pairs.length; i++) {
      if (pairs[i][1] && pairs[i + 1][1] && !(stop[i] && stop[i + 1])) {
        add(BIGRAM + pairs[i][1] + " " + pairs[i + 1][1], boosts.bigram);
      }
    }
    return clauses;
  }

  // --- A question's first page looked at again (twin of search/recheck.py) -----------------

  var RECHECK_WEIGHT = 2;
  // Fewer items than FEW_WHOLE with every word of a query of MORE_FROM_WORDS required syllables
  // or more: the items with some of the words follow them (twin of reader.FEW_WHOLE).
  var FEW_WHOLE = 5, MORE_FROM_WORDS = 3;
  // A legal document's number in keywords: its page first (twin of terms.DOCUMENT_NUMBER).
  var DOCUMENT_NUMBER = /[0-9]{1,4} *(?:\/ *[0-9]{4} *)?[\/-] *\p{L}/u;

  /** Folded syllables and adjacent pairs of a question, once each, in UTF-16 order; in a short
   * one (under `min` syllables) with the law's words for its citizen's words, and one typed with
   * its marks asked as written: "=sổ", "~=sổ đỏ" (twin of recheck.question_terms and
   * SearchIndex._asked). */
  function questionTerms(pairs, max, min, synonyms, asking) {
    var cut = pairs.slice(0, max), seen = Object.create(null);
    var short = pairs.length < min, written = short ? writtenWords(cut, synonyms, asking) : Object.create(null);
    var law = short ? lawWords(cut, synonyms).map(function (p) { return p[1]; }) : [];
    cut.forEach(function (p, i) {
      seen[written[i] && p[0] !== p[1] ? EXACT + p[0] : p[1]] = 1;
      if (i + 1 >= cut.length) return;
      var next = cut[i + 1];
      seen[written[i] && written[i + 1] ? BIGRAM + EXACT + p[0] + " " + next[0] : BIGRAM + p[1] + " " + next[1]] = 1;
    });
    law.forEach(function (f, i) {
      if (f) seen[f] = 1;
      if (f && law[i + 1]) seen[BIGRAM + f + " " + law[i + 1]] = 1;
    });
    return Object.keys(seen).sort();
  }

  /** What a result shows: its title, then its snippet text (twin of recheck.shown_text). */
  function shownText(d) {
    return (d.t || "") + "\n" + (d.x || "");
  }

  /** {counts, length} of a text's folded syllables and pairs, its marked syllables and every
   * pair as written ("=sổ", "~=sổ đỏ"); the length counts the folded ones (twin of
   * recheck.text_terms). */
  function textTerms(text) {
    var pairs = analyze(text), counts = Object.create(null);
    function count(t) { counts[t] = (counts[t] || 0) + 1; }
    pairs.forEach(function (p, i) {
      count(p[1]);
      if (p[0] !== p[1]) count(EXACT + p[0]);
      if (i + 1 < pairs.length) {
        count(BIGRAM + p[1] + " " + pairs[i + 1][1]);
        count(BIGRAM + EXACT + p[0] + " " + pairs[i + 1][0]);
      }
    });
    return { counts: counts, length: pairs.length + Math.max(pairs.length - 1, 0) };
  }

  /** Plain BM25 of a text's terms in integers (twin of recheck.bm25). */
  function textBm25(terms, idfs, n, total) {
    var score = 0;
    idfs.forEach(function (pair) {
      var tf = terms.counts[pair[0]] || 0;
      if (tf) score += pair[1] * (22 * total * tf / (10 * total * tf + 3 * total + 9 * terms.length * n));
    });
    return score;
  }

  /** A question word or particle: by its marks when typed with them (twin of terms.is_stop). */
  function isStop(p, words) {
    return p[0] !== p[1] ? words.stop[p[0]] === 1 : words.folded[p[1]] === 1;
  }

  /** A question's syllables, then the law's words for each citizen's word it holds (twin of
   * terms.with_synonyms); a blank pair separates each expansion, whose words are never stop
   * words. */
  function withSynonyms(pairs, synonyms) {
    var out = pairs.slice();
    (synonyms || []).forEach(function (entry) {
      for (var i = 0; i < pairs.length; i++) {
        if (saidAt(pairs, i, entry)) {
          out.push(["", ""]);
          entry[1].split(" ").forEach(function (f) { out.push([f, f]); });
          return;
        }
      }
    });
    return out;
  }

  /** Only the law's words `withSynonyms` adds after the query's own, a blank between expansions. */
  function lawWords(pairs, synonyms) {
    return withSynonyms(pairs, synonyms).slice(pairs.length);
  }

  /** The length of an entry's citizen's word said at syllable i, else 0 (twin of
   * terms._said_at): with the key as analysed (entry[2]) a syllable typed with marks must be
   * the key's as written; typed without, or with an older manifest's entry, folded. */
  function saidAt(pairs, i, entry) {
    var folded = entry[0].split(" "), exact = typeof entry[2] === "string" ? entry[2].split(" ") : null;
    var n = folded.length;
    if (i + n > pairs.length) return 0;
    for (var k = 0; k < n; k++) {
      var p = pairs[i + k];
      if (p[1] !== folded[k] || (exact && p[0] !== p[1] && p[0] !== exact[k])) return 0;
    }
    return n;
  }

  /** The syllables of a citizen's word typed with its marks, looked up as written (its folded
   * pairs too since session 50) and asked again as written, pairs too («~so do» is also «sơ
   * đồ»); not one that is a question word of `asking` («ở đâu»: «=ở» is in most items; twin of
   * terms.written_words and _ASKED). */
  function writtenWords(pairs, synonyms, asking) {
    var written = Object.create(null);
    citizensWords(pairs, synonyms).forEach(function (w) {
      var marked = false, said = [], k;
      for (k = 0; k < w[1]; k++) {
        marked = marked || pairs[w[0] + k][0] !== pairs[w[0] + k][1];
        said.push(pairs[w[0] + k][0]);
      }
      var asked = (asking || []).some(function (a) { return a.exact.join(" ") === said.join(" "); });
      if (marked && !asked) for (k = 0; k < w[1]; k++) written[w[0] + k] = true;
    });
    return written;
  }

  /** [start, length] of each citizen's word the query says, for the entries that carry the key
   * as analysed (twin of terms._citizens_words). */
  function citizensWords(pairs, synonyms) {
    var found = [];
    (synonyms || []).forEach(function (entry) {
      if (typeof entry[2] !== "string") return;
      for (var i = 0; i < pairs.length; i++) {
        var n = saidAt(pairs, i, entry);
        if (n) found.push([i, n]);
      }
    });
    return found;
  }

  // --- A citizen's word and its law's words, one part of a question (twin of search/parts.py) ---

  var READER = 0, LAW = 1;

  /** term -> [part, side] for the terms of each citizen's word a question says and of its law's
   * words, parts numbered in the synonyms' order; none for a term the question says outside
   * its citizen's words; a term in two parts keeps the first (twin of parts.question_parts). */
  function questionParts(pairs, words) {
    var synonyms = words.synonyms || [], asked = pairs.slice(0, words.max);
    var written = pairs.length < words.min ? writtenWords(asked, synonyms, words.asking) : Object.create(null);
    var said = saidWords(asked, synonyms), inside = Object.create(null), own = ownPairs(asked, said);
    var parts = Object.create(null), numbers = [];
    said.forEach(function (w) { for (var j = w[1]; j < w[1] + w[2]; j++) inside[j] = true; });
    asked.forEach(function (p, j) { if (!inside[j]) own[p[1]] = true; });
    function put(term, part, side) { if (!own[term] && !parts[term]) parts[term] = [part, side]; }
    said.forEach(function (w) {
      var part = numbers.indexOf(w[0]), j;
      if (part < 0) { part = numbers.length; numbers.push(w[0]); }
      for (j = w[1]; j < w[1] + w[2]; j++) {
        var p = asked[j];
        if (!isStop(p, words)) put(written[j] && p[0] !== p[1] ? EXACT + p[0] : p[1], part, READER);
      }
      for (j = w[1]; j + 1 < w[1] + w[2]; j++) put(BIGRAM + asked[j][1] + " " + asked[j + 1][1], part, READER);
    });
    numbers.forEach(function (k, part) {
      var law = synonyms[k][1].split(" ");
      law.forEach(function (f) { put(f, part, LAW); });
      law.forEach(function (f, i) { if (i + 1 < law.length) put(BIGRAM + f + " " + law[i + 1], part, LAW); });
    });
    return parts;
  }

  /** [entry, start, length] of each citizen's word a question says, entry by entry (twin of
   * parts._said). */
  function saidWords(asked, synonyms) {
    var said = [];
    synonyms.forEach(function (entry, k) {
      for (var i = 0; i < asked.length; i++) {
        var n = saidAt(asked, i, entry);
        if (n) said.push([k, i, n]);
      }
    });
    return said;
  }

  /** The question's folded pairs that join two syllables in no one citizen's word it says, as
   * keys (twin of parts._own_pairs). */
  function ownPairs(asked, said) {
    var own = Object.create(null);
    for (var j = 0; j + 1 < asked.length; j++) {
      var oneWord = said.some(function (w) { return w[1] <= j && j + 1 < w[1] + w[2]; });
      if (!oneWord) own[BIGRAM + asked[j][1] + " " + asked[j + 1][1]] = true;
    }
    return own;
  }

  /** term -> the syllables as written an item must hold for that term to count in it: the
   * folded pairs of each citizen's word a short question typed with its marks, but for a pair
   * the law's words spell too, or one the question says outside its citizen's words («sơ đồ
   * sổ đỏ»: its own; twin of parts.restricted_pairs). */
  function restrictedPairs(pairs, words) {
    var synonyms = words.synonyms || [], asked = pairs.slice(0, words.max), needs = Object.create(null);
    if (pairs.length >= words.min) return needs;
    var written = writtenWords(asked, synonyms, words.asking), said = saidWords(asked, synonyms), own = ownPairs(asked, said);
    said.forEach(function (w) {
      var entry = synonyms[w[0]], word = asked.slice(w[1], w[1] + w[2]);
      if (typeof entry[2] !== "string" || !written[w[1]]) return;
      var marked = word.filter(function (p) { return p[0] !== p[1] && !isStop(p, words); })
        .map(function (p) { return EXACT + p[0]; });
      if (!marked.length) return;  // only question words marked: nothing to tell it apart by
      var law = entry[1].split(" "), spelt = Object.create(null);
      law.forEach(function (f, i) { if (i + 1 < law.length) spelt[BIGRAM + f + " " + law[i + 1]] = true; });
      for (var j = 0; j + 1 < word.length; j++) {
        var pair = BIGRAM + word[j][1] + " " + word[j + 1][1];
        if (!spelt[pair] && !own[pair] && !needs[pair]) needs[pair] = marked;
      }
    });
    return needs;
  }

  /** {held, total}: how much of the question each item holds, out of how much (twin of
   * parts.held_shares). A term of no part counts one; a part as many as its reader's side
   * found (else its law's side), an item that many times the larger of its shares of either
   * side. Each item's sum runs over the terms, then part by part, as in the twin. */
  function heldShares(terms, postings, parts, n) {
    var held = new Float64Array(n), total = 0, sides = [];
    terms.forEach(function (t) {
      var part = parts[t];
      if (part) {
        (sides[part[0]] || (sides[part[0]] = [[], []]))[part[1]].push(t);
        return;
      }
      total++;
      var ids = postings[t].ids;
      for (var k = 0; k < ids.length; k++) held[ids[k]] += 1;
    });
    sides.forEach(function (side) {  // holes skipped, parts in ascending order
      var weight = side[READER].length || side[LAW].length, counts = side.map(function (list) {
        var c = new Map();
        list.forEach(function (t) { postings[t].ids.forEach(function (id) { c.set(id, (c.get(id) || 0) + 1); }); });
        return c;
      });
      total += weight;
      new Set(Array.from(counts[READER].keys()).concat(Array.from(counts[LAW].keys()))).forEach(function (id) {
        var share = Math.max(side[READER].length ? (counts[READER].get(id) || 0) / side[READER].length : 0,
                             side[LAW].length ? (counts[LAW].get(id) || 0) / side[LAW].length : 0);
        held[id] += weight * share;
      });
    });
    return { held: held, total: total };
  }

  /** The manifest's synonyms this engine can use (twin of terms.usable_synonyms): a key and
   * its expansion as strings; the key as analysed only with as many words as the key. A `null`
   * entry or a number threw on every question (review, session 48). */
  function usableSynonyms(shipped) {
    return (Array.isArray(shipped) ? shipped : []).filter(function (e) {
      return Array.isArray(e) && e.length >= 2 && typeof e[0] === "string" && e[0] && typeof e[1] === "string" && e[1];
    }).map(function (e) {
      var keeps = typeof e[2] === "string" && e[2].split(" ").length === e[0].split(" ").length;
      return keeps ? [e[0], e[1], e[2]] : [e[0], e[1]];
    });
  }

  /** The manifest's word lists for planQuestion, as lookup tables. */
  function questionWords(m) {
    var stop = Object.create(null), folded = Object.create(null), common = Object.create(null);
    (m.stop || "").split(" ").forEach(function (w) { if (w) { stop[w] = 1; folded[fold(w)] = 1; } });
    (m.common || "").split("\n").forEach(function (w) { if (w) common[w] = 1; });
    var asking = (Array.isArray(m.asking) ? m.asking : []).filter(function (e) {
      return Array.isArray(e) && typeof e[0] === "string" && e[0];
    }).map(function (e) {
      var exact = e[0].split(" ");
      return { exact: exact, folded: exact.map(fold), foldedToo: !!e[1], last: !!e[2] };
    });
    return { stop: stop, folded: folded, common: common, synonyms: usableSynonyms(m.synonyms),
             max: m.maxQuestion, min: m.question,
             boosts: m.boosts, asking: asking };
  }

  /**
   * Whether analysed syllables are a question (ranked) rather than keywords (AND): long, or
   * shorter with a word that asks beside one that is not a question word, or with a citizen's
   * word (twin of terms.is_question). A manifest from before `asking` gives none: length
   * alone, as then.
   */
  function isQuestion(pairs, words) {
    if (!words.min) return false;
    if (pairs.length >= words.min) return true;
    return asks(pairs, words) && pairs.some(function (p) { return !isStop(p, words); }) ||
      saysCitizensWord(pairs, words.synonyms);
  }

  /** A citizen's word for a legal one («sổ đỏ», «so do», «bhxh»; twin of
   * terms.says_citizens_word): a syllable typed with marks as the key's, one typed without by
   * its folded form. An entry without the key as analysed (an older manifest) never matches. */
  function saysCitizensWord(pairs, synonyms) {
    return citizensWords(pairs, synonyms).length > 0;
  }

  /** A word of the manifest's `asking` where it asks (twin of terms.asks): a syllable typed
   * with marks as typed, one typed without by its folded form if the word may be folded. */
  function asks(pairs, words) {
    return words.asking.some(function (w) {
      var n = w.exact.length, end = pairs.length - n;
      for (var i = w.last ? end : 0; i >= 0 && i <= end; i++) {
        var k = 0;
        while (k < n && says(pairs[i + k], w, k)) k++;
        if (k === n) return true;
      }
      return false;
    });
  }

  function says(p, w, k) {
    return p[0] !== p[1] ? p[0] === w.exact[k] : w.foldedToo && p[1] === w.folded[k];
  }

  /**
   * Unmarked queries: the items of a word that use its usual form ('hoa' -> 'hòa') count the
   * word once more (the clause "+hoa"); a form marked SAME_POSTINGS ("=pháp") is in all of
   * them, so its boost goes to the word's clause instead (twin of terms.with_preferred).
   */
  function withPreferred(clauses, preferred, boosts) {
    if (clauses.some(function (c) { return c.term.charAt(0) === EXACT; })) return clauses;
    var out = clauses.slice();
    clauses.forEach(function (c, i) {
      var form = preferred[c.term];
      if (!form || c.prefix) return;
      if (form.charAt(0) === SAME_POSTINGS) {
        out[i] = { term: c.term, boost: c.boost + boosts.exact, required: c.required, prefix: c.prefix };
      } else {
        out.push({ term: USUAL + c.term, boost: boosts.exact, required: false, prefix: false });
      }
    });
    return out;
  }

  // --- Compact encodings (twin of bantin.search.codec) --------------------------------------

  function vlqDecode(text) {
    var out = [], value = 0, shift = 0;
    for (var i = 0; i < text.length; i++) {
      var digit = CHAR[text.charCodeAt(i)];
      value += (digit & 31) * Math.pow(2, shift);
      shift += 5;
      if (digit < 32) { out.push(value); value = 0; shift = 0; }
    }
    return out;
  }

  /**
   * The gaps, ".", the weight codes: one character each from `base` (the manifest's
   * codeBase), or "_" and two characters (twin of codec.decode_postings).
   */
  function decodePostings(text, base) {
    var dot = text.indexOf("."), ids = vlqDecode(text.slice(0, dot)), codes = [], last = -1;
    for (var k = 0; k < ids.length; k++) ids[k] = last += ids[k] + 1;
    for (var i = dot + 1, n = text.length; i < n; i++) {
      var c = CHAR[text.charCodeAt(i)];
      if (c === 63) { codes.push(CHAR[text.charCodeAt(i + 1)] * 64 + CHAR[text.charCodeAt(i + 2)]); i += 2; }
      else codes.push(base + c);
    }
    return { ids: ids, codes: codes };
  }

  function familyOf(term) {
    if (term.charAt(0) === EXACT) return "x";
    return term.charAt(0) === BIGRAM ? "b" : "u";
  }

  /** Number of boundaries <= term: the shard holding term (bisect_right in Python). */
  function bisectRight(bounds, term) {
    var lo = 0, hi = bounds.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (term < bounds[mid]) hi = mid; else lo = mid + 1;
    }
    return lo;
  }

  /**
   * Each document's [d/ file, place in its list]: `size` documents of one category a file, in
   * id order (twin of codec.doc_files). A manifest without a size (written before session 24)
   * has one file per document, the document itself (place -1).
   */
  function docFiles(facets, bits, size) {
    var seen = Object.create(null), unit = Math.pow(2, bits);
    return facets.map(function (v, id) {
      if (!size) return ["d/" + id, -1];
      var c = Math.floor(v / unit), k = seen[c] || 0;
      seen[c] = k + 1;
      return ["d/" + c + "-" + Math.floor(k / size), k % size];
    });
  }

  // --- «Có phải bạn muốn tìm» (twin of bantin.search.suggest) -----------------------------

  var MIN_LETTERS = 3, MAX_LETTERS = 10, MAX_DISTANCE = 1;
  var CHUNK = /\S+/g, NUMBERISH = /[\p{Nd}\/]/u, LETTERS = /^[a-z]+$/;
  // A word of a Vietnamese syllable's shape is a word, maybe one the site never uses: not
  // "fixed" (twin: suggest.SYLLABLE, the same text).
  var SYLLABLE = new RegExp("^(?:" +
    "(?:ngh|ng|nh|ch|gh|gi(?!i)|kh|ph|qu|th|tr|[bcdghklmnprstvx])?" +
    "(?:ieu|oai|oay|oao|oeo|uoi|uou|uya|uye|uyu|yeu|uay|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|[aeiouy])" +
    "(?:ch|ng|nh|[cmnpt])?" + ")$");

  /** [the query as NFC text, its words that may be fixed: {start, end, typed, exact, folded}]
   *  (twin of suggest.typed_words): 3–10 letters a–z folded of no syllable's shape, not in a
   *  chunk with a digit or "/". */
  function typedWords(query, prefix) {
    var text = String(query).normalize("NFC"), words = [], lastEnd = -1, m, w;
    CHUNK.lastIndex = 0;
    while ((m = CHUNK.exec(text))) {
      var number = NUMBERISH.test(m[0]), inside = new RegExp(WORD.source, "gu");
      while ((w = inside.exec(m[0]))) {
        lastEnd = m.index + w.index + w[0].length;
        var pairs = analyze(w[0]);
        if (pairs.length !== 1 || number) continue;
        words.push({ start: m.index + w.index, end: lastEnd, typed: w[0], exact: pairs[0][0], folded: pairs[0][1] });
      }
    }
    var last = words[words.length - 1];
    if (prefix && last && prefixCandidate(last.folded) && last.end === lastEnd) last.typing = true;
    return [text, words.filter(function (x) {
      return x.folded.length >= MIN_LETTERS && x.folded.length <= MAX_LETTERS && LETTERS.test(x.folded) &&
        !SYLLABLE.test(x.folded);
    })];
  }

  /** Optimal string alignment distance, or limit + 1 beyond limit (twin of suggest.distance). */
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = null, row = [], i, j;
    for (j = 0; j <= b.length; j++) row.push(j);
    for (i = 1; i <= a.length; i++) {
      var current = [i];
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) !== b.charAt(j - 1) ? 1 : 0;
        current[j] = Math.min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost);
        if (before && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) {
          current[j] = Math.min(current[j], before[j - 2] + 1);
        }
      }
      before = row; row = current;
    }
    return Math.min(row[b.length], limit + 1);
  }

  /** Every string one edit from word over a–z (twin of suggest.edits). */
  function edits(word) {
    var out = Object.create(null), abc = "abcdefghijklmnopqrstuvwxyz", i, k;
    for (i = 0; i <= word.length; i++) {
      for (k = 0; k < abc.length; k++) {
        out[word.slice(0, i) + abc.charAt(k) + word.slice(i)] = true;
        if (i < word.length) out[word.slice(0, i) + abc.charAt(k) + word.slice(i + 1)] = true;
      }
      if (i < word.length) out[word.slice(0, i) + word.slice(i + 1)] = true;
      if (i + 1 < word.length) out[word.slice(0, i) + word.charAt(i + 1) + word.charAt(i) + word.slice(i + 2)] = true;
    }
    delete out[word];
    return Object.keys(out);
  }

  /** The one other u/ shard worth a request when the word's own holds no near syllable: the
   *  one most of its one-edit neighbours of a syllable's shape fall in, the nearer on a tie,
   *  then the first; -1 if none (twin of suggest.other_shard). */
  function otherShard(word, own, shardOf) {
    if (own < 0) return -1;
    var counts = Object.create(null), best = -1;
    edits(word).forEach(function (candidate) {
      if (!SYLLABLE.test(candidate)) return;
      var n = shardOf(candidate);
      if (n >= 0 && n !== own) counts[n] = (counts[n] || 0) + 1;
    });
    Object.keys(counts).map(Number).forEach(function (n) {
      if (best < 0 || counts[n] > counts[best] || (counts[n] === counts[best] &&
          (Math.abs(n - own) < Math.abs(best - own) || (Math.abs(n - own) === Math.abs(best - own) && n < best)))) best = n;
    });
    return best;
  }

  /** The nearest syllable, in most items among the nearest, then the first (twin of suggest.nearest). */
  function nearest(word, terms, df) {
    var best = null;
    terms.forEach(function (term) {
      if (term === word || !LETTERS.test(term) || term.length < MIN_LETTERS - 1) return;
      var d = distance(word, term, MAX_DISTANCE);
      if (d > MAX_DISTANCE) return;
      var key = [d, -df(term), term];
      if (!best || key[0] < best[0] || (key[0] === best[0] && (key[1] < best[1] || (key[1] === best[1] && key[2] < best[2])))) best = key;
    });
    return best ? best[2] : null;
  }

  /** The fix as the reader would have typed it (twin of suggest.shown_form). */
  function shownForm(word, folded, usual) {
    var fix = word.exact !== word.folded && usual ? usual : folded, t = word.typed;
    if (t.length > 1 && t === t.toUpperCase() && t !== t.toLowerCase()) return fix.toUpperCase();
    if (t.charAt(0) !== t.charAt(0).toLowerCase()) return fix.charAt(0).toUpperCase() + fix.slice(1);
    return fix;
  }

  /** The query with the fixed words replaced, all else as typed; null without fixes. */
  function rewrite(text, fixes) {
    if (!fixes.length) return null;
    var out = "", at = 0;
    fixes.sort(function (a, b) { return a[0].start - b[0].start; }).forEach(function (f) {
      out += text.slice(at, f[0].start) + f[1];
      at = f[0].end;
    });
    return out + text.slice(at);
  }

  // --- The engine -----------------------------------------------------------------------

  /**
   * createEngine({load: key -> Promise<data>, lunr}) answers queries from the shards.
   * `load("manifest")`, `load("u/3")`, `load("d/2-0")` fetch the files written by the build.
   * `lunr` may instead be a function returning a promise of it: keyword queries need lunr,
   * questions are ranked here, so a reader who asks a question never downloads it.
   */
  function createEngine(options) {
    var lunr = typeof options.lunr === "function" && !options.lunr.Index ? null : options.lunr;
    var loadLunr = lunr ? function () { return Promise.resolve(lunr); } : options.lunr;
    var load = options.load, lunrLimit = options.lunrLimit || 2000;
    var cache = Object.create(null);
    var manifest = null, bounds = {}, facets = null, files = null, years = null, ready = null, words = null, refreshing = null, quiet = null;
    // A fetched document -> its shown text's terms (recheck). Keyed by the document itself, not
    // its number: a page still loading another build's texts must not fill the new build's.
    var shown = new WeakMap();

    /** A file once; a failed load is forgotten, so that asking again (a slow line, a
     *  dropped request during the page's own load) fetches it again. */
    function fetch(key) {
      if (!cache[key]) {
        cache[key] = load(key);
        cache[key].catch(function () { delete cache[key]; });
      }
      return cache[key];
    }

    function init() {
      if (ready) return ready;
      ready = fetch("manifest").then(read);
      return ready;
    }

    /**
     * The manifest fetched again past the browser's cache, and every file read through the
     * old one forgotten: a term shard of another build answered (`shard`). A page open
     * across a build, or a manifest the browser kept (GitHub Pages: ten minutes), would look
     * terms up through the old bounds in the new shards.
     */
    function refresh() {
      if (refreshing) return refreshing; // two searches that noticed at once load it once
      cache = Object.create(null);
      last = null;
      ready = refreshing = load("manifest", true).then(read);
      refreshing.then(function () { refreshing = null; }, function () { refreshing = null; ready = null; });
      return ready;
    }

    function read(m) {
      manifest = m;
      Object.keys(FAMILIES).forEach(function (f) {
        bounds[f] = m.shards[f] > 1 ? m.bounds[f].split("\n") : [];
      });
      facets = vlqDecode(m.facets);
      files = docFiles(facets, m.kindBits || 2, m.docGroup);
      words = questionWords(m);
      quiet = Object.create(null);  // [[syllable, idf]]: pairs, since "__proto__" is no key of an object literal
      (Array.isArray(m.quietIdf) ? m.quietIdf : []).forEach(function (pair) { quiet[pair[0]] = +pair[1] || 0; });
      years = [];
      m.years.forEach(function (run) { for (var i = 0; i < run[1]; i++) years.push(run[0]); });
      return m;
    }

    function shardOf(family, term) {
      return manifest.shards[family] ? bisectRight(bounds[family], term) : -1;
    }

    function shard(family, n) {
      var key = family + "/" + n;
      return fetch(key).then(function (data) {
        if (manifest.layout && data.l !== manifest.layout) {
          var stale = new Error("Dữ liệu tìm kiếm của lần dựng khác: " + key);
          stale.stale = true;
          throw stale;
        }
        if (!data.index) {
          data.index = Object.create(null);
          data.t.forEach(function (t, i) { data.index[t] = i; });
        }
        return data;
      });
    }

    /**
     * The syllables of a pair ("a b") whose u/ shard may hold it; none: it is in b/. A pair
     * sits beside a syllable a question looks up alone anyway (twin of codec.pair_homes).
     */
    function pairHomes(pair) {
      return pair.split(" ").filter(function (s) { return !words.folded[s] && !words.common[s]; });
    }

    /** Promise of {idf, ids, codes} for a tagged term, or null when the index lacks it. */
    function postings(term) {
      if (term.charAt(0) === USUAL) return postings(term.slice(USUAL.length)).then(usual);
      var family = familyOf(term), bare = term.slice(FAMILIES[family].length);
      var homes = family === "b" ? pairHomes(bare) : [];
      if (homes.length) {
        if (shardOf("u", homes[0]) < 0) return Promise.resolve(null);
        return Promise.all(homes.map(function (h) { return shard("u", shardOf("u", h)); })).then(function (found) {
          for (var k = 0; k < found.length; k++) if (found[k].index[bare] !== undefined) return decoded(found[k], bare);
          return null;
        });
      }
      var n = shardOf(family, bare);
      if (n < 0) return Promise.resolve(null);
      return shard(family, n).then(function (data) {
        // A form with its syllable's very postings: x/ does not repeat the syllable's list.
        if (data.p[data.index[bare]] === SAME_POSTINGS) return postings(fold(bare));
        return decoded(data, bare);
      });
    }

    /** The items of a word that use its usual form, with the word's weights (twin of SearchIndex._usual). */
    function usual(word) {
      if (!word || !word.preferred) return null;
      var skip = new Uint8Array(word.ids.length), at = -1;
      vlqDecode(word.absent).forEach(function (gap) { at += gap + 1; skip[at] = 1; });
      var ids = [], codes = [];
      for (var k = 0; k < word.ids.length; k++) {
        if (!skip[k]) { ids.push(word.ids[k]); codes.push(word.codes[k]); }
      }
      return { idf: word.idf, ids: ids, codes: codes, preferred: "" };
    }

    /** A term's postings in a loaded shard, decoded once; null when the shard lacks it. */
    function decoded(data, bare) {
      var i = data.index[bare];
      if (i === undefined) return null;
      if (!data.decoded) data.decoded = Object.create(null);
      if (!data.decoded[i]) {
        var p = decodePostings(data.p[i], manifest.codeBase);
        if (data.e !== undefined && !data.preferred) data.preferred = data.e.split("\n");
        var e = data.preferred ? data.preferred[i] : "", sep = e.indexOf(USUAL_SEPARATOR);
        data.decoded[i] = {
          idf: data.m[i], ids: p.ids, codes: p.codes,
          preferred: sep < 0 ? e : e.slice(0, sep), absent: sep < 0 ? "" : e.slice(sep + 1)
        };
      }
      return data.decoded[i];
    }

    /** Folded terms with this prefix, or null when they span too many shards. */
    function expand(prefix) {
      var first = shardOf("u", prefix), last = shardOf("u", prefix + "\uffff");
      if (first < 0 || last - first + 1 > manifest.prefixShards) return Promise.resolve(null);
      var loads = [];
      for (var n = first; n <= last; n++) loads.push(shard("u", n));
      return Promise.all(loads).then(function (shards) {
        var found = [];
        shards.forEach(function (data) {
          data.t.forEach(function (t) { if (t.lastIndexOf(prefix, 0) === 0 && t.indexOf(" ") < 0) found.push(t); });
        });
        return found.sort();
      });
    }

    /** Each clause with its expanded terms and their postings, all shards loaded. */
    function gather(clauses) {
      return Promise.all(clauses.map(function (clause) {
        var terms = clause.prefix ? expand(clause.term) : Promise.resolve(null);
        return terms.then(function (expanded) {
          var wildcard = expanded !== null;
          var list = wildcard ? expanded : [clause.term];
          return Promise.all(list.map(postings)).then(function (ps) {
            var found = Object.create(null);  // a syllable may be "__proto__"
            list.forEach(function (t, i) { if (ps[i]) found[t] = ps[i]; });
            return { clause: clause, wildcard: wildcard, found: found };
          });
        });
      }));
    }

    /** Documents holding every required clause (a clause: any of its expanded terms), or null. */
    function required(gathered) {
      var allowed = null;
      gathered.forEach(function (g) {
        if (!g.clause.required) return;
        var mark = new Uint8Array(manifest.n);
        Object.keys(g.found).forEach(function (t) {
          var ids = g.found[t].ids;
          for (var k = 0; k < ids.length; k++) mark[ids[k]] = 1;
        });
        if (allowed) for (var i = 0; i < mark.length; i++) allowed[i] &= mark[i];
        else allowed = mark;
      });
      return allowed;
    }

    /** Every gathered term with its query weight: clause boosts added up, as lunr's upsert does. */
    function queryVector(gathered) {
      var all = Object.create(null), boost = Object.create(null);
      gathered.forEach(function (g) {
        Object.keys(g.found).forEach(function (t) {
          all[t] = g.found[t];
          boost[t] = (boost[t] || 0) + g.clause.boost;
        });
      });
      return { postings: all, boost: boost };
    }

    /**
     * The documents lunr will rank: those with every required clause, and at most
     * `lunrLimit` of them, the best by the same integer dot product lunr computes
     * (tests/test_search_parity.py checks the two agree). The rest, only reached by paging
     * far or filtering, keep that exact score and order.
     */
    function candidates(gathered, q) {
      var allowed = required(gathered), n = manifest.n, table = manifest.table;
      var dots = new Float64Array(n), seen = new Uint8Array(n), ids = [];
      Object.keys(q.postings).forEach(function (t) {
        var p = q.postings[t], b = q.boost[t];
        for (var k = 0; k < p.ids.length; k++) {
          var id = p.ids[k];
          if (allowed && !allowed[id]) continue;
          dots[id] += b * p.idf * table[p.codes[k]];
          if (!seen[id]) { seen[id] = 1; ids.push(id); }
        }
      });
      if (ids.length <= lunrLimit) return { lunr: seen, tail: [] };
      var magnitude = Math.sqrt(Object.keys(q.boost).sort().reduce(function (s, t) { return s + q.boost[t] * q.boost[t]; }, 0));
      ids.sort(function (a, b) { return dots[b] - dots[a] || a - b; });
      var top = new Uint8Array(n);
      for (var i = 0; i < lunrLimit; i++) top[ids[i]] = 1;
      return {
        lunr: top,
        tail: ids.slice(lunrLimit).map(function (id) { return { id: id, score: dots[id] / magnitude || 0 }; })
      };
    }

    var refs = [];
    function ref(id) { return refs[id] || (refs[id] = "d" + id); }

    /**
     * A lunr.Index holding exactly the gathered terms, with the build's integer weights,
     * and postings only for the candidate documents: scores never depend on posting
     * counts (idf is stored). Refs are "d<id>", not numbers, so lunr's Object.keys()
     * reuses strings instead of making new ones.
     */
    function rebuild(q, keep) {
      var terms = Object.keys(q.postings).sort();
      var invertedIndex = Object.create(null), elements = Object.create(null), table = manifest.table;
      var none = {};
      terms.forEach(function (term, index) {
        var p = q.postings[term], docs = Object.create(null);
        for (var k = 0; k < p.ids.length; k++) {
          var id = p.ids[k];
          if (!keep[id]) continue;
          var r = ref(id);
          docs[r] = none;
          (elements[r] || (elements[r] = [])).push(index, p.idf * table[p.codes[k]]);
        }
        invertedIndex[term] = { _index: index, t: docs };
      });
      var fieldVectors = Object.create(null);
      Object.keys(elements).forEach(function (r) { fieldVectors["t/" + r] = new lunr.Vector(elements[r]); });
      return new lunr.Index({
        invertedIndex: invertedIndex,
        fieldVectors: fieldVectors,
        tokenSet: lunr.TokenSet.fromArray(terms),
        fields: ["t"],
        pipeline: new lunr.Pipeline()
      });
    }

    /**
     * lunr's query over the rebuilt index. Required clauses are enforced by leaving every
     * other document out of it, so lunr gets them as optional: same documents, same scores
     * (presence never changes a score), without lunr's set unions per term.
     */
    function run(gathered) {
      if (gathered.some(function (g) { return g.clause.required && !Object.keys(g.found).length; })) return [];
      var q = queryVector(gathered), chosen = candidates(gathered, q);
      var Q = lunr.Query;
      var results = rebuild(q, chosen.lunr).query(function (query) {
        gathered.forEach(function (g) {
          query.term(g.clause.term, {
            fields: ["t"],
            boost: g.clause.boost,
            usePipeline: false,
            wildcard: g.wildcard ? Q.wildcard.TRAILING : Q.wildcard.NONE,
            presence: Q.presence.OPTIONAL
          });
        });
      });
      return results.map(function (r) { return { id: +r.ref.slice(1), score: r.score }; })
        .sort(function (a, b) { return b.score - a.score || a.id - b.id; })
        .concat(chosen.tail);
    }

    /**
     * Each gathered term of `needs` kept for the items holding every one of its terms; none
     * left, it is as if not found (twin of SearchIndex._restrict). The cached postings are
     * never changed: a term kept in part gets postings of its own.
     */
    function restrict(gathered, needs) {
      var all = Object.create(null);
      gathered.forEach(function (g) { Object.keys(g.found).forEach(function (t) { all[t] = g.found[t]; }); });
      gathered.forEach(function (g) {
        Object.keys(g.found).forEach(function (t) {
          if (!needs[t]) return;
          var keep = null;
          needs[t].forEach(function (n) {
            var has = new Set(all[n] ? all[n].ids : []);
            keep = keep === null ? has : new Set(Array.from(keep).filter(function (id) { return has.has(id); }));
          });
          var p = g.found[t], ids = [], codes = [];
          for (var k = 0; k < p.ids.length; k++) {
            if (keep && keep.has(p.ids[k])) { ids.push(p.ids[k]); codes.push(p.codes[k]); }
          }
          if (ids.length) g.found[t] = { idf: p.idf, ids: ids, codes: codes };
          else delete g.found[t];
        });
      });
    }

    /**
     * A question's ranking: every document sharing a term, by the integer dot product lunr
     * would compute times the square root of the share of the question it holds, a citizen's
     * word and its law's words one part (`parts`, questionParts; twin of SearchIndex._rank and
     * _covered), without lunr. `share`: the most of the question any item holds, over the
     * terms found and each term looked up and found nowhere (or in no item its pair needs);
     * small, the page says its items may not answer.
     */
    function rankAll(gathered, parts) {
      var q = queryVector(gathered), n = manifest.n, table = manifest.table;
      var dots = new Float64Array(n), seen = new Uint8Array(n), ids = [], terms = Object.keys(q.postings);
      terms.forEach(function (t) {
        var p = q.postings[t], b = q.boost[t];
        for (var k = 0; k < p.ids.length; k++) {
          var id = p.ids[k];
          dots[id] += b * p.idf * table[p.codes[k]];
          if (!seen[id]) { seen[id] = 1; ids.push(id); }
        }
      });
      if (!terms.length) return { hits: [], share: 0 };
      var shares = heldShares(terms, q.postings, parts, n), asked = Object.create(null), nowhere = 0, most = 0;
      gathered.forEach(function (g) { asked[g.clause.term] = true; });
      Object.keys(asked).forEach(function (t) { if (!q.postings[t]) nowhere++; });
      var magnitude = Math.sqrt(Object.keys(q.boost).reduce(function (s, t) { return s + q.boost[t] * q.boost[t]; }, 0));
      var hits = ids.map(function (id) {
        if (shares.held[id] > most) most = shares.held[id];
        var score = dots[id] / magnitude || 0;
        return { id: id, score: score * Math.sqrt(shares.held[id] / shares.total) };
      }).sort(function (a, b) { return b.score - a.score || a.id - b.id; });
      return { hits: hits, share: most / (shares.total + nowhere) };
    }

    /** The clauses sent to lunr, with the corpus's preferred forms (twin of SearchIndex.plan). */
    function plan(query, prefix, strict, marks) {
      var clauses = planQuery(query, manifest.boosts, prefix, strict, words, marks);
      return Promise.all(clauses.map(function (c) {
        return c.prefix || familyOf(c.term) !== "u" ? null : postings(c.term);
      })).then(function (found) {
        var preferred = Object.create(null);
        clauses.forEach(function (c, i) { if (found[i] && found[i].preferred) preferred[c.term] = found[i].preferred; });
        return withPreferred(clauses, preferred, manifest.boosts);
      });
    }

    /**
     * The first `maxChars` code points of a query (twin of terms.clip_query): a link can carry
     * a megabyte in ?q=, which analysed whole would freeze the tab before any cap applies.
     */
    function clip(query) {
      var max = manifest.maxChars || 2000;
      query = String(query);
      return query.length <= max ? query : Array.from(query.slice(0, 2 * max)).slice(0, max).join("");
    }

    var last = null; // the latest search, {key, promise}: the search page asks again what `early` asked

    /** Promise of {hits: [{id, score}], approximate}: all words required, else any. */
    function search(query, opts) {
      var prefix = !!(opts && opts.prefix), key = (prefix ? "1" : "0") + query;
      if (last && last.key === key) return last.promise;
      var entry = last = { key: key, promise: answer(query, prefix).catch(function (err) {
        if (!err || !err.stale) throw err;
        return refresh().then(function () { return answer(query, prefix); }); // once: a second mismatch fails
      }) };
      entry.promise.catch(function () { if (last === entry) last = null; });
      return entry.promise;
    }

    function answer(query, prefix) {
      return init().then(function () {
        query = clip(query);
        var pairs = analyze(query);
        if (!isQuestion(pairs, words)) return keywords(query, prefix);
        return gather(planQuestion(pairs, words)).then(function (g) {
          restrict(g, restrictedPairs(pairs, words));
          var ranked = rankAll(g, questionParts(pairs, words)), hits = ranked.hits;
          // A short question that finds nothing so, asked again as keywords (twin of SearchIndex.search).
          if (!hits.length && pairs.length < words.min) return keywords(query, prefix);
          var idf = Object.create(null);
          g.forEach(function (x) { Object.keys(x.found).forEach(function (t) { idf[t] = x.found[t].idf; }); });
          return { hits: hits, approximate: false, question: true, asked: questionTerms(pairs, words.max, words.min, words.synonyms, words.asking), idf: idf,
                   share: ranked.share };
        });
      });
    }

    /**
     * A question's first page in the order the page shows it (twin of SearchIndex.recheck):
     * plain BM25 over the shown documents' text added to the ranking's score, each over its
     * page's best, BM25 counting RECHECK_WEIGHT times (search/recheck.py says why). `hits`
     * and `docs` are the first page's, in the ranking's order; other queries keep it.
     */
    function recheck(result, hits, docs) {
      if (!result.question || hits.length < 2) return { hits: hits, docs: docs, scores: null };
      var idfs = result.asked.map(function (t) { return [t, termIdf(t, result.idf)]; });
      var n = manifest.n, total = manifest.shownTerms;
      var texts = docs.map(function (d) {
        // A question typed on re-ranks mostly the same texts: each is analysed once.
        if (!shown.has(d)) shown.set(d, textTerms(shownText(d)));
        return textBm25(shown.get(d), idfs, n, total);
      });
      var best = Math.max.apply(null, hits.map(function (h) { return h.score; }));
      var bestText = Math.max.apply(null, texts);
      var final = hits.map(function (h, i) {
        return (best > 0 ? h.score / best : 0) + (bestText > 0 ? RECHECK_WEIGHT * (texts[i] / bestText) : 0);
      });
      var order = hits.map(function (h, i) { return i; });
      order.sort(function (a, b) { return final[b] - final[a] || a - b; });
      return {
        hits: order.map(function (i) { return hits[i]; }),
        docs: order.map(function (i) { return docs[i]; }),
        scores: order.map(function (i) { return final[i]; })
      };
    }

    /** A term's idf × IDF_SCALE (twin of recheck.term_idf and _syllable_idf). */
    function termIdf(term, lookedUp) {
      if (lookedUp[term] !== undefined) return lookedUp[term];
      if (term.indexOf(BIGRAM + EXACT) === 0) {
        return term.slice(BIGRAM.length + EXACT.length).split(" ").reduce(function (sum, s) {
          var idf = lookedUp[EXACT + s] !== undefined ? lookedUp[EXACT + s] : lookedUp[s] !== undefined ? lookedUp[s] : quiet[s] || 0;
          return sum + idf;
        }, 0);
      }
      if (term.charAt(0) !== BIGRAM) return quiet[term] || 0;
      var two = term.slice(BIGRAM.length).split(" ");
      return quiet[two[0]] !== undefined && quiet[two[1]] !== undefined ? quiet[two[0]] + quiet[two[1]] : 0;
    }

    /** Every word required (lunr ranks), else any word with the result marked approximate. */
    function keywords(query, prefix) {
      return Promise.all([loadLunr(), plan(query, prefix, true)]).then(function (r) {
        lunr = r[0];
        var strict = r[1];
        return gather(strict).then(function (g) {
          var hits = documentsFirst(query, run(g));
          var required = strict.filter(function (c) { return c.required; }).length;
          var asTyped = strict.some(function (c) { return c.required && c.term.charAt(0) === EXACT; });
          // Few items with every word («đơn ly hôn»: the item on divorce lacks «đơn»): those with
          // some follow (twin of SearchIndex._with_some), as typed or folded.
          function withSome(result) {
            var whole = result.hits;
            if (prefix || whole.length >= FEW_WHOLE || required < MORE_FROM_WORDS) return result;
            return plan(query, prefix, false).then(gather).then(function (g2) {
              var held = Object.create(null);
              whole.forEach(function (h) { held[h.id] = true; });
              var some = run(g2).filter(function (h) { return !held[h.id]; });
              some.forEach(function (h) { h.some = true; });  // marked: the page shows where they begin
              if (some.length) { result.hits = whole.concat(some); result.whole = whole.length; }
              return result;
            });
          }
          if (hits.length) return withSome({ hits: hits, approximate: false });
          // A mark typed wrong («bão hiểm»): the words folded, as before, said to be so.
          var folded = asTyped ? plan(query, prefix, true, false).then(gather).then(run).then(function (h) {
            return documentsFirst(query, h);
          }) : Promise.resolve([]);
          return folded.then(function (h) {
            if (h.length) return withSome({ hits: h, approximate: false, folded: true });
            if (required < 2) return { hits: hits, approximate: false };
            return plan(query, prefix, false).then(gather).then(function (g2) {
              return { hits: run(g2), approximate: true };
            });
          });
        });
      });
    }

    /** Keywords holding a document's number: the documents' pages first, each part in its
     *  order (twin of SearchIndex._documents_first). */
    function documentsFirst(query, hits) {
      if (!DOCUMENT_NUMBER.test(query)) return hits;
      var isPage = function (h) { return facet(h.id).kind === "document"; };
      return hits.filter(isPage).concat(hits.filter(function (h) { return !isPage(h); }));
    }

    /** Document `id`, from its category's d/ file (each file fetched once). */
    function doc(id) {
      var f = files[id];
      if (!f) return Promise.reject(new Error("Không có kết quả số " + id));
      return fetch(f[0]).then(function (data) {
        var d = f[1] < 0 ? data : Array.isArray(data) ? data[f[1]] : null;
        if (!d) throw new Error("Dữ liệu tìm kiếm hỏng: " + f[0]);
        return d;
      });
    }

    /**
     * What to highlight, given a text word's [exact, folded]: a query word typed with marks by
     * its marks ("hòa" not "hóa"), one typed without by its folded form; the last one also as
     * a folded prefix while typing. A question's question words match too, but `marks` keeps
     * them only beside their neighbour as in the question (`pairs`), never alone: folded, "co"
     * of «co so» is the question word "có", and «… o co so» marked «ở … sở» without «cơ»
     * where the marked question marked all three (a reader's trial, session 42).
     */
    function matcher(query, prefix) {
      var pairs = analyze(clip(query)), question = isQuestion(pairs, words);
      var exact = Object.create(null), folded = Object.create(null), last = null;
      pairs.forEach(function (p) {
        if (p[0] !== p[1]) exact[p[0]] = true; else folded[p[1]] = true;
        last = p[1];
      });
      if (!prefix || question || last === null || !prefixCandidate(last)) last = null;
      var match = function (p) {
        return exact[p[0]] || folded[p[1]] || (last !== null && p[1].lastIndexOf(last, 0) === 0);
      };
      // A question's words are marked only beside each other as the question has them: "thu
      // lao" typed marked "thủ" in "tuân thủ" and "lao" in "lao động" (a reader's review);
      // a word among question words only ("… về đất ạ") is marked alone. Pairs of two question
      // words ("là gì") do not count.
      var adjacent = Object.create(null), alone = Object.create(null), stop = pairs.map(function (p) { return isStop(p, words); });
      // A citizen's word is one word, though a syllable of it folds like a question word: «so
      // do» marked every «sở» and «số» alone, its «do» being the question word «đó».
      citizensWords(pairs, words.synonyms).forEach(function (w) {
        for (var k = 0; k < w[1]; k++) stop[w[0] + k] = false;
      });
      for (var i = 1; i < pairs.length; i++) {
        if (!(stop[i - 1] && stop[i])) adjacent[pairs[i - 1][1] + " " + pairs[i][1]] = true;
      }
      pairs.forEach(function (p, k) {
        if (!stop[k] && (k === 0 || stop[k - 1]) && (k + 1 === pairs.length || stop[k + 1])) alone[p[1]] = true;
      });
      // A text's question word ("có", not "cơ") is marked beside its pair but does not choose the snippet.
      if (question) { match.pairs = adjacent; match.alone = alone; match.weak = function (p) { return isStop(p, words); }; }
      else if (pairs.length > 1 && last === null) match.phrase = adjacent;  // not while a word is being typed
      if (question && pairs.length < words.min) shortQuestion(match, pairs, stop);
      if (question) lawsWords(pairs, folded, adjacent);
      return match;
    }

    /**
     * The law's words a question's citizen's words looked up («sổ đỏ»: «giấy chứng nhận quyền
     * sử dụng đất», «bao lâu»: «thời hạn») are marked as well, together as the law writes
     * them, so they also choose the snippet: an item that came first without the reader's word
     * showed nothing marked but the other words, and no reason (session 49). Not in
     * `match.phrase`: the status's "not together as typed" is about the reader's own words
     * (with them, «hằng năm» of any item hid it for «nghỉ phép năm»).
     */
    function lawsWords(pairs, folded, adjacent) {
      var law = lawWords(pairs, words.synonyms);
      law.forEach(function (p, k) {
        if (!p[1]) return;
        folded[p[1]] = true;
        if (k + 1 < law.length && law[k + 1][1]) adjacent[p[1] + " " + law[k + 1][1]] = true;
      });
    }

    /**
     * A short question's words that are not question words, side by side as asked («nghỉ phép»
     * of «nghỉ phép là gì»): `phrase`, the pairs a first page is checked for. Its results are
     * ranked, so an item with none of them together may come first; the status says so, as it
     * does for keywords (session 44).
     */
    function shortQuestion(match, pairs, stop) {
      var phrase = Object.create(null), found = false;
      for (var i = 1; i < pairs.length; i++) {
        if (!stop[i - 1] && !stop[i]) { phrase[pairs[i - 1][1] + " " + pairs[i][1]] = true; found = true; }
      }
      if (found) { match.phrase = phrase; }
    }

    /** Whether a term begins with prefix, in its shard or past it (twin of SearchIndex._begins). */
    function begins(prefix, n, data) {
      var b = bounds.u;
      return data.t.some(function (t) { return t.lastIndexOf(prefix, 0) === 0; }) || (n < b.length && b[n].lastIndexOf(prefix, 0) === 0);
    }

    /** [word, its fix as shown] from a loaded u/ shard's nearest syllable, or null (twin of SearchIndex._fix). */
    function fixIn(word, data) {
      var terms = data.t.filter(function (t, i) { return data.p[i] !== SAME_POSTINGS; });
      var fix = nearest(word.folded, terms, function (t) { return decoded(data, t).ids.length; });
      if (!fix) return null;
      var usual = decoded(data, fix).preferred;
      return [word, shownForm(word, fix, usual.charAt(0) === SAME_POSTINGS ? usual.slice(1) : usual)];
    }

    /**
     * Promise of the query with each syllable the index lacks replaced by its nearest one in
     * the same u/ shard, or null (twin of SearchIndex.suggest). Reads the shards the query's
     * own search reads (asked after it, it fetches nothing) and, for a whole query whose
     * missing word has no near syllable there, one u/ shard more (`otherShard`). While
     * typing, the last word is fixed only when no term begins with it, and nothing more is read.
     */
    function suggest(query, prefix) {
      return init().then(function () {
        query = clip(query);
        var pairs = analyze(query);
        if (!isQuestion(pairs, words)) return offer(query, prefix);
        if (pairs.length >= words.min) return null;
        // A short question: a fix only when it was asked again as keywords (twin of SearchIndex.suggest).
        return search(query, { prefix: prefix }).then(function (r) { return r.question ? null : offer(query, prefix); });
      });
    }

    function offer(query, prefix) {
      return Promise.resolve().then(function () {
        var typed = typedWords(query, prefix), text = typed[0], missed = [];
        return Promise.all(typed[1].map(function (word) {
          var n = shardOf("u", word.folded);
          if (n < 0) return null;
          return shard("u", n).then(function (data) {
            if (data.index[word.folded] !== undefined || (word.typing && begins(word.folded, n, data))) return null;
            var fix = fixIn(word, data);
            if (!fix && !prefix) missed.push([word, otherShard(word.folded, n, function (t) { return shardOf("u", t); })]);
            return fix;
          });
        })).then(function (fixes) {
          fixes = fixes.filter(Boolean);
          // In the reader's order, as the Python twin's loop (the shards arrive in any order).
          missed.sort(function (a, b) { return a[0].start - b[0].start; });
          var chosen = missed.map(function (m) { return m[1]; }).filter(function (o) { return o >= 0; })[0];
          if (chosen === undefined) return rewrite(text, fixes);
          // One request more at most; if it fails, the suggestion goes without it: the
          // results never wait on a failed offer.
          return shard("u", chosen).then(function (data) {
            missed.forEach(function (m) { if (m[1] === chosen) fixes.push(fixIn(m[0], data)); });
            return rewrite(text, fixes.filter(Boolean));
          }, function () { return rewrite(text, fixes); });
        });
      });
    }

    function facet(id) {
      var v = facets[id];
      var bits = manifest.kindBits || 2;  // an index written before pages were searched: 2
      return { kind: manifest.kinds[v % Math.pow(2, bits)], category: manifest.cats[Math.floor(v / Math.pow(2, bits))], year: years[id] };
    }

    return {
      init: init, search: search, suggest: suggest, doc: doc, facet: facet, matcher: matcher, recheck: recheck,
      manifest: function () { return manifest; }
    };
  }

  var api = {
    analyze: analyze, fold: fold, retone: retone, planQuery: planQuery,
    decodePostings: decodePostings, vlqDecode: vlqDecode, createEngine: createEngine
  };
  if (typeof module === "object" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  // --- Browser: script loading ------------------------------------------------------------

  // The header and the search page may both include this file. Globals are checked by type:
  // an element with id="BantinSearch" or id="lunr" is also window.BantinSearch / window.lunr.
  if (root.BantinSearch && typeof root.BantinSearch.createEngine === "function") return;
  root.BantinSearch = api;
  var waiting = Object.create(null);
  root.__bantinSearch = {
    load: function (key, data) {
      var w = waiting[key];
      if (w) { delete waiting[key]; w.resolve(data); }
    }
  };

  function script(src) {
    return new Promise(function (resolve, reject) {
      var el = document.createElement("script");
      el.src = src;
      el.async = true;
      // What a reader waits for: ahead of Material's bundle on a page still loading.
      el.fetchPriority = "high";
      el.onload = function () { el.remove(); resolve(); };
      el.onerror = function () { el.remove(); reject(new Error("Không tải được " + src)); };
      document.head.appendChild(el);
    });
  }

  var engines = Object.create(null);

  /** One engine per site root; data load on first use, lunr on the first keyword query. */
  function engineFor(base) {
    var assets = new URL(base.replace(/\/?$/, "/") + "assets/", document.baseURI).href;
    if (engines[assets]) return engines[assets];
    var version = "";
    var lunrReady = null;
    /** `fresh`: the manifest past the browser's cache (the engine's `refresh`). */
    function load(key, fresh) {
      return new Promise(function (resolve, reject) {
        waiting[key] = { resolve: resolve };
        var src = assets + "search/" + key + ".js" + (key !== "manifest" ? "?v=" + version : fresh ? "?t=" + Date.now() : "");
        script(src).then(function () {
          if (waiting[key]) { delete waiting[key]; reject(new Error("Dữ liệu tìm kiếm hỏng: " + key)); }
        }, function (err) { delete waiting[key]; reject(err); });
      });
    }
    function withLunr() {
      if (!lunrReady) {
        lunrReady = typeof root.lunr === "function" ? Promise.resolve(root.lunr)
          : script(assets + "vendor/lunr/lunr.min.js").then(function () { return root.lunr; });
        lunrReady.catch(function () { lunrReady = null; }); // asked again, fetched again
      }
      return lunrReady;
    }
    /**
     * The manifest the search page carries for this site (site/searchpage.py): a cold visit
     * waits for no manifest.js. null when there is none, or when the build left the element
     * empty (a very large index) or it cannot be read: then the file is fetched. One kept
     * across a build is caught like any stale manifest (the shards' layout id).
     */
    function carried() {
      var el = document.getElementById("bantin-search-manifest");
      if (!el || el.tagName !== "SCRIPT") return null;
      try {
        if (new URL(el.getAttribute("data-bantin-assets") || "", document.baseURI).href !== assets) return null;
        var m = JSON.parse(el.textContent);
        return m && typeof m === "object" && m.v ? m : null;
      } catch (e) { return null; }
    }
    var engine = null;
    var proxy = {
      ready: function () {
        if (!engine) {
          var inside = carried();
          engine = (inside ? Promise.resolve(inside) : load("manifest")).then(function (m) {
            version = m.v;
            var e = createEngine({ lunr: withLunr, load: function (key, fresh) {
              if (key !== "manifest") return load(key);
              if (!fresh) return Promise.resolve(m);
              return load(key, true).then(function (again) { version = again.v; return again; });
            } });
            return e.init().then(function () { return e; });
          });
          engine.catch(function () { engine = null; });
        }
        return engine;
      }
    };
    engines[assets] = proxy;
    return proxy;
  }

  // --- Browser: presentation ---------------------------------------------------------------

  var KIND_LABELS = { article: "Tin bài", qa: "Hỏi - Đáp", question: "Hỏi - Đáp", guide: "Hướng dẫn", page: "Thông tin chung", document: "Văn bản" };
  var KIND_GROUPS = { "tin-bai": ["article"], "hoi-dap": ["qa", "question"], "huong-dan": ["guide"], "van-ban": ["document"] };
  var PAGE_SIZE = 10, BOX_SIZE = 6, DEBOUNCE = 120, WINDOW = 28, PREFETCH_PAUSE = 400, SETTLE = 500;
  // A question whose best item holds less than this share of it (`share`, rankAll) is told
  // its items may not answer. On the 10,000-article evaluation site the note comes with 26 of the
  // 700 questions whose answer is first (3.7%), and with «nghỉ phép năm» asked of a sample site
  // that has no word of leave (0.27; decisions.md, session 51).
  var WEAK_SHARE = 0.28;
  var SNIPPET_CHARS = 4000;  // text a document keeps for its snippet (snippets.SNIPPET_CHARS)
  // A match this far into a text (about a phone's first screen under the title) opens its page
  // there, with up to PHRASE_WORDS words of it, PHRASE_MAX to tell it from an earlier place (`phraseAt`).
  var PHRASE_FROM = 240, PHRASE_WORDS = 6, PHRASE_MAX = 10;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (ch) { if (ch) node.appendChild(typeof ch === "string" ? document.createTextNode(ch) : ch); });
    return node;
  }

  function shortDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return m ? m[3] + "/" + m[2] + "/" + m[1] : "";
  }

  function count(n) { return n.toLocaleString("vi-VN"); }

  /** «query» for the status line, a pasted page cut to its first 120 characters. */
  function quoted(query) {
    var chars = Array.from(query.trim().slice(0, 242));
    return "«" + (chars.length > 120 ? chars.slice(0, 120).join("") + "…" : chars.join("")) + "»";
  }

  /** Words of text with offsets and whether each matches the query; for a question, only
      words next to another as in the question (`matches.pairs`), with nothing but spaces between. */
  function marks(text, matches) {
    var out = [], re = new RegExp(WORD.source, "gu"), m;
    text = text.normalize("NFC");
    while ((m = re.exec(text))) {
      var p = pair(retone(m[0]).toLowerCase());
      out.push({ start: m.index, end: m.index + m[0].length, hit: !!matches(p), folded: p[1], weak: !!(matches.weak && matches.weak(p)) });
    }
    if (matches.pairs) {
      var kept = out.map(function (w, i) {
        return w.hit && (matches.alone[w.folded] || (i > 0 && beside(text, out[i - 1], w, matches.pairs)) ||
                         (i + 1 < out.length && beside(text, w, out[i + 1], matches.pairs)));
      });
      out.forEach(function (w, i) { w.hit = kept[i]; });
    }
    return { text: text, words: out };
  }

  /** Two matched words next to each other as a pair of the query: only spaces between, or the
      "/", "-", "." of a number ("64/2025/QH15", "NĐ-CP", "01.7.2018"). */
  function beside(text, a, b, pairs) {
    return a.hit && b.hit && pairs[a.folded + " " + b.folded] === true && /^[\s\/.\-\u2013]+$/.test(text.slice(a.end, b.start));
  }

  /** Whether two words of a keyword query stand together in text, as typed (`matches.phrase`). */
  function together(text, matches) {
    var marked = marks(text, matches), words = marked.words;
    for (var i = 1; i < words.length; i++) {
      if (beside(marked.text, words[i - 1], words[i], matches.phrase)) return true;
    }
    return false;
  }

  /** Text nodes and <mark>s for text[start:end]. */
  function highlighted(marked, from, to, start, end) {
    var frag = document.createDocumentFragment(), pos = start;
    for (var i = from; i < to; i++) {
      var w = marked.words[i];
      if (!w.hit) continue;
      if (w.start > pos) frag.appendChild(document.createTextNode(marked.text.slice(pos, w.start)));
      frag.appendChild(el("mark", { text: marked.text.slice(w.start, w.end) }));
      pos = w.end;
    }
    if (end > pos) frag.appendChild(document.createTextNode(marked.text.slice(pos, end)));
    return frag;
  }

  /** The window of WINDOW words shown with the most distinct matches: each word of the query
      found counts 10; repeats (1 each) and matches right after another (2 each) count 9 at most,
      so they only break ties. «nghị định 42» shows «Nghị định số 42/2022», not an earlier «Nghị
      định số 61/2018 … Nghị định». A window starts 6 words before a match and is scored as shown.
      Returns the marked words (`marks`), the window's first and past-last word, and its score
      (-1 for a text without words). */
  function windowOf(marked) {
    var words = marked.words;
    if (!words.length) return { marked: marked, from: 0, to: 0, score: -1 };
    var best = 0, bestScore = -1;
    for (var i = 0; i < words.length; i++) {
      if ((!words[i].hit || words[i].weak) && i) continue;
      var first = Math.max(0, i - 6), last = Math.min(words.length, first + WINDOW);
      var distinct = 0, extra = 0, seen = Object.create(null);
      for (var j = first; j < last; j++) {
        if (!words[j].hit || words[j].weak) continue;
        var key = words[j].folded;
        if (seen[key]) extra += 1; else distinct += 1;
        if (j > first && words[j - 1].hit && !words[j - 1].weak) extra += 2;
        seen[key] = true;
      }
      var score = distinct * 10 + Math.min(extra, 9);
      if (score > bestScore) { bestScore = score; best = i; }
    }
    var from = Math.max(0, best - 6);
    return { marked: marked, from: from, to: Math.min(words.length, from + WINDOW), score: bestScore };
  }

  /** Where a result shows the query's words: the best window of its text (`d.x`), or of a later
      section's heading and first words (`d.m`: [id, heading, lead] each, search/snippets.py)
      when one holds more of the query's distinct words, with the section's id (`anchor`) to open
      the page at. A guide's section 9.2, 6,000 characters in, was found by its words and opened
      at the intro (the session 56 trial). As many words keeps the text, whatever the repeats:
      «khai isnh» sent the khai sinh guide's result to its section on applying online, which says
      «khai» twice (a review, session 58). Later sections the same: the first keeps it. */
  function whereShown(d, matches) {
    var best = windowOf(marks(d.x || "", matches));
    (Array.isArray(d.m) ? d.m : []).forEach(function (s) {
      if (!Array.isArray(s) || typeof s[0] !== "string" || !s[0] || typeof s[1] !== "string") return;
      // «—» between the heading and its words: they are no sentence, nor one phrase of the page.
      var place = windowOf(marks(s[1] + (typeof s[2] === "string" && s[2] ? " — " + s[2] : ""), matches));
      if (Math.floor(place.score / 10) > Math.floor(best.score / 10)) { place.anchor = s[0]; best = place; }
    });
    return best;
  }

  /** The snippet's nodes for a place (`whereShown`): its window, «…» where text is left out. */
  function snippetNodes(place) {
    var marked = place.marked, words = marked.words, frag = document.createDocumentFragment();
    if (!words.length) return frag;
    var start = place.from ? words[place.from].start : 0;
    var end = place.to < words.length ? words[place.to - 1].end : marked.text.length;
    if (place.from) frag.appendChild(document.createTextNode("… "));
    frag.appendChild(highlighted(marked, place.from, place.to, start, end));
    if (place.to < words.length) frag.appendChild(document.createTextNode(" …"));
    return frag;
  }

  /** `url` opening its page at the place: a section at its heading's id, a window far into the
      text at its words (`phraseAt`, `atPhrase`), else at the top. */
  function placeUrl(url, place) {
    if (place.anchor) {
      try { return url + "#" + encodeURIComponent(place.anchor); } catch (e) { return url; }  // a lone surrogate: a record not ours
    }
    return place.marked.words.length ? atPhrase(url, phraseAt(place.marked, place.from, place.to)) : url;
  }

  /** Words of a match far into a text (PHRASE_FROM characters or more) for the result's link to
      open its page there (a text fragment, `#:~:text=`; a guide of 3,000 words opened at its
      top, session 55's trial): from the first run of two matched words or more in the shown
      window (the reader's words as typed together), on over the words joined to it by single
      spaces, up to PHRASE_WORDS, ending at its last matched word; 3 words at least, with the
      words before it, then after. Longer while the text has the same words earlier, marks
      aside (`fold`; up to PHRASE_MAX): the browser goes to the first place with them
      («giấy chứng sinh» of section 2.3, not «Giấy chứng sinh bị mất» of 9.2; a trial, session 56). Not the best word alone:
      the index's text joins a heading to the paragraph under it with a space, and a phrase
      across them is in no sentence of the page (a heading «Giấy tờ» matched «giấy»). A page
      whose text still differs opens at its top, as before. "" for a match near the start, or
      for no run. */
  function phraseAt(marked, from, to) {
    var words = marked.words, text = marked.text;
    function joined(a) { return text.slice(words[a].end, words[a + 1].start) === " "; }
    for (var i = from; i + 1 < to; i++) {
      if (!words[i].hit || !words[i + 1].hit || !joined(i)) continue;
      if (words[i].start < PHRASE_FROM) return "";
      var first = i, last = i + 1, end = last;
      while (end + 1 < words.length && end - first + 1 < PHRASE_WORDS && joined(end)) {
        end += 1;
        if (words[end].hit) last = end;
      }
      // Short of 3: the words before first (a sentence's end, «.», stops them), then those after
      // (a heading has no «.» before the paragraph under it).
      while (first > 0 && last - first + 1 < 3 && joined(first - 1)) first -= 1;
      while (last + 1 < words.length && last - first + 1 < 3 && joined(last)) last += 1;
      if (last - first + 1 < 3) return "";
      var bare = fold(text);  // as Chromium compares a fragment's words: marks aside, «đ» as «d» (review)
      while (bare.length === text.length && last + 1 < words.length && last - first + 1 < PHRASE_MAX && joined(last) &&
             bare.indexOf(bare.slice(words[first].start, words[last].end)) < words[first].start) last += 1;
      return text.slice(words[first].start, words[last].end);
    }
    return "";
  }

  /** `url` that opens its page at `phrase` (a text fragment: browsers without them open the
      page at its top). «-», «&» and «,» are the directive's own marks: written as escapes. */
  function atPhrase(url, phrase) {
    if (!phrase) return url;
    var directive = ":~:text=" + encodeURIComponent(phrase).replace(/-/g, "%2D");
    return url + (url.indexOf("#") >= 0 ? "" : "#") + directive;
  }

  function titleNodes(title, matches) {
    var marked = marks(title, matches);
    return highlighted(marked, 0, marked.words.length, 0, marked.text.length);
  }

  function siteUrl(base, url) {
    return base === "." || base === "" ? url : base.replace(/\/?$/, "/") + url;
  }

  function debounce(fn, ms) {
    var timer = null;
    var call = function () {
      var args = arguments, self = this;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(self, args); }, ms);
    };
    call.cancel = function () { clearTimeout(timer); };
    return call;
  }

  function keep(engine, filters) {
    return function (hit) {
      var f = engine.facet(hit.id);
      return (!filters.type || (KIND_GROUPS[filters.type] || []).indexOf(f.kind) >= 0)
        && (!filters.category || f.category[0] === filters.category)
        && (!filters.year || String(f.year) === String(filters.year));
    };
  }

  /** The query and filters of the address (?q=…&loai=…&chuyen-muc=…&nam=…). */
  function fromAddress() {
    var params = new URLSearchParams(location.search);
    return {
      query: params.get("q") || "",
      filters: { type: params.get("loai") || "", category: params.get("chuyen-muc") || "", year: params.get("nam") || "" }
    };
  }

  /**
   * A question in the address, asked before the page is parsed. The search page loads this
   * script async in its head (data-bantin-early: the site's base), so the term shards and the
   * first results' documents are on their way while Material's styles still download; a
   * deferred script waited for them (0.1 s on Fast 3G, after 0.45 s lost to its low priority; issue 16). The page asks the
   * same question once parsed and finds the answer and the documents in the engine's cache.
   */
  function early(tag) {
    var base = tag && tag.getAttribute("data-bantin-early"), asked = fromAddress();
    // As the page's search box will hold it: an input drops line breaks.
    var query = asked.query.replace(/[\r\n]/g, ""), filters = asked.filters;
    if (base === null || !query.trim()) return;
    // Before the body is drawn: a phone leaves out the help under the box (bantin-search.css),
    // so the first results come higher on the first screen, and nothing moves later.
    document.documentElement.classList.add("bt-asked");
    base = base || ".";
    engineFor(base).ready().then(function (engine) {
      return engine.search(query, { prefix: false }).then(function (result) {
        result.hits.filter(keep(engine, filters)).slice(0, PAGE_SIZE).forEach(function (h) {
          engine.doc(h.id).catch(function () { /* the page shows what failed */ });
        });
      });
    }).catch(function () { /* the page asks again and says what failed */ });
  }

  // --- Browser: the search page ------------------------------------------------------------

  function SearchPage(rootEl) {
    this.root = rootEl;
    this.base = rootEl.getAttribute("data-bantin-base") || ".";
    this.form = rootEl.querySelector("form");
    this.input = rootEl.querySelector("input[name=q]");
    this.selects = {
      type: rootEl.querySelector("select[name=loai]"),
      category: rootEl.querySelector("select[name=chuyen-muc]"),
      year: rootEl.querySelector("select[name=nam]")
    };
    this.status = rootEl.querySelector("[data-bantin-status]");
    this.list = rootEl.querySelector("[data-bantin-results]");
    this.more = rootEl.querySelector("[data-bantin-more]");
    this.hint = rootEl.querySelector("[data-bantin-hint]");
    this.suggestLine = rootEl.querySelector("[data-bantin-suggest]");  // «Có phải bạn muốn tìm: …?»
    this.ask = rootEl.querySelector("[data-bantin-ask]");  // where to ask: shown under an answer list
    // The printout's header (partials/bantin-print.html): the public address of this list.
    this.address = document.querySelector("[data-bt-search-address]");
    this.publicRoot = this.address ? this.address.getAttribute("data-bt-public-root") : "";
    this.engine = engineFor(this.base);
    this.seq = 0;
    this.hits = null;
    this.shown = 0;
    // Back from a result: the pages of results shown and where the reader was (`remember`).
    // Restored here, not by the browser, which scrolled an empty page before the results came
    // (on file:// every time: Chromium keeps no file:// page in its back-forward cache).
    var view = history.state;
    this.view = view && view.bantinList === location.search ? view : null;
    try { history.scrollRestoration = "manual"; } catch (e) { /* an old browser: its own */ }
    this.bind();
    this.fromUrl();
    // Opened from the header's search icon (a phone; its link ends in #bantin-page-q) with
    // nothing asked: the reader came to type, so the box takes the focus (a reader's review,
    // session 18). Not otherwise: a screen reader starts at the page's heading.
    if (location.hash === "#bantin-page-q" && !this.input.value) {
      try { this.input.focus({ preventScroll: true }); } catch (e) { this.input.focus(); }
    }
  }

  SearchPage.prototype.bind = function () {
    var self = this;
    var live = debounce(function () { self.run(true); }, DEBOUNCE);
    this.form.addEventListener("submit", function (e) { e.preventDefault(); self.run(false); });
    this.input.addEventListener("input", live);
    Object.keys(this.selects).forEach(function (k) {
      if (self.selects[k]) self.selects[k].addEventListener("change", function () { self.updateUrl(); self.render(); });
    });
    this.more.addEventListener("click", function () { self.showMore(true).then(function () { self.remember(); }); });
    this.list.addEventListener("click", function (e) {
      var link = e.target.closest && e.target.closest("a");
      if (link) { self.opened = link.getAttribute("href"); self.remember(); }
    });
    window.addEventListener("pagehide", function () { self.remember(); });
    // Only when the address's question changed: Back that closes the phone's drawer
    // (bantin.js) comes to the same address, and a new search there shrank the list to its
    // first page and lost the reader's place.
    window.addEventListener("popstate", function () { if (location.search !== self.shownFor) self.fromUrl(); });
  };

  /** Keep the pages shown and the scroll in this history entry, for Back from a result. */
  SearchPage.prototype.remember = function () {
    if (!this.hits || !this.shown) return;
    var view = { bantinList: location.search, bantinShown: this.shown, bantinY: window.scrollY, bantinOpened: this.opened || "" },
      was = history.state;
    // Kept with what else the entry holds: the phone drawer's mark (bantin.js), else a page left
    // with the drawer open came back with its entry unmarked, one more Back to leave it.
    if (was && typeof was === "object") { Object.keys(was).forEach(function (k) { if (!(k in view)) view[k] = was[k]; }); }
    try { history.replaceState(view, "", location.href); } catch (e) { /* file:// may refuse */ }
  };

  /** The list as the reader left it: as many pages as were shown, then their scroll. */
  SearchPage.prototype.restore = function () {
    var self = this, view = this.view;
    this.view = null;
    if (!view || !this.hits) return;
    (function next() {
      if (self.shown < view.bantinShown && self.shown < self.hits.length) return self.showMore(false).then(next);
      window.scrollTo(0, view.bantinY || 0);
      self.refocus(view.bantinOpened);
    })();
  };

  /** Back from a result the browser did not keep (no back/forward cache: file://, a busy
   *  phone): the focus returns to the link that was opened, as the cache would have kept it,
   *  not to the top of the page (session 46's keyboard trial). Only from nowhere: a reader
   *  already in the field (quicker than the list) kept typing there (hostile review, session 47). */
  SearchPage.prototype.refocus = function (href) {
    var now = document.activeElement;
    if (now && now !== document.body && now !== document.documentElement) return;
    var links = href ? this.list.querySelectorAll("a[href]") : [];
    for (var i = 0; i < links.length; i++) {
      if (links[i].getAttribute("href") !== href) continue;
      this.opened = href;
      try { links[i].focus({ preventScroll: true }); } catch (e) { links[i].focus(); }
      return;
    }
  };

  SearchPage.prototype.filters = function () {
    return {
      type: this.selects.type ? this.selects.type.value : "",
      category: this.selects.category ? this.selects.category.value : "",
      year: this.selects.year ? this.selects.year.value : ""
    };
  };

  SearchPage.prototype.fromUrl = function () {
    this.shownFor = location.search;
    var asked = fromAddress();
    this.input.value = asked.query;
    this.wanted = asked.filters;
    if (this.selects.type) this.selects.type.value = this.wanted.type;
    if (this.filled) {
      if (this.selects.category) this.selects.category.value = this.wanted.category;
      if (this.selects.year) this.selects.year.value = this.wanted.year;
    }
    var self = this;
    this.run(false).then(function () { self.restore(); });
  };

  SearchPage.prototype.updateUrl = function () {
    var params = new URLSearchParams(), f = this.filters();
    if (this.input.value.trim()) params.set("q", this.input.value.trim());
    if (f.type) params.set("loai", f.type);
    if (f.category) params.set("chuyen-muc", f.category);
    if (f.year) params.set("nam", f.year);
    var qs = params.toString();
    try { history.replaceState(null, "", qs ? "?" + qs : location.pathname); } catch (e) { /* file:// may refuse */ }
    this.shownFor = location.search;
    this.printAddress();
  };

  // The count and the query in bold, what follows in brackets («không bài nào có…: các bài dưới
  // đây có thể không trả lời câu hỏi») in plain text: five bold lines on a phone read as an
  // alarm before the first result (a visual review, session 54). One text for screen readers.
  SearchPage.prototype.say = function (text) {
    var cut = text.indexOf(" (", text.lastIndexOf("»") + 1);
    this.status.textContent = cut < 0 ? text : text.slice(0, cut);
    if (cut >= 0) this.status.appendChild(el("span", { className: "bantin-search-page__note", text: text.slice(cut) }));
  };

  SearchPage.prototype.run = function (typing) {
    var self = this, query = this.input.value, seq = ++this.seq;
    if (typing) this.updateUrl();
    this.printAddress();
    if (!query.trim()) {
      this.hits = null;
      this.suggestion = null;
      this.showSuggestion();
      this.list.textContent = "";
      this.more.hidden = true;
      this.hint.textContent = "";
      this.uncount();
      this.say("Nhập từ cần tìm, có dấu hoặc không dấu (ví dụ: phap luat, hòa giải, 31/2024/QH15).");
      return Promise.resolve();
    }
    this.say("Đang tải…");
    this.root.setAttribute("aria-busy", "true");
    var started = performance.now();
    return this.engine.ready().then(function (engine) {
      self.fillFilters(engine);
      var t0 = performance.now();
      return engine.search(query, { prefix: typing }).then(function (result) {
        if (seq !== self.seq) return;
        self.timing = { query: query, total: performance.now() - started, search: performance.now() - t0 };
        self.query = query;
        self.prefix = typing;
        self.result = result;
        if (typing) self.settle(engine, query, seq);
        // From the shards the search just read (a word in no item whose own shard has no near
        // syllable: one u/ shard more, not while typing); the list is as it was. The line and
        // the list show together: the line above a list already shown would push it down.
        return engine.suggest(query, typing).then(function (suggestion) {
          if (seq !== self.seq) return;
          self.suggestion = suggestion;
          return self.render();
        });
      });
    }).catch(function (err) {
      if (seq !== self.seq) return;
      self.root.removeAttribute("aria-busy");
      self.say("Không tải được dữ liệu tìm kiếm. " + (location.protocol === "file:" ? "Hãy dùng bản ngoại tuyến (thư mục site-offline, dựng bằng bantin build --offline)." : "Hãy thử tải lại trang."));
      if (root.console) console.error(err);
    });
  };

  /**
   * Typing ranks the last word as a prefix; the address bar already holds `?q=`, whose page
   * ranks without one and can list other items («đơn ly hôn» typed: 1 item; the same address
   * opened: 38, a hostile review, session 29). Once the reader pauses, the page asks as its
   * address does and shows that list when it only adds to the one on screen. A list that
   * would drop items is a word not finished («hoa gia», a phone's slow thumb pausing before
   * «i»: «gia» whole is «gia đình»): it stays. Another key first: nothing.
   */
  SearchPage.prototype.settle = function (engine, query, seq) {
    var self = this;
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(function () {
      if (seq !== self.seq) return;
      engine.search(query, { prefix: false }).then(function (result) {
        return engine.suggest(query, false).then(function (suggestion) { return [result, suggestion]; });
      }).then(function (both) {
        var result = both[0];
        if (seq !== self.seq) return;
        self.suggestion = both[1];  // the last word whole now: «khai sihn» has its line
        self.showSuggestion();
        if (sameList(result, self.result) || !holds(result, self.result) || !self.keepsInSight(engine, result)) return;
        self.prefix = false;
        self.seq++;  // a "Xem thêm" of the typed list, still loading, must not add to this one
        self.result = result;
        return self.render();
      }).catch(function () { /* the typed list stays; Enter asks again and says what failed */ });
    }, SETTLE);
  };

  /**
   * The address's list may take the place of the typed one only where the reader loses
   * nothing on screen: every item shown stays on its first page (a pause in «ban hà» sent 6 of
   * the 10 shown to later pages, though all were still in the list), no "Xem thêm" page was
   * added (13 shown became 10), and focus is not on a result or on "Xem thêm" (replaced, it fell
   * to the page's top). A hostile review, session 29.
   */
  SearchPage.prototype.keepsInSight = function (engine, result) {
    var active = document.activeElement;
    if (active && (this.list.contains(active) || active === this.more)) return false;
    if (!this.hits || this.shown > PAGE_SIZE) return false;
    var first = Object.create(null);
    result.hits.filter(keep(engine, this.filters())).slice(0, PAGE_SIZE).forEach(function (h) { first[h.id] = true; });
    return this.hits.slice(0, this.shown).every(function (h) { return first[h.id]; });
  };

  function holds(a, b) {
    var ids = Object.create(null);
    a.hits.forEach(function (h) { ids[h.id] = true; });
    return b.hits.every(function (h) { return ids[h.id]; });
  }

  function sameList(a, b) {
    return a.hits.length === b.hits.length && a.whole === b.whole && !a.approximate === !b.approximate &&
      !a.folded === !b.folded && a.hits.every(function (h, i) { return h.id === b.hits[i].id; });
  }

  SearchPage.prototype.fillFilters = function (engine) {
    if (this.filled) return;
    this.filled = true;
    var m = engine.manifest(), cat = this.selects.category, year = this.selects.year;
    // The site's own pages (trang/) have no category: no blank choice for them.
    if (cat) m.cats.filter(function (c) { return c[0]; }).forEach(function (c) { cat.appendChild(el("option", { value: c[0], text: c[1] })); });
    // Each year once, newest first: a legal document's page has its year of issue (session
    // 36), so a year comes back after the dated items' runs ("Năm 2015": Luật 80/2015/QH13).
    if (year) m.years.map(function (r) { return r[0]; })
      .filter(function (y, i, all) { return y && all.indexOf(y) === i; }).sort(function (a, b) { return b - a; })
      .forEach(function (y) { year.appendChild(el("option", { value: String(y), text: String(y) })); });
    if (cat) cat.value = this.wanted.category;
    if (year) year.value = this.wanted.year;
  };

  SearchPage.prototype.render = function () {
    var self = this;
    if (!this.result) return Promise.resolve();
    this.engine.ready().then(function (engine) { self.counts(engine); });
    return this.engine.ready().then(function (engine) {
      var filters = self.filters();
      self.hits = self.result.hits.filter(keep(engine, filters));
      self.shown = 0;
      var q = quoted(self.query);
      if (!self.hits.length) {
        self.list.textContent = "";
        self.printNote();
        self.hint.textContent = "";
        self.root.removeAttribute("aria-busy");
        self.more.hidden = true;
        var any = filters.type || filters.category || filters.year;
        self.say("Không tìm thấy kết quả cho " + q + (any ? " với bộ lọc đã chọn." : "."));
        self.showSuggestion();
        self.noResults(any);
        if (self.ask) self.ask.hidden = false;
        return;
      }
      // The old results stay until the new ones are ready, then all change at once: a
      // list emptied while result texts load moved everything under it twice (issue 15).
      var whole = self.hits.filter(function (h) { return !h.some; }).length;
      return self.showMore(false, count(self.hits.length) + " kết quả cho " + q +
        (self.result.approximate ? " (không có bài nào chứa đủ mọi từ; hiện các bài chứa một phần)" : "") +
        (self.result.whole >= 0 && whole < self.hits.length ? " (" + (whole ? count(whole) + " kết quả có đủ mọi từ, sau đó là các bài chỉ chứa một phần" :
          "không có bài nào chứa đủ mọi từ; hiện các bài chứa một phần") + ")" : "") +
        (self.result.folded ? " (không có bài nào có đúng các chữ như đã gõ dấu; hiện các bài có các chữ ấy khi bỏ dấu)" : "") +
        (self.result.question ? ", xếp theo mức độ phù hợp với câu hỏi" : ""));
    });
  };

  /**
   * «Có phải bạn muốn tìm: <khai sinh>?» above the list: a link to this page with the fixed
   * query and the same filters, which a tap follows without reloading. Text nodes only: the
   * query is the reader's (or a link's) text, never HTML.
   */
  SearchPage.prototype.showSuggestion = function () {
    var line = this.suggestLine, self = this, fixed = this.suggestion;
    if (!line) return;
    line.textContent = "";
    line.hidden = !fixed;
    if (!fixed) return;
    var params = new URLSearchParams(), f = this.filters();
    params.set("q", fixed);
    if (f.type) params.set("loai", f.type);
    if (f.category) params.set("chuyen-muc", f.category);
    if (f.year) params.set("nam", f.year);
    var link = el("a", { href: "?" + params.toString(), text: fixed });
    link.addEventListener("click", function (e) {
      if (e.button || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;  // a new tab: the link's own
      e.preventDefault();
      try { history.pushState(null, "", link.getAttribute("href")); } catch (err) { location.href = link.href; return; }
      self.fromUrl();  // Back returns to what was typed (popstate)
      self.input.focus();
    });
    line.appendChild(document.createTextNode("Có phải bạn muốn tìm: "));
    line.appendChild(link);
    line.appendChild(document.createTextNode("?"));
  };

  SearchPage.prototype.noResults = function (filtered) {
    var self = this;
    if (filtered && this.result.hits.length) {
      var button = el("button", { type: "button", className: "md-button", text: "Thử bỏ bộ lọc (" + count(this.result.hits.length) + " kết quả)" });
      button.addEventListener("click", function () {
        Object.keys(self.selects).forEach(function (k) { if (self.selects[k]) self.selects[k].value = ""; });
        self.updateUrl();
        self.render().then(function () { var first = self.list.querySelector("a"); if (first) first.focus(); });
      });
      this.hint.appendChild(el("p", {}, [button]));
      return;
    }
    this.hint.appendChild(el("p", { text: "Gợi ý: thử gõ ít từ hơn, kiểm tra chính tả, hoặc gõ không dấu (ví dụ “hoa giai” thay cho “hòa giải”). Số văn bản có thể gõ như “432/QĐ-UBND” hoặc “432/QD-UBND”." }));
  };

  SearchPage.prototype.counts = function (engine) {
    var self = this, f = this.filters();
    [["type", "loai"], ["category", "chuyen-muc"], ["year", "nam"]].forEach(function (pair) {
      var select = self.selects[pair[0]];
      if (!select) return;
      var others = {}; Object.keys(f).forEach(function (k) { others[k] = k === pair[0] ? "" : f[k]; });
      var tally = Object.create(null);
      self.result.hits.filter(keep(engine, others)).forEach(function (h) {
        var facet = engine.facet(h.id), keys;
        if (pair[0] === "type") keys = Object.keys(KIND_GROUPS).filter(function (g) { return KIND_GROUPS[g].indexOf(facet.kind) >= 0; });
        else keys = [pair[0] === "category" ? facet.category[0] : String(facet.year)];
        keys.forEach(function (k) { tally[k] = (tally[k] || 0) + 1; });
      });
      Array.prototype.forEach.call(select.options, function (opt) {
        if (opt.value) counted(opt, tally[opt.value] || 0, opt.value === select.value);
      });
    });
  };

  /** An option's label with its count (none when `n` is undefined). An option that would leave
   *  no result is shown, greyed, and cannot be chosen (a guide reader's trial, session 55: five
   *  years of «(0)» to pick from); the chosen one stays. */
  function counted(opt, n, chosen) {
    if (!opt.hasAttribute("data-label")) opt.setAttribute("data-label", opt.textContent);
    opt.textContent = opt.getAttribute("data-label") + (n === undefined ? "" : " (" + count(n) + ")");
    opt.disabled = n === 0 && !chosen;
  }

  /** Without a query, no option counts nor is greyed: the last query's «(0)» would keep a
   *  year out of reach until the next one (hostile review, session 55). */
  SearchPage.prototype.uncount = function () {
    var self = this;
    Object.keys(this.selects).forEach(function (k) {
      if (self.selects[k]) Array.prototype.forEach.call(self.selects[k].options, function (opt) { counted(opt); });
    });
  };

  /** The next page of results; with `status`, a new list replacing the old one in one pass. */
  SearchPage.prototype.showMore = function (focus, status) {
    var self = this, hits = this.hits, slice = hits.slice(this.shown, this.shown + PAGE_SIZE), seq = this.seq;
    var firstNew = this.shown;
    this.shown += slice.length;
    return this.engine.ready().then(function (engine) {
      var matches = engine.matcher(self.query, self.prefix);
      return Promise.all(slice.map(function (h) { return engine.doc(h.id); })).then(function (docs) {
        // Another query, or the same one filtered anew (render), while these texts loaded.
        if (seq !== self.seq || hits !== self.hits) return;
        if (firstNew === 0) {  // a question's first page, looked at again with these texts
          var page = engine.recheck(self.result, slice, docs);
          docs = page.docs;
          // In place: a "Xem thêm" clicked meanwhile continues the same list (its guard above).
          page.hits.forEach(function (h, k) { hits[k] = h; });
        }
        // Every word, but nowhere together: «nghi phep nam» listed «được phép … năm 2016» as if
        // it answered (a reader's review, session 22). The status says so.
        // Only when each text was read whole: a document keeps its first SNIPPET_CHARS for snippets.
        // Judged on the items with every word: those with some (FEW_WHOLE) follow, said to be so.
        // A short question the same, on its words that are not question words (`shortQuestion`).
        var whole = docs.filter(function (d, k) { return !hits[firstNew + k].some; });
        var apart = status !== undefined && matches.phrase && !self.result.approximate && !self.result.folded &&
            whole.length && whole.every(function (d) { return (d.x || "").length < SNIPPET_CHARS - 100; }) &&
            !whole.some(function (d) { return together(d.t + "\n" + (d.x || ""), matches); });
        if (apart && self.result.question) {
          // Not the words quoted: analysed, they would read «đăng kí» for the reader's «Đăng Ký» (a review).
          status += " (không bài nào có các chữ chính của câu hỏi đứng liền nhau như đã gõ: các bài dưới đây có thể " +
            "không trả lời câu hỏi)";
        } else if (apart) {
          // Not "the items below hold them": those with some of the words follow (hostile review, session 29).
          status += hits.some(function (h) { return h.some; }) ? " (trong các bài có đủ mọi từ, các từ này không đứng liền nhau)" :
            " (không bài nào có các từ này đứng liền nhau; các bài dưới đây chứa chúng ở những chỗ khác nhau)";
        } else if (status !== undefined && self.result.question && self.result.share < WEAK_SHARE) {
          // A question the site has little of: a land article listed first for a labour question,
          // for «hằng năm» alone, said nothing (a reader's trial, session 51).
          status += " (các bài dưới đây chỉ có một phần nhỏ các chữ chính của câu hỏi, nên có thể không trả lời " +
            "câu hỏi)";
        }
        if (status !== undefined) { self.list.textContent = ""; self.hint.textContent = ""; self.say(status); self.showSuggestion(); }
        docs.forEach(function (d, k) {
          var li = self.item(engine, d, matches), at = firstNew + k;
          // Where the items with only some of the words begin («đơn ly hôn»: FEW_WHOLE).
          if (hits[at].some && (at === 0 || !hits[at - 1].some)) {
            li.insertBefore(el("p", { className: "bantin-search-some", text: "Các kết quả từ đây chỉ có một phần các chữ đã tìm:" }), li.firstChild);
          }
          self.list.appendChild(li);
        });
        self.root.removeAttribute("aria-busy");
        self.more.hidden = self.shown >= self.hits.length;
        if (self.ask) self.ask.hidden = false;  // under the list: it appears, nothing moves
        self.printNote();
        if (self.timing) self.timing.render = performance.now();
        root.__bantinSearch.last = self.timing;
        if (focus) { var a = self.list.children[firstNew] && self.list.children[firstNew].querySelector("a"); if (a) a.focus(); }
      });
    });
  };

  /**
   * The printout's header names the address of this very list, built from what the page
   * searches (the box and the filters, not the address bar, which may carry a share's
   * `fbclid`), as a reader can type it: «?q=hòa+giải», not «%C3%B2»; only `%`, `&`, `#` and
   * `+` stay escaped, so the address gives the same search. A pasted page is cut at 120.
   */
  SearchPage.prototype.printAddress = function () {
    if (!this.address) return;
    function put(value) { return String(value).replace(/[%&#+]/g, encodeURIComponent).replace(/\s+/g, "+"); }
    var f = this.filters(), q = Array.from(this.input.value.trim()), parts = [];
    if (q.length) parts.push("q=" + put(q.length > 120 ? q.slice(0, 120).join("") + "…" : q.join("")));
    if (f.type) parts.push("loai=" + put(f.type));
    if (f.category) parts.push("chuyen-muc=" + put(f.category));
    if (f.year) parts.push("nam=" + put(f.year));
    this.address.textContent = "";
    addressNodes(this.address.getAttribute("data-bt-search-address") + (parts.length ? "?" + parts.join("&") : ""))
      .forEach(function (node) { this.address.appendChild(node); }, this);
  };

  /**
   * A printed address in nodes where a line may end: after each «/», before each «-» (a «-piece»
   * unbreakable, `bt-nb`), «https://» a piece of its own. Twin of site/pagedata.py's
   * address_pieces and partials/bantin-address.html: the printed head and results broke in the
   * host's name («so-tu-phap.exa / mple.vn») or after a «-» a reader would type (session 54).
   */
  function addressNodes(address) {
    var nodes = [];
    (address.match(/^[A-Za-z][A-Za-z0-9+.]*:\/\/|-?[^\/-]*\/?/g) || []).forEach(function (piece) {
      if (!piece) return;
      if (nodes.length) nodes.push(document.createElement("wbr"));
      nodes.push(piece.charAt(0) === "-" ? el("span", { className: "bt-nb", text: piece }) : document.createTextNode(piece));
    });
    return nodes;
  }

  /** A printed list names what it leaves out (bantin-search.css shows this on paper only). */
  SearchPage.prototype.printNote = function () {
    if (this.shown < this.hits.length) {
      this.list.setAttribute("data-bantin-print-note", "Bản in có " + count(this.shown) + " trong " +
        count(this.hits.length) + " kết quả. Muốn in thêm, bấm “Xem thêm kết quả” trước khi in.");
    } else {
      this.list.removeAttribute("data-bantin-print-note");
    }
  };

  SearchPage.prototype.item = function (engine, d, matches) {
    var cats = engine.manifest().cats, kind = engine.manifest().kinds[d.k];
    var meta = [el("span", { className: "bantin-search-result__type", text: KIND_LABELS[kind] || "" })];
    // A document out of force, marked as its page marks it: a word in bold red (not colour
    // alone), from the record's data (`s`), a text node (session 36).
    if (d.s) meta.push(el("strong", { className: "bt-expired", text: d.s }));
    if (d.h) meta.push(el("span", { text: d.h }));
    if (cats[d.c] && cats[d.c][1]) meta.push(el("span", { text: cats[d.c][1] }));
    if (d.d) meta.push(el("time", { datetime: d.d, text: shortDate(d.d) }));
    // "·" between the parts, as on a card: heard as one line they ran together, no telling
    // where a handbook's title ended and the category began.
    meta = meta.reduce(function (all, part, i) {
      return all.concat(i ? [el("span", { className: "bantin-search-result__sep", text: " · " }), part] : [part]);
    }, []);
    var place = whereShown(d, matches);
    return el("li", { className: "bantin-search-result" }, [
      el("h2", { className: "bantin-search-result__title" }, [
        el("a", { href: placeUrl(siteUrl(this.base, d.u), place) }, [titleNodes(d.t, matches)])
      ]),
      el("p", { className: "bantin-search-result__meta" }, meta),
      el("p", { className: "bantin-search-result__snippet" }, [snippetNodes(place)])
    ].concat(this.publicRoot ? [el("p", { className: "bantin-search-result__address bt-print-only" },
                                   addressNodes(this.publicRoot + publicPath(d.u)))] : []));
  };

  /** A result's address in the online site's form, whatever this copy's (twin of UrlScheme.public). */
  function publicPath(u) {
    return /(^|\/)index\.html$/.test(u) ? u.slice(0, -10) : u.replace(/\.html$/, "/");
  }

  // --- Browser: the header box (an ARIA 1.2 combobox with a listbox popup) ----------------

  function SearchBox(form) {
    this.form = form;
    this.base = form.getAttribute("data-bantin-base") || ".";
    this.input = form.querySelector("input[name=q]");
    this.panel = form.querySelector("[data-bantin-panel]");
    this.listbox = form.querySelector("[role=listbox]");
    this.status = form.querySelector("[data-bantin-status]");
    this.engine = engineFor(this.base);
    this.options = [];
    this.active = -1;
    this.seq = 0;
    this.bind();
    this.recall();
    // Loaded when the reader reached for the box (bantin-search-box.html): what was typed
    // before the script arrived is searched now.
    if (document.activeElement === this.input) {
      this.engine.ready().catch(function () {});
      if (this.input.value.trim()) this.live();
    }
  }

  SearchBox.prototype.bind = function () {
    var self = this;
    this.input.setAttribute("role", "combobox");
    this.input.setAttribute("aria-autocomplete", "list");
    this.input.setAttribute("aria-expanded", "false");
    this.input.setAttribute("aria-controls", this.listbox.id);
    var live = this.live = debounce(function () { self.run(); }, DEBOUNCE);
    this.input.addEventListener("focus", function () {
      self.engine.ready().catch(function () {});
      if (self.recalled && self.input.value.trim()) { self.recalled = false; live(); }
    });
    this.input.addEventListener("input", function () { self.recalled = false; clearTimeout(self.prefetchTimer); live(); });
    window.addEventListener("pagehide", function () { self.keep(); });
    this.input.addEventListener("keydown", function (e) { self.key(e); });
    this.form.addEventListener("focusout", function (e) {
      if (!self.form.contains(e.relatedTarget)) self.close();
    });
    this.listbox.addEventListener("mousedown", function (e) { e.preventDefault(); });
    this.listbox.addEventListener("click", function (e) {
      var li = e.target.closest("[role=option]");
      if (li) self.choose(self.options.indexOf(li));
    });
  };

  /** What was typed, kept in this history entry when the page is left (`keep`) and put back
   *  when Back reloads it: the browser does not refill a field with autocomplete="off", and a
   *  page not kept by the back/forward cache came back with an empty box (session 46's
   *  keyboard trial). The list opens again when the reader returns to the box. */
  SearchBox.prototype.keep = function () {
    var was = history.state, state = {}, text = this.input.value;
    // A site's own script keeps something else here (a list, a string): left as it is.
    if (was !== null && was !== undefined && (typeof was !== "object" || Array.isArray(was))) return;
    if (was) Object.keys(was).forEach(function (k) { state[k] = was[k]; });
    var boxes = {}, old = state.bantinBoxes;
    if (old && typeof old === "object") Object.keys(old).forEach(function (k) { boxes[k] = old[k]; });
    // a query is read to 2,000 characters (clip_query): no more is kept, nor half a character
    if (text.trim()) boxes[this.input.id] = text.slice(0, 2000).replace(/[\ud800-\udbff]$/, ""); else delete boxes[this.input.id];
    state.bantinBoxes = boxes;
    try { history.replaceState(state, "", location.href); } catch (e) { /* file:// may refuse */ }
  };

  SearchBox.prototype.recall = function () {
    var state = history.state, boxes = state && typeof state === "object" ? state.bantinBoxes : null;
    var text = boxes && typeof boxes === "object" ? boxes[this.input.id] : "";
    // Put back by the box's own script (bantin-search-box.html) before this one arrived, or now.
    if (typeof text !== "string" || !text || (this.input.value && this.input.value !== text)) return;
    this.input.value = text;
    this.recalled = document.activeElement !== this.input;
  };

  SearchBox.prototype.open = function () {
    this.panel.hidden = false;
    this.input.setAttribute("aria-expanded", "true");
  };

  SearchBox.prototype.close = function () {
    // Escape or leaving the box while a typed word still waits for its search: that search
    // must not open the list again a moment later (it did, when a phone was slow).
    if (this.live) this.live.cancel();
    this.seq++;
    clearTimeout(this.prefetchTimer);
    this.panel.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.setActive(-1);
  };

  SearchBox.prototype.setActive = function (i) {
    if (this.options[this.active]) this.options[this.active].setAttribute("aria-selected", "false");
    this.active = i;
    var opt = this.options[i];
    if (opt) {
      opt.setAttribute("aria-selected", "true");
      this.input.setAttribute("aria-activedescendant", opt.id);
      if (opt.scrollIntoView) opt.scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  SearchBox.prototype.key = function (e) {
    var n = this.options.length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (this.panel.hidden) { if (this.input.value.trim()) { this.open(); this.run(); } return; }
      e.preventDefault();
      if (!n) return;
      var step = e.key === "ArrowDown" ? 1 : -1;
      this.setActive(this.active < 0 ? (step > 0 ? 0 : n - 1) : (this.active + step + n) % n);
    } else if (e.key === "Enter" && this.active >= 0 && !this.panel.hidden) {
      e.preventDefault();
      this.choose(this.active);
    } else if (e.key === "Escape") {
      if (!this.panel.hidden) { e.preventDefault(); this.close(); }
      else if (this.input.value) { e.preventDefault(); this.input.value = ""; }
    }
  };

  SearchBox.prototype.choose = function (i) {
    var opt = this.options[i];
    if (!opt || !opt.getAttribute("data-href")) return;
    var url = new URL(opt.getAttribute("data-href"), location.href);
    // The online site opened from file://: a folder's page is its index.html (as bantin.js does for links).
    if (url.protocol === "file:" && url.pathname.slice(-1) === "/") url.pathname += "index.html";
    location.href = url.href;
  };

  SearchBox.prototype.say = function (text) { this.status.textContent = text; };

  SearchBox.prototype.run = function () {
    var self = this, query = this.input.value, seq = ++this.seq;
    this.keep();  // at each search too: a navigation the browser starts may drop pagehide's
    if (!query.trim()) { this.close(); this.listbox.textContent = ""; this.options = []; return Promise.resolve(); }
    this.open();
    if (!this.options.length) this.say("Đang tải…");
    return this.engine.ready().then(function (engine) {
      return engine.search(query, { prefix: true }).then(function (result) {
        // A question's box shows the first of the page's first ten, as the page orders them.
        var top = result.hits.slice(0, result.question ? PAGE_SIZE : BOX_SIZE);
        return Promise.all([Promise.all(top.map(function (h) { return engine.doc(h.id); })), engine.suggest(query, true)]).then(function (both) {
          if (seq !== self.seq) return;
          var docs = engine.recheck(result, top, both[0]).docs.slice(0, BOX_SIZE);
          self.show(engine, query, result, docs, both[1]);
          self.prefetch(engine, query, seq);
        });
      });
    }).catch(function (err) {
      if (seq !== self.seq) return;
      self.say("Không tải được dữ liệu tìm kiếm.");
      if (root.console) console.error(err);
    });
  };

  /**
   * Once the reader stops typing, the documents of the first page of the search page that
   * Enter opens, so that its results are all in the browser's cache: one round trip for the
   * page instead of two (issue 16, 0.5 s on Fast 3G). That page asks without a prefix, so a
   * few words may rank otherwise than in the box; a question ranks the same (the box shows
   * 6, the page 10). Not while typing, nor once the box is closed: each keystroke's list
   * would cost files for nothing.
   */
  SearchBox.prototype.prefetch = function (engine, query, seq) {
    var self = this;
    clearTimeout(this.prefetchTimer);
    this.prefetchTimer = setTimeout(function () {
      if (seq !== self.seq || self.panel.hidden) return;
      engine.search(query, { prefix: false }).then(function (result) {
        // "Xem tất cả 13 kết quả" then a page of 1 («hoa giai la gi»: «gi» was a prefix of
        // «giới» in the box; a screen-reader trial, session 29): the link says the page's count.
        if (seq === self.seq && !self.panel.hidden && self.allOption) self.allOption.textContent = allText(result, self.listed);
        result.hits.slice(0, PAGE_SIZE).forEach(function (h) {
          engine.doc(h.id).catch(function () { /* the search page asks again */ });
        });
      }).catch(function () { /* the search page asks again and says what failed */ });
    }, PREFETCH_PAUSE);
  };

  /** The list under the box: «Có phải bạn muốn tìm: khai sinh?» first when a word typed is in
   *  no item (`suggestion`, to the search page with it), the results, "Xem tất cả". */
  SearchBox.prototype.show = function (engine, query, result, docs, suggestion) {
    var self = this, matches = engine.matcher(query, true), cats = engine.manifest().cats;
    // The option chosen with the arrows stays chosen when a later list still has it: a list
    // typed a moment before could replace it between ArrowDown and Enter, and Enter then
    // opened the search page instead (a slow phone; the test suite on a busy machine).
    // By the page's address without its place (`#…`): a longer query moves a result's place (a
    // review, session 58: the chosen option was lost, and Enter opened the search page).
    var chosen = this.options[this.active] ? optionKey(this.options[this.active]) : null;
    this.listbox.textContent = "";
    this.options = [];
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.listed = docs.length;
    if (suggestion) {
      var fix = el("li", { role: "option", id: this.input.id + "-opt-fix", "aria-selected": "false",
                           "data-href": this.form.getAttribute("action") + "?q=" + encodeURIComponent(suggestion),
                           className: "bantin-search-option bantin-search-option--suggest" },
                   ["Có phải bạn muốn tìm: ", el("strong", { text: suggestion }), "?"]);
      this.listbox.appendChild(fix);
      this.options.push(fix);
    }
    docs.forEach(function (d, i) {
      var kind = engine.manifest().kinds[d.k];
      var meta = [KIND_LABELS[kind], d.s, cats[d.c] && cats[d.c][1], shortDate(d.d)].filter(Boolean).join(" · ");
      var li = el("li", { role: "option", id: self.input.id + "-opt-" + i, "aria-selected": "false", "data-href": placeUrl(siteUrl(self.base, d.u), whereShown(d, matches)), className: "bantin-search-option" }, [
        el("span", { className: "bantin-search-option__title" }, [titleNodes(d.t, matches)]),
        el("span", { className: "bantin-search-option__meta", text: meta })
      ]);
      self.listbox.appendChild(li);
      self.options.push(li);
    });
    var all = this.form.getAttribute("action") + "?q=" + encodeURIComponent(query.trim());
    var more = el("li", { role: "option", id: this.input.id + "-opt-all", "aria-selected": "false", "data-href": all, className: "bantin-search-option bantin-search-option--all" }, [
      allText(result, 0)
    ]);
    this.allOption = more;
    this.listbox.appendChild(more);
    this.options.push(more);
    for (var i = 0; chosen && i < this.options.length; i++) {
      if (optionKey(this.options[i]) === chosen) { this.setActive(i); break; }
    }
    this.say(result.hits.length ? count(result.hits.length) + " kết quả" : "Không tìm thấy kết quả cho " + quoted(query));
  };

  /** What tells one option from another across lists: its address without the place it opens at. */
  function optionKey(option) {
    return (option.getAttribute("data-href") || "").split("#")[0];
  }

  /** The box's last option: to the search page, with its count; `listed` options above it.
   * A page with fewer than the box lists (its last word whole: «bộ tà» lists 6, its page 1)
   * is not "all" of them (a hostile review, session 29). With none, it says so: the status
   * said it only to screen readers, and a sighted reader could not tell "nothing" from "still
   * loading" (a reader's trial, session 51). */
  function allText(result, listed) {
    var n = result.hits.length;
    if (!n) return "Không tìm thấy kết quả. Mở trang tìm kiếm";
    if (n < listed) return "Mở trang tìm kiếm (" + count(n) + " kết quả có đúng các chữ đã gõ)";
    return "Xem tất cả " + count(n) + " kết quả";
  }

  // --- Start ---------------------------------------------------------------------------------

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-bantin-search=box]"), function (form) {
      if (!form.__bantin) form.__bantin = new SearchBox(form);
    });
    var page = document.querySelector("[data-bantin-search=page]");
    if (page && !page.__bantin) page.__bantin = new SearchPage(page);
  }

  api.engineFor = engineFor;
  early(document.currentScript);
  // "interactive": the page is parsed. DOMContentLoaded would also wait for Material's bundle,
  // which the search page does not need.
  if (document.readyState === "loading") {
    document.addEventListener("readystatechange", function parsed() {
      if (document.readyState === "loading") return;
      document.removeEventListener("readystatechange", parsed);
      start();
    });
  } else start();
  // Material's instant navigation swaps pages without reloading scripts: start on each one.
  // Loaded early in the head, this script runs before Material's bundle defines document$.
  var following = false;
  function follow() {
    if (following || !(root.document$ && root.document$.subscribe)) return;
    following = true;
    root.document$.subscribe(start);
  }
  follow();
  if (!following) document.addEventListener("DOMContentLoaded", follow);
})(typeof window !== "undefined" ? window : globalThis);

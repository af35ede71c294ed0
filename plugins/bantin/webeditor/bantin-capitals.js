// A title written all in capitals, and the same title as a sentence: the web editor's twin of
// content/capitals.py (editor's trial F5, session 45). The build warns; the title field says
// so as it is typed and offers the sentence (bantin-admin.js, TitleControl). Same rules, same
// answers on Vietnamese text (tests/test_capitals.py runs both on one list).
(function (root) {
  "use strict";

  var LETTERS = 10, WORDS = 4;
  var SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?$/;
  var ROMAN = /^[IVXLC]+$/;
  var ROMAN_WORDS = ["vi", "xi", "li"];  // numerals that are syllables too: small unless a word counts
  var COUNTING = ["phan", "chuong", "muc", "tiet", "quy", "khoa", "ky", "dot", "lan", "thu", "cap", "vung", "khu",
    "nhom", "loai", "hang", "doan", "bang", "phu", "luc", "tap"];
  var TOKEN = /[^\s\-\u2013]+|[\s\-\u2013]+/g;  // words, and what parts them: spaces, a hyphen («TẾ-XÃ»)
  var WORD = /[^\s\-\u2013]+/g;
  // A syllable ending in p, t, c or ch carries a sắc or nặng mark: «VAT» without one is an
  // abbreviation, in a text that has marks.
  var CHECKED = /(?:ch|[cpt])$/;
  var CHECKED_TONES = /[\u0301\u0323]/;
  // The marks Vietnamese is written with, decomposed: five tones, circumflex, breve, horn (not
  // any \p{Mn}: an emoji's U+FE0F is one).
  var MARKS = /[\u0300-\u0303\u0306\u0309\u031b\u0323]/;
  // Python's \W is [^\p{L}\p{N}_] here (JavaScript's \w is ASCII, even with the u flag).
  var STARTS = /(^[^\p{L}\p{N}_]{0,3}|[:.?!]\s{1,3}[^\p{L}\p{N}_]{0,3})(\p{L})/gu;

  function cased(text) {
    return Array.from(text).filter(function (c) { return c.toLowerCase() !== c.toUpperCase(); });
  }

  function bare(word) {  // small, marks dropped, đ kept: «Luật» → «luat»
    return word.toLowerCase().normalize("NFD").replace(/\p{Mn}/gu, "");
  }

  function marked(text) {  // written with Vietnamese marks: one is enough
    return /đ/i.test(text) || MARKS.test(text.normalize("NFD"));
  }

  function kept(word, before, withMarks) {
    var letters = Array.from(word).filter(function (c) { return /\p{L}/u.test(c); }).join("");
    if (/\p{Nd}/u.test(word) || !letters) { return true; }
    if (ROMAN.test(letters)) {
      var counting = bare(before).replace(/đ/g, "d").replace(/^[.,:;()«»"']+|[.,:;()«»"']+$/g, "");
      return COUNTING.indexOf(counting) >= 0 || ROMAN_WORDS.indexOf(bare(letters)) < 0;
    }
    var plain = bare(letters);
    if (!SYLLABLE.test(plain)) { return true; }
    // the word's tones, not its letters': a tone typed apart (NFD, «Unicode tổ hợp») is no letter
    return withMarks && CHECKED.test(plain) && !CHECKED_TONES.test(word.normalize("NFD"));
  }

  function inCapitals(text) {
    text = String(text || "");
    var letters = cased(text);
    if (letters.length < LETTERS || letters.some(function (c) { return c !== c.toUpperCase(); })) { return false; }
    var before = "", words = 0, withMarks = marked(text);
    (text.match(WORD) || []).forEach(function (word) {
      words += kept(word, before, withMarks) ? 0 : 1;
      before = word;
    });
    return words >= WORDS;
  }

  function asSentence(text) {
    text = String(text || "");
    var before = "", withMarks = marked(text);
    var written = (text.match(TOKEN) || []).map(function (token) {
      if (/^[\s\-\u2013]+$/.test(token)) { return token; }
      var word = kept(token, before, withMarks) ? token : token.toLowerCase();
      before = token;
      return word;
    }).join("");
    return written.replace(STARTS, function (all, lead, letter) { return lead + letter.toUpperCase(); });
  }

  root.bantinCapitals = { inCapitals: inCapitals, asSentence: asSentence };
})(typeof window !== "undefined" ? window : this);

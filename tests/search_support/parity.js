// Runs bantin-search.js in node on a built index, for tests/test_search_parity.py.
// Usage: node parity.js INDEX_DIR < {"queries": [{"q": "...", "prefix": false}], "analyze": ["..."], "lunrLimit": n}
// Prints {"results": [{"hits": [[id, score], ...], "approximate": bool, "folded": bool, "whole": n, "loaded": [key, ...], "page": [id, ...],
// "pageUrls": [url, ...], "question": bool, "pageScores": [score, ...] | null,
// "suggest": "query" | null, "suggestLoaded": [key, ...]}], "analyzed": [[[exact, folded], ...]]}.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const repo = path.resolve(__dirname, "..", "..");
const lunr = require(path.join(repo, "node_modules", "lunr"));
const search = require(path.join(repo, "plugins", "bantin", "theme", "assets", "javascripts", "bantin-search.js"));

const dir = process.argv[2];
const input = JSON.parse(fs.readFileSync(0, "utf8"));
const loaded = [];

function load(key) {
  // Run the file as the browser would, with the one global it may touch.
  const code = fs.readFileSync(path.join(dir, key + ".js"), "utf8");
  let data;
  vm.runInNewContext(code, { __bantinSearch: { load: (k, d) => { if (k !== key) throw new Error(k); data = d; } } });
  loaded.push(key);
  return Promise.resolve(JSON.parse(JSON.stringify(data)));
}

(async () => {
  const results = [];
  for (const { q, prefix } of input.queries || []) {
    const engine = search.createEngine({ lunr, load, lunrLimit: input.lunrLimit });  // fresh, as a page load
    loaded.length = 0;
    const r = await engine.search(q, { prefix: !!prefix });
    const searched = loaded.slice();
    const suggestion = await engine.suggest(q, !!prefix);  // after the search: it must fetch nothing more
    const suggestLoaded = loaded.slice();
    // The first page as the search page shows it: a question's looked at again (recheck).
    const first = r.hits.slice(0, 10);
    const docs = await Promise.all(first.map((h) => engine.doc(h.id)));
    const page = engine.recheck(r, first, docs);
    results.push({ hits: r.hits.map((h) => [h.id, h.score]), approximate: r.approximate, folded: !!r.folded,
                   whole: r.whole === undefined ? -1 : r.whole, loaded: searched,
                   page: page.hits.map((h) => h.id), pageUrls: page.docs.map((d) => d.u), question: !!r.question,
                   pageScores: page.scores, suggest: suggestion, suggestLoaded,
                   share: r.question ? r.share : null });
  }
  const analyzed = (input.analyze || []).map((t) => search.analyze(t));
  process.stdout.write(JSON.stringify({ results, analyzed }));
})().catch((e) => { console.error(e.stack || e); process.exit(1); });

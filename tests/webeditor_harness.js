// Loads plugins/bantin/webeditor/bantin-admin.js with a stand-in for Decap's `CMS` and
// answers one JSON request from stdin: {titles: [...], blocks: [...], ids: [...]} →
// slugs of the titles (as the preSave handler writes them), and each block's Markdown.
"use strict";
const fs = require("fs");
const vm = require("vm");
const registered = { components: [], listeners: [], widgets: {} };
const request = JSON.parse(fs.readFileSync(0, "utf8"));
const asked = [], answers = [];  // window.confirm's questions, and the answers to give (OK when none)

// A small Immutable.Map stand-in: what the preSave handler calls.
class Data {
  constructor(values) { this.values = values; }
  get size() { return Object.keys(this.values).length; }
  every(test) { return Object.entries(this.values).every(([k, v]) => test(v, k)); }
  get(key) { return this.values[key]; }
  set(key, value) { return new Data({ ...this.values, [key]: value }); }
  filter(keep) {
    return new Data(Object.fromEntries(Object.entries(this.values).filter(([k, v]) => keep(v, k))));
  }
}
const sandbox = {
  window: {},
  h: () => null, createClass: (spec) => spec,
  addEventListener: () => {}, setTimeout, TextEncoder, TextDecoder, URL,
  confirm: (message) => { asked.push(String(message)); return answers.length ? answers.shift() : true; },
  document: {  // no page here: what the script looks up finds nothing
    addEventListener: () => {}, querySelectorAll: () => [],
    // the page's metas: the registered document numbers (webeditor.html), when the request gives them
    querySelector: (selector) => selector.includes("bantin-documents") && request.registered !== undefined
      ? { getAttribute: () => request.registered } : null,
    getElementById: () => null, body: {}, documentElement: { classList: { toggle: () => {} } },
  },
  fetch: (url) => Promise.resolve({ ok: true, json: () => Promise.resolve(
    url === "dia-chi.json" ? request.addresses || {} : url === "lien-ket-den.json" ? request.links || {} :
    url === "tep.json" ? request.files || null : request.handbooks ||
      [{ file: "content/hoi-dap/khac.md", title: "Khác", questions: (request.ids || []).map((id) => [id, ""]) }]) }),
  CMS: {
    registerWidget: (name, control) => { registered.widgets[name] = control; },
    registerEditorComponent: (c) => registered.components.push(c),
    registerEventListener: (l) => registered.listeners.push(l),
    registerLocale: (name, words) => { registered.locale = words; }, getLocale: () => ({}),
    init: () => { registered.started = true; },  // bantin-admin.js starts Decap last
  },
};
sandbox.window = sandbox;
if (request.withPaste) {  // bantin-paste.js first, as the page loads it: its rules (bantinGroupRule) for the save's checks
  sandbox.location = { origin: "", pathname: "", hash: "" };
  vm.runInNewContext(fs.readFileSync(require("path").join(require("path").dirname(process.argv[2]), "bantin-paste.js"), "utf8"), sandbox);
}
// bantin-openblocks.js, as the page loads it before bantin-admin.js (its reading of HTML blocks)
vm.runInNewContext(fs.readFileSync(require("path").join(require("path").dirname(process.argv[2]), "bantin-openblocks.js"), "utf8"), sandbox);
vm.runInNewContext(fs.readFileSync(process.argv[2], "utf8"), sandbox);
setTimeout(() => {  // after the taken ids arrived
  const save = registered.listeners.find((l) => l.name === "preSave").handler;
  const entry = (values) => ({ get: (k) => ({ newRecord: true, data: new Data(values) })[k] });
  const slugs = request.titles.map((title) => save({ entry: entry({ title }) }).get("slug"));
  let refused = "";
  try { save({ entry: entry({ title: "x", image: "../images/a.jpg", image_alt: " " }) }); } catch (e) { refused = e.message; }
  const kept = Object.keys(save({ entry: entry({ title: "x", summary: "", tags: new Data({}), draft: false }) }).values);
  // files opened, then saved: {path, title, draft, newTitle} → the slug written (null: none)
  const older = (request.older || []).map(({ path, title, draft, newTitle }) => {
    const entry = (t) => { const data = new Data({ title: t, draft: !!draft });
      return { get: (k) => ({ newRecord: false, path, data })[k], getIn: ([, k]) => data.get(k) }; };
    registered.widgets["bantin-slug"].componentDidMount.call({ props: { entry: entry(title) } });
    return save({ entry: entry(newTitle || title) }).get("slug") || null;
  });
  const question = registered.components.find((c) => c.label === "Câu hỏi");
  const blocks = request.blocks.map((data) => question.toBlock(data));
  const parsed = request.parse.map((text) => { const m = text.match(question.pattern); return m ? question.fromBlock(m) : null; });
  // handbooks saved: {path (none: a new one), body} → the refusal said ("" when saved); after a
  // save, the handbook's ids count as the site's (postSave), as the next build would say
  const saved = registered.listeners.find((l) => l.name === "postSave").handler;
  const questionSaves = (request.questionSaves || []).map(({ path, body, title }) => {
    const data = new Data({ title: title || "Sổ tay mới", body });
    const entry = { get: (k) => ({ newRecord: !path, path, collection: "hoi-dap", data })[k], getIn: ([, k]) => data.get(k) };
    try { save({ entry }); } catch (e) { return e.message; }
    if (path) { saved({ entry }); }
    return "";
  });
  // blocks written after those saves, in the last handbook saved (its form still on screen)
  const blocksAfter = (request.blocksAfter || []).map((data) => question.toBlock(data));
  // entries saved: {collection, values (the form's fields), path (none: a new one)} →
  // {refused: the refusal said ("" when saved), body: the text as it would be written}
  const saves = (request.saves || []).map(({ collection, values, path, mediaFiles }) => {
    const data = new Data(values);
    const entry = { get: (k) => ({ newRecord: !path, path, collection: collection || "tin-tuc", data, mediaFiles })[k],
                    getIn: ([, k]) => data.get(k) };
    try { return { refused: "", body: save({ entry }).get("body") }; } catch (e) { return { refused: e.message }; }
  });
  // pages opened (draft or not as the file is), then saved in turn with the draft flag each
  // save gives, OK or Cancel to any question: {path, title, opened, saves: [{draft, answer}]}
  // → for each save, {asked: the question ("" when none), refused: the notice ("" when saved)}
  const takedowns = (request.takedowns || []).map(({ path, title, opened, saves }) => {
    const entry = (draft) => { const data = new Data({ title, draft });
      return { get: (k) => ({ newRecord: !path, path, collection: "tin-tuc", data })[k], getIn: ([, k]) => data.get(k) }; };
    registered.widgets["bantin-slug"].componentDidMount.call({ props: { entry: entry(!!opened) } });
    return saves.map(({ draft, answer }) => {
      const before = asked.length;
      answers.length = 0;
      answers.push(answer !== false);
      let notice = "";
      try { save({ entry: entry(draft) }); if (path) { saved({ entry: entry(draft) }); } } catch (e) { notice = e.message; }
      return { asked: asked.slice(before).join("\n---\n"), refused: notice };
    });
  });
  // the fastest of seven runs, in µs of CPU, of each handbook body saved and each line read by the
  // question block's pattern (hostile text: the ratios between sizes are what is tested)
  const least = (run) => {  // µs of CPU time, not of the clock: other work on a loaded machine adds none
    let best = Infinity;
    for (let i = 0; i < 7; i++) {
      const t = process.cpuUsage(); run(); const used = process.cpuUsage(t); best = Math.min(best, used.user + used.system);
    }
    return Math.max(best, 1);
  };
  const timed = (request.timedSaves || []).map((body) => least(() => {
    const data = new Data(typeof body === "string" ? { title: "Sổ tay", body } : body);
    try { save({ entry: { get: (k) => ({ newRecord: false, path: "content/hoi-dap/x.md", collection: "hoi-dap", data })[k],
                          getIn: ([, k]) => data.get(k) } }); } catch (e) { /* a refusal is an answer too */ }
  }));
  const matched = (request.timedLines || []).map((line) => least(() => question.pattern.exec(line)));
  // questions pasted into handbooks: {body (the entry's text as the preview shows it), pastes:
  // [[{question, id}, …], …]} → the ids given, paste by paste (bantinQuestionIds)
  const pasted = (request.pasted || []).map(({ body, pastes }) => {
    sandbox.bantinQuestionIds.entryChanged();
    return pastes.map((found) => sandbox.bantinQuestionIds.pasted(found, body));
  });
  // uploads: the names they are stored under, and whether RGBA samples are a photo's
  const rule = sandbox.bantinUploadRule;
  const uploadNames = (request.uploadNames || []).map((name) => rule.name(name));
  const samples = (request.samples || []).map(({ pixels, width }) => ({
    opaque: rule.opaque(Uint8ClampedArray.from(pixels)), photographic: rule.photographic(Uint8ClampedArray.from(pixels), width) }));
  // the category's own check: {draft (the draft switch as shown), value} → its message ("" when valid)
  const category = registered.widgets["bantin-category"], draftSwitch = registered.widgets["bantin-draft"];
  const categoryChecks = (request.categoryChecks || []).map(({ draft, value }) => {
    draftSwitch.componentDidMount.call({ props: { value: draft } });
    const valid = category.isValid.call({ props: { value } });
    return valid === true ? "" : valid.error.message;
  });
  // the top picture's description check: {image, alt, body} → its message ("" when valid)
  const altWidget = registered.widgets["bantin-alt"];
  const altChecks = (request.altChecks || []).map(({ image, alt, body }) => {
    const data = { image, body };
    const valid = altWidget.isValid.call({ props: { value: alt, entry: { getIn: (path) => data[path[1]] } } });
    return valid === true ? "" : valid.error.message;
  });
  const marks = (request.marks || []).map((name) => sandbox.bantinFileMark(name));
  const placeholders = request.placeholders ? sandbox.bantinPlaceholders : null;
  process.stdout.write(JSON.stringify({ marks, placeholders, slugs, refused, kept, blocks, parsed, older, questionSaves, saves, takedowns, timed, matched,
                                        pasted, uploadNames, samples, categoryChecks, altChecks, locale: registered.locale, blocksAfter }));
}, 20);

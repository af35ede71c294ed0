/* Bản tin's additions to the web editor (Decap CMS, loaded just before this file).
 *
 * - `slug:`: the page's address, made once from the title when a new file is first saved
 *   (Vietnamese folded to ASCII, `đ` → `d`, as text/vi.py slugify does) and then kept, so
 *   printed links and QR codes hold; the `bantin-slug` widget only shows it. An older file
 *   without `slug:` gets its current address written when its title changes.
 * - "Câu hỏi": a block of a Q&A handbook, written as `## Question {#id}` with an id made
 *   from the question, unique against the ids already on the site (ma-cau-hoi.json).
 * - Before saving: a picture needs its description (image_alt), and empty optional fields are
 *   left out of the file rather than written as `summary: ''`.
 * - Phones: entries open without the preview beside the form (with bantin-admin.css).
 * Everything shown is built with `h` (React elements): text is escaped by construction.
 */
(function () {
  "use strict";
  var CMS = window.CMS, h = window.h, createClass = window.createClass;

  // --- phones: the entry without the preview beside it (bantin-admin.css) -------------------
  // Decap reads which pane stands right of the form ("cms.right-pane") when an entry opens;
  // on a narrow screen the preview squeezed the form to half a phone. When the editor page
  // loads on a narrow screen and the editor has not chosen, we hide it, and mark the value as
  // ours ("bantin.right-pane"): loaded on a wide screen, our value is taken back, so a
  // computer in the same browser profile has its preview. A choice made with the eye button
  // replaces our value and is kept.
  function placePreview() {
    var storage = window.localStorage, ours = storage.getItem("bantin.right-pane") === "none";
    var pane = storage.getItem("cms.right-pane");
    if (ours && pane !== "none") { storage.removeItem("bantin.right-pane"); ours = false; }
    var narrow = window.matchMedia && window.matchMedia("(max-width: 799px)").matches;
    if (narrow && pane === null) {
      storage.setItem("cms.right-pane", "none");
      storage.setItem("bantin.right-pane", "none");
    } else if (!narrow && ours) {
      storage.removeItem("cms.right-pane");
      storage.removeItem("bantin.right-pane");
    }
  }
  try {
    placePreview();
  } catch (e) { /* storage refused (private mode): the preview shows, as before */ }

  // --- the words Decap's Vietnamese file lacks (it falls back to English for them) --------
  var MORE_VI = {
    collection: { collectionTop: { viewAsList: "Xem dạng danh sách", viewAsGrid: "Xem dạng lưới", groupBy: "Nhóm theo" },
                  groups: { other: "Khác", negateLabel: "Không %{label}" } },
    editor: {
      editorInterface: { togglePreview: "Bật/tắt xem trước", toggleScrollSync: "Cuộn đồng bộ" },
      editorWidgets: {
        markdown: { bold: "Đậm", italic: "Nghiêng", strikethrough: "Gạch ngang", code: "Mã", link: "Liên kết",
                    linkPrompt: "Nhập địa chỉ của liên kết", headings: "Tiêu đề mục", quote: "Trích dẫn",
                    bulletedList: "Danh sách dấu chấm", numberedList: "Danh sách đánh số",
                    addComponent: "Thêm khối (Câu hỏi, ảnh…)",
                    toggleMode: { rich: "Chuyển sang văn bản định dạng", markdown: "Chuyển sang Markdown" } },
        image: { chooseMultiple: "Chọn các hình", addMore: "Thêm hình", removeAll: "Gỡ mọi hình" },
        file: { chooseMultiple: "Chọn các tệp", addMore: "Thêm tệp", removeAll: "Gỡ mọi tệp" },
        datetime: { setToNow: "Đặt %{fieldLabel} là bây giờ" },
        list: { add: "Thêm %{item}", addType: "Thêm %{item}" },
        object: { expand: "Mở ra", collapse: "Thu gọn" }
      }
    },
    mediaLibrary: {
      mediaLibraryCard: { copy: "Chép", copyUrl: "Chép địa chỉ", copyPath: "Chép đường dẫn", copyName: "Chép tên",
                          copied: "Đã chép" },
      mediaLibraryModal: { close: "Đóng" }
    },
    ui: { settingsDropdown: { account: "Tài khoản" } }
  };

  function merged(base, more) {
    var out = {}, key;
    for (key in base) { if (Object.prototype.hasOwnProperty.call(base, key)) { out[key] = base[key]; } }
    for (key in more) {
      if (!Object.prototype.hasOwnProperty.call(more, key)) { continue; }
      var value = more[key], had = out[key];
      if (value && typeof value === "object") {
        out[key] = merged(had && typeof had === "object" ? had : {}, value);
      } else if (had === undefined) {
        out[key] = value;  // Decap's own words win where it has them
      }
    }
    return out;
  }
  var VI = merged(CMS.getLocale("vi") || {}, MORE_VI);
  // Decap's "＋ %{collectionLabel}" uses a full-width plus that many phones' fonts lack (a box).
  VI.collection.collectionTop.newButton = "Viết %{collectionLabel} mới";
  CMS.registerLocale("vi", VI);

  var RESERVED = ["con", "prn", "aux", "nul"];
  for (var i = 0; i < 10; i++) { RESERVED.push("com" + i, "lpt" + i); }
  var SLUG_MAX = 80, ID_MAX = 60;
  var ID = "[a-z0-9]+(?:-[a-z0-9]+)*";
  var NUMBER_PREFIX = /^(?:Câu\s+hỏi|Câu)\s*\d+\s*[:.)–-]\s*/i;

  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
  }

  function slugify(text, limit) {
    var slug = fold(text).replace(/['’]/g, "").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (limit && slug.length > limit) {
      var cut = slug.lastIndexOf("-", limit);
      slug = (cut >= limit / 2 ? slug.slice(0, cut) : slug.slice(0, limit)).replace(/-+$/, "");
    }
    return RESERVED.indexOf(slug) >= 0 ? slug + "-1" : slug;
  }

  // --- the address, written once ----------------------------------------------------------
  // Decap re-renders a widget only when its own value changes, so the address is made in
  // the preSave handler below; the widget shows it and remembers the title the file had.
  var firstTitles = {};  // entry path → its title when opened

  var SlugControl = createClass({
    componentDidMount: function () {
      var entry = this.props.entry;
      if (entry && !entry.get("newRecord") && entry.get("path") && !(entry.get("path") in firstTitles)) {
        firstTitles[entry.get("path")] = String(entry.getIn(["data", "title"]) || "");
      }
    },
    render: function () {
      var entry = this.props.entry, value = this.props.value;
      var isNew = !!(entry && entry.get("newRecord"));
      return h("input", {
        id: this.props.forID, className: this.props.classNameWrapper, type: "text", readOnly: true,
        "aria-readonly": "true",
        value: value || (isNew ? "(tạo từ tiêu đề khi lưu)" : "(theo tiêu đề lúc mở bài)")
      });
    }
  });
  var SlugPreview = function (props) { return h("code", {}, props.value || ""); };
  CMS.registerWidget("bantin-slug", SlugControl, SlugPreview);

  function withSlug(entry, data) {
    if (!empty(data.get("slug"))) { return data; }
    var title = String(data.get("title") || "");
    if (entry.get("newRecord")) { return data.set("slug", slugify(title, SLUG_MAX)); }
    var first = firstTitles[entry.get("path")];
    if (first !== undefined && first !== title) { return data.set("slug", slugify(first, SLUG_MAX)); }
    return data;  // an older file whose title did not change: its address is still the title's
  }

  // --- questions of a handbook --------------------------------------------------------------
  var taken = {};
  fetch("ma-cau-hoi.json", { credentials: "same-origin" })
    .then(function (r) { return r.ok ? r.json() : []; })
    .then(function (ids) { ids.forEach(function (id) { taken[id] = true; }); })
    .catch(function () {});

  function questionId(question) {
    var base = slugify(String(question || "").replace(NUMBER_PREFIX, "") || question).slice(0, ID_MAX)
      .replace(/-+$/, "") || "cau-hoi";
    var candidate = base, n = 2;
    while (taken[candidate]) { candidate = base + "-" + n; n += 1; }
    return candidate;
  }

  // One heading line: no line breaks, no `{…}` (the id's place), no leading `#` typed by habit.
  function oneLine(text) {
    return String(text || "").replace(/\s+/g, " ").replace(/[{}]/g, "").replace(/^[#\s]+/, "").trim();
  }

  CMS.registerEditorComponent({
    id: "bantin-cau-hoi",
    label: "Câu hỏi",
    fields: [
      { name: "question", label: "Câu hỏi", widget: "string",
        hint: "Ví dụ: Câu hỏi 3: Hòa giải viên cần những tiêu chuẩn gì? Viết câu trả lời ngay dưới khối này." },
      { name: "id", label: "Mã câu hỏi", widget: "string", required: false,
        hint: "Để trống: mã được tạo từ câu hỏi. Mã là địa chỉ riêng và mã QR của câu hỏi: đừng sửa khi câu hỏi đã đăng." }
    ],
    pattern: new RegExp("^## ([^\\n{}]+?) *\\{#(" + ID + ")\\} *(?=\\n|$)"),
    fromBlock: function (match) { return { question: match[1], id: match[2] }; },
    toBlock: function (data) {
      var question = oneLine(data.question) || "Câu hỏi mới";
      var written = slugify(data.id || "");  // an id typed by hand, made valid (`Câu 1` → `cau-1`)
      var id = written ? written.slice(0, ID_MAX).replace(/-+$/, "") : questionId(question);
      return "## " + question + " {#" + id + "}";
    },
    toPreview: function (data) { return h("h2", {}, oneLine(data.question)); }
  });

  // --- before saving --------------------------------------------------------------------------
  function empty(value) {
    if (value === null || value === undefined) { return true; }
    if (typeof value === "string") { return value.trim() === ""; }
    if (value && typeof value.every === "function" && typeof value.size === "number") {  // Immutable List/Map
      return value.size === 0 || value.every(empty);
    }
    return false;
  }

  CMS.registerEventListener({
    name: "preSave",
    handler: function (args) {
      var data = args.entry.get("data");
      if (!empty(data.get("image")) && empty(data.get("image_alt"))) {
        throw new Error("Có ảnh minh họa nhưng chưa có “Mô tả ảnh”: hãy tả ngắn gọn ảnh cho người khiếm thị.");
      }
      data = withSlug(args.entry, data);
      if (args.entry.get("newRecord") && empty(data.get("slug"))) {
        throw new Error("Tiêu đề chưa có chữ hay số nào để tạo địa chỉ bài.");
      }
      return data.filter(function (value, key) { return key === "body" || key === "title" || !empty(value); });
    }
  });
})();

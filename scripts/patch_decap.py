"""Our fixes to the vendored Decap CMS bundle, applied by `make vendor` after it copies it.

Decap is vendored as npm builds it (minified). Where a Decap bug gets in an editor's way and
nothing outside the bundle can reach the code, the fix is a replacement of one exact piece
of that code, listed here with its reason. Each piece must occur exactly once in the bundle:
a new Decap version that changed it stops `make vendor` with a message, and the fix is then
redone by hand (or dropped, if Decap fixed the bug). Applying twice changes nothing.

Usage: python scripts/patch_decap.py plugins/bantin/webeditor/decap/decap-cms.js
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Patch:
    name: str
    original: str
    fixed: str
    why: str


# Decap #6989 / #5055: an entry opened again after a reload finds the copy Decap kept of the
# unsaved form (the local backup) and asks whether to use it, as soon as the copy is read,
# while the entry itself is still loading. "Yes" filled the form from the copy, then the
# entry's own loading arrived and filled it again from the saved file: the typed work was
# gone. The question now waits until the form holds the loaded entry (the draft has its
# data), is asked once per opening, and names the copy's title (`%{title}` in the question):
# Decap keeps one copy for all the new entries of a collection, so "Viết tin bài mới" may
# find another article's copy (hostile review).
RESTORE_AFTER_LOAD = Patch(
    name="local backup restored after the entry has loaded",
    original=('componentDidUpdate(e){if(!e.localBackup&&this.props.localBackup&&'
              '(window.confirm(this.props.t("editor.editor.confirmLoadBackup"))'
              '?this.props.loadLocalBackup():this.deleteBackup()),'),
    fixed=('componentDidUpdate(e){if(this.props.localBackup&&!this.bantinBackupAsked&&'
           'this.props.entryDraft.getIn(["entry","data"])&&(this.bantinBackupAsked=!0,'
           'window.confirm(this.props.t("editor.editor.confirmLoadBackup",'
           '{title:String(this.props.localBackup.getIn(["entry","data","title"])||"")}))'
           '?this.props.loadLocalBackup():this.deleteBackup()),'),
    why="Decap #6989: restoring the local backup was undone by the entry's loading",
)

# Decap's entry search (the box over a list in /admin/) matches the question's letters in
# order anywhere in an entry's title and summary, case aside: «dat dai» found nothing of
# «Đất đai», and editors on phones type without tone marks. The question and each entry's
# searched text are folded first (marks dropped, đ → d), as the site's own search does
# (text/vi.py), and an entry must hold each word of the question: letters in order alone
# matched «tap huan» in «…Phiếu lý lịch tư pháp qua ứng dụng VNeID» (editor's trial).
# Decap's matcher still orders what is left; the entries shown are Decap's, unchanged.
FOLD = r'(s=>String(s).normalize("NFD").replace(/[\u0300-\u036f]/g,"").replace(/[\u0111\u0110]/g,"d").toLowerCase())'
SEARCH_FOLDED = Patch(
    name="entry search without tone marks, every word",
    original='return Wi.filter(t,a,{extract:If(Mi()(o))})',
    fixed=('return (F=>((q,x)=>Wi.filter(q,a.filter(e=>q.split(" ").every(w=>!w||x(e).includes(w))),{extract:x}))'
           f'(F(t).trim(),(f=>e=>F(f(e)))(If(Mi()(o)))))({FOLD})'),
    why="Decap's search matched «dat dai» against «Đất đai» letter by letter, and found nothing",
)

# A save refused for a field's own check (HTML in a title, an address without http://, a
# picture without its description) showed no notice: Decap announces only missing required
# fields, so "Công bố ngay" seemed to do nothing when the field was out of sight, and
# bantin-admin.js, which waits for that notice to bring the field forward, did not either.
# Any refused field now gives a notice: Decap's for a missing one, ours (bantin-admin.js,
# "ui.toast.bantinFieldsToFix") for the others. Publishing mode "simple" (site/webeditor.py).
REFUSED_SAID = Patch(
    name="a notice for every field that refuses a save",
    original=('if(!o.isEmpty()){return o.some(e=>e.some(e=>e.type&&e.type===Cu))&&'
              't(Mu({message:{key:"ui.toast.missingRequiredField"},type:"error",dismissAfter:8e3})),Promise.reject()}'),
    fixed=('if(!o.isEmpty()){return t(Mu({message:{key:o.some(e=>e.some(e=>e.type&&e.type===Cu))?'
           '"ui.toast.missingRequiredField":"ui.toast.bantinFieldsToFix"},type:"error",dismissAfter:8e3})),Promise.reject()}'),
    why="Decap said nothing when a save was refused for a field's pattern or a widget's own check",
)

# The toolbar loads "Xem bản hoàn chỉnh" (Decap's view-live link) when it mounts for an
# entry that is not new, and when a save of such an entry ends. A new entry's first save
# ends while the address is still …/new; Decap then moves to the entry's address in the
# same toolbar (same route element: no remount), which neither case covers: the link came
# only after a reload (editor's trial). It is now loaded too when the toolbar stops being
# a new entry's. No public hook reaches it: postSave runs before the move, without Decap's
# store.
VIEW_LIVE_AFTER_FIRST_SAVE = Patch(
    name="view-live link after a new entry's first save",
    original=('componentDidUpdate(e){const{isNewEntry:t,isPersisting:n,loadDeployPreview:r}=this.props;'
              't||!e.isPersisting||n||('),
    fixed=('componentDidUpdate(e){const{isNewEntry:t,isPersisting:n,loadDeployPreview:r}=this.props;'
           't||!(e.isNewEntry||e.isPersisting)||n||('),
    why="a new entry's first save showed no view-live link until a reload",
)

# A picture uploaded and not yet saved is kept in Decap's copy of the form, with the field
# it was chosen in. Restored after a reload (RESTORE_AFTER_LOAD), that field is a copy read
# back from the browser's storage, and Decap looks a field's folder up by identity
# (`fields.filter(f => f === field)`): not found, the picture went to the collection's
# folder taken relative to the entry, content/tin-tuc/content/images/, while the article
# named ../images/ (measured: a broken picture on the published page, a stray folder in
# git). A field equal in value is now found too (Immutable's `equals`).
RESTORED_MEDIA_FOLDER = Patch(
    name="a restored upload goes to its field's folder",
    original="function nh(e,t,n,r,i,o,a){const s=o.filter(e=>e===i)[0];",
    fixed="function nh(e,t,n,r,i,o,a){const s=o.filter(e=>e===i||!!i&&!!e.equals&&e.equals(i))[0];",
    why="a picture restored with Decap's copy of the form was saved under the entry's folder",
)

# The same copy keeps each picture's file and makes it a new address when read back, but
# kept the old address for the thumbnail (`displayURL`), which died with the page: after a
# restore the media library showed empty boxes (editor's trial). Both get the new address.
RESTORED_THUMBNAILS = Patch(
    name="a restored copy's pictures have thumbnails",
    original="a=a.map(e=>e.file?{...e,url:URL.createObjectURL(e.file)}:e);",
    fixed="a=a.map(e=>e.file?(u=>({...e,url:u,displayURL:u}))(URL.createObjectURL(e.file)):e);",
    why="the media library's thumbnails were empty after a copy of the form was restored",
)

# Decap writes its copy of the unsaved form (the local backup) 2 s after the last change
# (the Editor's `createBackup`, a lodash debounce), and writes a pending one at once only
# when the editor closes inside the page (componentWillUnmount). A page that went away
# sooner (a reload, a closed tab, a phone that hides the browser for another app and may
# then end the tab without a word to the page) lost the last words typed. The pending copy
# is now written when the page is hidden (`visibilitychange`: on a phone, the last moment
# surely given) and when it is left (`pagehide`). The listeners are added where Decap adds
# its `beforeunload` one, and removed where it removes it, when the editor closes. No public
# hook reaches the Editor's debounce.
BACKUP_ON_HIDE = Patch(
    name="local backup written when the page is hidden or left",
    original='window.addEventListener("beforeunload",this.exitBlocker);',
    fixed=('window.addEventListener("beforeunload",this.exitBlocker),this.bantinKeepBackup=e=>{'
           '("pagehide"===e.type||"hidden"===document.visibilityState)&&this.createBackup.flush()},'
           'window.addEventListener("pagehide",this.bantinKeepBackup),'
           'document.addEventListener("visibilitychange",this.bantinKeepBackup);'),
    why="the words typed in the last 2 s before a reload, or before a phone switched apps, were not kept",
)
BACKUP_ON_HIDE_ENDS = Patch(
    name="local backup listeners removed when the editor closes",
    original='window.removeEventListener("beforeunload",this.exitBlocker)}createBackup=',
    fixed=('window.removeEventListener("beforeunload",this.exitBlocker),'
           'window.removeEventListener("pagehide",this.bantinKeepBackup),'
           'document.removeEventListener("visibilitychange",this.bantinKeepBackup)}createBackup='),
    why="the listeners that write the pending local backup outlived the editor",
)

# A page being left (a reload) runs no more tasks after `pagehide`: the copy's write must
# reach IndexedDB within that task (measured in Chromium, tests/test_webeditor_browser.py).
# Two waits stopped it there. (1) Decap re-reads every media file that has a `blob:` address
# with fetch() before writing the copy: with `bantin edit` (decap-server) that is each
# picture of the folders the form lists, and on any backend a picture uploaded but not yet
# saved. Such a file already holds its data (`file`, which the address was made from): it
# is used as it is, and fetch() only when it is missing.
BACKUP_FILES_AT_HAND = Patch(
    name="local backup takes a media file's data at hand",
    original='if(e.url?.startsWith("blob:")){const t=await fetch(e.url).then(e=>e.blob());',
    fixed=('if(e.url?.startsWith("blob:")){const t=e.file instanceof Blob?e.file:'
           'await fetch(e.url).then(e=>e.blob());'),
    why="the copy written as the page was left waited for a fetch() that never ended",
)
# (2) localforage (Decap's IndexedDB store) puts the value and lets the transaction commit
# by itself once the put has answered, which it never does in a page being left: the write
# was dropped. Its transaction holds that one put, so it is committed at once (commit(),
# where the browser has it). oncomplete still says when the write is done.
BACKUP_COMMITTED = Patch(
    name="IndexedDB write committed at once",
    original='var l=s.put(t,e);a.oncomplete=',
    fixed='var l=s.put(t,e);a.commit&&a.commit(),a.oncomplete=',
    why="localforage's write, begun as the page was left, was dropped uncommitted",
)

# A file whose front matter Decap cannot parse (an unquoted colon in the title, a Tab, a
# missing closing `---`, typed on GitLab or in a text editor) was given no fields at all:
# the list showed an untitled "· Invalid Date", the entry opened as an empty form without a
# word, and "Công bố" replaced the file with that form, the article's whole text lost
# (editor's trial, session 34). The parse error, which Decap only logged, now goes to
# bantin-admin.js (`window.bantinUnreadable(entry, error)`), which returns the entry's fields:
# its file name and a mark that refuses every save, and says what is wrong where the form
# was. Without our script the entry is empty as before. No public hook reaches the parse:
# a custom format cannot call Decap's own front matter reader.
UNREADABLE_SAID = Patch(
    name="a file whose front matter cannot be read is handed to bantin-admin.js",
    original='return Li()(e)&&console.error(e),Object.assign(t,{data:Li()(e)?{}:e})',
    fixed=('return Li()(e)&&console.error(e),Object.assign(t,{data:Li()(e)?'
           '(window.bantinUnreadable?window.bantinUnreadable(t,e):{}):e})'),
    why="an entry whose front matter failed to parse opened as an empty form, and saving it erased the file",
)

# HTML pasted into the rich text editor (from Word, Excel, a web page) is made Slate nodes by
# Decap's converter, element by element: a <table> it does not know, so each cell's
# paragraph came out as a paragraph of its own, the table lost without a word; Word's
# bulleted paragraphs kept their typed marker ("-" and non-breaking spaces, saved as `\-`),
# and the space between Word's paragraphs became a paragraph, saved as a lone `\` (editor's
# trial, session 34). Each node now goes first to bantin-paste.js
# (`window.bantinPasted(node)`), which gives a table as the "Bảng" block (a Markdown table)
# and Word's list paragraphs as a list; for any other node it answers undefined and Decap
# converts it as before. No public hook reaches the paste: Decap's `insertData` is its own.
PASTE_NODES = Patch(
    name="pasted HTML handed to bantin-paste.js node by node",
    original='function N4(e){if(3===e.nodeType)return e.textContent.replace(/(\\r)?\\n/g,"");',
    fixed=('function N4(e){const b=window.bantinPasted?window.bantinPasted(e):void 0;if(void 0!==b)return b;'
           'if(3===e.nodeType)return e.textContent.replace(/(\\r)?\\n/g,"");'),
    why="a pasted table came out as one paragraph per cell, Word's bullets as `\\-` lines",
)

# A paste Decap's converter cannot read (it throws: a shape bantin-paste.js does not yet put
# right, session 40's F7 was `<span>` around a link) was dropped whole, every paragraph of it,
# with no word but a line in the browser's console. It now goes in as its plain text (the
# clipboard's text/plain, paragraph by paragraph: Slate's own insertData), and
# bantin-paste.js says so in Vietnamese (`window.bantinPasteFailed`): words, never nothing.
PASTE_NEVER_LOST = Patch(
    name="a paste the converter cannot read goes in as plain text, and is said",
    original=('e.insertData=n=>{const r=n.getData("text/html");if(r){const t=p4.sanitize(r),'
              'n=N4((new DOMParser).parseFromString(t,"text/html").body);return void ZK.insertFragment(e,n)}t(n)}'),
    fixed=('e.insertData=n=>{const r=n.getData("text/html");if(r){const s=p4.sanitize(r);let f;'
           'try{f=N4((new DOMParser).parseFromString(s,"text/html").body)}catch(x){'
           'window.bantinPasteFailed&&window.bantinPasteFailed(x);return void t(n)}'
           'return void ZK.insertFragment(e,f)}t(n)}'),
    why="a paste whose HTML Decap's converter could not read was dropped whole, without a word",
)

# Decap writes a list item's further lines (a list inside it) indented by its marker's width
# ("* " 2 spaces, "1. " 3) and a blank line between the item's words and that list: Python-
# Markdown, which builds the site, reads a nested list only 4 spaces in, and after the blank
# line took the next item into the nested list (measured: `* a\n\n  * b\n* c` shows three
# items at one level, `* a\n\n    * b\n* c` puts c under a). A nested list written by hand,
# opened and saved in the web editor, came out flat; so did one pasted from Word. Further
# lines are now indented 4 spaces (the item's first line is as before, so every other list
# is saved byte for byte) and a list right after the item's words follows without a blank line.
LIST_INDENT = Patch(
    name="a nested list indented 4 spaces, as Python-Markdown reads it",
    original=('return f=C.join(w?d:o),"boolean"==typeof _&&(f=s+(_?u:a)+l+a+f),"1"===y||"mixed"===y&&'
              '-1===f.indexOf(o)?(g=b.length+1,m=a):(g=c((b.length+1)/p)*p,m=r(a,g-b.length)),'
              'f?b+m+i(f,g/p).slice(g):b}'),
    fixed=('return f=C.join(w&&!k.slice(1).every(e=>"list"===e.type)?d:o),"boolean"==typeof _&&(f=s+(_?u:a)+l+a+f),'
           '"1"===y||"mixed"===y&&-1===f.indexOf(o)?(g=b.length+1,m=a):(g=c((b.length+1)/p)*p,m=r(a,g-b.length)),'
           'f?b+m+i(f,c(g/p)).slice(c(g/p)*p):b}'),
    why="a nested list was saved indented 2 spaces, which the site shows as one flat list",
)

# The rest of an article must render as before when one word of it changes (session 36,
# tests/data/rich-text-constructs.txt: 50 constructs, one save each way). Decap's writer
# (remark-stringify, `commonmark: true`) wrote a hard line break (two spaces at the end of a
# line, as the guide's Markdown has it) as `\` at the end of the line, which Python-Markdown
# does not read: the page showed a stray `\` and no break. It now writes two spaces, as
# remark-stringify does when not in CommonMark mode; a `\` break typed by hand (which the site
# showed as `\`) is saved as the break Decap's editor showed.
HARD_BREAK = Patch(
    name="a hard line break written as two spaces, as Python-Markdown reads it",
    original='e.exports=function(){return this.options.commonmark?t:n};var t="\\\\\\n",n="  \\n"',
    fixed='e.exports=function(){return n};var t="\\\\\\n",n="  \\n"',
    why="a line break was saved as `\\` at the line's end, shown by the site as `\\` and no break",
)

# Decap's reader (remark-parse, `commonmark: true`) takes `1)` `2)` at a line's start for an
# ordered list, and writes it back as `1.` `2.`; Python-Markdown reads `1)` as words (measured:
# one paragraph «1) Khoản một; 2) Khoản hai.»). Any save made those lines a numbered list on the
# site. `)` is no longer an ordered list's marker to the reader (both places of the list
# tokenizer: a list's start, an item's); `1.` is read as before.
PAREN_NOT_LIST_START = Patch(
    name="`1)` does not start a list (start)",
    original='!(s===h||z&&s===v))return;',
    fixed='!(s===h))return;',
    why="`1) … 2) …` written as words was saved as a numbered list `1. 2.`",
)
PAREN_NOT_LIST_ITEM = Patch(
    name="`1)` does not start a list (item)",
    original='i&&(s===h||z&&s===v)&&(x=s',
    fixed='i&&s===h&&(x=s',
    why="`1) … 2) …` written as words was saved as a numbered list `1. 2.`",
)

# A loose list (a blank line between items: Python-Markdown puts each item's words in a <p>,
# spaced apart) came back tight, its items run together, because Decap's editor tree keeps a
# list's `start` and not whether it is loose (`spread`); and a list item of several
# paragraphs was written without the blank line before the next item, so Python-Markdown
# took the next item into the paragraph (measured: «Đoạn thứ hai của mục một. * Mục hai.»).
# The list keeps `spread` through the editor (read into its data, written back, both of
# Decap's converters), and a list with an item of several blocks (a nested list aside) is
# written loose, as the site then needs it.
SPREAD_READ = Patch(
    name="a loose list stays loose in the editor (read, first converter)",
    original='case"list":return r(t.ordered?"numbered-list":"bulleted-list",n,{data:{start:t.start}});',
    fixed='case"list":return r(t.ordered?"numbered-list":"bulleted-list",n,{data:{start:t.start,spread:!!t.spread}});',
    why="a list with blank lines between items was saved without them, its items run together",
)
SPREAD_READ_2 = Patch(
    name="a loose list stays loose in the editor (read, second converter)",
    original='case"list":return r(t.ordered?"ol":"ul",n,{data:{start:t.start}});',
    fixed='case"list":return r(t.ordered?"ol":"ul",n,{data:{start:t.start,spread:!!t.spread}});',
    why="a list with blank lines between items was saved without them, its items run together",
)
SPREAD_WRITTEN = Patch(
    name="a loose list stays loose in the editor (written, first converter)",
    original='case"bulleted-list":{const t={ordered:"numbered-list"===e.type,start:Ui()(e.data,"start")||1};',
    fixed=('case"bulleted-list":{const t={ordered:"numbered-list"===e.type,start:Ui()(e.data,"start")||1,'
           'spread:!!Ui()(e.data,"spread")};'),
    why="a list with blank lines between items was saved without them, its items run together",
)
SPREAD_WRITTEN_2 = Patch(
    name="a loose list stays loose in the editor (written, second converter)",
    original='case"ul":{const t={ordered:"ol"===e.type,start:(0,Cce.get)(e.data,"start")||1};',
    fixed='case"ul":{const t={ordered:"ol"===e.type,start:(0,Cce.get)(e.data,"start")||1,spread:!!(0,Cce.get)(e.data,"spread")};',
    why="a list with blank lines between items was saved without them, its items run together",
)
# An item holding more than its words and nested lists (a second paragraph, a quote, code).
SEVERAL = 'c.some(e=>(e.children||[]).slice(1).some(e=>"list"!==e.type))'
ITEMS_APART_ORDERED = Patch(
    name="a numbered list with an item of several paragraphs written loose",
    original='return l.join(e.spread?r:t)};var t="\\n",n=".",r=t+t}',
    fixed='return l.join(e.spread||' + SEVERAL + '?r:t)};var t="\\n",n=".",r=t+t}',
    why="the item after one of several paragraphs was saved as part of that paragraph",
)
ITEMS_APART = Patch(
    name="a bulleted list with an item of several paragraphs written loose",
    original='for(var r=this,i=r.options.bullet,o=r.visitors.listItem,a=e.children,s=a.length,l=-1,u=[];++l<s;)u[l]=o.call(r,a[l],e,l,i);return u.join(e.spread?n:t)}',
    fixed=('for(var r=this,i=r.options.bullet,o=r.visitors.listItem,a=e.children,s=a.length,l=-1,u=[];++l<s;)u[l]=o.call(r,a[l],e,l,i);return u.join(e.spread||'
           + SEVERAL.replace("c.some", "a.some") + '?n:t)}'),
    why="the item after one of several paragraphs was saved as part of that paragraph",
)

# An editor's note `[//]: # (Chờ duyệt)` (guide §5.3) written on the line right under a
# paragraph's last line is a link definition to Python-Markdown, which takes it out of the
# paragraph and shows nothing. Decap's reader (remark-parse, `commonmark: true`) lets no
# definition end a paragraph: the note was the paragraph's words, saved as `\[//]: # (…)` or
# as a link to another `[//]` note, and the page then showed it. Such a line now ends the
# paragraph (only a definition's start: the pattern is DEFINITION's start in bantin-paste.js, its
# address on the same line or alone on the next, session 38), so the "Markdown giữ nguyên" block
# takes it, as at a block's start. The check answers only when asked whether a line ends a
# paragraph (`n`, silent): as a block method it comes after the paragraph, is never reached,
# and would eat nothing.
DEFINITION_START = r"""/^[ ]{0,3}\[[^\[\]\n]*\]:[ \t]*(?:\n[ \t]*)?\S+(?:[ \t]+["'(][^\n]*)?[ \t]*(?:\n|$)/"""
DEFINITION_ENDS_PARAGRAPH = Patch(
    name="a note line under a paragraph's line ends the paragraph",
    original='["definition",{commonmark:!1}],["footnote",{commonmark:!1}]],c.interruptList=',
    fixed='["definition",{commonmark:!1}],["footnote",{commonmark:!1}],["bantinDefinition"]],c.interruptList=',
    why="a `[//]: # (…)` note glued under a paragraph was saved as words the page showed",
)
DEFINITION_START_READ = Patch(
    name="a note line under a paragraph's line ends the paragraph (its check)",
    original='table:n(57539),paragraph:n(91585)}',
    fixed=('table:n(57539),paragraph:n(91585),bantinDefinition:function(e,t,n){return!!n&&'
           + DEFINITION_START + '.test(t)}}'),
    why="a `[//]: # (…)` note glued under a paragraph was saved as words the page showed",
)

# The "Markdown giữ nguyên" block now holds link definitions as written (bantin-paste.js), so
# Decap's reader no longer sees them: a reference link `[Luật][luat]` elsewhere was left
# unresolved and saved as the words `\[Luật]\[luat]`, a broken link on the page. Decap's
# lookup of a reference (mdast-util-definitions, in both converters) now falls back to the
# definitions the block read (its data's `definitions`, label folded as Decap folds it), so the
# link is saved inline, as before the block held the definitions.
KEPT_LOOKUP = ('(g=>{const m={};(function w(x){const d=x.data&&x.data.shortcodeData;'
               'd&&"shortcode"===x.type&&Array.isArray(d.definitions)&&d.definitions.forEach(f=>{m[f.id]||(m[f.id]=f)});'
               '(x.children||[]).forEach(w)})(t);'
               'return i=>g(i)||m[String(i).replace(/\\s+/g," ").trim().toLowerCase()]||null})')
DEFINITIONS_KEPT_RESOLVE = Patch(
    name="a reference link resolved by a definition the kept block holds (first converter)",
    original='function S5(){return function(t){const n=E5()(t);return e.call(null,n,t)}',
    fixed='function S5(){return function(t){const n=' + KEPT_LOOKUP + '(E5()(t));return e.call(null,n,t)}',
    why="a reference link whose definition the kept block holds was saved as bracketed words",
)
DEFINITIONS_KEPT_RESOLVE_2 = Patch(
    name="a reference link resolved by a definition the kept block holds (second converter)",
    original='function Uce(){return function(t){const n=zce(t);return e.call(null,n,t)}',
    fixed='function Uce(){return function(t){const n=' + KEPT_LOOKUP + '(zce(t));return e.call(null,n,t)}',
    why="a reference link whose definition the kept block holds was saved as bracketed words",
)

# A list nested with a Tab (`- Một:` then `⇥- một a.`, as text editors and Word's "plain text"
# indent) is a nested list to Python-Markdown, which expands every Tab of the text to the next
# multiple of 4 columns (`str.expandtabs(4)`, NormalizeWhitespace) before it reads a line.
# Decap's reader (remark-parse) counts a Tab as 4 columns to decide that the line belongs to the
# item, then cuts the item's 2 columns of indentation off by Tab stops it does not find in a
# Tab: the line kept its Tab, was no list there, and became words of the item above, saved so
# («Một: - một a.», flat on the site). Every Tab is now expanded before Decap reads the text
# (both converters), as Python-Markdown expands them: at first (session 38) only the Tabs
# indenting a line were, and a Tab after `>` (`>⇥- một a.`, `>⇥mã`: a nested list, code in a
# quote to the site) or after `[//]:` (an editor's note, then saved as a link whose title
# showed the note) still reached Decap (hostile review). The file is saved with those spaces,
# which the site shows the same. Columns are counted as Python counts them, one per code
# point (a surrogate pair is one), back to 0 after `\n` and `\r`. One pass over the text,
# the spaces made per Tab (800,000 Tabs in a row: a few ms); a text without a Tab is returned
# as it is.
EXPAND_TABS = ('(s=>{s=String(s);if(s.indexOf("\\t")<0)return s;const o=[];let c=0,f=0;'
               'for(let i=0;i<s.length;i++){const k=s.charCodeAt(i);'
               'if(9===k){const n=4-c%4;o.push(s.slice(f,i)," ".repeat(n));c+=n;f=i+1}'
               'else if(10===k||13===k)c=0;else if(k<56320||k>57343)c++}'
               'o.push(s.slice(f));return o.join("")})')
TABS_EXPANDED = Patch(
    name="every Tab expanded before Decap reads the text (first converter)",
    original='r=n.parse(e);return n.runSync(r)}function J5(',
    fixed='r=n.parse(' + EXPAND_TABS + '(e));return n.runSync(r)}function J5(',
    why="a list nested with a Tab was saved as words of the item above, flat on the site",
)
TABS_EXPANDED_2 = Patch(
    name="every Tab expanded before Decap reads the text (second converter)",
    original='i=r.parse(e);return r.runSync(i)}function ude(',
    fixed='i=r.parse(' + EXPAND_TABS + '(e));return r.runSync(i)}function ude(',
    why="a list nested with a Tab was saved as words of the item above, flat on the site",
)

# An indented code block (4 spaces in: the guide's code) in a list item or a quote was written
# back as a ``` fence (Decap's writer has `fences: true`). At the top level the site reads a
# fence as code (fenced_code is one of MkDocs' builtins), but Python-Markdown's fenced_code
# reads a fence only at a line's start, never inside a list item or a quote: there the block
# became inline code in a paragraph, its lines run together and its `<pre>` lost (session 38's
# review, F5; `list-code`, `quote-code` in tests/data/rich-text-constructs.txt). Code whose
# parent is a list item or a quote is now written indented, 4 spaces into its container (the
# list item adds its own 4, LIST_INDENT; the quote its `> `), as Python-Markdown reads code
# there; a language after the fence cannot be written so and is dropped (the site showed
# none there). Code at the top level and empty code are written as before. Decap's own
# check for the indent (`pedantic` only) is kept as it was.
CODE_IN_CONTAINER = '(t&&("listItem"===t.type||"blockquote"===t.type)&&/\\S/.test(u||""))'
CODE_INDENTED_IN_CONTAINERS = Patch(
    name="code in a list item or a quote written indented, as Python-Markdown reads it",
    original='return p&&e.meta&&(p+=s+e.meta),(p=l.encode(l.escape(p,e)))||c.fences||!u?',
    fixed=('return p&&e.meta&&(p+=s+e.meta),!' + CODE_IN_CONTAINER
           + '&&((p=l.encode(l.escape(p,e)))||c.fences||!u)?'),
    why="code in a list item or a quote was saved as a ``` fence, which the site shows as inline code there",
)

# The same code read back: Decap's reader (remark-parse) takes a list item's further lines out
# of the item by its marker's width, `- ` 2 columns (a number `1.`…`9.` is given 4), and
# Python-Markdown by 4 whatever the marker. Code 8 spaces into a `- ` item (4 for the item, 4
# for code, as the site reads it) was read holding 2 spaces too many on each line, and written
# back 10 in: the page's code gained them (measured when CODE_INDENTED_IN_CONTAINERS was first
# tried, session 38). An item's lines are now taken out by at least 4 columns, as Python-
# Markdown does; the reader still takes out no more than the least indented of them, so a
# line 2 in stays in the item as before, and `1.` items read as they did.
LIST_ITEM_DEDENT = Patch(
    name="a list item's lines read 4 columns in, as Python-Markdown reads them",
    original='Number(n)<10&&o.length%2==1&&(n=f+n),(r=t+i(f,n.length)+a)+l',
    fixed='Number(n)<10&&o.length%2==1&&(n=f+n),((r=t+i(f,n.length)+a).length<t.length+4&&(r=t+i(f,4)),r)+l',
    why="code 8 spaces into a `- ` list item was read with 2 spaces more and saved 10 in",
)

# The "Bảng" block's preview (bantin-paste.js) showed a reference link in a cell (`[Luật][luat]`,
# its `[luat]: https://…` elsewhere in the entry) as its words: the site resolves it, but a
# block's preview is given only the block's own data. Decap's preview (both converters: it
# turns each block of the entry's tree into HTML by the block's `toPreview(data, getAsset,
# fields)`) now passes the entry's tree as a fourth argument, so the table's preview reads the
# definitions of the whole entry as the site does. Other blocks ignore it.
PREVIEW_GETS_TREE = Patch(
    name="a block's preview is given the entry's tree (first converter)",
    original=('function d5({plugins:e,getAsset:t,resolveWidget:n,toHtml:r}){return function(i){return function i(o){'
              'return o?u5()(o,["data","shortcode"])?function(i){if(!u5()(i,["data","shortcode"]))return i;'
              'const{shortcode:o,shortcodeData:a}=i.data,l=e.get(o);if(!l)return i;'
              'const u=function(e,i){const{toPreview:o,fields:a}=e;if(o)return o(i,t,a);'),
    fixed=('function d5({plugins:e,getAsset:t,resolveWidget:n,toHtml:r}){let R;return function(i){return R=i,function i(o){'
           'return o?u5()(o,["data","shortcode"])?function(i){if(!u5()(i,["data","shortcode"]))return i;'
           'const{shortcode:o,shortcodeData:a}=i.data,l=e.get(o);if(!l)return i;'
           'const u=function(e,i){const{toPreview:o,fields:a}=e;if(o)return o(i,t,a,R);'),
    why="a reference link in a table showed as words in the preview: the block's preview did not see the entry's definitions",
)
PREVIEW_GETS_TREE_2 = Patch(
    name="a block's preview is given the entry's tree (second converter)",
    original=('function Ece({plugins:e,getAsset:t,resolveWidget:n,toHtml:r}){return function(e){return i(e)};function i(o){'
              'let a=o;if((0,Cce.has)(o,["data","shortcode"])){const{shortcode:i,shortcodeData:l}=o.data,'
              'u=function(e,i){const{toPreview:o,fields:a}=e;if(o)return o(i,t,a);'),
    fixed=('function Ece({plugins:e,getAsset:t,resolveWidget:n,toHtml:r}){let R;return function(e){return R=e,i(e)};function i(o){'
           'let a=o;if((0,Cce.has)(o,["data","shortcode"])){const{shortcode:i,shortcodeData:l}=o.data,'
           'u=function(e,i){const{toPreview:o,fields:a}=e;if(o)return o(i,t,a,R);'),
    why="a reference link in a table showed as words in the preview: the block's preview did not see the entry's definitions",
)

# Decap writes a file's whole front matter anew at every save (keys in the form's order, `[a, b]`
# as a block list, long text folded, comments and the blank line after `---` dropped): adding
# one question to a handbook showed the reviewer of the commit every line of its front matter
# changed (editor's trial F6, session 45). The text Decap has written now goes through
# bantin-frontmatter.js with the file as it was loaded, which gives back the file's own lines
# for each key whose value did not change, and Decap's text whenever it cannot be sure.
FRONT_MATTER_KEPT = Patch(
    name="a save keeps the front matter's lines whose values did not change",
    original='let o=n.toFile(t.get("data").toJS(),r,i);return"\\n"!=o.slice(-1)&&(o+="\\n"),o}',
    fixed=('let o=n.toFile(t.get("data").toJS(),r,i);window.bantinKeptFrontMatter&&'
           '(o=window.bantinKeptFrontMatter(t.get("raw"),o,n,r,i));return"\\n"!=o.slice(-1)&&(o+="\\n"),o}'),
    why="a save rewrote every line of the front matter, so a commit's diff hid what was changed",
)

# The guide (§4) and every sample file write a bulleted list with `- `; Decap's writer used `* `,
# so a list anywhere in an article saved from the web editor changed marker in the commit,
# and a reviewer saw lines changed that nobody touched (editor's trial F6). Both converters.
BULLET_DASH = Patch(
    name="a bulleted list written with `- ` (first converter)",
    original='("paragraph",[G2()("text","")])]),r=$2()().use({settings:{commonmark:!0,fences:!0,listItemIndent:"1",bullet:"*"',
    fixed='("paragraph",[G2()("text","")])]),r=$2()().use({settings:{commonmark:!0,fences:!0,listItemIndent:"1",bullet:"-"',
    why="a list's `- ` lines were saved as `* `",
)
BULLET_DASH_2 = Patch(
    name="a bulleted list written with `- ` (second converter)",
    original='("p",[G2()("text","")])]),i=$2()().use({settings:{commonmark:!0,fences:!0,listItemIndent:"1",bullet:"*"',
    fixed='("p",[G2()("text","")])]),i=$2()().use({settings:{commonmark:!0,fences:!0,listItemIndent:"1",bullet:"-"',
    why="a list's `- ` lines were saved as `* `",
)

PATCHES = (RESTORE_AFTER_LOAD, SEARCH_FOLDED, REFUSED_SAID, VIEW_LIVE_AFTER_FIRST_SAVE, RESTORED_MEDIA_FOLDER,
           RESTORED_THUMBNAILS, BACKUP_ON_HIDE, BACKUP_ON_HIDE_ENDS, BACKUP_FILES_AT_HAND, BACKUP_COMMITTED,
           UNREADABLE_SAID, PASTE_NODES, PASTE_NEVER_LOST, LIST_INDENT, HARD_BREAK, PAREN_NOT_LIST_START, PAREN_NOT_LIST_ITEM,
           SPREAD_READ, SPREAD_READ_2, SPREAD_WRITTEN, SPREAD_WRITTEN_2, ITEMS_APART_ORDERED, ITEMS_APART,
           DEFINITION_ENDS_PARAGRAPH, DEFINITION_START_READ, DEFINITIONS_KEPT_RESOLVE,
           DEFINITIONS_KEPT_RESOLVE_2, TABS_EXPANDED, TABS_EXPANDED_2, CODE_INDENTED_IN_CONTAINERS,
           LIST_ITEM_DEDENT, PREVIEW_GETS_TREE, PREVIEW_GETS_TREE_2, FRONT_MATTER_KEPT, BULLET_DASH, BULLET_DASH_2)


class PatchError(Exception):
    """The bundle is not the one these patches were written for."""


def patched(text: str, patches=PATCHES) -> str:
    """`text` with every patch applied; unchanged where a patch is already in."""
    for patch in patches:
        before, after = text.count(patch.original), text.count(patch.fixed)
        if before == 0 and after == 1:
            continue
        if before != 1 or after != 0:
            raise PatchError(
                f"Decap's code for «{patch.name}» occurs {before} times (1 expected) and our fix "
                f"{after} times: this Decap version differs. Redo the fix in scripts/patch_decap.py "
                f"({patch.why}), or drop it if Decap has fixed the bug.")
        text = text.replace(patch.original, patch.fixed)
    return text


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    path = Path(argv[0])
    try:
        path.write_text(patched(path.read_text(encoding="utf-8")), encoding="utf-8")
    except PatchError as error:
        print(f"{path}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

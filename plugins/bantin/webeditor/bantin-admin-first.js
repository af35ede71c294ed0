/* Loaded before Decap: Decap starts itself as its file runs and reads its words once
 * config.yml has come, which can be before bantin-admin.js has run when that file is slower
 * to arrive (the preview server under load; a slow phone): the editor then came up with
 * Decap's own words and questions, without ours ("Bộ sưu tập", an English-minded "tải lên"
 * question that does not name the copy). So Decap waits, and bantin-admin.js starts it once
 * everything is registered. Should that file fail, Decap starts anyway when the page has
 * loaded, as it did before, only without our additions. No inline script: the page's policy
 * refuses them. */
window.CMS_MANUAL_INIT = true;
window.addEventListener("load", function () {
  if (!window.__bantinAdminStarted && window.CMS && window.CMS.init) { window.CMS.init(); }
});

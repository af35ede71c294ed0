// A built site over HTTP/2 (TLS, gzip), as free static hosts serve it: searcheval.py's
// --protocol h2. Python's http.server answers in HTTP/1.0, a connection per request, and
// Chromium opens at most six connections to a host and queues the rest; over HTTP/2 every request of a query goes out at
// once on one connection. Node's own http2 module: nothing to install.
//
//   node scripts/h2serve.mjs SITE_DIR KEY.pem CERT.pem   -> prints "PORT <n>", serves until killed
//
// Confined to SITE_DIR: a path is decoded, normalised and resolved (symlinks too) before it is
// read, and anything outside answers 404. Folders serve their index.html; text is gzipped
// (level 6, as scripts/lighthouse.py's server) when the browser accepts it.
import fs from "node:fs";
import http2 from "node:http2";
import path from "node:path";
import zlib from "node:zlib";

const [root, keyFile, certFile] = process.argv.slice(2);
const base = fs.realpathSync(root);
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json", ".xml": "application/xml",
  ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp", ".ico": "image/x-icon",
  ".woff2": "font/woff2", ".woff": "font/woff", ".pdf": "application/pdf",
};
const TEXT = /^(text\/|application\/(json|xml)|image\/svg)/;

/** The file a request path names inside the site, or null. */
function resolve(requestPath) {
  let rel;
  try {
    rel = decodeURIComponent(requestPath.split(/[?#]/)[0]);
  } catch {
    return null;
  }
  if (rel.includes("\0")) return null;
  let file = path.join(base, path.normalize("/" + rel));
  try {
    if (fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
    file = fs.realpathSync(file);
  } catch {
    return null;
  }
  return file.startsWith(base + path.sep) && fs.statSync(file).isFile() ? file : null;
}

function answer(stream, headers) {
  let file = resolve(headers[":path"] || "/"), status = 200;
  if (!file) {
    status = 404;
    file = resolve("/404.html");
  }
  let body = file ? fs.readFileSync(file) : Buffer.from("404");
  const type = (file && TYPES[path.extname(file).toLowerCase()]) || "application/octet-stream";
  const out = { ":status": status, "content-type": type, "x-content-type-options": "nosniff" };
  // GitHub Pages' own header: a reader's next page reuses the files for ten minutes. A cold
  // visit (a new browser context) is not affected.
  if (status === 200) out["cache-control"] = "max-age=600";
  if (TEXT.test(type) && /\bgzip\b/.test(headers["accept-encoding"] || "")) {
    body = zlib.gzipSync(body, { level: 6 });
    out["content-encoding"] = "gzip";
    out["vary"] = "Accept-Encoding";
  }
  out["content-length"] = body.length;
  stream.respond(out);
  stream.end(headers[":method"] === "HEAD" ? undefined : body);
}

const server = http2.createSecureServer({ key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile) });
server.on("stream", (stream, headers) => {
  try {
    answer(stream, headers);
  } catch (err) {
    if (!stream.headersSent) stream.respond({ ":status": 500 });
    stream.end();
  }
});
server.on("sessionError", () => {});
server.listen(0, "127.0.0.1", () => console.log("PORT " + server.address().port));

// A static host for the benchmarks, as a real one serves a site (GitHub Pages, any CDN): HTTPS
// with HTTP/2 (HTTP/1.1 for clients that ask), gzip for text, a 404 page and a short cache time.
// Usage: node bench/h2server.mjs SITE_DIR CERT.pem KEY.pem  -> prints {"port": N} when listening.
// Started and stopped by bench/common.py (serve_h2); binds 127.0.0.1 only.

import fs from "node:fs";
import http2 from "node:http2";
import path from "node:path";
import zlib from "node:zlib";

const root = path.resolve(process.argv[2]);
const [certFile, keyFile] = process.argv.slice(3);
const TYPES = {
  ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8", ".json": "application/json", ".svg": "image/svg+xml",
  ".xml": "application/xml", ".txt": "text/plain; charset=utf-8", ".csv": "text/csv; charset=utf-8",
  ".png": "image/png", ".ico": "image/x-icon", ".wasm": "application/wasm", ".gz": "application/gzip",
  ".webmanifest": "application/manifest+json",
};
const COMPRESSIBLE = new Set([".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".csv", ".webmanifest"]);
const gzipped = new Map();

function send(res, status, file, acceptsGzip) {
  const ext = path.extname(file);
  let body = fs.readFileSync(file);
  const headers = { "content-type": TYPES[ext] || "application/octet-stream", "cache-control": "max-age=600",
    vary: "Accept-Encoding" };
  if (COMPRESSIBLE.has(ext) && acceptsGzip) {
    if (!gzipped.has(file)) gzipped.set(file, zlib.gzipSync(body, { level: 6 }));
    body = gzipped.get(file);
    headers["content-encoding"] = "gzip";
  }
  headers["content-length"] = body.length;
  res.writeHead(status, headers);
  res.end(body);
}

function handler(req, res) {
  const urlPath = decodeURIComponent(new URL(req.url, "https://host").pathname);
  let file = path.join(root, path.normalize(urlPath));
  if (!file.startsWith(root)) file = path.join(root, "404.html");
  const acceptsGzip = /\bgzip\b/.test(req.headers["accept-encoding"] || "");
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) {
    if (!urlPath.endsWith("/")) {
      res.writeHead(301, { location: urlPath + "/", "content-length": 0 });
      res.end();
      return;
    }
    file = path.join(file, "index.html");
  }
  if (fs.existsSync(file) && fs.statSync(file).isFile()) send(res, 200, file, acceptsGzip);
  else if (fs.existsSync(path.join(root, "404.html"))) send(res, 404, path.join(root, "404.html"), acceptsGzip);
  else { res.writeHead(404, { "content-length": 0 }); res.end(); }
}

const server = http2.createSecureServer(
  { cert: fs.readFileSync(certFile), key: fs.readFileSync(keyFile), allowHTTP1: true }, handler);
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ port: server.address().port })));
process.on("SIGTERM", () => server.close(() => process.exit(0)));

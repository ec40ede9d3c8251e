// A small static file server for build/site on 127.0.0.1 (no dependencies), with the MIME
// types the app needs (application/wasm for streaming compilation).
//   node scripts/serve.mjs [dir] [--port N]      prints the URL; --port 0 picks a free port
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8',
  '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8', '.md': 'text/markdown; charset=utf-8', '.csv': 'text/csv; charset=utf-8',
};

export function startServer(root, port = 0, host = '127.0.0.1') {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) { res.writeHead(403).end('forbidden'); return; }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': MIME[extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok({ server, url: `http://${host}:${server.address().port}/` }));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const portFlag = args.indexOf('--port');
  let port = portFlag >= 0 ? Number(args[portFlag + 1]) : 8080;
  const dir = args.find((a, i) => !a.startsWith('--') && i !== portFlag + 1) || 'build/site';
  for (;;) {
    try {
      const { url } = await startServer(dir, port);
      console.log(`MLOps Workbench is served at ${url}  (Ctrl+C to stop)`);
      break;
    } catch (e) {
      if (e.code !== 'EADDRINUSE' || port === 0 || port > 8100) throw e;
      port += 1;  // 8080 busy: take the next one
    }
  }
}

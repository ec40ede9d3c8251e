// Bytes the page downloads on first load: raw, gzip (level 9) and brotli (quality 11), per file
// and in total, against the budget. `--check` exits non-zero when the gzip total is over.
//   node bench/site_size.mjs [--check] [build/site]
// bench/budget.mjs measures the same way, over the requests the page really makes.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

export const FIRST_LOAD_BUDGET_GZIP = 700_000;  // bytes, issue #8: every instrument in one download (issue #2 allowed 600 kB for the shell with one)

// What index.html loads before the first frame; bench/budget.mjs checks this list against the
// requests Chromium actually makes.
export const FIRST_LOAD_FILES = ['index.html', 'mlwb.js', 'mlwb.wasm'];  // web/loader.js is inlined in index.html

export function measure(dir, names = FIRST_LOAD_FILES) {
  return names.map((name) => {
    const path = join(dir, name);
    if (!existsSync(path)) throw new Error(`${path} is missing: build the site first`);
    const bytes = readFileSync(path);
    return {
      name,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
}

export function total(rows) {
  return rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }),
                     { raw: 0, gzip: 0, brotli: 0 });
}

export function printTable(rows) {
  const kb = (n) => (n / 1000).toFixed(1).padStart(8);
  console.log('file            raw kB  gzip kB  brotli kB');
  for (const r of rows) console.log(`${r.name.padEnd(12)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);
  const t = total(rows);
  console.log(`${'total'.padEnd(12)} ${kb(t.raw)} ${kb(t.gzip)} ${kb(t.brotli)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const site = args.find((a) => !a.startsWith('--')) || 'build/site';
  const rows = measure(site);
  printTable(rows);
  const { gzip } = total(rows);
  const ok = gzip <= FIRST_LOAD_BUDGET_GZIP;
  console.log(`first-load gzip ${(gzip / 1000).toFixed(1)} kB vs budget ${FIRST_LOAD_BUDGET_GZIP / 1000} kB: ` +
              `${(100 * gzip / FIRST_LOAD_BUDGET_GZIP).toFixed(0)} % of budget  ${ok ? 'PASS' : 'FAIL'}`);
  if (check && !ok) process.exit(1);
}

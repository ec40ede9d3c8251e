// The single-file build: build/site/index.html with the app's script and wasm inlined, as one
// HTML file that runs from a USB stick, an intranet share or file:// with no server.
//   node scripts/single-file.mjs [site dir] [output]   (default build/site -> build/site/mlwb-single.html)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const site = process.argv[2] || 'build/site';
const output = process.argv[3] || join(site, 'mlwb-single.html');
let page = readFileSync(join(site, 'index.html'), 'utf8');
const js = readFileSync(join(site, 'mlwb.js'), 'utf8');
const wasm = readFileSync(join(site, 'mlwb.wasm')).toString('base64');

// The preloads point at files a single file does not have.
page = page.replace(/<link rel="preload"[^>]*>\n?/g, '');
// Mark the build and carry the wasm as base64 (web/loader.js decodes it instead of fetching).
const marker = 'window.MLWB_BUILD = {';
if (!page.includes(marker)) throw new Error('index.html has no MLWB_BUILD: is it from shell.html?');
page = page.replace(marker, 'window.MLWB_BUILD = { singleFile: true,');
// The script goes before the loader (which finds createMlwbModule defined); '</script' inside
// it would end the element early, so it is escaped the way JavaScript allows.
const inline = `<script>window.MLWB_WASM_BASE64 = "${wasm}";</script>\n<script>\n${js.replace(/<\/script/gi, '<\\/script')}\n</script>\n`;
const loaderAt = page.indexOf('<!-- web/loader.js');
if (loaderAt < 0) throw new Error('index.html has no loader comment');
page = page.slice(0, loaderAt) + inline + page.slice(loaderAt);
writeFileSync(output, page);
console.log(`${output}: ${(page.length / 1e6).toFixed(2)} MB, one file`);

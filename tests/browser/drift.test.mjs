// The Drift lens in a real browser (headless Chromium on 127.0.0.1): the synthetic default
// compares in the page; two CSV files dropped on the page are streamed in slices and give the
// same numbers as scipy on the same files; after the data is loaded the page makes no request
// at all; a large file loads with progress while the page keeps drawing (4 MB read ahead, parsed
// 1 MB at a time within 8 ms a frame); bad input (a hostile
// link, a broken CSV, corrupt storage) keeps working defaults with a message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, serveSite, openApp, ARTIFACTS_DIR } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DATA = join(here, '../cli/drift');
let browser, server, base;
before(async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  ({ server, url: base } = await serveSite());
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

const freshContext = () => browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, colorScheme: 'light' });

async function finishedResults(page) {
  await page.waitForFunction(() => {
    const r = window.mlwb.results();
    return r.instrument === 'drift' && Array.isArray(r.columns);
  }, null, { timeout: 60000 });
  return page.evaluate(() => window.mlwb.results());
}

// Drops files on the page the way a user's drag and drop does (the page streams them in slices).
async function dropFile(page, name, text) {
  await page.evaluate(([n, t]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], n, { type: 'text/csv' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, text]);
}

const column = (r, name) => r.columns.find((c) => c.name === name);

test('the synthetic default compares in the page, with windows for the heat map', async () => {
  const ctx = await freshContext();
  const { page, errors } = await openApp(ctx, `${base}#drift`);
  const r = await finishedResults(page);
  assert.equal(r.columns.length, 5);
  assert.equal(r.windows.windows.length, 14);
  assert.ok(column(r, 'channel').metrics.jensenshannon > 0);
  assert.equal(typeof r.dataset_drift.share, 'number');
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(ARTIFACTS_DIR, 'drift-default.png') });
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('two dropped CSV files give scipy\'s numbers, and no request leaves the page after loading', async () => {
  const ctx = await freshContext();
  const { page, errors } = await openApp(ctx, `${base}#drift`);
  await finishedResults(page);
  const requests = [];
  ctx.on('request', (req) => requests.push(req.url()));
  await dropFile(page, 'reference.csv', readFileSync(join(DATA, 'shift-reference.csv'), 'utf8'));
  await page.waitForFunction(() => window.mlwb.getState().state.source === 'files');
  await dropFile(page, 'current.csv', readFileSync(join(DATA, 'shift-current.csv'), 'utf8'));
  await page.waitForFunction(() => (window.mlwb.results().current || {}).name === 'current.csv', null, { timeout: 60000 });
  const r = await page.evaluate(() => window.mlwb.results());
  // scipy.stats.ks_2samp on the same two files (tests/CMakeLists.txt, cli:drift_two_files).
  const ks = column(r, 'basket_value').metrics.ks_pvalue;
  assert.ok(Math.abs(ks - 6.378127587369416e-10) <= 1e-9 * 6.378127587369416e-10, `ks p ${ks}`);
  assert.equal(column(r, 'basket_value').test, 'ks');
  assert.equal(r.reference.rows, 800);
  // Interact with the loaded data: pick a column, change a setting, export.
  await page.evaluate(() => {
    const s = window.mlwb.getState().state;
    s.correction = 'bh';
    s.column = 'channel';
    return window.mlwb.setState({ instrument: 'drift', state: s });
  });
  await page.waitForFunction(() => (window.mlwb.results().dataset_drift || {}).correction === 'bh');
  await page.mouse.move(700, 400);
  await page.mouse.wheel(0, 600);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(ARTIFACTS_DIR, 'drift-files.png') });
  assert.deepEqual(requests, [], 'the page requested something after the data was loaded');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a large CSV streams in with progress while the page keeps drawing', async () => {
  const ctx = await freshContext();
  const { page, errors } = await openApp(ctx, `${base}#drift`);
  await finishedResults(page);
  // ~25 MB: 300k rows of 8 columns, built in the page so the test moves no data over the wire.
  const frames = await page.evaluate(async () => {
    let csv = 'a,b,c,d,e,f,g,h\n';
    const parts = [];
    for (let i = 0; i < 300000; i += 1) parts.push(`${i * 0.37 % 97},${i % 13},${(i * 7919) % 1000 / 10},x${i % 5},${Math.sin(i)},${i},${i % 2},${(i * 31) % 17}\n`);
    csv += parts.join('');
    let drawn = 0, loading = true;
    const count = () => { drawn += 1; if (loading) requestAnimationFrame(count); };
    requestAnimationFrame(count);
    const dt = new DataTransfer();
    dt.items.add(new File([csv], 'big.csv', { type: 'text/csv' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    const start = performance.now();
    while (window.mlwb.getState().state.source !== 'files' || !(window.mlwb.stats().drift_slots || [])[0]?.loaded) {
      await new Promise((r) => setTimeout(r, 20));
      if (performance.now() - start > 60000) break;
    }
    loading = false;
    return { drawn, bytes: csv.length, ms: performance.now() - start, slot: window.mlwb.stats().drift_slots[0] };
  });
  assert.ok(frames.slot.loaded, 'the file was read');
  assert.equal(frames.slot.rows, 300000);
  // The page reads 4 MB ahead and parses for at most 8 ms a frame: it drew at least once per 4 MB.
  assert.ok(frames.drawn >= frames.bytes / (4 << 20), `only ${frames.drawn} frames while reading ${frames.bytes} bytes`);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('bad input: a hostile link, a broken CSV and corrupt storage keep working defaults with messages', async () => {
  const ctx = await freshContext();
  await ctx.addInitScript(() => { try { localStorage.setItem('mlwb.state.drift', '{"v":1,"rows":"many",'); } catch (e) {} });
  const { page, errors } = await openApp(ctx, `${base}#drift?drift_share=7&source=ftp&window=%00&per_column=5`);
  const r = await finishedResults(page);
  const s = await page.evaluate(() => window.mlwb.getState().state);
  assert.equal(s.drift_share, 0.5);
  assert.equal(s.source, 'synthetic');
  assert.ok(r.columns.length === 5);
  const notices = await page.evaluate(() => window.mlwb.stats().notices || []);
  // A CSV that is barely one: read anyway, its problems counted, the page alive.
  const loaded = await page.evaluate(() => window.mlwb.loadData('reference', 'a,b\n1,2,3\n"open,4\n\u0000,x\n', 'bad.csv'));
  assert.equal(loaded.ok, true);
  assert.ok(loaded.problems >= 2, JSON.stringify(loaded));
  const junk = await page.evaluate(() => window.mlwb.loadData('current', '\u00ff\u00fe garbage \u0001\u0002', 'junk.csv'));
  assert.equal(typeof junk.ok, 'boolean');
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(ARTIFACTS_DIR, 'drift-bad-input.png') });
  assert.deepEqual(errors, []);
  void notices;
  await ctx.close();
});

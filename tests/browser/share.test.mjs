// Share, embed, export and offline, in a real browser against build/site on 127.0.0.1:
//   - every instrument's link (Share > Copy link, via the clipboard) reopens the same results;
//   - embed.html inside an iframe of a page on another origin sends its height and its results;
//   - after one visit the app reloads and works with the network cut (service worker);
//   - every export is a valid file (JSON parses, CSV has its header, PNG decodes, the report
//     holds the plots), and the single-file build runs from file:// with no server at all;
//   - no request carries the user's inputs or results anywhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, serveSite, openApp, ARTIFACTS_DIR, SITE_DIR } from './harness.mjs';
import { startServer } from '../../scripts/serve.mjs';

let browser, server, base, hostServer, hostBase;
const hostDir = mkdtempSync(join(tmpdir(), 'mlwb-host-'));
before(async () => {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  ({ server, url: base } = await serveSite());
  ({ server: hostServer, url: hostBase } = await startServer(hostDir, 0));  // another port: another origin
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
  hostServer?.close();
});

const freshContext = (options = {}) => browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, ...options });

// Until the open instrument's work (a simulation, a drift analysis) has finished.
async function settledResults(page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForFunction(() => {
    const s = window.mlwb.stats();
    if (s.busy || s.drift_running) return false;
    const r = window.mlwb.results();
    return !(r.notes || []).some((n) => String(n).includes('in progress'));
  }, null, { timeout: 60000 });
  return page.evaluate(() => window.mlwb.results());
}

// Results without the time the analysis took (measured, so never the same twice).
const withoutTiming = (r) => ({ ...r, analysis_ms: undefined });

// Requests that leave the page: all must be GETs of the site's own files.
function watchRequests(page, origin) {
  const seen = [];
  page.on('request', (r) => seen.push({ url: r.url(), method: r.method(), body: r.postData() }));
  return () => seen.filter((r) => !r.url.startsWith('data:') && !r.url.startsWith('blob:')).map((r) => ({ ...r, origin }));
}

function assertNoUserData(requests, origin, secrets) {
  for (const r of requests) {
    assert.equal(r.method, 'GET', `${r.method} ${r.url}`);
    assert.ok(r.url.startsWith(origin), `a request left the site: ${r.url}`);
    const u = new URL(r.url);
    assert.ok(u.search === '' || /^\?v=[0-9a-f]+$/.test(u.search), `a query string: ${r.url}`);
    for (const s of secrets) assert.ok(!r.url.includes(s), `${s} in ${r.url}`);
  }
}

test('every instrument: Copy link reopens exactly the same results', async () => {
  const ctx = await freshContext();
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base.slice(0, -1) });
  const { page, errors } = await openApp(ctx, base);
  const requests = watchRequests(page, base);
  const instruments = await page.evaluate(() => window.mlwb.instruments());
  assert.ok(instruments.length >= 4);
  for (const key of instruments) {
    await page.evaluate((id) => window.mlwb.open(id), key);
    const presets = await page.evaluate((id) => window.mlwb.presets(id), key);
    if (presets.length > 0) await page.evaluate((s) => window.mlwb.setState(s), presets[presets.length - 1].state);
    const expected = await settledResults(page);
    const { text: link } = await page.evaluate(() => window.mlwb.share('link'));
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link, `${key}: the clipboard holds the link`);
    assert.ok(link.startsWith(base + '#' + key), `${key}: ${link}`);
    assert.ok(link.length < 600, `${key}: a link to paste in chat, not ${link.length} characters`);

    const other = await freshContext();  // another browser profile: nothing saved, only the link
    const opened = await openApp(other, link);
    const got = await settledResults(opened.page);
    assert.deepEqual(withoutTiming(got), withoutTiming(expected), `${key}: the link reproduces the results`);
    assert.deepEqual(opened.errors, []);
    await other.close();
  }
  assertNoUserData(requests(), base, ['baseline', 'rate', 'results']);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('embed.html in an iframe on another origin posts its height and results', async () => {
  const ctx = await freshContext();
  const { page: app } = await openApp(ctx, base + '#serving');
  const presets = await app.evaluate(() => window.mlwb.presets('serving'));
  await app.evaluate((s) => window.mlwb.setState(s), presets[1].state);
  await settledResults(app);
  const { text: snippet } = await app.evaluate(() => window.mlwb.share('embed'));
  assert.match(snippet, /^<iframe src="[^"]+embed\.html#serving\?[^"]*" title="MLOps Workbench: [^"]+" width="100%" height="\d+"/);
  const src = snippet.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');

  // The host page, as a wiki would have it: the snippet pasted, and the documented listener.
  writeFileSync(join(hostDir, 'host.html'), `<!doctype html><meta charset="utf-8"><title>host</title>
<h1>Our capacity plan</h1>
${snippet}
<script>
  window.historyAtLoad = history.length;
  window.received = [];
  window.addEventListener('message', function (e) {
    if (!e.data || e.data.source !== 'mlwb') return;
    window.received.push({ origin: e.origin, data: e.data });
    if (e.data.type === 'mlwb:height') document.querySelector('iframe').style.height = e.data.height + 'px';
  });
</script>`);
  const host = await ctx.newPage();
  const errors = [];
  host.on('pageerror', (e) => errors.push(String(e)));
  await host.goto(hostBase + 'host.html');
  await host.waitForFunction(() => window.received.some((m) => m.data.type === 'mlwb:height') &&
                                   window.received.some((m) => m.data.type === 'mlwb:results'), null, { timeout: 60000 });
  const frame = host.frames().find((f) => f.url().startsWith(base + 'embed.html'));
  assert.ok(frame, 'the embed frame loaded from the site origin');
  assert.notEqual(new URL(hostBase).origin, new URL(base).origin);
  const embedded = await settledResults(frame);
  // The last results event equals what the embed shows, and what the app showed for that link.
  await host.waitForFunction((r) => {
    const last = window.received.filter((m) => m.data.type === 'mlwb:results').pop();
    return JSON.stringify(last.data.results) === r;
  }, JSON.stringify(embedded), { timeout: 30000 });
  const messages = await host.evaluate(() => window.received);
  assert.ok(messages.every((m) => m.origin === new URL(src).origin));
  const results = messages.filter((m) => m.data.type === 'mlwb:results').pop().data;
  assert.equal(results.instrument, 'serving');
  assert.deepEqual(results.results, await app.evaluate(() => window.mlwb.results()));
  const height = messages.filter((m) => m.data.type === 'mlwb:height').pop().data.height;
  assert.ok(height > 300 && height < 20000, `content height ${height}`);
  assert.equal(await host.evaluate(() => document.querySelector('iframe').style.height), `${height}px`);
  // The embed adds no history entries to its host and leaves the app's saved inputs alone.
  assert.equal(await host.evaluate(() => history.length - window.historyAtLoad), 0);
  await host.screenshot({ path: join(ARTIFACTS_DIR, 'embed-host.png') });
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('embed.html is usable at 360x300', async () => {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 300 }, deviceScaleFactor: 1 });
  const { page, errors } = await openApp(ctx, base + 'embed.html#power');
  const r = await settledResults(page);
  assert.ok(r.n_per_arm > 0);
  await page.screenshot({ path: join(ARTIFACTS_DIR, 'embed-360x300.png') });
  // Without an instrument switcher the embed cannot wander off: its link keeps the instrument.
  assert.ok((await page.evaluate(() => window.mlwb.share('link'))).text.startsWith(base + '#power'));
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('after one visit the app reloads and works offline', async () => {
  const ctx = await freshContext();
  const { page, errors } = await openApp(ctx, base + '#power?baseline=0.3');
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 30000 })
    .catch(async () => { await page.reload(); await page.evaluate(() => window.mlwb.ready); });
  await page.evaluate(() => navigator.serviceWorker.ready);
  const online = await settledResults(page);
  await ctx.setOffline(true);
  await page.reload();
  await page.evaluate(() => window.mlwb.ready);
  assert.deepEqual(await settledResults(page), online);
  // A page of the site not opened before, offline: the guide index was cached at install.
  const guide = await ctx.newPage();
  await guide.goto(base + 'guide/index.html');
  assert.match(await guide.title(), /guide/i);
  assert.deepEqual(errors, []);
  await ctx.close();
});

async function downloadsOf(page, kind, count) {
  const files = [];
  const done = new Promise((resolve) => {
    page.on('download', async (d) => {
      files.push({ name: d.suggestedFilename(), bytes: readFileSync(await d.path()) });
      if (files.length === count) resolve();
    });
  });
  await page.evaluate((k) => window.mlwb.download(k), kind);
  await done;
  return files;
}

test('every export is a valid file', async () => {
  const ctx = await freshContext({ acceptDownloads: true });
  const { page, errors } = await openApp(ctx, base + '#power');
  const requests = watchRequests(page, base);
  for (const key of ['power', 'serving', 'drift', 'guide']) {
    await page.evaluate((id) => window.mlwb.open(id), key);
    const results = await settledResults(page);
    const [json] = await downloadsOf(page, 'json', 1);
    assert.equal(json.name, `mlwb-${key}.json`);
    const parsed = JSON.parse(json.bytes.toString('utf8'));
    assert.deepEqual(withoutTiming({ ...parsed, inputs: undefined }), withoutTiming({ ...results, inputs: undefined }));
    // The inputs in the file are the state a link or setState() takes.
    assert.deepEqual(parsed.inputs, (await page.evaluate(() => window.mlwb.getState())).state);
    const [csv] = await downloadsOf(page, 'csv', 1);
    const lines = csv.bytes.toString('utf8').trimEnd().split('\n');
    assert.equal(lines[0], 'field,value');
    assert.ok(lines.length > 3, `${key}: ${lines.length} CSV lines`);
    const [md] = await downloadsOf(page, 'markdown', 1);
    assert.match(md.bytes.toString('utf8'), /^# .+\n\n\| Field \| Value \|\n\| --- \| --- \|\n/);
  }
  // Plots as PNG and the report with them: the power panel draws its plots on screen.
  await page.evaluate(() => window.mlwb.open('power'));
  await settledResults(page);
  const files = await downloadsOf(page, 'plots', 2);  // at least one plot, then ... the report last
  const pngs = files.filter((f) => f.name.endsWith('.png'));
  assert.ok(pngs.length >= 1, files.map((f) => f.name).join(','));
  for (const png of pngs) {
    assert.deepEqual([...png.bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], `${png.name} is a PNG`);
    const size = await page.evaluate(async (b64) => {
      const blob = await (await fetch('data:image/png;base64,' + b64)).blob();
      const bitmap = await createImageBitmap(blob);
      return [bitmap.width, bitmap.height];
    }, png.bytes.toString('base64'));
    assert.ok(size[0] > 100 && size[1] > 50, `${png.name} decodes to ${size}`);
  }
  const report = await new Promise((resolve) => {
    const have = files.find((f) => f.name.endsWith('-report.html'));
    if (have) return resolve(have);
    page.on('download', async (d) => { if (d.suggestedFilename().endsWith('-report.html')) resolve({ name: d.suggestedFilename(), bytes: readFileSync(await d.path()) }); });
  });
  const html = report.bytes.toString('utf8');
  assert.match(html, /<h2>Inputs<\/h2>/);
  assert.match(html, /<img src="data:image\/png;base64,/);
  assert.ok(!/<script/i.test(html) && !/src="https?:/i.test(html), 'the report loads nothing');
  // The report opens by itself (file://, no server) and shows its plot.
  const reportPath = join(hostDir, report.name);
  writeFileSync(reportPath, report.bytes);
  const viewer = await ctx.newPage();
  await viewer.goto('file://' + reportPath);
  assert.ok(await viewer.evaluate(() => [...document.images].every((i) => i.complete && i.naturalWidth > 0) && document.images.length > 0));
  assertNoUserData(requests(), base, []);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the single-file build runs from file:// with no server', async () => {
  const ctx = await freshContext();
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const requests = [];
  page.on('request', (r) => { if (!r.url().startsWith('data:') && !r.url().startsWith('file:')) requests.push(r.url()); });
  await page.goto('file://' + join(SITE_DIR, 'mlwb-single.html') + '#power?baseline=0.3');
  await page.evaluate(() => window.mlwb.ready);
  const r = await settledResults(page);
  assert.equal(r.baseline, 0.3);
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('workshop: shortcuts, the preset gallery and presenter mode', async () => {
  const ctx = await freshContext();
  const { page, errors } = await openApp(ctx, base + '#power');
  const stats = () => page.evaluate(() => window.mlwb.stats());
  const frames = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r)))));
  await page.mouse.click(900, 780);  // the page, not an input field
  await page.keyboard.type('?');
  await frames();
  assert.equal((await stats()).shortcuts_open, true, '? opens the shortcut list');
  await page.screenshot({ path: join(ARTIFACTS_DIR, 'shortcuts.png') });
  await page.keyboard.press('Escape');
  await frames();
  assert.equal((await stats()).shortcuts_open, false, 'Esc closes it');

  await page.keyboard.type('g');
  await frames();
  assert.equal((await stats()).gallery_open, true);
  await page.screenshot({ path: join(ARTIFACTS_DIR, 'gallery.png') });
  // The gallery lists every instrument's presets, first the power calculator's: its first
  // button applies that preset (the layout is fixed at 1280x900).
  const first = (await page.evaluate(() => window.mlwb.presets('power')))[0];
  await page.mouse.click(393, 161);
  await frames();
  assert.equal((await stats()).gallery_open, false, 'choosing a preset closes the gallery');
  assert.deepEqual((await page.evaluate(() => window.mlwb.getState())).state, first.state);

  await page.keyboard.type('2');
  await frames();
  assert.match(await page.evaluate(() => location.hash), /^#serving/);
  await page.keyboard.type('p');
  await frames();
  assert.equal((await stats()).presenter, true);
  assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('mlwb.prefs'))).presenter, true);
  await page.screenshot({ path: join(ARTIFACTS_DIR, 'presenter.png') });
  await page.reload();
  await page.evaluate(() => window.mlwb.ready);
  assert.equal((await stats()).presenter, true, 'presenter mode is remembered');
  await page.keyboard.type('p');
  await frames();
  assert.equal((await stats()).presenter, false);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the instruments are readable without the canvas, and their preset links open the app', async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 800, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(base + 'instruments/index.html');
  const pages = await page.$$eval('main a', (as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(pages.filter((h) => h.endsWith('.html')).sort(), ['../guide/index.html', '../index.html', 'drift.html', 'power.html', 'serving.html']);
  await page.goto(base + 'instruments/power.html');
  assert.equal(await page.$eval('h1', (h) => h.textContent), 'Experiment power');
  const links = await page.$$eval('main li a[href^="../index.html#"]', (as) => as.map((a) => a.href));
  await page.screenshot({ path: join(ARTIFACTS_DIR, 'instrument-page.png'), fullPage: true });
  await ctx.close();
  // The last preset's link, opened with script on, is that preset in the app.
  const app = await freshContext();
  const { page: opened, errors } = await openApp(app, links[links.length - 1]);
  const presets = await opened.evaluate(() => window.mlwb.presets('power'));
  assert.deepEqual((await opened.evaluate(() => window.mlwb.getState())).state, presets[presets.length - 1].state);
  assert.deepEqual(errors, []);
  await app.close();
});

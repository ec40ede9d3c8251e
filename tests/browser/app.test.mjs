// The app in a real browser (headless Chromium, WebGL2 on SwiftShader), served on 127.0.0.1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { launch, serveSite, openApp, ARTIFACTS_DIR } from './harness.mjs';

// R: power.prop.test(p1 = .10, p2 = .11, power = .8)$n  (tol = 1e-12), see tests/golden/power_prop.json
const R_N_10_11 = 14750.790468993;
// R: power.prop.test(p1 = .5, p2 = .75, power = .9, tol = 1e-13)$n
const R_N_HELP = 76.7069284517774;

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

async function freshContext() {
  return browser.newContext({ viewport: { width: 1100, height: 720 }, deviceScaleFactor: 1 });
}

// Decodes an 8-bit RGB/RGBA PNG (what Chromium's screenshots are) without an image library.
function decodePng(png) {
  let pos = 8, width = 0, height = 0, colourType = 0;
  const idat = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('ascii', pos + 4, pos + 8);
    if (type === 'IHDR') { width = png.readUInt32BE(pos + 8); height = png.readUInt32BE(pos + 12); colourType = png[pos + 17]; }
    if (type === 'IDAT') idat.push(png.subarray(pos + 8, pos + 8 + len));
    pos += 12 + len;
  }
  const bpp = colourType === 6 ? 4 : 3;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * bpp;
  const out = Buffer.alloc(stride * height);
  const paeth = (a, b, c) => { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); return pa <= pb && pa <= pc ? a : pb <= pc ? b : c; };
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x += 1) {
      const v = raw[y * (stride + 1) + 1 + x];
      const a = x >= bpp ? out[y * stride + x - bpp] : 0;
      const b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? out[(y - 1) * stride + x - bpp] : 0;
      const pred = [0, a, b, (a + b) >> 1, paeth(a, b, c)][filter];
      out[y * stride + x] = (v + pred) & 255;
    }
  }
  return { width, height, pixel: (x, y) => [...out.subarray(y * stride + x * bpp, y * stride + x * bpp + 3)] };
}

function distinctColours(png) {
  const img = decodePng(png);
  const colours = new Set();
  for (let y = 0; y < img.height; y += 2) for (let x = 0; x < img.width; x += 2) colours.add(img.pixel(x, y).join(','));
  return colours.size;
}

const luminance = ([r, g, b]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

test('a state in the URL hash gives R\'s sample size in window.mlwb.results()', async () => {
  const ctx = await freshContext();
  const { page, errors } = await openApp(ctx, `${base}#power?v=1&baseline=0.1&target=0.11&alpha=0.05&power=0.8&alternative=two-sided`);
  const r = await page.evaluate(() => window.mlwb.results());
  assert.equal(r.ok, true);
  assert.equal(r.instrument, 'power');
  assert.ok(Math.abs(r.n_per_arm - R_N_10_11) / R_N_10_11 < 1e-9, `n_per_arm ${r.n_per_arm}`);
  assert.equal(r.n_per_arm_ceil, 14751);
  const png = await page.screenshot({ path: join(ARTIFACTS_DIR, 'power-from-hash.png') });
  assert.ok(distinctColours(png) > 20, 'the canvas shows more than a blank fill');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the JS API lists instruments, round-trips state and reports results', async () => {
  const ctx = await freshContext();
  const { page } = await openApp(ctx, base);
  assert.deepEqual(await page.evaluate(() => window.mlwb.instruments()), ['power', 'serving', 'drift', 'guide']);
  const set = await page.evaluate(() => window.mlwb.setState({ instrument: 'power', state: { v: 1, baseline: 0.5, target: 0.75, power: 0.9 } }));
  assert.equal(set.ok, true);
  const r = await page.evaluate(() => window.mlwb.results());
  assert.ok(Math.abs(r.n_per_arm - R_N_HELP) / R_N_HELP < 1e-9);
  assert.equal(r.n_per_arm_ceil, 77);
  const state = await page.evaluate(() => window.mlwb.getState());
  assert.equal(state.instrument, 'power');
  assert.equal(state.state.baseline, 0.5);
  // The URL follows the state (after the next frame).
  await page.waitForFunction(() => location.hash.includes('baseline=0.5'));
  assert.equal((await page.evaluate(() => window.mlwb.open('nope'))).ok, false);
  const bad = await page.evaluate(() => window.mlwb.setState({ baseline: 'x' }));
  assert.equal(bad.ok, false);
  assert.ok(bad.notices.length > 0);
  await ctx.close();
});

test('a mangled hash still gives a working page with defaults and a notice', async () => {
  const ctx = await freshContext();
  for (const hash of ['#power?baseline=%ZZ&target=abc', '#nope?x=1', '#power?v=99&baseline=0.3', '#%ff%fe<script>']) {
    const { page, errors } = await openApp(ctx, base + hash);
    const r = await page.evaluate(() => window.mlwb.results());
    assert.equal(r.ok, true, hash);
    assert.equal(r.n_per_arm_ceil, 14751, hash);  // the defaults: 0.10 -> 0.11
    await page.waitForFunction(() => location.hash.startsWith('#power?v=2'));  // canonical link restored
    assert.deepEqual(errors, [], hash);
    await page.close();
  }
  await ctx.close();
});

test('a corrupt localStorage entry yields defaults, and good state survives a reload', async () => {
  const ctx = await freshContext();
  const { page } = await openApp(ctx, base);
  await page.evaluate(() => { localStorage.setItem('mlwb.state.power', '{"v":1,"baseline":'); localStorage.setItem('mlwb.prefs', '[[['); });
  await page.goto(base);
  await page.evaluate(() => window.mlwb.ready);
  assert.equal((await page.evaluate(() => window.mlwb.results())).n_per_arm_ceil, 14751);
  await page.evaluate(() => window.mlwb.setState({ v: 1, baseline: 0.2, target: 0.25 }));
  await page.waitForFunction(() => (localStorage.getItem('mlwb.state.power') || '').includes('0.25'));
  await page.goto(base);  // no hash: the last state comes back from localStorage
  await page.evaluate(() => window.mlwb.ready);
  const state = await page.evaluate(() => window.mlwb.getState());
  assert.equal(state.state.effect, 0.25);  // a version-1 state upgraded: target became the effect
  await ctx.close();
});

test('typing into the inputs updates the result; a bad value keeps the last good one', async () => {
  const ctx = await freshContext();
  const { page } = await openApp(ctx, base + '#power');
  await page.keyboard.press('Tab');  // a keyboard user's first Tab lands on the first input (baseline)
  await page.keyboard.type('0.2');
  await page.waitForFunction(() => window.mlwb.getState().state.baseline === 0.2);
  await page.keyboard.press('Tab');  // target rate (the effect)
  await page.keyboard.type('abc');
  await page.waitForTimeout(200);
  assert.equal((await page.evaluate(() => window.mlwb.getState())).state.effect, 0.11);
  assert.equal((await page.evaluate(() => window.mlwb.results())).ok, true);
  await page.screenshot({ path: join(ARTIFACTS_DIR, 'power-bad-input.png') });
  await ctx.close();
});

test('back and forward move between states', async () => {
  const ctx = await freshContext();
  const { page } = await openApp(ctx, base + '#power?baseline=0.3&target=0.35');
  await page.evaluate(() => window.mlwb.setState({ v: 1, baseline: 0.4, target: 0.45 }));
  await page.waitForFunction(() => location.hash.includes('baseline=0.4'));
  await page.goto(base + '#power?baseline=0.05&target=0.06');
  await page.waitForFunction(() => window.mlwb.getState().state.baseline === 0.05);
  await page.goBack();
  await page.waitForFunction(() => window.mlwb.getState().state.baseline === 0.4);
  await ctx.close();
});

test('HiDPI: the canvas backing store follows devicePixelRatio', async () => {
  const ctx = await browser.newContext({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 2 });
  const { page } = await openApp(ctx, base);
  const size = await page.evaluate(() => {
    const c = document.getElementById('canvas');
    return [c.width, c.height, c.clientWidth, c.clientHeight];
  });
  assert.deepEqual(size, [1600, 1200, 800, 600]);
  await page.screenshot({ path: join(ARTIFACTS_DIR, 'power-hidpi.png') });
  await ctx.close();
});

test('a missing wasm file ends in a readable message, not a blank page', async () => {
  const ctx = await freshContext();
  const page = await ctx.newPage();
  await page.route('**/mlwb.wasm*', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(base);
  await page.waitForFunction(() => document.getElementById('status').classList.contains('error'));
  const text = await page.textContent('#status-text');
  assert.match(text, /could not be loaded.*HTTP 404/);
  await ctx.close();
});

test('copy and paste go through the system clipboard', async () => {
  const ctx = await freshContext();
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const { page } = await openApp(ctx, base + '#power');
  await page.evaluate(() => navigator.clipboard.writeText('0.3'));
  await page.evaluate(() => { window.__pastes = []; document.addEventListener('paste', (e) => window.__pastes.push(e.clipboardData.getData('text')), true); });
  await page.keyboard.press('Tab');        // baseline field, text selected
  await page.waitForFunction(() => window.mlwb.stats().text_input_active, null, { timeout: 5000 })
    .catch(() => assert.fail('Tab did not focus the baseline field'));
  await page.keyboard.press('Control+V');  // the browser's paste event carries the clipboard
  await page.waitForFunction(() => window.mlwb.getState().state.baseline === 0.3, null, { timeout: 5000 })
    .catch(async () => assert.fail(`paste did not reach the baseline field: ${JSON.stringify(await page.evaluate(() => [window.__pastes, window.mlwb.getState().state.baseline, window.mlwb.stats().frames]))}`));
  await page.keyboard.press('Tab');        // target rate field, "0.11" selected
  await page.keyboard.press('Control+C');
  await page.waitForFunction(async () => (await navigator.clipboard.readText()) === '0.11', null, { timeout: 5000 })
    .catch(async () => assert.fail(`copy did not reach the clipboard: ${JSON.stringify(await page.evaluate(() => navigator.clipboard.readText()))}`));
  await ctx.close();
});

test('dark theme follows prefers-color-scheme', async () => {
  const ctx = await browser.newContext({ viewport: { width: 900, height: 600 }, colorScheme: 'dark' });
  const { page } = await openApp(ctx, base + '#power?baseline=0.05&target=0.06');
  const png = await page.screenshot({ path: join(ARTIFACTS_DIR, 'power-dark.png') });
  const img = decodePng(png);
  assert.ok(luminance(img.pixel(450, 590)) < 60, 'window background is dark');
  await page.emulateMedia({ colorScheme: 'light' });  // the system switches: the app follows
  await page.waitForTimeout(300);
  const light = decodePng(await page.screenshot());
  assert.ok(luminance(light.pixel(450, 590)) > 200, 'window background is light');
  assert.ok(distinctColours(png) > 20);
  await ctx.close();
});

test('touch: a tap on a radio button switches the test to one-sided', async () => {
  const ctx = await browser.newContext({ viewport: { width: 900, height: 600 }, hasTouch: true, isMobile: false });
  const { page } = await openApp(ctx, base + '#power');
  await page.touchscreen.tap(250, 474);  // the "one-sided" radio button (see power-from-hash.png)
  await page.waitForFunction(() => window.mlwb.getState().state.alternative === 'one-sided');
  const r = await page.evaluate(() => window.mlwb.results());
  assert.equal(r.alternative, 'one-sided');
  await ctx.close();
});

test('render on demand: no frames while idle, a few after an event', async () => {
  const ctx = await freshContext();
  const { page } = await openApp(ctx, base + '#power');
  await page.waitForTimeout(500);  // the frames that settle layout after start-up
  const before = (await page.evaluate(() => window.mlwb.stats())).frames;
  await page.waitForTimeout(1000);
  const idle = (await page.evaluate(() => window.mlwb.stats())).frames;
  assert.equal(idle, before, 'an idle page draws nothing');
  await page.mouse.move(300, 300);
  await page.waitForTimeout(300);
  const after = (await page.evaluate(() => window.mlwb.stats())).frames;
  assert.ok(after > idle && after - idle <= 6, `an event draws a few frames, then stops (${after - idle})`);
  await ctx.close();
});

test('a full design travels in a link: a second page shows the same results', async () => {
  const ctx = await freshContext();
  const { page } = await openApp(ctx, base);
  const state = {
    v: 2, metric: 'mean', sd: 19, mean_baseline: 4.8, effect_scale: 'relative', effect: 0.03, cuped_rho: 0.6,
    variants: 3, correction: 'sidak', sequential: 'obrien-fleming', looks: 5, daily_units: 60000,
    check: { control_units: 50000, control_conversions: 5000, treatment_units: 51500, treatment_conversions: 5300, alpha: 0.05, ratio: 1 },
  };
  assert.equal((await page.evaluate((s) => window.mlwb.setState({ instrument: 'power', state: s }), state)).ok, true);
  await page.waitForFunction(() => location.hash.includes('sequential=obrien-fleming'));
  const link = await page.evaluate(() => location.href);
  assert.ok(link.length < 600, `the link stays short enough for chat (${link.length} chars)`);
  const first = await page.evaluate(() => window.mlwb.results());
  assert.equal(first.ok, true);
  assert.equal(first.method, 't');
  assert.equal(first.arms, 4);
  assert.equal(first.sequential.looks.length, 5);
  assert.equal(first.check.srm_alert, true, 'a 50,000 vs 51,500 split on a 1:1 plan is a sample ratio mismatch');

  const other = await openApp(ctx, link);
  const second = await other.page.evaluate(() => window.mlwb.results());
  assert.deepEqual(second, first);
  await other.page.screenshot({ path: join(ARTIFACTS_DIR, 'power-sequential-link.png') });
  assert.deepEqual(other.errors, []);
  await ctx.close();
});

test('every method in the UI gives the reference number for the 10 % -> 11 % example', async () => {
  const ctx = await freshContext();
  const { page } = await openApp(ctx, base);
  const expected = { pooled: 14751, arcsine: 14745, 'evan-miller': 14313 };
  for (const [method, n] of Object.entries(expected)) {
    await page.evaluate((m) => window.mlwb.setState({ v: 2, method: m }), method);
    const r = await page.evaluate(() => window.mlwb.results());
    assert.equal(r.method, method);
    assert.equal(r.n_per_arm_ceil, n, method);
  }
  await ctx.close();
});

// The persona guide in a real browser (headless Chromium, WebGL2 on SwiftShader), served on
// 127.0.0.1: links, ticking items, storage, importing souls, instrument links, static pages.
// Widgets are found in screenshots by their theme colours (light theme, src/ui/theme.cpp) at a
// fixed 1280x900 viewport, not by hard-coded coordinates alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { launch, serveSite, openApp, ARTIFACTS_DIR } from './harness.mjs';

const SHIPPED = ['principal-ml-engineer', 'experimentation-specialist', 'serving-and-monitoring-engineer',
  'launch-an-a-b-experiment', 'model-deployment-readiness', 'production-monitoring', 'ml-test-score'];

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

async function freshContext(options = {}) {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, colorScheme: 'light', ...options });
}

async function reloadApp(page) {
  await page.reload();
  await page.evaluate(() => window.mlwb.ready.then(() => true));
}

const results = (page) => page.evaluate(() => window.mlwb.results());
const getState = (page) => page.evaluate(() => window.mlwb.getState());

// Reads an 8-bit RGB(A), non-interlaced PNG, which is what Chromium's screenshots are.
function readPng(png) {
  let at = 8, width = 0, height = 0, channels = 3;
  const data = [];
  while (at < png.length) {
    const length = png.readUInt32BE(at), kind = png.toString('latin1', at + 4, at + 8);
    if (kind === 'IHDR') { width = png.readUInt32BE(at + 8); height = png.readUInt32BE(at + 12); channels = png[at + 17] === 6 ? 4 : 3; }
    else if (kind === 'IDAT') data.push(png.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  const packed = inflateSync(Buffer.concat(data)), row = width * channels, px = Buffer.alloc(row * height);
  for (let y = 0; y < height; y += 1) {
    const filter = packed[y * (row + 1)], src = y * (row + 1) + 1, dst = y * row;
    for (let i = 0; i < row; i += 1) {
      const left = i >= channels ? px[dst + i - channels] : 0, up = y ? px[dst - row + i] : 0;
      const corner = y && i >= channels ? px[dst - row + i - channels] : 0;
      let guess = 0;
      if (filter === 1) guess = left;
      else if (filter === 2) guess = up;
      else if (filter === 3) guess = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - corner, dl = Math.abs(p - left), du = Math.abs(p - up), dc = Math.abs(p - corner);
        guess = dl <= du && dl <= dc ? left : du <= dc ? up : corner;
      }
      px[dst + i] = (packed[src + i] + guess) & 255;
    }
  }
  return { width, height, at: (x, y) => [px[y * row + x * channels], px[y * row + x * channels + 1], px[y * row + x * channels + 2]] };
}

// Light-theme colours as drawn (src/ui/theme.cpp; translucent ones blended over the window).
const COLOUR = {
  window: [247, 247, 250],   // WindowBg
  frame: [255, 255, 255],    // FrameBg: checkboxes, progress bars, inputs
  header: [180, 203, 240],   // Header: collapsing headers (accent at 30 %)
  button: [203, 218, 243],   // Button (accent at 20 %)
  notice: [255, 242, 199],   // palette().warning_bg: notice cards
  accent: [26, 102, 217],    // CheckMark
};
const near = (a, b, tol = 6) => a.every((v, i) => Math.abs(v - b[i]) <= tol);

// Vertical runs [top, bottom] of rows where test(y) holds.
function runs(img, test, from = 0, to = img.height - 1) {
  const out = [];
  let start = -1;
  for (let y = from; y <= to + 1; y += 1) {
    const hit = y <= to && test(y);
    if (hit && start < 0) start = y;
    if (!hit && start >= 0) { out.push([start, y - 1]); start = -1; }
  }
  return out;
}

async function shot(page, name) {
  await page.waitForTimeout(150);  // let the frames an event asked for settle
  return readPng(await page.screenshot({ path: name ? join(ARTIFACTS_DIR, `${name}.png`) : undefined }));
}

// A checklist item's done box: a white frame at x = 36 (window padding 16 + stage indent 8 +
// half the 24 px box) with the window colour just right of it (the item text starts at 59);
// progress bars and inputs are white on both sides.
function checkboxes(img) {
  return runs(img, (y) => near(img.at(36, y), COLOUR.frame) && near(img.at(52, y), COLOUR.window))
    .filter(([a, b]) => b - a >= 14 && b - a <= 30)
    .map(([a, b]) => ({ x: 36, y: Math.round((a + b) / 2) }));
}

// A notice card (unknown soul, unreadable storage, import notices) across the top of the panel.
function hasNotice(img) {
  for (let y = 25; y < 400; y += 1) if (near(img.at(640, y), COLOUR.notice)) return true;
  return false;
}

async function scrollPanel(page, dy, times, x = 1000, y = 450) {
  await page.mouse.move(x, y);
  for (let i = 0; i < times; i += 1) {
    await page.mouse.wheel(0, dy);
    await page.waitForTimeout(40);
  }
}

// Items in the order the checklist view draws them: stage by stage.
function displayOrder(r) {
  return r.stages.flatMap((s) => r.items.filter((i) => i.stage === s.stage));
}

function handSoul(extra = '') {
  return `---
name: Hand Made Soul
version: 2.1.0
description: A soul written by hand for the browser tests.
---
# Hand Made Soul

Read [the trap](javascript:alert(1)) before anything else.

<script>window.pwned=1</script>

## Hard rules

- Never ship on a Friday afternoon.
- Always keep the previous model loaded.
- Size every experiment before it starts.

## Launch tasks

- [ ] Write the experiment plan.
- [ ] Share the health dashboard.

## Deep notes

${extra}
`;
}

test('a guide link round-trips through the hash and a reload; an unknown soul falls back with a notice', async () => {
  const ctx = await freshContext();
  const { page, errors } = await openApp(ctx, `${base}#guide?soul=experimentation-specialist&view=read`);
  const check = async (when) => {
    const s = await getState(page);
    assert.equal(s.instrument, 'guide', when);
    assert.equal(s.state.soul, 'experimentation-specialist', when);
    assert.equal(s.state.view, 'read', when);
    const r = await results(page);
    assert.equal(r.soul, 'experimentation-specialist', when);
    assert.equal(r.title, 'Experimentation Specialist', when);
    assert.equal(r.view, 'read', when);
    assert.ok(r.items.length > 10, when);
    assert.deepEqual(r.souls.map((x) => x.id), SHIPPED, when);
  };
  await check('from the link');
  await page.waitForFunction(() => /soul=experimentation-specialist/.test(location.hash) && /view=read/.test(location.hash));
  const good = await shot(page, 'guide-read');
  assert.equal(hasNotice(good), false, 'a known soul shows no notice');
  await reloadApp(page);
  await check('after a reload');
  assert.deepEqual(errors, []);

  const other = await openApp(ctx, `${base}#guide?soul=no-such-soul&view=checklist`);
  const r = await results(other.page);
  assert.equal(r.soul, SHIPPED[0], 'falls back to the first soul');
  assert.ok(r.items.length > 10 && r.stages.length > 0 && r.view === 'checklist');
  assert.equal((await getState(other.page)).state.soul, SHIPPED[0]);
  assert.ok(hasNotice(await shot(other.page, 'guide-unknown-soul')), 'a notice says the soul is unknown');
  assert.deepEqual(other.errors, []);
  await ctx.close();
});

test('ticking an item on the canvas marks it done, counts it, saves it and survives a reload', async () => {
  const ctx = await freshContext();
  const soul = 'principal-ml-engineer';
  const { page, errors } = await openApp(ctx, `${base}#guide?soul=${soul}&view=checklist`);
  const before = await results(page);
  assert.ok(before.items.every((i) => i.status === 'open'));
  const first = displayOrder(before)[0];
  const boxes = checkboxes(await shot(page, 'guide-checklist'));
  assert.ok(boxes.length >= 3, `found ${boxes.length} done boxes on the checklist`);
  await page.mouse.click(boxes[0].x, boxes[0].y);
  await page.waitForFunction((id) => window.mlwb.results().items.find((i) => i.id === id).status === 'done', first.id, { timeout: 5000 })
    .catch(() => assert.fail(`clicking (${boxes[0].x}, ${boxes[0].y}) did not tick "${first.text.slice(0, 40)}..."`));
  const after = await results(page);
  assert.deepEqual(after.items.filter((i) => i.status === 'done').map((i) => i.id), [first.id], 'exactly the first item is done');
  const stage = (r) => r.stages.find((s) => s.stage === first.stage);
  assert.equal(stage(after).done, stage(before).done + 1);
  assert.equal(after.souls.find((s) => s.id === soul).done, 1);
  const img = await shot(page, 'guide-ticked');
  let marked = 0;
  for (let dy = -10; dy <= 10; dy += 1) for (let dx = -10; dx <= 10; dx += 1) marked += near(img.at(boxes[0].x + dx, boxes[0].y + dy), COLOUR.accent, 40);
  assert.ok(marked > 20, `the box shows a check mark (${marked} accent pixels)`);

  await page.waitForFunction((key) => (localStorage.getItem(key) || '').includes('"done"'), `mlwb.checklist.${soul}`);
  const saved = JSON.parse(await page.evaluate((key) => localStorage.getItem(key), `mlwb.checklist.${soul}`));
  assert.equal(saved.soul, soul);
  assert.equal(saved.version, before.version);
  assert.equal(saved.items[first.id].status, 'done');
  await reloadApp(page);
  const reloaded = await results(page);
  assert.equal(reloaded.items.find((i) => i.id === first.id).status, 'done');
  assert.equal(stage(reloaded).done, stage(before).done + 1);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('corrupt or hostile localStorage entries give a working guide with every item open', async () => {
  const cases = [
    { progress: '{not json', imported: '[1,2' },
    { progress: '{"soul":"principal-ml-engineer","version":7,"items":{"x":{"status":42},"y":null}}', imported: '[{"name":1,"text":null},{}]' },
    { progress: '['.repeat(100000), imported: '{"name":"a","text":"# A"}' },
  ];
  for (const [n, c] of cases.entries()) {
    const ctx = await freshContext();
    await ctx.addInitScript((entries) => {
      if (sessionStorage.getItem('seeded')) return;  // seed once; later loads see what the app wrote
      sessionStorage.setItem('seeded', '1');
      for (const [k, v] of entries) localStorage.setItem(k, v);
    }, [['mlwb.checklist.principal-ml-engineer', c.progress], ['mlwb.souls.imported', c.imported]]);
    const { page, errors } = await openApp(ctx, `${base}#guide?soul=principal-ml-engineer&view=checklist`);
    const r = await results(page);
    assert.equal(r.soul, 'principal-ml-engineer', `case ${n}`);
    assert.ok(r.items.length > 10 && r.items.every((i) => i.status === 'open'), `case ${n}: every item open`);
    assert.ok(r.stages.every((s) => s.done === 0 && s.not_applicable === 0), `case ${n}`);
    assert.deepEqual(r.souls.map((s) => s.id), SHIPPED, `case ${n}: no imported soul restored`);
    // The guide still works: a view switch, and ticking an item replaces the bad entry.
    assert.equal((await page.evaluate(() => window.mlwb.setState({ instrument: 'guide', state: { soul: 'ml-test-score', view: 'compare' } }))).ok, true);
    assert.equal((await results(page)).view, 'compare');
    await page.evaluate(() => window.mlwb.setState({ instrument: 'guide', state: { soul: 'principal-ml-engineer', view: 'checklist' } }));
    const boxes = checkboxes(await shot(page, `guide-corrupt-storage-${n}`));
    assert.ok(boxes.length > 0, `case ${n}: the checklist is drawn`);
    await page.mouse.click(boxes[0].x, boxes[0].y);
    await page.waitForFunction(() => {
      try { return Object.values(JSON.parse(localStorage.getItem('mlwb.checklist.principal-ml-engineer')).items).some((e) => e.status === 'done'); } catch { return false; }
    }, null, { timeout: 5000 }).catch(() => assert.fail(`case ${n}: the corrupt entry was not replaced after a tick`));
    assert.deepEqual(errors, [], `case ${n}`);
    await ctx.close();
  }
});

test('importing a hand-written soul: expected items, no script runs, it persists; empty and oversized text are refused', async () => {
  const ctx = await freshContext();
  const dialogs = [];
  ctx.on('page', (p) => p.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); }));
  const { page, errors } = await openApp(ctx, `${base}#guide?soul=ml-test-score`);
  const deep = await page.evaluate(() => '- '.repeat(10000) + 'the bottom');  // a 10,000-deep nested list
  const imported = await page.evaluate(([text]) => window.mlwb.importSoul(text, 'hand-made.md'), [handSoul(deep)]);
  assert.equal(imported.ok, true, imported.message);
  assert.equal(imported.soul, 'hand-made-soul');
  assert.match(imported.message, /5 checklist items/);
  const r = await results(page);
  assert.equal(r.soul, 'hand-made-soul');
  assert.equal(r.title, 'Hand Made Soul');
  assert.equal(r.version, '2.1.0');
  assert.deepEqual(r.items.map((i) => i.text).sort(), [
    'Always keep the previous model loaded.', 'Never ship on a Friday afternoon.', 'Share the health dashboard.',
    'Size every experiment before it starts.', 'Write the experiment plan.'].sort());
  assert.ok(r.items.every((i) => i.status === 'open'));
  assert.equal((await getState(page)).instrument, 'guide');
  // Drawn in all three views (the reader lays out the deep list, the link and the HTML block as text).
  for (const view of ['read', 'compare', 'checklist']) {
    await page.evaluate((v) => window.mlwb.setState({ instrument: 'guide', state: { soul: 'hand-made-soul', view: v, compare: 'ml-test-score' } }), view);
    await shot(page, `guide-imported-${view}`);
  }
  assert.equal(await page.evaluate(() => window.pwned), undefined, 'an HTML block in a soul never runs');
  assert.deepEqual(dialogs, [], 'no dialog opened');

  await page.waitForFunction(() => (localStorage.getItem('mlwb.souls.imported') || '').includes('hand-made.md'));
  await reloadApp(page);
  const again = await results(page);
  assert.equal(again.soul, 'hand-made-soul', 'the link to the imported soul still works after a reload');
  const listed = again.souls.find((s) => s.id === 'hand-made-soul');
  assert.ok(listed, 'the imported soul is listed after a reload');
  assert.equal(listed.items, 5);
  assert.match(listed.origin, /hand-made\.md/);

  for (const [text, name] of [['', 'empty.md'], ['  \n\t\n', 'blank.md'], ['x'.repeat(600 * 1024), 'big.md']]) {
    const refused = await page.evaluate(([t, n]) => window.mlwb.importSoul(t, n), [text, name]);
    assert.equal(refused.ok, false, name);
    assert.match(refused.message, new RegExp(`Not imported: '${name.replace('.', '\\.')}' is`), name);
    assert.equal((await results(page)).soul, 'hand-made-soul', `${name}: the current soul stays`);
  }
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('importing a multi-megabyte string through the API is refused, not a crash', async () => {
  // ccall copies a string argument onto the wasm stack (4 bytes per UTF-16 unit, 5 MB of stack
  // with Emscripten 3.1.6): 1.4 M characters overflow it.
  const ctx = await freshContext();
  const { page, errors } = await openApp(ctx, `${base}#guide?soul=ml-test-score`);
  const outcome = await page.evaluate(() => {
    try { return window.mlwb.importSoul('x'.repeat(2 * 1024 * 1024), 'huge.md'); } catch (e) { return { threw: String(e) }; }
  });
  assert.equal(outcome.threw, undefined, `importSoul threw: ${outcome.threw}`);
  assert.equal(outcome.ok, false);
  assert.equal((await results(page)).soul, 'ml-test-score');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a file dropped on the page is imported and opened in the guide', async () => {
  const ctx = await freshContext();
  const { page, errors } = await openApp(ctx, `${base}#power`);
  const drop = (name, text, bytes = 0) => page.evaluate(([n, t, b]) => {
    const files = new DataTransfer();
    files.items.add(new File([b ? new Uint8Array(b) : t], n, { type: 'text/markdown' }));
    const event = new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;  // else the browser would navigate to the file
  }, [name, text, bytes]);

  assert.equal(await drop('too-big.md', '', 17 * 1024 * 1024), true);
  await page.waitForFunction(() => window.mlwb.getState().instrument === 'guide');
  assert.equal((await results(page)).souls.length, SHIPPED.length, 'a 17 MB file is not imported');

  const text = '---\nname: Dropped Soul\nversion: 0.3.0\n---\n# Dropped Soul\n\n## Checks\n\n- [ ] One thing.\n- [ ] Another thing.\n- [ ] A third.\n';
  assert.equal(await drop('dropped.md', text), true);
  await page.waitForFunction(() => window.mlwb.results().soul === 'dropped-soul', null, { timeout: 5000 })
    .catch(() => assert.fail('the dropped soul was not opened'));
  const r = await results(page);
  assert.equal(r.title, 'Dropped Soul');
  assert.equal(r.version, '0.3.0');
  assert.equal(r.items.length, 3);
  assert.equal((await getState(page)).instrument, 'guide');
  await page.waitForFunction(() => location.hash.includes('soul=dropped-soul'));
  await shot(page, 'guide-dropped');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('Experiment power links its checklist items into the guide', async () => {
  const ctx = await freshContext();
  const { page, errors } = await openApp(ctx, `${base}#power`);
  // The header is the last thing in the panel: scroll to the end, then find the only header
  // band that spans the whole width (the readout and formula headers span one column).
  await scrollPanel(page, 400, 20);
  let img = await shot(page, 'power-bottom');
  const bands = runs(img, (y) => near(img.at(20, y), COLOUR.header) && near(img.at(img.width - 12, y), COLOUR.header))
    .filter(([a, b]) => b - a >= 15);
  assert.equal(bands.length, 1, `one full-width header at the bottom of Experiment power (${JSON.stringify(bands)})`);
  const headerY = Math.round((bands[0][0] + bands[0][1]) / 2);
  await page.mouse.click(150, headerY);
  await page.waitForTimeout(200);
  await scrollPanel(page, 400, 1);
  img = await shot(page, 'power-linked-items');
  // "Open in the guide" small buttons: button colour at x = 20, window colour at x = 140.
  const buttons = runs(img, (y) => near(img.at(20, y), COLOUR.button) && near(img.at(140, y), COLOUR.window), 30, img.height - 5)
    .filter(([a, b]) => b - a >= 10 && b - a <= 24);
  assert.ok(buttons.length >= 1, `the header opened and lists items with buttons (found ${buttons.length})`);
  await page.mouse.click(70, Math.round((buttons[0][0] + buttons[0][1]) / 2));
  await page.waitForFunction(() => window.mlwb.getState().instrument === 'guide', null, { timeout: 5000 })
    .catch(() => assert.fail('"Open in the guide" did not open the guide'));
  const s = (await getState(page)).state;
  assert.notEqual(s.item, '', 'the guide was told which item');
  assert.equal(s.view, 'checklist');
  const r = await results(page);
  const item = r.items.find((i) => i.id === s.item);
  assert.ok(item, `item ${s.item} is in ${r.soul}`);
  assert.equal(item.instrument, 'power');
  await page.waitForFunction(() => location.hash.includes('item='));
  await shot(page, 'guide-from-power');

  // The same through the API, for a power-linked item of another soul.
  await page.evaluate(() => window.mlwb.setState({ instrument: 'guide', state: { soul: 'experimentation-specialist', view: 'checklist' } }));
  const linked = (await results(page)).items.filter((i) => i.instrument === 'power');
  assert.ok(linked.length > 0, 'the experimentation specialist has items linked to Experiment power');
  const set = await page.evaluate((id) => window.mlwb.setState({ instrument: 'guide', state: { soul: 'experimentation-specialist', view: 'checklist', item: id } }), linked[0].id);
  assert.equal(set.ok, true);
  assert.equal((await getState(page)).state.item, linked[0].id);
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a checklist link with item= scrolls that item into view and marks it', async () => {
  const ctx = await freshContext();
  const { page, errors } = await openApp(ctx, `${base}#guide?soul=principal-ml-engineer&view=checklist`);
  const last = displayOrder(await results(page)).at(-1);  // far below the first screen
  await page.goto(`${base}#guide?soul=principal-ml-engineer&view=checklist&item=${last.id}`);
  await page.waitForFunction((id) => window.mlwb.getState().state.item === id, last.id);
  const img = await shot(page, 'guide-item-link');
  // The marked item has an accent bar left of its box (x 18..22).
  const bar = runs(img, (y) => near(img.at(20, y), COLOUR.accent, 30), 25).filter(([a, b]) => b - a >= 20);
  assert.equal(bar.length, 1, 'the linked item is on screen, marked with the accent bar');
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('the static guide pages: HTML without scripts, links into the app, readable without JavaScript', async () => {
  const ctx = await freshContext();
  const { page } = await openApp(ctx, `${base}#guide`);
  const souls = (await results(page)).souls;
  await ctx.close();
  const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const get = async (path) => {
    const response = await fetch(new URL(path, base));
    assert.equal(response.status, 200, path);
    assert.match(response.headers.get('content-type'), /^text\/html/, path);
    const html = await response.text();
    assert.doesNotMatch(html, /<script/i, `${path} has no script`);
    return html;
  };
  const index = await get('guide/index.html');
  for (const soul of souls) {
    assert.ok(index.includes(escape(soul.title)), `the index names ${soul.title}`);
    assert.match(index, new RegExp(`href="(\\./)?${soul.id}\\.html"`), `the index links to ${soul.id}.html`);
    const html = await get(`guide/${soul.id}.html`);
    assert.ok(html.includes(escape(soul.title)), `${soul.id}.html names ${soul.title}`);
    assert.ok(html.includes(`href="../index.html#guide?soul=${soul.id}`), `${soul.id}.html links into the app`);
  }

  const noJs = await freshContext({ javaScriptEnabled: false });
  const doc = await noJs.newPage();
  await doc.goto(`${base}guide/experimentation-specialist.html`);
  assert.equal(await doc.locator('h1').count(), 1);
  assert.match(await doc.locator('h1').innerText(), /Experimentation Specialist/);
  assert.equal(await doc.getByRole('main').count(), 1, 'one main landmark');
  const open = doc.locator('a[href^="../index.html#guide?soul=experimentation-specialist"]').first();
  assert.equal(await open.evaluate((a) => a.href), `${base}index.html#guide?soul=experimentation-specialist`);
  await doc.screenshot({ path: join(ARTIFACTS_DIR, 'guide-static-page.png'), fullPage: false });
  await noJs.close();
});

test('a whole guide session, import included, requests nothing but 127.0.0.1', async () => {
  const ctx = await freshContext();
  const requests = [];
  await ctx.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    return url.startsWith(base) ? route.continue() : route.abort();
  });
  const { page, errors } = await openApp(ctx, `${base}#guide?soul=principal-ml-engineer&view=checklist`);
  for (const soul of SHIPPED) {
    for (const view of ['checklist', 'read', 'compare']) {
      await page.evaluate(([s, v]) => window.mlwb.setState({ instrument: 'guide', state: { soul: s, view: v } }), [soul, view]);
      await page.waitForTimeout(30);
    }
  }
  const withLinks = handSoul('![a chart](https://example.com/chart.png)\n\n<img src="https://example.com/pixel.gif">\n\n' +
    '[a paper](https://example.com/paper) and <https://example.org/> and [mail](mailto:someone@example.com)\n');
  assert.equal((await page.evaluate(([t]) => window.mlwb.importSoul(t, 'links.md'), [withLinks])).ok, true);
  await page.evaluate(() => window.mlwb.setState({ instrument: 'guide', state: { soul: 'hand-made-soul', view: 'read' } }));
  await page.evaluate(() => {
    const files = new DataTransfer();
    files.items.add(new File(['# Dropped\n\n## Checks\n\n- [ ] See https://example.net/x\n'], 'dropped.md'));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => window.mlwb.results().soul === 'dropped');
  await page.evaluate(() => window.mlwb.open('power'));
  await scrollPanel(page, 400, 5);
  await shot(page);
  await page.goto(`${base}guide/index.html`);
  await page.goto(`${base}guide/principal-ml-engineer.html`);
  const outside = requests.filter((u) => !u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(outside, [], 'requests to other hosts');
  assert.ok(requests.some((u) => u.includes('mlwb.wasm')), 'the recorder saw the app load');
  assert.deepEqual(errors, []);
  await ctx.close();
});

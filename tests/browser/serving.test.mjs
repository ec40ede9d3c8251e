// The Serving simulator in a real browser (headless Chromium, WebGL2 on SwiftShader), served on
// 127.0.0.1: the run finishes in the page and agrees with Erlang C, links round-trip, bad input
// keeps the defaults with a notice, and nothing is requested from anywhere else.
// Frame times while a long run proceeds are measured by bench/serving_frames.mjs (a budget, not
// a test: they depend on the machine).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launch, serveSite, openApp, ARTIFACTS_DIR } from './harness.mjs';

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
const results = (page) => page.evaluate(() => window.mlwb.results());

// Until the simulation of the current inputs has finished (its notes say when it is partial).
async function finishedResults(page) {
  await page.waitForFunction(() => {
    const r = window.mlwb.results();
    return r.ok && r.simulated && !(r.notes || []).some((n) => n.includes('in progress'));
  }, null, { timeout: 60000 });
  return results(page);
}

// Erlang C for c servers at offered load a (the textbook recursion, independent of the app).
function erlangC(c, a) {
  let b = 1;
  for (let k = 1; k <= c; k += 1) b = (a * b) / (k + a * b);
  return (c * b) / (c - a * (1 - b));
}

test('the default scenario simulates to completion in the page, with the formulas beside it', async () => {
  const ctx = await freshContext();
  const { page, errors } = await openApp(ctx, `${base}#serving`);
  const r = await finishedResults(page);
  assert.equal(r.requests.arrived, 200000);
  assert.ok(r.latency_ms.p50 < r.latency_ms.p99 && r.latency_ms.p99 < r.latency_ms.p999);
  assert.ok(Math.abs(r.utilization - 2000 * 0.02 / 48) < 0.02, `utilisation ${r.utilization}`);
  assert.equal(r.analytic.applicable, true);
  assert.ok(r.cost.per_month > 0 && r.cost.instance === 'c6i.2xlarge');
  assert.equal(r.series.length > 50, true);
  await page.screenshot({ path: join(ARTIFACTS_DIR, 'serving-default.png') });
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('an M/M/8 link: the page simulates what Erlang C predicts, and the link survives a reload', async () => {
  const ctx = await freshContext();
  const state = { v: 1, arrival: { rate_rps: 640 }, service: { kind: 'exponential', mean_ms: 10 }, fleet: { replicas: 8 },
    run: { requests: 300000, seed: 4 } };
  const { page } = await openApp(ctx, base);
  assert.equal((await page.evaluate((s) => window.mlwb.setState({ instrument: 'serving', state: s }), state)).ok, true);
  const r = await finishedResults(page);
  const c = erlangC(8, 6.4), wq = (c * 10) / (8 - 6.4);
  assert.ok(Math.abs(r.analytic.prob_wait - c) < 1e-12, 'the formula in the page is Erlang C');
  assert.ok(Math.abs(r.prob_wait - c) <= 2 * r.prob_wait_ci95, `P(wait) ${r.prob_wait} vs ${c}`);
  assert.ok(Math.abs(r.wait_ms.mean - wq) <= 2 * r.wait_ci95_ms.mean, `mean wait ${r.wait_ms.mean} vs ${wq}`);
  // The hash carries the non-default fields; a reload reproduces the very same run.
  await page.waitForFunction(() => location.hash.startsWith('#serving?') && location.hash.includes('640'));
  await page.reload();
  await page.evaluate(() => window.mlwb.ready.then(() => true));
  const again = await finishedResults(page);
  assert.equal(again.latency_ms.p99, r.latency_ms.p99);
  assert.equal(again.seed, 4);
  await ctx.close();
});

test('bad input: a hostile link and setState keep working defaults and say what was refused', async () => {
  const ctx = await freshContext();
  const { page, errors } = await openApp(ctx, `${base}#serving?fleet=%7B%22replicas%22%3A-3%7D&arrival=nonsense&run=%5B1%5D`);
  const r = await finishedResults(page);
  assert.equal(r.requests.arrived, 200000, 'the defaults ran');
  const st = await page.evaluate(() => window.mlwb.getState());
  assert.equal(st.state.fleet.replicas, 48);
  const bad = await page.evaluate(() => window.mlwb.setState({ v: 1, fleet: { replicas: 0 }, service: { kind: 'lognormal', fit: 'mean-p99', mean_ms: 10, p99_ms: 400 } }));
  assert.equal(bad.ok, false);
  assert.ok(bad.notices.some((n) => n.includes('Replicas')), bad.notices.join(' | '));
  assert.ok(bad.notices.some((n) => n.toLowerCase().includes('lognormal')), bad.notices.join(' | '));
  // An overloaded fleet is a result, not a crash.
  await page.evaluate(() => window.mlwb.setState({ v: 1, arrival: { rate_rps: 5000 }, fleet: { replicas: 10 }, run: { requests: 100000 } }));
  const overloaded = await finishedResults(page);
  assert.equal(overloaded.analytic.stable, false);
  assert.equal(overloaded.unstable, true);
  assert.ok(overloaded.notes.some((n) => n.includes('cannot keep up')));
  assert.deepEqual(errors, []);
  await ctx.close();
});

test('a serving session requests nothing but 127.0.0.1', async () => {
  const ctx = await freshContext();
  const outside = [];
  ctx.on('request', (req) => { if (!new URL(req.url()).hostname.match(/^(127\.0\.0\.1|localhost)$/) && !req.url().startsWith('data:')) outside.push(req.url()); });
  const { page } = await openApp(ctx, `${base}#serving`);
  await finishedResults(page);
  await page.evaluate(() => window.mlwb.setState({ v: 1, llm: { enabled: true }, run: { requests: 5000 } }));
  const r = await finishedResults(page);
  assert.ok(r.llm && r.llm.output_tokens_per_s > 0, 'LLM mode runs in the page');
  assert.ok(r.llm.ttft_ms.p50 > 0 && r.llm.tpot_ms.p50 > 0);
  assert.deepEqual(outside, []);
  await ctx.close();
});

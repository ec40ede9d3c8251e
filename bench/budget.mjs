// The page's performance budget, measured in headless Chromium on 127.0.0.1:
//   - bytes of everything the first load fetches (raw, gzip, brotli), recorded from real requests
//   - time to first frame (navigation start -> first frame drawn), median and max of N cold loads
//   - idle CPU over 10 s with no input (the page's main-thread time, and renderer + GPU process
//     CPU time from the DevTools protocol against a blank page), beside a reference page that
//     redraws WebGL every frame
// Each figure is printed against its budget with PASS/FAIL; exit status 1 if any FAIL.
//   node bench/budget.mjs [--loads 10] [--idle-seconds 10]
import { measure, total, printTable, FIRST_LOAD_FILES, FIRST_LOAD_BUDGET_GZIP } from './site_size.mjs';
import { launch, serveSite, SITE_DIR } from '../tests/browser/harness.mjs';
import { startServer } from '../scripts/serve.mjs';
import { figures } from './figures.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const LOADS = arg('--loads', 10);
const IDLE_SECONDS = arg('--idle-seconds', 10);
const BUDGET = { firstFrameMedianMs: 400, idleCorePercent: 1.0 };

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const verdict = (ok) => (ok ? 'PASS' : 'FAIL');
const rows = [];
const out = figures('budget');
const record = (what, value, budget, ok) => { rows.push({ what, value, budget, ok }); out.record(what, value, budget, ok); };

const { server, url } = await serveSite();
const browser = await launch();

// 1. Bytes of the first load, from the requests the page really makes (and the list the size
//    test in the suite uses must be the same).
{
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const files = new Set();
  page.on('requestfinished', (req) => {
    const u = new URL(req.url());
    if (u.origin + '/' === url) files.add(u.pathname === '/' ? 'index.html' : u.pathname.slice(1));
  });
  await page.goto(url);
  await page.evaluate(() => window.mlwb.ready);
  const requested = [...files].filter((f) => f !== 'icon.svg');  // the tab icon is not on the path to the first frame
  const rows = measure(SITE_DIR, requested);
  printTable(rows);
  const { raw, gzip, brotli } = total(rows);
  const listed = [...FIRST_LOAD_FILES].sort().join(',') === [...requested].sort().join(',');
  record('first-load transfer (gzip)', `${(gzip / 1000).toFixed(1)} kB (brotli ${(brotli / 1000).toFixed(1)} kB, raw ${(raw / 1000).toFixed(1)} kB)` +
         (listed ? '' : `; requests ${requested.join(',')} differ from site_size.mjs's list`),
         `≤ ${FIRST_LOAD_BUDGET_GZIP / 1000} kB gzip`, gzip <= FIRST_LOAD_BUDGET_GZIP && listed);
  await ctx.close();
}

// 2. Time to first frame, cold cache each time; the same for the minimal WebGL2 page as a floor.
async function firstFrames(pageUrl, mark) {
  const times = [];
  for (let i = 0; i < LOADS; i += 1) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(pageUrl);
    await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark);
    times.push(await page.evaluate((m) => performance.getEntriesByName(m)[0].startTime, mark));
    await ctx.close();
  }
  return times;
}
const refServer = await startServer(new URL('.', import.meta.url).pathname, 0);
{
  const times = await firstFrames(url, 'mlwb-first-frame');
  const floor = await firstFrames(refServer.url + 'reference_first_frame.html', 'reference-first-frame');
  const med = median(times);
  record(`first frame, ${LOADS} cold loads`,
         `median ${med.toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms; minimal WebGL2 page ${median(floor).toFixed(0)} ms (${(med / median(floor)).toFixed(1)}x)`,
         '≤ 400 ms median', med <= BUDGET.firstFrameMedianMs);
}

// 3. Idle CPU over IDLE_SECONDS with no input, two ways:
//    - the page's main-thread task time (DevTools Performance.getMetrics TaskDuration; exact),
//    - renderer + GPU process CPU time (SystemInfo.getProcessInfo; 10 ms resolution per process,
//      and it includes the browser's own background work, so a blank page is measured as floor).
async function idleCpu(pageUrl, readyExpr) {
  const b = await launch();  // a browser of its own, so only this page's processes count
  const ctx = await b.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(pageUrl);
  if (readyExpr) await page.waitForFunction(readyExpr);
  await page.waitForTimeout(1500);  // let start-up work finish
  const browserCdp = await b.newBrowserCDPSession();
  const pageCdp = await ctx.newCDPSession(page);
  await pageCdp.send('Performance.enable');
  const processes = async () => {
    const { processInfo } = await browserCdp.send('SystemInfo.getProcessInfo');
    return processInfo.filter((p) => p.type === 'renderer' || p.type === 'GPU').reduce((t, p) => t + p.cpuTime, 0);
  };
  const task = async () => (await pageCdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
  const [p0, t0] = [await processes(), await task()];
  await page.waitForTimeout(IDLE_SECONDS * 1000);
  const [p1, t1] = [await processes(), await task()];
  await b.close();
  return { processes: (100 * (p1 - p0)) / IDLE_SECONDS, mainThread: (100 * (t1 - t0)) / IDLE_SECONDS };
}
{
  const appReady = () => window.mlwb && document.getElementById('status').classList.contains('hidden');
  const app = await idleCpu(url, appReady);
  const blank = await idleCpu('about:blank', null);
  const busy = await idleCpu(refServer.url + 'reference_busy_page.html', () => window.referenceReady === true);
  const above = Math.max(0, app.processes - blank.processes);
  record(`idle CPU over ${IDLE_SECONDS} s`,
         `page main thread ${app.mainThread.toFixed(3)} %; renderer+GPU ${app.processes.toFixed(2)} % (blank page ${blank.processes.toFixed(2)} %); ` +
         `redraw-every-frame page: main thread ${busy.mainThread.toFixed(1)} %, renderer+GPU ${busy.processes.toFixed(1)} %`,
         '≤ 1 % of a core', app.mainThread <= BUDGET.idleCorePercent && above <= BUDGET.idleCorePercent);
}

await browser.close();
server.close();
refServer.server.close();

console.log(`\nMLOps Workbench budget, ${new Date().toISOString().slice(0, 10)}, ${process.platform} ${process.arch}, Chromium headless (SwiftShader)`);
for (const r of rows) console.log(`${verdict(r.ok)}  ${r.what.padEnd(28)} ${r.value}  [budget ${r.budget}]`);
out.save();
process.exit(rows.every((r) => r.ok) ? 0 : 1);

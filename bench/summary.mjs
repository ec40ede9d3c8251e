// The closing table of scripts/bench.sh: every budgeted figure the benchmarks of this run
// recorded (build/bench/*.json, see figures.mjs), PASS or FAIL, with the machine it ran on.
// Exit status 1 if any figure failed or a benchmark recorded nothing.
//   node bench/summary.mjs [--markdown]      --markdown: the same table for docs/performance.md
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, totalmem, platform, arch } from 'node:os';
import { execFileSync } from 'node:child_process';
import { FIGURES_DIR } from './figures.mjs';

// In the order of the performance issue: page, frames, engine throughput and peers, then the
// instruments' own budgets.
const ORDER = ['budget', 'frames', 'power', 'serving', 'drift', 'persona', 'guide', 'serving_frames', 'drift_frames'];
const markdown = process.argv.includes('--markdown');
const chromium = (() => { try { return execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return 'Chromium'; } })();
const machine = `${platform()} ${arch()}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB; ${chromium} headless, SwiftShader WebGL; Node ${process.version}`;

const rows = [];
const missing = [];
for (const name of ORDER) {
  const file = join(FIGURES_DIR, `${name}.json`);
  if (!existsSync(file)) { missing.push(name); continue; }
  for (const r of JSON.parse(readFileSync(file, 'utf8')).rows) rows.push(r);
}
const passed = rows.filter((r) => r.ok).length, failed = rows.length - passed;
const date = new Date().toISOString().slice(0, 10);
if (markdown) {
  console.log(`Measured ${date} with \`scripts/bench.sh\` on ${machine}.\n`);
  console.log('| verdict | figure | measured | budget |\n| --- | --- | --- | --- |');
  for (const r of rows) console.log(`| ${r.ok ? 'PASS' : '**FAIL**'} | ${r.what} | ${r.measured} | ${r.budget} |`);
} else {
  console.log(`\nMLOps Workbench performance budget, ${date}: ${machine}`);
  const w = Math.max(...rows.map((r) => r.what.length));
  for (const r of rows) console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.what.padEnd(w)}  ${r.measured}  [${r.budget}]`);
}
if (missing.length) console.log(`no figures from: ${missing.join(', ')} (the benchmark failed before recording)`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed || missing.length ? 1 : 0;

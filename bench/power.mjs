// Experiment power engine speed: runs bench/power_bench.cpp built natively (build/native) and
// as wasm under Node (build/wasm), prints both with the wasm/native ratio, and checks the
// budgets of the issue: one solve <= 50 us native, a full update with all curves <= 2 ms wasm.
//   node bench/power.mjs            (scripts/bench.sh builds both first)
import { figures } from './figures.mjs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8' })
  .trim().split('\n').map((l) => l.split('|')).map(([kind, name, us]) => ({ kind, name, us: Number(us) }));

const native = run(join(root, 'build/native/mlwb_power_bench'), []);
const wasm = run(process.execPath, ['--no-experimental-fetch', join(root, 'build/wasm/mlwb_power_bench.js')]);
const BUDGET = { solve: { us: 50, where: 'native' }, update: { us: 2000, where: 'wasm' } };

const out = figures('power');
let failed = 0;
console.log('Experiment power engine: microseconds per call (median of 15 batches)');
console.log(`${'case'.padEnd(46)} ${'native'.padStart(10)} ${'wasm'.padStart(10)} ${'wasm/nat'.padStart(9)}  budget`);
for (const n of native) {
  const w = wasm.find((x) => x.name === n.name);
  const b = BUDGET[n.kind];
  if (!b) {
    console.log(`${n.name.padEnd(46)} ${n.us.toFixed(2).padStart(10)} ${w.us.toFixed(2).padStart(10)} ${(w.us / n.us).toFixed(2).padStart(9)}  (no budget)`);
    continue;
  }
  const measured = b.where === 'native' ? n.us : w.us;
  const ok = measured <= b.us;
  if (!ok) failed++;
  console.log(`${n.name.padEnd(46)} ${n.us.toFixed(2).padStart(10)} ${w.us.toFixed(2).padStart(10)} ${(w.us / n.us).toFixed(2).padStart(9)}  ` +
              `<= ${b.us} us ${b.where}: ${ok ? 'PASS' : 'FAIL'}`);
}
// Throughput over each kind's cases run once each (so the costlier cases weigh more, as they do
// for a user): solves per second, and full updates (solve + results + three curves) per second.
for (const [kind, label] of [['solve', 'power solves/s'], ['update', 'power updates/s (with curves)']]) {
  const ns = native.filter((x) => x.kind === kind), ws = ns.map((n) => wasm.find((x) => x.name === n.name));
  const tn = ns.reduce((a, x) => a + x.us, 0), tw = ws.reduce((a, x) => a + x.us, 0);
  const ratio = tw / tn;
  const line = `native ${(ns.length * 1e6 / tn).toFixed(0)}/s, wasm ${(ws.length * 1e6 / tw).toFixed(0)}/s: wasm/native ${ratio.toFixed(2)}`;
  console.log(`${label}, ${ns.length} cases once each: ${line}`);
  if (!out.record(`${label}, wasm/native`, line, 'wasm/native ≤ 1.6', ratio <= 1.6)) failed++;
}
const slowest = native.filter((x) => x.kind === 'update').map((n) => wasm.find((x) => x.name === n.name)).sort((a, b) => b.us - a.us)[0];
out.record('power update with curves, slowest preset in wasm', `${slowest.name.replace('update with curves: ', '')} ${(slowest.us / 1000).toFixed(2)} ms`,
           '≤ 2 ms (power issue)', slowest.us <= BUDGET.update.us);
out.save();
process.exitCode = failed ? 1 : 0;

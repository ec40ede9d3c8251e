// Experiment power engine speed: runs bench/power_bench.cpp built natively (build/native) and
// as wasm under Node (build/wasm), prints both with the wasm/native ratio, and checks the
// budgets of the issue: one solve <= 50 us native, a full update with all curves <= 2 ms wasm.
//   node bench/power.mjs            (scripts/bench.sh builds both first)
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8' })
  .trim().split('\n').map((l) => l.split('|')).map(([kind, name, us]) => ({ kind, name, us: Number(us) }));

const native = run(join(root, 'build/native/mlwb_power_bench'), []);
const wasm = run(process.execPath, ['--no-experimental-fetch', join(root, 'build/wasm/mlwb_power_bench.js')]);
const BUDGET = { solve: { us: 50, where: 'native' }, update: { us: 2000, where: 'wasm' } };

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
process.exitCode = failed ? 1 : 0;

// Persona parser speed: runs bench/persona_bench.cpp built natively (build/native) and as wasm
// under Node (build/wasm), prints time per set of souls, MB/s and the wasm/native ratio, and
// checks the budget: parsing all shipped and shared souls under 5 ms natively.
//   node bench/persona.mjs            (scripts/bench.sh builds both first)
import { figures } from './figures.mjs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  .trim().split('\n').map((l) => l.split('|')).map(([name, us, bytes]) => ({ name, us: Number(us), bytes: Number(bytes) }));

const native = run(join(root, 'build/native/mlwb_persona_bench'), []);
const wasm = run(process.execPath, ['--no-experimental-fetch', join(root, 'build/wasm/mlwb_persona_bench.js')]);
const BUDGET_US = 5000;  // all souls, native
const budgeted = native.some((n) => n.name.endsWith('all souls')) ? 'all souls' : 'shipped souls';

const out = figures('persona');
let failed = 0;
console.log('Persona parser (parse + checklist extraction): per set of souls (median of 15 batches)');
console.log(`${'case'.padEnd(40)} ${'kB'.padStart(6)} ${'native ms'.padStart(10)} ${'MB/s'.padStart(7)} ${'wasm ms'.padStart(9)} ${'MB/s'.padStart(7)} ${'wasm/nat'.padStart(9)}  budget`);
for (const n of native) {
  const w = wasm.find((x) => x.name === n.name);
  const mbs = (r) => (r.bytes / r.us).toFixed(1);  // bytes per microsecond = MB/s
  let verdict = '(no budget)';
  if (n.name.endsWith(budgeted)) {
    const ok = n.us <= BUDGET_US;
    if (!ok) failed++;
    out.record(`persona parse, ${budgeted}, native`, `${(n.us / 1000).toFixed(2)} ms (${(n.bytes / n.us).toFixed(1)} MB/s)`, `≤ ${BUDGET_US / 1000} ms (guide issue)`, ok);
    if (w && !out.record('persona parse MB/s, wasm/native', `native ${(n.bytes / n.us).toFixed(1)} MB/s, wasm ${(w.bytes / w.us).toFixed(1)} MB/s: ${(w.us / n.us).toFixed(2)}`,
                         'wasm/native ≤ 1.6', w.us / n.us <= 1.6)) failed++;
    verdict = `<= ${BUDGET_US / 1000} ms native: ${ok ? 'PASS' : 'FAIL'}`;
  }
  console.log(`${n.name.padEnd(40)} ${(n.bytes / 1024).toFixed(1).padStart(6)} ${(n.us / 1000).toFixed(3).padStart(10)} ${mbs(n).padStart(7)} ` +
              `${w ? (w.us / 1000).toFixed(3).padStart(9) : '-'.padStart(9)} ${w ? mbs(w).padStart(7) : '-'.padStart(7)} ` +
              `${w ? (w.us / n.us).toFixed(2).padStart(9) : '-'.padStart(9)}  ${verdict}`);
}
out.save();
process.exitCode = failed ? 1 : 0;

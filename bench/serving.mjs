// Serving simulator speed: bench/serving_bench.cpp built natively (build/native) and as wasm
// under Node (build/wasm), and the same M/M/8 model in SimPy (bench/serving_simpy.py, Debian's
// python3-simpy) on the same machine in the same run. Budgets (issue: serving simulator):
//   native >= 5 million simulated requests/s on M/M/8;  native >= 30x SimPy;  wasm time <= 1.6x native.
//   node bench/serving.mjs [requests]      (scripts/bench.sh builds both first)
import { figures } from './figures.mjs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const requests = process.argv[2] ?? '1000000';
const parse = (out) => out.trim().split('\n').map((l) => l.split('|'))
  .map(([name, n, s, digest]) => ({ name, requests: Number(n), seconds: Number(s), digest }));
const run = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

const native = parse(run(join(root, 'build/native/mlwb_serving_bench'), [requests]));
const wasm = parse(run(process.execPath, ['--no-experimental-fetch', join(root, 'build/wasm/mlwb_serving_bench.js'), requests]));
const simpyRequests = String(Math.min(Number(requests), 200000));
const simpy = JSON.parse(run('/usr/bin/python3', [join(root, 'bench/serving_simpy.py'), simpyRequests]).trim().split('\n').pop());

const out = figures('serving');
let failed = 0;
const verdict = (ok, text) => { if (!ok) failed++; return `${text}: ${ok ? 'PASS' : 'FAIL'}`; };
const mrps = (r) => r.requests / r.seconds / 1e6;
console.log(`Serving simulator: simulated requests per second of wall time (median of 5 runs, ${requests} requests)`);
console.log(`${'case'.padEnd(26)} ${'native M/s'.padStart(10)} ${'wasm M/s'.padStart(9)} ${'wasm/nat'.padStart(9)} ${'same result'.padStart(12)}  budget`);
for (const n of native) {
  const w = wasm.find((x) => x.name === n.name);
  const ratio = w.seconds / n.seconds;
  const same = w.digest === n.digest;
  if (!same) failed++;
  const budgets = [verdict(ratio <= 1.6, 'wasm <= 1.6x')];
  out.record(`simulated requests/s, ${n.name}, wasm/native`, `native ${mrps(n).toFixed(2)} M/s, wasm ${mrps(w).toFixed(2)} M/s: ${ratio.toFixed(2)}` + (same ? '' : '; results DIFFER'),
             'wasm/native ≤ 1.6, same result', ratio <= 1.6 && same);
  if (n.name.startsWith('M/M/8')) {
    budgets.unshift(verdict(mrps(n) >= 5, '>= 5 M/s native'));
    out.record('simulated requests/s, M/M/8, native', `${mrps(n).toFixed(2)} M/s`, '≥ 5 M/s', mrps(n) >= 5);
  }
  console.log(`${n.name.padEnd(26)} ${mrps(n).toFixed(2).padStart(10)} ${mrps(w).toFixed(2).padStart(9)} ${ratio.toFixed(2).padStart(9)} ${(same ? 'yes' : 'NO').padStart(12)}  ${budgets.join(', ')}`);
}
const mm8 = native.find((n) => n.name.startsWith('M/M/8'));
const speedup = mrps(mm8) * 1e6 / simpy.requests_per_s;
console.log(`SimPy ${simpy.version ?? ''} M/M/8 (${simpy.requests} requests): ${(simpy.requests_per_s / 1e3).toFixed(0)} k/s; ` +
            `native is ${speedup.toFixed(1)}x faster: ${verdict(speedup >= 30, '>= 30x')}`);
out.record('simulation vs SimPy (same M/M/8)', `${speedup.toFixed(1)}x (SimPy ${simpy.version ?? ''} ${(simpy.requests_per_s / 1e3).toFixed(0)} k/s)`, '≥ 30x', speedup >= 30);
out.save();
process.exitCode = failed ? 1 : 0;

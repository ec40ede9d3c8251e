// Drift lens speed: bench/drift_bench.cpp natively and as wasm under Node, and scipy/numpy
// (bench/drift_scipy.py) on the same 1M + 1M values in the same run. Budgets (issue: drift lens,
// and the performance issue's wasm/native ratio):
//   all metrics on 1M vs 1M numeric rows <= 400 ms native, and >= 3x faster than scipy/numpy;
//   CSV parsing >= 150 MB/s native;  wasm time <= 1.6x native.
//   node bench/drift.mjs      (scripts/bench.sh builds both first)
import { figures } from './figures.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'mlwb-drift-'));
const run = (cmd, args) => execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
const parse = (out) => Object.fromEntries(out.trim().split('\n').map((l) => l.split('|'))
  .map(([name, s, amount, digest]) => [name, { seconds: Number(s), amount: Number(amount), digest }]));

const native = parse(run(join(root, 'build/native/mlwb_drift_bench'), ['--write', dir]));
const wasm = parse(run(process.execPath, ['--no-experimental-fetch', join(root, 'build/wasm/mlwb_drift_bench.js')]));
const py = JSON.parse(run('/usr/bin/python3', [join(root, 'bench/drift_scipy.py'), dir]).trim().split('\n').pop());
rmSync(dir, { recursive: true, force: true });

const out = figures('drift');
let failed = 0;
const verdict = (ok, text) => { if (!ok) failed++; return `${text}: ${ok ? 'PASS' : 'FAIL'}`; };
const ms = (s) => (s * 1e3).toFixed(1);
console.log('Drift lens: one numeric column, 1M reference vs 1M current rows (median of 5 runs); CSV reader');
console.log(`${'case'.padEnd(24)} ${'native'.padStart(10)} ${'wasm'.padStart(10)} ${'wasm/nat'.padStart(9)} ${'scipy'.padStart(10)} ${'vs scipy'.padStart(9)}  budget`);
for (const [name, peer] of [['all metrics 1M vs 1M', py.all_seconds], ['default test 1M vs 1M', py.default_seconds]]) {
  const n = native[name], w = wasm[name];
  const ratio = w.seconds / n.seconds, speedup = peer / n.seconds;
  const budgets = [verdict(ratio <= 1.6, 'wasm <= 1.6x')];
  if (name.startsWith('all')) {
    budgets.unshift(verdict(n.seconds <= 0.4, '<= 400 ms'), verdict(speedup >= 3, '>= 3x scipy'));
    out.record('drift, all metrics, 1M vs 1M numeric, native', `${ms(n.seconds)} ms (${(2 / n.seconds).toFixed(1)}M rows/s)`, '≤ 400 ms', n.seconds <= 0.4);
    out.record('drift vs scipy/numpy (same data, same metrics)', `${speedup.toFixed(1)}x (scipy ${ms(peer)} ms)`, '≥ 3x', speedup >= 3);
  }
  out.record(`drift rows/s, ${name.replace(' 1M vs 1M', '')}, wasm/native`, `native ${(2 / n.seconds).toFixed(1)}M/s, wasm ${(2 / w.seconds).toFixed(1)}M/s: ${ratio.toFixed(2)}` +
             (n.digest === w.digest ? '' : '; results DIFFER'), 'wasm/native ≤ 1.6, same result', ratio <= 1.6 && n.digest === w.digest);
  console.log(`${name.padEnd(24)} ${(ms(n.seconds) + ' ms').padStart(10)} ${(ms(w.seconds) + ' ms').padStart(10)} ${ratio.toFixed(2).padStart(9)} ` +
              `${(ms(peer) + ' ms').padStart(10)} ${(speedup.toFixed(1) + 'x').padStart(9)}  ${budgets.join(', ')}`);
  if (n.digest !== w.digest) { failed++; console.log(`  native and wasm differ: ${n.digest} / ${w.digest}`); }
}
const csvName = Object.keys(native).find((k) => k.startsWith('CSV') && !k.includes('cold'));
const cold = native['CSV cold (first read)'], coldWasm = wasm['CSV cold (first read)'];
const mbps = (r) => r.amount / r.seconds / 1e6;
const cn = native[csvName], cw = wasm[csvName];
console.log(`${csvName.padEnd(24)} ${(mbps(cn).toFixed(0) + ' MB/s').padStart(10)} ${(mbps(cw).toFixed(0) + ' MB/s').padStart(10)} ` +
            `${(cw.seconds / cn.seconds).toFixed(2).padStart(9)} ${''.padStart(10)} ${''.padStart(9)}  ` +
            `${verdict(mbps(cn) >= 150, '>= 150 MB/s native')}, ${verdict(cw.seconds / cn.seconds <= 1.6, 'wasm <= 1.6x')}`);
out.record('CSV reader MB/s, wasm/native', `native ${mbps(cn).toFixed(0)} MB/s, wasm ${mbps(cw).toFixed(0)} MB/s: ${(cw.seconds / cn.seconds).toFixed(2)}`,
           'wasm/native ≤ 1.6', cw.seconds / cn.seconds <= 1.6);
console.log(`${'  first read (cold pages)'.padEnd(24)} ${(mbps(cold).toFixed(0) + ' MB/s').padStart(10)} ${(mbps(coldWasm).toFixed(0) + ' MB/s').padStart(10)}` +
            '   (fresh pages from the OS; later reads reuse the heap, as the page does)');
// The same numbers from both: scipy's values beside ours (native), for the reader to compare.
console.log(`values: ours ${native['all metrics 1M vs 1M'].digest}`);
console.log(`        scipy ${py.scipy} / numpy ${py.numpy}: ks=${py.values.ks} w=${py.values.w} e=${py.values.e} ad=${py.values.ad} cvm=${py.values.cvm} psi=${py.values.psi} js=${py.values.js} h=${py.values.h}`);
out.save();
process.exitCode = failed ? 1 : 0;

// The budget figures each benchmark measured, collected for one closing table
// (bench/summary.mjs). A benchmark calls record() for every figure that has a budget of the
// performance issue (or of an instrument's own issue) and save() once at the end; the file is
// build/bench/<name>.json, rewritten on every run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIGURES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'build', 'bench');

export function figures(name) {
  const rows = [];
  return {
    // what: the figure; measured: the value as printed; budget: the rule as printed; ok: true or false.
    record(what, measured, budget, ok) { rows.push({ what, measured, budget, ok: Boolean(ok) }); return ok; },
    save() {
      mkdirSync(FIGURES_DIR, { recursive: true });
      writeFileSync(join(FIGURES_DIR, `${name}.json`), JSON.stringify({ name, when: new Date().toISOString(), rows }, null, 1));
    },
  };
}

// The p-quantile of the values as the frame benchmarks report it: the sorted value at
// floor(p (n - 1)), no interpolation (p95 of 128 frames is a frame that happened).
export function quantile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * (s.length - 1)))];
}

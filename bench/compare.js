import { readFileSync } from 'node:fs';
import { fmtMs, table } from './stats.js';

/** `--compare a.json b.json`: for every case present in both, b's median / a's median (< 1 = b faster). */
export function compare(aPath, bPath) {
  const load = (p) => {
    try {
      return JSON.parse(readFileSync(p, 'utf8'));
    } catch (e) {
      throw new Error(`--compare: cannot read ${p} as a bench result (${e.message})`);
    }
  };
  const a = load(aPath);
  const b = load(bPath);
  const key = (c) => `${c.model} | ${c.backend} | ${c.method}`;
  const byKey = new Map(a.cases.map((c) => [key(c), c]));
  const rows = [];
  for (const cb of b.cases) {
    const ca = byKey.get(key(cb));
    if (!ca) continue;
    const r = cb.time.median / ca.time.median;
    rows.push([cb.model, cb.backend, cb.method, fmtMs(ca.time.median), fmtMs(cb.time.median), `${r.toFixed(2)}x`, r < 0.95 ? 'faster' : r > 1.05 ? 'slower' : 'same']);
  }
  console.log(`a = ${aPath} (${a.startedAt}, ${a.machine?.cpu ?? '?'})`);
  console.log(`b = ${bPath} (${b.startedAt}, ${b.machine?.cpu ?? '?'})\n`);
  if (rows.length === 0) {
    console.log('No case appears in both files.');
    return;
  }
  console.log(table(['model', 'backend', 'method', 'a median', 'b median', 'b/a', ''], rows));
  const pa = new Map((a.parallel ?? []).map((p) => [p.name, p]));
  for (const p of b.parallel ?? []) {
    const q = pa.get(p.name);
    if (q) console.log(`\n${p.name}: speedup ${q.speedup.toFixed(2)}x (a) → ${p.speedup.toFixed(2)}x (b)`);
  }
}

import { readFileSync } from 'node:fs';
import { fmtMs, fmtPct, table } from './stats.js';

/** The timed cases of a result file by `model | engine | method` (older files: `cases` with `backend`). */
function casesOf(result) {
  const out = new Map();
  if (Array.isArray(result.runs)) {
    for (const run of result.runs) for (const c of run.cases) if (c.time) out.set(`${run.model} | ${run.engine} | ${c.method}`, c);
  } else {
    for (const c of result.cases ?? []) out.set(`${c.model} | ${c.backend} | ${c.method}`, c);
  }
  return out;
}

/** `--compare a.json b.json`: for every case present in both, b's median / a's median (< 1 = b faster), with each side's run-queue wait. */
export function compare(aPath, bPath) {
  const load = (p) => {
    try {
      return JSON.parse(readFileSync(p, 'utf8'));
    } catch (e) {
      throw new Error(`--compare: cannot read ${p} as a bench result (${e.message})`, { cause: e });
    }
  };
  const a = load(aPath);
  const b = load(bPath);
  const ca = casesOf(a);
  const rows = [];
  for (const [key, cb] of casesOf(b)) {
    const c = ca.get(key);
    if (!c) continue;
    const r = cb.time.median / c.time.median;
    rows.push([
      ...key.split(' | '),
      fmtMs(c.time.median),
      fmtPct(c.time.waitShare),
      fmtMs(cb.time.median),
      fmtPct(cb.time.waitShare),
      `${r.toFixed(2)}×`,
      r < 0.95 ? 'faster' : r > 1.05 ? 'slower' : 'same',
    ]);
  }
  console.log(`a = ${aPath} (${a.startedAt}, load ${a.machine?.loadavgAtStart?.join(' ') ?? '?'})`);
  console.log(`b = ${bPath} (${b.startedAt}, load ${b.machine?.loadavgAtStart?.join(' ') ?? '?'})\n`);
  if (rows.length === 0) {
    console.log('No case appears in both files.');
    return;
  }
  console.log(table(['model', 'engine', 'method', 'a median', 'a wait', 'b median', 'b wait', 'b/a', ''], rows));
  console.log('\nwait = share of runnable time spent waiting for a core; a ratio between runs that waited is not a speed difference.');
}

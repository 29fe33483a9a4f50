import os from 'node:os';
import { machineBusyMs, schedDelta, schedSample } from './sched.js';

const quantile = (sorted, p) => {
  if (sorted.length === 0) return NaN;
  const i = (sorted.length - 1) * p;
  const lo = Math.floor(i);
  const hi = Math.ceil(i);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
};

/**
 * Summary of run times (ms): median, min, max, quartiles; with the CPU time of each run (all threads)
 * the median CPU time and cpu/wall; with the run-queue wait of each run (sched.js) the share of the
 * process's runnable time spent waiting for a core: Σ wait / (Σ cpu + Σ wait). `per` divides every
 * figure (per image of a batch).
 */
export function summarize(times, { cpu = [], wait = [], per = 1, load, othersShare } = {}) {
  const t = times.map((x) => x / per);
  const s = [...t].sort((a, b) => a - b);
  const c = [...cpu.map((x) => x / per)].sort((a, b) => a - b);
  const cpuSum = cpu.reduce((a, b) => a + b, 0);
  const waitSum = wait.reduce((a, b) => a + b, 0);
  const median = quantile(s, 0.5);
  const cpuMedian = c.length ? quantile(c, 0.5) : NaN;
  return {
    runs: s.length,
    median,
    min: s[0],
    max: s[s.length - 1],
    q1: quantile(s, 0.25),
    q3: quantile(s, 0.75),
    times: t,
    cpuMedian,
    cpuOverWall: cpuMedian / median,
    cpuTimes: cpu.map((x) => x / per),
    waitShare: wait.length && wait.every(Number.isFinite) ? waitSum / (cpuSum + waitSum) : NaN,
    othersShare: othersShare ?? NaN,
    ...(load ? { load } : {}),
  };
}

/**
 * Runs `fn` `warmup` times untimed, then `runs` times timed: wall clock (performance.now), the
 * process's CPU time and its threads' run-queue wait (sched.js), the 1-minute load average at the
 * start and end, and `othersShare`: the CPU time every other process took during the timed runs
 * (/proc/stat's busy time minus this process's), as a share of all cores over that time (at least
 * 250 ms: short cases are repeated, unrecorded, to fill it) — the measure of a busy machine. `per` reports per image (a batch of `per` images per call).
 */
export async function timeRuns(fn, { runs, warmup, per = 1 }) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  const cpu = [];
  const wait = [];
  const loadStart = os.loadavg()[0];
  const busy0 = machineBusyMs();
  const own0 = process.cpuUsage();
  const wall0 = performance.now();
  for (let i = 0; i < runs; i++) {
    const a = schedSample();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    const d = schedDelta(a, schedSample());
    cpu.push(d.cpuMs);
    wait.push(d.waitMs);
  }
  // /proc/stat counts in 10 ms ticks: for a share worth reading, the window spans at least 250 ms (more
  // calls of the same work, not recorded, where the timed runs were shorter).
  while (performance.now() - wall0 < 250) await fn();
  const own = process.cpuUsage(own0);
  const others = Math.max(0, machineBusyMs() - busy0 - (own.user + own.system) / 1000) / (os.availableParallelism() * (performance.now() - wall0));
  return summarize(times, { cpu, wait, per, load: [round2(loadStart), round2(os.loadavg()[0])], othersShare: others });
}

const round2 = (x) => Math.round(x * 100) / 100;

export const mb = (bytes) => Math.round(bytes / 2 ** 20);

/** Peak resident set size of this process so far, in MiB (monotonic: the lifetime maximum). */
export const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return '—';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`;
}

export const fmtPct = (x) => (Number.isFinite(x) ? `${Math.round(x * 100)} %` : '—');

/** A plain text table: columns padded to their widest cell; numbers right-aligned. */
export function table(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const numeric = /^[-+\d.,×x%s ]+(ms|s|MB|%)?$|^—$/;
  const line = (r) =>
    r
      .map((c, i) => (numeric.test(c) && i > 0 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

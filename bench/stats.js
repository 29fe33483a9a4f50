/** Summary of a list of run times (ms): median, min, max, quartiles. */
export function summarize(times, cpu = []) {
  const s = [...times].sort((a, b) => a - b);
  const q = (p) => {
    if (s.length === 0) return NaN;
    const i = (s.length - 1) * p;
    const lo = Math.floor(i);
    const hi = Math.ceil(i);
    return s[lo] + (s[hi] - s[lo]) * (i - lo);
  };
  const c = [...cpu].sort((a, b) => a - b);
  const cpuMedian = c.length ? c[Math.floor((c.length - 1) / 2)] / 2 + c[Math.ceil((c.length - 1) / 2)] / 2 : NaN;
  return { runs: s.length, median: q(0.5), min: s[0], max: s[s.length - 1], q1: q(0.25), q3: q(0.75), times, cpuMedian, cpuTimes: cpu };
}

/**
 * Runs `fn` `warmup` times untimed, then `runs` times timed: wall clock (ms, performance.now) and the
 * process's CPU time (user + system, all threads, ms), which is less sensitive to other processes.
 */
export async function timeRuns(fn, { runs, warmup }) {
  for (let i = 0; i < warmup; i++) await fn();
  const times = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return summarize(times, cpu);
}

export const mb = (bytes) => Math.round(bytes / 2 ** 20);

/** Peak resident set size of this process so far, in MiB (monotonic: the lifetime maximum). */
export const peakRssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return '—';
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

/** A plain text table: columns padded to their widest cell; numbers right-aligned. */
export function table(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c)));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (/^[-\d.,×x%s ]+$|^—$/.test(c) && i > 0 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

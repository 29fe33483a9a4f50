/** Resident memory of this process, after a full garbage collection when Node runs with --expose-gc. */
function memoryNow() {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return { rssMB: m.rss / 2 ** 20, heapMB: m.heapUsed / 2 ** 20, externalMB: m.external / 2 ** 20 };
}

/**
 * Whether repeated calls grow the process: `warmup` calls first (arenas, caches and sessions reach
 * their size), then `runs` calls with the memory sampled every `every` calls (after a GC, so JS garbage
 * not yet collected is not counted as growth). Growth = last sample − first; slope = least-squares MB
 * per 100 calls over the samples. A leak of one gradient per call (ResNet-50: 0.6 MB) shows as
 * ≈ 60 MB per 100 calls; a flat process stays within a few MB (allocator noise).
 */
export async function rssGrowth(call, { runs, warmup = 10, every = 20 }) {
  for (let i = 0; i < warmup; i++) await call();
  const samples = [{ calls: 0, ...memoryNow() }];
  for (let i = 1; i <= runs; i++) {
    await call();
    if (i % every === 0 || i === runs) samples.push({ calls: i, ...memoryNow() });
  }
  const first = samples[0];
  const last = samples[samples.length - 1];
  const n = samples.length;
  const mx = samples.reduce((s, p) => s + p.calls, 0) / n;
  const my = samples.reduce((s, p) => s + p.rssMB, 0) / n;
  const sxy = samples.reduce((s, p) => s + (p.calls - mx) * (p.rssMB - my), 0);
  const sxx = samples.reduce((s, p) => s + (p.calls - mx) ** 2, 0);
  const round = (x) => Math.round(x * 10) / 10;
  return {
    runs,
    warmup,
    gc: typeof globalThis.gc === 'function',
    beforeMB: round(first.rssMB),
    afterMB: round(last.rssMB),
    growthMB: round(last.rssMB - first.rssMB),
    heapGrowthMB: round(last.heapMB - first.heapMB),
    slopeMBPer100Calls: sxx > 0 ? round((sxy / sxx) * 100) : 0,
    samples: samples.map((s) => ({ calls: s.calls, rssMB: round(s.rssMB), heapMB: round(s.heapMB), externalMB: round(s.externalMB) })),
  };
}

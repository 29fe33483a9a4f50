/** The default largest share of the machine's cores other processes may take during a case whose ratio is printed (--max-busy). */
export const MAX_BUSY = 0.15;

/**
 * Why a measured case cannot be trusted for a comparison, or null when it can:
 * - with Linux's /proc/stat (stats.js `othersShare`): other processes took more than `maxBusy` of all
 *   cores while the case ran — the machine was busy;
 * - else with per-thread schedstat (`waitShare`): the case's threads spent more than 2 × `maxBusy` of
 *   their runnable time waiting for a core (this also counts the process's own extra threads, such as
 *   V8's garbage collector competing with ONNX Runtime's pool, hence the wider margin);
 * - else cpu/wall under half the threads the engine uses (a starved run; can also flag work that is
 *   partly single-threaded).
 */
export function starvation(time, threads, maxBusy = MAX_BUSY) {
  if (!time) return 'not measured';
  if (Number.isFinite(time.othersShare)) {
    return time.othersShare > maxBusy ? `other processes took ${Math.round(time.othersShare * 100)} % of the cores` : null;
  }
  if (Number.isFinite(time.waitShare)) {
    return time.waitShare > 2 * maxBusy ? `waited ${Math.round(time.waitShare * 100)} % of its runnable time for a core` : null;
  }
  if (Number.isFinite(time.cpuOverWall) && time.cpuOverWall < 0.5 * threads) {
    return `cpu/wall ${time.cpuOverWall.toFixed(2)} with ${threads} thread(s)`;
  }
  return null;
}

/**
 * a.median / b.median when neither run was starved, else `{ busy }` naming which side was: a ratio of
 * two medians only means something when both had the cores they asked for.
 */
export function guardedRatio(a, aThreads, b, bThreads, maxBusy = MAX_BUSY) {
  if (!a || !b) return { missing: true };
  const why = [starvation(a, aThreads, maxBusy), starvation(b, bThreads, maxBusy)];
  if (why[0] || why[1]) return { busy: [why[0] && `this case: ${why[0]}`, why[1] && `reference: ${why[1]}`].filter(Boolean).join('; ') };
  return { ratio: a.median / b.median };
}

/** The default largest share of runnable time a case may have spent waiting for a core (--max-wait). */
export const MAX_WAIT = 0.1;

/**
 * Why a measured case cannot be trusted for a comparison, or null when it can. With Linux schedstat
 * (sched.js) the measure is direct: the share of its threads' runnable time spent waiting on a run
 * queue because other processes held the cores; above `maxWait` the case was starved. Without it, the
 * fallback is cpu/wall far below the threads the engine uses (under half), which also catches a
 * starved run but can flag a case whose work is partly single-threaded.
 */
export function starvation(time, threads, maxWait = MAX_WAIT) {
  if (!time) return 'not measured';
  if (Number.isFinite(time.waitShare)) {
    return time.waitShare > maxWait ? `waited ${Math.round(time.waitShare * 100)} % of its runnable time for a core` : null;
  }
  if (Number.isFinite(time.cpuOverWall) && time.cpuOverWall < 0.5 * threads) {
    return `cpu/wall ${time.cpuOverWall.toFixed(2)} with ${threads} thread(s)`;
  }
  return null;
}

/**
 * a.median / b.median when neither run was starved, else `{ busy }` naming which side waited: a ratio
 * of two medians is only meaningful when both had the cores they asked for.
 */
export function guardedRatio(a, aThreads, b, bThreads, maxWait = MAX_WAIT) {
  const why = [starvation(a, aThreads, maxWait), starvation(b, bThreads, maxWait)];
  if (!a || !b) return { missing: true };
  if (why[0] || why[1]) return { busy: [why[0] && `this case ${why[0]}`, why[1] && `the reference ${why[1]}`].filter(Boolean).join('; ') };
  return { ratio: a.median / b.median };
}

import { readdirSync, readFileSync } from 'node:fs';

/**
 * How much CPU this process got (process.cpuUsage: user + system, all threads), and how long its
 * threads waited for a core: the second field of Linux's per-thread `/proc/self/task/<tid>/schedstat`
 * ("time on a CPU (ns), time runnable but waiting on a run queue (ns), time slices"), summed over the
 * process's threads. The wait is the direct measure of starvation on a
 * shared machine: a thread that waits for another thread's result sleeps and does not count; a thread
 * that could run but finds every core taken does. Threads that ended between two reads drop out of the
 * sum, so read around work whose threads persist (ONNX Runtime's pool, Node's main thread).
 *
 * Where schedstat is missing (not Linux, or a kernel without it), `available` is false and the wait is
 * unknown (NaN).
 */
export function schedSample() {
  const u = process.cpuUsage();
  const cpuMs = (u.user + u.system) / 1000;
  let waitNs = 0;
  let tasks;
  try {
    tasks = readdirSync('/proc/self/task');
  } catch {
    return { available: false, cpuMs, waitMs: NaN };
  }
  let read = 0;
  for (const t of tasks) {
    try {
      waitNs += Number(readFileSync(`/proc/self/task/${t}/schedstat`, 'utf8').trim().split(/\s+/)[1]);
      read++;
    } catch {
      // the thread ended while we read
    }
  }
  return read === 0 ? { available: false, cpuMs, waitMs: NaN } : { available: true, cpuMs, waitMs: waitNs / 1e6 };
}

/** CPU and run-queue wait (ms) between two samples. */
export function schedDelta(a, b) {
  return { cpuMs: b.cpuMs - a.cpuMs, waitMs: a.available && b.available ? b.waitMs - a.waitMs : NaN };
}

/** True where per-thread schedstat can be read (checked once). */
export const schedstatAvailable = schedSample().available;

/**
 * CPU time (ms) every process of the machine spent busy so far: the first line of Linux's /proc/stat
 * (user + nice + system + irq + softirq + steal, in USER_HZ = 100 ticks per second). NaN elsewhere.
 */
export function machineBusyMs() {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = f;
    return (user + nice + system + irq + softirq + (steal || 0)) * 10;
  } catch {
    return NaN;
  }
}

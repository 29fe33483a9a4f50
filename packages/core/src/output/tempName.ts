import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, readlinkSync } from 'node:fs';
import os from 'node:os';

function read(f: () => string): string {
  try {
    return f().trim();
  } catch {
    return '';
  }
}

/**
 * The process-id space this process lives in, as 8 hex digits: a hash of the host name, the Linux PID
 * namespace and the boot id (where they exist). Two processes with the same tag can test each other's
 * liveness by pid (`kill(pid, 0)`); a tag that differs is another machine, another container or an
 * earlier boot, whose pids mean nothing here.
 */
export const PID_SPACE = createHash('sha256')
  .update([os.hostname(), read(() => readlinkSync('/proc/self/ns/pid')), read(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8'))].join('\0'))
  .digest('hex')
  .slice(0, 8);

/**
 * Temporary names: `<final name>.visor-<pid space>-<pid>-<8 hex>.tmp`, beside the destination. Also matches
 * the older `<final name>.visor-<pid>-<8 hex>.tmp` (no pid space: taken as this one). Groups: 1 pid space, 2 pid.
 */
export const TEMP_FILE_PATTERN = /\.visor-(?:([0-9a-f]{8})-)?(\d+)-[0-9a-f]{8}\.tmp$/;

/** A fresh temporary name for `target`, owned by this process. */
export function tempPathFor(target: string): string {
  return `${target}.visor-${PID_SPACE}-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
}

/** Who wrote a temporary file (from its name), or null when the name is not one of ours. */
export function tempOwner(name: string): { pidSpace: string; pid: number } | null {
  const m = TEMP_FILE_PATTERN.exec(name);
  return m ? { pidSpace: m[1] ?? PID_SPACE, pid: Number(m[2]) } : null;
}

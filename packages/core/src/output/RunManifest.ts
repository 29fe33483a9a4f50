import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunInfo } from '../contracts/RunReport.js';
import { VisorError } from '../errors/VisorError.js';
import type { InputRecord, InputTask, RunRecord } from './InputRecord.js';
import { PID_SPACE, tempOwner } from './tempName.js';
import { parseRecordJson, recordJson } from './recordJson.js';
import { writeFileAtomic } from './writeFileAtomic.js';

/** The manifest's folder inside the output folder. */
export const MANIFEST_DIR = '.visor';

/** Size and modification time of a file, or null when it cannot be read. */
export async function fileSource(path: string): Promise<InputRecord['source']> {
  try {
    const s = await stat(path);
    return { bytes: s.size, mtimeMs: Math.floor(s.mtimeMs) };
  } catch {
    return null;
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The record of what a run has completed, in `out/.visor/`: `run.json` (the settings the outputs depend
 * on and the run's facts) and one `inputs/<stem>.json` per finished input, each written atomically (a
 * temporary file renamed into place) when the input's files are all committed. Several processes, even on
 * several machines sharing the folder, can record different inputs at once: no file is shared.
 */
export class RunManifest {
  readonly dir: string;

  constructor(readonly outDir: string) {
    this.dir = join(outDir, MANIFEST_DIR);
  }

  private recordPath(stem: string): string {
    return join(this.dir, 'inputs', `${stem}.json`);
  }

  /**
   * Starts a session. `fresh` forgets every earlier record and writes `run.json`. `resume` keeps the
   * records when `run.json`'s fingerprint equals `fingerprint` and returns the recorded run facts (with the
   * first session's start time); a differing fingerprint is a VisorError naming the settings that changed.
   * Resuming where nothing was recorded starts fresh.
   */
  async start(mode: 'fresh' | 'resume', fingerprint: Record<string, unknown>, info: RunInfo): Promise<{ info: RunInfo; resumed: boolean }> {
    if (mode === 'resume') {
      const previous = await this.readRun();
      if (previous) {
        const changed = [...new Set([...Object.keys(previous.fingerprint), ...Object.keys(fingerprint)])].filter(
          (k) => JSON.stringify(previous.fingerprint[k]) !== JSON.stringify(fingerprint[k]),
        );
        if (changed.length) {
          throw new VisorError(`Cannot resume the run in ${this.outDir}: its ${changed.join(', ')} changed since it was started.`, {
            code: 'config',
            file: join(this.dir, 'run.json'),
            hint: 'Resume with the same config, or run without --resume (explains every input again), or choose another output folder.',
          });
        }
        return { info: { ...info, startedAt: previous.info.startedAt }, resumed: true };
      }
    }
    await rm(join(this.dir, 'inputs'), { recursive: true, force: true });
    const record: RunRecord = { schema: 'visor/run@1', fingerprint, info };
    await writeFileAtomic(join(this.dir, 'run.json'), `${recordJson(record)}\n`);
    return { info, resumed: false };
  }

  async readRun(): Promise<RunRecord | null> {
    try {
      const r = parseRecordJson<RunRecord>(await readFile(join(this.dir, 'run.json'), 'utf8'));
      return r?.schema === 'visor/run@1' ? r : null;
    } catch {
      return null;
    }
  }

  /** Records an input (atomically: a reader sees the old record or the whole new one). */
  async record(record: InputRecord): Promise<void> {
    await writeFileAtomic(this.recordPath(record.stem), `${recordJson(record)}\n`);
  }

  /** The record of an input, or null when there is none (or it cannot be read, or is another input's). */
  async read(task: Pick<InputTask, 'stem' | 'path'>): Promise<InputRecord | null> {
    try {
      const r = parseRecordJson<InputRecord>(await readFile(this.recordPath(task.stem), 'utf8'));
      return r?.schema === 'visor/input-record@1' && r.path === task.path ? r : null;
    } catch {
      return null;
    }
  }

  /**
   * Why a `done` record cannot be trusted any more, or null when it can: the input file changed since
   * (size or modification time), or a file it lists is missing or differs in size or SHA-256.
   */
  async check(record: InputRecord): Promise<string | null> {
    if (record.status !== 'done' || !record.summary) return `status ${record.status}`;
    const now = await fileSource(record.path);
    if (!now || !record.source || now.bytes !== record.source.bytes || now.mtimeMs !== record.source.mtimeMs) return `${record.path} changed`;
    for (const f of record.files) {
      const path = join(this.outDir, f.path);
      const s = await stat(path).catch(() => null);
      if (!s) return `${f.path} is missing`;
      if (s.size !== f.bytes) return `${f.path} has ${s.size} bytes, recorded ${f.bytes}`;
      if ((await sha256Of(path)) !== f.sha256) return `${f.path} differs from the recorded file (SHA-256)`;
    }
    return null;
  }

  /**
   * Removes temporary files that killed processes left in the output folder (`*.visor-<pid space>-<pid>-*.tmp`,
   * see `tempPathFor`). A temp file of this pid space (this machine, container and boot) is stale when its
   * process no longer runs. Another pid space's process cannot be asked (another machine sharing the folder,
   * or before a reboot), so its temp file is stale only when it has not been written to for
   * `othersAfterMs` (default one hour: a live writer renames its temp files within seconds). Returns how many.
   */
  async removeStaleTemps(options: { othersAfterMs?: number } = {}): Promise<number> {
    const othersAfterMs = options.othersAfterMs ?? 60 * 60 * 1000;
    let removed = 0;
    const entries = await readdir(this.outDir, { withFileTypes: true, recursive: true }).catch(() => []);
    for (const e of entries) {
      const owner = e.isFile() ? tempOwner(e.name) : null;
      if (!owner) continue;
      const path = join(e.parentPath, e.name);
      let stale: boolean;
      if (owner.pidSpace === PID_SPACE) stale = !alive(owner.pid);
      else {
        const s = await stat(path).catch(() => null);
        stale = s !== null && Date.now() - s.mtimeMs >= othersAfterMs;
      }
      if (stale) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }
}

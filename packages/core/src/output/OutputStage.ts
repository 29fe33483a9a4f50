import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { safeOutputPath } from './safeOutputPath.js';

/**
 * Transactional output: files are written next to their destination under a temporary name, then renamed
 * into place by `commit()` (rename is atomic on one file system). `discard()` removes everything staged,
 * so a renderer that fails, or a run that is interrupted, leaves no partial file behind.
 */
export class OutputStage {
  private readonly staged = new Map<string, string>(); // final path → temp path
  private closed = false;

  constructor(readonly outDir: string) {}

  async write(relativePath: string, data: Uint8Array | string): Promise<void> {
    if (this.closed) throw new Error('OutputStage: write after commit/discard');
    const target = safeOutputPath(this.outDir, relativePath);
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.visor-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
    const previous = this.staged.get(target);
    this.staged.set(target, temp);
    if (previous) await rm(previous, { force: true });
    await writeFile(temp, data);
  }

  /** Final paths staged so far. */
  paths(): string[] {
    return [...this.staged.keys()];
  }

  async commit(): Promise<string[]> {
    this.closed = true;
    const done: string[] = [];
    for (const [target, temp] of this.staged) {
      await rename(temp, target);
      done.push(target);
    }
    this.staged.clear();
    return done;
  }

  async discard(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.staged.values()].map((t) => rm(t, { force: true })));
    this.staged.clear();
  }
}

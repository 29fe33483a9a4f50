import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OutputStage } from './OutputStage.js';

async function listAll(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(join(e.parentPath, e.name).slice(dir.length + 1));
  return out.sort();
}

describe('OutputStage', () => {
  it('shows nothing under the final names until commit, then exactly the staged files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'visor-stage-'));
    const stage = new OutputStage(dir);
    await stage.write('a/b.txt', 'hello');
    await stage.write('c.bin', new Uint8Array([1, 2, 3]));
    expect((await listAll(dir)).filter((f) => !f.endsWith('.tmp'))).toEqual([]);
    await stage.commit();
    expect(await listAll(dir)).toEqual(['a/b.txt', 'c.bin']);
    expect(await readFile(join(dir, 'a/b.txt'), 'utf8')).toBe('hello');
    expect([...(await readFile(join(dir, 'c.bin')))]).toEqual([1, 2, 3]);
  });

  it('discard leaves no file at all', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'visor-stage-'));
    const stage = new OutputStage(dir);
    await stage.write('x/y.png', 'partial');
    await stage.discard();
    expect(await listAll(dir)).toEqual([]);
  });

  it('refuses names that escape the output folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'visor-stage-'));
    const stage = new OutputStage(dir);
    await expect(stage.write('../evil.txt', 'x')).rejects.toThrow(/escape the output folder/);
    await expect(stage.write('a/../../evil.txt', 'x')).rejects.toThrow(/escape/);
    await expect(stage.write('/etc/passwd', 'x')).rejects.toThrow(/absolute path/);
    await stage.write('a/../ok.txt', 'fine');
    await stage.commit();
    expect(await listAll(dir)).toEqual(['ok.txt']);
  });
});

/**
 * Every command of the README's "Use" section runs as printed, from a fresh folder that has the repository's
 * `examples/` and `test/fixtures/` (the paths the commands name) and the repository's `visor` on its PATH,
 * as it is after the README's set-up (`npm ci && npm run demo` links and builds it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, symlink, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The shell commands of the README's "## Use" section: code lines starting with `npx visor`, continuations joined, comments dropped. */
async function useCommands(): Promise<string[]> {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith('Use'));
  if (!section) throw new Error('README.md has no "## Use" section');
  const code = [...section.matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)].map((m) => m[1]).join('\n');
  const joined = code.replace(/\\\n\s*/g, ' ');
  return joined
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l.startsWith('npx visor'));
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'visor-readme-'));
  await symlink(join(root, 'examples'), join(dir, 'examples'));
  await mkdir(join(dir, 'test'));
  await symlink(join(root, 'test/fixtures'), join(dir, 'test/fixtures'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the README's Use section", () => {
  it('has commands, and `npx visor --help` works after the set-up', async () => {
    expect((await useCommands()).length).toBeGreaterThanOrEqual(5);
    const r = spawnSync('npx', ['visor', '--help'], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}` } });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/visor <command> \[options\]/);
  });

  it('every command runs as printed and exits 0', async () => {
    for (const command of await useCommands()) {
      const r = spawnSync('bash', ['-c', command], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 240_000,
        env: { ...process.env, PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}` },
      });
      expect({ command, status: r.status, stderr: r.stderr.slice(-2000) }).toMatchObject({ command, status: 0 });
    }
  }, 900_000);
});

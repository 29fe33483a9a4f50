/**
 * Every command of the README's "Use" section runs as printed, from a fresh folder that looks like the repository
 * after the README's set-up (`npm ci && npm run demo` installs, links and builds `visor`): its `examples/`,
 * `test/fixtures/` (the paths the commands name) and `node_modules/` (where `npx visor` finds the binary),
 * so the commands' `out/` is written there and not into the checkout.
 */
import { spawnSync } from 'node:child_process';
import { access, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
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
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'));
  await writeFile(join(dir, 'package.json'), '{ "name": "readme-check", "private": true }\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the README's Use section", () => {
  it('has commands, and `npx visor --help` works after the set-up', async () => {
    expect((await useCommands()).length).toBeGreaterThanOrEqual(5);
    const r = spawnSync('npx', ['visor', '--help'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/visor <command> \[options\]/);
  });

  it('every command runs as printed and exits 0', async () => {
    for (const command of await useCommands()) {
      const r = spawnSync('bash', ['-c', command], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 240_000,
      });
      expect({ command, status: r.status, stderr: r.stderr.slice(-2000) }).toMatchObject({ command, status: 0 });
    }
    // What the commands say they write is there (the Outputs paragraph's names).
    const made = (p: string) =>
      access(join(dir, p)).then(
        () => p,
        () => `missing: ${p}`,
      );
    const expected = [
      'out/explain/06-square-watermark/grid.png',
      'out/explain/06-square-watermark.json',
      'out/demo/clean/report.html',
      'out/demo/clever-hans/metrics.csv',
      'out/demo/clever-hans/results.jsonl',
      'out/visor.yaml',
      'out/visor.schema.json',
    ];
    expect(await Promise.all(expected.map(made))).toEqual(expected);
    const explained = JSON.parse(await readFile(join(dir, 'out/explain/06-square-watermark.json'), 'utf8'));
    expect(explained.predictions[0].label).toBe('circle'); // the clever-hans model's shortcut, as the README says
    expect(new Set(explained.metricResults.map((m: { metric: string }) => m.metric))).toEqual(new Set(['deletion', 'insertion']));
    expect(JSON.parse(await readFile(join(dir, 'out/visor.schema.json'), 'utf8')).$schema).toMatch(/json-schema/);
    // The "What the demo shows" tables are what scripts/demoTable.mjs prints for this run of the demo config.
    const table = spawnSync('node', [join(root, 'scripts/demoTable.mjs'), join(dir, 'out/demo')], { encoding: 'utf8' });
    expect(table.status).toBe(0);
    const readme = await readFile(join(root, 'README.md'), 'utf8');
    for (const line of table.stdout.split('\n').filter((l) => l.startsWith('|'))) expect(readme).toContain(line);
  }, 900_000);
});

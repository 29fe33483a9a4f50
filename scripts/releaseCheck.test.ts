import { describe, expect, it } from 'vitest';
import { packagesWithoutChangeset } from './releaseCheck.mjs';

const packages = [
  { name: '@visor/core', dir: 'packages/core' },
  { name: '@visor/plugin-cam', dir: 'packages/plugin-cam' },
  { name: '@visor/plugin-camx', dir: 'packages/plugin-camx' },
];
const plan = (...names: string[]) => ({ changesets: [{ releases: names.map((name) => ({ name, type: 'minor' })) }] });

describe('packagesWithoutChangeset (the release dry-run in CI)', () => {
  it('names a changed package that no changeset names, with its files', () => {
    const changed = ['packages/core/src/a.ts', 'packages/plugin-cam/src/cam.ts', 'packages/plugin-cam/README.md', 'README.md'];
    expect(packagesWithoutChangeset(changed, packages, plan('@visor/core'))).toEqual([
      { name: '@visor/plugin-cam', files: ['packages/plugin-cam/src/cam.ts', 'packages/plugin-cam/README.md'] },
    ]);
  });

  it('passes when every changed package is named, and when nothing changed', () => {
    expect(packagesWithoutChangeset(['packages/core/src/a.ts'], packages, plan('@visor/core'))).toEqual([]);
    expect(packagesWithoutChangeset([], packages, { changesets: [] })).toEqual([]);
  });

  it('test-only changes need no changeset; a directory prefix of another package does not match', () => {
    const changed = ['packages/plugin-cam/src/cam.test.ts', 'packages/plugin-cam/test/x.ts', 'packages/plugin-camx/src/y.ts'];
    expect(packagesWithoutChangeset(changed, packages, plan())).toEqual([{ name: '@visor/plugin-camx', files: ['packages/plugin-camx/src/y.ts'] }]);
  });

  it('with no changeset at all, every changed package is missing', () => {
    expect(
      packagesWithoutChangeset(['packages/core/x.ts', 'packages/plugin-cam/y.ts'], packages, { changesets: [] }).map((m: { name: string }) => m.name),
    ).toEqual(['@visor/core', '@visor/plugin-cam']);
  });
});

#!/usr/bin/env node
// `npm run release` (dry run, in .ci/run): prints the release plan of the pending changesets (from one
// `changeset status` run's JSON plan) and fails when a package changed since the last release is named by no
// changeset. (`changeset status` alone only fails when there is no changeset at all.) The last release is the commit in .changeset/last-release (`changeset version`
// consumes the changesets; record its commit there then). Test files (`*.test.ts`, `test/`) need no changeset.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The packages whose shipped files changed and that no changeset names.
 * @param {string[]} changedFiles repository-relative paths changed since the last release
 * @param {{ name: string, dir: string }[]} packages the workspaces (dir repository-relative, no trailing slash)
 * @param {{ changesets: { releases: { name: string }[] }[] }} plan `changeset status --output`'s JSON
 * @returns {{ name: string, files: string[] }[]}
 */
export function packagesWithoutChangeset(changedFiles, packages, plan) {
  const named = new Set(plan.changesets.flatMap((c) => c.releases.map((r) => r.name)));
  const shipped = (f) => !/\.test\.[cm]?[jt]s$/.test(f) && !/(^|\/)test\//.test(f);
  return packages
    .map((p) => ({ name: p.name, files: changedFiles.filter((f) => f.startsWith(`${p.dir}/`) && shipped(f.slice(p.dir.length + 1))) }))
    .filter((p) => p.files.length > 0 && !named.has(p.name));
}

function main() {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const base = readFileSync(join(root, '.changeset/last-release'), 'utf8').trim();
  const tmp = mkdtempSync(join(tmpdir(), 'visor-release-'));
  try {
    const out = join(tmp, 'plan.json');
    const status = spawnSync('npx', ['changeset', 'status', `--since=${base}`, `--output=${out}`], { cwd: root, encoding: 'utf8' });
    let plan;
    try {
      plan = JSON.parse(readFileSync(out, 'utf8'));
    } catch {
      plan = { changesets: [] }; // no changeset at all: status wrote no plan
      if (status.status === 0) throw new Error(`release: \`changeset status --output\` wrote no plan:\n${status.stderr}`);
    }
    for (const r of plan.releases ?? []) {
      console.log(`release: ${r.name} ${r.oldVersion} → ${r.newVersion} (${r.type}${r.changesets.length ? `: ${r.changesets.join(', ')}` : ', a dependent'})`);
    }
    const diff = spawnSync('git', ['diff', '--name-only', base, 'HEAD'], { cwd: root, encoding: 'utf8' });
    if (diff.status !== 0) throw new Error(`release: git diff against the last release ${base.slice(0, 7)} failed:\n${diff.stderr}`);
    const workspaces = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;
    const packages = workspaces.map((dir) => ({ dir, name: JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')).name }));
    const missing = packagesWithoutChangeset(diff.stdout.split('\n').filter(Boolean), packages, plan);
    for (const m of missing) {
      console.error(
        `release: ${m.name} changed since the last release (${base.slice(0, 7)}) but no changeset names it (${m.files.length} file(s), e.g. ${m.files[0]}); add one with \`npx changeset\`.`,
      );
    }
    if (missing.length === 0) console.log(`release: every package changed since ${base.slice(0, 7)} has a changeset.`);
    return missing.length === 0 ? 0 : 1;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main();

#!/usr/bin/env node
// `npm run release` (dry run, in .ci/run): the release plan of the pending changesets, and a failure when a
// package changed since the last release has no changeset. The last release is the commit recorded in
// .changeset/last-release (`changeset version` consumes the changesets; record its commit there then).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const base = readFileSync(new URL('../.changeset/last-release', import.meta.url), 'utf8').trim();
const run = spawnSync('npx', ['changeset', 'status', '--verbose', `--since=${base}`], { stdio: 'inherit' });
if (run.status !== 0) {
  console.error(`release: some package changed since the last release (${base.slice(0, 7)}) has no changeset; add one with \`npx changeset\`.`);
}
process.exitCode = run.status ?? 1;

import { mkdtemp, readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Renderer, RenderContext } from '../contracts/Renderer.js';
import type { RunReport } from '../contracts/RunReport.js';
import { validateOptions } from '../config/validateOptions.js';
import { OutputStage } from '../output/OutputStage.js';
import { expectDeclared, expectRefused } from './optionsChecks.js';
import { sampleReport } from './sampleReport.js';

export interface RendererConformanceSetup {
  /** The report to render (default: sampleReport()). */
  report?: () => RunReport;
  options?: Record<string, unknown>;
  /** Option objects the renderer's schema must refuse. At least one. */
  invalidOptions: Record<string, unknown>[];
}

async function files(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(join(e.parentPath, e.name).slice(dir.length + 1));
  }
  return out.sort();
}

/**
 * The contract every renderer must meet, as vitest tests: options validated by its schema; it writes at
 * least one non-empty file, only through ctx.write, with the same names on a second run; and when a
 * write fails midway, the error reaches the caller (so the pipeline can discard what was staged).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a contribution of any options type (each validated by its own schema): variance over it is the point
export function rendererConformance(renderer: Renderer<any>, setup: RendererConformanceSetup): void {
  const report = setup.report ?? sampleReport;
  async function render(write?: RenderContext['write']): Promise<{ dir: string; names: string[] }> {
    const dir = await mkdtemp(join(tmpdir(), `visor-${renderer.id}-`));
    const stage = new OutputStage(dir);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a contribution of any options type (each validated by its own schema): variance over it is the point
    const ctx: RenderContext<any> = {
      options: validateOptions(renderer, setup.options ?? {}),
      outDir: dir,
      write: write ?? ((p, d) => stage.write(p, d)),
      progress: () => {},
      signal: new AbortController().signal,
    };
    try {
      await renderer.render(report(), ctx);
      await stage.commit();
    } catch (e) {
      await stage.discard();
      throw e;
    }
    return { dir, names: await files(dir) };
  }

  describe(`renderer conformance: ${renderer.id}`, () => {
    it('declares an id, a description and an object options schema whose defaults validate', () => expectDeclared(renderer));

    it('refuses invalid options', () => expectRefused(renderer, setup.invalidOptions));

    it('writes non-empty files through ctx.write only, with stable names', async () => {
      const first = await render();
      expect(first.names.length).toBeGreaterThan(0);
      for (const n of first.names) expect((await stat(join(first.dir, n))).size, n).toBeGreaterThan(0);
      expect(first.names.some((n) => n.endsWith('.tmp'))).toBe(false);
      const second = await render();
      expect(second.names).toEqual(first.names);
    });

    it('passes a failed write on to the caller, so nothing partial is kept', async () => {
      let calls = 0;
      const failing: RenderContext['write'] = async () => {
        calls++;
        throw new Error('disk full');
      };
      await expect(render(failing)).rejects.toThrow('disk full');
      expect(calls).toBeGreaterThanOrEqual(1);
    });
  });
}

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * Worker threads run compiled JavaScript, and unit tests run from TypeScript sources. This transpiles
 * core's sources (no type-check: tsc's transpileModule, file by file, about a second) into a private
 * folder under packages/core/test-output/ (gitignored) so the worker tests never depend on, or
 * overwrite, a `dist` another build produced. Node resolves the compiled files' package imports
 * from the repository's node_modules as usual. Returns the folder and the URL of the worker entry.
 */
export async function compileCoreForWorkers(): Promise<{ dir: string; workerUrl: URL; cleanup: () => void }> {
  const ts = (await import('typescript')).default;
  const src = fileURLToPath(new URL('../', import.meta.url));
  const dir = fileURLToPath(new URL(`../../test-output/workers-${process.pid}-${Date.now()}/`, import.meta.url));
  const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  for (const file of walk(src)) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts') || file.endsWith('.d.ts')) continue;
    const out = join(dir, relative(src, file)).replace(/\.ts$/, '.js');
    const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        esModuleInterop: true,
        isolatedModules: true,
      },
    });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, outputText);
  }
  return {
    dir,
    workerUrl: pathToFileURL(join(dir, 'workers', 'scoringWorker.js')),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Engine } from '../contracts/Engine.js';
import type { ModelSource } from '../contracts/ModelSource.js';
import type { VisorModel } from '../contracts/VisorModel.js';
import { VisorError, isVisorError } from '../errors/VisorError.js';
import type { Registry } from '../plugins/Registry.js';
import { headView, type OutputActivation } from './headView.js';

export interface LoadModelOptions {
  /** `auto` (default) or a backend one of the engines lists. */
  backend?: string;
  threads?: number;
  inputSize?: [number, number];
  /** What turns the logits into probabilities (`auto`: the model's own output activation); see headView. */
  outputActivation?: OutputActivation;
}

/** A loaded model and why its engine was chosen. */
export interface LoadedModel {
  model: VisorModel;
  /** E.g. "auto: onnx (ONNX Runtime …)" or "auto: tfjs; onnx could not load it: …". */
  reason: string;
}

const HEAD_BYTES = 512;

async function headOf(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const buf = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const oneLine = (e: unknown): string => String((e as Error)?.message ?? e).split('\n')[0]!;

/**
 * Reads a model file with the first registered ModelFormat that recognises it, and builds it on an
 * engine: the one serving `backend`, or under `auto` the engines that accept the source in priority
 * order, the first that loads it winning (the reason says why the others did not). Every failure is
 * a VisorError (code `model`, or `usage` for an unknown backend) naming the file and the fix.
 * The model is returned as its head is to be scored (`headView`: declared output activation, a single
 * sigmoid output as two classes).
 */
export async function loadModel(path: string, registry: Registry, options: LoadModelOptions = {}): Promise<LoadedModel> {
  const file = resolve(path);
  let isDir: boolean;
  try {
    isDir = (await stat(file)).isDirectory();
  } catch {
    throw new VisorError(`${path}: model file not found`, {
      code: 'model',
      file: path,
      hint: `give a model file: ${
        registry
          .formats()
          .map((f) => f.description)
          .join('; ') || '(no model format loaded)'
      }`,
    });
  }
  const head = isDir ? new Uint8Array(0) : await headOf(file);
  const formats = registry.formats();
  const format = formats.find((f) => f.detect(file, head));
  if (!format) {
    throw new VisorError(`${file}: not a model file Visor can read`, {
      code: 'model',
      file,
      hint: `accepted: ${formats.map((f) => f.description).join('; ') || '(no model format loaded: add an engine plugin)'}`,
    });
  }
  const source = await format.read(file);
  const backend = options.backend ?? 'auto';
  const engines = registry.engines();
  const load = (engine: Engine): Promise<VisorModel> =>
    engine.load(source, {
      backend: engine.backends.includes(backend) ? backend : 'auto',
      ...(options.threads !== undefined ? { threads: options.threads } : {}),
      ...(options.inputSize !== undefined ? { inputSize: options.inputSize } : {}),
    });

  if (backend !== 'auto') {
    const engine = engines.find((e) => e.backends.includes(backend));
    if (!engine) {
      const known = ['auto', ...engines.flatMap((e) => e.backends)];
      throw new VisorError(`backend "${backend}" is not served by any loaded engine; accepted: ${known.join(', ')}`, { code: 'usage' });
    }
    if (!engine.accepts(source)) throw cannotRun(source, engine, backend);
    const model = await viewed(await load(engine), options.outputActivation);
    // The engine may say more (e.g. tfjs: "wasm requested explicitly; wasm ready"): don't repeat it.
    const more = model.engineReason && !model.engineReason.startsWith(`${backend} requested explicitly`) ? ` (${model.engineReason})` : '';
    return { model, reason: model.engineReason?.startsWith(`${backend} requested explicitly`) ? model.engineReason : `${backend} requested explicitly${more}` };
  }

  const candidates = engines.filter((e) => e.accepts(source));
  if (candidates.length === 0) throw cannotRun(source, undefined, 'auto');
  const skipped: { engine: Engine; error: unknown }[] = [];
  for (const engine of candidates) {
    try {
      const model = await viewed(await load(engine), options.outputActivation);
      const why = skipped.map((s) => `${s.engine.id} could not load it (${oneLine(s.error)})`);
      const note = model.engineReason ? ` (${model.engineReason})` : '';
      return { model, reason: `auto: ${engine.id}${note}${why.length ? `; ${why.join('; ')}` : ''}` };
    } catch (e) {
      if (!isVisorError(e) || (e.code !== 'model' && e.code !== 'usage' && e.code !== 'run')) throw e;
      skipped.push({ engine, error: e });
    }
  }
  const first = skipped[0]!.error as VisorError;
  if (skipped.length === 1) throw first;
  throw new VisorError(
    `${first.message}; ${skipped
      .slice(1)
      .map((s) => `${s.engine.id}: ${oneLine(s.error)}`)
      .join('; ')}`,
    {
      code: 'model',
      file,
      hint: first.hint,
      cause: first,
    },
  );
}

/** The model seen through its head (headView); disposed if the view is refused. */
async function viewed(model: VisorModel, activation: OutputActivation = 'auto'): Promise<VisorModel> {
  try {
    return headView(model, activation);
  } catch (e) {
    await model.dispose();
    throw e;
  }
}

function cannotRun(source: ModelSource, engine: Engine | undefined, backend: string): VisorError {
  const what = engine ? `backend "${backend}" (engine ${engine.id}) cannot run` : 'no loaded engine can run';
  return new VisorError(`${source.file}: ${what} ${source.format} models`, {
    code: 'usage',
    file: source.file,
    hint: 'choose backend: auto, or load the engine plugin for this format',
  });
}

import { parse as parseYamlScalar } from 'yaml';
import { resolve } from 'node:path';
import { VisorError, type VisorConfig } from '@visor/core';

export interface ExplainFlags {
  inputs: string[];
  model: string;
  method: string[];
  top?: number;
  target?: (string | number)[];
  layer?: string;
  set?: string[];
  preprocess?: string;
  backend?: string;
  renderer?: string[];
  /** Metrics to compute on the explanations (`--metric deletion,insertion`); `--set` sets their options too. */
  metric?: string[];
  /** Ground-truth masks: `./masks/{name}.png`. */
  masks?: string;
  /** What turns the model's outputs into probabilities (`auto` = the model's own). */
  outputActivation?: string;
  /** `HxW` (or `H×W`, `H,W`) for models whose input size is free. */
  inputSize?: string;
  out: string;
  labels?: string;
}

/** Methods whose `layer` option --layer sets. */
const LAYERED = new Set(['cam', 'grad-cam', 'grad-cam++', 'guided-grad-cam']);

const splitList = (values: string[]) =>
  values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * The one-line `visor explain` as the config it stands for (paths made absolute), so `--print-config` can show
 * it and `visor run` of that file does the same thing.
 */
export function explainConfig(flags: ExplainFlags, cwd: string): VisorConfig {
  const methods = splitList(flags.method);
  const metrics = splitList(flags.metric ?? []);
  const options = new Map<string, Record<string, unknown>>([...methods, ...metrics].map((m) => [m, {}]));
  if (flags.layer) for (const m of methods) if (LAYERED.has(m)) options.get(m)!.layer = flags.layer;
  for (const assignment of flags.set ?? []) {
    const m = /^([^.=\s]+)\.([^=\s]+)=(.*)$/.exec(assignment);
    if (!m) throw new VisorError(`--set "${assignment}" is not of the form <method>.<option>=<value>, e.g. occlusion.patch=16.`, { code: 'usage' });
    const [, method, key, raw] = m;
    if (!options.has(method!)) {
      throw new VisorError(
        `--set "${assignment}" names "${method}", which is not in --method (${methods.join(', ')}) or --metric (${metrics.join(', ') || 'none'}).`,
        {
          code: 'usage',
          hint: `Add ${method} to --method (or --metric).`,
        },
      );
    }
    options.get(method!)![key!] = parseYamlScalar(raw!);
  }
  const abs = (p: string) => resolve(cwd, p);
  const targets: VisorConfig['targets'] = flags.target?.length
    ? { classes: flags.target.map((t) => (typeof t === 'number' || /^\d+$/.test(String(t)) ? Number(t) : String(t))) }
    : { top: flags.top ?? 1 };
  const config: VisorConfig = {
    model: abs(flags.model),
    backend: flags.backend ?? 'auto',
    preprocess: (flags.preprocess ?? 'none') as VisorConfig['preprocess'],
    inputs: flags.inputs.map(abs),
    targets,
    explainers: methods.map((m) => (Object.keys(options.get(m)!).length ? { [m]: options.get(m)! } : m)),
    renderers: splitList(flags.renderer ?? ['png', 'json', 'html']),
    out: abs(flags.out),
  };
  const entry = (m: string) => (Object.keys(options.get(m)!).length ? { [m]: options.get(m)! } : m);
  if (metrics.length) config.metrics = metrics.map(entry);
  if (flags.masks) config.masks = abs(flags.masks);
  if (flags.inputSize !== undefined) config.inputSize = parseInputSize(flags.inputSize);
  if (flags.outputActivation && flags.outputActivation !== 'auto') config.outputActivation = flags.outputActivation as VisorConfig['outputActivation'];
  if (flags.labels) config.labels = flags.labels === 'imagenet' ? 'imagenet' : abs(flags.labels);
  return config;
}

/** `--input-size HxW` (also `H×W`, `H,W`) as [height, width], or a usage error naming the flag. */
export function parseInputSize(text: string): [number, number] {
  const m = /^\s*(\d+)\s*[x×,]\s*(\d+)\s*$/i.exec(text);
  if (!m || Number(m[1]) < 1 || Number(m[2]) < 1) {
    throw new VisorError(`--input-size "${text}" is not a size; expected height×width, e.g. 224x224.`, { code: 'usage' });
  }
  return [Number(m[1]), Number(m[2])];
}

/* eslint-disable @typescript-eslint/no-explicit-any -- Explainer<any>, Renderer<any>, Metric<any>: contributions of any options type (each validated by its own schema); variance over that type is the point */
import { Container } from 'inversify';
import type { Engine } from '../contracts/Engine.js';
import type { Explainer } from '../contracts/Explainer.js';
import type { Metric } from '../contracts/Metric.js';
import type { ModelFormat } from '../contracts/ModelFormat.js';
import type { Renderer } from '../contracts/Renderer.js';
import type { PluginBind, VisorPlugin } from '../contracts/VisorPlugin.js';
import { didYouMean } from '../config/didYouMean.js';
import { VisorError } from '../errors/VisorError.js';
import { TYPES } from '../tokens.js';

interface Owned<T> {
  value: T;
  plugin: VisorPlugin;
}

type Contribution = Explainer<any> | Renderer<any> | Metric<any> | Engine | ModelFormat;

/** The contribution kinds a plugin can bind, with their tokens. */
const KINDS = {
  explainer: TYPES.Explainer,
  renderer: TYPES.Renderer,
  metric: TYPES.Metric,
  engine: TYPES.Engine,
  format: TYPES.ModelFormat,
} as const;

type Kind = keyof typeof KINDS;

function contributions<T>(scratch: Container, token: symbol): T[] {
  return scratch.isBound(token) ? scratch.getAll<T>(token) : [];
}

/**
 * The container with every plugin's contributions (explainers, renderers, metrics, engines, model
 * formats) multi-bound to one token per kind, and the registries keyed by id built from those bindings. Plugins register in the given order; each one
 * registers into a scratch container first so that a failure or a duplicate id names the plugin.
 */
export class Registry {
  readonly container = new Container();
  readonly plugins: VisorPlugin[] = [];
  private readonly owners = new Map<string, Owned<Contribution>>();

  constructor(plugins: VisorPlugin[]) {
    for (const plugin of plugins) this.add(plugin);
  }

  private add(plugin: VisorPlugin): void {
    if (this.plugins.some((p) => p.name === plugin.name)) return; // declared twice: load once
    const scratch = new Container();
    const found: [Kind, Contribution[]][] = [];
    try {
      plugin.register(scratch.bind.bind(scratch) as PluginBind);
      for (const [kind, token] of Object.entries(KINDS) as [Kind, symbol][]) found.push([kind, contributions<Contribution>(scratch, token)]);
    } catch (cause) {
      throw new VisorError(`Plugin ${plugin.name}@${plugin.version} failed while registering: ${(cause as Error)?.message ?? cause}`, {
        code: 'plugin',
        cause,
      });
    }
    for (const [kind, list] of found) {
      for (const c of list) {
        if (!c || typeof c.id !== 'string' || !c.id) {
          throw new VisorError(`Plugin ${plugin.name} registered a ${kind} without an id.`, { code: 'plugin' });
        }
        const key = `${kind}:${c.id}`;
        const prior = this.owners.get(key);
        if (prior) {
          throw new VisorError(
            `Duplicate ${kind} id "${c.id}": registered by both ${prior.plugin.name}@${prior.plugin.version} and ${plugin.name}@${plugin.version}.`,
            { code: 'plugin', hint: 'Remove one of the two plugins from the config, or give one of the contributions another id.' },
          );
        }
        this.owners.set(key, { value: c, plugin });
        this.container.bind(KINDS[kind]).toConstantValue(c);
      }
    }
    this.container.bind(TYPES.Plugin).toConstantValue(plugin);
    this.plugins.push(plugin);
  }

  /** Every explainer bound in the container, by id. */
  explainers(): Map<string, Explainer<any>> {
    return new Map(contributions<Explainer<any>>(this.container, TYPES.Explainer).map((e) => [e.id, e]));
  }

  renderers(): Map<string, Renderer<any>> {
    return new Map(contributions<Renderer<any>>(this.container, TYPES.Renderer).map((r) => [r.id, r]));
  }

  metrics(): Map<string, Metric<any>> {
    return new Map(contributions<Metric<any>>(this.container, TYPES.Metric).map((m) => [m.id, m]));
  }

  /** Every engine, in `priority` order (the order `backend: auto` tries them). */
  engines(): Engine[] {
    return contributions<Engine>(this.container, TYPES.Engine).sort((a, b) => a.priority - b.priority);
  }

  /** Every model format, in registration order (the first that detects a file reads it). */
  formats(): ModelFormat[] {
    return contributions<ModelFormat>(this.container, TYPES.ModelFormat);
  }

  /** The plugin that contributed an id. */
  ownerOf(kind: Kind, id: string): VisorPlugin | undefined {
    return this.owners.get(`${kind}:${id}`)?.plugin;
  }

  explainer(id: string): Explainer<any> {
    return this.lookup('explainer', id, this.explainers()) as Explainer<any>;
  }

  renderer(id: string): Renderer<any> {
    return this.lookup('renderer', id, this.renderers()) as Renderer<any>;
  }

  metric(id: string): Metric<any> {
    return this.lookup('metric', id, this.metrics()) as Metric<any>;
  }

  private lookup<T>(kind: Kind, id: string, map: Map<string, T>): T {
    const found = map.get(id);
    if (found) return found;
    throw this.unknown(kind, id, [...map.keys()]);
  }

  /** The ids of one kind of contribution. */
  ids(kind: Kind): string[] {
    const all = contributions<Contribution>(this.container, KINDS[kind]);
    return all.map((c) => c.id);
  }

  /** The error for an unknown id, with a "did you mean" and the known ids. */
  unknown(kind: Kind, id: string, known = this.ids(kind)): VisorError {
    const guess = didYouMean(id, known);
    return new VisorError(
      `Unknown ${kind} "${id}"${guess ? `: did you mean "${guess}"?` : '.'} Known ${kind}s: ${known.join(', ') || '(none: no plugin loaded)'}.`,
      { code: 'config', hint: `Load the plugin that provides "${id}" under plugins:, or fix the name.` },
    );
  }
}

import type { JsonSchema, Renderer, RenderContext } from '@visor/core';
import { explanationDocument } from './explanationDocument.js';

export interface JsonRendererOptions {
  /** Also write the values of `extras` maps (their shapes and meanings are always written). */
  includeExtras: boolean;
  /** Indent the document (numeric arrays stay on one line). */
  pretty: boolean;
}

export const JSON_DEFAULTS: JsonRendererOptions = { includeExtras: false, pretty: false };

export const JSON_OPTIONS_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { includeExtras: { type: 'boolean' }, pretty: { type: 'boolean' } },
};

/** Indents with 2 spaces but keeps arrays of numbers on one line. */
function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/\[\s*((?:-?[\d.eE+-]+|null)(?:,\s*(?:-?[\d.eE+-]+|null))*)\s*\]/g, (_, body: string) =>
    `[${body.replace(/\s+/g, '')}]`,
  );
}

/** One `visor/explanation@1` JSON document per input, `<stem>.json` (see schema/explanation.schema.json). */
export const jsonRenderer: Renderer<JsonRendererOptions> = {
  id: 'json',
  description: 'One JSON document per input (<stem>.json): predictions and every explanation map with shape, range and meaning',
  optionsSchema: JSON_OPTIONS_SCHEMA,
  defaults: JSON_DEFAULTS,
  async render(report, ctx: RenderContext<JsonRendererOptions>) {
    const o = { ...JSON_DEFAULTS, ...ctx.options }; // options are validated by the pipeline
    for (const [i, input] of report.inputs.entries()) {
      ctx.signal.throwIfAborted();
      const doc = explanationDocument(report, input, o.includeExtras);
      await ctx.write(`${input.stem}.json`, `${o.pretty ? prettyJson(doc) : JSON.stringify(doc)}\n`);
      ctx.progress({ stage: 'render:json', done: i + 1, total: report.inputs.length });
    }
  },
};

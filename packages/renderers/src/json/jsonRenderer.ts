import { streamingRenderer, type JsonSchema, type Renderer, type RenderContext } from '@visor/core';
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
  return JSON.stringify(value, null, 2).replace(
    /\[\s*((?:-?[\d.eE+-]+|null)(?:,\s*(?:-?[\d.eE+-]+|null))*)\s*\]/g,
    (_, body: string) => `[${body.replace(/\s+/g, '')}]`,
  );
}

/** One `visor/explanation@2` JSON document per input, `<stem>.json` (see schema/explanation.schema.json), written as each input finishes. */
export const jsonRenderer: Renderer<JsonRendererOptions> = streamingRenderer<JsonRendererOptions>({
  id: 'json',
  description: 'One JSON document per input (<stem>.json): predictions, every explanation map with shape, range and meaning, and the metrics with their curves',
  optionsSchema: JSON_OPTIONS_SCHEMA,
  defaults: JSON_DEFAULTS,
  async renderInput(input, run, ctx: RenderContext<JsonRendererOptions>) {
    const o = { ...JSON_DEFAULTS, ...ctx.options }; // options are validated by the pipeline
    const doc = explanationDocument(run, input, o.includeExtras);
    await ctx.write(`${input.stem}.json`, `${o.pretty ? prettyJson(doc) : JSON.stringify(doc)}\n`);
  },
});

import type { JsonSchema } from '@visor/core';
import { el } from './el.js';

/** A form for one plugin's options, generated from its JSON Schema (the schema the YAML config is validated with). */
export interface OptionsForm {
  element: HTMLElement;
  /** The options the user set: fields left empty are omitted, so the plugin's defaults apply (as in YAML). */
  read(): Record<string, unknown>;
  /** Sets fields from an options object (missing keys: back to the default). */
  set(options: Record<string, unknown>): void;
}

type Field = { key: string; read(): unknown; set(value: unknown): void };

const show = (v: unknown): string => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Text of a field that takes several kinds of value (`anyOf`, arrays): JSON when it parses (`16`, `[12, 8]`,
 * `0.5`), a bare list of numbers as an array (`12, 8`), anything else as a string (`auto`, `mean`).
 * The worker validates the result against the schema, so a wrong value gets the CLI's message.
 */
export function parseLoose(text: string): unknown {
  const t = text.trim();
  if (t === '') return undefined;
  try {
    return JSON.parse(t);
  } catch {
    if (/^-?[\d.eE+-]+(\s*,\s*-?[\d.eE+-]+)+$/.test(t)) return t.split(',').map((s) => Number(s.trim()));
    return t;
  }
}

function fieldFor(key: string, prop: Record<string, unknown>, fallback: unknown, id: string): { field: Field; input: HTMLElement } {
  const values = prop.enum as unknown[] | undefined;
  if (values) {
    const select = el('select', { id, name: key }) as HTMLSelectElement;
    select.append(el('option', { value: '' }, `(default${fallback === undefined ? '' : `: ${show(fallback)}`})`));
    for (const v of values) select.append(el('option', { value: JSON.stringify(v) }, show(v)));
    const set = (v: unknown) => {
      select.value = v === undefined || v === fallback ? '' : JSON.stringify(v);
    };
    return { input: select, field: { key, read: () => (select.value === '' ? undefined : JSON.parse(select.value)), set } };
  }
  if (prop.type === 'boolean') {
    const box = el('input', { id, name: key, type: 'checkbox' }) as HTMLInputElement;
    const set = (v: unknown) => {
      box.checked = Boolean(v ?? fallback);
    };
    // Only a value that differs from the default is sent.
    return { input: box, field: { key, read: () => (box.checked === Boolean(fallback) ? undefined : box.checked), set } };
  }
  if (prop.type === 'integer' || prop.type === 'number') {
    const input = el('input', { id, name: key, type: 'number', step: prop.type === 'integer' ? '1' : 'any', placeholder: show(fallback) }) as HTMLInputElement;
    if (typeof prop.minimum === 'number') input.min = String(prop.minimum);
    if (typeof prop.maximum === 'number') input.max = String(prop.maximum);
    const set = (v: unknown) => {
      input.value = v === undefined || v === fallback ? '' : String(v);
    };
    return { input, field: { key, read: () => (input.value.trim() === '' ? undefined : Number(input.value)), set } };
  }
  const input = el('input', { id, name: key, type: 'text', placeholder: show(fallback), spellcheck: 'false' }) as HTMLInputElement;
  const plain = prop.type === 'string';
  const set = (v: unknown) => {
    input.value = v === undefined || JSON.stringify(v) === JSON.stringify(fallback) ? '' : show(v);
  };
  return { input, field: { key, read: () => (plain ? input.value.trim() || undefined : parseLoose(input.value)), set } };
}

/**
 * Builds a form: one labelled field per property of the schema, its description as help text and its default
 * as the placeholder. `enum` → a select, `boolean` → a checkbox, `integer`/`number` → a number field (min/max
 * from the schema), anything else (`anyOf`, arrays, strings) → a text field read by `parseLoose`.
 */
export function optionsForm(owner: string, schema: JsonSchema, defaults: Record<string, unknown>): OptionsForm {
  const properties = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const fields: Field[] = [];
  const element = el('div', { class: 'options', 'data-owner': owner });
  for (const [key, prop] of Object.entries(properties)) {
    const id = `opt-${owner}-${key}`;
    const { field, input } = fieldFor(key, prop, defaults[key] ?? prop.default, id);
    field.set(undefined); // shows the default
    fields.push(field);
    const row = el('div', { class: 'option' });
    row.append(el('label', { for: id }, key), input);
    if (typeof prop.description === 'string') row.append(el('small', { class: 'help' }, prop.description));
    element.append(row);
  }
  if (fields.length === 0) element.append(el('small', { class: 'help' }, 'No options.'));
  return {
    element,
    read() {
      const out: Record<string, unknown> = {};
      for (const f of fields) {
        const v = f.read();
        if (v !== undefined) out[f.key] = v;
      }
      return out;
    },
    set(options) {
      for (const f of fields) f.set(options[f.key]);
    },
  };
}

import { expect } from 'vitest';
import { validateOptions } from '../config/validateOptions.js';
import type { JsonSchema } from '../contracts/JsonSchema.js';

/** What an explainer, renderer or metric declares about its options. */
interface OptionsContribution {
  id: string;
  description: string;
  optionsSchema: JsonSchema;
  defaults: object;
}

/** The declaration the conformance suites check first: an id, a description, an object options schema whose defaults validate. */
export function expectDeclared(c: OptionsContribution): void {
  expect(c.id).toMatch(/^[a-z0-9][a-z0-9+._-]*$/);
  expect(c.description.length).toBeGreaterThan(0);
  expect(c.optionsSchema.type).toBe('object');
  expect(() => validateOptions(c, {})).not.toThrow();
}

/** Each of `invalid` (one at least) refused by the contribution's schema, with a message naming it. */
export function expectRefused(c: OptionsContribution, invalid: object[]): void {
  expect(invalid.length).toBeGreaterThan(0);
  for (const bad of invalid) expect(() => validateOptions(c, bad), JSON.stringify(bad)).toThrow(c.id);
}

import { Ajv, type ValidateFunction } from 'ajv';
import type { JsonSchema } from '../contracts/JsonSchema.js';

let instance: Ajv | undefined;
const cache = new WeakMap<object, ValidateFunction>();

/** One shared Ajv (JSON Schema draft-07, what editors' YAML support understands), compiled schemas cached. */
export function compileSchema(schema: JsonSchema): ValidateFunction {
  instance ??= new Ajv({ allErrors: true, strict: false, verbose: true });
  let fn = cache.get(schema);
  if (!fn) {
    const { $schema: _ignored, ...rest } = schema;
    fn = instance.compile(rest);
    cache.set(schema, fn);
  }
  return fn;
}

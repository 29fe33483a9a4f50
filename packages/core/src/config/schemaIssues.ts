import type { JsonSchema } from '../contracts/JsonSchema.js';
import { compileSchema } from './ajv.js';
import type { ConfigIssue } from './ConfigIssue.js';
import type { YamlPath } from './ConfigSource.js';
import { didYouMean } from './didYouMean.js';

function pointerToPath(pointer: string): YamlPath {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function valueAt(root: unknown, path: YamlPath): unknown {
  let v: unknown = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function acceptedFromSchema(schema: JsonSchema | undefined): string {
  if (!schema) return '';
  if (typeof schema.description === 'string') return schema.description;
  if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`;
  return '';
}

/**
 * Validates `value` against `schema` and turns Ajv's errors into issues a person can act on:
 * unknown keys with a "did you mean", enum values with the accepted list, types, ranges.
 * `prefix` is the YAML path of `value` inside the config file.
 */
export function schemaIssues(schema: JsonSchema, value: unknown, prefix: YamlPath = []): ConfigIssue[] {
  const validate = compileSchema(schema);
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  // An anyOf error explains its branches' errors: keep only it for that location.
  const anyOfPaths = errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath);
  const kept = errors.filter(
    (e) =>
      e.keyword === 'anyOf' ||
      !anyOfPaths.some((p) => e.instancePath === p || e.instancePath.startsWith(`${p}/`)) ||
      // …unless an anyOf sits above the branch errors for a more specific location (nested objects).
      false,
  );
  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  for (const e of kept) {
    const path = pointerToPath(e.instancePath);
    const here = valueAt(value, path);
    const where = [...prefix, ...path];
    let issue: ConfigIssue;
    switch (e.keyword) {
      case 'additionalProperties': {
        const key = String((e.params as { additionalProperty: string }).additionalProperty);
        const known = Object.keys((e.parentSchema?.properties as object | undefined) ?? {});
        const guess = didYouMean(key, known);
        issue = {
          path: [...where, key],
          atKey: true,
          message: `unknown key "${key}"` + (guess ? `: did you mean "${guess}"?` : '') + (known.length ? ` Accepted keys: ${known.join(', ')}.` : ''),
        };
        break;
      }
      case 'required': {
        const key = String((e.params as { missingProperty: string }).missingProperty);
        issue = { path: where, atKey: true, message: `missing required key "${key}"` };
        break;
      }
      case 'enum': {
        const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
        const guess = typeof here === 'string' ? didYouMean(here, allowed) : undefined;
        issue = {
          path: where,
          message:
            `${describeValue(here)} is not accepted` +
            (guess ? `: did you mean "${guess}"?` : '') +
            ` Accepted: ${allowed.map((a) => JSON.stringify(a)).join(', ')}.`,
        };
        break;
      }
      case 'anyOf': {
        const accepted = acceptedFromSchema(e.parentSchema);
        issue = { path: where, message: `${describeValue(here)} is not accepted.${accepted ? ` Expected: ${accepted}` : ''}` };
        break;
      }
      case 'type':
        issue = { path: where, message: `${describeValue(here)} should be ${(e.params as { type: string | string[] }).type}` };
        break;
      default:
        issue = { path: where, message: `${describeValue(here)} ${e.message ?? 'is not accepted'}` };
    }
    const key = `${issue.path.join('.')}|${issue.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      issues.push(issue);
    }
  }
  return issues;
}

/** A short rendering of a config value for error messages. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

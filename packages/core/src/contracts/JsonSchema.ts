/** A JSON Schema (draft 2020-12 subset that Ajv understands) describing a plugin's options. */
export type JsonSchema = Record<string, unknown>;

import type { Json } from './Json.js';
import { kerasError } from './kerasError.js';

/** JSON.parse with a VisorError naming the file and what was being read. */
export function parseKerasJson(file: string, what: string, text: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch (e) {
    throw kerasError(file, `${what} is not valid JSON (${e instanceof Error ? e.message : String(e)})`, 'The file is damaged; save the model again.', e);
  }
}

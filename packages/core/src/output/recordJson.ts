/**
 * JSON for manifest records, keeping non-finite numbers: NaN and ±Infinity are written as
 * `{"$num":"NaN"}` (plain JSON has no such numbers) and read back as numbers.
 */
export function recordJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? { $num: String(v) } : v));
}

export function parseRecordJson<T>(text: string): T {
  return JSON.parse(text, (_key, v) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === '$num' && typeof v.$num === 'string') return Number(v.$num);
    }
    return v;
  }) as T;
}

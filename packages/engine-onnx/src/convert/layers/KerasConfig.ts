/**
 * Typed reads of a Keras layer config (snake_case, as Keras and TF.js save it; camelCase is accepted
 * too), each failing with the key, the value and what was expected.
 */
export class KerasConfig {
  constructor(
    readonly raw: Record<string, unknown>,
    private readonly fail: (message: string) => never,
  ) {}

  /** The value of `key` (snake_case) or of its camelCase spelling. */
  get(key: string): unknown {
    if (key in this.raw) return this.raw[key];
    const camel = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    return this.raw[camel];
  }

  has(key: string): boolean {
    const v = this.get(key);
    return v !== undefined && v !== null;
  }

  private bad(key: string, expected: string): never {
    return this.fail(`config "${key}" is ${JSON.stringify(this.get(key))}; expected ${expected}`);
  }

  number(key: string, fallback?: number): number {
    const v = this.get(key);
    if ((v === undefined || v === null) && fallback !== undefined) return fallback;
    return typeof v === 'number' && Number.isFinite(v) ? v : this.bad(key, 'a number');
  }

  /** A number or null (`max_value`). */
  optionalNumber(key: string): number | null {
    const v = this.get(key);
    return v === undefined || v === null ? null : this.number(key);
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.get(key);
    if (v === undefined || v === null) return fallback;
    return typeof v === 'boolean' ? v : this.bad(key, 'true or false');
  }

  string(key: string, fallback?: string): string {
    const v = this.get(key);
    if ((v === undefined || v === null) && fallback !== undefined) return fallback;
    return typeof v === 'string' ? v : this.bad(key, 'a string');
  }

  /** An integer or a pair of integers (`kernel_size: 3` or `[3, 3]`). */
  pair(key: string, fallback?: [number, number]): [number, number] {
    const v = this.get(key);
    if ((v === undefined || v === null) && fallback) return fallback;
    if (Number.isInteger(v)) return [v as number, v as number];
    if (Array.isArray(v) && v.length === 2 && v.every((x) => Number.isInteger(x))) return [v[0] as number, v[1] as number];
    return this.bad(key, 'an integer or a pair of integers');
  }

  /** An integer list (`target_shape`, `dims`). */
  ints(key: string): number[] {
    const v = this.get(key);
    return Array.isArray(v) && v.every((x) => Number.isInteger(x)) ? (v as number[]) : this.bad(key, 'a list of integers');
  }

  /** `padding: same | valid` of conv and pooling layers. */
  padding(): 'same' | 'valid' {
    const p = this.string('padding', 'valid').toLowerCase();
    return p === 'same' || p === 'valid' ? p : this.bad('padding', '"same" or "valid" ("causal" is for 1-D convolutions)');
  }

  /** Refuses `data_format: channels_first` (the converters read channels-last layers). */
  channelsLast(): void {
    const f = this.get('data_format');
    if (f !== undefined && f !== null && f !== 'channels_last' && f !== 'channelsLast') {
      this.fail(`data_format ${JSON.stringify(f)} is not supported (only channels_last)`);
    }
  }

  /** `[[top, bottom], [left, right]]` from an int, a pair (symmetric per axis) or the full form. */
  pads2d(key: string): [[number, number], [number, number]] {
    const v = this.get(key);
    if (Number.isInteger(v))
      return [
        [v as number, v as number],
        [v as number, v as number],
      ];
    if (Array.isArray(v) && v.length === 2) {
      if (v.every((x) => Number.isInteger(x)))
        return [
          [v[0] as number, v[0] as number],
          [v[1] as number, v[1] as number],
        ];
      if (v.every((x) => Array.isArray(x) && x.length === 2 && x.every((y) => Number.isInteger(y)))) {
        return [(v[0] as number[]).slice(0, 2) as [number, number], (v[1] as number[]).slice(0, 2) as [number, number]];
      }
    }
    return this.bad(key, 'an integer, [height, width] or [[top, bottom], [left, right]]');
  }
}

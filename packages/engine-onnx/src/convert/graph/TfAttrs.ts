/** One attribute of a graph-model node as the TF.js converter writes it (a JSON `AttrValue`). */
export interface TfAttrValue {
  s?: string;
  i?: string | number;
  f?: number;
  b?: boolean;
  type?: string;
  list?: { s?: string[]; i?: (string | number)[]; f?: number[]; b?: boolean[]; type?: string[] };
  shape?: { dim?: { size?: string | number }[]; unknownRank?: boolean };
  tensor?: unknown;
}

const decode64 = (s: string): string => new TextDecoder().decode(Uint8Array.from(atob(s), (c) => c.charCodeAt(0)));

/**
 * Typed reads of a node's attributes (strings are base64, int64s strings), each failing with the
 * attribute's name when it is missing or of the wrong kind.
 */
export class TfAttrs {
  constructor(
    private readonly raw: Record<string, TfAttrValue>,
    private readonly fail: (message: string) => never,
  ) {}

  has(key: string): boolean {
    return this.raw[key] !== undefined;
  }

  string(key: string, fallback?: string): string {
    const v = this.raw[key];
    if (v?.s !== undefined) return decode64(v.s);
    if (fallback !== undefined) return fallback;
    return this.fail(`has no string attribute "${key}"`);
  }

  int(key: string, fallback?: number): number {
    const v = this.raw[key];
    if (v?.i !== undefined) return Number(v.i);
    if (fallback !== undefined) return fallback;
    return this.fail(`has no integer attribute "${key}"`);
  }

  float(key: string, fallback?: number): number {
    const v = this.raw[key];
    if (v?.f !== undefined) return Number(v.f);
    if (fallback !== undefined) return fallback;
    return this.fail(`has no float attribute "${key}"`);
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.raw[key];
    return v?.b !== undefined ? Boolean(v.b) : fallback;
  }

  ints(key: string, fallback?: number[]): number[] {
    const v = this.raw[key];
    if (v?.list !== undefined) return (v.list.i ?? []).map(Number);
    if (fallback !== undefined) return fallback;
    return this.fail(`has no integer-list attribute "${key}"`);
  }

  strings(key: string): string[] {
    return (this.raw[key]?.list?.s ?? []).map(decode64);
  }

  /** A `shape` attribute: null for unknown sizes (−1) or an unknown rank. */
  shape(key: string): (number | null)[] | null {
    const v = this.raw[key]?.shape;
    if (!v || v.unknownRank) return null;
    return (v.dim ?? []).map((d) => {
      const n = Number(d.size ?? -1);
      return n < 0 ? null : n;
    });
  }
}

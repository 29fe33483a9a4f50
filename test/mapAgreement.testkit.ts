/**
 * The two agreement bars of the engine issues (13 and 14), written once:
 *
 * - **same map** (CAM, Grad-CAM, occlusion): max |actual − expected| / max |expected| ≤ 1e-4;
 * - **gradient agreement** (every gradient method): within 1e-4 of the expected map's max |value| on ≥ 99.9 % of
 *   the elements (a ReLU whose input sits at a float32 kink may flip on one engine) and correlation > 0.9999.
 *
 * Every comparison also records its measured numbers in a `DiffLog`, so a test file can print the worst
 * difference per model and method (`VISOR_DIFF_REPORT=1`).
 */
import { expect } from 'vitest';

/** Issue 13's bar for maps that need no gradient through a ReLU: max relative difference. */
export const SAME_MAP_TOLERANCE = 1e-4;
/** Issue 14's bar: an element agrees when within this fraction of the expected map's max |value|. */
export const ELEMENT_TOLERANCE = 1e-4;
/** Issue 14's bar: at least this fraction of the elements agree. */
export const MIN_AGREEING = 0.999;
/** Issue 14's bar: Pearson correlation above this. */
export const MIN_CORRELATION = 0.9999;

export interface Agreement {
  /** max |a − e| / max |e| (the absolute difference when e is all zero). */
  maxRel: number;
  /** Fraction of elements with |a − e| ≤ elementTolerance (default ELEMENT_TOLERANCE) · max |e|. */
  agreeing: number;
  /** Pearson correlation; 1 for two equal constant arrays, 0 for a constant against a varying one. */
  correlation: number;
  count: number;
}

/**
 * Measures how far `actual` is from `expected` (same length), in double precision; an element agrees when within
 * `elementTolerance` of max |expected|.
 */
export function agreement(actual: ArrayLike<number>, expected: ArrayLike<number>, elementTolerance = ELEMENT_TOLERANCE): Agreement {
  const n = expected.length;
  if (actual.length !== n) throw new RangeError(`agreement: ${actual.length} values against ${n} expected`);
  let scale = 0;
  let diff = 0;
  let ma = 0;
  let me = 0;
  for (let i = 0; i < n; i++) {
    scale = Math.max(scale, Math.abs(expected[i]!));
    diff = Math.max(diff, Math.abs(actual[i]! - expected[i]!));
    ma += actual[i]!;
    me += expected[i]!;
  }
  ma /= n;
  me /= n;
  let agreeing = 0;
  let cov = 0;
  let va = 0;
  let ve = 0;
  for (let i = 0; i < n; i++) {
    if (Math.abs(actual[i]! - expected[i]!) <= elementTolerance * scale) agreeing++;
    const da = actual[i]! - ma;
    const de = expected[i]! - me;
    cov += da * de;
    va += da * da;
    ve += de * de;
  }
  const correlation = va > 0 && ve > 0 ? cov / Math.sqrt(va * ve) : diff === 0 ? 1 : 0;
  return { maxRel: scale > 0 ? diff / scale : diff, agreeing: n > 0 ? agreeing / n : 1, correlation, count: n };
}

/** The worst measured numbers per key (e.g. "resnet50 64×64 · guided-backprop guided · raw"). */
export class DiffLog {
  private readonly rows = new Map<string, { maxRel: number; agreeing: number; correlation: number; count: number }>();

  record(key: string, a: Agreement): void {
    const row = this.rows.get(key);
    if (!row) this.rows.set(key, { maxRel: a.maxRel, agreeing: a.agreeing, correlation: a.correlation, count: 1 });
    else {
      row.maxRel = Math.max(row.maxRel, a.maxRel);
      row.agreeing = Math.min(row.agreeing, a.agreeing);
      row.correlation = Math.min(row.correlation, a.correlation);
      row.count++;
    }
  }

  /** Whether a comparison was recorded under `key`. */
  has(key: string): boolean {
    return this.rows.has(key);
  }

  /** A plain-text table of the worst values, one line per key. */
  table(): string {
    const lines = [...this.rows].map(
      ([key, r]) =>
        `${key.padEnd(72)} maxRel ${r.maxRel.toExponential(2)}  agreeing ${(100 * r.agreeing).toFixed(3)} %  corr ${r.correlation.toFixed(8)}  (${r.count} maps)`,
    );
    return lines.join('\n');
  }

  /** Prints the table when VISOR_DIFF_REPORT is set (the numbers quoted in reports come from here). */
  print(title: string): void {
    if (process.env.VISOR_DIFF_REPORT) console.log(`${title}\n${this.table()}`);
  }
}

/** Asserts issue 13's bar (max relative difference ≤ `tolerance`) and returns the measurement. */
export function expectSameMap(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string, log?: DiffLog, tolerance = SAME_MAP_TOLERANCE): Agreement {
  const a = agreement(actual, expected);
  log?.record(what, a);
  expect(a.maxRel, `${what}: max relative difference`).toBeLessThanOrEqual(tolerance);
  return a;
}

/**
 * Asserts issue 14's bar (≥ 99.9 % of elements within 1e-4 of max |expected|, correlation > 0.9999); a caller with
 * a measured reason may widen the element tolerance.
 */
export function expectGradientAgreement(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  what: string,
  log?: DiffLog,
  elementTolerance = ELEMENT_TOLERANCE,
): Agreement {
  const a = agreement(actual, expected, elementTolerance);
  log?.record(what, a);
  expect(a.agreeing, `${what}: fraction of elements within ${elementTolerance} of max |expected|`).toBeGreaterThanOrEqual(MIN_AGREEING);
  expect(a.correlation, `${what}: correlation`).toBeGreaterThan(MIN_CORRELATION);
  return a;
}

import { describe, expect, it } from 'vitest';
import type { MetricResult } from '../contracts/Metric.js';
import { summarizeMetrics } from './summarizeMetrics.js';
import { summarizeMetricCurves } from './summarizeMetricCurves.js';

const T975_DOF2 = 4.30265272974946;

const result = (method: string, metric: string, inputIndex: number, values: Record<string, number>, y?: number[]): MetricResult => ({
  metric,
  method,
  inputIndex,
  classIndex: 0,
  values,
  meaning: `${metric} meaning`,
  ...(y ? { curves: { main: { x: [0, 0.5, 1], y, xLabel: 'fraction', yLabel: 'p' } } } : {}),
});

describe('summarizeMetrics', () => {
  const results = [
    result('cam', 'deletion', 0, { auc: 0.1, start: 0.9 }),
    result('cam', 'deletion', 1, { auc: 0.2, start: 0.8 }),
    result('grad-cam', 'deletion', 0, { auc: 0.4, start: 0.9 }),
    result('cam', 'deletion', 2, { auc: 0.6, start: Number.NaN }),
    result('cam', 'pointing-game', 0, { hit: 1 }),
  ];
  const rows = summarizeMetrics(results);

  it('has one row per (method, metric, value) in order of first appearance', () => {
    expect(rows.map((r) => [r.method, r.metric, r.value, r.headline])).toEqual([
      ['cam', 'deletion', 'auc', true],
      ['cam', 'deletion', 'start', false],
      ['grad-cam', 'deletion', 'auc', true],
      ['grad-cam', 'deletion', 'start', false],
      ['cam', 'pointing-game', 'hit', true],
    ]);
    expect(rows[0]!.meaning).toBe('deletion meaning');
  });

  it('averages over inputs with a Student-t 95 % interval', () => {
    // cam deletion auc: [0.1, 0.2, 0.6]: mean 0.3, deviations −0.2, −0.1, 0.3 → ss 0.14, sd √0.07.
    const auc = rows[0]!;
    expect(auc.n).toBe(3);
    expect(auc.mean).toBeCloseTo(0.3, 12);
    expect(auc.sd).toBeCloseTo(Math.sqrt(0.07), 12);
    const half = (T975_DOF2 * Math.sqrt(0.07)) / Math.sqrt(3);
    expect(auc.low).toBeCloseTo(0.3 - half, 6);
    expect(auc.high).toBeCloseTo(0.3 + half, 6);
    expect(auc.level).toBe(0.95);
  });

  it('counts non-finite values as missing and gives no interval for n = 1', () => {
    expect(rows[1]).toMatchObject({ n: 2, missing: 1 });
    expect(rows[1]!.mean).toBeCloseTo(0.85, 12);
    expect(rows[2]).toMatchObject({ n: 1, mean: 0.4, low: null, high: null, sd: null });
  });
});

describe('summarizeMetricCurves', () => {
  it('averages curves point by point and skips curves with other x positions', () => {
    const other: MetricResult = {
      ...result('cam', 'deletion', 3, { auc: 0 }),
      curves: { main: { x: [0, 1], y: [1, 0], xLabel: 'fraction', yLabel: 'p' } },
    };
    const [s] = summarizeMetricCurves([
      result('cam', 'deletion', 0, { auc: 0 }, [1, 0.5, 0]),
      result('cam', 'deletion', 1, { auc: 0 }, [0.8, 0.3, 0.2]),
      other,
    ]);
    expect(s!.n).toBe(2);
    expect(s!.skipped).toBe(1);
    expect(s!.x).toEqual([0, 0.5, 1]);
    expect(s!.mean[0]!).toBeCloseTo(0.9, 12);
    expect(s!.mean[1]!).toBeCloseTo(0.4, 12);
    expect(s!.mean[2]!).toBeCloseTo(0.1, 12);
    // Two values a, b: half width = t(0.975, 1) · |a − b| / 2 (sd = |a − b|/√2, divided by √2).
    expect(s!.high[0]! - s!.mean[0]!).toBeCloseTo((12.7062047361747 * 0.2) / 2, 6);
  });
});

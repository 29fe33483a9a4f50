// The page.evaluate callbacks run in the browser: they need the DOM types.
/// <reference lib="dom" />
// The index of a 1,000-input run in Debian's Chromium: it opens from disk with no network request, shows one
// page of rows, sorts, filters by predicted class, pages, loads thumbnails, and shows the run's metric table.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MetricResult } from '@visor/core';
import { CHROMIUM, CHROMIUM_LAUNCH } from '@visor/core/testing';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explanation, imageOf, inputReport, mapOf, memoryContext, runReport } from '../__fixtures__/fixtures.js';
import { htmlRenderer, type HtmlRendererOptions } from './htmlRenderer.js';

const available = existsSync(CHROMIUM);
const N = 1000;
const LABELS = ['circle', 'square', 'triangle', 'cross', 'star'];
/** The cam heatmap's maximum of input i: a permutation of 0..999 (7919 is prime to 1000), so every max differs. */
const camMax = (i: number) => (i * 7919) % N;

function report() {
  const inputs = Array.from({ length: N }, (_, i) => {
    const cls = i % 5;
    const target = { classIndex: cls, label: LABELS[cls], score: 0.5 + (i % 50) / 100, scoreKind: 'probability' as const };
    const metrics: MetricResult[] = [
      // cam deletion AUC cycles 0, 0.1, …, 0.9: mean over 1,000 inputs 0.45; curve y(0.5) alternates 0.5 / 0 → mean 0.25.
      {
        metric: 'deletion',
        method: 'cam',
        inputIndex: i,
        classIndex: cls,
        values: { auc: (i % 10) / 10 },
        curves: { deletion: { x: [0, 0.5, 1], y: [1, i % 2 ? 0 : 0.5, 0], xLabel: 'fraction deleted', yLabel: 'p' } },
        meaning: 'lower is better',
      },
      { metric: 'pointing-game', method: 'cam', inputIndex: i, classIndex: cls, values: { hit: i % 4 === 0 ? 1 : 0 }, meaning: 'higher is better' },
    ];
    return inputReport({
      path: `/data/img-${String(i).padStart(4, '0')}.png`,
      stem: `img-${String(i).padStart(4, '0')}`,
      original: imageOf(4, 4, (x, y) => [(i * 37) % 256, x * 60, y * 60]),
      crop: { x: 0, y: 0, width: 4, height: 4 },
      predictions: [
        { classIndex: cls, label: LABELS[cls]!, logit: 2, probability: target.score },
        { classIndex: (cls + 1) % 5, label: LABELS[(cls + 1) % 5]!, logit: 1, probability: 1 - target.score },
      ],
      explanations: [
        explanation({ method: 'cam', target, heatmap: mapOf([-3, -1, -2, camMax(i)], [2, 2]) }),
        explanation({ method: 'occlusion', target, heatmap: mapOf([0, -1, 0.5, 0.25], [2, 2], true) }),
      ],
      metrics,
    });
  });
  return {
    ...runReport(inputs),
    explainers: [
      { id: 'cam', options: {} },
      { id: 'occlusion', options: {} },
    ],
    metrics: [
      { id: 'deletion', options: {} },
      { id: 'pointing-game', options: {} },
    ],
  };
}

describe.skipIf(!available && !process.env.CI)(`the index of a ${N}-input run in chromium`, () => {
  let dir = '';
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    if (!available) throw new Error(`${CHROMIUM} is missing (CI is set, so the browser test must run): apt-get install -y chromium`);
    dir = mkdtempSync(join(tmpdir(), 'visor-index-'));
    const html = memoryContext<HtmlRendererOptions>({ cellSize: 32, thumbSize: 16 });
    await htmlRenderer.render(report(), html.ctx);
    for (const [name, data] of html.files) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), data);
    }
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      ...CHROMIUM_LAUNCH,
      viewport: { width: 1200, height: 900 },
    });
    context.on('request', (r) => requests.push(r.url()));
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
    await page.waitForSelector('body[data-ready="1"]');
  });

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const stems = () => page.locator('#inputs tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-stem')));
  const name = (i: number) => `img-${String(i).padStart(4, '0')}`;

  it('opens with no error and no network request, one page of 100 rows in input order', async () => {
    expect(errors).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
    expect(await page.locator('#count').textContent()).toBe(`rows 1–100 of ${N}`);
    expect(await stems()).toEqual(Array.from({ length: 100 }, (_, i) => name(i)));
  });

  it('loads the thumbnails of the visible rows from report/thumbs/', async () => {
    const first = page.locator('#inputs tbody tr').first().locator('img.thumb');
    await expect.poll(() => first.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(16);
    expect(await first.getAttribute('src')).toBe(`report/thumbs/${name(0)}.png`);
  });

  it('sorts by a method column, ascending then descending', async () => {
    const order = Array.from({ length: N }, (_, i) => i).sort((a, b) => camMax(a) - camMax(b));
    await page.locator('button[data-sort="m0"]').click();
    expect((await stems()).slice(0, 3)).toEqual(order.slice(0, 3).map(name));
    await page.locator('button[data-sort="m0"]').click();
    expect((await stems()).slice(0, 3)).toEqual(order.slice(-3).reverse().map(name));
    expect(await page.locator('button[data-sort="m0"]').getAttribute('data-active')).toBe('desc');
  });

  it('filters by predicted class and pages through the matches', async () => {
    await page.locator('button[data-sort="order"]').click();
    await page.locator('#class-filter').selectOption({ label: 'triangle (200)' });
    expect(await page.locator('#count').textContent()).toBe('rows 1–100 of 200');
    const classes = await page.locator('#inputs tbody tr').evaluateAll((trs) => [...new Set(trs.map((tr) => tr.getAttribute('data-class')))]);
    expect(classes).toEqual(['2']);
    await page.locator('#next').click();
    expect(await page.locator('#count').textContent()).toBe('rows 101–200 of 200');
    expect((await stems())[0]).toBe(name(2 + 5 * 100));
    expect(await page.locator('#next').isDisabled()).toBe(true);
    await page.locator('#class-filter').selectOption('');
    await page.locator('#search').fill('img-0999');
    expect(await stems()).toEqual([name(999)]);
    await page.locator('#search').fill('');
  });

  it('shows the run-level metric table and the mean deletion curve', async () => {
    const cell = page.locator('#metrics td[data-method="cam"][data-metric="deletion"]');
    expect(Number(await cell.getAttribute('data-mean'))).toBeCloseTo(0.45, 12);
    const hit = page.locator('#metrics td[data-method="cam"][data-metric="pointing-game"]');
    expect(Number(await hit.getAttribute('data-mean'))).toBeCloseTo(0.25, 12); // every 4th input hits
    expect(await page.locator('svg.curve polyline[data-method="cam"]').getAttribute('data-y')).toBe('1 0.25 0');
  });

  it("a row's link opens the input's own page, which draws its grid and metrics", async () => {
    await page.locator('#inputs a', { hasText: name(3) }).click();
    await page.waitForURL(/report\/img-0003\.html$/);
    await page.waitForSelector('body[data-ready="1"]');
    expect(await page.locator('canvas.overlay').count()).toBe(2);
    expect(await page.locator('#metrics tr[data-metric="deletion"] [data-value="auc"]').textContent()).toBe('0.3');
    expect(errors).toEqual([]);
  });
});

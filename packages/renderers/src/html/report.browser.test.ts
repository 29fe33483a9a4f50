// The page.evaluate callbacks run in the browser: they need the DOM types.
/// <reference lib="dom" />
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_LAUNCH } from '@visor/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explanation, imageOf, inputReport, mapOf, memoryContext, runReport } from '../__fixtures__/fixtures.js';
import { jsonRenderer, type JsonRendererOptions } from '../json/jsonRenderer.js';
import { colormapIndex } from '../colormap/colormap.js';
import { normalizeWindow, toUnit } from '../normalize/normalizeWindow.js';
import { htmlRenderer, type HtmlRendererOptions } from './htmlRenderer.js';

const available = existsSync(CHROMIUM);
if (!available && !process.env.CI) {
  console.warn(`report.browser.test: skipped, ${CHROMIUM} not found (apt-get install -y chromium); under CI this fails`);
}
const screenshotDir = fileURLToPath(new URL('../../test-output/', import.meta.url));

// An 8×6 heatmap: value = x + 10·y for cam, a signed map for occlusion.
const W = 8;
const H = 6;
const camMap = mapOf(
  Array.from({ length: W * H }, (_, i) => (i % W) + 10 * Math.floor(i / W) + 0.125),
  [H, W],
  false,
  'CAM activation',
);
const occMap = mapOf(
  Array.from({ length: W * H }, (_, i) => Math.sin(i) * 0.3),
  [H, W],
  true,
  'score drop with the patch occluded',
);

function report() {
  const original = imageOf(40, 30, (x, y) => [x * 6, y * 8, 120]);
  const dog = { classIndex: 0, label: 'dog', score: 0.25, scoreKind: 'probability' as const };
  const photo = inputReport({
    stem: 'photo',
    original,
    crop: { x: 4, y: 0, width: 32, height: 30 },
    explanations: [
      explanation({ method: 'cam', heatmap: camMap }),
      explanation({ method: 'occlusion', heatmap: occMap }),
      explanation({ method: 'cam', heatmap: occMap, target: dog }),
    ],
  });
  const array = inputReport({ stem: 'array', path: '/data/array.npy', explanations: [explanation({ method: 'cam', heatmap: camMap })] });
  return { ...runReport([photo, array]), failures: [{ path: '/data/broken.png', message: 'not a PNG' }] };
}

describe.skipIf(!available && !process.env.CI)('report.html in a real browser (chromium)', () => {
  let dir = '';
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  let json: { explanations: { method: string; target: { classIndex: number }; heatmap: { shape: number[]; data: number[] } }[] };

  beforeAll(async () => {
    if (!available) throw new Error(`${CHROMIUM} is missing (CI is set, so the browser test must run): apt-get install -y chromium`);
    dir = mkdtempSync(join(tmpdir(), 'visor-report-'));
    const r = report();
    const html = memoryContext<HtmlRendererOptions>({ cellSize: 160 });
    await htmlRenderer.render(r, html.ctx);
    for (const [name, data] of html.files) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), data);
    }
    const js = memoryContext<JsonRendererOptions>({});
    await jsonRenderer.render(r, js.ctx);
    json = JSON.parse(js.files.get('photo.json') as string);

    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      ...CHROMIUM_LAUNCH,
      viewport: { width: 1000, height: 900 },
    });
    context.on('request', (req) => requests.push(req.url()));
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
    await page.waitForSelector('body[data-ready]');
    // the index: one row per input, the failure listed; each row links to the input's page
    indexRows = await page.locator('#inputs tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-stem')));
    indexFailures = await page.locator('.failures li').allTextContents();
    arrayOverlays = await countOn('report/array.html', 'canvas.overlay[data-stem="array"]');
    await page.locator('#inputs a', { hasText: 'photo' }).click();
    await page.waitForURL(/report\/photo\.html$/);
    await page.waitForSelector('body[data-ready]');
  });
  let indexRows: (string | null)[] = [];
  let indexFailures: string[] = [];
  let arrayOverlays = 0;
  async function countOn(name: string, selector: string): Promise<number> {
    const other = await context.newPage();
    other.on('pageerror', (e) => consoleErrors.push(String(e)));
    await other.goto(pathToFileURL(join(dir, name)).href);
    await other.waitForSelector('body[data-ready]');
    const n = await other.locator(selector).count();
    await other.close();
    return n;
  }

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const pixel = (selector: string, x: number, y: number) =>
    page.evaluate(
      ([sel, px, py]) => {
        const c = document.querySelector(sel) as HTMLCanvasElement;
        return Array.from(c.getContext('2d')!.getImageData(px, py, 1, 1).data);
      },
      [selector, x, y] as const,
    );
  const camCell = 'canvas.overlay[data-stem="photo"][data-id="cam-1"]';

  it('loads from file:// with no console error and no network request', async () => {
    expect(await page.getAttribute('body', 'data-ready')).toBe('1');
    expect(consoleErrors).toEqual([]);
    const network = requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'));
    expect(network).toEqual([]);
    // the listener does see requests: the pages themselves and the thumbnails
    expect(requests.some((u) => u.startsWith('file:') && u.endsWith('/report.html'))).toBe(true);
    expect(requests.some((u) => u.startsWith('file:') && u.endsWith('/report/thumbs/photo.png'))).toBe(true);
    expect(indexRows).toEqual(['photo', 'array']);
    expect(indexFailures).toEqual(['/data/broken.png: not a PNG']);
    // the grid: photo has 2 classes × 2 methods (one missing → n/a), array has 1 × 1
    expect(await page.locator('canvas.overlay[data-stem="photo"]').count()).toBe(3);
    expect(await page.locator('#input-photo .na').count()).toBe(1);
    expect(arrayOverlays).toBe(1);
    expect(await page.locator('#input-photo table.predictions tr').count()).toBe(3);
    expect(await page.locator('a', { hasText: 'all inputs' }).getAttribute('href')).toBe('../report.html');
  });

  it('moving the opacity slider changes the overlay pixels', async () => {
    await page.locator('#opacity').fill('0.5');
    const half = await pixel(camCell, 6, 4);
    await page.locator('#opacity').fill('0.9');
    const more = await pixel(camCell, 6, 4);
    expect(more).not.toEqual(half);
    expect(await page.locator('#opacity-value').textContent()).toBe('0.90');
    // opacity 0 shows the picture: the overlay equals the input tile of the same row
    await page.locator('#opacity').fill('0');
    expect(await pixel(camCell, 6, 4)).toEqual(await pixel('canvas.base[data-stem="photo"][data-class="1"]', 6, 4));
  });

  it('the colormap switch recolours, and opacity 1 shows the colormap of the resampled, normalised value', async () => {
    await page.locator('#opacity').fill('1');
    await page.locator('#colormap').selectOption('gray');
    // cellSize 160 → canvas 160×120 for the 8×6 heatmap, resampled bilinearly like the PNG overlay
    const size = await page.evaluate((sel) => {
      const c = document.querySelector(sel) as HTMLCanvasElement;
      return [c.width, c.height];
    }, camCell);
    expect(size).toEqual([160, 120]);
    // The map is linear (x + 10·y + 0.125), so bilinear resampling reproduces it exactly at each canvas
    // pixel's centre mapped into the heatmap, clamped to the outer pixel centres.
    const clamp = (v: number, hi: number) => Math.min(hi, Math.max(0, v));
    const w = normalizeWindow(camMap.data, false, 'auto');
    expect([w.lo, w.hi]).toEqual([0.125, 57.125]); // 0 + 0 and 7 + 10·5, + 0.125
    for (const [cx, cy] of [
      [0, 0],
      [57, 23],
      [110, 64],
      [159, 119],
    ] as const) {
      const v = clamp(((cx + 0.5) * W) / 160 - 0.5, W - 1) + 10 * clamp(((cy + 0.5) * H) / 120 - 0.5, H - 1) + 0.125;
      const g = colormapIndex(toUnit(v, w)); // gray's entry i is (i, i, i)
      expect(await pixel(camCell, cx, cy)).toEqual([g, g, g, 255]);
    }
    const gray = await pixel(camCell, 57, 23);
    await page.locator('#colormap').selectOption('viridis');
    expect(await pixel(camCell, 57, 23)).not.toEqual(gray);
  });

  it('hover reads the raw heatmap value under the cursor, equal to the JSON document', async () => {
    const box = await page.locator(camCell).boundingBox();
    if (!box) throw new Error('cam canvas not visible');
    const [px, py] = [5, 2];
    await page.mouse.move(box.x + ((px + 0.5) * box.width) / W, box.y + ((py + 0.5) * box.height) / H);
    const readout = page.locator('#readout-photo');
    const value = Number(await readout.getAttribute('data-value'));
    const ex = json.explanations.find((e) => e.method === 'cam' && e.target.classIndex === 1)!;
    expect(ex.heatmap.shape).toEqual([H, W]);
    expect(value).toBe(ex.heatmap.data[py * W + px]);
    expect(value).toBe(25.125); // x + 10·y + 0.125
    expect([await readout.getAttribute('data-x'), await readout.getAttribute('data-y')]).toEqual(['5', '2']);
    expect(await readout.textContent()).toContain('(5, 2) = 25.125');
  });

  it('writes a screenshot to test-output/report.png', async () => {
    await page.locator('#opacity').fill('0.5');
    await page.locator('#colormap').selectOption('auto');
    mkdirSync(screenshotDir, { recursive: true });
    const file = join(screenshotDir, 'report.png');
    await page.screenshot({ path: file, fullPage: true });
    expect(existsSync(file)).toBe(true);
  });
});

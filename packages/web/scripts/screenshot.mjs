#!/usr/bin/env node
// Takes docs/web-app.png, the README's screenshot: the built app (packages/web/dist) in Debian's Chromium,
// the clever-hans demo model on two demo images, four methods, top 2 classes.
//   node packages/web/scripts/screenshot.mjs   (after `npm run build`)
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveStatic } from '@visor/cli';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const images = ['06-square-watermark.png', '02-square.png'].map((f) => join(repo, 'examples/demo/images', f));
const served = await serveStatic(join(repo, 'packages/web/dist'), { port: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(served.url);
  await page.waitForSelector('body[data-ready="1"]');
  await page.click('button.demo-model[data-model="clever-hans"]');
  await page.waitForSelector('body[data-model]');
  await page.setInputFiles('#image-files', images);
  await page.fill('#targets', '2');
  for (const m of ['cam', 'grad-cam', 'occlusion', 'guided-grad-cam']) await page.check(`#explainers input[value="${m}"]`);
  await page.evaluate(() => document.querySelector('details.choice:has(#use-occlusion)')?.setAttribute('open', ''));
  for (const [k, v] of Object.entries({ patch: '12', stride: '4', fill: '0' })) await page.fill(`#opt-occlusion-${k}`, v);
  await page.click('#run');
  await page.waitForSelector('body[data-run-state="done"]', { timeout: 120_000 });
  await page.evaluate(() => document.querySelectorAll('details.choice').forEach((d) => d.removeAttribute('open')));
  await page.hover('#input-06-square-watermark canvas.overlay[data-method="grad-cam"]');
  // The page down to the end of the first input's grid.
  const bottom = await page.evaluate(() => document.getElementById('input-06-square-watermark').getBoundingClientRect().bottom + window.scrollY);
  await page.screenshot({ path: join(repo, 'docs/web-app.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.ceil(bottom + 16) } });
} finally {
  await browser.close();
  await served.close();
}

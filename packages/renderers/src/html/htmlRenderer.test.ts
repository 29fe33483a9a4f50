import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { explanation, inputReport, mapOf, memoryContext, runReport } from '../__fixtures__/fixtures.js';
import { htmlRenderer, type HtmlRendererOptions } from './htmlRenderer.js';
import { float32Base64 } from './reportData.js';

async function render(options: Partial<HtmlRendererOptions>, label = 'cat') {
  const e = explanation({ heatmap: mapOf([0, 1, 2, 3], [2, 2]), target: { classIndex: 1, label, score: 0.75, scoreKind: 'probability' } });
  const { ctx, files } = memoryContext<HtmlRendererOptions>(options);
  await htmlRenderer.render(runReport([inputReport({ explanations: [e] })]), ctx);
  return files;
}

describe('html renderer (static checks; the browser test runs the page)', () => {
  it('writes the page and thumbnail of the input, then the index, with no external reference', async () => {
    const files = await render({});
    expect([...files.keys()]).toEqual(['report/cat.html', 'report/thumbs/cat.png', 'report.html']);
    for (const name of ['report.html', 'report/cat.html']) {
      const html = files.get(name) as string;
      expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+stylesheet|@import|url\(/i);
      expect(html.replace(/xmlns="http:\/\/www.w3.org\/2000\/svg"/g, '')).not.toMatch(/https?:\/\//);
      expect(html).toContain("default-src 'none'; img-src data: 'self' file:;");
    }
    expect(files.get('report/cat.html')).toContain('href="../report.html"');
  });

  it('offers every colormap in the switch, the configured one selected', async () => {
    const html = (await render({ colormap: 'turbo' })).get('report/cat.html') as string;
    const select = /<select id="colormap">(.*?)<\/select>/.exec(html)?.[1] ?? '';
    expect([...select.matchAll(/value="([^"]+)"/g)].map((m) => m[1])).toEqual(['auto', 'jet', 'viridis', 'inferno', 'turbo', 'gray', 'rdbu']);
    expect(select).toContain('<option value="turbo" selected>');
  });

  it('embeds float32 maps exactly as little-endian base64', () => {
    const b64 = float32Base64(Float32Array.from([1, -2.5]));
    // 1.0f = 00 00 80 3f, -2.5f = 00 00 20 c0
    expect(Buffer.from(b64, 'base64')).toEqual(Buffer.from([0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x20, 0xc0]));
  });

  it('cannot be broken out of by a label containing </script>', async () => {
    const files = await render({}, '</script><script>alert(1)</script>');
    for (const name of ['report.html', 'report/cat.html']) {
      const html = files.get(name) as string;
      expect(html.match(/<\/script>/g)?.length, name).toBe(2); // the data block and the page script only
    }
  });

  it('validates its options', async () => {
    const v = new Ajv().compile(htmlRenderer.optionsSchema);
    expect(v(htmlRenderer.defaults)).toBe(true);
    expect(v({ colormap: 'rainbow' })).toBe(false);
    expect(v({ cellSize: 8 })).toBe(false);
    expect(v({ colormap: 'turbo' })).toBe(true);
    expect(v({ pageSize: 5 })).toBe(false);
    expect(v({ pageSize: 50, thumbSize: 32 })).toBe(true);
    await expect(render({ colormap: 'rainbow' as never })).rejects.toThrow(/"rainbow".*colormap/);
  });
});

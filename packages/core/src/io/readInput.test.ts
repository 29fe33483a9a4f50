import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isVisorError } from '../errors/VisorError.js';
import { readInput } from './readInput.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'visor-readInput-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function pngBytes(w: number, h: number): Buffer {
  const png = new pngjs.PNG({ width: w, height: h });
  for (let i = 0; i < w * h; i++) png.data.set([i % 256, 2, 3, 255], i * 4);
  return pngjs.PNG.sync.write(png, { colorType: 2 });
}

async function rejection(path: string): Promise<{ code: string; file: string; message: string }> {
  const e = await readInput(path).then(
    () => null,
    (err: unknown) => err,
  );
  expect(isVisorError(e), `expected VisorError, got ${String(e)}`).toBe(true);
  const ve = e as { code: string; file: string; message: string };
  expect(ve.code).toBe('input');
  expect(ve.file).toBe(path);
  expect(ve.message.startsWith(path)).toBe(true);
  return ve;
}

describe('readInput', () => {
  it('dispatches on magic bytes, not the extension: a PNG named .jpg and a JPEG named .png', async () => {
    const p1 = join(dir, 'actually-png.jpg');
    await writeFile(p1, pngBytes(8, 8));
    const a = await readInput(p1);
    expect([a.kind, a.width, a.height, a.channels, a.path]).toEqual(['image', 8, 8, 3, p1]);
    expect(Array.from(a.data.subarray(15, 18))).toEqual([5, 2, 3]); // pixel 5 is [5, 2, 3]

    const p2 = join(dir, 'actually-jpeg.png');
    await writeFile(p2, jpeg.encode({ width: 8, height: 8, data: Buffer.alloc(256, 128) }, 100).data);
    const b = await readInput(p2);
    expect([b.width, b.height, b.channels]).toEqual([8, 8, 3]);
    expect(Math.abs(b.data[0]! - 128)).toBeLessThanOrEqual(1);
  });

  it('reads .npy', async () => {
    const p = join(dir, 'x.npy');
    const header = "{'descr': '|u1', 'fortran_order': False, 'shape': (8, 8), }".padEnd(117, ' ') + '\n';
    await writeFile(p, Buffer.concat([Buffer.from([0x93]), Buffer.from('NUMPY'), Buffer.from([1, 0, 118, 0]), Buffer.from(header), Buffer.alloc(64, 7)]));
    const d = await readInput(p);
    expect([d.kind, d.channels, d.data[63]]).toEqual(['array', 1, 7]);
  });

  it('missing file', async () => {
    const e = await rejection(join(dir, 'nope.png'));
    expect(e.message).toMatch(/file not found/);
  });

  it('a directory', async () => {
    const sub = join(dir, 'sub');
    await mkdir(sub);
    const e = await rejection(sub);
    expect(e.message).toMatch(/is a directory; expected an image or array file: PNG .*JPEG .*\.npy/);
  });

  it('an empty file', async () => {
    const p = join(dir, 'empty.png');
    await writeFile(p, '');
    expect((await rejection(p)).message).toMatch(/is empty \(0 bytes\)/);
  });

  it('not an image: unknown bytes, a GIF, a text file — each lists the accepted formats', async () => {
    const cases: Array<[string, Buffer, RegExp]> = [
      ['noise.png', Buffer.from([0x00, 0x13, 0x37, 0xfe, 0x00, 0x01, 0x02, 0x80]), /not a recognised image or array file/],
      ['anim.png', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), /is a GIF image, which is not supported/],
      ['notes.jpg', Buffer.from('hello, this is not a picture\n'), /is a text file/],
    ];
    for (const [name, bytes, re] of cases) {
      const p = join(dir, name);
      await writeFile(p, bytes);
      const e = await rejection(p);
      expect(e.message).toMatch(re);
      expect(e.message).toMatch(/accepted: PNG .*JPEG .*NumPy \.npy/);
    }
  });

  it.runIf(process.getuid?.() !== 0)('an unreadable file (permissions)', async () => {
    const p = join(dir, 'secret.png');
    await writeFile(p, pngBytes(8, 8));
    await chmod(p, 0o000);
    expect((await rejection(p)).message).toMatch(/permission denied/);
  });
});

import { describe, expect, it } from 'vitest';
import { blankImage } from '../image/blankImage.js';
import { drawText, fitText, textWidth } from './drawText.js';
import { FONT5X7 } from './font5x7.js';

const lit = (img: { width: number; data: Uint8Array }, x: number, y: number) => img.data[(y * img.width + x) * 4] === 255;

describe('font5x7', () => {
  it('has 5 columns for each of the 95 printable ASCII characters', () => {
    expect(FONT5X7.length).toBe(95 * 5);
    expect(FONT5X7.every((b) => b >= 0 && b < 128)).toBe(true);
  });
});

describe('drawText', () => {
  it('draws "H" as two full columns joined by the middle row', () => {
    const img = blankImage(5, 7, [0, 0, 0, 255]);
    drawText(img, 'H', 0, 0, { color: [255, 255, 255, 255] });
    for (let y = 0; y < 7; y++) {
      expect(lit(img, 0, y)).toBe(true);
      expect(lit(img, 4, y)).toBe(true);
      for (let x = 1; x < 4; x++) expect(lit(img, x, y)).toBe(y === 3);
    }
  });

  it('scales glyphs by whole pixels and advances 6 units per character', () => {
    const img = blankImage(24, 14, [0, 0, 0, 255]);
    drawText(img, '||', 0, 0, { scale: 2 });
    // '|' is column 2 only: pixels x = 4, 5 for the first and 4 + 12, 5 + 12 for the second
    for (let y = 0; y < 14; y++) {
      for (let x = 0; x < 24; x++) expect(lit(img, x, y)).toBe([4, 5, 16, 17].includes(x));
    }
    expect(textWidth('||', 2)).toBe(22);
  });

  it('fits long text with ".."', () => {
    expect(fitText('abcdefghij', 6 * 6 - 1)).toBe('abcd..');
    expect(fitText('abc', 100)).toBe('abc');
  });
});

describe('drawText backgrounds', () => {
  it('blends a translucent background over the picture and keeps the picture opaque', () => {
    const img = blankImage(12, 12, [100, 100, 100, 255]);
    drawText(img, ' ', 2, 2, { background: [0, 0, 0, 51] });
    // 100 · (1 − 51/255) = 80; alpha stays 255
    expect(Array.from(img.data.subarray((3 * 12 + 3) * 4, (3 * 12 + 3) * 4 + 4))).toEqual([80, 80, 80, 255]);
    expect(Array.from(img.data.subarray(0, 4))).toEqual([100, 100, 100, 255]);
  });
});

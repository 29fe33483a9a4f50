import type { RgbaImage } from '@visor/core';
import { FONT5X7, FONT5X7_FIRST, FONT5X7_HEIGHT, FONT5X7_WIDTH } from './font5x7.js';

export interface TextStyle {
  /** Integer pixel scale of the 5×7 glyphs (1 → 6 px per character with spacing). */
  scale?: number;
  /** [r, g, b, a] of the glyph pixels (a blends over the picture; the picture keeps its alpha). */
  color?: readonly [number, number, number, number];
  /** Fills the text's box (with a 1-unit margin) first, for legibility over images; blended by its alpha. */
  background?: readonly [number, number, number, number];
}

const glyphIndex = (ch: string): number => {
  const code = ch.charCodeAt(0);
  return code >= FONT5X7_FIRST && code <= 126 ? code - FONT5X7_FIRST : '?'.charCodeAt(0) - FONT5X7_FIRST;
};

/** Advance per character in pixels at `scale` (5 columns + 1 space). */
export const charAdvance = (scale = 1): number => (FONT5X7_WIDTH + 1) * scale;

/** Width in pixels of `text` at `scale` (no trailing space). */
export function textWidth(text: string, scale = 1): number {
  return text.length === 0 ? 0 : text.length * charAdvance(scale) - scale;
}

/** Height of one line of text in pixels at `scale`. */
export const textHeight = (scale = 1): number => FONT5X7_HEIGHT * scale;

/** Shortens `text` with '…'-like '..' so that it fits in `maxWidth` pixels. */
export function fitText(text: string, maxWidth: number, scale = 1): string {
  const max = Math.floor((maxWidth + scale) / charAdvance(scale));
  if (text.length <= max) return text;
  return max <= 2 ? text.slice(0, Math.max(0, max)) : `${text.slice(0, max - 2)}..`;
}

function fillRect(img: RgbaImage, x: number, y: number, w: number, h: number, c: readonly number[]): void {
  for (let yy = Math.max(0, y); yy < Math.min(img.height, y + h); yy++) {
    for (let xx = Math.max(0, x); xx < Math.min(img.width, x + w); xx++) {
      const o = (yy * img.width + xx) * 4;
      // Blend by the colour's alpha; the picture keeps its own alpha.
      const a = c[3]! / 255;
      img.data[o] = Math.round(img.data[o]! * (1 - a) + c[0]! * a);
      img.data[o + 1] = Math.round(img.data[o + 1]! * (1 - a) + c[1]! * a);
      img.data[o + 2] = Math.round(img.data[o + 2]! * (1 - a) + c[2]! * a);
    }
  }
}

/** Draws `text` (ASCII; other characters as '?') with its top-left corner at (x, y), in place, clipped to the image. */
export function drawText(img: RgbaImage, text: string, x: number, y: number, style: TextStyle = {}): void {
  const s = style.scale ?? 1;
  const color = style.color ?? [255, 255, 255, 255];
  if (style.background) fillRect(img, x - s, y - s, textWidth(text, s) + 2 * s, textHeight(s) + 2 * s, style.background);
  for (let k = 0; k < text.length; k++) {
    const g = glyphIndex(text[k]!) * FONT5X7_WIDTH;
    const gx = x + k * charAdvance(s);
    for (let col = 0; col < FONT5X7_WIDTH; col++) {
      const bits = FONT5X7[g + col]!;
      for (let row = 0; row < FONT5X7_HEIGHT; row++) {
        if (bits & (1 << row)) fillRect(img, gx + col * s, y + row * s, s, s, color);
      }
    }
  }
}

export type InputFormat = 'png' | 'jpeg' | 'npy';

export type SniffResult =
  { format: InputFormat } | { format: null; /** what the bytes look like, when recognisable, e.g. 'a GIF image' */ looksLike: string | null };

const startsWith = (b: Uint8Array, sig: number[], at = 0) => b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** Decides the format from the magic bytes, never from the file name. */
export function sniffFormat(bytes: Uint8Array): SniffResult {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { format: 'png' };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { format: 'jpeg' };
  if (startsWith(bytes, [0x93, ...ascii('NUMPY')])) return { format: 'npy' };
  let looksLike: string | null = null;
  if (startsWith(bytes, ascii('GIF8'))) looksLike = 'a GIF image';
  else if (startsWith(bytes, ascii('BM'))) looksLike = 'a BMP image';
  else if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) looksLike = 'a WebP image';
  else if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) looksLike = 'a TIFF image';
  else if (startsWith(bytes, ascii('ftyp'), 4)) looksLike = 'an HEIF/AVIF/MP4 container';
  else if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) looksLike = 'a ZIP archive (an .npz? save one array with numpy.save)';
  else if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) looksLike = 'a damaged PNG (its signature is altered)';
  else if (startsWith(bytes, ascii('<svg')) || startsWith(bytes, ascii('<?xml'))) looksLike = 'an SVG/XML text file';
  else if (isMostlyText(bytes)) looksLike = 'a text file';
  return { format: null, looksLike };
}

function isMostlyText(b: Uint8Array): boolean {
  const n = Math.min(b.length, 512);
  if (n === 0) return false;
  let printable = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 9 || c === 10 || c === 13 || (c >= 32 && c < 127) || c >= 0xc2) printable++;
  }
  return printable / n > 0.95;
}

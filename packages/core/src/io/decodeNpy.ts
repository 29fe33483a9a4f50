import type { DecodedInput } from './DecodedInput.js';
import { inputError } from './inputError.js';
import { checkSize } from './limits.js';
import { toRgba } from './toRgba.js';

const ACCEPTED_DTYPES = "float32 ('<f4'), float64 ('<f8'), uint8 ('|u1')";

type Reader = (view: DataView, byteOffset: number) => number;
const DTYPES: Record<string, { size: number; read: Reader; name: string }> = {
  '<f4': { size: 4, read: (v, o) => v.getFloat32(o, true), name: 'float32' },
  '<f8': { size: 8, read: (v, o) => v.getFloat64(o, true), name: 'float64' },
  '|u1': { size: 1, read: (v, o) => v.getUint8(o), name: 'uint8' },
  '<u1': { size: 1, read: (v, o) => v.getUint8(o), name: 'uint8' },
  '>u1': { size: 1, read: (v, o) => v.getUint8(o), name: 'uint8' },
  u1: { size: 1, read: (v, o) => v.getUint8(o), name: 'uint8' },
};

/**
 * Decodes a NumPy `.npy` file (format 1.0, 2.0 or 3.0): a C-order float32/float64/uint8
 * little-endian array of shape H×W or H×W×C. Values are kept as stored (`kind: 'array'`): they go to the
 * model as they are (no preprocessing, no channel conversion); NaN and infinities are refused.
 */
export function decodeNpy(bytes: Uint8Array, path: string): DecodedInput {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
  if (!magic.every((v, i) => bytes[i] === v)) throw inputError(path, 'is not a NumPy .npy file (bad magic string).');
  if (bytes.length < 10) throw inputError(path, `.npy file is truncated: ${bytes.length} bytes, the header alone needs more.`);
  const major = bytes[6];
  const minor = bytes[7];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLength: number;
  let headerStart: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw inputError(path, '.npy file is truncated inside its header.');
    headerLength = view.getUint32(8, true);
    headerStart = 12;
  } else {
    throw inputError(path, `.npy format version ${major}.${minor} is not supported; accepted: 1.0, 2.0, 3.0.`);
  }
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) {
    throw inputError(path, `.npy file is truncated: the header declares ${headerLength} bytes but the file has ${bytes.length}.`);
  }
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, dataStart));
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(header)?.[1];
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw inputError(path, `.npy header is not a valid NumPy header: ${JSON.stringify(header.trim().slice(0, 120))}.`);
  }
  const dtype = DTYPES[descr];
  if (!dtype) {
    const why = descr.startsWith('>') ? ' (big-endian)' : '';
    throw inputError(
      path,
      `.npy dtype '${descr}'${why} is not supported; accepted: ${ACCEPTED_DTYPES}, little-endian.`,
      "Convert it with a.astype('<f4') before numpy.save.",
    );
  }
  if (fortran === 'True') {
    throw inputError(path, '.npy array is stored in Fortran (column-major) order; only C order is accepted.', 'Save numpy.ascontiguousarray(a) instead.');
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim().replace(/L$/, ''))
    .filter((s) => s.length > 0)
    .map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) {
    throw inputError(path, `.npy shape (${shapeText}) is not a list of sizes.`);
  }
  const shown = `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;
  if (shape.length !== 2 && shape.length !== 3) {
    throw inputError(
      path,
      `.npy array has shape ${shown} (${shape.length}-D); accepted: H×W or H×W×C.`,
      shape.length === 4 ? 'Save one image per file: numpy.save(path, batch[i]).' : undefined,
    );
  }
  const [height, width, channels = 1] = shape as [number, number, number?]; // rank 2 or 3, checked above
  if (channels < 1) throw inputError(path, `.npy array has shape ${shown}: zero channels.`);
  if (shape.length === 3 && channels > 4 && height <= 4) {
    throw inputError(
      path,
      `.npy array has shape ${shown}, which looks channels-first (C×H×W); accepted: H×W×C.`,
      'Transpose it: numpy.save(path, a.transpose(1, 2, 0)).',
    );
  }
  checkSize(path, width, height, `.npy array ${shown}`, 1); // the model's input shape decides
  const count = width * height * channels;
  const expected = count * dtype.size;
  const available = bytes.length - dataStart;
  if (available < expected) {
    throw inputError(path, `.npy file is truncated: shape ${shown} of ${dtype.name} needs ${expected} data bytes, found ${available}.`);
  }
  if (available > expected) {
    throw inputError(path, `.npy file is corrupt: ${available - expected} bytes follow the ${expected} data bytes of shape ${shown}.`);
  }
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const v = dtype.read(view, dataStart + i * dtype.size);
    if (!Number.isFinite(v)) {
      throw inputError(path, `.npy array contains ${v} at element ${i}; all values must be finite.`);
    }
    data[i] = v;
  }
  return { path, kind: 'array', width, height, channels, data, display: toRgba(data, width, height, channels, 'minmax') };
}

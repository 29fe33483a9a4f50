import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import h5wasm, { Dataset, Group, Module, type File as H5File, type Metadata } from 'h5wasm/node';
import { halfToFloat } from '@visor/core';
import { kerasError } from './kerasError.js';

let initialised: Promise<void> | undefined;

/** h5wasm's WebAssembly module loads asynchronously; HDF5 failures then throw instead of printing to stderr. */
function h5Ready(): Promise<void> {
  initialised ??= h5wasm.ready.then((m) => {
    m.activate_throwing_error_handler();
  });
  return initialised;
}

const H5T_INTEGER = 0;
const H5T_FLOAT = 1;

/**
 * Read access to one open HDF5 file, as the Keras readers need it: groups, string attributes (Keras's
 * chunked `name0`, `name1`, … form included) and numeric datasets decoded to float32. Paths are absolute
 * within the file (`model_weights/conv1/conv1/kernel:0`). `label` names the file in error messages.
 *
 * h5wasm's Node build reads the host file system directly (Emscripten NODERAWFS), so a file on disk is
 * opened in place; bytes held in memory go through a private temporary file (`withH5Bytes`).
 */
export class H5Reader {
  private constructor(
    private readonly file: H5File,
    readonly label: string,
  ) {}

  static async open(path: string, label: string): Promise<H5Reader> {
    await h5Ready();
    try {
      return new H5Reader(new h5wasm.File(path, 'r'), label);
    } catch (e) {
      throw kerasError(label, 'not a readable HDF5 file (damaged or truncated?)', 'Save the model again with Keras.', e);
    }
  }

  close(): void {
    this.file.close();
  }

  private entity(path: string) {
    try {
      return this.file.get(path);
    } catch {
      return null;
    }
  }

  has(path: string): boolean {
    return this.entity(path) !== null;
  }

  isGroup(path: string): boolean {
    return this.entity(path) instanceof Group;
  }

  isDataset(path: string): boolean {
    return this.entity(path) instanceof Dataset;
  }

  /** Names of a group's members (empty for a missing path or a dataset). */
  keys(path: string): string[] {
    const e = path === '' ? this.file : this.entity(path);
    return e instanceof Group ? e.keys() : [];
  }

  private attrValue(path: string, name: string): unknown {
    const e = path === '' ? this.file : this.entity(path);
    if (!(e instanceof Group || e instanceof Dataset)) return undefined;
    const attr = e.attrs[name];
    if (attr === undefined) return undefined;
    try {
      return attr.value;
    } catch (err) {
      throw kerasError(this.label, `cannot read the HDF5 attribute '${name}' of '/${path}'`, undefined, err);
    }
  }

  hasAttr(path: string, name: string): boolean {
    const e = path === '' ? this.file : this.entity(path);
    return (e instanceof Group || e instanceof Dataset) && e.attrs[name] !== undefined;
  }

  /** A string attribute (fixed-length or variable-length, UTF-8 or ASCII), undefined when absent. */
  stringAttr(path: string, name: string): string | undefined {
    const v = this.attrValue(path, name);
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string') return v;
    if (v instanceof Uint8Array) return new TextDecoder().decode(v);
    throw kerasError(this.label, `the HDF5 attribute '${name}' of '/${path}' is not a string`);
  }

  /**
   * A list-of-strings attribute as Keras's legacy writer stores it: `name`, or when it exceeded the HDF5
   * object header limit, the chunks `name0`, `name1`, … (keras legacy_h5_format
   * load_attributes_from_hdf5_group). An empty list is stored as an empty float array. Undefined when absent.
   */
  stringListAttr(path: string, name: string): string[] | undefined {
    const one = (n: string): string[] | undefined => {
      const v = this.attrValue(path, n);
      if (v === undefined || v === null) return undefined;
      if (typeof v === 'string') return [v];
      if (Array.isArray(v) && v.every((s) => typeof s === 'string')) return v;
      if (ArrayBuffer.isView(v) && (v as unknown as { length: number }).length === 0) return [];
      throw kerasError(this.label, `the HDF5 attribute '${n}' of '/${path}' is not a list of strings`);
    };
    const whole = one(name);
    if (whole !== undefined) return whole;
    if (!this.hasAttr(path, `${name}0`)) return undefined;
    const out: string[] = [];
    for (let i = 0; this.hasAttr(path, `${name}${i}`); i++) out.push(...(one(`${name}${i}`) ?? []));
    return out;
  }

  private dataset(path: string): Dataset {
    const e = this.entity(path);
    if (!(e instanceof Dataset)) throw kerasError(this.label, `no dataset '/${path}'`);
    return e;
  }

  /** Shape of a dataset ([] for a scalar). */
  shape(path: string): number[] {
    return this.dataset(path).shape ?? [];
  }

  /**
   * Reads a numeric dataset (float16/32/64, integers) as float32 into `into` at `offset`, which must have
   * room for all its elements. bfloat16 (stored by Keras 3 as an opaque type with attribute dtype=bfloat16)
   * and big-endian data are refused.
   */
  readInto(path: string, into: Float32Array, offset: number): void {
    const ds = this.dataset(path);
    const meta: Metadata = ds.metadata;
    const where = `'/${path}'`;
    if (this.stringAttr(path, 'dtype') === 'bfloat16') {
      throw kerasError(
        this.label,
        `${where} holds bfloat16 weights, which Visor cannot read`,
        'Save the model with float32 weights (model.save after casting, or a float32 dtype policy).',
      );
    }
    if (meta.type !== H5T_FLOAT && meta.type !== H5T_INTEGER) {
      throw kerasError(this.label, `${where} is not a numeric dataset (HDF5 type class ${meta.type})`);
    }
    if (!meta.littleEndian && meta.size > 1) throw kerasError(this.label, `${where} is stored big-endian, which Visor cannot read`);
    const n = meta.total_size;
    if (offset + n > into.length) throw new RangeError(`${where}: ${n} values do not fit at ${offset} of ${into.length}`);
    const nbytes = meta.size * n;
    const ptr = Module._malloc(Math.max(nbytes, 1));
    if (!ptr) throw kerasError(this.label, `out of memory reading ${where} (${nbytes} bytes)`);
    try {
      Module.get_dataset_data(this.file.file_id, ds.path, null, null, null, BigInt(ptr));
      const buf = Module.HEAPU8.buffer as ArrayBuffer;
      const dest = into.subarray(offset, offset + n);
      if (meta.type === H5T_FLOAT && meta.size === 4) dest.set(new Float32Array(buf, ptr, n));
      else if (meta.type === H5T_FLOAT && meta.size === 8) dest.set(new Float64Array(buf, ptr, n));
      else if (meta.type === H5T_FLOAT && meta.size === 2) {
        const h = new Uint16Array(buf, ptr, n);
        for (let i = 0; i < n; i++) dest[i] = halfToFloat(h[i]!);
      } else if (meta.type === H5T_INTEGER) {
        const Ctor = {
          1: meta.signed ? Int8Array : Uint8Array,
          2: meta.signed ? Int16Array : Uint16Array,
          4: meta.signed ? Int32Array : Uint32Array,
          8: meta.signed ? BigInt64Array : BigUint64Array,
        }[meta.size];
        if (!Ctor) throw kerasError(this.label, `${where}: ${meta.size}-byte integers are not supported`);
        const src = new Ctor(buf, ptr, n);
        for (let i = 0; i < n; i++) dest[i] = Number(src[i]);
      } else {
        throw kerasError(this.label, `${where}: ${meta.size * 8}-bit floats are not supported`);
      }
    } finally {
      Module._free(ptr);
    }
  }
}

/** Opens an HDF5 file on disk, runs `fn`, and closes the file whatever happens. */
export async function withH5File<T>(path: string, label: string, fn: (h5: H5Reader) => Promise<T> | T): Promise<T> {
  const h5 = await H5Reader.open(path, label);
  try {
    return await fn(h5);
  } finally {
    h5.close();
  }
}

/**
 * Opens HDF5 bytes held in memory (e.g. `model.weights.h5` out of a `.keras` zip): h5wasm's Node build only
 * opens files, so they go to a temporary file of our own, removed when `fn` is done.
 */
export async function withH5Bytes<T>(bytes: Uint8Array, label: string, fn: (h5: H5Reader) => Promise<T> | T): Promise<T> {
  const tmp = join(tmpdir(), `visor-keras-${process.pid}-${randomBytes(6).toString('hex')}.h5`);
  await writeFile(tmp, bytes, { mode: 0o600 });
  try {
    return await withH5File(tmp, label, fn);
  } finally {
    await rm(tmp, { force: true });
  }
}

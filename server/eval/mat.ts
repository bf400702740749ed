/**
 * A small reader for MATLAB v5 .mat files: numeric (real) matrices, zlib-compressed or not.
 * Enough for Bach10's -GTF0s.mat / -GTNotes.mat ground truth; other classes are reported, not guessed.
 */
import { readFile } from 'node:fs/promises';
import { inflateSync } from 'node:zlib';
import { FileError } from '../fileError.js';

export interface MatMatrix {
  readonly name: string;
  /** MATLAB dimensions (column-major): dims[0] rows, dims[1] columns, … */
  readonly dims: readonly number[];
  /** Values in MATLAB's column-major order. */
  readonly data: Float64Array;
}

export class MatFileError extends FileError {
  override readonly name = 'MatFileError';
}

const MI_INT8 = 1;
const MI_UINT8 = 2;
const MI_INT16 = 3;
const MI_UINT16 = 4;
const MI_INT32 = 5;
const MI_UINT32 = 6;
const MI_SINGLE = 7;
const MI_DOUBLE = 9;
const MI_INT64 = 12;
const MI_UINT64 = 13;
const MI_MATRIX = 14;
const MI_COMPRESSED = 15;

const NUMERIC_CLASSES = new Set([6, 7, 8, 9, 10, 11, 12, 13, 14, 15]); // mxDOUBLE … mxUINT64

interface Element {
  readonly type: number;
  readonly data: DataView;
  /** Offset of the next element. */
  readonly next: number;
}

function readElement(view: DataView, offset: number, little: boolean, fail: (m: string) => never): Element {
  if (offset + 8 > view.byteLength) fail(`truncated data element at byte ${offset}`);
  const first = view.getUint32(offset, little);
  const small = first >>> 16;
  if (small !== 0) {
    // Small data element: type and size share the first word, data in the next 4 bytes.
    return { type: first & 0xffff, data: new DataView(view.buffer, view.byteOffset + offset + 4, small), next: offset + 8 };
  }
  const bytes = view.getUint32(offset + 4, little);
  if (offset + 8 + bytes > view.byteLength) fail(`data element at byte ${offset} claims ${bytes} bytes past the end of the file`);
  const padded = first === MI_COMPRESSED ? bytes : Math.ceil(bytes / 8) * 8;
  return { type: first, data: new DataView(view.buffer, view.byteOffset + offset + 8, bytes), next: offset + 8 + padded };
}

function numericValues(el: Element, little: boolean, fail: (m: string) => never): Float64Array {
  const v = el.data;
  const size: Record<number, number> = { [MI_INT8]: 1, [MI_UINT8]: 1, [MI_INT16]: 2, [MI_UINT16]: 2, [MI_INT32]: 4, [MI_UINT32]: 4, [MI_SINGLE]: 4, [MI_DOUBLE]: 8, [MI_INT64]: 8, [MI_UINT64]: 8 };
  const s = size[el.type];
  if (!s) fail(`unsupported numeric data type ${el.type}`);
  const n = v.byteLength / s;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * s;
    switch (el.type) {
      case MI_INT8: out[i] = v.getInt8(o); break;
      case MI_UINT8: out[i] = v.getUint8(o); break;
      case MI_INT16: out[i] = v.getInt16(o, little); break;
      case MI_UINT16: out[i] = v.getUint16(o, little); break;
      case MI_INT32: out[i] = v.getInt32(o, little); break;
      case MI_UINT32: out[i] = v.getUint32(o, little); break;
      case MI_SINGLE: out[i] = v.getFloat32(o, little); break;
      case MI_DOUBLE: out[i] = v.getFloat64(o, little); break;
      case MI_INT64: out[i] = Number(v.getBigInt64(o, little)); break;
      default: out[i] = Number(v.getBigUint64(o, little)); break;
    }
  }
  return out;
}

function parseMatrix(el: Element, little: boolean, fail: (m: string) => never): MatMatrix | null {
  const inner = new DataView(el.data.buffer, el.data.byteOffset, el.data.byteLength);
  const flags = readElement(inner, 0, little, fail);
  const flagWord = flags.data.getUint32(0, little);
  const mxClass = flagWord & 0xff;
  const complex = (flagWord & 0x800) !== 0;
  const dimsEl = readElement(inner, flags.next, little, fail);
  const dims = Array.from(numericValues(dimsEl, little, fail));
  const nameEl = readElement(inner, dimsEl.next, little, fail);
  const name = new TextDecoder().decode(new Uint8Array(nameEl.data.buffer, nameEl.data.byteOffset, nameEl.data.byteLength));
  if (!NUMERIC_CLASSES.has(mxClass)) return null; // cell, struct, char, sparse…: not needed here
  if (complex) fail(`variable "${name}" is complex; only real matrices are supported`);
  const realEl = readElement(inner, nameEl.next, little, fail);
  const data = numericValues(realEl, little, fail);
  const expected = dims.reduce((a, b) => a * b, 1);
  if (data.length !== expected) fail(`variable "${name}" has ${data.length} values for dimensions ${dims.join('×')}`);
  return { name, dims, data };
}

/** Parses .mat bytes; `label` names the file in errors. Non-numeric variables are skipped. */
export function parseMat(bytes: Uint8Array, label: string): Map<string, MatMatrix> {
  const fail = (m: string): never => {
    throw new MatFileError(label, m);
  };
  if (bytes.length < 128) fail('too short for a MATLAB v5 .mat file (128-byte header)');
  const head = new TextDecoder().decode(bytes.subarray(0, 10));
  if (!head.startsWith('MATLAB 5.0')) fail('not a MATLAB v5 .mat file (v7.3/HDF5 and v4 files are not supported)');
  const endian = String.fromCharCode(bytes[126]!, bytes[127]!);
  if (endian !== 'IM' && endian !== 'MI') fail(`bad endian indicator "${endian}"`);
  const little = endian === 'IM';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vars = new Map<string, MatMatrix>();
  let offset = 128;
  while (offset < view.byteLength) {
    let el = readElement(view, offset, little, fail);
    offset = el.next;
    if (el.type === MI_COMPRESSED) {
      let raw: Buffer;
      try {
        raw = inflateSync(new Uint8Array(el.data.buffer, el.data.byteOffset, el.data.byteLength));
      } catch (err) {
        fail(`corrupt compressed variable (${err instanceof Error ? err.message : String(err)})`);
      }
      el = readElement(new DataView(raw!.buffer, raw!.byteOffset, raw!.byteLength), 0, little, fail);
    }
    if (el.type !== MI_MATRIX) continue;
    const m = parseMatrix(el, little, fail);
    if (m) vars.set(m.name, m);
  }
  return vars;
}

export async function readMatFile(path: string): Promise<Map<string, MatMatrix>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new MatFileError(path, code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(err)})`);
  }
  return parseMat(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path);
}

/** Row r, column c of a 2-D matrix (column-major storage). */
export function matAt(m: MatMatrix, r: number, c: number): number {
  return m.data[c * m.dims[0]! + r]!;
}

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bach10Piece } from '../../models/testData.js';
import { matAt, parseMat, readMatFile } from './mat.js';

/** Builds a little-endian v5 .mat holding one double matrix, optionally zlib-compressed. */
function matBytes(name: string, rows: number, cols: number, values: readonly number[], compress: boolean): Buffer {
  const header = Buffer.alloc(128, 0x20);
  header.write('MATLAB 5.0 MAT-file, written by a Tutti test', 0);
  header.writeUInt16LE(0x0100, 124);
  header.write('IM', 126);
  const el = (type: number, payload: Buffer): Buffer => {
    const tag = Buffer.alloc(8);
    tag.writeUInt32LE(type, 0);
    tag.writeUInt32LE(payload.length, 4);
    const pad = Buffer.alloc((8 - (payload.length % 8)) % 8);
    return Buffer.concat([tag, payload, pad]);
  };
  const flags = Buffer.alloc(8);
  flags.writeUInt32LE(6, 0); // mxDOUBLE_CLASS
  const dims = Buffer.alloc(8);
  dims.writeInt32LE(rows, 0);
  dims.writeInt32LE(cols, 4);
  const data = Buffer.alloc(values.length * 8);
  values.forEach((v, i) => data.writeDoubleLE(v, i * 8));
  const matrix = el(14, Buffer.concat([el(6, flags), el(5, dims), el(1, Buffer.from(name)), el(9, data)]));
  if (!compress) return Buffer.concat([header, matrix]);
  const z = deflateSync(matrix);
  const tag = Buffer.alloc(8);
  tag.writeUInt32LE(15, 0);
  tag.writeUInt32LE(z.length, 4);
  return Buffer.concat([header, tag, z]);
}

describe('MATLAB v5 reader', () => {
  it('reads Bach10 ground-truth F0s as fractional MIDI numbers, one row per part', async () => {
    const vars = await readMatFile(bach10Piece('01-AchGottundHerr').gtF0s);
    const f0 = vars.get('GTF0s')!;
    expect(f0.dims[0]).toBe(4);
    expect(f0.dims[1]).toBeGreaterThan(2000); // 10 ms frames over ~25 s
    let voiced = 0;
    for (let c = 0; c < f0.dims[1]!; c++)
      for (let r = 0; r < 4; r++) {
        const v = matAt(f0, r, c);
        if (v > 0) {
          voiced++;
          expect(v).toBeGreaterThan(30);
          expect(v).toBeLessThan(90);
        }
      }
    expect(voiced).toBeGreaterThan(f0.dims[1]! * 3);
    // Soprano above bass where both sound.
    expect(matAt(f0, 0, 500)).toBeGreaterThan(matAt(f0, 3, 500));
  });

  it('reads plain and compressed double matrices in column-major order', () => {
    for (const compress of [false, true]) {
      const vars = parseMat(new Uint8Array(matBytes('M', 2, 3, [1, 2, 3, 4, 5, 6.5], compress)), 'test.mat');
      const m = vars.get('M')!;
      expect(m.dims).toEqual([2, 3]);
      expect(matAt(m, 1, 2)).toBe(6.5);
      expect(matAt(m, 0, 1)).toBe(3);
    }
  });

  it('names the file on bad input', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tutti-mat-'));
    const bad = join(dir, 'bad.mat');
    await writeFile(bad, Buffer.from('not a mat file'.padEnd(200, '!')));
    await expect(readMatFile(bad)).rejects.toThrow(`${bad}: not a MATLAB v5 .mat file`);
    const truncated = join(dir, 'truncated.mat');
    await writeFile(truncated, matBytes('M', 2, 3, [1, 2, 3, 4, 5, 6], false).subarray(0, 180));
    await expect(readMatFile(truncated)).rejects.toThrow(truncated);
    const corrupt = matBytes('M', 2, 2, [1, 2, 3, 4], true);
    corrupt.fill(0x55, 140, 160);
    const corruptPath = join(dir, 'corrupt.mat');
    await writeFile(corruptPath, corrupt);
    await expect(readMatFile(corruptPath)).rejects.toThrow(corruptPath);
    await expect(readMatFile(join(dir, 'none.mat'))).rejects.toThrow(`${join(dir, 'none.mat')}: file not found`);
  });
});

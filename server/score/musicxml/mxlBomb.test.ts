/** A zip bomb as a .mxl: under 1 MB on disk, 800 MB unpacked. The loader refuses it, naming the file, without inflating it. */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScore } from '../load.js';
import { MAX_MXL_UNPACKED_BYTES, unpackMxl } from './mxl.js';

const dir = mkdtempSync(join(tmpdir(), 'tutti-mxl-bomb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CONTAINER = strToU8('<container><rootfiles><rootfile full-path="score.xml"/></rootfiles></container>');

interface Entry {
  readonly name: string;
  readonly method: 0 | 8;
  readonly data: Uint8Array;
  readonly crc: number;
  readonly size: number;
}

/** A minimal zip writer (local headers, central directory, end record), so an entry can be pre-deflated. */
function zip(entries: readonly Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.data.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, Buffer.from(e.data));
    centrals.push(central, name);
    offset += 30 + name.length + e.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** 800 MB of zeros as raw deflate: one 1-MB segment ended by a full flush (byte-aligned, no history) repeated, then a final empty block. */
function zeroBomb(megabytes: number): Entry {
  const mb = Buffer.alloc(1 << 20);
  const segment = deflateRawSync(mb, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  let crc = 0;
  for (let i = 0; i < megabytes; i++) crc = crc32(mb, crc);
  const data = Buffer.concat([...Array.from({ length: megabytes }, () => segment), Buffer.from([0x03, 0x00])]);
  return { name: 'score.xml', method: 8, data, crc, size: megabytes << 20 };
}

describe('.mxl unpacked-size limit', () => {
  it('refuses an 800 MB zip bomb of under 1 MB, naming the file', async () => {
    const file = join(dir, 'bomb.mxl');
    writeFileSync(file, zip([{ name: 'META-INF/container.xml', method: 0, data: CONTAINER, crc: crc32(CONTAINER), size: CONTAINER.length }, zeroBomb(800)]));
    expect(statSync(file).size).toBeLessThan(1 << 20);
    const before = process.memoryUsage().rss;
    await expect(loadScore(file)).rejects.toThrow(`${file}: .mxl archive unpacks to more than 128 MB (entry "score.xml" alone is 800 MB); refusing it as a likely zip bomb`);
    expect(process.memoryUsage().rss - before).toBeLessThan(MAX_MXL_UNPACKED_BYTES);
  });

  it('counts every XML entry it would inflate, and still reads an archive within the limit', () => {
    const xml = strToU8('<?xml version="1.0"?><score-partwise/>');
    const ok = zipSync({ 'META-INF/container.xml': CONTAINER, 'score.xml': xml, 'cover.png': new Uint8Array(5000) });
    expect(unpackMxl(ok, 'ok.mxl', 1000)).toBe('<?xml version="1.0"?><score-partwise/>');
    const two = zipSync({ 'META-INF/container.xml': CONTAINER, 'score.xml': new Uint8Array(600), 'other.xml': new Uint8Array(600) });
    expect(() => unpackMxl(two, 'two.mxl', 1000)).toThrow('two.mxl: .mxl archive unpacks to more than 1000 bytes (entry "other.xml" alone is 600 bytes)');
  });

  it('builds real bombs: a small one within a larger limit inflates to its full size', () => {
    const small = zip([{ name: 'META-INF/container.xml', method: 0, data: CONTAINER, crc: crc32(CONTAINER), size: CONTAINER.length }, zeroBomb(2)]);
    expect(unpackMxl(small, 'small.mxl', 3 << 20)).toHaveLength(2 << 20);
  });
});

/** Compressed MusicXML (.mxl): a zip whose META-INF/container.xml names the score file. */
import { unzipSync } from 'fflate';
import { ScoreError } from '../errors.js';

/** XML text from bytes: UTF-8 unless a byte-order mark says UTF-16 (some older exporters write it). */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

export function unpackMxl(bytes: Uint8Array, source: string): string {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (err) {
    throw new ScoreError(source, `not a readable .mxl (zip) archive: ${err instanceof Error ? err.message : String(err)}`, {}, { cause: err });
  }
  const container = files['META-INF/container.xml'];
  const rootPath = container ? /full-path\s*=\s*"([^"]+)"/.exec(decodeXmlBytes(container))?.[1] : undefined;
  const path = rootPath ?? Object.keys(files).find((f) => !f.startsWith('META-INF/') && /\.(xml|musicxml)$/i.test(f));
  if (path === undefined) throw new ScoreError(source, '.mxl archive holds no MusicXML file (no META-INF/container.xml rootfile)');
  const score = files[path];
  if (score === undefined) throw new ScoreError(source, `.mxl archive does not contain its rootfile "${path}"`);
  return decodeXmlBytes(score);
}

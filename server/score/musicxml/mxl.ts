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

/**
 * The most a .mxl may unpack to. The largest orchestral MusicXML we know (a full symphony movement) is
 * ~30 MB; a zip bomb of under 1 MB can claim 800 MB and would take the server's memory with it.
 */
export const MAX_MXL_UNPACKED_BYTES = 128 * 1024 * 1024;

/** What unpacking is willing to inflate: only the container and XML entries, within the size limit. */
function mxlEntryFilter(source: string, limit: number) {
  let total = 0;
  return (entry: { readonly name: string; readonly originalSize: number }): boolean => {
    if (entry.name !== 'META-INF/container.xml' && !/\.(xml|musicxml)$/i.test(entry.name)) return false;
    total += entry.originalSize;
    if (total > limit) {
      const mb = (n: number) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(0)} MB` : `${n} bytes`);
      throw new ScoreError(source, `.mxl archive unpacks to more than ${mb(limit)} (entry "${entry.name}" alone is ${mb(entry.originalSize)}); refusing it as a likely zip bomb`);
    }
    return true;
  };
}

export function unpackMxl(bytes: Uint8Array, source: string, limit = MAX_MXL_UNPACKED_BYTES): string {
  let files: Record<string, Uint8Array>;
  try {
    // fflate inflates each entry into a buffer of its declared size, never more, so checking the
    // declared sizes bounds the memory even when the archive lies about them.
    files = unzipSync(bytes, { filter: mxlEntryFilter(source, limit) });
  } catch (err) {
    if (err instanceof ScoreError) throw err;
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

/**
 * Child process for the fuzz test: parses one garbled score per message, so the test can kill it
 * if a parse hangs. Replies { ok: true } for a valid score, or the error's class name and message.
 */
import { parseScore } from './load.js';

interface FuzzCase {
  readonly bytes: Uint8Array;
  readonly source: string;
}

process.on('message', (c: FuzzCase) => {
  parseScore(c.bytes, c.source).then(
    (score) => process.send?.({ ok: true, notes: score.notes.length }),
    (err: unknown) =>
      process.send?.({ ok: false, errorName: err instanceof Error ? err.name : typeof err, message: err instanceof Error ? err.message : String(err) }),
  );
});

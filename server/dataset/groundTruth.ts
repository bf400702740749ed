/**
 * Ground truth in Bach10's note-level format: tab-separated integers, CRLF line endings, no header,
 * one row per score note: audio onset ms, score onset ms (MIDI time through the file's tempo map),
 * MIDI pitch, part (= MIDI track number, track 0 being the tempo/meter track). Sorted by audio onset,
 * then score onset.
 */
export interface GroundTruthRow {
  readonly audioMs: number;
  readonly scoreMs: number;
  readonly pitch: number;
  readonly part: number;
}

export function formatGroundTruth(rows: readonly GroundTruthRow[]): string {
  const sorted = [...rows].sort(
    (a, b) => a.audioMs - b.audioMs || a.scoreMs - b.scoreMs || a.part - b.part || a.pitch - b.pitch,
  );
  return sorted.map((r) => `${Math.round(r.audioMs)}\t${Math.round(r.scoreMs)}\t${r.pitch}\t${r.part}\r\n`).join('');
}

/** Parses a Bach10-format .txt; `file` names it in errors. Accepts LF or CRLF. */
export function parseGroundTruth(text: string, file: string): GroundTruthRow[] {
  const rows: GroundTruthRow[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const fields = line.split('\t');
    if (fields.length !== 4 || fields.some((f) => !/^-?\d+$/.test(f))) {
      throw new Error(`${file} (line ${i + 1}): expected 4 tab-separated integers, got "${line}"`);
    }
    const [audioMs, scoreMs, pitch, part] = fields.map(Number);
    rows.push({ audioMs, scoreMs, pitch, part });
  });
  return rows;
}

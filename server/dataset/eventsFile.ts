/**
 * `<piece>.events.json`: what a generated performance did, for the evaluation of the follower's state.
 * Segments are stretches of continuous music (audio ms ↔ score ms in the piece's score); between them,
 * and before the first, no music sounds (a lead-in, a stop before a restart). A piece without this file
 * (Bach10) is one segment from its first to its last ground-truth onset.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

export const SPLITS = ['tune', 'test'] as const;
export type Split = (typeof SPLITS)[number];

const segmentSchema = z.strictObject({
    audioStartMs: z.number(),
    audioEndMs: z.number(),
    scoreStartMs: z.number(),
    scoreEndMs: z.number(),
    /** The players stopped and began again here. */
    restart: z.boolean(),
    bars: z.string(),
  });

const eventsSchema = z.strictObject({
    format: z.literal('tutti-events'),
    version: z.literal(1),
    kind: z.string(),
    split: z.enum(SPLITS),
    leadIn: z.strictObject({ kind: z.string(), sec: z.number().nonnegative(), levelDb: z.number().nullable() }),
    segments: z.array(segmentSchema).min(1),
  });

export type EventsSegment = z.infer<typeof segmentSchema>;
export type EventsFile = Omit<z.infer<typeof eventsSchema>, 'format' | 'version'>;

export function formatEvents(events: EventsFile): string {
  const round = (v: number) => Math.round(v);
  const out = {
    format: 'tutti-events',
    version: 1,
    ...events,
    leadIn: { ...events.leadIn, sec: Math.round(events.leadIn.sec * 1000) / 1000, levelDb: events.leadIn.levelDb === null ? null : Math.round(events.leadIn.levelDb * 10) / 10 },
    segments: events.segments.map((s) => ({ ...s, audioStartMs: round(s.audioStartMs), audioEndMs: round(s.audioEndMs), scoreStartMs: round(s.scoreStartMs), scoreEndMs: round(s.scoreEndMs) })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}

/** Parses an events file; errors name the file and the field. */
export function parseEvents(text: string, file: string): EventsFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const parsed = eventsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  const { format: _format, version: _version, ...events } = parsed.data;
  events.segments.forEach((s, i) => {
    if (s.audioEndMs < s.audioStartMs) throw new Error(`${file}: segments.${i}: audioEndMs is before audioStartMs`);
  });
  return events;
}

export async function readEvents(path: string): Promise<EventsFile | null> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  return parseEvents(text, path);
}

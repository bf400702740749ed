/**
 * Schemas of every payload a client sends (zod). The wire types of these payloads are derived from them
 * (`payloads.ts`: `ConductorCommand = Infer<typeof conductorCommandSchema>`, …), so what the server accepts and
 * what the client can compile to send cannot drift apart; the server parses each incoming payload with them
 * (`parseIncoming`) and never trusts a shape it has not parsed.
 *
 * The browser imports only the types (type-only re-exports in index.ts), so zod stays out of the phone's bundle.
 */
import { z } from 'zod';

/** Longest printed bar label a command may carry ("12a", "155b"…): anything longer is no bar label. */
export const MEASURE_LABEL_MAX = 16;
/** Longest notice the operator may send to the phones (a short sentence on a phone screen). */
export const MESSAGE_TEXT_MAX = 200;
export const TITLE_MAX = 200;
export const ITEM_ID_MAX = 64;

const measureLabel = (what: string) =>
  z
    .string({ error: `${what} must be a printed bar label (a string such as "42")` })
    .trim()
    .min(1, { error: `${what} must not be empty` })
    .max(MEASURE_LABEL_MAX, { error: `${what} is longer than ${MEASURE_LABEL_MAX} characters: no bar has such a label` });

export const startCommandSchema = z.object({
  type: z.literal('start'),
  title: z.string({ error: 'start: "title" must be a string' }).max(TITLE_MAX, { error: `start: "title" must be at most ${TITLE_MAX} characters` }).optional(),
});
export const stopCommandSchema = z.object({ type: z.literal('stop') });
export const jumpCommandSchema = z.object({ type: z.literal('jump'), measure: measureLabel('jump: "measure"') });
export const cueCommandSchema = z.object({ type: z.literal('cue'), measure: measureLabel('cue: "measure"') });
/** Move the operator's cue by whole bars or sections (the panel's keys: next bar, previous bar, next section). */
export const stepCommandSchema = z.object({
  type: z.literal('step'),
  unit: z.enum(['bar', 'section'], { error: 'step: "unit" must be "bar" or "section"' }),
  by: z.int({ error: 'step: "by" must be a whole number' }).min(-64).max(64).refine((n) => n !== 0, { error: 'step: "by" must not be 0' }),
});
export const selectCommandSchema = z.object({
  type: z.literal('select'),
  itemId: z.string({ error: 'select: "itemId" must be a programme item id' }).min(1).max(ITEM_ID_MAX),
  fromMeasure: measureLabel('select: "fromMeasure"').optional(),
});
export const modeCommandSchema = z.object({ type: z.literal('mode'), mode: z.enum(['auto', 'manual'], { error: 'mode: "mode" must be "auto" or "manual"' }) });
export const pauseCommandSchema = z.object({ type: z.literal('pause') });
export const resumeCommandSchema = z.object({ type: z.literal('resume') });
/** A short notice to every phone; an empty text takes the notice down. */
export const messageCommandSchema = z.object({
  type: z.literal('message'),
  text: z
    .string({ error: 'message: "text" must be a string' })
    .trim()
    .max(MESSAGE_TEXT_MAX, { error: `message: "text" must be at most ${MESSAGE_TEXT_MAX} characters` }),
});

export const conductorCommandSchema = z.discriminatedUnion(
  'type',
  [
    startCommandSchema,
    stopCommandSchema,
    jumpCommandSchema,
    cueCommandSchema,
    stepCommandSchema,
    selectCommandSchema,
    modeCommandSchema,
    pauseCommandSchema,
    resumeCommandSchema,
    messageCommandSchema,
  ],
  { error: 'unknown command type (expected start, stop, jump, cue, step, select, mode, pause, resume or message)' },
);

/** NTP-style clock exchange: the phone's send time, echoed with the server's clock. */
export const clockRequestSchema = z.object({ clientSendMs: z.number({ error: 'clock: "clientSendMs" must be a number (the client clock in ms)' }).finite() });

export const replayRequestSchema = z.object({
  id: z.string({ error: 'play: "id" must be a recording id' }).min(1).max(200),
  speed: z.number({ error: 'play: "speed" must be a number' }).finite().positive().optional(),
});

export const micClaimSchema = z.object({ deviceLabel: z.string().max(200).optional() }).optional();

/** A PCM chunk's envelope; its samples are checked against the format by the microphone input. */
export const micChunkSchema = z.object({
  sampleRate: z.number({ error: 'micChunk: "sampleRate" must be a number' }),
  channels: z.number({ error: 'micChunk: "channels" must be a number' }),
  encoding: z.enum(['f32', 's16'], { error: 'micChunk: "encoding" must be "f32" or "s16"' }),
  data: z.custom<ArrayBuffer | Uint8Array>((v) => v instanceof ArrayBuffer || v instanceof Uint8Array, { error: 'micChunk: "data" must be binary (an ArrayBuffer)' }),
});

export type Infer<S extends z.ZodType> = Readonly<z.output<S>>;

/** One message naming the first problem, e.g. `jump: "measure" must not be empty`. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export function parseIncoming<S extends z.ZodType>(schema: S, value: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  if (!issue) return { ok: false, error: 'invalid payload' };
  // Our own messages name the command and field; zod's defaults get the path in front.
  const path = issue.path.map(String).join('.');
  const own = /^[a-zA-Z]+: /.test(issue.message) || issue.message.startsWith('unknown command');
  return { ok: false, error: own || path === '' ? issue.message : `${path}: ${issue.message}` };
}

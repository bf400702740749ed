/**
 * The conductor's `command` event: each payload is parsed by the protocol's schema, carried out on the session or
 * the programme, answered through the acknowledgement, and written to the audit trail (the recording and every
 * conductor panel), accepted or refused. A refused command changes nothing and announces nothing else.
 */
import type { AuditEvent, CommandResult, ConductorCommand } from '../protocol/index.js';
import { conductorCommandSchema, parseIncoming } from '../protocol/schemas.js';
import type { ProgrammeControl } from '../programme/control.js';
import { SessionError, type ConcertSession } from '../session/index.js';

/** An unparseable payload goes into the audit trail as the start of its JSON, never whole (it may be huge). */
const RAW_AUDIT_CHARS = 200;

export interface CommandDeps {
  readonly session: ConcertSession;
  readonly programme: ProgrammeControl;
  readonly now?: () => number;
}

export async function handleCommand(deps: CommandDeps, raw: unknown, by: string): Promise<CommandResult> {
  const parsed = parseIncoming(conductorCommandSchema, raw);
  const now = deps.now ?? Date.now;
  let result: CommandResult;
  let command: AuditEvent['command'];
  if (!parsed.ok) {
    command = { type: 'invalid', raw: rawText(raw) };
    result = { ok: false, error: unknownTypeError(raw) ?? badLabelError(raw) ?? parsed.error };
  } else {
    command = parsed.value;
    if (command.type === 'stop' && deps.session.snapshot().state === 'live') {
      // The recording closes with the session: write the stop into it before it ends.
      deps.session.announce({ type: 'audit', atMs: now(), by, command, result: { ok: true } });
      return run(deps, command);
    }
    result = await run(deps, command);
  }
  deps.session.announce({ type: 'audit', atMs: now(), by, command, result: result.ok ? { ok: true } : { ok: false, error: result.error } });
  return result;
}

async function run({ session, programme }: CommandDeps, command: ConductorCommand): Promise<CommandResult> {
  try {
    switch (command.type) {
      case 'start':
        await session.start(command.title);
        break;
      case 'stop':
        await session.stop();
        break;
      case 'jump':
        session.jump(command.measure);
        break;
      case 'cue':
        session.cue(command.measure);
        break;
      case 'step':
        session.step(command.unit, command.by);
        break;
      case 'mode':
        session.setMode(command.mode);
        break;
      case 'select':
        await programme.select(command.itemId, command.fromMeasure);
        break;
      case 'pause':
        await programme.pause();
        break;
      case 'resume':
        await programme.resume();
        break;
      case 'message':
        session.message(command.text);
        break;
    }
  } catch (err) {
    if (err instanceof SessionError) return { ok: false, error: err.message };
    return { ok: false, error: `internal error: ${(err as Error).message}` };
  }
  return { ok: true, session: session.snapshot(), programme: programme.state() };
}

function unknownTypeError(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null || !('type' in raw)) return undefined;
  const type = (raw as { type: unknown }).type;
  const known = conductorCommandSchema.options.map((o) => o.shape.type.value);
  if (typeof type === 'string' && (known as string[]).includes(type)) return undefined;
  return `unknown command type ${clip(JSON.stringify(type) ?? String(type), 40)} (expected ${known.join(', ')})`;
}

/** A jump or cue to a "bar" no score can have (too long, blank) is refused naming the label, clipped. */
function badLabelError(raw: unknown): string | undefined {
  const r = raw as { type?: unknown; measure?: unknown };
  if ((r.type !== 'jump' && r.type !== 'cue') || typeof r.measure !== 'string') return undefined;
  const label = r.measure.trim();
  return label === '' ? `${r.type}: "measure" must not be empty` : `${r.type}: no bar is labelled ${clip(JSON.stringify(label), 24)}`;
}

function rawText(raw: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(raw) ?? String(raw);
  } catch {
    text = String(raw);
  }
  return clip(text, RAW_AUDIT_CHARS);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

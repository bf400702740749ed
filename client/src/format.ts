import type { AuditEvent } from '@tutti/protocol';

/** Small display helpers shared by the views. */

export function formatCount(count: number | null): string {
  if (count === null) return '…';
  return count === 1 ? '1 listening' : `${count} listening`;
}

export function formatNumber(value: number | null | undefined, digits: number, unit = ''): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value.toFixed(digits)}${unit}`;
}

export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return `${m}:${String(s).padStart(2, '0')}`;
}

export function formatClock(ms: number | null): string {
  return ms === null ? '—' : new Date(ms).toLocaleString();
}

/** One line for an operator's command, e.g. "jump to bar 42", "mode manual". */
export function describeCommand(command: AuditEvent['command']): string {
  switch (command.type) {
    case 'start':
      return command.title ? `start "${command.title}"` : 'start';
    case 'jump':
      return `jump to bar ${command.measure}`;
    case 'cue':
      return `cue bar ${command.measure}`;
    case 'step':
      return `${command.by > 0 ? 'forward' : 'back'} ${Math.abs(command.by)} ${command.unit}${Math.abs(command.by) === 1 ? '' : 's'}`;
    case 'select':
      return `select ${command.itemId}${command.fromMeasure ? ` from bar ${command.fromMeasure}` : ''}`;
    case 'mode':
      return `mode ${command.mode}`;
    case 'message':
      return command.text ? `message "${command.text}"` : 'message cleared';
    case 'invalid':
      return `unreadable command ${command.raw}`;
    default:
      return command.type;
  }
}

/** A session without a title is named by when it started, e.g. "Session of 4 Dec 2026, 19:42" (never its raw id). */
export function recordingTitle(title: string | null | undefined, startedAtMs: number, locale?: string): string {
  if (title && title.trim() !== '') return title;
  const when = new Date(startedAtMs).toLocaleString(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  return `Session of ${when}`;
}

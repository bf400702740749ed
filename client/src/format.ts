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

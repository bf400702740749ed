/**
 * The panel's cue keys in manual mode: → next bar, ← previous bar, ↓ or Page Down next section, ↑ or Page Up
 * previous section. Keys typed into a field are the field's.
 */
import type { ConductorCommand } from '@tutti/protocol';

export const CUE_KEYS: readonly { readonly keys: string; readonly what: string }[] = [
  { keys: '→', what: 'next bar' },
  { keys: '←', what: 'previous bar' },
  { keys: '↓ / Page Down', what: 'next section' },
  { keys: '↑ / Page Up', what: 'previous section' },
];

export function commandForKey(key: string): ConductorCommand | null {
  switch (key) {
    case 'ArrowRight':
      return { type: 'step', unit: 'bar', by: 1 };
    case 'ArrowLeft':
      return { type: 'step', unit: 'bar', by: -1 };
    case 'ArrowDown':
    case 'PageDown':
      return { type: 'step', unit: 'section', by: 1 };
    case 'ArrowUp':
    case 'PageUp':
      return { type: 'step', unit: 'section', by: -1 };
    default:
      return null;
  }
}

/** True when the key press belongs to a text field, a select or an editable element, not to the cue keys. */
export function typedIntoField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** The reader's choices on the phone (level, text size, brightness), kept in localStorage across visits. */
import { reactive, watch } from 'vue';
import { LEVELS, type Level } from './harmonyWords.js';

export type TextSize = 'normal' | 'large';
export type Brightness = 'normal' | 'dim';

export interface Settings {
  level: Level;
  textSize: TextSize;
  brightness: Brightness;
}

const KEY = 'tutti.settings';
const DEFAULTS: Settings = { level: 'newcomer', textSize: 'normal', brightness: 'normal' };

/** Stored settings, each field checked: a stale or hand-edited value falls back to its default. */
export function parseSettings(text: string | null): Settings {
  let data: Record<string, unknown> = {};
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (parsed && typeof parsed === 'object') data = parsed as Record<string, unknown>;
  } catch {
    // unreadable: defaults
  }
  return {
    level: LEVELS.includes(data.level as Level) ? (data.level as Level) : DEFAULTS.level,
    textSize: data.textSize === 'large' ? 'large' : 'normal',
    brightness: data.brightness === 'dim' ? 'dim' : 'normal',
  };
}

function stored(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export const settings = reactive<Settings>(typeof localStorage === 'undefined' ? { ...DEFAULTS } : parseSettings(stored()));

if (typeof document !== 'undefined') {
  watch(
    settings,
    (s) => {
      document.documentElement.dataset.textSize = s.textSize;
      document.documentElement.dataset.brightness = s.brightness;
      try {
        localStorage.setItem(KEY, JSON.stringify(s));
      } catch {
        // not kept across reloads
      }
    },
    { immediate: true },
  );
}

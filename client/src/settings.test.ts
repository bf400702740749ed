import { describe, expect, it } from 'vitest';
import { parseSettings } from './settings.js';

describe('stored settings', () => {
  it('reads what was kept and falls back field by field', () => {
    expect(parseSettings('{"level":"expert","textSize":"large","brightness":"dim"}')).toEqual({ level: 'expert', textSize: 'large', brightness: 'dim' });
    expect(parseSettings('{"level":"guru","textSize":9}')).toEqual({ level: 'newcomer', textSize: 'normal', brightness: 'normal' });
    expect(parseSettings('not json')).toEqual({ level: 'newcomer', textSize: 'normal', brightness: 'normal' });
    expect(parseSettings(null).level).toBe('newcomer');
  });
});

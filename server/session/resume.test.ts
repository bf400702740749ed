import { describe, expect, it } from 'vitest';
import type { Position, RecordedEvent, SessionSnapshot } from '../protocol/index.js';
import { resumeStateOf } from './resume.js';

const at = (measure: string): Position => ({ reportSec: 1, scoreSec: 1, scoreBeat: 2, measure, beatInMeasure: 1, tempoBpm: 100, confidence: 0.9, state: 'following' });
const live: SessionSnapshot = { state: 'live', sessionId: 's', title: 'T', startedAtMs: 5, endedAtMs: null, position: null, currentMeasure: null };

describe('resumeStateOf', () => {
  it('takes the last bar shown (tick or jump, whichever came last) and the last tick number', () => {
    const events: RecordedEvent[] = [
      { offsetMs: 0, event: { type: 'state', session: live } },
      { offsetMs: 50, event: { type: 'position', tick: { sessionId: 's', seq: 1, serverTimeMs: 55, source: 'follower', position: at('12') } } },
      { offsetMs: 100, event: { type: 'position', tick: { sessionId: 's', seq: 2, serverTimeMs: 105, source: 'follower', position: at('13') } } },
      { offsetMs: 150, event: { type: 'jump', jump: { sessionId: 's', measure: '20' } } },
    ];
    expect(resumeStateOf('s', 'T', 5, events)).toEqual({ sessionId: 's', title: 'T', startedAtMs: 5, position: at('13'), currentMeasure: '20', seq: 2 });
  });

  it('is null for a session whose end is recorded', () => {
    const events: RecordedEvent[] = [
      { offsetMs: 0, event: { type: 'state', session: live } },
      { offsetMs: 10, event: { type: 'state', session: { ...live, state: 'ended', endedAtMs: 15 } } },
    ];
    expect(resumeStateOf('s', 'T', 5, events)).toBeNull();
  });
});

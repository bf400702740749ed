import { describe, expect, it } from 'vitest';
import type { Position } from '../pipeline.js';
import type { SessionEvent } from '../protocol/index.js';
import { SessionError } from './errors.js';
import type { PositionSink, PositionSource } from './positionSource.js';
import { ConcertSession } from './session.js';

const position = (measure: string): Position => ({
  reportSec: 1,
  scoreSec: 2,
  scoreBeat: 4,
  measure,
  beatInMeasure: 1,
  tempoBpm: 96,
  confidence: 0.9,
  state: 'following',
});

/** A real (if simple) source: records what the session asks of it and lets the test push positions. */
class ManualSource implements PositionSource {
  sink: PositionSink | undefined;
  calls: string[] = [];
  start(sink: PositionSink) {
    this.sink = sink;
    this.calls.push('start');
  }
  stop() {
    this.calls.push('stop');
  }
  jumpTo(measure: string) {
    this.calls.push(`jump ${measure}`);
  }
}

function collect(session: ConcertSession): SessionEvent[] {
  const events: SessionEvent[] = [];
  session.subscribe((e) => events.push(e));
  return events;
}

describe('ConcertSession', () => {
  it('moves waiting → live → ended → live with a new id each start', async () => {
    let t = 1000;
    const session = new ConcertSession({ now: () => t });
    const events = collect(session);
    expect(session.snapshot().state).toBe('waiting');

    const live = await session.start('  Eroica  ');
    expect(live).toMatchObject({ state: 'live', title: 'Eroica', startedAtMs: 1000, endedAtMs: null, position: null });
    t = 5000;
    const ended = await session.stop();
    expect(ended).toMatchObject({ state: 'ended', sessionId: live.sessionId, endedAtMs: 5000 });
    const again = await session.start();
    expect(again.sessionId).not.toBe(live.sessionId);
    expect(again.title).toBeNull();
    expect(events.map((e) => (e.type === 'state' ? e.session.state : e.type))).toEqual(['live', 'ended', 'live']);
  });

  it('refuses commands that do not fit the state, with a reason', async () => {
    const session = new ConcertSession();
    await expect(session.stop()).rejects.toThrow(/no session is live \(state: waiting\)/);
    expect(() => session.jump('12')).toThrow(SessionError);
    await session.start();
    await expect(session.start()).rejects.toThrow(/already live/);
    expect(() => session.jump('  ')).toThrow(/measure label/);
  });

  it('publishes positions from its source only while that session is live', async () => {
    const source = new ManualSource();
    const session = new ConcertSession({ source });
    const events = collect(session);
    await session.start();
    const sink = source.sink!;
    sink.position(position('7'));
    sink.level(-20, -6);
    expect(session.snapshot().currentMeasure).toBe('7');
    expect(session.snapshot().position?.tempoBpm).toBe(96);

    session.jump('12a');
    expect(session.snapshot().currentMeasure).toBe('12a');
    await session.stop();
    sink.position(position('8')); // late push after the end: dropped
    await session.start();
    sink.position(position('9')); // a stale sink from the previous session: dropped
    expect(session.snapshot().position).toBeNull();

    expect(source.calls).toEqual(['start', 'jump 12a', 'stop', 'start']);
    expect(events.map((e) => e.type)).toEqual(['state', 'position', 'level', 'jump', 'state', 'state']);
  });

  it('announces audience count changes once per change', () => {
    const session = new ConcertSession();
    const events = collect(session);
    session.setAudienceCount(3);
    session.setAudienceCount(3);
    session.setAudienceCount(0);
    expect(events).toEqual([
      { type: 'audience', audience: { count: 3 } },
      { type: 'audience', audience: { count: 0 } },
    ]);
    expect(session.audienceCount()).toBe(0);
  });
});

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

  it('folds positions faster than the interval into the latest, sent once the interval is up', async () => {
    const source = new ManualSource();
    const t = 0; // the session's clock stands still: only the interval's timer lets a position out
    const session = new ConcertSession({ source, positionIntervalMs: 40, now: () => t });
    const events = collect(session);
    await session.start();
    for (let bar = 1; bar <= 10; bar++) source.sink!.position(position(String(bar)));
    source.sink!.position({ ...position('11'), state: 'lost' }); // a state change goes out at once
    const measures = () => events.flatMap((e) => (e.type === 'position' ? [e.tick.position.measure] : []));
    expect(measures()).toEqual(['1', '11']);
    source.sink!.position(position('12'));
    source.sink!.position(position('13'));
    expect(measures()).toEqual(['1', '11', '12']); // 'following' again: a state change
    source.sink!.position(position('14'));
    await new Promise((r) => setTimeout(r, 60));
    expect(measures()).toEqual(['1', '11', '12', '14']);

    await session.stop();
  });

  it('passes at most one input level per interval', async () => {
    const source = new ManualSource();
    let t = 0;
    const session = new ConcertSession({ source, levelIntervalMs: 100, now: () => t });
    const events = collect(session);
    await session.start();
    for (; t < 300; t += 25) source.sink!.level(-t, 0);
    expect(events.flatMap((e) => (e.type === 'level' ? [e.level.rmsDb] : []))).toEqual([-0, -100, -200]);
  });

  it('never sends a held-back position after a jump, not even when the session stops', async () => {
    const source = new ManualSource();
    const session = new ConcertSession({ source, positionIntervalMs: 60_000 });
    const events = collect(session);
    await session.start();
    source.sink!.position(position('1'));
    source.sink!.position(position('2')); // held back for a minute
    session.jump('30');
    expect(session.snapshot().currentMeasure).toBe('30');
    await session.stop();
    expect(events.map((e) => (e.type === 'position' ? e.tick.position.measure : e.type))).toEqual(['state', '1', 'jump', 'state']);
  });

  it('ends the session and says why when its position source fails to start', async () => {
    const session = new ConcertSession({ source: { start: () => Promise.reject(new Error('no audio device')), stop: () => undefined } });
    const events = collect(session);
    await expect(session.start()).rejects.toThrow('the position source failed to start, so the session ended: no audio device');
    expect(session.snapshot().state).toBe('ended');
    expect(events.map((e) => (e.type === 'state' ? e.session.state : e.type))).toEqual(['live', 'ended']);
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

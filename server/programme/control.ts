/**
 * What the conductor's commands and the live namespaces need of the programme: its state as every client sees it,
 * and the operator's programme moves. Implemented by ProgrammeRunner (./runner.ts); a server that follows no
 * programme uses `fixedProgramme` (one item or none, nothing to select).
 */
import type { ProgrammeItemInfo, ProgrammeState } from '../protocol/index.js';
import { SessionError, type ConcertSession } from '../session/index.js';

export interface ProgrammeControl {
  state(): ProgrammeState;
  /** Arm an item: the follower follows its score, from its first bar unless `fromMeasure` says otherwise. */
  select(itemId: string, fromMeasure?: string): Promise<void>;
  /** The interval: nothing is followed until resume. */
  pause(): Promise<void>;
  resume(): Promise<void>;
}

/** A programme of at most one item, fixed: the server follows one score (or none) and there is nothing to select. */
export function fixedProgramme(session: ConcertSession, item: ProgrammeItemInfo | null): ProgrammeControl {
  const state = (): ProgrammeState => {
    const { state: s } = session.snapshot();
    const { mode, handover } = session.oversight();
    return {
      title: null,
      items: item ? [item] : [],
      currentItemId: item?.id ?? null,
      nextItemId: null,
      mode,
      phase: s === 'live' ? 'playing' : s === 'ended' ? 'ended' : 'idle',
      handover,
      section: null,
    };
  };
  const announce = () => session.announce({ type: 'programme', programme: state() });
  session.subscribe((event) => {
    if (event.type === 'state') announce();
  });
  session.onOversight(announce);
  const noProgramme = (what: string) => Promise.reject(new SessionError(`${what}: this server follows no programme (start it with --programme)`));
  return {
    state,
    select: (itemId) => (item && itemId === item.id ? Promise.reject(new SessionError('select: this server follows one score only')) : noProgramme('select')),
    pause: () => noProgramme('pause'),
    resume: () => noProgramme('resume'),
  };
}

/**
 * Runs a concert programme: it is the session's PositionSource, and behind it each item's own follower. It arms
 * items (the session checks bars against the item's score; the phones get its enrichment), finds where an item
 * ends — the input ended, or the final bar followed by quiet — and arms the next, announced to every client as
 * phase `between`; following starts at the next item's first bar when the music starts (phase `playing`). An
 * interval item waits its minutes. The operator overrides every step: select any item (from any bar), pause and
 * resume, manual mode.
 */
import type { Position } from '../pipeline.js';
import type { ProgrammeItemInfo, ProgrammePhase, ProgrammeState, SectionInfo } from '../protocol/index.js';
import type { EnrichmentTable } from '../enrichment/table.js';
import type { Score } from '../score/types.js';
import { SessionError, type ConcertSession, type PositionSink, type PositionSource } from '../session/index.js';
import type { MeasureCatalogue } from '../session/measures.js';
import type { ProgrammeControl } from './control.js';

export interface RunnerPiece {
  readonly kind: 'piece';
  readonly info: ProgrammeItemInfo;
  readonly catalogue: MeasureCatalogue;
  /** The follower of this item's score, listening to the concert's input (or to the item's recording). */
  readonly source: PositionSource;
  readonly enrichment?: EnrichmentTable;
  /** The score itself, when the item was prepared from a file (for the phones' engraver). */
  readonly score?: Score;
  /** The bar the performance starts at (the programme's `from`); undefined = the first bar. */
  readonly from?: string;
}

export interface RunnerInterval {
  readonly kind: 'interval';
  readonly info: ProgrammeItemInfo;
  readonly durationMs: number;
}

export type RunnerItem = RunnerPiece | RunnerInterval;

/** What the runner needs of the enrichment feed: the table of the item now followed. */
export interface EnrichmentSwitch {
  setTable(table: EnrichmentTable | null): void;
}

export interface RunnerOptions {
  readonly session: ConcertSession;
  readonly title: string | null;
  readonly items: readonly RunnerItem[];
  /** After the last item, arm the first again. */
  readonly loop?: boolean;
  /**
   * Before the next item's follower starts after an automatic advance (ms). 0 with a live input (the follower listens
   * through the applause); the pause between recordings when recordings stand in for the orchestra.
   */
  readonly gapMs?: number;
  readonly enrichment?: EnrichmentSwitch;
  /** Input quieter than this (RMS dBFS) counts as silence. Default −45. */
  readonly quietDb?: number;
  /** The final bar, then this long of silence or applause (the follower waiting), ends an item. Default 2500 ms. */
  readonly quietMs?: number;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
}

const ITEM_NOT_LIVE = 'needs a live session';

export class ProgrammeRunner implements PositionSource, ProgrammeControl {
  private readonly session: ConcertSession;
  private readonly items: readonly RunnerItem[];
  private readonly loop: boolean;
  private readonly gapMs: number;
  private readonly quietDb: number;
  private readonly quietMs: number;
  private readonly now: () => number;
  private readonly log: (line: string) => void;
  private index = 0;
  private phase: ProgrammePhase = 'idle';
  private paused = false;
  private sink: PositionSink | undefined;
  /** The item source now started, and a token so a stopped item's late pushes are dropped. */
  private running: PositionSource | undefined;
  private run = 0;
  private timer: NodeJS.Timeout | undefined;
  private reachedEnd = false;
  private quietSinceMs: number | null = null;
  private waitingSinceMs: number | null = null;
  private section: SectionInfo | null = null;
  private lastAnnounced = '';
  /** The item whose score the session checks bars against. */
  private armedIndex = -1;

  constructor(private readonly options: RunnerOptions) {
    if (options.items.length === 0) throw new RangeError('a programme needs at least one item');
    this.session = options.session;
    this.items = options.items;
    this.loop = options.loop ?? false;
    this.gapMs = options.gapMs ?? 0;
    this.quietDb = options.quietDb ?? -45;
    this.quietMs = options.quietMs ?? 2500;
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => {});
    this.session.subscribe((event) => {
      // The operator placed the music (a cue, a jump): the item is playing.
      if (event.type === 'position' && event.tick.source === 'operator' && this.phase === 'between') this.setPhase('playing');
      if (event.type === 'position') this.trackSection();
      if (event.type === 'state' && event.session.state === 'ended') this.setPhase('ended');
    });
    this.session.onOversight(() => this.announce());
    this.makeCurrent(0);
  }

  state(): ProgrammeState {
    const item = this.items[this.index]!;
    const next = this.nextIndex();
    const { mode, handover } = this.session.oversight();
    return {
      title: this.options.title,
      items: this.items.map((i) => i.info),
      currentItemId: item.info.id,
      nextItemId: next === null ? null : this.items[next]!.info.id,
      mode,
      phase: this.phase,
      handover,
      section: this.section,
    };
  }

  // PositionSource: the session starts and stops the programme with the concert.

  async start(sink: PositionSink): Promise<void> {
    this.sink = sink;
    this.paused = false;
    await this.arm(this.index, { start: true });
  }

  async stop(): Promise<void> {
    this.sink = undefined;
    this.clearTimer();
    await this.stopItem();
    this.paused = false;
  }

  jumpTo(measure: string): void {
    const item = this.current();
    if (item?.kind === 'piece') item.source.jumpTo?.(measure);
    // The operator placed the music: it is playing.
    if (this.phase === 'between') this.setPhase('playing');
  }

  // ProgrammeControl: the operator's moves.

  async select(itemId: string, fromMeasure?: string): Promise<void> {
    const index = this.items.findIndex((i) => i.info.id === itemId);
    if (index < 0) throw new SessionError(`select: the programme has no item "${itemId}" (items: ${this.items.map((i) => i.info.id).join(', ')})`);
    const item = this.items[index]!;
    if (fromMeasure !== undefined) {
      if (item.kind !== 'piece') throw new SessionError(`select: "${item.info.title}" is an interval: it has no bars`);
      if (item.catalogue.find(fromMeasure) < 0) throw new SessionError(`select: "${item.info.title}" has no bar "${fromMeasure}"`);
    }
    this.paused = false;
    await this.arm(index, { start: this.sink !== undefined, fromMeasure });
  }

  async pause(): Promise<void> {
    if (!this.sink) throw new SessionError(`pause ${ITEM_NOT_LIVE}`);
    if (this.paused || this.current()?.kind === 'interval') throw new SessionError('pause: the interval has already begun');
    this.paused = true;
    this.clearTimer();
    await this.stopItem();
    this.setPhase('interval');
  }

  async resume(): Promise<void> {
    if (!this.sink) throw new SessionError(`resume ${ITEM_NOT_LIVE}`);
    const item = this.current()!;
    if (item.kind === 'interval') {
      // The interval is over when the operator says so.
      await this.advance('the operator ended the interval');
      return;
    }
    if (!this.paused) throw new SessionError('resume: nothing is paused');
    this.paused = false;
    const here = this.session.currentIndex();
    // Following starts again from where the music stopped, once it is heard.
    this.setPhase('between');
    await this.startItem(item, here >= 0 ? item.catalogue.label(here) : item.from, 0);
  }

  private current(): RunnerItem | undefined {
    return this.items[this.index];
  }

  private nextIndex(): number | null {
    if (this.index + 1 < this.items.length) return this.index + 1;
    return this.loop ? 0 : null;
  }

  /** Makes an item current; with `start`, its follower starts (after `delayMs`) or its interval begins. */
  private async arm(index: number, how: { start: boolean; fromMeasure?: string; delayMs?: number }): Promise<void> {
    this.clearTimer();
    await this.stopItem();
    const item = this.makeCurrent(index);
    if (!how.start) {
      this.setPhase(this.session.snapshot().state === 'ended' ? 'ended' : 'idle', true);
      return;
    }
    if (item.kind === 'interval') {
      this.setPhase('interval', true);
      this.timer = setTimeout(() => void this.advance('the interval is over'), item.durationMs);
      this.timer.unref?.();
      return;
    }
    this.setPhase('between', true);
    await this.startItem(item, how.fromMeasure ?? item.from, how.delayMs ?? 0);
  }

  /** The item's score becomes the one bars are checked against, its enrichment what the phones get. */
  private makeCurrent(index: number): RunnerItem {
    this.index = index;
    this.reachedEnd = false;
    this.quietSinceMs = this.waitingSinceMs = null;
    this.section = null;
    const item = this.items[index]!;
    // The session already checks against this item (a start, a resume after a crash): keep its bar as it is.
    if (this.armedIndex === index) return item;
    this.armedIndex = index;
    if (item.kind === 'piece') {
      this.session.setCatalogue(item.catalogue, `"${item.info.title}"`);
      this.options.enrichment?.setTable(item.enrichment ?? null);
    } else {
      this.session.followNothing(`"${item.info.title}" is an interval: nothing is being followed`);
      this.options.enrichment?.setTable(null);
    }
    return item;
  }

  private async startItem(item: RunnerPiece, fromMeasure: string | undefined, delayMs: number): Promise<void> {
    const run = ++this.run;
    const go = async () => {
      this.timer = undefined;
      if (run !== this.run || !this.sink) return;
      this.running = item.source;
      try {
        await item.source.start(this.sinkFor(run, item));
      } catch (err) {
        this.log(`programme: the follower of "${item.info.title}" failed to start: ${(err as Error).message}`);
        return;
      }
      if (fromMeasure !== undefined && run === this.run) item.source.jumpTo?.(fromMeasure);
    };
    if (delayMs > 0) {
      this.timer = setTimeout(() => void go(), delayMs);
      this.timer.unref?.();
    } else await go();
  }

  private async stopItem(): Promise<void> {
    this.run++;
    const running = this.running;
    this.running = undefined;
    if (running) await running.stop();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The session's sink, watched on the way: the first lock starts the item, the final bar and quiet end it. */
  private sinkFor(run: number, item: RunnerPiece): PositionSink {
    const mine = () => run === this.run && this.sink !== undefined;
    return {
      position: (p) => {
        if (!mine()) return;
        this.sink!.position(p);
        this.watchPosition(item, p);
      },
      level: (rmsDb, peakDb) => {
        if (!mine()) return;
        this.sink!.level(rmsDb, peakDb);
        this.quietSinceMs = rmsDb < this.quietDb ? (this.quietSinceMs ?? this.now()) : null;
        this.checkEnd();
      },
      ended: () => {
        if (!mine()) return;
        this.sink!.ended?.();
        void this.advance(`the input of "${item.info.title}" ended`);
      },
    };
  }

  private watchPosition(item: RunnerPiece, p: Position): void {
    // The music has started (the follower hears it, sure of the place or not yet): the item is playing.
    if ((p.state === 'following' || p.state === 'uncertain') && this.phase === 'between') this.setPhase('playing');
    const c = item.catalogue;
    if (p.state === 'following' && c.indexAtScoreSec(p.scoreSec) >= c.count - 1) this.reachedEnd = true;
    this.waitingSinceMs = p.state === 'waiting' ? (this.waitingSinceMs ?? this.now()) : null;
    this.checkEnd();
  }

  /** Final bar, then silence or applause: the item is over (in automatic mode; in manual the operator decides). */
  private checkEnd(): void {
    if (!this.reachedEnd || this.phase !== 'playing' || this.session.oversight().mode !== 'auto') return;
    const now = this.now();
    const quiet = this.quietSinceMs !== null && now - this.quietSinceMs >= this.quietMs;
    const waiting = this.waitingSinceMs !== null && now - this.waitingSinceMs >= this.quietMs;
    if (quiet || waiting) void this.advance(`"${this.current()!.info.title}" reached its final bar and the hall went quiet`);
  }

  private async advance(why: string): Promise<void> {
    if (!this.sink) return;
    const next = this.nextIndex();
    this.log(`programme: ${why}; ${next === null ? 'that was the last item' : `next: "${this.items[next]!.info.title}"`}`);
    if (next === null) {
      this.clearTimer();
      await this.stopItem();
      this.setPhase('ended');
      return;
    }
    await this.arm(next, { start: true, delayMs: this.gapMs });
  }

  private trackSection(): void {
    const item = this.current();
    if (item?.kind !== 'piece') return;
    const index = this.session.currentIndex();
    const section = index >= 0 ? item.catalogue.sectionOf(index) : null;
    if (section?.from === this.section?.from && section?.title === this.section?.title) return;
    this.section = section;
    this.announce();
  }

  private setPhase(phase: ProgrammePhase, force = false): void {
    if (phase === this.phase && !force) return;
    this.phase = phase;
    this.announce();
  }

  /** A reliable `programme` event, only when something in it changed. */
  private announce(): void {
    const state = this.state();
    const key = JSON.stringify(state);
    if (key === this.lastAnnounced) return;
    this.lastAnnounced = key;
    this.session.announce({ type: 'programme', programme: state });
  }
}

/**
 * The audience count across processes: each fan-out reports how many phones it holds; the leader
 * adds them to its own. A share not refreshed for SHARE_TTL_MS (a killed fan-out) stops counting.
 */
import type { AudienceShare } from '../protocol/index.js';

export const SHARE_REFRESH_MS = 2000;
export const SHARE_TTL_MS = 7000;

export class AudienceShares {
  private readonly shares = new Map<string, { count: number; atMs: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Returns true when the total changed. */
  receive(share: AudienceShare): boolean {
    if (typeof share?.processId !== 'string' || !Number.isInteger(share.count) || share.count < 0) return false;
    const before = this.total();
    this.shares.set(share.processId, { count: share.count, atMs: this.now() });
    return this.total() !== before;
  }

  /** Drops shares that stopped being refreshed; true when the total changed. */
  expire(): boolean {
    let changed = false;
    for (const [id, share] of this.shares) {
      if (this.now() - share.atMs > SHARE_TTL_MS) {
        this.shares.delete(id);
        changed ||= share.count > 0;
      }
    }
    return changed;
  }

  /** Phones held by the other processes. */
  total(): number {
    let sum = 0;
    for (const share of this.shares.values()) sum += share.count;
    return sum;
  }
}

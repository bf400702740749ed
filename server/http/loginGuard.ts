/**
 * Limits token guesses per client address: after a few failures an address must wait, twice as
 * long after each further failure (up to a cap), and attempts while it waits are refused without
 * looking at the token. Failures are logged in aggregate — one line per address per report
 * interval — so a guessing loop cannot fill the log either.
 */
export interface LoginGuardOptions {
  readonly now?: () => number;
  readonly log?: (line: string) => void;
  /** Failures allowed before the back-off starts. Default 5. */
  readonly freeFailures?: number;
  /** First wait, doubled per further failure. Default 1 s. */
  readonly baseBackoffMs?: number;
  /** Longest wait. Default 60 s. */
  readonly maxBackoffMs?: number;
  /** An address with no failure for this long starts afresh. Default 15 min. */
  readonly forgetAfterMs?: number;
  /** How often the aggregate line is written (by the timer `start()` sets up). Default 60 s. */
  readonly reportIntervalMs?: number;
  /** Told of every failed or refused attempt (metrics). */
  readonly onFailure?: () => void;
}

export type LoginVerdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterMs: number };

interface AddressRecord {
  failures: number;
  blockedUntilMs: number;
  lastFailureMs: number;
  /** Since the last report. */
  newFailures: number;
  refused: number;
}

export class LoginGuard {
  private readonly records = new Map<string, AddressRecord>();
  private readonly now: () => number;
  private readonly freeFailures: number;
  private readonly baseBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly forgetAfterMs: number;
  private timer: NodeJS.Timeout | undefined;
  /** Every failed or refused attempt since start (metrics). */
  failedTotal = 0;

  constructor(private readonly options: LoginGuardOptions = {}) {
    this.now = options.now ?? Date.now;
    this.freeFailures = options.freeFailures ?? 5;
    this.baseBackoffMs = options.baseBackoffMs ?? 1000;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
    this.forgetAfterMs = options.forgetAfterMs ?? 15 * 60_000;
  }

  /** Before looking at a token: may this address try now? */
  check(address: string): LoginVerdict {
    const record = this.records.get(address);
    if (!record) return { allowed: true };
    const now = this.now();
    if (record.blockedUntilMs > now) {
      record.refused++;
      this.failedTotal++;
      this.options.onFailure?.();
      return { allowed: false, retryAfterMs: record.blockedUntilMs - now };
    }
    return { allowed: true };
  }

  fail(address: string): void {
    const now = this.now();
    let record = this.records.get(address);
    if (!record || now - record.lastFailureMs > this.forgetAfterMs) {
      record = { failures: 0, blockedUntilMs: 0, lastFailureMs: now, newFailures: record?.newFailures ?? 0, refused: record?.refused ?? 0 };
      this.records.set(address, record);
    }
    record.failures++;
    record.newFailures++;
    record.lastFailureMs = now;
    this.failedTotal++;
    this.options.onFailure?.();
    const over = record.failures - this.freeFailures;
    if (over >= 0) record.blockedUntilMs = now + Math.min(this.maxBackoffMs, this.baseBackoffMs * 2 ** over);
  }

  succeed(address: string): void {
    const record = this.records.get(address);
    if (record && record.newFailures === 0 && record.refused === 0) this.records.delete(address);
    else if (record) record.failures = 0;
  }

  /** Writes one line per address that failed since the last report, and forgets quiet addresses. */
  report(): void {
    const now = this.now();
    for (const [address, r] of this.records) {
      if (r.newFailures > 0 || r.refused > 0) {
        const wait = r.blockedUntilMs > now ? `; blocked for ${Math.ceil((r.blockedUntilMs - now) / 1000)} s more` : '';
        this.options.log?.(`login: ${r.newFailures} wrong token(s) and ${r.refused} attempt(s) refused while blocked from ${address}${wait}`);
        r.newFailures = 0;
        r.refused = 0;
      } else if (now - r.lastFailureMs > this.forgetAfterMs) {
        this.records.delete(address);
      }
    }
  }

  /** Reports every reportIntervalMs until stop(); the timer does not keep the process alive. */
  start(): void {
    this.timer ??= setInterval(() => this.report(), this.options.reportIntervalMs ?? 60_000).unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.report();
  }
}

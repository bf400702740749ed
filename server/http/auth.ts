import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Namespace } from 'socket.io';
import type { LoginGuard } from './loginGuard.js';

export interface ConductorToken {
  readonly token: string;
  /** 'env' when TUTTI_CONDUCTOR_TOKEN set it; 'generated' when made up at start (print it). */
  readonly source: 'env' | 'generated';
}

export function resolveConductorToken(env: NodeJS.ProcessEnv = process.env): ConductorToken {
  const fromEnv = env.TUTTI_CONDUCTOR_TOKEN?.trim();
  if (fromEnv) return { token: fromEnv, source: 'env' };
  return { token: randomBytes(12).toString('base64url'), source: 'generated' };
}

/**
 * Constant-time comparison, so response timing does not leak the token — not even its length:
 * both sides are hashed to 32 bytes first, and timingSafeEqual compares those.
 */
export function tokenMatches(candidate: unknown, expected: string): boolean {
  if (typeof candidate !== 'string' || candidate.length > 1024) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(candidate), digest(expected));
}

/**
 * Handshake middleware: `auth: { token }` must match one of `tokens`; guesses are limited per
 * address by the guard (which also logs them, in aggregate).
 */
export function requireToken(namespace: Namespace, tokens: readonly string[], guard: LoginGuard, what: string): void {
  namespace.use((socket, next) => {
    const address = socket.handshake.address;
    const verdict = guard.check(address);
    if (!verdict.allowed) return next(new Error(`too many wrong tokens from your address: try again in ${Math.ceil(verdict.retryAfterMs / 1000)} s`));
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    if (tokens.some((t) => t !== '' && tokenMatches(auth?.token, t))) {
      guard.succeed(address);
      return next();
    }
    guard.fail(address);
    next(new Error(`unauthorized: wrong or missing ${what} token`));
  });
}

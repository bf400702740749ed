import { randomBytes, timingSafeEqual } from 'node:crypto';

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

/** Constant-time comparison, so response timing does not leak the token. */
export function tokenMatches(candidate: unknown, expected: string): boolean {
  if (typeof candidate !== 'string') return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

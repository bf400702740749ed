/**
 * A load test may only ever hit this machine: loopback addresses (127.0.0.0/8, ::1, localhost)
 * or hosts the operator names in TUTTI_LOADTEST_HOSTS for test hosts in network namespaces the
 * project made itself. Anything else is refused before a single socket opens.
 */
import { isIP } from 'node:net';

export class LoadTargetError extends Error {
  override readonly name = 'LoadTargetError';
}

export function loopbackTarget(raw: string, extraHosts: readonly string[] = allowedTestHosts()): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new LoadTargetError(`--url ${JSON.stringify(raw)} is not a URL (expected e.g. http://127.0.0.1:3000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new LoadTargetError(`--url must be http: or https:, got ${url.protocol}`);
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isLoopback(host) || extraHosts.includes(host)) return url;
  throw new LoadTargetError(`refusing to load-test ${host}: only loopback addresses (127.0.0.0/8, ::1, localhost) or hosts listed in TUTTI_LOADTEST_HOSTS may be targeted`);
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.split('.')[0] === '127';
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

function allowedTestHosts(): string[] {
  return (process.env.TUTTI_LOADTEST_HOSTS ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h.length > 0);
}

/**
 * The path of an incoming request, or null when its request line is not a URL we can read.
 * Anyone on the hall's Wi-Fi can send `GET http://[` or `GET //a b`; `new URL` throws on those,
 * and an exception in the request listener would take the whole concert down. They get a 400.
 */
export function requestPathname(url: string | undefined): string | null {
  try {
    return new URL(url ?? '/', 'http://localhost').pathname;
  } catch {
    return null;
  }
}

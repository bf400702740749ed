/** Keeps the conductor token for this browser tab only (sessionStorage), so a reload stays logged in. */
const KEY = 'tutti.conductorToken';

export function loadToken(): string {
  return sessionStorage.getItem(KEY) ?? '';
}

export function saveToken(token: string): void {
  sessionStorage.setItem(KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(KEY);
}

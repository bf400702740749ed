/** Small browser-side helpers for the views: a coarse clock, and the screen kept awake while following. */
import { onBeforeUnmount, ref, watch, type Ref } from 'vue';

/** A reactive Date.now() refreshed every `periodMs` (the staleness and doubt timers read it). */
export function useNow(periodMs = 250): Ref<number> {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), periodMs);
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}

interface WakeLockSentinelLike {
  release(): Promise<void>;
  readonly released: boolean;
}

/**
 * Keeps the screen on while `active` (a phone that dims mid-movement loses its reader). Browsers drop the
 * lock when the page is hidden, so it is asked for again when the page comes back. Silently does nothing
 * where the Screen Wake Lock API is missing or refused (it needs a secure context).
 */
export function useWakeLock(active: Ref<boolean>): void {
  let sentinel: WakeLockSentinelLike | null = null;
  const api = (navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<WakeLockSentinelLike> } }).wakeLock;
  const acquire = async () => {
    if (!api || !active.value || document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
    try {
      sentinel = await api.request('screen');
    } catch {
      sentinel = null;
    }
  };
  const release = () => {
    void sentinel?.release().catch(() => undefined);
    sentinel = null;
  };
  const onVisible = () => void acquire();
  document.addEventListener('visibilitychange', onVisible);
  watch(active, (on) => (on ? void acquire() : release()), { immediate: true });
  onBeforeUnmount(() => {
    document.removeEventListener('visibilitychange', onVisible);
    release();
  });
}

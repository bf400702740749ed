/** A tiny router: three views chosen by the path (links between them are ordinary page loads). */
import { ref, type Ref } from 'vue';

export type Route = 'audience' | 'conductor' | 'replay';

const PATHS: Readonly<Record<Route, string>> = { audience: '/', conductor: '/conductor', replay: '/replay' };

export function routeFor(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === PATHS.conductor) return 'conductor';
  if (path === PATHS.replay) return 'replay';
  return 'audience';
}

const current = ref<Route>(routeFor(window.location.pathname));
window.addEventListener('popstate', () => {
  current.value = routeFor(window.location.pathname);
});

export function useRoute(): Readonly<Ref<Route>> {
  return current;
}

// Hash routing for the few screens (no library: the app has six routes). Routes:
// #/meetings, #/meetings/<id>, #/meetings/<id>/build, #/meetings/<id>/minutes, #/actions, #/deadlines, #/reports/<itemId>, #/committees, #/council, #/programme, #/forward-plan, #/trackers, #/accounts, #/my-reports.
import { anythingPending, confirmLeave } from './leave.svelte';

export type Route =
  | { screen: 'meetings' }
  | { screen: 'agenda'; id: number }
  | { screen: 'build'; id: number }
  | { screen: 'minutes'; id: number }
  | { screen: 'actions' }
  | { screen: 'deadlines' }
  | { screen: 'report'; itemId: number }
  | { screen: 'committees' }
  | { screen: 'council' }
  | { screen: 'programme' }
  | { screen: 'forward-plan' }
  | { screen: 'accounts' }
  | { screen: 'trackers' }
  | { screen: 'my-reports' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const num = (s: string | undefined) => (s && /^\d+$/.test(s) ? Number(s) : null);
  if (parts[0] === 'meetings' && num(parts[1]) !== null) {
    const id = num(parts[1]) as number;
    if (parts[2] === 'minutes') return { screen: 'minutes', id };
    return parts[2] === 'build' ? { screen: 'build', id } : { screen: 'agenda', id };
  }
  if (parts[0] === 'reports' && num(parts[1]) !== null) return { screen: 'report', itemId: num(parts[1]) as number };
  if (parts[0] === 'actions') return { screen: 'actions' };
  if (parts[0] === 'deadlines') return { screen: 'deadlines' };
  if (parts[0] === 'committees') return { screen: 'committees' };
  if (parts[0] === 'council') return { screen: 'council' };
  if (parts[0] === 'programme') return { screen: 'programme' };
  if (parts[0] === 'forward-plan') return { screen: 'forward-plan' };
  if (parts[0] === 'trackers') return { screen: 'trackers' };
  if (parts[0] === 'accounts') return { screen: 'accounts' };
  if (parts[0] === 'my-reports') return { screen: 'my-reports' };
  return { screen: 'meetings' };
}

export const router = $state({ route: parseRoute(typeof location === 'undefined' ? '' : location.hash) });

// The hash the current screen was opened at, and a target the leave guard already approved.
let shownHash = typeof location === 'undefined' ? '' : location.hash;
let approved: string | null = null;

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    const target = location.hash;
    if (approved !== target && anythingPending()) {
      // Stay on the screen (and its URL) until the leave guard has saved what it can and, if
      // something cannot be saved, the user has answered.
      history.replaceState(history.state, '', shownHash || '#/');
      void confirmLeave(target).then((leave) => {
        if (!leave) return;
        approved = target;
        location.hash = target;
      });
      return;
    }
    approved = null;
    shownHash = target;
    router.route = parseRoute(target);
  });
}

export function go(hash: string) {
  if (location.hash === hash) router.route = parseRoute(hash);
  else location.hash = hash;
}

// Live updates from a team server (issue 18): one EventSource on GET /api/events while someone
// is signed in to a team server over HTTP, and the screens that care told of each change. The
// server sends ids and a name only ({command, meeting_id?, item_id?, by}); a screen re-runs its
// own commands, which the server authorises as always. The desktop app connected to a team
// server follows the same stream in Rust (desktop/remote.rs) and passes each event on as a
// `team-change` Tauri event, heard here the same way. At the single desk (the desktop app on its
// file) and on the loopback `serve` nothing is opened and nothing is heard: the screens are as
// they always were.
//
// The stream is opened lazily by the first screen that listens, and follows the session from
// then on (closed at sign-out, opened again at sign-in). `resync` (the browser fell behind)
// reaches every listener as a change that matters to all.
//
// Deliberately not here: what a screen re-fetches (each screen decides with `concerns`).
import { listen } from '@tauri-apps/api/event';
import { detectTransport } from './api';
import { session } from './session.svelte';

export type Change = { command: string; meeting_id?: number; item_id?: number; by: string };
export type Listener = (change: Change) => void;

const listeners = new Set<Listener>();

/** Whether the stream is open (shown nowhere yet; for tests and later a status light). */
export const live = $state({ open: false });

type Source = Pick<EventSource, 'addEventListener' | 'close'>;
let source: Source | null = null;
let started = false;

/** Tells every listener of `change` (also what the stream calls). */
export function announce(change: Change): void {
  for (const listener of [...listeners]) listener(change);
}

/** Opens or closes the stream; `want` is "signed in to a team server over HTTP". */
export function follow(want: boolean, open: (url: string) => Source = (url) => new EventSource(url)): void {
  if (want && !source) {
    source = open('/api/events');
    source.addEventListener('change', (e) => {
      try {
        announce(JSON.parse((e as MessageEvent).data) as Change);
      } catch {
        // A malformed event is ignored: the next one, or the next visit, brings the screen up to date.
      }
    });
    source.addEventListener('resync', () => announce({ command: 'resync', by: '' }));
    live.open = true;
  } else if (!want && source) {
    source.close();
    source = null;
    live.open = false;
  }
}

/** One event as the desktop passes it on (`change` with its JSON, or `resync`). */
export function heard(event: string, data: string): void {
  if (event === 'resync') {
    announce({ command: 'resync', by: '' });
    return;
  }
  if (event !== 'change') return;
  try {
    announce(JSON.parse(data) as Change);
  } catch {
    // A malformed event is ignored, as the browser's stream ignores one.
  }
}

/** Listens to changes while the calling screen lives; answers the function that stops it. */
export function onChange(listener: Listener): () => void {
  listeners.add(listener);
  if (!started && session.desktop) {
    started = true;
    void listen<{ event: string; data: string }>('team-change', (e) => heard(e.payload.event, e.payload.data)).catch(() => (started = false));
  } else if (!started && detectTransport() === 'http') {
    started = true;
    $effect.root(() => {
      $effect(() => follow(session.mode === 'team' && session.account !== null));
    });
  }
  return () => listeners.delete(listener);
}

/** Whether `change` concerns a screen showing `meetingId` and/or the items `itemIds` (or named
 *  `commands`, or `any` change, for a screen listing many meetings' papers), and was not made by
 *  the person at this screen (their own screen already shows it). */
export function concerns(change: Change, what: { meetingId?: number; itemIds?: number[]; commands?: string[]; any?: boolean }, me = session.account): boolean {
  if (change.command === 'resync') return true;
  if (me && (change.by === me.display || change.by === me.name)) return false;
  if (what.any) return true;
  if (what.commands?.includes(change.command)) return true;
  if (what.meetingId !== undefined && change.meeting_id === what.meetingId) return true;
  return change.item_id !== undefined && (what.itemIds ?? []).includes(change.item_id);
}

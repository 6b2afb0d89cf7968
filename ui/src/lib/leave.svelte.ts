// One leave guard for every autosaved screen. A screen registers what it has not saved and how
// to save what it can; the guard then asks before the route changes (sidebar links, breadcrumbs,
// the Back button: every way goes through `hashchange`), warns on reload or tab close
// (`beforeunload`) and, in the desktop app, on the window's close request. Leaving never discards
// what is saveable: the valid fields are saved first; only what cannot be saved (a field held
// back as invalid, or a save the store refused) is left behind, and the dialog names it.
//
// Deliberately not here: the dialog's markup (components/LeaveDialog.svelte) and the routes.

export interface UnsavedWork {
  /** What would be lost on leaving now, one sentence each; empty when nothing would be. */
  lost(): string[];
  /** True while anything typed is not yet in the store (saveable or not). */
  pending(): boolean;
  /** Saves everything that can be saved now. */
  flush(): Promise<void>;
}

export interface LeaveQuestion {
  /** What would be lost. */
  lost: string[];
  /** Where the user was going: a hash route, or "close" for the desktop window. */
  target: string;
}

const screens = new Set<UnsavedWork>();

/** The open question, shown by LeaveDialog; null when nothing is being asked. */
export const leaving = $state<{ question: LeaveQuestion | null }>({ question: null });

/** Registers a screen's unsaved work; returns the function that unregisters it. */
export function guardLeaving(work: UnsavedWork): () => void {
  screens.add(work);
  return () => screens.delete(work);
}

export function whatWouldBeLost(): string[] {
  return [...screens].flatMap((s) => s.lost());
}

export function anythingPending(): boolean {
  return [...screens].some((s) => s.pending() || s.lost().length > 0);
}

export async function flushAll(): Promise<void> {
  await Promise.all([...screens].map((s) => s.flush().catch(() => {})));
}

let proceed: ((leave: boolean) => void) | null = null;

/** Asks the question and resolves with the answer (true = leave). */
export function ask(target: string, lost: string[]): Promise<boolean> {
  proceed?.(false);
  leaving.question = { target, lost };
  return new Promise((resolve) => {
    proceed = (answer) => {
      proceed = null;
      leaving.question = null;
      resolve(answer);
    };
  });
}

/** The dialog's answer. */
export function answer(leave: boolean): void {
  proceed?.(leave);
}

/** Should the route change to `target` wait for an answer? Saves what it can either way. */
export async function confirmLeave(target: string): Promise<boolean> {
  await flushAll();
  const lost = whatWouldBeLost();
  if (lost.length === 0) return true;
  const leave = await ask(target, lost);
  if (leave) await flushAll();
  return leave;
}

if (typeof window !== 'undefined') {
  window.addEventListener('beforeunload', (e) => {
    if (anythingPending()) {
      void flushAll();
      e.preventDefault();
    }
  });
}

/** In the desktop app, holds the window open while something would be lost and asks first. */
export async function guardWindowClose(): Promise<void> {
  if (typeof window === 'undefined' || !('__TAURI_INTERNALS__' in window)) return;
  const { getCurrentWindow } = await import('@tauri-apps/api/window');
  await getCurrentWindow().onCloseRequested(async (event) => {
    await flushAll();
    const lost = whatWouldBeLost();
    if (lost.length === 0) return; // the window is destroyed as usual
    event.preventDefault();
    if (await ask('close', lost)) {
      await flushAll();
      await getCurrentWindow().destroy();
    }
  });
}

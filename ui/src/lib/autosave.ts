// Autosave state machine for the report editor. A change marks the form "dirty" and (re)starts a
// debounce timer; when it fires the latest value is saved. Edits made while a save is in flight
// are kept and saved next. A failed save keeps the typed value, records the error and goes to
// "error" until the next change or a retry. It knows nothing about forms or the DOM.
import { toApiError, type ApiError } from './api';

export type SaveState = 'saved' | 'dirty' | 'saving' | 'error';

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class Autosave<T> {
  state: SaveState = 'saved';
  error: ApiError | null = null;
  private pending: T | null = null;
  private timer: unknown = null;
  private inflight: Promise<void> | null = null;

  constructor(
    private readonly save: (value: T) => Promise<void>,
    private readonly onState: (state: SaveState, error: ApiError | null) => void = () => {},
    private readonly delay = 800,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Record a new value; it is saved after `delay` ms without further changes. */
  change(value: T): void {
    this.pending = value;
    this.set('dirty', null);
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.flush();
    }, this.delay);
  }

  /** Save now whatever is pending (used by the timer, blur, and leaving the screen). */
  async flush(): Promise<void> {
    if (this.timer !== null) {
      this.timers.clear(this.timer);
      this.timer = null;
    }
    if (this.inflight) {
      await this.inflight;
      if (this.pending !== null && this.state !== 'error') return this.flush();
      return;
    }
    if (this.pending === null) return;
    const value = this.pending;
    this.pending = null;
    this.set('saving', null);
    this.inflight = (async () => {
      try {
        await this.save(value);
        this.set(this.pending !== null ? 'dirty' : 'saved', null);
      } catch (e) {
        // Keep what was typed: the failed value is pending again unless newer text replaced it.
        if (this.pending === null) this.pending = value;
        this.set('error', toApiError(e));
      } finally {
        this.inflight = null;
      }
    })();
    await this.inflight;
    if (this.pending !== null && this.state === 'dirty' && this.timer === null) await this.flush();
  }

  get hasPending(): boolean {
    return this.pending !== null || this.inflight !== null;
  }

  /** Drops what is waiting to be saved (the person chose the other version of a conflict). */
  discard(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.pending = null;
    this.set('saved', null);
  }

  dispose(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
  }

  private set(state: SaveState, error: ApiError | null) {
    this.state = state;
    this.error = error;
    this.onState(state, error);
  }
}

export function stateLabel(state: SaveState): string {
  switch (state) {
    case 'saved':
      return 'Saved';
    case 'dirty':
      return 'Unsaved changes';
    case 'saving':
      return 'Saving…';
    case 'error':
      return 'Not saved';
  }
}

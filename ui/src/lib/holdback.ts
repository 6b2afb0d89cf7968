// Saving the valid fields of a form while an invalid one is held back, so one bad field (a
// cleared report title) never blocks the rest of an autosave. The unit of holding back is a
// top-level field of the saved object ("title", "authors"): a problem at "authors.1.name" or
// "authors[1].name" holds back the whole author list, because the store saves it as one.
// A held field keeps the value the store last accepted; what was typed stays on screen.
//
// Two sources of "invalid": the screen's own checks (what the store is known to refuse) and the
// store itself (a refusal naming a field the checks missed). A store refusal is remembered for
// the refused value only, so editing that field tries it again.
//
// Deliberately not here: timers, the DOM, or which rules apply (the caller passes them in).
import type { ApiError } from './api';
import type { Problems } from './validate';

export type { Problems };

/** "authors" from "authors.1.name" or "authors[1].name". */
export function topField(path: string): string {
  return path.split(/[.[]/)[0];
}

/** The value to send: `current` with every field named in `held` taken from `saved`. */
export function withheld<T extends object>(current: T, saved: T, held: Iterable<string>): T {
  const out = { ...current } as Record<string, unknown>;
  for (const k of held) out[k] = (saved as Record<string, unknown>)[k];
  return out as T;
}

export class HoldBack<T extends object> {
  /** The last value the store accepted. */
  private saved: T;
  /** Store refusals: top field -> the refused value (as JSON) and the store's message. */
  private refused = new Map<string, { json: string; message: string }>();
  /** What was held back in the last save: top field -> the message to show by the field. */
  held: Problems = {};

  constructor(
    initial: T,
    /** Problems the store would refuse, keyed by field path. */
    private readonly blocking: (value: T) => Problems,
  ) {
    this.saved = structuredClone(initial);
  }

  /** Which top fields of `current` cannot be saved now, with the message for each. */
  problems(current: T): Problems {
    const out: Problems = {};
    for (const [path, message] of Object.entries(this.blocking(current))) {
      const k = topField(path);
      out[k] ??= message;
    }
    const cur = current as Record<string, unknown>;
    for (const [k, r] of this.refused) {
      if (JSON.stringify(cur[k]) === r.json) out[k] ??= r.message;
      else this.refused.delete(k);
    }
    return out;
  }

  /**
   * Saves `current` through `save`, holding back invalid fields; when the store refuses a field
   * not yet held, it is held too and the rest is saved again (each retry holds one more field,
   * so this ends). A refusal naming no field, or one already held, is thrown to the caller.
   */
  async save(current: T, save: (value: T) => Promise<void>): Promise<void> {
    for (;;) {
      const problems = this.problems(current);
      const value = withheld(current, this.saved, Object.keys(problems));
      this.held = problems;
      try {
        await save(value);
        this.saved = structuredClone(value);
        return;
      } catch (e) {
        const err = e as ApiError;
        const k = err?.field ? topField(err.field) : null;
        if (!k || k in problems || !(k in (current as object))) throw e;
        this.refused.set(k, { json: JSON.stringify((current as Record<string, unknown>)[k]), message: err.message });
      }
    }
  }

  /** True while something typed is held back (not yet in the store). */
  get holding(): boolean {
    return Object.keys(this.held).length > 0;
  }
}

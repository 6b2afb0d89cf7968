import { describe, expect, it } from 'vitest';
import { Autosave, stateLabel, type SaveState, type Timers } from './autosave';
import { ApiError } from './api';

/** Manual timers: the test decides when the debounce fires. */
function fakeTimers() {
  let next = 0;
  const pending = new Map<number, { fn: () => void; ms: number }>();
  const timers: Timers = {
    set: (fn, ms) => { pending.set(++next, { fn, ms }); return next; },
    clear: (h) => { pending.delete(h as number); },
  };
  const fire = () => { const all = [...pending.values()]; pending.clear(); all.forEach((t) => t.fn()); };
  return { timers, fire, count: () => pending.size, delays: () => [...pending.values()].map((t) => t.ms) };
}

function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('autosave', () => {
  it('debounces changes and saves only the latest value', async () => {
    const saved: string[] = [];
    const t = fakeTimers();
    const states: SaveState[] = [];
    const a = new Autosave<string>(async (v) => { saved.push(v); }, (s) => states.push(s), 800, t.timers);
    a.change('a');
    a.change('ab');
    a.change('abc');
    expect(t.count(), 'each change restarts the one debounce timer').toBe(1);
    expect(t.delays()).toEqual([800]);
    expect(a.state).toBe('dirty');
    t.fire();
    await tick();
    expect(saved, 'intermediate keystrokes are not saved').toEqual(['abc']);
    expect(a.state).toBe('saved');
    expect(states).toEqual(['dirty', 'dirty', 'dirty', 'saving', 'saved']);
  });

  it('keeps a change made while saving and saves it next', async () => {
    const saved: string[] = [];
    const gate = deferred();
    const t = fakeTimers();
    const a = new Autosave<string>(async (v) => { saved.push(v); if (saved.length === 1) await gate.promise; }, () => {}, 800, t.timers);
    a.change('one');
    t.fire();
    await tick();
    expect(a.state).toBe('saving');
    a.change('two');
    gate.resolve();
    await tick();
    expect(a.state, 'a newer edit is still unsaved after the first save returns').toBe('dirty');
    t.fire();
    await tick();
    await tick();
    expect(saved).toEqual(['one', 'two']);
    expect(a.state).toBe('saved');
  });

  it('keeps what was typed after a failed save and retries it', async () => {
    const t = fakeTimers();
    let fail = true;
    const saved: string[] = [];
    const a = new Autosave<string>(async (v) => {
      if (fail) throw new ApiError({ code: 'invalid', message: 'Enter a title.', field: 'title' });
      saved.push(v);
    }, () => {}, 800, t.timers);
    a.change('typed text');
    t.fire();
    await tick();
    expect(a.state).toBe('error');
    expect(a.error?.field, 'the error names the field so the screen can show it there').toBe('title');
    expect(a.hasPending, 'the failed value must not be dropped').toBe(true);
    fail = false;
    await a.flush();
    expect(saved, 'a retry saves the text typed before the failure').toEqual(['typed text']);
    expect(a.state).toBe('saved');
  });

  it('labels each state for the indicator', () => {
    expect(['saved', 'dirty', 'saving', 'error'].map((s) => stateLabel(s as SaveState))).toEqual(['Saved', 'Unsaved changes', 'Saving…', 'Not saved']);
  });

  it('drops what waits after a failed save when the person takes the other version', async () => {
    const { timers, fire } = fakeTimers();
    const saved: string[] = [];
    let refuse = true;
    const saver = new Autosave<string>(async (v) => {
      if (refuse) throw new ApiError({ code: 'conflict', message: 'Changed by someone else.' });
      saved.push(v);
    }, () => {}, 800, timers);
    saver.change('mine');
    fire();
    await saver.flush();
    expect(saver.state).toBe('error');
    expect(saver.hasPending).toBe(true);
    saver.discard();
    refuse = false;
    expect(saver.state).toBe('saved');
    expect(saver.hasPending).toBe(false);
    await saver.flush();
    expect(saved).toEqual([]);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';

// The desktop window: onCloseRequested hands its handler to the test; destroy is recorded.
let closeHandler: ((e: { preventDefault: () => void }) => Promise<void>) | null = null;
const destroy = vi.fn(async () => {});
vi.mock('@tauri-apps/api/window', () => ({
  getCurrentWindow: () => ({
    onCloseRequested: async (h: typeof closeHandler) => {
      closeHandler = h;
      return () => {};
    },
    destroy,
  }),
}));

import { answer, confirmLeave, guardLeaving, guardWindowClose, leaving } from './leave.svelte';

const tick = () => new Promise((r) => setTimeout(r, 0));

function screen(lost: string[]) {
  const flush = vi.fn(async () => {});
  const unguard = guardLeaving({ lost: () => lost, pending: () => lost.length > 0, flush });
  return { flush, unguard };
}

describe('leave guard', () => {
  afterEach(() => {
    answer(false);
    destroy.mockClear();
  });

  it('saves first and leaves without asking when nothing would be lost', async () => {
    const s = screen([]);
    expect(await confirmLeave('#/deadlines')).toBe(true);
    expect(s.flush).toHaveBeenCalled();
    expect(leaving.question).toBeNull();
    s.unguard();
  });

  it('asks when something cannot be saved, and both answers save the rest first', async () => {
    const s = screen(['The title: Enter the report title.']);
    const stay = confirmLeave('#/deadlines');
    await tick();
    expect(leaving.question).toEqual({ target: '#/deadlines', lost: ['The title: Enter the report title.'] });
    answer(false);
    expect(await stay).toBe(false);
    const leave = confirmLeave('#/deadlines');
    await tick();
    answer(true);
    expect(await leave).toBe(true);
    expect(s.flush.mock.calls.length).toBeGreaterThanOrEqual(3); // before each question, and after "Leave"
    s.unguard();
  });

  it('holds the desktop window open while asking and closes it after "Leave"', async () => {
    (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__ = {};
    await guardWindowClose();
    delete (window as unknown as Record<string, unknown>).__TAURI_INTERNALS__;
    expect(closeHandler).not.toBeNull();

    const s = screen(['The title: Enter the report title.']);
    const prevent = vi.fn();
    const handled = closeHandler!({ preventDefault: prevent });
    await tick();
    expect(prevent).toHaveBeenCalled(); // the window stays while the question is open
    expect(leaving.question?.target).toBe('close');
    answer(true);
    await handled;
    expect(destroy).toHaveBeenCalledTimes(1);
    s.unguard();

    const quiet = vi.fn();
    await closeHandler!({ preventDefault: quiet }); // nothing would be lost: closes as usual
    expect(quiet).not.toHaveBeenCalled();
  });
});

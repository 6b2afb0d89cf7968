import { describe, expect, it } from 'vitest';
import { heard, onChange, type Change } from './live.svelte';

// The desktop app connected to a team server passes the server's events on as `team-change`
// Tauri events ({event, data}); `heard` turns each into the same change a browser's stream gives.
describe('live updates passed on by the desktop app', () => {
  it('announces a change and a resync, and ignores anything else', () => {
    const got: Change[] = [];
    const stop = onChange((c) => got.push(c));
    heard('change', JSON.stringify({ command: 'report_save', meeting_id: 1, item_id: 4, by: 'Olivia Officer' }));
    heard('resync', '{}');
    heard('change', 'not json');
    heard('message', JSON.stringify({ command: 'item_add', by: 'x' }));
    stop();
    expect(got).toEqual([
      { command: 'report_save', meeting_id: 1, item_id: 4, by: 'Olivia Officer' },
      { command: 'resync', by: '' },
    ]);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, fireEvent, screen } from '@testing-library/svelte';

const calls: [string, unknown][] = [];
vi.mock('../lib/api', async (orig) => ({
  ...(await orig<typeof import('../lib/api')>()),
  call: async (command: string, request: unknown) => {
    calls.push([command, request]);
    if (command === 'authors_list') return [{ id: 4, name: 'priya', display: 'Priya Shah', role: 'author', disabled: false }];
    if (command === 'report_owner_get') return { item_id: 7, account: null };
    if (command === 'report_owner_set') return { item_id: 7, account: { id: 4, name: 'priya', display: 'Priya Shah', role: 'author', disabled: false } };
    throw new Error(`unexpected ${command}`);
  },
}));

import ReportOwnerPicker from './ReportOwnerPicker.svelte';

afterEach(cleanup);

describe('ReportOwnerPicker', () => {
  it('lists the authors\' accounts and gives the report to the one chosen', async () => {
    render(ReportOwnerPicker, { itemId: 7 });
    const select = (await screen.findByLabelText('Report author (account)')) as HTMLSelectElement;
    await screen.findByRole('option', { name: 'Priya Shah (priya)' });
    expect(select.value, 'no author yet').toBe('');
    await fireEvent.change(select, { target: { value: 'priya' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Give the report' }));
    await screen.findByText('The report is given to Priya Shah.');
    expect(calls.find(([c]) => c === 'report_owner_set')?.[1]).toEqual({ item_id: 7, account: 'priya' });
  });
});

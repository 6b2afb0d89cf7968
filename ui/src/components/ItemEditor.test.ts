import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, fireEvent, screen } from '@testing-library/svelte';

const itemUpdate = vi.fn();
vi.mock('../lib/api', async (orig) => ({ ...(await orig<typeof import('../lib/api')>()), api: { itemUpdate: (r: unknown) => itemUpdate(r) } }));

import ItemEditor from './ItemEditor.svelte';
import { ApiError } from '../lib/api';
import type { ItemRow } from '../lib/types';

afterEach(cleanup);

const item: ItemRow = { id: 7, position: 3, number: 4, title: 'Contract award', kind: 'report', description: '', access: { kind: 'public' }, supplementary: false, has_report: true, appendix_count: 0 };

describe('ItemEditor', () => {
  it('asks for a Schedule 12A paragraph as soon as the item is marked exempt, and saves the access', async () => {
    itemUpdate.mockResolvedValue({ id: 1, items: [] });
    const onsaved = vi.fn();
    render(ItemEditor, { item, onsaved, oncancel: () => {} });
    await fireEvent.click(screen.getByLabelText('Exempt under Schedule 12A'));
    expect(screen.getByText('Choose at least one paragraph of Schedule 12A for an exempt item.'), 'the problem is said in words next to the control').toBeTruthy();
    expect((screen.getByRole('button', { name: 'Save item' }) as HTMLButtonElement).disabled, 'an invalid item cannot be saved').toBe(true);
    await fireEvent.click(screen.getByLabelText(/^3\. Information relating to the financial or business affairs/));
    await fireEvent.input(screen.getByLabelText('Public title'), { target: { value: 'Contract award (exempt)' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save item' }));
    await vi.waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(itemUpdate.mock.calls[0][0].access, 'the saved access carries the paragraph and public title').toEqual({ kind: 'exempt', paragraphs: [3], public_title: 'Contract award (exempt)' });
  });

  it('keeps what was typed and shows the server message next to the named field when saving fails', async () => {
    itemUpdate.mockRejectedValue(new ApiError({ code: 'invalid', message: 'The title is too long for the agenda.', field: 'title' }));
    render(ItemEditor, { item, onsaved: () => {}, oncancel: () => {} });
    const title = screen.getByLabelText('Title') as HTMLInputElement;
    await fireEvent.input(title, { target: { value: 'A much longer title' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save item' }));
    await screen.findByText('The title is too long for the agenda.');
    expect(title.value, 'nothing typed is lost on a failed save').toBe('A much longer title');
    expect(title.getAttribute('aria-invalid')).toBe('true');
  });
});

import { describe, expect, it } from 'vitest';
import { HoldBack, topField, withheld } from './holdback';
import { ApiError } from './api';

interface Form {
  title: string;
  summary: string;
  authors: { name: string }[];
}
const blank = (f: Form): Record<string, string> => (f.title.trim() ? {} : { title: 'Enter the report title.' });

describe('holding back an invalid field', () => {
  it('names the top field a problem path belongs to', () => {
    expect(topField('authors.1.name')).toBe('authors');
    expect(topField('authors[1].name')).toBe('authors');
    expect(topField('title')).toBe('title');
  });

  it('takes held fields from the saved value and the rest from what was typed', () => {
    const saved: Form = { title: 'Budget', summary: 'old', authors: [] };
    expect(withheld({ title: '', summary: 'new', authors: [] }, saved, ['title'])).toEqual({ title: 'Budget', summary: 'new', authors: [] });
  });

  it('saves the summary while a cleared title keeps its stored value', async () => {
    const hb = new HoldBack<Form>({ title: 'Budget', summary: 'old', authors: [] }, blank);
    const sent: Form[] = [];
    await hb.save({ title: '', summary: 'new', authors: [] }, async (v) => void sent.push(v));
    expect(sent).toEqual([{ title: 'Budget', summary: 'new', authors: [] }]); // the store never sees a blank title
    expect(hb.held).toEqual({ title: 'Enter the report title.' }); // and the screen can say so by the field
    await hb.save({ title: 'Budget 2021', summary: 'new', authors: [] }, async (v) => void sent.push(v));
    expect(sent[1].title).toBe('Budget 2021'); // corrected, it is saved
    expect(hb.holding).toBe(false);
  });

  it('holds back a field the store refuses and saves the rest again', async () => {
    const hb = new HoldBack<Form>({ title: 'Budget', summary: 'old', authors: [{ name: 'Ann' }] }, () => ({}));
    const sent: Form[] = [];
    const save = async (v: Form) => {
      sent.push(v);
      if (v.authors.some((a) => !a.name)) throw new ApiError({ code: 'invalid', message: 'An author needs a name.', field: 'authors[1].name' });
    };
    const typed = { title: 'Budget', summary: 'new', authors: [{ name: 'Ann' }, { name: '' }] };
    await hb.save(typed, save);
    expect(sent.length).toBe(2); // refused once, then saved without the authors
    expect(sent[1]).toEqual({ title: 'Budget', summary: 'new', authors: [{ name: 'Ann' }] });
    expect(hb.held).toEqual({ authors: 'An author needs a name.' });
    // The same refused value is held without asking the store again; a new value is tried.
    await hb.save(typed, save);
    expect(sent.length).toBe(3);
    await hb.save({ ...typed, authors: [{ name: 'Ann' }, { name: 'Bob' }] }, save);
    expect(sent[3].authors.length).toBe(2);
    expect(hb.holding).toBe(false);
  });

  it('throws a refusal that names no field, so the autosave shows "Not saved"', async () => {
    const hb = new HoldBack<Form>({ title: 'Budget', summary: '', authors: [] }, blank);
    const err = new ApiError({ code: 'storage', message: 'The disk is full.' });
    await expect(hb.save({ title: 'B', summary: 's', authors: [] }, async () => { throw err; })).rejects.toBe(err);
  });
});

import { describe as suite, expect, it } from 'vitest';
import { describe, newestFirst, when } from './audit';
import type { AuditEntry } from '../bindings/AuditEntry';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 1, at: '2026-11-22T10:15:00', user: 'jsmith', entity: 'report', entity_id: 4, action: 'update', summary: 'Budget: body',
  ...over,
});

suite('audit wording', () => {
  it('says what happened to what, with the changed fields', () => {
    expect(describe(entry({}))).toBe('Report changed: Budget: body');
    expect(describe(entry({ entity: 'publication', action: 'publish', summary: 'public edition x.pdf' }))).toBe(
      'Pack published: public edition x.pdf',
    );
    expect(describe(entry({ entity: 'agenda-item', action: 'delete', summary: '' }))).toBe('Agenda item deleted');
  });

  it('shows the stored time readably and leaves odd values as they are', () => {
    expect(when('2026-11-22T10:15:00')).toBe('22 November 2026, 10:15 am');
    expect(when('yesterday')).toBe('yesterday');
  });

  it('lists the newest change first without reordering the input', () => {
    const input = [entry({ id: 1 }), entry({ id: 3 }), entry({ id: 2 })];
    expect(newestFirst(input).map((e) => e.id)).toEqual([3, 2, 1]);
    expect(input.map((e) => e.id)).toEqual([1, 3, 2]);
  });
});

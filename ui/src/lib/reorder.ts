// Agenda order rules used by the agenda builder: moving an item (drag and drop or keyboard),
// which section an item is in (everything after the Private Business heading is private), and
// moving an item across that boundary. Pure functions over id lists; the backend renumbers.
import type { ItemRow } from './types';
import { mustBeRestrictedInPrivate } from './access';

/** Returns a copy of `list` with the element at `from` moved to index `to` (clamped). */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const out = list.slice();
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [el] = out.splice(from, 1);
  out.splice(target, 0, el);
  return out;
}

/** Keyboard move: `delta` -1 (Alt+ArrowUp) or +1 (Alt+ArrowDown). Null when it cannot move. */
export function moveBy<T>(list: readonly T[], index: number, delta: number): T[] | null {
  const to = index + delta;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return null;
  return move(list, index, to);
}

export type Section = 'public' | 'private';

export function headingIndex(items: readonly Pick<ItemRow, 'kind'>[]): number {
  return items.findIndex((i) => i.kind === 'private-business-heading');
}

export function sectionOf(items: readonly Pick<ItemRow, 'kind'>[], index: number): Section {
  const h = headingIndex(items);
  return h >= 0 && index > h ? 'private' : 'public';
}

/**
 * Moves item `id` into `section`: into private goes straight after the heading; into public goes
 * just before the exclusion resolution (or the heading when there is none). Returns null when the
 * agenda has no Private Business heading or the item is already there.
 */
export function moveToSection<T extends Pick<ItemRow, 'id' | 'kind'>>(items: readonly T[], id: number, section: Section): T[] | null {
  const from = items.findIndex((i) => i.id === id);
  const h = headingIndex(items);
  if (from < 0 || h < 0 || sectionOf(items, from) === section) return null;
  const rest = items.filter((i) => i.id !== id);
  const item = items[from];
  const h2 = headingIndex(rest);
  let at: number;
  if (section === 'private') {
    at = h2 + 1;
  } else {
    const excl = rest.findIndex((i) => i.kind === 'exclusion-resolution');
    at = excl >= 0 && excl < h2 ? excl : h2;
  }
  rest.splice(at, 0, item);
  return rest;
}

/** The words read out by the aria-live region after a move. */
export function moveAnnouncement(title: string, index: number, total: number, section: Section): string {
  return `${title} moved to position ${index + 1} of ${total}, ${section} section.`;
}

/**
 * Whether moving to `next` brings item `id` from the public into the private section while it
 * is open to the public and of a kind that must be restricted there: the agenda builder then
 * asks for its Schedule 12A paragraph(s) before the move is sent (the store refuses it open).
 */
export function needsAccessToMove(
  before: readonly Pick<ItemRow, 'id' | 'kind' | 'access'>[],
  next: readonly Pick<ItemRow, 'id' | 'kind' | 'access'>[],
  id: number,
): boolean {
  const from = before.findIndex((i) => i.id === id);
  const to = next.findIndex((i) => i.id === id);
  if (from < 0 || to < 0) return false;
  const item = next[to];
  return (
    sectionOf(before, from) === 'public' &&
    sectionOf(next, to) === 'private' &&
    item.access.kind === 'public' &&
    mustBeRestrictedInPrivate(item.kind)
  );
}

import { describe, expect, it } from 'vitest';
import {
  addAction,
  addDeclaration,
  addEntry,
  addVote,
  attendanceSummary,
  normalise,
  numberingChoice,
  numberingFromChoice,
  numberingLabel,
  parseNames,
  presentNames,
  removeEntry,
  setAttendance,
  shortcutFor,
  type Minutes,
} from './minutes';

function minutes(): Minutes {
  return {
    opened_at: '19:01:00',
    closed_at: '21:19:00',
    status: 'draft',
    attendance: [
      { person: { name: 'Cllr Jane Jones' }, kind: 'absent', role: 'chair' },
      { person: { name: 'Cllr Toni Bankole' }, kind: 'absent' },
    ],
    entries: [
      { number: 26, heading: 'Apologies for Absence', text: '', access: { kind: 'public' }, item: 1 },
      { number: 27, heading: 'Budget', text: '', access: { kind: 'public' }, item: 3 },
    ],
  };
}

describe('minute numbering on the screen', () => {
  it('numbers business added on the day in place and renumbers the rest', () => {
    const m = minutes();
    const at = addEntry(m, 0, 26);
    expect(at, 'the new minute goes after the one in focus').toBe(1);
    expect(m.entries.map((e) => e.number), 'numbers stay consecutive from the first').toEqual([26, 27, 28]);
    expect(m.entries[2].heading, 'the later minute moved down').toBe('Budget');
    removeEntry(m, 0, 26);
    expect(m.entries.map((e) => e.number), 'removing closes the gap').toEqual([26, 27]);
  });

  it('normalise gives every optional list a value but keeps a missing item link missing', () => {
    const m = normalise({ ...minutes(), entries: [{ number: 1, heading: 'On the day', text: '', access: { kind: 'public' } }] });
    expect(m.entries[0].declarations, 'lists are present for the form').toEqual([]);
    expect('item' in m.entries[0], 'no agenda item link is invented').toBe(false);
  });
});

describe('adding declarations, votes and actions', () => {
  it('adds empty rows the clerk then fills in', () => {
    const e = minutes().entries[1];
    addDeclaration(e, 'Cllr Jane Jones');
    addVote(e);
    addAction(e);
    expect(e.declarations, 'a declaration defaults to other registrable, not left the room').toEqual([
      { member: 'Cllr Jane Jones', nature: 'other-registrable', interest: '', left_room: false },
    ]);
    expect(e.votes?.[0], 'a vote starts with no names').toEqual({ motion: '', in_favour: [], against: [], abstained: [] });
    expect(e.actions?.[0].done, 'an action starts open').toBe(false);
  });

  it('reads names typed with commas, semicolons or new lines', () => {
    expect(parseNames(' Cllr A, Cllr B;Cllr C\n ,, '), 'blanks are dropped and names trimmed').toEqual(['Cllr A', 'Cllr B', 'Cllr C']);
  });
});

describe('keyboard shortcuts', () => {
  const key = (code: string, alt = true, ctrl = false) => ({ altKey: alt, ctrlKey: ctrl, metaKey: false, code, key: code.slice(3).toLowerCase() });
  it('maps Alt+D, Alt+V, Alt+A and Alt+N', () => {
    expect(shortcutFor(key('KeyD'))).toBe('declare');
    expect(shortcutFor(key('KeyV'))).toBe('vote');
    expect(shortcutFor(key('KeyA'))).toBe('action');
    expect(shortcutFor(key('KeyN'))).toBe('minute');
  });
  it('ignores plain letters and Ctrl+Alt chords, which type text on some keyboards', () => {
    expect(shortcutFor(key('KeyD', false)), 'typing d in a field is not a shortcut').toBeNull();
    expect(shortcutFor(key('KeyD', true, true)), 'AltGr arrives as Ctrl+Alt').toBeNull();
    expect(shortcutFor(key('KeyZ')), 'an unassigned letter').toBeNull();
  });
  it('uses the physical key when Alt changes the character (Mac)', () => {
    expect(shortcutFor({ altKey: true, ctrlKey: false, metaKey: false, code: 'KeyD', key: '∂' })).toBe('declare');
  });
});

describe('attendance', () => {
  it('ticks members and adds people not on the committee', () => {
    const m = minutes();
    setAttendance(m, 'Cllr Jane Jones', 'present');
    setAttendance(m, 'Claudia Wakefield', 'also-present');
    expect(presentNames(m), 'only those present can declare or vote').toEqual(['Cllr Jane Jones']);
    expect(attendanceSummary(m)).toBe('1 present, 1 also present, 0 apologies, 1 absent');
    m.attendance.find((a) => a.kind === 'absent')!.kind = 'apologies';
    expect(attendanceSummary(m), 'one apology, not "1 apologies"').toBe('1 present, 1 also present, 1 apology, 0 absent');
  });
});

describe('numbering setting', () => {
  it('reads and writes the council rule through the select', () => {
    expect(numberingLabel({ kind: 'year-from', month: 5, day: 1 })).toBe('Minute numbers restart each year on 1 May');
    expect(numberingLabel({ kind: 'continuous' })).toBe('Minute numbers never restart');
    expect(numberingFromChoice(numberingChoice({ kind: 'year-from', month: 9, day: 1 })), 'a September year survives the select').toEqual({ kind: 'year-from', month: 9, day: 1 });
    expect(numberingFromChoice('continuous')).toEqual({ kind: 'continuous' });
  });
});

describe('closing time', () => {
  it('is empty until recorded (the store starts it at the opening time)', async () => {
    const { closedAtShown } = await import('./minutes');
    expect(closedAtShown({ opened_at: '19:00:00', closed_at: '19:00:00' })).toBe('');
    expect(closedAtShown({ opened_at: '19:00:00', closed_at: '21:15:00' })).toBe('21:15');
  });
});

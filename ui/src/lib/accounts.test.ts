import { describe, expect, it } from 'vitest';
import { lastAdministrator, nameProblem, newPasswordProblems, passwordProblem, roleLabel, withRow, type AccountRow } from './accounts';
import type { ErrorCode } from './types';

const row = (id: number, name: string, role: AccountRow['role'], disabled = false): AccountRow => ({ id, name, display: '', role, disabled, job_title: '', committees: [], email: '' });

describe('accounts', () => {
  it('checks sign-in names as the server does', () => {
    expect(nameProblem('priya.shah@council.gov.uk')).toBeNull();
    expect(nameProblem('')).toMatch(/Enter a name/);
    expect(nameProblem('priya shah')).toMatch(/no spaces/);
    expect(nameProblem('x'.repeat(65))).toMatch(/at most 64/);
  });

  it('asks for a password of at least 10 characters, typed the same twice', () => {
    expect(passwordProblem('   ')).toBe('Enter a password.');
    expect(passwordProblem('short')).toBe('The password is shorter than the 10 characters it must have.');
    expect(passwordProblem('é'.repeat(10)), 'characters, not bytes').toBeNull();
    expect(newPasswordProblems('correct horse', 'correct horse')).toEqual({});
    expect(newPasswordProblems('correct horse', 'correct horsf')).toEqual({ again: 'The two passwords are not the same.' });
    expect(newPasswordProblems('short', 'short'), 'the rule first: one message at a time').toEqual({ password: expect.stringMatching(/shorter/) });
  });

  it('replaces a changed row in place and keeps name order', () => {
    const rows = [row(1, 'ada', 'administrator'), row(3, 'tom', 'clerk')];
    const added = withRow(rows, row(2, 'Priya', 'author'));
    expect(added.map((r) => r.name)).toEqual(['ada', 'Priya', 'tom']);
    const changed = withRow(added, { ...row(3, 'tom', 'officer'), disabled: true });
    expect(changed.map((r) => [r.name, r.role, r.disabled])).toEqual([['ada', 'administrator', false], ['Priya', 'author', false], ['tom', 'officer', true]]);
  });

  it('knows the last enabled administrator, whom the server keeps', () => {
    const rows = [row(1, 'ada', 'administrator'), row(2, 'bea', 'administrator', true), row(3, 'tom', 'clerk')];
    expect(lastAdministrator(rows, 'ADA')).toBe(true);
    expect(lastAdministrator(rows, 'bea')).toBe(false);
    expect(lastAdministrator(withRow(rows, row(2, 'bea', 'administrator')), 'ada')).toBe(false);
    expect(roleLabel('member')).toBe('Member');
  });

  it('knows the team server\'s error codes (the generated list) and the UI\'s transport', () => {
    const codes: ErrorCode[] = ['sign_in_required', 'forbidden', 'transport', 'conflict'];
    expect(codes).toHaveLength(4);
  });
});

// The team edition's accounts (issue 18): the commands the administrator's Accounts screen, the
// item editor's "Report author (account)" picker and the change-password form call, and the
// checks those forms make as you type. The rules mirror the store's (agendapack_model::account:
// sign-in names, passwords of 10 to 1,000 characters, as the `user` command line checks them);
// the server stays the authority and its sentence wins on save.
//
// Deliberately not here: who may call what (the server's one permission table), the screens.
import { call } from './api';
import type { Account } from '../bindings/Account';
import type { AccountLogEntry } from '../bindings/AccountLogEntry';
import type { AccountRow } from '../bindings/AccountRow';
import type { ReportOwner } from '../bindings/ReportOwner';
import type { Role } from '../bindings/Role';

export type { Account, AccountLogEntry, AccountRow, ReportOwner, Role };

export const accountsApi = {
  list: () => call<AccountRow[]>('accounts_list'),
  add: (req: { name: string; display: string; role: Role; password: string; job_title: string }) => call<AccountRow>('account_add', req),
  update: (name: string, display: string, job_title: string) => call<AccountRow>('account_update', { name, display, job_title }),
  disable: (name: string) => call<AccountRow>('account_disable', { name }),
  enable: (name: string) => call<AccountRow>('account_enable', { name }),
  roleSet: (name: string, role: Role) => call<AccountRow>('account_role_set', { name, role }),
  passwordReset: (name: string, password: string) => call<AccountRow>('account_password_reset', { name, password }),
  /** Where the account's e-mail reminders go ('' removes it); the server answers nothing, so the row is updated here. */
  emailSet: async (row: AccountRow, email: string): Promise<AccountRow> => {
    await call<object>('account_email_set', { name: row.name, email });
    return { ...row, email };
  },
  committeesSet: (name: string, committee_ids: number[]) => call<AccountRow>('account_committees_set', { name, committee_ids }),
  /** Who added, disabled, enabled or changed the account, and when. */
  history: (name: string) => call<AccountLogEntry[]>('account_history', { name }),
  /** The signed-in person's own password. */
  passwordChange: (current: string, password: string) => call<object>('password_change', { current, password }),
  authors: () => call<Account[]>('authors_list'),
  reportOwner: (itemId: number) => call<ReportOwner>('report_owner_get', { item_id: itemId }),
  reportOwnerSet: (itemId: number, account: string | null) => call<ReportOwner>('report_owner_set', { item_id: itemId, account }),
};

/** The roles, most to least, with what each does in a few words (for the role picker). */
export const ROLES: { role: Role; label: string; does: string }[] = [
  { role: 'administrator', label: 'Administrator', does: 'accounts, council settings and all an officer does' },
  { role: 'officer', label: 'Officer', does: 'committees, meetings, agendas, reports, packs' },
  { role: 'clerk', label: 'Clerk', does: 'minutes, attendance and actions' },
  { role: 'author', label: 'Author', does: 'their own reports' },
  { role: 'member', label: 'Member', does: 'published packs of their committees' },
];

export function roleLabel(role: Role): string {
  return ROLES.find((r) => r.role === role)?.label ?? role;
}

export const MIN_PASSWORD_CHARS = 10;
export const MAX_PASSWORD_CHARS = 1000;
const MAX_NAME_CHARS = 64;

/** What is wrong with a sign-in name, or null (letters, digits, . - _ @; no spaces). */
export function nameProblem(name: string): string | null {
  if (!name) return 'Enter a name to sign in with.';
  if ([...name].length > MAX_NAME_CHARS) return `A sign-in name may have at most ${MAX_NAME_CHARS} characters.`;
  if (!/^[A-Za-z0-9._@-]+$/.test(name)) return 'Use only letters, digits, dots, hyphens, underscores and @ (no spaces).';
  return null;
}

/** What is wrong with a password, or null. Length is the rule, as on the command line. */
export function passwordProblem(password: string): string | null {
  const chars = [...password].length;
  if (!password.trim()) return 'Enter a password.';
  if (chars < MIN_PASSWORD_CHARS) return `The password is shorter than the ${MIN_PASSWORD_CHARS} characters it must have.`;
  if (chars > MAX_PASSWORD_CHARS) return `The password is longer than the ${MAX_PASSWORD_CHARS} characters it may have.`;
  return null;
}

/** A new password typed twice: the problems keyed `password` and `again`. */
export function newPasswordProblems(password: string, again: string): Record<string, string> {
  const problems: Record<string, string> = {};
  const p = passwordProblem(password);
  if (p) problems.password = p;
  else if (password !== again) problems.again = 'The two passwords are not the same.';
  return problems;
}

/** `rows` with `row` in place of the one with its id (or added), kept in name order. */
export function withRow(rows: AccountRow[], row: AccountRow): AccountRow[] {
  const others = rows.filter((r) => r.id !== row.id);
  return [...others, row].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.id - b.id);
}

/** Whether `name` is the one enabled administrator left (the server refuses to disable or demote it). */
export function lastAdministrator(rows: AccountRow[], name: string): boolean {
  const admins = rows.filter((r) => r.role === 'administrator' && !r.disabled);
  return admins.length === 1 && admins[0].name.toLowerCase() === name.toLowerCase();
}

// E-mail reminders' settings (issue 19): the council's mail server as the Council settings
// screen edits it. The password is write-only: the server answers only whether one is set, the
// field starts empty, and what is sent says keep it (no `password`), replace it (the typed one)
// or remove it (""). The checks as you type mirror the store's; its sentence wins on save.
//
// Deliberately not here: sending (the team server's daily tick), who may call (the server's table).
import { call } from './api';
import type { SmtpSettings } from '../bindings/SmtpSettings';
import type { SmtpSettingsInput } from '../bindings/SmtpSettingsInput';
import type { SmtpSettingsResponse } from '../bindings/SmtpSettingsResponse';

export type { SmtpSettings, SmtpSettingsInput };

export const remindersApi = {
  smtpGet: () => call<SmtpSettingsResponse>('smtp_settings_get'),
  smtpSave: (input: SmtpSettingsInput) => call<SmtpSettings>('smtp_settings_save', input),
};

/** What the form edits: the settings with a new password typed ('' = none typed). */
export type SmtpForm = Omit<SmtpSettings, 'password_set'> & { password: string };

export const TLS_CHOICES: { value: string; label: string }[] = [
  { value: 'starttls', label: 'STARTTLS (usually port 587)' },
  { value: 'tls', label: 'TLS from the start (usually port 465)' },
  { value: 'none', label: 'None (a server inside the council’s network only)' },
];

/** The form for the stored settings, or a new one with the usual port and security. */
export function smtpForm(stored: SmtpSettings | null): SmtpForm {
  if (!stored) return { host: '', port: 587, tls: 'starttls', from_address: '', username: '', password: '', link_address: '' };
  const { password_set: _, ...rest } = stored;
  return { ...rest, password: '' };
}

/** What to save: the password kept when none was typed, removed when `removePassword`. */
export function smtpInput(form: SmtpForm, removePassword: boolean): SmtpSettingsInput {
  const input: SmtpSettingsInput = {
    host: form.host.trim(),
    port: Number(form.port),
    tls: form.tls,
    from_address: form.from_address.trim(),
    username: form.username.trim(),
    link_address: form.link_address.trim(),
  };
  if (removePassword) input.password = '';
  else if (form.password !== '') input.password = form.password;
  return input;
}

/** What is wrong with the form as typed, keyed by the field the store names. */
export function smtpProblems(form: SmtpForm): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!form.host.trim()) problems.host = 'The mail server needs its host name, e.g. smtp.council.gov.uk.';
  const port = Number(form.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) problems.port = 'The port must be between 1 and 65535 (usually 25, 465 or 587).';
  if (!form.from_address.trim()) problems.from_address = 'Reminders need a sender address such as democracy@council.gov.uk.';
  const link = form.link_address.trim();
  if (link && !link.toLowerCase().startsWith('https://')) problems.link_address = 'The team server’s address must start with https:// (or be left empty).';
  return problems;
}

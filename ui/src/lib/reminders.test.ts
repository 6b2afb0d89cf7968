import { describe, expect, it } from 'vitest';
import { smtpForm, smtpInput, smtpProblems } from './reminders';

const stored = { host: 'smtp.council.gov.uk', port: 587, tls: 'starttls', from_address: 'democracy@council.gov.uk', username: 'agendapack', password_set: true, link_address: 'https://agendapack.council.gov.uk' };

describe('the mail server form', () => {
  it('starts with an empty password field whatever is stored', () => {
    expect(smtpForm(stored).password).toBe('');
    expect(smtpForm(null)).toMatchObject({ port: 587, tls: 'starttls', password: '' });
  });

  it('keeps, replaces or removes the stored password', () => {
    const form = smtpForm(stored);
    expect('password' in smtpInput(form, false)).toBe(false);
    expect(smtpInput({ ...form, password: 'n3w-Secret' }, false).password).toBe('n3w-Secret');
    expect(smtpInput({ ...form, password: 'ignored' }, true).password).toBe('');
  });

  it('names the field that is wrong', () => {
    expect(smtpProblems(smtpForm(stored))).toEqual({});
    const problems = smtpProblems({ ...smtpForm(stored), host: ' ', port: 70000, from_address: '', link_address: 'http://x' });
    expect(Object.keys(problems).sort()).toEqual(['from_address', 'host', 'link_address', 'port']);
  });
});

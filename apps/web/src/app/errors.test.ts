import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { ERROR_CODES, ERROR_REASONS } from '@pbis/contract';
import th from '../i18n/th.json';
import en from '../i18n/en.json';
import { ApiError } from './api';
import { describeError, fieldErrors, reasonMessage } from './errors';
import { MODULES } from './modules';
import { resourcesOf } from '../i18n/resources';

const THAI = /[\u0E00-\u0E7F]/;
const LATIN_WORD = /[A-Za-z]{3,}/;
const MESSAGES = { th: th.errors, en: en.errors } as const;

/** The words of every reason: the shared ones, and those each module keeps in its own i18n. */
function reasonWords(lang: 'th' | 'en'): Record<string, string> {
  const words = { ...(MESSAGES[lang].reasons as Record<string, string>) };
  for (const m of MODULES) {
    const own = (m.messages[lang] as { errors?: { reasons?: Record<string, string> } }).errors;
    for (const [reason, text] of Object.entries(own?.reasons ?? {})) {
      expect(words[reason], `${m.id} repeats the words of ${reason}`).toBeUndefined();
      words[reason] = text;
    }
  }
  return words;
}

describe('every error code and reason has a Thai and an English message', () => {
  for (const lang of ['th', 'en'] as const) {
    const codes = MESSAGES[lang].codes as Record<string, string>;
    const reasons = reasonWords(lang);
    it.each(ERROR_CODES)(`${lang}: code %s`, (code) => {
      expect(codes[code], code).toBeTruthy();
      if (lang === 'th') expect(codes[code]).toMatch(THAI);
    });
    it.each(ERROR_REASONS)(`${lang}: reason %s`, (reason) => {
      expect(reasons[reason], reason).toBeTruthy();
      if (lang === 'th') expect(reasons[reason]).toMatch(THAI);
    });
  }
  it('no message names a reason the contract does not have', () => {
    for (const lang of ['th', 'en'] as const)
      expect(
        Object.keys(reasonWords(lang)).filter((r) => !ERROR_REASONS.includes(r as never)),
      ).toEqual([]);
  });
});

async function translator(lng: 'th' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng,
    resources: resourcesOf(MODULES),
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

const apiError = (status: number, code: string, message: string, details?: unknown) =>
  new ApiError(status, code, message, 'POST', details);

describe('a module keeps the words of its own reasons', () => {
  it('finds them in the module’s namespace (periods: a fiscal year that exists)', async () => {
    expect((th.errors.reasons as Record<string, string>).fiscal_year_exists).toBeUndefined();
    const t = await translator('th');
    expect(reasonMessage(t, 'fiscal_year_exists', {}, { year: 2570 })).toMatch(/2570/);
    expect(reasonMessage(await translator('en'), 'fiscal_year_exists', {}, { year: 2570 })).toMatch(
      /2570/,
    );
  });
});

describe('describeError', () => {
  it('never shows the server’s English sentence in Thai, and says the code that is taken', async () => {
    const t = await translator('th');
    const err = apiError(409, 'conflict', 'unit code 1004 already exists', {
      reason: 'unit_code_taken',
      code: '1004',
      fields: [{ path: 'code', reason: 'unit_code_taken', params: { code: '1004' } }],
    });
    const { title, detail } = describeError(t, err);
    expect(title).toBe('ข้อมูลขัดแย้งกับที่มีอยู่แล้ว');
    expect(detail).toBe('รหัสหน่วยงาน 1004 มีอยู่แล้ว');
    expect(`${title} ${detail}`).not.toMatch(LATIN_WORD);
  });

  it('tells the minutes left of a lockout', async () => {
    const err = apiError(
      423,
      'locked',
      'account locked after 5 failed sign-ins; try again in 12 minutes',
      {
        reason: 'account_locked',
        retryAfterMinutes: 12,
      },
    );
    const th = describeError(await translator('th'), err);
    expect(th.detail).toContain('12 นาที');
    expect(th.detail).not.toMatch(LATIN_WORD);
    expect(describeError(await translator('en'), err).detail).toContain('12 minutes');
  });

  it('warns how many wrong passwords are left before the lock', async () => {
    const t = await translator('th');
    const err = (attemptsLeft: number) =>
      apiError(401, 'unauthenticated', 'wrong username or password', {
        reason: 'wrong_credentials',
        attemptsLeft,
      });
    expect(describeError(t, err(4)).detail).toBe('ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง');
    expect(describeError(t, err(2)).detail).toContain('อีก 2 ครั้ง');
  });

  it('an unknown code or reason still reads in Thai', async () => {
    const t = await translator('th');
    const { title, detail } = describeError(t, apiError(500, 'http_502', 'Bad Gateway'));
    expect(title).toMatch(THAI);
    expect(detail).toBeNull();
    expect(reasonMessage(t, 'no_such_reason')).toBeNull();
  });
});

describe('fieldErrors', () => {
  it('puts each field error on its field, in the page’s language', async () => {
    const err = apiError(422, 'business_rule', 'the current password is wrong', {
      reason: 'wrong_current_password',
      fields: [{ path: 'currentPassword', reason: 'wrong_current_password' }],
    });
    expect(fieldErrors(err, await translator('th'))).toEqual({
      currentPassword: 'รหัสผ่านปัจจุบันไม่ถูกต้อง',
    });
    expect(fieldErrors(err, await translator('en'), { currentPassword: 'current' })).toEqual({
      current: 'The current password is wrong',
    });
  });

  it('lists each problem of a weak password on the new-password field', async () => {
    const err = apiError(400, 'validation', 'password too short', {
      reason: 'weak_password',
      problems: ['too_short', 'common'],
      fields: [{ path: 'newPassword', reason: 'weak_password' }],
    });
    const { newPassword } = fieldErrors(err, await translator('th'));
    expect(newPassword).toContain('อย่างน้อย');
    expect(newPassword).toContain('เดาง่าย');
  });

  it('an error of no field gives nothing to show on fields', async () => {
    expect(fieldErrors(new TypeError('fetch failed'), await translator('th'))).toEqual({});
  });
});

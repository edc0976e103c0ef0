import type { TFunction } from 'i18next';
import { BUDDHIST_ERA_OFFSET, FISCAL_MONTHS, fiscalMonthOf, formatThaiDate } from '@pbis/core';
import type { AuditEntry } from './api';

/*
 * The audit trail as a person reads it: field labels instead of column names, names instead of
 * UUIDs, Bangkok times with Buddhist-era years, role and unit-kind names instead of keys.
 */

/** `nameTh` and `name_th` are one field (older entries hold database column names). */
export const snakeKey = (key: string): string =>
  key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Fields that say which row it is rather than what changed: listed last. */
const TECHNICAL = new Set([
  'id',
  'organization_id',
  'name_key',
  'version',
  'created_at',
  'updated_at',
]);
export const isTechnical = (key: string): boolean => TECHNICAL.has(snakeKey(key));

/** The label of a before/after field; an unknown one is shown as it is. */
export const fieldLabel = (t: TFunction, key: string): string =>
  t(`audit:fields.${snakeKey(key)}`, { defaultValue: key });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const HOUR_MS = 3_600_000;

/** "2 ธ.ค. 2569 14:05" (Bangkok time, Buddhist era) or "2 Dec 2026 14:05". */
export function bangkokDateTime(value: string | Date, lang: 'th' | 'en'): string {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const hhmm = new Date(d.getTime() + 7 * HOUR_MS).toISOString().slice(11, 16);
  if (lang === 'th') return `${formatThaiDate(d)} ${hhmm}`;
  const day = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Bangkok',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(d);
  return `${day} ${hhmm}`;
}

/** A calendar day "2026-10-01" → "1 ต.ค. 2569" (no time-zone shift). */
export function calendarDay(value: string, lang: 'th' | 'en'): string {
  const noonBangkok = new Date(`${value}T12:00:00+07:00`);
  return lang === 'th'
    ? formatThaiDate(noonBangkok)
    : new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Bangkok', dateStyle: 'medium' }).format(
        noonBangkok,
      );
}

/** A fiscal month (1 = October) of a fiscal year: "ธ.ค. 2569"; month 0 is the whole year. */
export function fiscalMonthText(
  t: TFunction,
  fiscalYear: number | undefined,
  month: number,
  lang: 'th' | 'en',
): string {
  if (month === 0) return t('audit:wholeYear');
  const m = FISCAL_MONTHS[month - 1];
  if (!m) return String(month);
  const abbr = lang === 'th' ? m.abbreviation : m.englishAbbreviation;
  if (!fiscalYear) return abbr;
  const { year } = fiscalMonthOf(fiscalYear, month);
  return `${abbr} ${lang === 'th' ? year + BUDDHIST_ERA_OFFSET : year}`;
}

export interface ValueContext {
  t: TFunction;
  lang: 'th' | 'en';
  /** UUID → a name a person knows (username, unit name). */
  names: ReadonlyMap<string, string>;
  /** The whole record the value is part of (a month needs its fiscal year). */
  record: Record<string, unknown>;
}

/** One before/after value as words. */
export function valueText(key: string, value: unknown, c: ValueContext): string {
  const k = snakeKey(key);
  const { t, lang } = c;
  if (value === null || value === undefined || value === '') return t('common.none');
  if (k === 'role' && typeof value === 'string')
    return t(`roles.${value}`, { defaultValue: value });
  if (k === 'kind' && typeof value === 'string')
    return t(`unitKinds.${value}`, {
      defaultValue: t(`audit:divisionKinds.${value}`, { defaultValue: value }),
    });
  if (k === 'active' && typeof value === 'boolean')
    return value ? t('common.active') : t('common.inactive');
  if (k === 'locked' && typeof value === 'boolean')
    return value ? t('audit:lockedYes') : t('audit:lockedNo');
  if (typeof value === 'boolean') return value ? t('audit:yes') : t('audit:no');
  if (k === 'month' && typeof value === 'number') {
    const fy = Number(c.record.fiscalYear ?? c.record.fiscal_year);
    return fiscalMonthText(t, Number.isFinite(fy) ? fy : undefined, value, lang);
  }
  if (typeof value === 'string') {
    // A row's own id stays an id; the ids it refers to (unit_id, changed_by …) become names.
    if (UUID.test(value)) return (k !== 'id' && c.names.get(value)) || `${value.slice(0, 8)}…`;
    if (INSTANT.test(value)) return bangkokDateTime(value, lang);
    if (DAY.test(value)) return calendarDay(value, lang);
    return value;
  }
  if (typeof value === 'number') return String(value);
  return JSON.stringify(value, null, 2);
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Whom or what an entry is about, as a person names it: the server's label when it sends one,
 * else a name found in the entry itself (a user's username, a unit's Thai name, a period).
 */
export function subjectText(e: AuditEntry, c: Omit<ValueContext, 'record'>): string {
  const s = e.subject;
  if (s?.username) return s.username;
  if (s?.nameTh) return s.code ? `${s.nameTh} (${s.code})` : s.nameTh;
  if (s?.fiscalYear !== undefined) {
    if (s.month === undefined) return c.t('audit:fiscalYearN', { year: s.fiscalYear });
    return s.month === 0
      ? c.t('audit:fiscalYearWhole', { year: s.fiscalYear })
      : c.t('audit:fiscalYearMonth', {
          year: s.fiscalYear,
          month: fiscalMonthText(c.t, s.fiscalYear, s.month, c.lang),
        });
  }
  const after = isRecord(e.after) ? e.after : {};
  const before = isRecord(e.before) ? e.before : {};
  const pick = (...keys: string[]) => {
    for (const k of keys) {
      const v = str(after[k]) ?? str(before[k]);
      if (v) return v;
    }
    return undefined;
  };
  const id = e.entityId ?? '';
  const named = id ? c.names.get(id) : undefined;
  switch (e.entity) {
    case 'user':
    case 'session':
      return named ?? pick('username') ?? (id ? `${id.slice(0, 8)}…` : c.t('common.none'));
    case 'receiving_unit':
    case 'division': {
      const name = named ?? pick('nameTh', 'name_th');
      const code = pick('code');
      return name ? (code ? `${name} (${code})` : name) : (code ?? id);
    }
    case 'fiscal_year':
      return c.t('audit:fiscalYearN', { year: id });
    case 'period_lock': {
      const [fy, month] = id.split('/').map(Number);
      if (!fy || month === undefined || Number.isNaN(month)) return id;
      return month === 0
        ? c.t('audit:fiscalYearWhole', { year: fy })
        : c.t('audit:fiscalYearMonth', {
            year: fy,
            month: fiscalMonthText(c.t, fy, month, c.lang),
          });
    }
    default:
      return (
        named ?? (id.length > 13 && UUID.test(id) ? `${id.slice(0, 8)}…` : id || c.t('common.none'))
      );
  }
}

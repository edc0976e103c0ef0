/**
 * Internal calendar arithmetic in Bangkok time (UTC+7 all year: Thailand has no daylight saving
 * time since 1920), without Intl or the host's time zone, so results are the same on every Node build.
 * Day arithmetic after Howard Hinnant's `days_from_civil` / `civil_from_days` (proleptic Gregorian).
 */
import { AppError } from './errors.js';

export const BANGKOK_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

export interface CivilDate {
  /** Common-Era year. */
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  /** 1–31. */
  readonly day: number;
}

/** Days since 1970-01-01 of a civil date. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The civil date of a day number (days since 1970-01-01). */
export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Milliseconds since the epoch of an instant; an invalid Date is AppError('validation'). */
export function epochMsOf(instant: Date): number {
  const ms =
    instant instanceof Object && typeof instant.getTime === 'function'
      ? instant.getTime()
      : Number.NaN;
  if (!Number.isFinite(ms)) throw new AppError('validation', 'not a valid date');
  return ms;
}

/** The civil date in Bangkok of an instant. */
export function bangkokDateOf(instant: Date): CivilDate {
  return civilFromDays(Math.floor((epochMsOf(instant) + BANGKOK_OFFSET_MS) / DAY_MS));
}

/** The instant of 00:00 Bangkok time on a civil date. */
export function bangkokMidnight(year: number, month: number, day: number): Date {
  const ms = daysFromCivil(year, month, day) * DAY_MS - BANGKOK_OFFSET_MS;
  // eslint-disable-next-line no-restricted-globals -- a Date from an explicit instant is pure (no clock read)
  return new Date(ms);
}

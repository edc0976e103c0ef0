import { BANGKOK_OFFSET_MS, civilFromDays, daysFromCivil } from './civil-date.js';

const DAY_MS = 86_400_000;
const INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * The instant (milliseconds since the epoch) a person means by a day or a time: a day
 * (`2026-11-25`) or a time without an offset (`2026-11-25T08:30`) is Bangkok time; a time with
 * an offset (`…Z`, `…+01:00`) is that instant. A day as the end of a range (`endOfDay`) is its
 * last millisecond. Impossible dates and times (2025-02-30, 24:00, 10:61) are undefined.
 */
export function bangkokInstantMs(text: string, endOfDay = false): number | undefined {
  const m = INSTANT.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, hh, mm, ss, frac, offset] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const days = daysFromCivil(year, month, day);
  const back = civilFromDays(days);
  if (back.month !== month || back.day !== day) return undefined; // 2025-02-30 rolled over
  const dateOnly = hh === undefined;
  const hours = dateOnly ? (endOfDay ? 23 : 0) : Number(hh);
  const minutes = dateOnly ? (endOfDay ? 59 : 0) : Number(mm);
  const seconds = dateOnly ? (endOfDay ? 59 : 0) : Number(ss ?? 0);
  const millis = dateOnly ? (endOfDay ? 999 : 0) : Number((frac ?? '').padEnd(3, '0').slice(0, 3));
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const offsetMs = offset === undefined ? BANGKOK_OFFSET_MS : offsetMsOf(offset);
  if (offsetMs === undefined) return undefined;
  return days * DAY_MS + ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis - offsetMs;
}

function offsetMsOf(offset: string): number | undefined {
  if (offset === 'Z') return 0;
  const hours = Number(offset.slice(1, 3));
  const minutes = Number(offset.slice(4, 6));
  if (hours > 14 || minutes > 59) return undefined;
  return (offset[0] === '-' ? -1 : 1) * (hours * 60 + minutes) * 60_000;
}

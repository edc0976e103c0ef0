/**
 * Amounts in Thai words for documents (ตัวอักษร), e.g. 10,991,500.00 → สิบล้านเก้าแสนเก้าหมื่นหนึ่งพันห้าร้อยบาทถ้วน.
 *
 * Conventions (those of the Royal Institute, Thai bank cheques and Excel's BAHTTEXT):
 * - a 1 in the units place is เอ็ด when any higher digit is non-zero: 11 สิบเอ็ด, 21 ยี่สิบเอ็ด,
 *   101 หนึ่งร้อยเอ็ด, 1,001 หนึ่งพันเอ็ด, 1,000,001 หนึ่งล้านเอ็ด; alone it is หนึ่ง;
 * - tens: 10 สิบ (never หนึ่งสิบ), 20 ยี่สิบ (never สองสิบ);
 * - every 6 digits form a group closed by ล้าน, so 10^12 is หนึ่งล้านล้าน;
 * - whole baht end with บาทถ้วน; satang are read like numbers and end with สตางค์ (…บาทห้าสิบสตางค์);
 * - less than one baht has no baht part: 0.50 → ห้าสิบสตางค์ (as written on cheques, not ศูนย์บาทห้าสิบสตางค์);
 * - 0 → ศูนย์บาทถ้วน; negatives are prefixed with ลบ.
 */

const DIGITS = ['', 'หนึ่ง', 'สอง', 'สาม', 'สี่', 'ห้า', 'หก', 'เจ็ด', 'แปด', 'เก้า'] as const;
const PLACES = ['', 'สิบ', 'ร้อย', 'พัน', 'หมื่น', 'แสน'] as const;
const MILLION = 1_000_000n;

/** Words of a group 0 … 999,999; `afterHigher` says a non-zero group precedes it (1 → เอ็ด). */
function groupWords(group: number, afterHigher: boolean): string {
  const digits = String(group);
  let words = '';
  for (let i = 0; i < digits.length; i += 1) {
    const digit = digits.charCodeAt(i) - 48;
    const place = digits.length - 1 - i;
    if (digit === 0) continue;
    if (place === 0 && digit === 1 && (afterHigher || digits.length > 1)) words += 'เอ็ด';
    else if (place === 1 && digit === 1) words += 'สิบ';
    else if (place === 1 && digit === 2) words += 'ยี่สิบ';
    else words += (DIGITS[digit] as string) + (PLACES[place] as string);
  }
  return words;
}

/** Thai words of a non-negative integer (empty for 0). */
export function thaiNumberWords(n: bigint): string {
  if (n < MILLION) return groupWords(Number(n), false);
  const high = n / MILLION;
  const low = Number(n % MILLION);
  return `${thaiNumberWords(high)}ล้าน${groupWords(low, true)}`;
}

/** The amount `satang` in Thai words: 10100n → หนึ่งร้อยเอ็ดบาทถ้วน, 50n → ห้าสิบสตางค์. */
export function bahtText(satang: bigint): string {
  if (satang < 0n) return `ลบ${bahtText(-satang)}`;
  if (satang === 0n) return 'ศูนย์บาทถ้วน';
  const baht = satang / 100n;
  const rest = Number(satang % 100n);
  const bahtWords = baht === 0n ? '' : `${thaiNumberWords(baht)}บาท`;
  return rest === 0 ? `${bahtWords}ถ้วน` : `${bahtWords}${groupWords(rest, false)}สตางค์`;
}

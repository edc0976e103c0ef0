import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bahtText, thaiNumberWords } from './baht-text.js';

/** Known values in baht (as text, to keep satang exact) and their words. */
const KNOWN: readonly [string, string][] = [
  ['0', 'ศูนย์บาทถ้วน'],
  ['1', 'หนึ่งบาทถ้วน'],
  ['2', 'สองบาทถ้วน'],
  ['7', 'เจ็ดบาทถ้วน'],
  ['10', 'สิบบาทถ้วน'],
  ['11', 'สิบเอ็ดบาทถ้วน'],
  ['12', 'สิบสองบาทถ้วน'],
  ['19', 'สิบเก้าบาทถ้วน'],
  ['20', 'ยี่สิบบาทถ้วน'],
  ['21', 'ยี่สิบเอ็ดบาทถ้วน'],
  ['25', 'ยี่สิบห้าบาทถ้วน'],
  ['31', 'สามสิบเอ็ดบาทถ้วน'],
  ['44', 'สี่สิบสี่บาทถ้วน'],
  ['99', 'เก้าสิบเก้าบาทถ้วน'],
  ['100', 'หนึ่งร้อยบาทถ้วน'],
  ['101', 'หนึ่งร้อยเอ็ดบาทถ้วน'],
  ['110', 'หนึ่งร้อยสิบบาทถ้วน'],
  ['111', 'หนึ่งร้อยสิบเอ็ดบาทถ้วน'],
  ['120', 'หนึ่งร้อยยี่สิบบาทถ้วน'],
  ['121', 'หนึ่งร้อยยี่สิบเอ็ดบาทถ้วน'],
  ['201', 'สองร้อยเอ็ดบาทถ้วน'],
  ['999', 'เก้าร้อยเก้าสิบเก้าบาทถ้วน'],
  ['1000', 'หนึ่งพันบาทถ้วน'],
  ['1001', 'หนึ่งพันเอ็ดบาทถ้วน'],
  ['1010', 'หนึ่งพันสิบบาทถ้วน'],
  ['1011', 'หนึ่งพันสิบเอ็ดบาทถ้วน'],
  ['2021', 'สองพันยี่สิบเอ็ดบาทถ้วน'],
  ['10000', 'หนึ่งหมื่นบาทถ้วน'],
  ['10001', 'หนึ่งหมื่นเอ็ดบาทถ้วน'],
  ['88000', 'แปดหมื่นแปดพันบาทถ้วน'],
  ['100000', 'หนึ่งแสนบาทถ้วน'],
  ['100001', 'หนึ่งแสนเอ็ดบาทถ้วน'],
  ['999999', 'เก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าบาทถ้วน'],
  ['1000000', 'หนึ่งล้านบาทถ้วน'],
  ['1000001', 'หนึ่งล้านเอ็ดบาทถ้วน'],
  ['1000010', 'หนึ่งล้านสิบบาทถ้วน'],
  ['1000011', 'หนึ่งล้านสิบเอ็ดบาทถ้วน'],
  ['1000021', 'หนึ่งล้านยี่สิบเอ็ดบาทถ้วน'],
  ['1100000', 'หนึ่งล้านหนึ่งแสนบาทถ้วน'],
  ['2000000', 'สองล้านบาทถ้วน'],
  ['10000000', 'สิบล้านบาทถ้วน'],
  ['10991500', 'สิบล้านเก้าแสนเก้าหมื่นหนึ่งพันห้าร้อยบาทถ้วน'],
  ['11000000', 'สิบเอ็ดล้านบาทถ้วน'],
  ['11079500', 'สิบเอ็ดล้านเจ็ดหมื่นเก้าพันห้าร้อยบาทถ้วน'],
  ['21000000', 'ยี่สิบเอ็ดล้านบาทถ้วน'],
  ['101000000', 'หนึ่งร้อยเอ็ดล้านบาทถ้วน'],
  ['999999999', 'เก้าร้อยเก้าสิบเก้าล้านเก้าแสนเก้าหมื่นเก้าพันเก้าร้อยเก้าสิบเก้าบาทถ้วน'],
  ['1000000000000', 'หนึ่งล้านล้านบาทถ้วน'],
  ['1000000000001', 'หนึ่งล้านล้านเอ็ดบาทถ้วน'],
  ['1000001000000', 'หนึ่งล้านเอ็ดล้านบาทถ้วน'],
  ['2000000000000', 'สองล้านล้านบาทถ้วน'],
  ['11000000000000', 'สิบเอ็ดล้านล้านบาทถ้วน'],
  ['1000000000000000000', 'หนึ่งล้านล้านล้านบาทถ้วน'],
  [
    '1234567890123456',
    'หนึ่งพันสองร้อยสามสิบสี่ล้านห้าแสนหกหมื่นเจ็ดพันแปดร้อยเก้าสิบล้านหนึ่งแสนสองหมื่นสามพันสี่ร้อยห้าสิบหกบาทถ้วน',
  ],
  ['0.01', 'หนึ่งสตางค์'],
  ['0.10', 'สิบสตางค์'],
  ['0.11', 'สิบเอ็ดสตางค์'],
  ['0.21', 'ยี่สิบเอ็ดสตางค์'],
  ['0.25', 'ยี่สิบห้าสตางค์'],
  ['0.50', 'ห้าสิบสตางค์'],
  ['0.99', 'เก้าสิบเก้าสตางค์'],
  ['1.01', 'หนึ่งบาทหนึ่งสตางค์'],
  ['1.50', 'หนึ่งบาทห้าสิบสตางค์'],
  ['10.75', 'สิบบาทเจ็ดสิบห้าสตางค์'],
  ['21.01', 'ยี่สิบเอ็ดบาทหนึ่งสตางค์'],
  ['101.50', 'หนึ่งร้อยเอ็ดบาทห้าสิบสตางค์'],
  ['1234.56', 'หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบหกสตางค์'],
  ['1000001.21', 'หนึ่งล้านเอ็ดบาทยี่สิบเอ็ดสตางค์'],
  ['-1', 'ลบหนึ่งบาทถ้วน'],
  ['-0.50', 'ลบห้าสิบสตางค์'],
  ['-21.25', 'ลบยี่สิบเอ็ดบาทยี่สิบห้าสตางค์'],
  ['-10991500', 'ลบสิบล้านเก้าแสนเก้าหมื่นหนึ่งพันห้าร้อยบาทถ้วน'],
];

const toSatang = (baht: string): bigint => {
  const [whole = '', fraction = ''] = baht.replace('-', '').split('.');
  const satang = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return baht.startsWith('-') ? -satang : satang;
};

/** An independent reader of Thai amounts in words, to check bahtText is one-to-one. */
const VALUES: Record<string, number> = {
  หนึ่ง: 1,
  เอ็ด: 1,
  สอง: 2,
  ยี่: 2,
  สาม: 3,
  สี่: 4,
  ห้า: 5,
  หก: 6,
  เจ็ด: 7,
  แปด: 8,
  เก้า: 9,
};
const PLACE: Record<string, number> = { สิบ: 10, ร้อย: 100, พัน: 1000, หมื่น: 10_000, แสน: 100_000 };
const TOKEN = /(หนึ่ง|เอ็ด|สอง|ยี่|สาม|สี่|ห้า|หก|เจ็ด|แปด|เก้า)?(สิบ|ร้อย|พัน|หมื่น|แสน)?/y;

function readGroup(words: string): bigint {
  let total = 0;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < words.length) {
    const m = TOKEN.exec(words);
    if (!m || m[0] === '') throw new Error(`cannot read '${words.slice(TOKEN.lastIndex)}'`);
    total += (m[1] ? (VALUES[m[1]] as number) : 1) * (m[2] ? (PLACE[m[2]] as number) : 1);
  }
  return BigInt(total);
}

function readWords(text: string): bigint {
  if (text.startsWith('ลบ')) return -readWords(text.slice(2));
  if (text === 'ศูนย์บาทถ้วน') return 0n;
  const number = (w: string): bigint =>
    w.split('ล้าน').reduce((acc, part) => acc * 1_000_000n + readGroup(part), 0n);
  if (text.endsWith('บาทถ้วน')) return number(text.slice(0, -'บาทถ้วน'.length)) * 100n;
  const [baht, satang] = text.includes('บาท') ? text.split('บาท') : ['', text];
  return number(baht ?? '') * 100n + readGroup((satang ?? '').replace(/สตางค์$/, ''));
}

describe('bahtText', () => {
  it.each(KNOWN)('%s → %s', (baht, words) => {
    expect(bahtText(toSatang(baht))).toBe(words);
    expect(readWords(words)).toBe(toSatang(baht));
  });

  it('the seed total that the OCR garbled', () => {
    expect(bahtText(1_099_150_000n)).toBe('สิบล้านเก้าแสนเก้าหมื่นหนึ่งพันห้าร้อยบาทถ้วน');
  });

  it('thaiNumberWords of 0 is empty', () => {
    expect(thaiNumberWords(0n)).toBe('');
    expect(thaiNumberWords(21n)).toBe('ยี่สิบเอ็ด');
  });

  const amounts = fc.bigInt({ min: -(10n ** 17n) + 1n, max: 10n ** 17n - 1n }); // |baht| < 10^15

  it('every amount below 10^15 baht converts, and reads back to itself', () => {
    fc.assert(
      fc.property(amounts, (satang) => {
        const words = bahtText(satang);
        expect(readWords(words)).toBe(satang);
      }),
      { numRuns: 2000 },
    );
  });

  it('follows the Thai conventions', () => {
    fc.assert(
      fc.property(amounts, (satang) => {
        const words = bahtText(satang);
        for (const wrong of ['หนึ่งสิบ', 'สองสิบ', 'เอ็ดสิบ', 'ยี่ร้อย', 'บาทเอ็ด', 'ลบลบ']) {
          expect(words).not.toContain(wrong);
        }
        expect(/^(ลบ)?เอ็ด/.test(words)).toBe(false);
        expect(words.endsWith('ถ้วน')).toBe(satang % 100n === 0n);
        expect(words.endsWith('สตางค์')).toBe(satang % 100n !== 0n);
        expect(words.includes('ศูนย์')).toBe(satang === 0n);
        expect(words.startsWith('ลบ')).toBe(satang < 0n);
        expect(words.includes('บาท')).toBe(satang === 0n || satang >= 100n || satang <= -100n);
        expect(/[0-9a-z ]/i.test(words)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('a units 1 after any higher digit is เอ็ด, alone it is หนึ่ง', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 15n }), (baht) => {
        const words = bahtText((baht * 10n + 1n) * 100n);
        expect(words.endsWith('เอ็ดบาทถ้วน')).toBe(true);
      }),
    );
    expect(bahtText(100n)).toBe('หนึ่งบาทถ้วน');
  });
});

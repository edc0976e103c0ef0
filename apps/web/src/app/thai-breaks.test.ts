import { describe, expect, it } from 'vitest';
import { thaiWordBreaks } from './thai-breaks';

describe('thaiWordBreaks', () => {
  it.each([
    ['มหาวิทยาลัยนวมินทราธิราช', ['มหาวิทยาลัย', 'นวมินทราธิราช']],
    ['นักวิเคราะห์งบประมาณ', ['นักวิเคราะห์', 'งบประมาณ']],
    ['สำนักงานเขตพญาไท', ['สำนักงาน', 'เขตพญาไท']],
    ['กองวิเคราะห์งบประมาณ 3', ['กองวิเคราะห์', 'งบประมาณ', ' ', '3']],
    ['officer-BDO', ['officer-BDO']],
    ['', ['']],
  ])('%s → %j', (text, pieces) => {
    expect(thaiWordBreaks(text)).toEqual(pieces);
  });

  it('gives the text back when joined, and never cuts inside a syllable run', () => {
    for (const text of [
      'เจ้าหน้าที่หน่วยรับงบประมาณ',
      'สำนักการวางผังและพัฒนาเมือง (BMA)',
      'โรงพยาบาลเจริญกรุงประชารักษ์',
    ]) {
      const pieces = thaiWordBreaks(text);
      expect(pieces.join('')).toBe(text);
      expect(pieces.every((p) => p.length > 0)).toBe(true);
    }
    expect(thaiWordBreaks('มหาวิทยาลัยนวมินทราธิราช')).not.toContain('นว');
  });
});

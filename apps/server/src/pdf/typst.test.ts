import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderTypstPdf } from './typst.js';

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('Thai PDFs through Typst with Laksaman', () => {
  it('compiles data into pages, with Thai-digit page numbers', () => {
    const { pdf, pages } = renderTypstPdf(
      `#let data = json(bytes(sys.inputs.data))
#table(columns: 2, table.header[รายการ][จำนวนเงิน], ..range(90).map(i => ([#data.name], [10,991,500.00])).flatten())`,
      { name: 'โครงการพัฒนาระบบ' },
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pages).toBeGreaterThan(1);
  });

  it('refuses a font that is not shipped, and a broken source, instead of a wrong PDF', () => {
    expect(() => renderTypstPdf('#text(font: "Sarabun")[ก]', {})).toThrow(/unknown font family/);
    expect(() => renderTypstPdf('#let x = ', {})).toThrow(/could not be made/);
  });

  it.skipIf(!hasPdftotext && !process.env.CI)('has a text layer that reads every word once', () => {
    const words = 'หนึ่ง ทั้ง สิบล้านเก้าแสนเก้าหมื่นหนึ่งพันห้าร้อยบาทถ้วน กรุงเทพมหานคร';
    const { pdf } = renderTypstPdf(`${words}`, {});
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pbis-pdf-')), 'a.pdf');
    fs.writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    for (const w of words.split(' ')) expect(text).toContain(w);
    expect(text).not.toMatch(/หนึ่นึ่ง|ทั้ทั้ง/);
  });

  it.skipIf(!hasPdftotext && !process.env.CI)('numbers pages "- ๒ -", not as a list item', () => {
    const { pdf } = renderTypstPdf('ก #pagebreak() ข', {});
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pbis-pdf-')), 'n.pdf');
    fs.writeFileSync(file, pdf);
    const page2 = execFileSync('pdftotext', ['-raw', '-f', '2', '-l', '2', file, '-'], {
      encoding: 'utf8',
    });
    expect(page2).toMatch(/^- ๒ -/);
  });
});

import { bahtText, decimalToSatang, formatBaht, parseEntryDate, toThaiDigits } from '@pbis/core';
import { asOfLine, renderTablePdf } from './bva-pdf.js';
import type { MoneyIndicatorsReport } from './money.js';

/*
 * `pbis report money-indicators --format pdf`: indicator 5.1 and indicator 2 per unit and for
 * the BMA, as a Thai PDF (bva-pdf.ts: Laksaman, landscape, the header repeating on every page).
 */

const money = (v: string) => formatBaht(decimalToSatang(v));
const pct = (v: string | null) => v ?? '–';

export function moneyIndicatorsPdf(report: MoneyIndicatorsReport): Buffer {
  const asOf = parseEntryDate(report.asOf);
  const all = report.rows.find((r) => r.unit_code === 'ALL');
  const rows = report.rows.map((r) => {
    const level = !r.included
      ? 'ไม่นับ'
      : r.carry_over_level === null
        ? '–'
        : `ระดับ ${r.carry_over_level} (${r.carry_over_points} คะแนน)`;
    return {
      indent: 0,
      emphasis: r.unit_code === 'ALL',
      cells: [
        r.unit_code === 'ALL' ? r.unit_name : `${r.unit_code} ${r.unit_name}`,
        money(r.disbursement_base_baht),
        money(r.disbursed_baht),
        pct(r.disbursement_rate),
        money(r.carry_over_base_baht),
        money(r.carry_over_without_obligation_baht),
        pct(r.carry_over_without_obligation_rate),
        level,
      ],
    };
  });
  return renderTablePdf({
    title: 'ตัวชี้วัดการเบิกจ่ายงบประมาณ (๕.๑) และเงินกันไว้เบิกเหลื่อมปีแบบไม่มีหนี้ผูกพัน (ตัวชี้วัดที่ ๒)',
    subtitle: [
      `ประจำปีงบประมาณ พ.ศ. ${toThaiDigits(report.fiscalYear)}`,
      asOfLine(typeof asOf === 'string' ? null : asOf),
    ],
    headers: [
      'หน่วยงาน',
      'งบประมาณฐาน ๕.๑',
      'เบิกจ่ายสะสม',
      'ร้อยละเบิกจ่าย',
      'งบประมาณฐานตัวชี้วัด ๒',
      'กันเงินไม่มีหนี้ผูกพัน',
      'ร้อยละเงินกันฯ',
      'ระดับ (ตัวชี้วัด ๒)',
    ],
    rows,
    size: 10.5,
    widths: [2.9, 2.9, 2.0, 2.9, 2.9, 2.0, 3.9],
    notes: all
      ? [
          `เบิกจ่ายสะสมทั้งกรุงเทพมหานคร ${money(all.disbursed_baht)} บาท (${bahtText(decimalToSatang(all.disbursed_baht))})`,
          'หน่วย: บาท · ๕.๑ ไม่นับงบบุคลากร เงินช่วยเหลือข้าราชการและลูกจ้าง เงินบำเหน็จลูกจ้าง งบเพิ่มเติม เงินอุดหนุนจากรัฐบาล และเงินกันเหลื่อมปีก่อน · ตัวชี้วัด ๒ ไม่นับมหาวิทยาลัยและหน่วยงานพาณิชย์',
        ]
      : [],
  }).pdf;
}

import type { Database } from '../../db/client.js';
import type { Actor } from '../auth/actor.js';
import { moneyIndicatorsPdf } from './bva-money-pdf.js';
import { moneyIndicators } from './money.js';
import { tableFile } from './report-files.js';

/** The columns of the money-indicators report (SPEC §3), with their Thai headers for XLSX. */
export const MONEY_INDICATOR_COLUMNS = [
  { key: 'unit_code', header: 'รหัสหน่วยงาน' },
  { key: 'unit_name', header: 'หน่วยงาน' },
  { key: 'included', header: 'นับในตัวชี้วัดเงินกันฯ' },
  { key: 'disbursement_base_baht', header: 'งบประมาณหลังปรับโอน (5.1) บาท' },
  { key: 'disbursed_baht', header: 'เบิกจ่ายสะสม บาท' },
  { key: 'disbursement_rate', header: 'ร้อยละการเบิกจ่าย (5.1)' },
  { key: 'disbursement_level', header: 'ระดับ (5.1)' },
  { key: 'disbursement_points', header: 'คะแนน (5.1)' },
  { key: 'carry_over_base_baht', header: 'งบประมาณหลังปรับโอน (ตัวชี้วัด 2) บาท' },
  { key: 'carry_over_without_obligation_baht', header: 'กันเงินไม่มีหนี้ผูกพัน บาท' },
  { key: 'carry_over_without_obligation_rate', header: 'ร้อยละเงินกันไม่มีหนี้ผูกพัน' },
  { key: 'carry_over_level', header: 'ระดับ (ตัวชี้วัด 2)' },
  { key: 'carry_over_points', header: 'คะแนน (ตัวชี้วัด 2)' },
  { key: 'carry_over_level_note', header: 'หมายเหตุ' },
] as const;

/** `pbis report money-indicators` as a file: json (the rows), csv or xlsx. */
export async function moneyIndicatorsFile(
  database: Database,
  actor: Actor,
  format: string,
  q: { fiscalYear: number; unit?: string | undefined; asOf?: string | undefined },
): Promise<Buffer> {
  const report = await moneyIndicators(database, actor, q);
  if (format === 'pdf') return moneyIndicatorsPdf(report);
  return tableFile(
    format,
    'money-indicators',
    MONEY_INDICATOR_COLUMNS,
    report.rows as unknown as Record<string, unknown>[],
  );
}

import { satangToDecimalString } from '@pbis/core';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../db/client.js';
import { withScope } from '../../db/scoped.js';
import { systemActor } from '../auth/actor.js';
import { runImport } from '../imports/pipeline.js';
import { importKind } from '../imports/registry.js';
import * as orgRepo from '../org/repository.js';

/*
 * Synthetic budget execution for the demo (SPEC §5), clearly labelled: every line's project is
 * "ข้อมูลสังเคราะห์ …". Deterministic from DEMO_SEED, so a second seeding imports the same files
 * (recognised by their hash, nothing changes). Shapes as real years have them: a slow first
 * quarter, equipment obligated in Q1–Q2 and construction later, a September rush, and a few
 * laggards (every eleventh unit spends about two thirds of what the others do).
 */

export const DEMO_SEED = 2565;
export const DEMO_EXECUTION_YEARS = [2563, 2564, 2565] as const;
export const SYNTHETIC = 'ข้อมูลสังเคราะห์';

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Share of the year's operating payments made in each fiscal month (slow Q1, September rush). */
const OPERATING_SHAPE = [3, 5, 6, 7, 8, 8, 8, 8, 9, 9, 10, 19];

/** The CE date of day `day` of fiscal month `m` (1 = October) of fiscal year `fy`. */
function dateOf(fy: number, m: number, day: number): string {
  const month = ((m + 8) % 12) + 1;
  const year = fy - 543 - (month >= 10 ? 1 : 0);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const baht = (satang: bigint) => satangToDecimalString(satang);
const csv = (header: string[], rows: string[][]) =>
  new TextEncoder().encode(stringify([header, ...rows]));

interface DemoFiles {
  lines: string[][];
  obligations: string[][];
  disbursements: string[][];
  carryOvers: string[][];
}

/** The files of one fiscal year for these units. */
export function demoExecutionFiles(
  units: readonly { code: string; nameTh: string }[],
  fy: number,
): DemoFiles {
  const rnd = random(DEMO_SEED * 100 + fy);
  const out: DemoFiles = { lines: [], obligations: [], disbursements: [], carryOvers: [] };
  const project = `${SYNTHETIC} งานบริหารทั่วไป`;
  const works = `${SYNTHETIC} งานพัฒนาโครงสร้างพื้นฐาน`;
  units.forEach((u, i) => {
    const laggard = i % 11 === 5;
    const pace = laggard ? 0.62 : 0.9 + rnd() * 0.09;
    const size = BigInt(Math.round(20 + rnd() * 180)) * 100_000_00n; // 2–20 million baht
    const personnel = (size * 45n) / 100n;
    const operating = (size * 30n) / 100n;
    const equipment = (size * 10n) / 100n;
    const construction = size - personnel - operating - equipment;
    const line = (p: string, cat: string, amount: bigint, item = '') => [
      String(fy),
      u.code,
      u.nameTh,
      `${SYNTHETIC} แผนงานบริหารทั่วไป`,
      '',
      '',
      p,
      cat,
      '',
      baht(amount),
      '',
      '',
      item,
    ];
    out.lines.push(
      line(project, 'personnel', personnel),
      line(project, 'operating', operating),
      line(works, 'capital', equipment, 'ค่าครุภัณฑ์'),
      line(works, 'capital', construction, 'ค่าที่ดินและสิ่งก่อสร้าง'),
    );
    const pay = (
      p: string,
      cat: string,
      item: string,
      doc: string,
      m: number,
      amount: bigint,
      ob = '',
    ) =>
      out.disbursements.push([
        String(fy),
        u.code,
        '',
        '',
        '',
        p,
        cat,
        '',
        item,
        doc,
        dateOf(fy, m, 25),
        baht(amount),
        ob,
      ]);
    for (let m = 1; m <= 12; m++)
      pay(project, 'personnel', '', `SYN-${fy}-${u.code}-P${m}`, m, personnel / 12n);
    const opSpent = BigInt(Math.round(Number(operating) * pace));
    OPERATING_SHAPE.forEach((w, k) =>
      pay(
        project,
        'operating',
        '',
        `SYN-${fy}-${u.code}-O${k + 1}`,
        k + 1,
        (opSpent * BigInt(w)) / 100n,
      ),
    );
    // Equipment obligated in Q1–Q2, paid two to four months later; construction from Q2–Q3.
    const capital = [
      ['ค่าครุภัณฑ์', equipment, laggard ? 6 : 2 + Math.floor(rnd() * 3), 'E'],
      ['ค่าที่ดินและสิ่งก่อสร้าง', construction, laggard ? 9 : 4 + Math.floor(rnd() * 3), 'C'],
    ] as const;
    for (const [item, amount, month, tag] of capital) {
      const obligated = (amount * BigInt(Math.round(pace * 100))) / 100n;
      const doc = `SYN-${fy}-${u.code}-${tag}`;
      out.obligations.push([
        String(fy),
        u.code,
        '',
        '',
        '',
        works,
        'capital',
        '',
        item,
        `${doc}-PO`,
        dateOf(fy, month, 10),
        `${SYNTHETIC} ผู้รับจ้าง ${u.code}`,
        baht(obligated),
      ]);
      const paidShare = laggard ? 40n : 70n + BigInt(Math.floor(rnd() * 25));
      const paid = (obligated * paidShare) / 100n;
      const payMonth = Math.min(12, month + 3);
      pay(works, 'capital', item, `${doc}-D1`, payMonth, paid / 2n, `${doc}-PO`);
      pay(works, 'capital', item, `${doc}-D2`, 12, paid - paid / 2n, `${doc}-PO`);
      if (obligated > paid)
        out.carryOvers.push([
          String(fy),
          u.code,
          '',
          '',
          '',
          works,
          'capital',
          '',
          item,
          'with_obligation',
          baht(obligated - paid),
          `${SYNTHETIC} มติสภา ${fy}`,
        ]);
    }
    // Part of the unspent operating budget carried without obligation by some units.
    if (i % 4 === 1) {
      const left = operating - opSpent;
      out.carryOvers.push([
        String(fy),
        u.code,
        '',
        '',
        '',
        project,
        'operating',
        '',
        '',
        'without_obligation',
        baht(left / 10n),
        `${SYNTHETIC} มติสภา ${fy}`,
      ]);
    }
  });
  return out;
}

/** Imports the synthetic execution of FY2563–2565 for every unit (idempotent). */
export async function seedDemoExecution(
  database: Database,
  organizationId: string,
): Promise<number> {
  const system = systemActor(organizationId, 'pbis-seed');
  const units = await withScope(database, system, (db) => orgRepo.allUnitsRaw(db, organizationId));
  const sorted = [...units].sort((a, b) => a.code.localeCompare(b.code));
  let rows = 0;
  for (const fy of DEMO_EXECUTION_YEARS) {
    const f = demoExecutionFiles(sorted, fy);
    const files: [string, string[][]][] = [
      ['budget-lines', f.lines],
      ['obligations', f.obligations],
      ['disbursements', f.disbursements],
      ['carry-overs', f.carryOvers],
    ];
    for (const [kind, body] of files) {
      const s = await runImport(database, system, importKind(kind), {
        bytes: csv([...importKind(kind).columns], body),
        name: `demo-${kind}-${fy}.csv`,
      });
      rows += s.already_imported ? 0 : s.rows;
    }
  }
  return rows;
}

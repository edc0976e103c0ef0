import { ROLES } from '@pbis/core';
import {
  alertRulesSchema,
  alertsSchema,
  budgetLineListSchema,
  budgetVsActualSchema,
  forecastSchema,
  rankingsSchema,
  executionSummarySchema,
  lineDocumentsSchema,
  moneyIndicatorsSchema,
  postedEntrySchema,
} from '@pbis/contract';
import { moneyBreakdownSchema } from '@pbis/contract';
import {
  carriedLineListSchema,
  carriedLineSchema,
  carryOverListSchema,
  carryOverSchema,
  closeYearResultSchema,
  lapseExpiredResultSchema,
  laterYearsResultSchema,
  yearEndPreviewSchema,
  yearEndSettingsSchema,
} from '@pbis/contract';
import type { ModuleAccess, ModuleResponses } from '../../test/module-support.js';
import { login, type Client, type TestContext } from '../../test/harness.js';
import { aUser, FACTORY_PASSWORD } from '../../test/factories.js';
import { ensureFiscalYear } from '../periods/service.js';
import { closeYear } from './year-end-close.js';
import { runImport } from '../imports/pipeline.js';
import { importKind } from '../imports/registry.js';
import { transferAccess, transferResponses } from './transfers-test-support.js';

/** Who may call budget execution's routes (read by access-matrix.test.ts). */
export const access: ModuleAccess = {
  'GET /api/v1/execution/money-indicators': [...ROLES],
  'GET /api/v1/execution/lines': [...ROLES],
  'GET /api/v1/execution/summary': [...ROLES],
  'POST /api/v1/execution/reservations': ['admin', 'budget_office', 'unit_officer'],
  'POST /api/v1/execution/obligations': ['admin', 'budget_office', 'unit_officer'],
  'POST /api/v1/execution/disbursements': ['admin', 'budget_office', 'unit_officer'],
  ...transferAccess,
  'GET /api/v1/execution/budget-vs-actual': [...ROLES],
  'GET /api/v1/execution/budget-vs-actual/report': [...ROLES],
  'GET /api/v1/execution/lines/{id}/documents': [...ROLES],
  // analysis (analysis-routes.ts)
  'GET /api/v1/execution/forecast': [...ROLES],
  'GET /api/v1/execution/alerts': [...ROLES],
  'GET /api/v1/execution/alert-rules': [...ROLES],
  'PUT /api/v1/execution/alert-rules': ['admin', 'budget_office'],
  'GET /api/v1/execution/rankings': [...ROLES],
};

const lines = new WeakMap<TestContext, Promise<string>>();
/** One budget line of the Budget Office with room for the entries below. */
function aLine(admin: Client, t: TestContext): Promise<string> {
  const known = lines.get(t);
  if (known) return known;
  const line = (async () => {
    const csv =
      'fiscal_year,unit_code,unit_name,programme,output,project_code,project,expense_category,strategy_code,amount\n' +
      '2565,BDO,,แผนงานทดสอบ,,,งานทดสอบสัญญา,operating,,1000.00\n';
    await runImport(t.database, t.system, importKind('budget-lines'), {
      bytes: new TextEncoder().encode(csv),
      name: 'contract-line.csv',
    });
    const res = await admin.get('/api/v1/execution/lines?fiscalYear=2565');
    return budgetLineListSchema.parse(res.json()).items.find((l) => l.project === 'งานทดสอบสัญญา')!
      .id;
  })();
  lines.set(t, line);
  return line;
}

/** How to get each route's answer (read by contract-responses.test.ts). */
export const responses: ModuleResponses = {
  'GET /api/v1/execution/money-indicators': {
    schema: moneyIndicatorsSchema,
    status: 200,
    call: (a) => a.get('/api/v1/execution/money-indicators?fiscalYear=2565'),
  },
  'GET /api/v1/execution/lines': {
    schema: budgetLineListSchema,
    status: 200,
    call: async (a, t) => {
      await aLine(a, t);
      return a.get('/api/v1/execution/lines?fiscalYear=2565');
    },
  },
  'GET /api/v1/execution/summary': {
    schema: executionSummarySchema,
    status: 200,
    call: (a) => a.get('/api/v1/execution/summary?fiscalYear=2565'),
  },
  'POST /api/v1/execution/reservations': {
    schema: postedEntrySchema,
    status: 201,
    call: async (a, t) =>
      a.request('POST', '/api/v1/execution/reservations', {
        lineId: await aLine(a, t),
        documentNo: 'CONTRACT-R-1',
        date: '2022-01-04',
        amount: '10.00',
      }),
  },
  'POST /api/v1/execution/obligations': {
    schema: postedEntrySchema,
    status: 201,
    call: async (a, t) =>
      a.request('POST', '/api/v1/execution/obligations', {
        lineId: await aLine(a, t),
        documentNo: 'CONTRACT-O-1',
        date: '2022-01-05',
        amount: '100.00',
        vendor: 'บริษัท ทดสอบ จำกัด',
      }),
  },
  'POST /api/v1/execution/disbursements': {
    schema: postedEntrySchema,
    status: 201,
    call: async (a, t) =>
      a.request('POST', '/api/v1/execution/disbursements', {
        lineId: await aLine(a, t),
        documentNo: 'CONTRACT-D-1',
        date: '2022-01-06',
        amount: '50.00',
      }),
  },
  ...transferResponses,
  'GET /api/v1/execution/budget-vs-actual': {
    schema: budgetVsActualSchema,
    status: 200,
    call: async (a, t) => {
      await aLine(a, t);
      return a.get('/api/v1/execution/budget-vs-actual?fiscalYear=2565');
    },
  },
  'GET /api/v1/execution/lines/{id}/documents': {
    schema: lineDocumentsSchema,
    status: 200,
    call: async (a, t) => a.get(`/api/v1/execution/lines/${await aLine(a, t)}/documents`),
  },
  // analysis (analysis-routes.ts)
  'GET /api/v1/execution/forecast': {
    schema: forecastSchema,
    status: 200,
    call: async (a, t) => {
      await aLine(a, t);
      return a.get('/api/v1/execution/forecast?fiscalYear=2565&asOf=2022-03-31');
    },
  },
  'GET /api/v1/execution/alerts': {
    schema: alertsSchema,
    status: 200,
    call: async (a, t) => {
      await aLine(a, t);
      return a.get('/api/v1/execution/alerts?fiscalYear=2565&asOf=2022-03-31');
    },
  },
  'GET /api/v1/execution/alert-rules': {
    schema: alertRulesSchema,
    status: 200,
    call: (a) => a.get('/api/v1/execution/alert-rules'),
  },
  'PUT /api/v1/execution/alert-rules': {
    schema: alertRulesSchema,
    status: 200,
    call: async (a) => {
      const now = alertRulesSchema.parse((await a.get('/api/v1/execution/alert-rules')).json());
      return a.request('PUT', '/api/v1/execution/alert-rules', {
        version: now.version,
        rules: now.rules,
        targets: now.targets,
      });
    },
  },
  'GET /api/v1/execution/rankings': {
    schema: rankingsSchema,
    status: 200,
    call: async (a, t) => {
      await aLine(a, t);
      return a.get('/api/v1/execution/rankings?fiscalYear=2565');
    },
  },
};

// --- year end (year-end-routes.ts) ---------------------------------------------------------

const OFFICE_ONLY: ModuleAccess[string] = ['admin', 'budget_office'];
Object.assign(access, {
  'GET /api/v1/execution/year-end/preview': [...ROLES],
  'GET /api/v1/execution/carry-overs': [...ROLES],
  'POST /api/v1/execution/carry-overs': ['admin', 'budget_office', 'unit_officer'],
  'POST /api/v1/execution/carry-overs/{id}/approve': OFFICE_ONLY,
  'POST /api/v1/execution/carry-overs/{id}/reject': OFFICE_ONLY,
  'POST /api/v1/execution/year-end/close': OFFICE_ONLY,
  'POST /api/v1/execution/year-end/later-years': OFFICE_ONLY,
  'GET /api/v1/execution/year-end/settings': [...ROLES],
  'PUT /api/v1/execution/year-end/settings': OFFICE_ONLY,
  'GET /api/v1/execution/year-end/carried': [...ROLES],
  'POST /api/v1/execution/year-end/lapse-expired': OFFICE_ONLY,
  'POST /api/v1/execution/lines/{id}/extend-deadline': OFFICE_ONLY,
} satisfies ModuleAccess);

interface YearEndFixture {
  /** Lines of the Budget Office in FY2599: A (requested by an officer), B and C. */
  lines: Record<'A' | 'B' | 'C', string>;
  officer: Client;
  requestA: { id: string; version: number };
  requestC: { id: string; version: number };
  /** A carried line of FY2596 (FY2595 closed through the service). */
  carried: { id: string; version: number };
}

const yearEnd = new WeakMap<TestContext, Promise<YearEndFixture>>();
/** Requests to decide and a closed year with a carried line, made once per test context. */
function yearEndFixture(admin: Client, t: TestContext): Promise<YearEndFixture> {
  const known = yearEnd.get(t);
  if (known) return known;
  const made = (async () => {
    for (const year of [2595, 2596, 2597, 2598, 2599])
      await ensureFiscalYear(t.database, t.system, year);
    const row = (year: number, project: string) =>
      `${year},BDO,,แผนงานปีสิ้นสุด,,,${project},operating,,1000.00\n`;
    const csv =
      'fiscal_year,unit_code,unit_name,programme,output,project_code,project,expense_category,strategy_code,amount\n' +
      row(2599, 'งานสิ้นปี ก') +
      row(2599, 'งานสิ้นปี ข') +
      row(2599, 'งานสิ้นปี ค') +
      row(2597, 'งานปิดปี') +
      row(2595, 'งานเหลื่อมปี');
    await runImport(t.database, t.system, importKind('budget-lines'), {
      bytes: new TextEncoder().encode(csv),
      name: 'contract-year-end.csv',
    });
    const items = async (year: number) =>
      budgetLineListSchema.parse(
        (await admin.get(`/api/v1/execution/lines?fiscalYear=${year}`)).json(),
      ).items;
    const of2599 = await items(2599);
    const id = (project: string) => of2599.find((l) => l.project === project)!.id;
    const lines = { A: id('งานสิ้นปี ก'), B: id('งานสิ้นปี ข'), C: id('งานสิ้นปี ค') };
    const officer = await login(
      t.app,
      (await aUser().officerOf('BDO').create(t)).username,
      FACTORY_PASSWORD,
    );
    const ask = async (lineId: string) =>
      carryOverSchema.parse(
        (
          await officer.request('POST', '/api/v1/execution/carry-overs', {
            lineId,
            amount: '100.00',
            reason: 'จัดซื้อไม่ทัน',
          })
        ).json(),
      );
    const requestA = await ask(lines.A);
    const requestC = await ask(lines.C);
    const from = (await items(2595)).find((l) => l.project === 'งานเหลื่อมปี')!.id;
    await admin.request('POST', '/api/v1/execution/obligations', {
      lineId: from,
      documentNo: 'CONTRACT-YE-1',
      date: '2052-01-05',
      amount: '400.00',
    });
    await closeYear(t.database, t.system, 2595);
    const carried = (await items(2596)).find((l) => l.fundSource === 'carried_over')!;
    // FY2597 has an obligation to carry when the close route is called.
    const closing = (await items(2597)).find((l) => l.project === 'งานปิดปี')!.id;
    await admin.request('POST', '/api/v1/execution/obligations', {
      lineId: closing,
      documentNo: 'CONTRACT-YE-2',
      date: '2054-01-05',
      amount: '300.00',
    });
    return { lines, officer, requestA, requestC, carried };
  })();
  yearEnd.set(t, made);
  return made;
}

Object.assign(responses, {
  'GET /api/v1/execution/year-end/preview': {
    schema: yearEndPreviewSchema,
    status: 200,
    call: async (a, t) => {
      await yearEndFixture(a, t);
      return a.get('/api/v1/execution/year-end/preview?fiscalYear=2599');
    },
  },
  'GET /api/v1/execution/carry-overs': {
    schema: carryOverListSchema,
    status: 200,
    call: async (a, t) => {
      await yearEndFixture(a, t);
      return a.get('/api/v1/execution/carry-overs?fiscalYear=2599');
    },
  },
  'POST /api/v1/execution/carry-overs': {
    schema: carryOverSchema,
    status: 201,
    call: async (a, t) =>
      a.request('POST', '/api/v1/execution/carry-overs', {
        lineId: (await yearEndFixture(a, t)).lines.B,
        amount: '10.00',
        reason: 'รอส่งมอบ',
      }),
  },
  'POST /api/v1/execution/carry-overs/{id}/approve': {
    schema: carryOverSchema,
    status: 200,
    call: async (a, t) => {
      const { requestA } = await yearEndFixture(a, t);
      return a.request('POST', `/api/v1/execution/carry-overs/${requestA.id}/approve`, {
        version: requestA.version,
        reference: 'สภากรุงเทพมหานคร 1/2599',
      });
    },
  },
  'POST /api/v1/execution/carry-overs/{id}/reject': {
    schema: carryOverSchema,
    status: 200,
    call: async (a, t) => {
      const { requestC } = await yearEndFixture(a, t);
      return a.request('POST', `/api/v1/execution/carry-overs/${requestC.id}/reject`, {
        version: requestC.version,
        note: 'ไม่เข้าเงื่อนไข',
      });
    },
  },
  'POST /api/v1/execution/year-end/close': {
    schema: closeYearResultSchema,
    status: 200,
    call: async (a, t) => {
      await yearEndFixture(a, t);
      return a.request('POST', '/api/v1/execution/year-end/close', { fiscalYear: 2597 });
    },
  },
  'POST /api/v1/execution/year-end/later-years': {
    schema: laterYearsResultSchema,
    status: 200,
    call: async (a, t) => {
      await yearEndFixture(a, t);
      return a.request('POST', '/api/v1/execution/year-end/later-years', { fiscalYear: 2596 });
    },
  },
  'GET /api/v1/execution/year-end/settings': {
    schema: yearEndSettingsSchema,
    status: 200,
    call: (a) => a.get('/api/v1/execution/year-end/settings'),
  },
  'PUT /api/v1/execution/year-end/settings': {
    schema: yearEndSettingsSchema,
    status: 200,
    call: (a) => a.request('PUT', '/api/v1/execution/year-end/settings', { carryMonths: 6 }),
  },
  'GET /api/v1/execution/year-end/carried': {
    schema: carriedLineListSchema,
    status: 200,
    call: async (a, t) => {
      await yearEndFixture(a, t);
      return a.get('/api/v1/execution/year-end/carried?fiscalYear=2596&asOf=2053-01-01');
    },
  },
  'POST /api/v1/execution/year-end/lapse-expired': {
    schema: lapseExpiredResultSchema,
    status: 200,
    call: (a) =>
      a.request('POST', '/api/v1/execution/year-end/lapse-expired', { asOf: '2020-01-01' }),
  },
  'POST /api/v1/execution/lines/{id}/extend-deadline': {
    schema: carriedLineSchema,
    status: 200,
    call: async (a, t) => {
      const { carried } = await yearEndFixture(a, t);
      return a.request('POST', `/api/v1/execution/lines/${carried.id}/extend-deadline`, {
        deadline: '2053-06-30',
        reason: 'ขยายเวลาตามคำขอ',
        version: carried.version,
      });
    },
  },
} satisfies ModuleResponses);

// --- money indicators' breakdown (breakdown-routes.ts) -------------------------------------

access['GET /api/v1/execution/money-indicators/breakdown'] = [...ROLES];
responses['GET /api/v1/execution/money-indicators/breakdown'] = {
  schema: moneyBreakdownSchema,
  status: 200,
  call: async (a, t) => {
    const lineId = await aLine(a, t);
    const items = budgetLineListSchema.parse(
      (await a.get('/api/v1/execution/lines?fiscalYear=2565')).json(),
    ).items;
    const unitId = items.find((l) => l.id === lineId)!.unitId;
    return a.get(`/api/v1/execution/money-indicators/breakdown?fiscalYear=2565&unitId=${unitId}`);
  },
};

import { ROLES } from '@pbis/core';
import {
  actionPlanListSchema,
  actionPlanSchema,
  criteriaCheckSchema,
  evidenceSchema,
  indicatorDetailSchema,
  indicatorSchema,
  planHomeSchema,
  planTreeSchema,
  projectSchema,
  resultSchema,
  scoresSchema,
  strategyListSchema,
  targetSchema,
  workPlanSchema,
} from '@pbis/contract';
import type { FastifyInstance } from 'fastify';
import type { Client, TestContext } from '../../test/harness.js';
import type { ModuleAccess, ModuleResponses } from '../../test/module-support.js';
import { BMA_STRATEGY } from './demo.js';
import { ensureStrategy } from './seed-loader.js';

const STAFF = [...ROLES];
const EDITORS = ['admin', 'budget_office', 'unit_officer'] as const;

/** Who may call the plans module's routes (read by access-matrix.test.ts). */
export const access: ModuleAccess = {
  'GET /api/v1/plans': STAFF,
  'POST /api/v1/plans': [...EDITORS],
  'POST /api/v1/plans/{id}/copy-forward': [...EDITORS],
  'POST /api/v1/plans/{id}/publish': [...EDITORS],
  'GET /api/v1/plans/strategy': STAFF,
  'GET /api/v1/plans/tree': STAFF,
  'GET /api/v1/plans/scores': STAFF,
  'POST /api/v1/plans/criteria/check': STAFF,
  'POST /api/v1/plans/{id}/projects': [...EDITORS],
  'PATCH /api/v1/plans/projects/{id}': [...EDITORS],
  'DELETE /api/v1/plans/projects/{id}': [...EDITORS],
  'PUT /api/v1/plans/projects/{id}/steps': [...EDITORS],
  'PUT /api/v1/plans/projects/{id}/progress/{month}': [...EDITORS],
  'POST /api/v1/plans/{id}/indicators': [...EDITORS],
  'GET /api/v1/plans/indicators/{id}': STAFF,
  'PATCH /api/v1/plans/indicators/{id}': [...EDITORS],
  'PUT /api/v1/plans/indicators/{id}/targets/{fiscalYear}': [...EDITORS],
  'PUT /api/v1/plans/indicators/{id}/results': [...EDITORS],
  'POST /api/v1/plans/results/{id}/evidence': [...EDITORS],
  'GET /api/v1/plans/evidence/{id}': STAFF,
  'GET /api/v1/public/plans': ['public', ...STAFF],
  'GET /api/v1/public/plans/{id}/tree': ['public', ...STAFF],
  'GET /api/v1/plans/home': STAFF,
  'GET /api/v1/plans/{id}/report': STAFF,
};

/** A PDF's first bytes and a little more: what the evidence check accepts as a PDF. */
export const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n% หลักฐาน\n%%EOF\n');

/** POST a file as multipart field "file" to a URL. */
export function uploadFile(
  app: FastifyInstance,
  client: Client | undefined,
  url: string,
  file: { bytes: Uint8Array; name: string; type: string },
) {
  const form = new FormData();
  form.append('file', new Blob([Buffer.from(file.bytes)], { type: file.type }), file.name);
  return app.inject({
    method: 'POST',
    url,
    headers: client ? { cookie: client.cookie, 'x-csrf-token': client.csrfToken } : {},
    payload: form,
  });
}

// The ids the calls below create, in the order they run (per database, one after the other).
const ids = { unit: '', plan: '', project: '', goal: '', indicator: '', result: '' };
const json = (res: { json(): unknown }) => res.json() as Record<string, unknown>;

/** How to get each route's answer (read by contract-responses.test.ts), in the order written. */
export const responses: ModuleResponses = {
  'POST /api/v1/plans': {
    schema: actionPlanSchema,
    status: 201,
    call: async (a, t: TestContext) => {
      const { nodeId } = await ensureStrategy(t.database, t.organizationId, BMA_STRATEGY);
      ids.goal = nodeId.get('7.2.1.1')!;
      const units = (await a.get('/api/v1/units?limit=200')).json() as {
        items: { id: string; code: string }[];
      };
      ids.unit = units.items.find((u) => u.code === 'BDO')!.id;
      const res = await a.request('POST', '/api/v1/plans', { unitId: ids.unit, fiscalYear: 2565 });
      ids.plan = json(res).id as string;
      return res;
    },
  },
  'GET /api/v1/plans': {
    schema: actionPlanListSchema,
    status: 200,
    call: (a) => a.get('/api/v1/plans?fiscalYear=2565'),
  },
  'GET /api/v1/plans/strategy': {
    schema: strategyListSchema,
    status: 200,
    call: (a) => a.get('/api/v1/plans/strategy'),
  },
  'POST /api/v1/plans/{id}/projects': {
    schema: projectSchema,
    status: 201,
    call: async (a) => {
      const res = await a.request('POST', `/api/v1/plans/${ids.plan}/projects`, {
        kind: 'activity',
        nameTh: 'กิจกรรมทดสอบสัญญา',
        budget: '1,000.00',
      });
      ids.project = json(res).id as string;
      return res;
    },
  },
  'PATCH /api/v1/plans/projects/{id}': {
    schema: projectSchema,
    status: 200,
    call: (a) =>
      a.request('PATCH', `/api/v1/plans/projects/${ids.project}`, { code: 'C1', version: 1 }),
  },
  'PUT /api/v1/plans/projects/{id}/steps': {
    schema: workPlanSchema,
    status: 200,
    call: (a) =>
      a.request('PUT', `/api/v1/plans/projects/${ids.project}/steps`, {
        version: 2,
        steps: [
          { nameTh: 'ขั้นที่หนึ่ง', weight: 40, plannedCumulative: 40, plannedMonths: [1, 2] },
          { nameTh: 'ขั้นที่สอง', weight: '60', plannedCumulative: '100', plannedMonths: [3] },
        ],
      }),
  },
  'PUT /api/v1/plans/projects/{id}/progress/{month}': {
    schema: workPlanSchema,
    status: 200,
    call: (a) =>
      a.request('PUT', `/api/v1/plans/projects/${ids.project}/progress/1`, {
        actualCumulative: '25.5',
      }),
  },
  'POST /api/v1/plans/criteria/check': {
    schema: criteriaCheckSchema,
    status: 200,
    call: (a) =>
      a.request('POST', '/api/v1/plans/criteria/check', {
        criteria: {
          kind: 'bands',
          bands: [
            { level: 1, points: 1, min: 0, max: 1, maxInclusive: false },
            { level: 2, points: 2, min: 2 },
          ],
        },
      }),
  },
  'POST /api/v1/plans/{id}/indicators': {
    schema: indicatorSchema,
    status: 201,
    call: async (a) => {
      const res = await a.request('POST', `/api/v1/plans/${ids.plan}/indicators`, {
        level: 'goal',
        strategyNodeId: ids.goal,
        nameTh: 'ตัวชี้วัดทดสอบสัญญา',
        criteria: {
          kind: 'milestone',
          levels: [1, 2, 3, 4, 5].map((l) => ({ level: l, points: l * 6 })),
        },
      });
      ids.indicator = json(res).id as string;
      return res;
    },
  },
  'PATCH /api/v1/plans/indicators/{id}': {
    schema: indicatorSchema,
    status: 200,
    call: (a) =>
      a.request('PATCH', `/api/v1/plans/indicators/${ids.indicator}`, {
        unitOfMeasure: 'ระดับ',
        version: 1,
      }),
  },
  'PUT /api/v1/plans/indicators/{id}/targets/{fiscalYear}': {
    schema: targetSchema,
    status: 200,
    call: (a) =>
      a.request('PUT', `/api/v1/plans/indicators/${ids.indicator}/targets/2565`, {
        kind: 'level',
        value: 5,
      }),
  },
  'PUT /api/v1/plans/indicators/{id}/results': {
    schema: resultSchema,
    status: 200,
    call: async (a) => {
      const res = await a.request('PUT', `/api/v1/plans/indicators/${ids.indicator}/results`, {
        fiscalYear: 2565,
        periodKind: 'quarter',
        periodNo: 1,
        value: '3',
      });
      ids.result = json(res).id as string;
      return res;
    },
  },
  'POST /api/v1/plans/results/{id}/evidence': {
    schema: evidenceSchema,
    status: 201,
    call: (a, t) =>
      uploadFile(t.app, a, `/api/v1/plans/results/${ids.result}/evidence`, {
        bytes: PDF_BYTES,
        name: 'หลักฐาน.pdf',
        type: 'application/pdf',
      }),
  },
  'GET /api/v1/plans/indicators/{id}': {
    schema: indicatorDetailSchema,
    status: 200,
    call: (a) => a.get(`/api/v1/plans/indicators/${ids.indicator}`),
  },
  'GET /api/v1/plans/tree': {
    schema: planTreeSchema,
    status: 200,
    call: (a) => a.get(`/api/v1/plans/tree?unitId=${ids.unit}&fiscalYear=2565`),
  },
  'GET /api/v1/plans/scores': {
    schema: scoresSchema,
    status: 200,
    call: (a) => a.get(`/api/v1/plans/scores?unitId=${ids.unit}&fiscalYear=2565`),
  },
  'POST /api/v1/plans/{id}/publish': {
    schema: actionPlanSchema,
    status: 200,
    call: (a) =>
      a.request('POST', `/api/v1/plans/${ids.plan}/publish`, { version: 1, published: true }),
  },
  'GET /api/v1/public/plans': {
    schema: actionPlanListSchema,
    status: 200,
    call: (_a, t) => t.app.inject({ method: 'GET', url: '/api/v1/public/plans' }),
  },
  'GET /api/v1/public/plans/{id}/tree': {
    schema: planTreeSchema,
    status: 200,
    call: (_a, t) => t.app.inject({ method: 'GET', url: `/api/v1/public/plans/${ids.plan}/tree` }),
  },
  'POST /api/v1/plans/{id}/copy-forward': {
    schema: actionPlanSchema,
    status: 201,
    call: (a) => a.request('POST', `/api/v1/plans/${ids.plan}/copy-forward`, { version: 2 }),
  },
  'GET /api/v1/plans/home': {
    schema: planHomeSchema,
    status: 200,
    call: (a) => a.get('/api/v1/plans/home?fiscalYear=2565'),
  },
};

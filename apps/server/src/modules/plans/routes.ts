import type { FastifyPluginAsync } from 'fastify';
import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, parseFiscalYear } from '@pbis/core';
import {
  actionPlanListSchema,
  actionPlanSchema,
  createPlanBody,
  criteriaCheckBody,
  criteriaCheckSchema,
  EVIDENCE_MAX_BYTES,
  evidenceSchema,
  indicatorBody,
  indicatorDetailSchema,
  indicatorPatchBody,
  indicatorSchema,
  planTreeSchema,
  plansQuery,
  progressBody,
  progressParams,
  projectBody,
  projectPatchBody,
  projectSchema,
  publishBody,
  resultBody,
  resultSchema,
  resultsQuery,
  scoresQuery,
  scoresSchema,
  stepsBody,
  strategyListSchema,
  targetBody,
  targetParams,
  targetSchema,
  treeQuery,
  uuidParam,
  versionBody,
  versionField,
  workPlanSchema,
} from '@pbis/contract';
import { ANY_STAFF } from '../../http/access.js';
import { errors } from '../../http/schemas.js';
import { contentDisposition, downloadEvidence, uploadEvidence } from './evidence.js';
import { publicPlans, publicTree } from './public.js';
import { planHomeRoutes } from './routes-home.js';
import { planReportRoutes } from './report-routes.js';
import * as svc from './service.js';

/** Who edits a plan: the unit's officer (their unit only, by scope) and the Budget Office. */
const EDITORS = ['admin', 'budget_office', 'unit_officer'] as const;

export const planRoutes: FastifyPluginAsync = async (app) => {
  // One byte over the limit reaches the handler, which answers 413 evidence_too_large.
  await app.register(multipart, {
    limits: { fileSize: EVIDENCE_MAX_BYTES + 1, files: 1, fields: 5 },
  });
  await app.register(planHomeRoutes);
  await app.register(planReportRoutes);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['plans'];
  const actor = (request: { session?: { actor: Parameters<typeof svc.listPlans>[1] } | null }) =>
    request.session!.actor;

  r.get(
    '/plans',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary: 'Action plans in scope (every revision), by year and unit',
        querystring: plansQuery,
        response: { 200: actionPlanListSchema, ...errors(400, 401) },
      },
    },
    async (request) => ({
      items: await svc.listPlans(app.database, actor(request), {
        fiscalYear: request.query.fiscalYear
          ? parseFiscalYear(request.query.fiscalYear)
          : undefined,
        unitId: request.query.unitId,
      }),
    }),
  );

  r.post(
    '/plans',
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary: "Start a unit's action plan for a fiscal year (409 plan_exists when it has one)",
        body: createPlanBody,
        response: { 201: actionPlanSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await svc.createPlan(app.database, actor(request), request.body)),
  );

  r.post(
    '/plans/:id/copy-forward',
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary: 'Copy a plan to the next fiscal year as a new revision (the old plan is kept)',
        params: uuidParam,
        body: versionBody,
        response: { 201: actionPlanSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await svc.copyForward(
            app.database,
            actor(request),
            request.params.id,
            request.body.version,
          ),
        ),
  );

  r.post(
    '/plans/:id/publish',
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary: 'Publish (or withdraw) a plan: an explicit act in the audit trail',
        params: uuidParam,
        body: publishBody,
        response: { 200: actionPlanSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      svc.publishPlan(app.database, actor(request), request.params.id, request.body),
  );

  r.get(
    '/plans/strategy',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary: 'Development plans with their dimensions, sub-dimensions, goals and measures',
        response: { 200: strategyListSchema, ...errors(401) },
      },
    },
    async (request) => ({ items: await svc.strategyRegistry(app.database, actor(request)) }),
  );

  r.get(
    '/plans/tree',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary:
          "The cascade tree of a unit's plan in use for a year: budgets rolled up, indicator status, work plans",
        querystring: treeQuery,
        response: { 200: planTreeSchema, ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      svc.planTree(app.database, actor(request), {
        unitId: request.query.unitId,
        fiscalYear: parseFiscalYear(request.query.fiscalYear),
        status: request.query.status,
        asOf: request.query.asOf,
      }),
  );

  r.get(
    '/plans/scores',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary:
          'Scores of every indicator of a unit for a year: level and points by the core engine',
        querystring: scoresQuery,
        response: { 200: scoresSchema, ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      svc.scores(app.database, actor(request), {
        unitId: request.query.unitId,
        fiscalYear: parseFiscalYear(request.query.fiscalYear),
      }),
  );

  r.post(
    '/plans/criteria/check',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary:
          "The engine's warnings about a criteria definition (gaps, overlaps …), as you type",
        body: criteriaCheckBody,
        response: { 200: criteriaCheckSchema, ...errors(400, 401) },
      },
    },
    async (request) => svc.checkCriteria(request.body.criteria),
  );

  // --- projects and work plans ---

  r.post(
    '/plans/:id/projects',
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary:
          'Add a project or activity to a plan (ceiling warnings answered where they happen)',
        params: uuidParam,
        body: projectBody,
        response: { 201: projectSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await svc.createProject(app.database, actor(request), request.params.id, request.body),
        ),
  );

  r.patch(
    '/plans/projects/:id',
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary: 'Edit a project or activity',
        params: uuidParam,
        body: projectPatchBody,
        response: { 200: projectSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      svc.updateProject(app.database, actor(request), request.params.id, request.body),
  );

  r.delete(
    '/plans/projects/:id',
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary: 'Remove a project or activity without children (its work plan goes with it)',
        params: uuidParam,
        querystring: z.object({ version: z.coerce.number().pipe(versionField) }),
        response: { 204: z.null().describe('removed'), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await svc.deleteProject(
        app.database,
        actor(request),
        request.params.id,
        request.query.version,
      );
      return reply.status(204).send(null);
    },
  );

  r.put(
    '/plans/projects/:id/steps',
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary: "Replace an activity's work-plan steps; the core's findings come back as warnings",
        params: uuidParam,
        body: stepsBody,
        response: { 200: workPlanSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => svc.putSteps(app.database, actor(request), request.params.id, request.body),
  );

  r.put(
    '/plans/projects/:id/progress/:month',
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary:
          "An activity's actual cumulative progress (%) at the end of a fiscal month (1 = October)",
        params: progressParams,
        body: progressBody,
        response: { 200: workPlanSchema, ...errors(400, 401, 403, 404, 409, 422, 423) },
      },
    },
    async (request) =>
      svc.putProgress(
        app.database,
        actor(request),
        request.params.id,
        Number(request.params.month),
        request.body,
      ),
  );

  // --- indicators, targets, results, evidence ---

  r.post(
    '/plans/:id/indicators',
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary: 'Add an indicator to a goal, a measure or a mission task of a plan',
        params: uuidParam,
        body: indicatorBody,
        response: { 201: indicatorSchema, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await svc.createIndicator(app.database, actor(request), request.params.id, request.body),
        ),
  );

  r.get(
    '/plans/indicators/:id',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary:
          'An indicator: definition, criteria with warnings, targets, scored results, evidence',
        params: uuidParam,
        querystring: resultsQuery,
        response: { 200: indicatorDetailSchema, ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      svc.indicatorDetail(
        app.database,
        actor(request),
        request.params.id,
        request.query.fiscalYear ? parseFiscalYear(request.query.fiscalYear) : undefined,
      ),
  );

  r.patch(
    '/plans/indicators/:id',
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary: 'Edit an indicator (criteria validated by the core; its warnings answered)',
        params: uuidParam,
        body: indicatorPatchBody,
        response: { 200: indicatorSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      svc.updateIndicator(app.database, actor(request), request.params.id, request.body),
  );

  r.put(
    '/plans/indicators/:id/targets/:fiscalYear',
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary: "Set an indicator's target for a fiscal year (a number or a level)",
        params: targetParams,
        body: targetBody,
        response: { 200: targetSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      svc.putTarget(
        app.database,
        actor(request),
        request.params.id,
        request.params.fiscalYear,
        request.body,
      ),
  );

  r.put(
    '/plans/indicators/:id/results',
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary: 'Enter or correct the result of a period; answered with its score',
        params: uuidParam,
        body: resultBody,
        response: { 200: resultSchema, ...errors(400, 401, 403, 404, 409, 422, 423) },
      },
    },
    async (request) => svc.putResult(app.database, actor(request), request.params.id, request.body),
  );

  r.post(
    '/plans/results/:id/evidence',
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary: `Attach an evidence file to a result (multipart field "file", at most ${EVIDENCE_MAX_BYTES} bytes)`,
        consumes: ['multipart/form-data'],
        params: uuidParam,
        response: { 201: evidenceSchema, ...errors(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new AppError(
          'validation',
          'send the file as multipart/form-data in the field "file"',
          {
            reason: 'evidence_no_file',
          },
        );
      const part = await request.file();
      if (!part)
        throw new AppError('validation', 'no file in the request (field "file")', {
          reason: 'evidence_no_file',
        });
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > EVIDENCE_MAX_BYTES) break;
        chunks.push(chunk);
      }
      const bytes = size > EVIDENCE_MAX_BYTES ? new Uint8Array(size) : Buffer.concat(chunks);
      const row = await uploadEvidence(app.database, actor(request), request.params.id, {
        bytes,
        name: part.filename,
        contentType: part.mimetype,
      });
      return reply.status(201).send(row);
    },
  );

  r.get(
    '/plans/evidence/:id',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary: 'Download an evidence file (whoever may read its result); the download is audited',
        params: uuidParam,
        produces: ['application/octet-stream'],
      },
    },
    async (request, reply) => {
      const f = await downloadEvidence(app.database, actor(request), request.params.id);
      return reply
        .header('content-type', f.contentType)
        .header('content-disposition', contentDisposition(f.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('x-evidence-sha256', f.sha256)
        .send(Buffer.from(f.content));
    },
  );

  // --- the public: published plans only ---

  r.get(
    '/public/plans',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Published action plans (no sign-in)',
        querystring: plansQuery,
        response: { 200: actionPlanListSchema, ...errors(400) },
      },
    },
    async (request) => ({
      items: await publicPlans(app.database, {
        fiscalYear: request.query.fiscalYear
          ? parseFiscalYear(request.query.fiscalYear)
          : undefined,
        unitId: request.query.unitId,
      }),
    }),
  );

  r.get(
    '/public/plans/:id/tree',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The cascade tree of a published plan (no sign-in); an unpublished one is 404',
        params: uuidParam,
        response: { 200: planTreeSchema, ...errors(400, 404) },
      },
    },
    async (request) => publicTree(app.database, request.params.id),
  );
};

import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { parseFiscalYear } from '@pbis/core';
import {
  transferDecisionBody,
  transferDetailSchema,
  transferEditBody,
  transferListSchema,
  transferRejectBody,
  transferRequestBody,
  transferRulesBody,
  transferRulesSchema,
  transfersQuery,
  uuidParam,
} from '@pbis/contract';
import { ANY_STAFF, BUDGET_OFFICE } from '../../http/access.js';
import { errors } from '../../http/schemas.js';
import * as service from './transfers-service.js';

/** Who may write a source unit's money: its officer (their unit), the Budget Office, admin. */
const MAKERS = ['admin', 'budget_office', 'unit_officer'] as const;
/** Who may decide a transfer (the rule table says which of them, the scope says where). */
const DECIDERS = ['admin', 'budget_office', 'budget_analyst'] as const;

/** Transfers between budget lines as documents: request, decide, cancel, edit; the rule table. */
export const transferRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['execution'];

  r.get(
    '/execution/transfer-rules',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary:
          'The transfer approval rules of the organisation, in order (the defaults when none are stored)',
        response: { 200: transferRulesSchema, ...errors(401) },
      },
    },
    async (request) => service.transferRules(app.database, request.session!.actor),
  );

  r.put(
    '/execution/transfer-rules',
    {
      config: { access: BUDGET_OFFICE },
      schema: {
        tags,
        summary: 'Replace the transfer approval rules (an empty list restores the defaults)',
        body: transferRulesBody,
        response: { 200: transferRulesSchema, ...errors(400, 401, 403) },
      },
    },
    async (request) =>
      service.setTransferRules(app.database, request.session!.actor, request.body.rules),
  );

  r.get(
    '/execution/transfers',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary:
          'Transfers of a fiscal year with either unit in scope; by status, or only those awaiting my decision',
        querystring: transfersQuery,
        response: { 200: transferListSchema, ...errors(400, 401) },
      },
    },
    async (request) =>
      service.listTransfers(app.database, request.session!.actor, {
        fiscalYear: parseFiscalYear(request.query.fiscalYear),
        status: request.query.status,
        awaitingMe: request.query.awaitingMe,
      }),
  );

  r.get(
    '/execution/transfers/:id',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary: 'One transfer with its history (every version, from the audit trail)',
        params: uuidParam,
        response: { 200: transferDetailSchema, ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      service.getTransferDetail(app.database, request.session!.actor, request.params.id),
  );

  r.post(
    '/execution/transfers',
    {
      config: { access: MAKERS },
      schema: {
        tags,
        summary:
          'Request a transfer between two lines; the rule table names its approver; over what the source line can give is 422',
        body: transferRequestBody,
        response: { 201: transferDetailSchema, ...errors(400, 401, 403, 404, 409, 422, 423) },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.requestTransfer(app.database, request.session!.actor, request.body)),
  );

  r.patch(
    '/execution/transfers/:id',
    {
      config: { access: MAKERS },
      schema: {
        tags,
        summary: 'The maker edits a requested transfer (a new version; stale version is 409)',
        params: uuidParam,
        body: transferEditBody,
        response: { 200: transferDetailSchema, ...errors(400, 401, 403, 404, 409, 422, 423) },
      },
    },
    async (request) =>
      service.editTransfer(app.database, request.session!.actor, request.params.id, request.body),
  );

  r.post(
    '/execution/transfers/:id/approve',
    {
      config: { access: DECIDERS },
      schema: {
        tags,
        summary:
          'Approve a transfer (the approver role in scope, never the maker): both lines move in one transaction',
        params: uuidParam,
        body: transferDecisionBody,
        response: { 200: transferDetailSchema, ...errors(400, 401, 403, 404, 409, 422, 423) },
      },
    },
    async (request) =>
      service.approveTransfer(
        app.database,
        request.session!.actor,
        request.params.id,
        request.body,
      ),
  );

  r.post(
    '/execution/transfers/:id/reject',
    {
      config: { access: DECIDERS },
      schema: {
        tags,
        summary: 'Reject a transfer with a note (the approver role in scope, never the maker)',
        params: uuidParam,
        body: transferRejectBody,
        response: { 200: transferDetailSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      service.rejectTransfer(app.database, request.session!.actor, request.params.id, request.body),
  );

  r.post(
    '/execution/transfers/:id/cancel',
    {
      config: { access: MAKERS },
      schema: {
        tags,
        summary: 'The maker cancels their request while it is requested',
        params: uuidParam,
        body: transferDecisionBody,
        response: { 200: transferDetailSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      service.cancelTransfer(app.database, request.session!.actor, request.params.id, request.body),
  );
};

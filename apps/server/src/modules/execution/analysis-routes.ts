import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { parseFiscalYear } from '@pbis/core';
import {
  alertRulesBody,
  alertRulesSchema,
  alertsSchema,
  analysisQuery,
  forecastSchema,
  rankingsQuery,
  rankingsSchema,
} from '@pbis/contract';
import { ANY_STAFF, BUDGET_OFFICE } from '../../http/access.js';
import { errors } from '../../http/schemas.js';
import { laggardAlerts } from './analysis-alerts.js';
import { executionForecast } from './analysis-forecast.js';
import { executionRankings } from './analysis-rankings.js';
import { getRules, putRules } from './analysis-rules.js';

/** Budget execution's analysis: the forecast, laggard alerts and their rules, rankings (ADR 0011). */
export const analysisRoutes: FastifyPluginAsync = async (app) => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['execution'];

  r.get(
    '/execution/forecast',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary:
          'The September forecast of indicator 5.1 and indicator 2 with an interval, their level and points, per unit in scope and for ALL; the units forecast to miss their targets',
        querystring: analysisQuery,
        response: { 200: forecastSchema, ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      executionForecast(app.database, request.session!.actor, {
        fiscalYear: request.query.fiscalYear,
        asOf: request.query.asOf,
        unitId: request.query.unitId,
      }),
  );

  r.get(
    '/execution/alerts',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary: 'Laggard alerts: every rule against every unit in scope, flagged, ok or upcoming',
        querystring: analysisQuery,
        response: { 200: alertsSchema, ...errors(400, 401, 404) },
      },
    },
    async (request) =>
      laggardAlerts(app.database, request.session!.actor, {
        fiscalYear: request.query.fiscalYear,
        asOf: request.query.asOf,
        unitId: request.query.unitId,
      }),
  );

  r.get(
    '/execution/alert-rules',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary: 'The laggard rules and forecast targets in force (the defaults until saved)',
        response: { 200: alertRulesSchema, ...errors(401) },
      },
    },
    async (request) => getRules(app.database, request.session!.actor),
  );

  r.put(
    '/execution/alert-rules',
    {
      config: { access: BUDGET_OFFICE },
      schema: {
        tags,
        summary:
          'Replace the laggard rules and forecast targets (Budget Office); a stale version is 409',
        body: alertRulesBody,
        response: { 200: alertRulesSchema, ...errors(400, 401, 403, 409) },
      },
    },
    async (request) => putRules(app.database, request.session!.actor, request.body),
  );

  r.get(
    '/execution/rankings',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        summary:
          'Units in scope ranked by indicator 5.1 (highest first) and indicator 2 (lowest first)',
        querystring: rankingsQuery,
        response: { 200: rankingsSchema, ...errors(400, 401) },
      },
    },
    async (request) =>
      executionRankings(app.database, request.session!.actor, {
        fiscalYear: parseFiscalYear(request.query.fiscalYear),
        asOf: request.query.asOf,
      }),
  );
};

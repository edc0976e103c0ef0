import { z } from 'zod';

/** The action-plan report's formats: the Thai PDF in the seed's structure, or the XLSX tables. */
export const ACTION_PLAN_REPORT_FORMATS = ['pdf', 'xlsx'] as const;

/** GET /api/v1/plans/:id/report?format=pdf|xlsx (default pdf). */
export const actionPlanReportQuery = z.object({
  format: z.enum(ACTION_PLAN_REPORT_FORMATS).default('pdf'),
});
export type ActionPlanReportQuery = z.infer<typeof actionPlanReportQuery>;

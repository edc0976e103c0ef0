import type { Database } from '../../db/client.js';
import { actionPlanReportFile, type ActionPlanFile } from '../../reports/action-plan/index.js';
import type { Actor } from '../auth/actor.js';
import { actionPlanDocument } from './document.js';

/*
 * The action-plan report of a stored plan (`pbis report action-plan`, GET /plans/:id/report): the
 * document built from the database (document.ts) rendered as PDF or XLSX. Whoever may read the
 * plan may print it (the read runs in their scope; a plan outside it is 404).
 */

export interface ActionPlanReport extends ActionPlanFile {
  /** A Thai file name: "แผนปฏิบัติการ-2565-สำนักงบประมาณกรุงเทพมหานคร.pdf". */
  fileNameTh: string;
}

export async function actionPlanReport(
  database: Database,
  actor: Actor,
  planId: string,
  format: string,
): Promise<ActionPlanReport> {
  const doc = await actionPlanDocument(database, actor, planId);
  const file = await actionPlanReportFile(doc, format);
  const ext = file.fileName.slice(file.fileName.lastIndexOf('.'));
  return { ...file, fileNameTh: thaiFileName(doc.unit.nameTh, doc.fiscalYear, ext) };
}

/** A file name safe on every system: no path separators, reserved or control characters. */
export function thaiFileName(unitNameTh: string, fiscalYear: number, ext: string): string {
  const unit = unitNameTh
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, '-')
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 120);
  return `แผนปฏิบัติการ-${fiscalYear}${unit ? `-${unit}` : ''}${ext}`;
}

/** RFC 6266 / 5987: an ASCII fallback name and the Thai name in UTF-8. */
export function reportContentDisposition(file: ActionPlanReport): string {
  const ascii = file.fileName.replace(/[^\w.-]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileNameTh)}`;
}

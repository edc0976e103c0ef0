import fs from 'node:fs';
import { AppError, parseCriteria, scoreResult, validateCriteria } from '@pbis/core';
import { out } from './output.js';

/** `pbis score --criteria FILE --result VALUE` (SPEC §4). */
export async function scoreCommand(criteriaFile: string, result: string): Promise<number> {
  let text: string;
  try {
    text = fs.readFileSync(criteriaFile, 'utf8');
  } catch {
    throw new AppError('validation', `cannot read the criteria file ${criteriaFile}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new AppError('validation', `the criteria file is not JSON: ${(e as Error).message}`);
  }
  const criteria = parseCriteria(json);
  const warnings = validateCriteria(criteria);
  const outcome = scoreResult(criteria, result);
  out(JSON.stringify({ ...outcome, ...(warnings.length ? { warnings } : {}) }));
  return 0;
}

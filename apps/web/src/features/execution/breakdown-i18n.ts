import type { BreakdownReason } from '@pbis/contract';
import type { Messages } from '../../app/module';
import breakdownEn from './i18n/breakdown.en.json';
import breakdownTh from './i18n/breakdown.th.json';

/*
 * The words of the money indicators' breakdown (money-breakdown.tsx) live in their own files,
 * under the `breakdown` key of the module's namespace.
 */

/** The module's messages with the breakdown's words added. */
export const withBreakdownMessages = (m: { th: Messages; en: Messages }) => ({
  th: { ...m.th, breakdown: breakdownTh },
  en: { ...m.en, breakdown: breakdownEn },
});

/** The message key of a reason code ("exempt:multi_year" → "exempt_multi_year"; i18next reads ':' as a namespace). */
export const reasonKey = (r: BreakdownReason): string =>
  `execution:breakdown.reasons.${r.replace(':', '_')}`;

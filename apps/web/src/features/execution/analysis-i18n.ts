import type { Messages } from '../../app/module';
import analysisEn from './i18n/analysis.en.json';
import analysisTh from './i18n/analysis.th.json';

/*
 * The words of budget execution's analysis (forecast, alerts, rankings) live in their own files,
 * under the `analysis` key of the module's namespace; their error reasons join the module's
 * `errors.reasons`.
 */
function merge(base: Messages, extra: typeof analysisTh): Messages {
  const { errors, ...words } = extra;
  const own = (base as { errors?: { reasons?: Messages } }).errors;
  return {
    ...base,
    analysis: words,
    errors: { ...own, reasons: { ...own?.reasons, ...errors.reasons } },
  };
}

/** The module's messages with the analysis words added. */
export const withAnalysisMessages = (m: { th: Messages; en: Messages }) => ({
  th: merge(m.th, analysisTh),
  en: merge(m.en, analysisEn),
});

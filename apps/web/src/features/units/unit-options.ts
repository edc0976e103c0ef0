import { useTranslation } from 'react-i18next';
import { ANALYSIS_DIVISION_NOS, UNIT_KINDS } from '@pbis/contract';

/** Select options for unit kinds and analysis divisions, in the current language. */
export function useUnitOptions() {
  const { t } = useTranslation();
  return {
    kinds: UNIT_KINDS.map((k) => ({ value: k, label: t(`unitKinds.${k}`) })),
    divisions: ANALYSIS_DIVISION_NOS.map((n) => ({
      value: String(n),
      label: t('analysisDivision', { no: n }),
    })),
  };
}

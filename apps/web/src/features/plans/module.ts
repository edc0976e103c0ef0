import type { WebModule } from '../../app/module';
import en from './i18n/en.json';
import th from './i18n/th.json';

/**
 * Plans, indicators, results and work plans. The screens come later; for now the module carries
 * the Thai and English words of its error reasons.
 */
const plans: WebModule = {
  id: 'plans',
  messages: { th, en },
  routes: () => [],
};

export default plans;

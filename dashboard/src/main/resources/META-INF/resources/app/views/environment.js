// Environment: observations by area against their thresholds, and open alerts — from the monitoring service.
import { t } from '../i18n.js';
import { section, coming } from '../ui.js';

export async function environment(container) {
  container.append(section(t('view.environment'), coming(t('environment.coming'))));
}

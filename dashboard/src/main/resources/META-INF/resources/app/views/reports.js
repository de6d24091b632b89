// Reports: what can be downloaded today, and the monthly report that is coming.
import * as api from '../api.js';
import { t } from '../i18n.js';
import { h, section, toast, coming, startOfLocalDate, localDate } from '../ui.js';
import * as session from '../session.js';

export async function reports(container, context) {
  const c = api.seg(context.communityId);
  const team = session.has(context.session, 'PROPERTY_MANAGER', 'STAFF', 'ADMIN');
  const month = localDate().slice(0, 7);
  const start = startOfLocalDate(month + '-01');
  const downloads = [
    { label: t('reports.reductions'), path: `/api/accounting/communities/${c}/reductions/export?from=${encodeURIComponent(start.toISOString())}&to=${encodeURIComponent(new Date().toISOString())}`,
      file: `${context.communityId}-reductions-${month}.csv`, allowed: true },
    { label: t('reports.inventory'), path: `/api/sensing/communities/${c}/inventory`, file: `${context.communityId}-inventory.csv`, allowed: team },
    { label: t('reports.propertyFees'), path: `/api/credits/communities/${c}/property-fee-deductions/${month}`,
      file: `${context.communityId}-property-fee-deductions-${month}.csv`, allowed: session.has(context.session, 'PROPERTY_MANAGER', 'ADMIN') },
  ].filter(d => d.allowed);
  container.append(
    section(t('reports.downloads'), h('ul', { class: 'list' }, downloads.map(d => h('li', {},
      h('button', { type: 'button', onclick: () => api.download(d.path, d.file).catch(error => toast(error.message, 'error')) }, d.label))))),
    section(t('reports.monthly'), coming(t('reports.monthlyComing'))));
}

// Carbon accounting: the methodology in force and its history, emissions and data quality, the verified reductions
// export, and trends, rankings and the carbon portrait as accounting provides them.
import * as api from '../api.js';
import { t } from '../i18n.js';
import { h, table, section, fill, number, dateTime, figure, startOfToday, coming, toast, localDate, startOfLocalDate } from '../ui.js';
import * as session from '../session.js';

export async function carbon(container, context) {
  const c = api.seg(context.communityId);
  const methodology = h('div');
  const quality = h('div', { class: 'figures' });
  const trends = h('div');
  const exports = h('div');
  container.append(
    section(t('carbon.methodology'), methodology),
    section(t('carbon.quality'), quality),
    section(t('carbon.trends'), trends),
    section(t('carbon.export'), exports));

  const loading = [fill(methodology, api.get(`/api/accounting/communities/${c}/methodology`), m => [
    h('p', {}, t('carbon.inForce') + ' ', h('strong', {}, m.methodology + ' v' + m.versionInForce), ' · ' + t('carbon.region') + ' ' + m.region,
      m.isDefault ? ' (' + t('carbon.default') + ')' : ''),
    table({ caption: t('carbon.assignments'), filename: 'methodology-history.csv', rows: m.history || [], columns: [
      { key: 'methodology', label: t('carbon.methodology') },
      { key: 'effectiveFrom', label: t('carbon.effectiveFrom'), render: a => dateTime(a.effectiveFrom) },
      { key: 'assignedBy', label: t('carbon.assignedBy') },
    ] })])];
  loading.push((async () => {
    try {
      const q = await api.get(`/api/accounting/communities/${c}/data-quality?from=${encodeURIComponent(startOfToday().toISOString())}`);
      quality.replaceChildren(
        figure(t('carbon.readings'), number(q.readings, 0)),
        figure(t('carbon.counted'), number(q.counted, 0)),
        figure(t('carbon.flagged'), number(100 * Number(q.flaggedShare || 0), 2) + ' %',
          Object.entries(q.flagged || {}).map(([k, v]) => k + ' ' + v).join(' · ')),
        figure(t('carbon.devicesReporting'), number(q.devicesReporting, 0)));
    } catch (error) {
      quality.replaceChildren(h('p', { class: 'muted' }, t('overview.unavailable') + ' (' + error.message + ')'));
    }
  })());
  trends.append(coming(t('carbon.trendsComing')));
  if (session.has(context.session, 'PROPERTY_MANAGER', 'STAFF', 'ADMIN', 'STREET_OFFICE')) {
    const to = localDate();
    const from = localDate(new Date(Date.now() - 30 * 86_400_000));
    const fromInput = h('input', { type: 'date', value: from, name: 'from' });
    const toInput = h('input', { type: 'date', value: to, name: 'to' });
    exports.append(h('p', {}, t('carbon.exportText')), h('form', { class: 'inline', onsubmit: event => {
      event.preventDefault();
      const start = startOfLocalDate(fromInput.value).toISOString();
      const end = new Date(startOfLocalDate(toInput.value).getTime() + 86_400_000).toISOString();
      api.download(`/api/accounting/communities/${c}/reductions/export?from=${encodeURIComponent(start)}&to=${encodeURIComponent(end)}`,
        `${context.communityId}-reductions-${fromInput.value}-${toInput.value}.csv`).catch(error => toast(error.message, 'error'));
    } }, h('label', {}, t('carbon.from') + ' ', fromInput), h('label', {}, t('carbon.to') + ' ', toInput),
    h('button', { type: 'submit' }, t('carbon.download'))));
  }
  await Promise.all(loading);
}

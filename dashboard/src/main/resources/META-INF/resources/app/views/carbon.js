// Carbon accounting: the methodology in force and its history, emissions and data quality, the verified reductions
// export, and trends, rankings and the carbon portrait as accounting provides them.
import * as api from '../api.js';
import { t } from '../i18n.js';
import { h, table, section, fill, number, dateTime, figure, startOfToday, toast, localDate, startOfLocalDate, chart, quantity } from '../ui.js';
import * as session from '../session.js';

export async function carbon(container, context) {
  const c = api.seg(context.communityId);
  const methodology = h('div');
  const quality = h('div', { class: 'figures' });
  const trends = h('div');
  const exports = h('div');
  const ranking = h('div');
  const baseline = h('div');
  container.append(
    section(t('carbon.methodology'), methodology),
    section(t('carbon.quality'), quality),
    section(t('carbon.trends'), trends),
    section(t('carbon.baselineTitle'), baseline),
    section(t('carbon.ranking'), ranking),
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
  const to = localDate();
  const from = localDate(new Date(Date.now() - 29 * 86_400_000));
  loading.push(fill(trends, api.get(`/api/accounting/communities/${c}/trends?from=${from}&to=${to}&granularity=DAY`), report => {
    const periods = report.periods;
    return [
      chart(t('carbon.trends'), {
        legend: { top: 0 },
        xAxis: { type: 'category', data: periods.map(p => p.period) },
        yAxis: [{ type: 'value', name: t('unit.KG_CO2E') }, { type: 'value', name: t('carbon.households') }],
        series: [
          { name: t('carbon.emissions'), type: 'bar', data: periods.map(p => Number(p.emissions.value)) },
          { name: t('carbon.reductions'), type: 'bar', data: periods.map(p => Number(p.reductionTotal.value)) },
          { name: t('carbon.participating'), type: 'line', yAxisIndex: 1, data: periods.map(p => p.participatingHouseholds) },
        ],
      }, 300),
      h('p', { class: 'muted' }, t('carbon.trendsNote') + ' ' + (report.factorVersions || []).join(', ')),
    ];
  }));
  loading.push(fill(baseline, api.get(`/api/accounting/communities/${c}/baseline`), b => [
    h('div', { class: 'figures' },
      figure(t('carbon.baseline'), quantity(b.baseline, 0), t('carbon.baselineHouseholds').replace('{n}', b.householdsWithBaseline)
        .replace('{total}', b.households)),
      figure(t('carbon.actual'), quantity(b.actual, 0), b.changePercent === null || b.changePercent === undefined ? null
        : (Number(b.changePercent) > 0 ? '+' : '') + number(b.changePercent, 1) + ' %'),
      figure(t('carbon.saved'), quantity(b.saving, 0), t('carbon.savedNote').replace('{n}', b.householdsSaved)
        .replace('{settled}', b.householdsSettled) + ' · ' + quantity(b.reduction, 2))),
    h('p', { class: 'muted' }, t('carbon.baselineNote').replace('{month}', b.month))]));
  const month = to.slice(0, 7);
  loading.push(fill(ranking, api.get(`/api/accounting/communities/${c}/buildings/ranking?month=${month}`), r => [
    h('p', { class: 'muted' }, t('carbon.rankingNote').replace('{month}', r.month).replace('{n}', r.householdsRanked)),
    table({ caption: t('carbon.ranking'), filename: `building-ranking-${r.month}.csv`, rows: r.buildings, columns: [
      { key: 'emissionsRank', label: t('carbon.rank'), numeric: true },
      { key: 'name', label: t('energy.building') },
      { key: 'households', label: t('carbon.households'), numeric: true },
      { key: 'members', label: t('carbon.members'), numeric: true },
      { key: 'emissionsPerMember', label: t('carbon.perMember'), numeric: true, value: b => Number(b.emissionsPerMember.value),
        render: b => quantity(b.emissionsPerMember, 2) },
      { key: 'reductionsPerMember', label: t('carbon.reductionsPerMember'), numeric: true, value: b => Number(b.reductionsPerMember.value),
        render: b => quantity(b.reductionsPerMember, 3) },
      { key: 'reductionsRank', label: t('carbon.reductionsRank'), numeric: true },
    ] })]));
  if (session.has(context.session, 'PROPERTY_MANAGER', 'STAFF', 'ADMIN', 'STREET_OFFICE')) {
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

// Waste: the drop points as a plan with each bin's fill level (live), the bins as a table, participation, and the
// sorting accuracy by month (ops sorting guidance: drops the bins' cameras recognised, and how many matched the bin).
import * as api from '../api.js';
import { t } from '../i18n.js';
import { h, table, section, fill, dateTime, number, chart, localDate } from '../ui.js';
import { follow } from './live.js';

function level(bin) { return Math.round(Number(bin.fillingLevel) * 1000) / 10; }
function kind(value) { return value ? t('waste.kind.' + value) : '–'; }
function percent(ratio) { return ratio === null || ratio === undefined ? '–' : number(Number(ratio) * 100, 1) + ' %'; }

export async function waste(container, context) {
  const c = api.seg(context.communityId);
  const plan = h('div', { class: 'plan', role: 'list', 'aria-label': t('waste.plan') });
  const bins = h('div');
  const participation = h('div');
  const accuracy = h('div');
  container.append(
    section(t('waste.plan'), h('p', { class: 'muted' }, t('waste.planText')), plan),
    section(t('waste.bins'), bins),
    section(t('waste.participation'), participation),
    section(t('waste.accuracy'), h('p', { class: 'muted' }, t('waste.accuracyText')), accuracy));

  const meters = new Map();
  function meter(bin) {
    const value = level(bin);
    const bar = h('meter', { min: 0, max: 100, low: 50, high: 80, optimum: 10, value, 'aria-label': bin.deviceId });
    const label = h('span', { class: 'bin-level' }, number(value, 0) + ' %');
    const row = h('div', { class: 'bin' + (value >= 80 ? ' full' : ''), role: 'listitem', dataset: { device: bin.deviceId } },
      h('span', { class: 'bin-kind' }, kind(bin.wasteKind)), bar, label);
    meters.set(bin.deviceId, { bar, label, row });
    return row;
  }

  async function load() {
    const [points, levels] = await Promise.all([
      api.get(`/api/sensing/communities/${c}/drop-points?size=500`),
      api.get(`/api/ops/communities/${c}/bins`)]);
    const byPoint = new Map();
    for (const bin of levels) {
      const key = bin.dropPointId || '–';
      if (!byPoint.has(key)) byPoint.set(key, []);
      byPoint.get(key).push(bin);
    }
    meters.clear();
    plan.replaceChildren(...points.items.map(point => h('div', { class: 'drop-point', role: 'listitem' },
      h('h3', {}, point.name, h('span', { class: 'muted' }, ' ' + point.id)),
      (byPoint.get(point.id) || []).length ? h('div', { role: 'list' }, byPoint.get(point.id).map(meter))
        : h('p', { class: 'muted' }, t('waste.noReadings')))));
    return levels;
  }

  await fill(bins, load(), levels => table({
    caption: t('waste.bins'), filename: 'bins.csv', rows: levels, columns: [
      { key: 'deviceId', label: t('devices.id') },
      { key: 'dropPointId', label: t('waste.dropPoint') },
      { key: 'wasteKind', label: t('waste.kindLabel'), value: b => kind(b.wasteKind) },
      { key: 'fillingLevel', label: t('waste.fill'), numeric: true, value: level, render: b => number(level(b), 0) + ' %' },
      { key: 'observedAt', label: t('waste.observed'), value: b => b.observedAt, render: b => dateTime(b.observedAt) },
    ],
  }));

  const to = localDate();
  fill(participation, api.get(`/api/accounting/communities/${c}/trends?from=${localDate(new Date(Date.now() - 29 * 86_400_000))}&to=${to}&granularity=DAY`),
    report => [chart(t('waste.participation'), {
      legend: { top: 0 },
      xAxis: { type: 'category', data: report.periods.map(p => p.period) },
      yAxis: [{ type: 'value', name: t('carbon.households') }, { type: 'value', name: t('unit.KG') }],
      series: [
        { name: t('carbon.participating'), type: 'line', data: report.periods.map(p => p.participatingHouseholds) },
        { name: t('waste.sortedKg'), type: 'bar', yAxisIndex: 1, data: report.periods.map(p => {
          const r = p.reductions.find(x => x.behaviour === 'SORTED_PERISHABLE_WASTE'); return r ? Number(r.activity.value) : 0; }) },
      ],
    }, 260)]);

  fill(accuracy, api.get(`/api/ops/communities/${c}/sorting/accuracy`), report => [
    chart(t('waste.accuracy'), {
      legend: { top: 0 },
      xAxis: { type: 'category', data: report.months.map(m => m.month) },
      yAxis: { type: 'value', min: 0, max: 100, name: '%' },
      series: [
        { name: t('waste.accuracyShare'), type: 'line', data: report.months.map(m => m.accuracy === null ? null : Number(m.accuracy) * 100) },
        { name: t('waste.judgedShare'), type: 'line', data: report.months.map(m => m.judgedAccuracy === null ? null : Number(m.judgedAccuracy) * 100) },
      ],
    }, 220),
    table({
      caption: t('waste.accuracy'), filename: 'sorting-accuracy.csv', rows: [...report.months].reverse(), columns: [
        { key: 'month', label: t('waste.month') },
        { key: 'deposits', label: t('waste.deposits'), numeric: true },
        { key: 'recognised', label: t('waste.recognised'), numeric: true },
        { key: 'mistakes', label: t('waste.mistakes'), numeric: true },
        { key: 'accuracy', label: t('waste.accuracyShare'), numeric: true, value: m => m.accuracy, render: m => percent(m.accuracy) },
        { key: 'judgedAccuracy', label: t('waste.judgedShare'), numeric: true, value: m => m.judgedAccuracy, render: m => percent(m.judgedAccuracy) },
      ],
    })]);

  return follow(context, (name, event) => {
    if (name !== 'bin-status') return;
    const shown = meters.get(event.deviceId);
    if (!shown) return;
    shown.bar.value = Number(event.fillLevel);
    shown.label.textContent = number(event.fillLevel, 0) + ' %';
    shown.row.classList.toggle('full', Number(event.fillLevel) >= 80);
  });
}

// Energy: the community's consumption and emissions by meter type, households against common areas, over a chosen
// period; PV; monitoring by subsystem and tariff when the monitoring service answers.
import * as api from '../api.js';
import { t } from '../i18n.js';
import { h, table, section, fill, number, chart, startOfToday, localDate, quantity, figure } from '../ui.js';
import { alerts } from './alerts.js';

const PERIODS = { today: null, week: 7, month: 30 };

export async function energy(container, context) {
  const c = api.seg(context.communityId);
  let period = 'today';
  const select = h('select', { 'aria-label': t('energy.period'), onchange: event => { period = event.target.value; load(); } },
    Object.keys(PERIODS).map(p => h('option', { value: p }, t('energy.period.' + p))));
  const body = h('div');
  const monitoring = h('div');
  const anomalies = h('div');
  container.append(h('div', { class: 'toolbar' }, h('label', {}, t('energy.period') + ' ', select)),
    section(t('energy.monitoring'), monitoring), body, section(t('energy.anomalies'), anomalies));

  async function loadMonitoring() {
    const days = PERIODS[period] || 1;
    const to = localDate();
    const from = localDate(new Date(Date.now() - (days - 1) * 86_400_000));
    const query = `from=${from}&to=${to}`;
    await fill(monitoring, Promise.all([api.get(`/api/ops/communities/${c}/energy/consumption?${query}`),
      api.get(`/api/ops/communities/${c}/energy/cost?${query}`)]), ([use, cost]) => [
      h('div', { class: 'figures' },
        figure(t('energy.commonElectricity'), quantity(use.consumption, 1), null, { dataset: { figure: 'common-electricity' } }),
        figure(t('energy.cost'), number(cost.cost, 2) + ' ' + t('unit.CNY'),
          Number(cost.unpricedEnergy.value) > 0 ? t('energy.unpriced') + ' ' + quantity(cost.unpricedEnergy, 1) : null, { dataset: { figure: 'cost' } }),
        use.pv ? figure(t('energy.pvGeneration'), quantity(use.pv.generation, 1),
          use.pv.selfConsumptionShare ? t('energy.selfConsumption') + ' ' + number(100 * Number(use.pv.selfConsumptionShare.value), 0) + ' %' : null) : null),
      h('div', { class: 'columns' },
        section(t('energy.bySubsystem'), chart(t('energy.bySubsystem'), {
          xAxis: { type: 'category', data: use.bySubsystemKind.map(x => t('subsystem.' + x.kind)) },
          yAxis: { type: 'value', name: t('unit.KWH') },
          series: [{ type: 'bar', name: t('energy.consumption'), data: use.bySubsystemKind.map(x => Number(x.consumption.value)) }],
        }, 240)),
        section(t('energy.byPeriod'), chart(t('energy.byPeriod'), {
          xAxis: { type: 'category', data: cost.byPeriod.map(x => t('tariff.' + x.period)) },
          yAxis: [{ type: 'value', name: t('unit.KWH') }, { type: 'value', name: t('unit.CNY') }],
          legend: { top: 0 },
          series: [
            { type: 'bar', name: t('energy.gridEnergy'), data: cost.byPeriod.map(x => Number(x.energy.value)) },
            { type: 'bar', name: t('energy.cost'), yAxisIndex: 1, data: cost.byPeriod.map(x => Number(x.cost)) }],
        }, 240))),
      table({ caption: t('energy.bySubsystem'), filename: 'subsystems.csv', rows: use.bySubsystem, columns: [
        { key: 'name', label: t('recycling.name') },
        { key: 'kind', label: t('energy.kind'), value: x => t('subsystem.' + x.kind) },
        { key: 'buildingId', label: t('energy.building'), value: x => x.buildingId || '–' },
        { key: 'consumption', label: t('energy.consumption'), numeric: true, value: x => Number(x.consumption.value),
          render: x => quantity(x.consumption, 2) },
      ] }),
    ]);
  }

  async function load() {
    loadMonitoring();
    const from = PERIODS[period] ? new Date(Date.now() - PERIODS[period] * 86_400_000) : startOfToday();
    await fill(body, api.get(`/api/accounting/communities/${c}/consumption?from=${encodeURIComponent(from.toISOString())}`), report => {
      const rows = [].concat(
        (report.households || []).map(r => ({ ...r, scope: t('overview.households') })),
        (report.commonAreas || []).map(r => ({ ...r, scope: t('overview.commonAreas') })));
      return [
        h('div', { class: 'columns' },
          section(t('energy.emissionsByType'), chart(t('energy.emissionsByType'), {
            tooltip: { trigger: 'item', renderMode: 'richText' },
            legend: { bottom: 0 },
            series: [{ type: 'pie', radius: ['40%', '70%'], data: rows.map(r => ({
              name: r.scope + ' · ' + t('meter.' + r.meterType), value: Number(r.emissions.value) })) }],
          })),
          section(t('energy.table'), table({
            caption: t('energy.table'), filename: 'consumption.csv', rows, columns: [
              { key: 'scope', label: t('energy.scope') },
              { key: 'meterType', label: t('energy.meterType'), value: r => t('meter.' + r.meterType) },
              { key: 'consumption', label: t('energy.consumption'), numeric: true, value: r => Number(r.consumption.value),
                render: r => number(r.consumption.value, 2) + ' ' + t('unit.' + r.consumption.unit) },
              { key: 'emissions', label: t('energy.emissions'), numeric: true, value: r => Number(r.emissions.value),
                render: r => number(r.emissions.value, 2) + ' ' + t('unit.' + r.emissions.unit) },
              { key: 'factor', label: t('energy.factor'), numeric: true },
              { key: 'readings', label: t('energy.readings'), numeric: true },
            ],
          }))),
        h('p', { class: 'muted' }, t('energy.factorVersions') + ' ' + (report.factorVersions || []).join(', ')),
      ];
    });
  }
  await Promise.all([load(), alerts(anomalies, context, 'ENERGY')]);
}

// Energy: the community's consumption and emissions by meter type, households against common areas, over a chosen
// period; PV; monitoring by subsystem and tariff when the monitoring service answers.
import * as api from '../api.js';
import { t } from '../i18n.js';
import { h, table, section, fill, number, chart, startOfToday, coming } from '../ui.js';

const PERIODS = { today: null, week: 7, month: 30 };

export async function energy(container, context) {
  const c = api.seg(context.communityId);
  let period = 'today';
  const select = h('select', { 'aria-label': t('energy.period'), onchange: event => { period = event.target.value; load(); } },
    Object.keys(PERIODS).map(p => h('option', { value: p }, t('energy.period.' + p))));
  const body = h('div');
  const monitoring = h('div');
  container.append(h('div', { class: 'toolbar' }, h('label', {}, t('energy.period') + ' ', select)), body,
    section(t('energy.monitoring'), monitoring));

  async function load() {
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
  monitoring.append(coming(t('energy.monitoringComing')));
  await load();
}

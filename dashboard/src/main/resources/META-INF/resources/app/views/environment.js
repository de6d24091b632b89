// Environment: the latest observations by area, an area's hours against its thresholds, the thresholds in force and the
// alerts they raised — from the ops service's monitoring.
import * as api from '../api.js';
import { t } from '../i18n.js';
import { h, table, section, fill, dateTime, quantity, chart } from '../ui.js';
import { alerts } from './alerts.js';

const MEASURES = ['PM25', 'CO2', 'NOISE_LEVEL', 'TEMPERATURE', 'RELATIVE_HUMIDITY'];

export async function environment(container, context) {
  const c = api.seg(context.communityId);
  const latest = h('div');
  const history = h('div');
  const thresholds = h('div');
  const alertBox = h('div');
  container.append(
    section(t('environment.latest'), latest),
    section(t('environment.history'), history),
    h('div', { class: 'columns' }, section(t('environment.thresholds'), thresholds), section(t('alerts.title'), alertBox)));

  let area = null;
  let measure = 'PM25';
  const limits = {};

  async function showHistory() {
    if (!area) { history.replaceChildren(h('p', { class: 'muted' }, t('environment.noAreas'))); return; }
    await fill(history, api.get(`/api/ops/communities/${c}/environment/areas/${api.seg(area)}/hourly`), hours => {
      const rows = hours.filter(x => x.measure === measure);
      const limit = limits[measure];
      return [
        h('p', { class: 'muted' }, t('environment.area') + ' ' + area + ' · ' + t('measure.' + measure) + ' · ' + t('environment.last24h')),
        rows.length ? chart(t('environment.history') + ' ' + area, {
          legend: { top: 0 },
          xAxis: { type: 'category', data: rows.map(x => dateTime(x.hour)) },
          yAxis: { type: 'value', name: rows[0] ? t('unit.' + rows[0].average.unit) : '' },
          series: [
            { name: t('environment.average'), type: 'line', data: rows.map(x => Number(x.average.value)),
              markLine: limit ? { symbol: 'none', data: [{ yAxis: limit.dayLimit, name: t('environment.dayLimit') }].concat(
                limit.nightLimit !== limit.dayLimit ? [{ yAxis: limit.nightLimit, name: t('environment.nightLimit') }] : []) } : undefined },
            { name: t('environment.maximum'), type: 'line', data: rows.map(x => Number(x.maximum.value)) },
          ],
        }) : h('p', { class: 'muted' }, t('environment.noHours')),
      ];
    });
  }

  const [, areas] = await Promise.all([
    fill(thresholds, api.get(`/api/ops/communities/${c}/environment/thresholds`), list => {
      for (const x of list) limits[x.measure] = x;
      return table({ caption: t('environment.thresholds'), filename: 'thresholds.csv', rows: list, columns: [
        { key: 'measure', label: t('environment.measure'), value: x => t('measure.' + x.measure) },
        { key: 'dayLimit', label: t('environment.dayLimit'), numeric: true },
        { key: 'nightLimit', label: t('environment.nightLimit'), numeric: true },
        { key: 'hysteresis', label: t('environment.hysteresis'), numeric: true },
        { key: 'minimumMinutes', label: t('environment.minutes'), numeric: true },
        { key: 'workOrderFrom', label: t('environment.orderFrom'), value: x => t('severity.' + x.workOrderFrom) },
        { key: 'source', label: t('environment.source'), value: x => t('environment.source.' + x.source) },
      ] });
    }),
    api.get(`/api/ops/communities/${c}/environment/latest`).catch(error => { latest.replaceChildren(h('p', { class: 'error' }, error.message)); return []; }),
    alerts(alertBox, context, 'ENVIRONMENT'),
  ]);
  const rows = areas.map(a => ({ areaId: a.areaId, ...Object.fromEntries(a.measures.map(m => [m.measure, m])) }));
  const measureSelect = h('select', { 'aria-label': t('environment.measure'), onchange: event => { measure = event.target.value; showHistory(); } },
    ['PM25', 'CO2', 'NOISE_LEVEL'].map(m => h('option', { value: m }, t('measure.' + m))));
  latest.replaceChildren(h('div', { class: 'toolbar' }, h('label', {}, t('environment.measure') + ' ', measureSelect)), table({
    caption: t('environment.latest'), filename: 'environment-latest.csv', rows, empty: t('environment.noAreas'),
    onRow: row => { area = row.areaId; showHistory(); }, rowLabel: row => t('environment.showArea') + ' ' + row.areaId,
    columns: [{ key: 'areaId', label: t('environment.area') }].concat(MEASURES.map(m => ({
      key: m, label: t('measure.' + m), numeric: true, value: row => row[m] ? Number(row[m].value.value) : null,
      render: row => row[m] ? quantity(row[m].value, 1) : '–' })), [{ key: 'observedAt', label: t('waste.observed'),
      value: row => (MEASURES.map(m => row[m]).find(Boolean) || {}).observedAt,
      render: row => dateTime((MEASURES.map(m => row[m]).find(Boolean) || {}).observedAt) }]),
  }));
  area = rows.length ? rows[0].areaId : null;
  await showHistory();
}

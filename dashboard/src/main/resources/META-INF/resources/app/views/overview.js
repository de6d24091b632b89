// Today at a glance: energy and emissions, reductions and participation, credits, open work orders, devices offline.
import * as api from '../api.js';
import { t } from '../i18n.js';
import * as session from '../session.js';
import { h, figure, section, quantity, number, dateTime, chart, badge, loading, errorBox } from '../ui.js';
import { follow } from './live.js';

const OPEN_STATES = ['OPEN', 'ASSIGNED', 'IN_PROGRESS'];
const STATE_FIELDS = { OPEN: 'open', ASSIGNED: 'assigned', IN_PROGRESS: 'inProgress' };

function total(rows, meterType) {
  const row = (rows || []).find(r => r.meterType === meterType);
  return row ? Number(row.consumption.value) : 0;
}

export async function overview(container, context) {
  const c = api.seg(context.communityId);
  const figures = h('div', { class: 'figures', 'aria-live': 'polite' });
  const energyChart = h('div');
  const orders = h('div');
  const readings = h('ul', { class: 'ticker', 'aria-label': t('overview.latestReadings') });
  container.append(
    h('p', { class: 'lead' }, t('overview.lead').replace('{community}', (context.community && context.community.name) || context.communityId)),
    figures,
    h('div', { class: 'columns' },
      section(t('overview.energyToday'), energyChart),
      section(t('overview.openOrders'), orders)),
    section(t('overview.latestReadings'), readings));

  // devices offline are the property team's to see (the street office reads aggregates only): others do not ask
  const seesDevices = session.has(context.session, 'PROPERTY_MANAGER', 'STAFF', 'ADMIN');

  // One call per service, each answered in one or two SQL statements (docs/performance.md, the dashboard's first view):
  // accounting's day so far, credits' summary, the work orders at a glance (counts and the newest six), devices by state.
  async function load() {
    const settled = await Promise.allSettled([
      api.get(`/api/accounting/communities/${c}/today`),
      api.get(`/api/credits/communities/${c}/summary`),
      api.get(`/api/ops/communities/${c}/work-orders/overview?latest=6`),
      seesDevices ? api.get(`/api/sensing/communities/${c}/device-health/summary`) : Promise.reject(new Error('not asked')),
    ]);
    const [today, credits, work, devices] = settled.map(s => s.status === 'fulfilled' ? s.value : null);
    const day = today ? today.figures : null;
    const unavailable = t('overview.unavailable');
    const open = work ? OPEN_STATES.map(s => work[STATE_FIELDS[s]]) : null;
    figures.replaceChildren(
      figure(t('overview.electricity'), day
        ? number(total(day.households, 'ELECTRICITY') + total(day.commonAreas, 'ELECTRICITY'), 1) + ' ' + t('unit.KWH') : unavailable,
        day ? t('overview.households') + ' ' + number(total(day.households, 'ELECTRICITY'), 1) + ' · '
          + t('overview.commonAreas') + ' ' + number(total(day.commonAreas, 'ELECTRICITY'), 1) : null,
        { dataset: { figure: 'electricity' } }),
      figure(t('overview.emissions'), day ? quantity(day.emissions, 1) : unavailable,
        day ? (day.factorVersions || []).join(', ') : null, { dataset: { figure: 'emissions' } }),
      figure(t('overview.reductions'), day ? quantity(day.reductionTotal, 2) : unavailable,
        day && Number(day.avoidedByPv.value) > 0 ? t('overview.avoidedByPv') + ' ' + quantity(day.avoidedByPv, 1) : null,
        { dataset: { figure: 'reductions' } }),
      figure(t('overview.participation'), day ? number(day.participatingHouseholds, 0) : unavailable,
        t('overview.participationNote'), { dataset: { figure: 'participation' } }),
      figure(t('overview.credits'), credits ? number(credits.creditsAwarded, 0) : unavailable,
        credits ? t('overview.outstanding') + ' ' + number(credits.creditsOutstanding, 0) : null, { dataset: { figure: 'credits' } }),
      figure(t('overview.openOrders'), open ? number(open.reduce((a, b) => a + b, 0), 0) : unavailable,
        open ? OPEN_STATES.map((s, i) => t('status.' + s) + ' ' + open[i]).join(' · ')
          + ' · ' + t('orders.overdue') + ' ' + work.overdue + ' · ' + t('overview.escalated') + ' ' + work.escalated : null,
        { dataset: { figure: 'open-orders' } }),
      figure(t('overview.offline'), devices ? number(devices.offline, 0) : unavailable,
        devices ? t('overview.ofDevices').replace('{n}', number(devices.devices, 0)) : null, { dataset: { figure: 'offline' } }),
      figure(t('overview.dataQuality'), day && day.readings ? number(100 * (1 - day.flaggedReadings / day.readings), 1) + ' %' : unavailable,
        day ? t('overview.readings').replace('{n}', number(day.readings, 0)) : null, { dataset: { figure: 'quality' } }));
    if (day) {
      const types = ['ELECTRICITY', 'WATER', 'GAS'];
      const emissionsOf = (rows, m) => { const r = (rows || []).find(x => x.meterType === m); return r ? Number(r.emissions.value) : 0; };
      energyChart.replaceChildren(chart(t('overview.energyToday'), {
        legend: { top: 0 },
        xAxis: { type: 'category', data: types.map(m => t('meter.' + m)) },
        yAxis: { type: 'value', name: t('unit.KG_CO2E') },
        series: [
          { name: t('overview.households'), type: 'bar', stack: 'e', data: types.map(m => emissionsOf(day.households, m)) },
          { name: t('overview.commonAreas'), type: 'bar', stack: 'e', data: types.map(m => emissionsOf(day.commonAreas, m)) },
        ],
      }, 240));
    } else {
      energyChart.replaceChildren(h('p', {}, unavailable));
    }
    if (!work) {
      orders.replaceChildren(errorBox(settled[2].reason));
    } else {
      orders.replaceChildren(work.latest.length
        ? h('ul', { class: 'list' }, work.latest.map(order => h('li', {},
          h('a', { href: '#/work-orders/' + order.id }, order.title), ' ',
          badge(t('status.' + order.status), order.status.toLowerCase()), order.overdue ? badge(t('orders.overdue'), 'danger') : null,
          h('span', { class: 'muted' }, ' ' + dateTime(order.openedAt)))))
        : h('p', {}, t('orders.none')));
    }
    loadedAt = Date.now();
  }

  let loadedAt = 0;
  orders.replaceChildren(loading());
  readings.append(h('li', { class: 'muted' }, t('overview.waitingForReadings')));
  await load();
  let pending = null;
  const refresh = () => { if (!pending) pending = setTimeout(() => { pending = null; load(); }, 2000); };
  // figures change slowly: once a minute while the page is in view, at once when it comes back into view after that, and
  // two seconds after a work order or an alert changed (several changes in a row cost one refresh)
  const timer = setInterval(() => { if (!document.hidden) load(); }, 60_000);
  const visible = () => { if (!document.hidden && Date.now() - loadedAt > 60_000) load(); };
  document.addEventListener('visibilitychange', visible);
  const stop = follow(context, (name, event) => {
    if (name === 'work-order' || name === 'alert') refresh();
    if (name === 'bin-status') {
      if (readings.firstChild && readings.firstChild.classList.contains('muted')) readings.replaceChildren();
      readings.prepend(h('li', {}, dateTime(event.occurredAt), ' · ', event.deviceId, ' · ',
        t('waste.fill') + ' ' + number(event.fillLevel, 0) + ' %'));
      while (readings.children.length > 8) readings.lastChild.remove();
    }
  });
  return () => { clearInterval(timer); clearTimeout(pending); document.removeEventListener('visibilitychange', visible); stop(); };
}

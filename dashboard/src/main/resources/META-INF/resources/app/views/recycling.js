// Recycling: pickups by status with their deadlines, the recyclers serving the community, and missed deadlines per
// recycler.
import * as api from '../api.js';
import { t } from '../i18n.js';
import { h, table, section, fill, number, dateTime, badge, figure, field } from '../ui.js';

const STATES = ['REQUESTED', 'DISPATCHED', 'ACCEPTED', 'ON_THE_WAY', 'COLLECTED', 'CANCELLED'];

export async function recycling(container, context) {
  const c = api.seg(context.communityId);
  let state = '';
  const select = h('select', { onchange: event => { state = event.target.value; loadPickups(); } },
    h('option', { value: '' }, t('orders.allStates')), STATES.map(s => h('option', { value: s }, t('pickup.' + s))));
  const pickups = h('div');
  const recyclers = h('div');
  const breaches = h('div');
  const performance = h('div');
  container.append(
    section(t('recycling.pickups'), h('div', { class: 'toolbar' }, field(t('orders.status'), select)), pickups),
    section(t('recycling.performance'), performance),
    h('div', { class: 'columns' }, section(t('recycling.recyclers'), recyclers), section(t('recycling.breaches'), breaches)));

  async function loadPickups() {
    await fill(pickups, api.get(`/api/recycling/communities/${c}/pickups?size=200${state ? '&status=' + state : ''}`), page => table({
      caption: t('recycling.pickups'), filename: 'pickups.csv', rows: page.items, columns: [
        { key: 'requestedAt', label: t('recycling.requested'), value: p => p.requestedAt, render: p => dateTime(p.requestedAt) },
        { key: 'householdId', label: t('recycling.household') },
        { key: 'categories', label: t('recycling.categories'), value: p => p.categories.map(x => t('category.' + x)).join(', ') },
        { key: 'estimatedWeightKg', label: t('recycling.weight'), numeric: true },
        { key: 'status', label: t('orders.status'), value: p => t('pickup.' + p.status), render: p => badge(t('pickup.' + p.status), p.status.toLowerCase()) },
        { key: 'recyclerId', label: t('recycling.recycler'), value: p => p.recyclerId || '' },
        { key: 'dispatchDueAt', label: t('recycling.dispatchDue'), value: p => p.dispatchDueAt, render: p => dateTime(p.dispatchDueAt) },
        { key: 'arrivalDueAt', label: t('recycling.arrivalDue'), value: p => p.arrivalDueAt, render: p => dateTime(p.arrivalDueAt) },
      ],
    }));
  }

  const rate = value => value === null || value === undefined ? '–' : number(100 * Number(value), 0) + ' %';
  await Promise.all([
    loadPickups(),
    fill(performance, api.get(`/api/recycling/communities/${c}/recyclers/performance`), report => [
      h('p', { class: 'muted' }, t('recycling.performanceNote').replace('{from}', report.from).replace('{to}', report.to)),
      table({ caption: t('recycling.performance'), filename: 'recycler-performance.csv', rows: report.recyclers, columns: [
        { key: 'name', label: t('recycling.name') },
        { key: 'orders', label: t('recycling.orders'), numeric: true },
        { key: 'collected', label: t('pickup.COLLECTED'), numeric: true },
        { key: 'cancelled', label: t('pickup.CANCELLED'), numeric: true },
        { key: 'onTimeDispatchRate', label: t('recycling.onTimeDispatch'), numeric: true, value: r => r.onTimeDispatchRate, render: r => rate(r.onTimeDispatchRate) },
        { key: 'onTimeVisitRate', label: t('recycling.onTimeVisit'), numeric: true, value: r => r.onTimeVisitRate, render: r => rate(r.onTimeVisitRate) },
        { key: 'averageRating', label: t('recycling.rating'), numeric: true, value: r => r.averageRating,
          render: r => r.averageRating === null || r.averageRating === undefined ? '–' : number(r.averageRating, 1) + ' ★ (' + r.ratings + ')' },
        { key: 'collectedKg', label: t('recycling.collectedKg'), numeric: true },
        { key: 'kgByCategory', label: t('recycling.categories'), value: r => Object.entries(r.kgByCategory || {})
          .map(([k, v]) => t('category.' + k) + ' ' + v).join(', ') },
      ] })]),
    fill(recyclers, api.get(`/api/recycling/communities/${c}/recyclers`), list => table({
      caption: t('recycling.recyclers'), filename: 'recyclers.csv', rows: list, columns: [
        { key: 'name', label: t('recycling.name') },
        { key: 'licenceNumber', label: t('recycling.licence') },
        { key: 'dailyCapacity', label: t('recycling.capacity'), numeric: true },
        { key: 'collectors', label: t('recycling.collectors'), numeric: true },
        { key: 'categories', label: t('recycling.categories'), value: r => r.categories.map(x => t('category.' + x)).join(', ') },
      ],
    })),
    fill(breaches, api.get(`/api/ops/communities/${c}/recycler-breaches`), report => [
      h('div', { class: 'figures' }, figure(t('recycling.lateDispatches'), number(report.lateDispatches, 0)),
        figure(t('recycling.lateVisits'), number(report.lateVisits, 0))),
      table({ caption: t('recycling.breaches'), filename: 'recycler-breaches.csv', rows: report.recyclers, columns: [
        { key: 'recyclerId', label: t('recycling.recycler') },
        { key: 'lateDispatches', label: t('recycling.lateDispatches'), numeric: true },
        { key: 'lateVisits', label: t('recycling.lateVisits'), numeric: true },
      ] })]),
  ]);
}

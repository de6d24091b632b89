// A community's environment or energy alerts, with acknowledgement for its property team.
import * as api from '../api.js';
import { t } from '../i18n.js';
import { h, table, fill, dateTime, badge, quantity, toast } from '../ui.js';
import * as session from '../session.js';

export function alerts(container, context, kind) {
  const c = api.seg(context.communityId);
  let status = 'ACTIVE';
  const list = h('div');
  const select = h('select', { 'aria-label': t('alerts.status'), onchange: event => { status = event.target.value; load(); } },
    ['ACTIVE', 'CLEARED', ''].map(s => h('option', { value: s }, t('alerts.status.' + (s || 'ALL')))));
  const team = session.has(context.session, 'PROPERTY_MANAGER', 'STAFF');
  async function acknowledge(alert) {
    try {
      await api.send('POST', `/api/ops/alerts/${api.seg(alert.id)}/acknowledge`);
      toast(t('alerts.acknowledged'), 'ok');
      load();
    } catch (error) { toast(error.message, 'error'); }
  }
  async function load() {
    await fill(list, api.get(`/api/ops/communities/${c}/alerts?kind=${kind}&size=200${status ? '&status=' + status : ''}`), page => table({
      caption: t('alerts.title'), filename: kind.toLowerCase() + '-alerts.csv', rows: page.items, empty: t('alerts.none'), columns: [
        { key: 'severity', label: t('alerts.severity'), render: a => badge(t('severity.' + a.severity), a.severity === 'CRITICAL' ? 'danger' : '') },
        { key: 'title', label: t('alerts.what') },
        { key: 'raisedAt', label: t('alerts.raised'), value: a => a.raisedAt, render: a => dateTime(a.raisedAt) },
        { key: 'peak', label: t('alerts.peak'), value: a => a.peak ? Number(a.peak.value) : null, render: a => quantity(a.peak, 1), numeric: true },
        { key: 'status', label: t('orders.status'), value: a => t('alerts.status.' + a.status) + (a.acknowledgedBy ? ' · ' + t('alerts.ackBy') + ' ' + a.acknowledgedBy : '') },
        { key: 'clearedAt', label: t('alerts.cleared'), value: a => a.clearedAt, render: a => dateTime(a.clearedAt) },
        { key: 'workOrderId', label: t('view.work-orders'), value: a => a.workOrderId || '',
          render: a => a.workOrderId ? h('a', { href: '#/work-orders/' + a.workOrderId }, t('alerts.order')) : '–' },
        { key: 'ack', label: '', value: () => '', render: a => team && a.status === 'ACTIVE' && !a.acknowledgedAt
          ? h('button', { type: 'button', class: 'small', onclick: event => { event.stopPropagation(); acknowledge(a); } }, t('alerts.acknowledge')) : '' },
      ],
    }));
  }
  container.append(h('div', { class: 'toolbar' }, select), list);
  return load();
}

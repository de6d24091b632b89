// The caller's notifications from the ops service: escalated work orders for the residents' committee and the street
// office, and whatever else ops addresses to the user, their role or their household.
import * as api from '../api.js';
import { t } from '../i18n.js';
import { h, fill, dateTime, toast, badge } from '../ui.js';

export async function notifications(container) {
  const list = h('div');
  container.append(list);
  async function load() {
    await fill(list, api.get('/api/ops/me/notifications?size=100'), inbox => [
      h('p', { class: 'muted', dataset: { figure: 'unread' } }, t('notifications.unread').replace('{n}', inbox.unread)),
      inbox.items.length ? h('ul', { class: 'list' }, inbox.items.map(n => h('li', { class: n.readAt ? 'read' : 'unread' },
        n.readAt ? null : badge(t('notifications.new'), 'danger'), ' ', h('strong', {}, n.title), ' · ', dateTime(n.createdAt),
        h('div', {}, n.body),
        n.workOrderId ? h('a', { href: '#/work-orders/' + n.workOrderId }, t('alerts.order')) : null,
        n.readAt ? null : h('button', { type: 'button', class: 'small', onclick: async () => {
          try {
            await api.send('POST', `/api/ops/me/notifications/${api.seg(n.id)}/read`);
            load();
          } catch (error) { toast(error.message, 'error'); }
        } }, t('notifications.markRead')))))
        : h('p', { class: 'muted' }, t('notifications.none')),
    ]);
  }
  await load();
}

// The work-order queue: filter by status, open one to see its trail, and act on it as the caller's role allows
// (the manager assigns, closes and reopens; staff take, start and resolve). New orders arrive live. Below the queue, the
// off-peak windows and the planned tasks placed in them (schedule.js).
import * as api from '../api.js';
import { t } from '../i18n.js';
import { h, table, section, fill, dateTime, badge, toast, field, quantity } from '../ui.js';
import * as session from '../session.js';
import { follow } from './live.js';
import { scheduleSection } from './schedule.js';

const STATES = ['OPEN', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'];

export async function workOrders(container, context) {
  const c = api.seg(context.communityId);
  const s = context.session;
  let statusFilter = '';
  // the residents' committee sees first what has been escalated to it
  let levelFilter = session.has(s, 'RESIDENTS_COMMITTEE') ? 'RESIDENTS_COMMITTEE' : '';
  const levelSelect = h('select', { onchange: event => { levelFilter = event.target.value; load(); } },
    h('option', { value: '' }, t('orders.allLevels')), ['PROPERTY_COMPANY', 'RESIDENTS_COMMITTEE', 'STREET_OFFICE']
      .map(level => h('option', { value: level, selected: level === levelFilter ? true : null }, t('level.' + level))));
  const statusSelect = h('select', { onchange: event => { statusFilter = event.target.value; load(); } },
    h('option', { value: '' }, t('orders.allStates')), STATES.map(state => h('option', { value: state }, t('status.' + state))));
  const list = h('div');
  const detail = h('div', { class: 'detail', 'aria-live': 'polite' });
  const mine = session.has(s, 'STAFF') ? h('div') : null;
  container.append(
    h('div', { class: 'toolbar' }, field(t('orders.status'), statusSelect), field(t('orders.level'), levelSelect)),
    h('div', { class: 'columns wide-left' }, section(t('orders.queue'), list), section(t('orders.detail'), detail)),
    ...(mine ? [section(t('orders.mine'), mine)] : []));
  // planned tasks in the off-peak windows, below the queue (not for the residents' committee)
  const schedule = scheduleSection(context);
  if (schedule) container.append(schedule);
  detail.append(h('p', { class: 'muted' }, t('orders.pick')));

  const columns = [
    { key: 'priority', label: t('orders.priority'), render: o => badge(t('priority.' + o.priority), o.priority === 'HIGH' ? 'danger' : '') },
    { key: 'title', label: t('orders.title') },
    { key: 'type', label: t('orders.type'), value: o => t('type.' + o.type) },
    { key: 'status', label: t('orders.status'), value: o => t('status.' + o.status),
      render: o => badge(t('status.' + o.status), o.status.toLowerCase()) },
    { key: 'assignee', label: t('orders.assignee'), value: o => o.assignee || '' },
    { key: 'escalationLevel', label: t('orders.level'), value: o => t('level.' + (o.escalationLevel || 'PROPERTY_COMPANY')),
      render: o => o.escalationLevel && o.escalationLevel !== 'PROPERTY_COMPANY'
        ? badge(t('level.' + o.escalationLevel), 'danger') : t('level.PROPERTY_COMPANY') },
    { key: 'openedAt', label: t('orders.opened'), value: o => o.openedAt, render: o => dateTime(o.openedAt) },
    { key: 'deadline', label: t('orders.deadline'), value: o => o.deadline,
      render: o => h('span', {}, dateTime(o.deadline), o.overdue ? badge(t('orders.overdue'), 'danger') : null) },
  ];

  async function load() {
    const query = '?size=200' + (statusFilter ? `&status=${statusFilter}` : '') + (levelFilter ? `&level=${levelFilter}` : '');
    await fill(list, api.get(`/api/ops/communities/${c}/work-orders${query}`), page => table({
      columns, rows: page.items, caption: t('orders.queue'), filename: 'work-orders.csv',
      onRow: order => show(order.id), rowLabel: order => t('orders.openOne') + ': ' + order.title,
    }));
    if (mine) {
      await fill(mine, api.get('/api/ops/work-orders/mine?size=50'), page => table({
        columns, rows: page.items, caption: t('orders.mine'), filename: 'my-work-orders.csv', onRow: order => show(order.id),
        rowLabel: order => t('orders.openOne') + ': ' + order.title,
      }));
    }
  }

  async function act(id, action, body) {
    try {
      await api.send('POST', `/api/ops/work-orders/${api.seg(id)}/${action}`, body);
      toast(t('orders.done.' + action), 'ok');
      await Promise.all([load(), show(id)]);
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  function actions(order) {
    const forms = [];
    const committee = session.has(s, 'RESIDENTS_COMMITTEE') && order.escalationLevel && order.escalationLevel !== 'PROPERTY_COMPANY';
    const manager = session.has(s, 'PROPERTY_MANAGER', 'ADMIN');
    const staff = session.has(s, 'STAFF', 'ADMIN');
    const open = ['OPEN', 'ASSIGNED', 'IN_PROGRESS'].includes(order.status);
    if ((manager || committee) && open) {
      const assignee = h('input', { name: 'assignee', maxlength: 128, required: true, value: order.assignee || '' });
      forms.push(h('form', { class: 'inline', onsubmit: event => { event.preventDefault(); act(order.id, 'assign', { assignee: assignee.value.trim() }); } },
        field(t('orders.assignTo'), assignee), h('button', { type: 'submit' }, t('orders.assign'))));
    }
    if (staff && order.status === 'OPEN') forms.push(h('button', { type: 'button', onclick: () => act(order.id, 'take') }, t('orders.take')));
    if (staff && order.status === 'ASSIGNED') forms.push(h('button', { type: 'button', onclick: () => act(order.id, 'start') }, t('orders.start')));
    if ((staff || manager || committee) && open) {
      const note = h('textarea', { name: 'note', maxlength: 500, required: true, rows: 2 });
      forms.push(h('form', { class: 'inline', onsubmit: event => { event.preventDefault(); act(order.id, 'resolve', { note: note.value.trim() }); } },
        field(t('orders.resolutionNote'), note), h('button', { type: 'submit', class: 'primary' }, t('orders.resolve'))));
    }
    if (manager && order.status === 'RESOLVED') {
      const note = h('input', { name: 'closingNote', maxlength: 500 });
      forms.push(h('form', { class: 'inline', onsubmit: event => { event.preventDefault(); act(order.id, 'close', note.value.trim() ? { note: note.value.trim() } : {}); } },
        field(t('orders.closingNote'), note), h('button', { type: 'submit' }, t('orders.close'))));
    }
    if (manager && ['RESOLVED', 'CLOSED'].includes(order.status)) {
      const reason = h('input', { name: 'reason', maxlength: 500, required: true });
      forms.push(h('form', { class: 'inline', onsubmit: event => { event.preventDefault(); act(order.id, 'reopen', { reason: reason.value.trim() }); } },
        field(t('orders.reopenReason'), reason), h('button', { type: 'submit' }, t('orders.reopen'))));
    }
    const comment = h('input', { name: 'comment', maxlength: 500, required: true });
    forms.push(h('form', { class: 'inline', onsubmit: event => { event.preventDefault(); act(order.id, 'comment', { note: comment.value.trim() }); } },
      field(t('orders.comment'), comment), h('button', { type: 'submit' }, t('orders.addComment'))));
    return forms;
  }

  async function show(id) {
    await fill(detail, Promise.all([api.get(`/api/ops/work-orders/${api.seg(id)}`), api.get(`/api/ops/work-orders/${api.seg(id)}/history`)]),
      ([order, history]) => [
        h('h3', { id: 'order-title', tabindex: '-1' }, order.title),
        h('dl', { class: 'facts' },
          h('dt', {}, t('orders.status')), h('dd', { dataset: { field: 'status' } }, badge(t('status.' + order.status), order.status.toLowerCase())),
          h('dt', {}, t('orders.type')), h('dd', {}, t('type.' + order.type)),
          h('dt', {}, t('orders.source')), h('dd', {}, order.sourceId),
          order.observed ? [h('dt', {}, t('orders.observed')), h('dd', {}, quantity(order.observed, 2) + (order.threshold ? ' / ' + quantity(order.threshold, 2) : ''))] : null,
          h('dt', {}, t('orders.assignee')), h('dd', {}, order.assignee || '–'),
          h('dt', {}, t('orders.deadline')), h('dd', {}, dateTime(order.deadline), order.overdue ? badge(t('orders.overdue'), 'danger') : null),
          h('dt', {}, t('orders.level')), h('dd', { dataset: { field: 'level' } }, t('level.' + (order.escalationLevel || 'PROPERTY_COMPANY')),
            order.levelDeadline ? ' · ' + t('orders.levelDeadline') + ' ' + dateTime(order.levelDeadline) : ''),
          order.resolutionNote ? [h('dt', {}, t('orders.resolutionNote')), h('dd', {}, order.resolutionNote)] : null),
        h('div', { class: 'actions' }, actions(order)),
        h('h4', {}, t('orders.history')),
        h('ol', { class: 'history' }, history.map(change => h('li', {},
          dateTime(change.at), ' · ', change.kind === 'ESCALATION' ? t('orders.change.ESCALATION') + ' ' + t('level.' + change.escalationLevel)
            : change.kind === 'COMMENT' ? t('orders.change.COMMENT') : t('status.' + change.to), ' · ', change.actor,
          change.assignee ? ' → ' + change.assignee : '', change.note ? ' · ' + change.note : ''))),
      ]);
    const title = document.getElementById('order-title');
    if (title) title.focus();
  }

  await Promise.all([load(), schedule ? schedule.load() : null]);
  if (context.params[0]) await show(context.params[0]);
  let pending = null;
  return follow(context, name => {
    if ((name === 'work-order' || name === 'alert') && !pending) pending = setTimeout(() => { pending = null; load(); }, 1000);
  });
}

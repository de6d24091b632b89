// Commands to devices: each controllable subsystem's policy (a lighting schedule, an off-peak schedule), set by the
// property manager and sent by the sensing service to the subsystem's controllers; the commands and their status.
import * as api from '../api.js';
import { t } from '../i18n.js';
import { h, table, fill, dateTime, badge, toast, field } from '../ui.js';
import * as session from '../session.js';

const CONTROLLED = ['LIGHTING', 'WATER_PUMP', 'EV_CHARGING'];

export function commands(container, context) {
  const c = api.seg(context.communityId);
  const policies = h('div');
  const list = h('div');
  const manager = session.has(context.session, 'PROPERTY_MANAGER', 'ADMIN');
  container.append(h('h3', {}, t('commands.policies')), policies, h('h3', {}, t('commands.sent')), list);

  function policyForm(subsystem, current) {
    const rows = [0, 1, 2].map(i => {
      const period = current && current.periods[i];
      return {
        from: h('input', { type: 'time', name: `from${i}`, value: period && period.from ? period.from.slice(0, 5) : '' }),
        to: h('input', { type: 'time', name: `to${i}`, value: period && period.to ? period.to.slice(0, 5) : '' }),
        dimming: subsystem.subsystemKind === 'LIGHTING'
          ? h('input', { type: 'number', name: `dimming${i}`, min: 0, max: 100, value: period && period.dimmingPercent !== null && period.dimmingPercent !== undefined ? period.dimmingPercent : '' })
          : null,
      };
    });
    return h('form', { class: 'policy', onsubmit: async event => {
      event.preventDefault();
      const periods = rows.filter(r => r.from.value && r.to.value).map(r => ({ from: r.from.value, to: r.to.value,
        ...(r.dimming && r.dimming.value !== '' ? { dimmingPercent: Number(r.dimming.value) } : {}) }));
      try {
        const answer = await api.send('PUT', `/api/sensing/communities/${c}/subsystems/${api.seg(subsystem.id)}/policy`, { periods });
        toast(t('commands.policySet').replace('{n}', answer.commandsIssued ?? 0), 'ok');
        load();
      } catch (error) {
        toast(error.message, 'error');
      }
    } },
    rows.map((r, i) => h('div', { class: 'inline' },
      field(t('commands.from') + ' ' + (i + 1), r.from), field(t('commands.to') + ' ' + (i + 1), r.to),
      r.dimming ? field(t('commands.dimming') + ' ' + (i + 1), r.dimming) : null)),
    h('button', { type: 'submit', class: 'primary' }, t('commands.send')));
  }

  async function load() {
    await fill(policies, api.get(`/api/sensing/communities/${c}/subsystems?size=500`), async page => {
      const controlled = page.items.filter(s => CONTROLLED.includes(s.subsystemKind));
      if (!controlled.length) return h('p', { class: 'muted' }, t('commands.noSubsystems'));
      const current = await Promise.all(controlled.map(s => api.get(`/api/sensing/communities/${c}/subsystems/${api.seg(s.id)}/policy`)
        .catch(() => null)));
      return controlled.map((s, i) => h('details', { class: 'subsystem' },
        h('summary', {}, s.name + ' · ' + t('subsystem.' + s.subsystemKind) + ' · ',
          current[i] ? t('commands.version').replace('{v}', current[i].version) + ' ' + current[i].periods
            .map(p => (p.from || '').slice(0, 5) + '–' + (p.to || '').slice(0, 5) + (p.dimmingPercent != null ? ' ' + p.dimmingPercent + '%' : '')).join(', ')
            : t('commands.noPolicy')),
        manager ? policyForm(s, current[i]) : null));
    });
    await fill(list, api.get(`/api/sensing/communities/${c}/commands?size=200`), page => table({
      caption: t('commands.sent'), filename: 'commands.csv', rows: page.items, empty: t('commands.none'), columns: [
        { key: 'createdAt', label: t('commands.created'), value: x => x.createdAt, render: x => dateTime(x.createdAt) },
        { key: 'deviceId', label: t('devices.id') },
        { key: 'subsystemId', label: t('commands.subsystem') },
        { key: 'type', label: t('devices.type'), value: x => t('commandType.' + x.type) },
        { key: 'status', label: t('orders.status'), value: x => t('commandStatus.' + x.status),
          render: x => badge(t('commandStatus.' + x.status), x.status === 'ACKNOWLEDGED' ? 'ok' : x.status === 'SENT' || x.status === 'PENDING' ? '' : 'danger') },
        { key: 'sentBy', label: t('commands.by') },
        { key: 'finishedAt', label: t('commands.finished'), value: x => x.finishedAt, render: x => dateTime(x.finishedAt) },
        { key: 'failureReason', label: t('commands.reason'), value: x => x.failureReason || '' },
      ],
    }));
  }
  return load();
}

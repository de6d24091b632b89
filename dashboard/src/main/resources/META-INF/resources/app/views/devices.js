// The device registry and each device's health; the inventory as CSV (export, and import for the property manager).
import * as api from '../api.js';
import { t } from '../i18n.js';
import { h, table, section, fill, dateTime, badge, toast, field, figure, number } from '../ui.js';
import * as session from '../session.js';
import { commands } from './commands.js';

const TYPES = ['electricity-meter', 'water-meter', 'gas-meter', 'pv-meter', 'waste-bin', 'environment-sensor', 'lighting-controller', 'load-controller', 'recycling-scale'];
const HEALTH = ['OFFLINE', 'NEVER_HEARD', 'ONLINE'];

export async function devices(container, context) {
  const c = api.seg(context.communityId);
  const summary = h('div', { class: 'figures' });
  const registry = h('div');
  const commandBox = h('div');
  const health = h('div');
  let type = '';
  let state = 'OFFLINE';
  const typeSelect = h('select', { onchange: event => { type = event.target.value; loadRegistry(); } },
    h('option', { value: '' }, t('devices.allTypes')), TYPES.map(x => h('option', { value: x }, t('deviceType.' + x))));
  const stateSelect = h('select', { onchange: event => { state = event.target.value; loadHealth(); } },
    HEALTH.map(x => h('option', { value: x, selected: x === state ? true : null }, t('health.' + x))));
  const inventory = h('div', { class: 'actions' },
    h('button', { type: 'button', onclick: () => api.download(`/api/sensing/communities/${c}/inventory`, context.communityId + '-inventory.csv')
      .catch(error => toast(error.message, 'error')) }, t('devices.exportInventory')));
  if (session.has(context.session, 'PROPERTY_MANAGER', 'ADMIN')) {
    const file = h('input', { type: 'file', accept: '.csv,text/csv', name: 'inventory' });
    inventory.append(h('form', { class: 'inline', onsubmit: async event => {
      event.preventDefault();
      if (!file.files.length) return;
      try {
        const report = await api.send('POST', `/api/sensing/communities/${c}/inventory`, file.files[0], { 'Content-Type': 'text/csv' });
        toast(t('devices.imported') + ' ' + JSON.stringify(report), 'ok');
        loadRegistry();
      } catch (error) {
        toast(error.message, 'error');
      }
    } }, field(t('devices.importInventory'), file), h('button', { type: 'submit' }, t('devices.import'))));
  }
  container.append(summary,
    section(t('devices.health'), h('div', { class: 'toolbar' }, field(t('devices.state'), stateSelect)), health),
    section(t('devices.registry'), h('div', { class: 'toolbar' }, field(t('devices.type'), typeSelect)), registry),
    section(t('devices.inventory'), h('p', {}, t('devices.inventoryText')), inventory),
    section(t('devices.commands'), commandBox));

  async function loadSummary() {
    const counts = await Promise.allSettled(HEALTH.map(x => api.count(`/api/sensing/communities/${c}/device-health?state=${x}`))
      .concat([api.count(`/api/sensing/communities/${c}/device-health?lowBattery=true`)]));
    summary.replaceChildren(...HEALTH.map((x, i) => figure(t('health.' + x),
      counts[i].status === 'fulfilled' ? number(counts[i].value, 0) : '–', null, { dataset: { figure: 'health-' + x } })),
    figure(t('devices.lowBattery'), counts[3].status === 'fulfilled' ? number(counts[3].value, 0) : '–'));
  }

  async function loadRegistry() {
    await fill(registry, api.get(`/api/sensing/communities/${c}/devices?size=1000${type ? '&type=' + type : ''}`), page => [
      page.totalItems > page.items.length ? h('p', { class: 'muted' }, t('devices.first').replace('{n}', page.items.length).replace('{total}', page.totalItems)) : null,
      table({
        caption: t('devices.registry'), filename: 'devices.csv', rows: page.items, columns: [
          { key: 'id', label: t('devices.id') },
          { key: 'type', label: t('devices.type'), value: d => t('deviceType.' + d.type) },
          { key: 'model', label: t('devices.model') },
          { key: 'location', label: t('devices.location') },
          { key: 'binding', label: t('devices.binding'), value: d => d.binding + ' ' + d.boundId },
          { key: 'status', label: t('devices.status'), value: d => d.status },
          { key: 'installedOn', label: t('devices.installed') },
        ],
      })]);
  }

  async function loadHealth() {
    await fill(health, api.get(`/api/sensing/communities/${c}/device-health?size=500&state=${state}`), page => table({
      caption: t('devices.health'), filename: 'device-health.csv', rows: page.items, empty: t('devices.noneInState'), columns: [
        { key: 'deviceId', label: t('devices.id') },
        { key: 'deviceType', label: t('devices.type'), value: d => t('deviceType.' + d.deviceType) },
        { key: 'state', label: t('devices.state'), value: d => t('health.' + d.state),
          render: d => badge(t('health.' + d.state), d.state === 'ONLINE' ? 'ok' : 'danger') },
        { key: 'lastSeenAt', label: t('devices.lastSeen'), value: d => d.lastSeenAt, render: d => dateTime(d.lastSeenAt) },
        { key: 'batteryLevel', label: t('devices.battery'), numeric: true,
          value: d => d.batteryLevel === null ? null : Number(d.batteryLevel), render: d => d.batteryLevel === null ? '–' : number(100 * d.batteryLevel, 0) + ' %' },
      ],
    }));
  }

  await Promise.all([loadSummary(), loadHealth(), loadRegistry(), commands(commandBox, context)]);
}

// Off-peak scheduling, a section of the work-orders view: each day's off-peak window with the figures that chose it, a
// heatmap of the week's deposits by hour (the windows outlined), the planned tasks of the next seven days, and, for the
// property team, a form that plans a task into the next window with room and a button that computes the windows again.
import * as api from '../api.js';
import { t, lang } from '../i18n.js';
import { h, table, section, fill, badge, toast, field, chart, localDate } from '../ui.js';
import * as session from '../session.js';

/** The section, or null for a caller who does not oversee the community (the residents' committee). */
export function scheduleSection(context) {
  const s = context.session;
  if (!session.has(s, 'PROPERTY_MANAGER', 'STAFF', 'ADMIN', 'STREET_OFFICE')) return null;
  const c = api.seg(context.communityId);
  const team = session.has(s, 'PROPERTY_MANAGER', 'STAFF', 'ADMIN');
  const windows = h('div');
  const heatmap = h('div');
  const tasks = h('div');
  // ISO day of week (1 = Monday) as the user's language names it: 2024-01-01 was a Monday
  const dayName = day => new Intl.DateTimeFormat(lang(), { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, day)));
  const ISO = { MONDAY: 1, TUESDAY: 2, WEDNESDAY: 3, THURSDAY: 4, FRIDAY: 5, SATURDAY: 6, SUNDAY: 7 };
  const clock = local => local.replace('T', ' ').slice(0, 16);
  // a task lasts at most a window: the form's bound follows the windows' length once they are read
  const duration = h('input', { name: 'durationMinutes', type: 'number', min: 15, max: 180, step: 15, value: 60, required: true });

  function renderWindows(view) {
    duration.max = view.windowHours * 60;
    const inWindow = new Set();
    for (const w of view.windows) {
      const end = Number(w.ends.slice(0, 2));
      for (let hour = Number(w.starts.slice(0, 2)); hour < end; hour++) inWindow.add(ISO[w.dayOfWeek] + ':' + hour);
    }
    const max = Math.max(1, ...view.profile.map(x => x.deposits));
    heatmap.replaceChildren(chart(t('schedule.heatmap'), {
      tooltip: { trigger: 'item', renderMode: 'richText',
        formatter: p => `${dayName(p.value[1] + 1)} ${String(p.value[0]).padStart(2, '0')}:00 · ${p.value[2]} ${t('schedule.deposits')}` },
      grid: { left: 48, right: 16, top: 16, bottom: 64, containLabel: true },
      xAxis: { type: 'category', data: Array.from({ length: 24 }, (_, i) => String(i).padStart(2, '0')), splitArea: { show: true } },
      yAxis: { type: 'category', inverse: true, data: [1, 2, 3, 4, 5, 6, 7].map(dayName), splitArea: { show: true } },
      visualMap: { min: 0, max, calculable: true, orient: 'horizontal', left: 'center', bottom: 0,
        inRange: { color: ['#f4f9f6', '#9fd3b9', '#1b7f5b', '#c2662d'] } },
      series: [{ name: t('schedule.deposits'), type: 'heatmap',
        data: view.profile.map(x => ({ value: [x.hour, x.dayOfWeek - 1, x.deposits],
          itemStyle: inWindow.has(x.dayOfWeek + ':' + x.hour) ? { borderColor: '#2f6db5', borderWidth: 3 } : undefined })) }],
    }, 300));
    return [
      h('p', { class: 'muted' }, t('schedule.windowsNote').replace('{days}', view.trailingDays).replace('{hours}', view.windowHours)
        .replace('{from}', view.workingHours.starts).replace('{to}', view.workingHours.ends)),
      table({ caption: t('schedule.windows'), filename: 'offpeak-windows.csv', rows: view.windows, columns: [
        { key: 'dayOfWeek', label: t('schedule.day'), value: w => ISO[w.dayOfWeek], render: w => dayName(ISO[w.dayOfWeek]) },
        { key: 'window', label: t('schedule.window'), value: w => w.starts + '–' + w.ends },
        { key: 'deposits', label: t('schedule.windowDeposits'), numeric: true },
        { key: 'dayDeposits', label: t('schedule.dayDeposits'), numeric: true },
        { key: 'busiestHour', label: t('schedule.busiestHour'), value: w => w.busiestHour + ' (' + w.busiestHourDeposits + ')' },
        { key: 'energyKwh', label: t('schedule.energy'), numeric: true, value: w => Number(w.energyKwh) },
      ] }),
      view.tasksReplaced ? h('p', {}, badge(t('schedule.replaced').replace('{n}', view.tasksReplaced), '')) : [],
    ].flat();
  }

  async function loadWindows(recompute) {
    const request = recompute ? api.send('POST', `/api/ops/communities/${c}/offpeak-windows/recompute`)
      : api.get(`/api/ops/communities/${c}/offpeak-windows`);
    await fill(windows, request, renderWindows);
  }

  async function loadTasks() {
    await fill(tasks, api.get(`/api/ops/communities/${c}/schedule?from=${localDate()}`), view => table({
      caption: t('schedule.tasks'), filename: 'planned-tasks.csv', rows: view.tasks, empty: t('schedule.noTasks'), columns: [
        { key: 'localStart', label: t('schedule.starts'), value: x => x.localStart, render: x => clock(x.localStart) },
        { key: 'localEnd', label: t('schedule.ends'), value: x => x.localEnd, render: x => clock(x.localEnd).slice(11) },
        { key: 'kind', label: t('schedule.kind'), value: x => t('schedule.kind.' + x.kind) },
        { key: 'title', label: t('orders.title') },
        { key: 'where', label: t('schedule.where'), value: x => x.dropPointId || x.areaId || '' },
        { key: 'placements', label: t('schedule.placements'), numeric: true,
          render: x => x.placements > 1 ? badge(t('schedule.moved').replace('{n}', x.placements - 1), '') : '1' },
      ].concat(team ? [{ key: 'cancel', label: t('schedule.cancel'), value: () => '',
        render: x => new Date(x.slotStart) > new Date()
          ? h('button', { type: 'button', 'aria-label': t('schedule.cancel') + ': ' + x.title, onclick: () => cancel(x) }, t('schedule.cancel'))
          : '' }] : []) }));
  }

  async function cancel(task) {
    try {
      await api.send('DELETE', `/api/ops/communities/${c}/planned-tasks/${api.seg(task.id)}`);
      toast(t('schedule.cancelled'), 'ok');
      await loadTasks();
    } catch (error) {
      toast(error.message, 'error');
    }
  }

  function planForm() {
    const kind = h('select', { name: 'kind' }, ['BIN_CLEARING', 'MAINTENANCE'].map(k => h('option', { value: k }, t('schedule.kind.' + k))));
    const title = h('input', { name: 'title', maxlength: 200, required: true });
    const where = h('input', { name: 'dropPointId', maxlength: 64, placeholder: 'dp-1' });
    const notBefore = h('input', { name: 'notBefore', type: 'date' });
    const by = h('input', { name: 'by', type: 'date' });
    // a recurring task: every N days, so many times (each occurrence due before the next)
    const every = h('input', { name: 'repeatEveryDays', type: 'number', min: 1, max: 14 });
    const times = h('input', { name: 'occurrences', type: 'number', min: 2, max: 28 });
    return h('form', { class: 'inline', onsubmit: async event => {
      event.preventDefault();
      const body = { kind: kind.value, title: title.value.trim(), durationMinutes: Number(duration.value) };
      if (where.value.trim()) body[kind.value === 'BIN_CLEARING' ? 'dropPointId' : 'areaId'] = where.value.trim();
      if (notBefore.value) body.notBefore = notBefore.value;
      if (by.value) body.by = by.value;
      if (every.value) body.repeatEveryDays = Number(every.value);
      if (times.value) body.occurrences = Number(times.value);
      try {
        const planned = await api.send('POST', `/api/ops/communities/${c}/planned-tasks`, body);
        const task = planned.tasks[0];
        const slot = clock(task.localStart) + '–' + clock(task.localEnd).slice(11);
        toast(planned.tasks.length > 1 ? t('schedule.plannedSeries').replace('{n}', planned.tasks.length).replace('{slot}', slot)
          : t('schedule.planned').replace('{slot}', slot), 'ok');
        title.value = '';
        await loadTasks();
      } catch (error) {
        toast(error.message, 'error');
      }
    } },
    field(t('schedule.kind'), kind), field(t('orders.title'), title), field(t('schedule.duration'), duration),
    field(t('schedule.where'), where), field(t('schedule.notBefore'), notBefore), field(t('schedule.by'), by),
    field(t('schedule.repeatEvery'), every), field(t('schedule.occurrences'), times),
    h('button', { type: 'submit', class: 'primary' }, t('schedule.plan')));
  }

  const recompute = team ? h('button', { type: 'button', onclick: async () => {
    await loadWindows(true);
    await loadTasks();
    toast(t('schedule.recomputed'), 'ok');
  } }, t('schedule.recompute')) : null;

  const element = h('div', { class: 'schedule' },
    section(t('schedule.title'), h('div', { class: 'columns' }, windows, heatmap), recompute),
    section(t('schedule.tasks'), tasks, team ? planForm() : null));
  element.load = () => Promise.all([loadWindows(false), loadTasks()]);
  return element;
}

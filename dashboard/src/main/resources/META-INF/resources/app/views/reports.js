// Reports: the monthly report of the communities in the caller's scope (a street office: its communities and their
// total), as a table and as CSV or XLSX downloads; the reports kept once a month was over; and the other downloads.
import * as api from '../api.js';
import { t, lang } from '../i18n.js';
import { h, section, toast, fill, table, badge, dateTime, number, field, startOfLocalDate, localDate } from '../ui.js';
import * as session from '../session.js';

const PERCENT = new Set(['RATIO']);

export async function reports(container, context) {
  const c = api.seg(context.communityId);
  const team = session.has(context.session, 'PROPERTY_MANAGER', 'STAFF', 'ADMIN');
  const thisMonth = localDate().slice(0, 7);
  const monthInput = h('input', { type: 'month', name: 'month', value: thisMonth, max: thisMonth, required: true });
  const report = h('div', { class: 'report', 'aria-live': 'polite' });
  const archive = h('div');
  const headerLang = () => (lang() === 'en' ? 'en' : 'zh-CN');
  const query = () => `?month=${encodeURIComponent(monthInput.value || thisMonth)}`;

  function value(info, v) {
    if (v === null || v === undefined) return h('span', { class: 'muted', title: t('reports.missing') }, '–');
    if (PERCENT.has(info.unit)) return number(100 * Number(v), 1) + ' %';
    return number(v, 2) + (info.unit === 'COUNT' ? '' : ' ' + t('unit.' + info.unit));
  }

  function render(monthly) {
    const name = info => (lang() === 'en' ? info.nameEn : info.nameZh);
    const areas = monthly.communities.length > 1 ? [...monthly.communities, monthly.total] : monthly.communities;
    const ranks = Object.fromEntries(monthly.comparison.map(r => [r.indicator, Object.fromEntries(r.ranks.map(x => [x.communityId, x.rank]))]));
    const columns = [{ key: 'indicator', label: t('reports.indicator') },
      ...areas.map((area, i) => ({ key: 'a' + i, numeric: true, label: area.communityId || t('reports.total'),
        value: row => row.values[i], render: row => row.cells[i] }))];
    const rows = monthly.indicators.map(info => ({
      indicator: name(info),
      values: areas.map(area => area.indicators[info.key] ?? null),
      cells: areas.map(area => {
        const v = area.indicators[info.key];
        const rank = area.communityId && monthly.communities.length > 1 ? ranks[info.key]?.[area.communityId] : null;
        return h('span', { title: info.formula }, value(info, v), rank ? h('span', { class: 'muted' }, ` #${rank}`) : null);
      }),
    }));
    const sources = monthly.total.sources.map(s => h('li', {}, t('reports.source.' + s.source), ' ',
      badge(t('reports.status.' + s.status), s.status === 'MISSING' ? 'danger' : s.status === 'RUNNING' ? '' : 'ok'),
      s.missingIn && s.missingIn.length ? ' ' + t('reports.missingIn') + ' ' + s.missingIn.join(', ') : ''));
    return [
      h('p', { class: 'muted' }, `${monthly.month} · ${t('reports.generated')} ${dateTime(monthly.generatedAt)} · `,
        monthly.complete ? t('reports.complete') : t('reports.running')),
      table({ columns, rows, caption: t('reports.monthly') + ' ' + monthly.month, filename: `monthly-report-${monthly.month}.csv` }),
      h('h3', {}, t('reports.sources')), h('ul', { class: 'list' }, sources),
    ];
  }

  async function load() {
    await fill(report, api.get('/api/ops/reports/monthly' + query()), render);
  }

  function download(format) {
    const month = monthInput.value || thisMonth;
    api.download(`/api/ops/reports/monthly${query()}&format=${format}&lang=${headerLang()}`, `monthly-report-${month}.${format}`,
      format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv')
      .catch(error => toast(error.message, 'error'));
  }

  const controls = h('form', { class: 'inline', onsubmit: event => { event.preventDefault(); load(); } },
    field(t('reports.month'), monthInput), h('button', { type: 'submit' }, t('reports.show')),
    h('button', { type: 'button', onclick: () => download('xlsx') }, t('reports.xlsx')),
    h('button', { type: 'button', onclick: () => download('csv') }, t('reports.csv')));

  const month = localDate().slice(0, 7);
  const start = startOfLocalDate(month + '-01');
  const downloads = [
    { label: t('reports.reductions'), path: `/api/accounting/communities/${c}/reductions/export?from=${encodeURIComponent(start.toISOString())}&to=${encodeURIComponent(new Date().toISOString())}`,
      file: `${context.communityId}-reductions-${month}.csv`, allowed: true },
    { label: t('reports.inventory'), path: `/api/sensing/communities/${c}/inventory`, file: `${context.communityId}-inventory.csv`, allowed: team },
    { label: t('reports.propertyFees'), path: `/api/credits/communities/${c}/property-fee-deductions/${month}`,
      file: `${context.communityId}-property-fee-deductions-${month}.csv`, allowed: session.has(context.session, 'PROPERTY_MANAGER', 'ADMIN') },
  ].filter(d => d.allowed);

  container.append(
    section(t('reports.monthly'), controls, report),
    section(t('reports.archive'), archive),
    section(t('reports.downloads'), h('ul', { class: 'list' }, downloads.map(d => h('li', {},
      h('button', { type: 'button', onclick: () => api.download(d.path, d.file).catch(error => toast(error.message, 'error')) }, d.label))))));

  await Promise.all([load(), fill(archive, api.get('/api/ops/reports/monthly/archive'), kept => table({
    columns: [
      { key: 'month', label: t('reports.month') },
      { key: 'scope', label: t('reports.scope'), value: r => t('reports.scope.' + r.scope) + ' ' + r.scopeId },
      { key: 'revision', label: t('reports.revision'), numeric: true },
      { key: 'generatedAt', label: t('reports.generated'), render: r => dateTime(r.generatedAt) },
      { key: 'files', label: t('reports.downloads'), render: r => h('span', {},
        ['xlsx', 'csv'].map(format => h('button', { type: 'button', class: 'link', onclick: () =>
          api.download(`/api/ops/reports/monthly/archive/${api.seg(r.id)}?format=${format}&lang=${headerLang()}`,
            `report-${r.scopeId}-${r.month}-r${r.revision}.${format}`,
            format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv')
            .catch(error => toast(error.message, 'error')) }, format.toUpperCase()))) },
    ],
    rows: kept, caption: t('reports.archive'), filename: 'kept-reports.csv', empty: t('reports.noneKept'),
  }))]);
}

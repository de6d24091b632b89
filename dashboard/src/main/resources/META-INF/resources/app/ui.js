// Small building blocks: elements built without innerHTML (text from the services is never parsed as HTML), figures,
// sortable and filterable tables that export CSV, charts (ECharts from its WebJar), messages.
import { t, lang } from './i18n.js';

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'class') element.className = value;
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

let timeZone = 'Asia/Shanghai';
export function useTimeZone(zone) { timeZone = zone || 'Asia/Shanghai'; }
export function currentTimeZone() { return timeZone; }

export function dateTime(value) {
  if (!value) return '–';
  return new Intl.DateTimeFormat(lang(), { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(new Date(value));
}

export function number(value, digits = 1) {
  if (value === undefined || value === null || value === '') return '–';
  return new Intl.NumberFormat(lang(), { maximumFractionDigits: digits }).format(Number(value));
}

export function quantity(q, digits = 1) {
  if (!q) return '–';
  if (q.unit === 'RATIO') return number(100 * Number(q.value), Math.max(0, digits - 1)) + ' %';
  return number(q.value, digits) + ' ' + t('unit.' + q.unit);
}

/** The start of today in the community's time zone, as an instant. */
export function startOfToday() {
  const now = new Date();
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now).map(p => [p.type, p.value]));
  const elapsed = ((Number(parts.hour) * 60 + Number(parts.minute)) * 60 + Number(parts.second)) * 1000;
  return new Date(Math.floor((now.getTime() - elapsed) / 1000) * 1000);
}

export function localDate(date = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

export function figure(label, value, note, attributes = {}) {
  return h('div', { class: 'figure', ...attributes },
    h('div', { class: 'figure-label' }, label),
    h('div', { class: 'figure-value' }, value),
    note ? h('div', { class: 'figure-note' }, note) : null);
}

export function section(title, ...children) {
  const id = 'h-' + Math.random().toString(36).slice(2, 8);
  return h('section', { class: 'panel', 'aria-labelledby': id }, h('h2', { id }, title), ...children);
}

/** What a view cannot show yet because its capability is still being built: said plainly, never faked. */
export function coming(what) {
  return h('p', { class: 'coming' }, h('strong', {}, t('coming.title') + ' '), what);
}

export function errorBox(error) {
  return h('p', { class: 'error', role: 'alert' }, t('error.load') + ' ' + (error && error.message ? error.message : error));
}

export function loading() {
  return h('p', { class: 'loading', role: 'status' }, t('loading'));
}

export function toast(message, kind = 'info') {
  const box = document.getElementById('toast');
  box.textContent = message;
  box.className = 'toast ' + kind;
  box.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { box.hidden = true; }, 6000);
}

/** Fills a container once a promise settles: its value through render, or the error. */
export async function fill(container, promise, render) {
  container.replaceChildren(loading());
  try {
    const value = await promise;
    container.replaceChildren(...[].concat(await render(value)));
  } catch (error) {
    container.replaceChildren(errorBox(error));
  }
}

function csvCell(value) {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? "'" + text : text; // no formulas for spreadsheets
  return /[",\n]/.test(safe) ? '"' + safe.replace(/"/g, '""') + '"' : safe;
}

/**
 * A table that sorts by any column (click or Enter on its header), filters by a text box and exports what it shows as CSV.
 * columns: [{ key, label, value(row) → sortable/exportable value, render(row) → node or text, numeric }]
 */
export function table({ columns, rows, caption, filename = 'export.csv', onRow, rowLabel, empty }) {
  let sortKey = null;
  let ascending = true;
  let filter = '';
  const body = h('tbody');
  const headerCells = columns.map(column => {
    const button = h('button', { type: 'button', class: 'sort', onclick: () => sortBy(column.key) }, column.label);
    return h('th', { scope: 'col', 'aria-sort': 'none', class: column.numeric ? 'num' : null, dataset: { key: column.key } }, button);
  });
  const valueOf = (column, row) => column.value ? column.value(row) : row[column.key];
  function visibleRows() {
    let shown = rows;
    if (filter) {
      const needle = filter.toLowerCase();
      shown = shown.filter(row => columns.some(column => String(valueOf(column, row) ?? '').toLowerCase().includes(needle)));
    }
    if (sortKey) {
      const column = columns.find(c => c.key === sortKey);
      shown = [...shown].sort((a, b) => {
        const x = valueOf(column, a); const y = valueOf(column, b);
        const order = (x === y) ? 0 : (x === null || x === undefined) ? 1 : (y === null || y === undefined) ? -1
          : (typeof x === 'number' && typeof y === 'number') ? x - y : String(x).localeCompare(String(y), lang());
        return ascending ? order : -order;
      });
    }
    return shown;
  }
  function render() {
    const shown = visibleRows();
    body.replaceChildren(...(shown.length ? shown.map(row => {
      const cells = columns.map(column => h('td', { class: column.numeric ? 'num' : null },
        column.render ? column.render(row) : (valueOf(column, row) ?? '–')));
      const tr = h('tr', {}, cells);
      if (onRow) {
        tr.classList.add('clickable');
        tr.tabIndex = 0;
        tr.setAttribute('aria-label', rowLabel ? rowLabel(row) : t('table.open'));
        tr.addEventListener('click', () => onRow(row));
        tr.addEventListener('keydown', event => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); onRow(row); } });
      }
      return tr;
    }) : [h('tr', {}, h('td', { colspan: columns.length, class: 'empty' }, empty || t('table.empty')))]));
    count.textContent = t('table.count').replace('{n}', shown.length).replace('{total}', rows.length);
  }
  function sortBy(key) {
    ascending = sortKey === key ? !ascending : true;
    sortKey = key;
    for (const th of headerCells) {
      th.setAttribute('aria-sort', th.dataset.key === key ? (ascending ? 'ascending' : 'descending') : 'none');
    }
    render();
  }
  function exportCsv() {
    const lines = [columns.map(c => csvCell(c.label)).join(',')]
      .concat(visibleRows().map(row => columns.map(c => csvCell(valueOf(c, row))).join(',')));
    const url = URL.createObjectURL(new Blob(['\ufeff' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' }));
    const link = h('a', { href: url, download: filename });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  const count = h('span', { class: 'table-count', 'aria-live': 'polite' });
  const search = h('input', { type: 'search', 'aria-label': t('table.filter') + (caption ? ': ' + caption : ''),
    placeholder: t('table.filter'), oninput: event => { filter = event.target.value; render(); } });
  const tools = h('div', { class: 'table-tools' }, search,
    h('button', { type: 'button', onclick: exportCsv }, t('table.export')), count);
  const element = h('div', { class: 'table-wrap' }, tools,
    h('div', { class: 'scroll' }, h('table', {}, caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, headerCells)), body)));
  render();
  element.update = newRows => { rows = newRows; render(); };
  return element;
}

const charts = new Set();
/** An ECharts chart in a labelled box; tooltips are drawn on the canvas (no HTML, so the strict CSP holds). */
export function chart(label, option, height = 280) {
  const box = h('div', { class: 'chart', role: 'img', 'aria-label': label, style: null });
  box.dataset.height = height;
  requestAnimationFrame(() => {
    if (!window.echarts || !box.isConnected) return;
    box.style.height = height + 'px';
    const instance = window.echarts.init(box, null, { renderer: 'canvas' });
    instance.setOption({
      textStyle: { fontFamily: 'system-ui, "PingFang SC", "Microsoft YaHei", sans-serif' },
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      grid: { left: 48, right: 16, top: 36, bottom: 32, containLabel: true },
      color: ['#1b7f5b', '#2f6db5', '#c2662d', '#7a4fb0', '#b23a48', '#5b6b2f'],
      ...option,
    });
    charts.add(instance);
    box.chart = instance;
  });
  return box;
}

export function disposeCharts() {
  for (const instance of charts) instance.dispose();
  charts.clear();
}

window.addEventListener('resize', () => { for (const instance of charts) instance.resize(); });

export function badge(text, kind) {
  return h('span', { class: 'badge ' + (kind || '') }, text);
}

/** A labelled form field. */
export function field(label, input) {
  const id = input.id || ('f-' + Math.random().toString(36).slice(2, 8));
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

/** The instant a local date (YYYY-MM-DD) starts in the community's time zone. */
export function startOfLocalDate(value) {
  const [y, m, d] = value.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(guess)).map(p => [p.type, p.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return new Date(guess - (wall - guess));
}

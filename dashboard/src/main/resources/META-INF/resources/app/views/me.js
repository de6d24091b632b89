// The resident's page, mobile first: my footprint, my credits, my household code, book a pickup — over the same resident
// REST API the mobile app uses.
import * as api from '../api.js';
import { t, lang } from '../i18n.js';
import { h, section, fill, number, quantity, dateTime, figure, toast, field, startOfToday, badge, coming } from '../ui.js';

export async function me(container) {
  const footprint = h('div');
  const rank = h('div');
  const credits = h('div');
  const code = h('div');
  const pickups = h('div');
  const book = h('div');
  container.append(
    section(t('me.footprint'), footprint),
    section(t('me.rank'), rank),
    section(t('me.credits'), credits),
    section(t('me.code'), code),
    section(t('me.book'), book),
    section(t('me.pickups'), pickups));

  const since = encodeURIComponent(startOfToday().toISOString());
  const jobs = [
    fill(footprint, Promise.all([api.get(`/api/accounting/me/consumption?from=${since}`), api.get('/api/accounting/me/reductions?size=5')]),
      ([consumption, reductions]) => [
        h('div', { class: 'figures' },
          (consumption.totals || []).map(r => figure(t('meter.' + r.meterType),
            quantity(r.consumption, 2), t('me.emissions') + ' ' + quantity(r.emissions, 2))),
          figure(t('me.reductions'), quantity(reductions.total, 2))),
        h('p', { class: 'muted' }, t('me.today')),
      ]),
    fill(credits, Promise.all([api.get('/api/credits/me'), api.get('/api/credits/me/rating').catch(() => null)]), ([account, grade]) => [
      h('div', { class: 'figures' }, figure(t('me.balance'), number(account.balance, 0), t('me.earned') + ' ' + number(account.earnedTotal, 0),
        { dataset: { figure: 'balance' } }),
        grade ? figure(t('me.grade'), t('rating.' + grade.grade), t('me.gradeNote').replace('{credits}', number(grade.credits, 0))
          .replace('{days}', grade.activeDays)) : null),
      account.recentEntries.length ? h('ul', { class: 'list' }, account.recentEntries.map(e => h('li', {},
        dateTime(e.occurredAt), ' · ', (e.amount > 0 ? '+' : '') + number(e.amount, 0), ' · ', e.reason || t('me.entry.' + e.kind))))
        : h('p', { class: 'muted' }, t('me.noEntries')),
    ]),
    (async () => {
      try {
        const householdCode = await api.get('/api/credits/me/household-code');
        code.replaceChildren(h('p', {}, t('me.codeText')),
          h('pre', { class: 'code', dataset: { field: 'household-code' } }, householdCode.code),
          h('p', { class: 'muted' }, t('me.codeRef') + ' ' + householdCode.householdRef + ' · ' + t('me.codeIssued') + ' ' + dateTime(householdCode.issuedAt)));
      } catch (error) {
        code.replaceChildren(error.status === 404 ? coming(t('me.codeComing')) : h('p', { class: 'error' }, error.message));
      }
    })(),
    loadPickups(),
    fill(rank, api.get('/api/accounting/me/ranking'), r => r.ranked
      ? [h('div', { class: 'figures' },
          figure(t('me.emissionsRank'), r.emissionsRank + ' / ' + r.householdsRanked,
            t('me.percentile') + ' ' + number(r.emissionsPercentile, 0), { dataset: { figure: 'rank' } }),
          figure(t('me.perMember'), quantity(r.emissionsPerMember, 1),
            r.distribution ? t('me.median') + ' ' + quantity(r.distribution.median, 1) : null)),
        h('p', { class: 'muted' }, t('me.rankText').replace('{month}', r.month))]
      : h('p', { class: 'muted' }, t('me.notRanked') + (r.reason ? ' (' + r.reason + ')' : ''))),
  ];

  async function loadPickups() {
    await fill(pickups, api.get('/api/recycling/pickups?size=20'), page => page.items.length ? h('ul', { class: 'list' }, page.items.map(p => h('li', {},
      dateTime(p.requestedAt), ' · ', p.categories.map(x => t('category.' + x)).join(', '), ' · ', badge(t('pickup.' + p.status), p.status.toLowerCase()),
      ['REQUESTED', 'DISPATCHED', 'ACCEPTED'].includes(p.status) ? h('button', { type: 'button', class: 'small', onclick: async () => {
        try {
          await api.send('POST', `/api/recycling/pickups/${api.seg(p.id)}/cancel`, { reason: t('me.cancelReason') });
          loadPickups();
        } catch (error) { toast(error.message, 'error'); }
      } }, t('me.cancel')) : null,
      p.status === 'COLLECTED' && !p.rating ? h('span', { class: 'stars', role: 'group', 'aria-label': t('me.rate') },
        [1, 2, 3, 4, 5].map(stars => h('button', { type: 'button', class: 'small', 'aria-label': t('me.stars').replace('{n}', stars),
          onclick: async () => {
            try {
              await api.send('POST', `/api/recycling/pickups/${api.seg(p.id)}/rating`, { stars });
              toast(t('me.rated'), 'ok');
              loadPickups();
            } catch (error) { toast(error.message, 'error'); }
          } }, '★'.repeat(stars)))) : null)))
      : h('p', { class: 'muted' }, t('me.noPickups')));
  }

  const categories = await api.get('/api/recycling/categories').catch(() => []);
  const boxes = categories.map(cat => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'category', value: cat.code }),
    ' ' + (lang() === 'zh-CN' ? cat.nameZh : cat.nameEn)));
  const weight = h('input', { type: 'number', name: 'weight', min: 0.1, max: 1000, step: 0.1, required: true, inputmode: 'decimal' });
  const note = h('input', { name: 'note', maxlength: 500 });
  const settlement = h('select', { name: 'settlement' }, h('option', { value: '' }, t('me.settleLater')),
    h('option', { value: 'CREDITS' }, t('me.settleCredits')), h('option', { value: 'CASH' }, t('me.settleCash')));
  book.replaceChildren(h('form', { class: 'grid-form', onsubmit: async event => {
    event.preventDefault();
    const chosen = boxes.map(b => b.querySelector('input')).filter(i => i.checked).map(i => i.value);
    if (!chosen.length) { toast(t('me.chooseCategory'), 'error'); return; }
    try {
      await api.send('POST', '/api/recycling/pickups', { categories: chosen, estimatedWeightKg: Number(weight.value),
        ...(note.value.trim() ? { note: note.value.trim() } : {}), ...(settlement.value ? { settlement: settlement.value } : {}) });
      toast(t('me.booked'), 'ok');
      event.target.reset();
      loadPickups();
    } catch (error) {
      toast(error.message, 'error');
    }
  } }, h('fieldset', {}, h('legend', {}, t('recycling.categories')), boxes),
  field(t('me.weight'), weight), field(t('me.settlement'), settlement), field(t('me.note'), note), h('button', { type: 'submit', class: 'primary' }, t('me.bookSubmit'))));
  await Promise.all(jobs);
}

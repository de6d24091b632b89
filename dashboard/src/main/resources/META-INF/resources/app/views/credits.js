// Credits: issued and outstanding, the community's catalogue and adding to it.
import * as api from '../api.js';
import { t, lang } from '../i18n.js';
import { h, table, section, fill, number, dateTime, figure, toast, field, startOfLocalDate, localDate } from '../ui.js';

const KINDS = ['MERCHANT_GOODS', 'PROPERTY_FEE', 'COMMUNITY_REWARD'];

export async function credits(container, context) {
  const c = api.seg(context.communityId);
  const summary = h('div', { class: 'figures' });
  const catalogue = h('div');
  const form = newItemForm();
  const merchants = h('div');
  const ratings = h('div');
  const anomalies = h('div');
  container.append(summary, section(t('credits.catalogue'), catalogue), section(t('credits.newItem'), form),
    h('div', { class: 'columns' }, section(t('credits.merchants'), merchants), section(t('credits.ratings'), ratings)),
    section(t('credits.anomalies'), anomalies));

  async function loadSummary() {
    try {
      const s = await api.get(`/api/credits/communities/${c}/summary`);
      summary.replaceChildren(
        figure(t('credits.awarded'), number(s.creditsAwarded, 0), null, { dataset: { figure: 'awarded' } }),
        figure(t('credits.outstanding'), number(s.creditsOutstanding, 0)),
        s.creditsRedeemed !== undefined ? figure(t('credits.redeemed'), number(s.creditsRedeemed, 0)) : null,
        figure(t('credits.households'), number(s.households, 0)));
    } catch (error) {
      summary.replaceChildren(h('p', { class: 'error' }, error.message));
    }
  }

  async function loadCatalogue() {
    await fill(catalogue, api.get(`/api/credits/communities/${c}/catalogue?size=200`), page => table({
      caption: t('credits.catalogue'), filename: 'catalogue.csv', rows: page.items, columns: [
        { key: 'name', label: t('credits.name'), value: i => lang() === 'zh-CN' ? i.nameZh : i.nameEn },
        { key: 'kind', label: t('credits.kind'), value: i => t('credits.kind.' + i.kind) },
        { key: 'price', label: t('credits.price'), numeric: true },
        { key: 'stock', label: t('credits.stock'), numeric: true },
        { key: 'validFrom', label: t('credits.validFrom'), render: i => dateTime(i.validFrom) },
        { key: 'validUntil', label: t('credits.validUntil'), render: i => dateTime(i.validUntil) },
      ],
    }));
  }

  function newItemForm() {
    const inputs = {
      kind: h('select', { name: 'kind' }, KINDS.map(k => h('option', { value: k }, t('credits.kind.' + k)))),
      nameZh: h('input', { name: 'nameZh', maxlength: 100, required: true }),
      nameEn: h('input', { name: 'nameEn', maxlength: 100, required: true }),
      price: h('input', { name: 'price', type: 'number', min: 1, max: 100000000, required: true }),
      stock: h('input', { name: 'stock', type: 'number', min: 0, max: 1000000, required: true }),
      validFrom: h('input', { name: 'validFrom', type: 'date', required: true }),
      validUntil: h('input', { name: 'validUntil', type: 'date', required: true }),
    };
    return h('form', { class: 'grid-form', onsubmit: async event => {
      event.preventDefault();
      const day = value => startOfLocalDate(value).toISOString();
      try {
        await api.send('POST', `/api/credits/communities/${c}/catalogue`, {
          kind: inputs.kind.value, nameZh: inputs.nameZh.value.trim(), nameEn: inputs.nameEn.value.trim(),
          price: Number(inputs.price.value), stock: Number(inputs.stock.value),
          validFrom: day(inputs.validFrom.value), validUntil: day(inputs.validUntil.value),
        });
        toast(t('credits.added'), 'ok');
        event.target.reset();
        loadCatalogue();
      } catch (error) {
        toast(error.message, 'error');
      }
    } },
    Object.entries(inputs).map(([name, input]) => field(t('credits.' + name), input)),
    h('button', { type: 'submit', class: 'primary' }, t('credits.add')));
  }

  const month = localDate().slice(0, 7);
  await Promise.all([loadSummary(), loadCatalogue(),
    fill(merchants, api.get(`/api/credits/communities/${c}/merchants`), list => table({
      caption: t('credits.merchants'), filename: 'merchants.csv', rows: list.items || list, empty: t('credits.noMerchants'), columns: [
        { key: 'name', label: t('credits.name') },
        { key: 'users', label: t('credits.users'), value: m => m.users.map(u => u.name).join(', ') },
        { key: 'onboardedAt', label: t('credits.onboarded'), value: m => m.onboardedAt, render: m => dateTime(m.onboardedAt) },
        { key: 'statement', label: t('credits.statement'), value: () => '', render: m => h('button', { type: 'button', class: 'small',
          onclick: () => api.get(`/api/credits/communities/${c}/merchants/${api.seg(m.id)}/statements/${month}`)
            .then(st => toast(t('credits.statementOf').replace('{month}', month).replace('{debits}', st.debits)
              .replace('{debited}', st.debited).replace('{net}', st.net), 'ok'))
            .catch(error => toast(error.message, 'error')) }, month) },
      ] })),
    fill(ratings, api.get(`/api/credits/communities/${c}/ratings/${month}`), r => [
      h('p', { class: 'muted' }, t('credits.ratingsOf').replace('{month}', month).replace('{n}', r.households)),
      h('ul', { class: 'list' }, Object.entries(r.grades).map(([grade, n]) => h('li', {}, t('rating.' + grade) + ': ' + number(n, 0))))]),
    fill(anomalies, api.get(`/api/credits/communities/${c}/earning-anomalies?size=100`), page => table({
      caption: t('credits.anomalies'), filename: 'earning-anomalies.csv', rows: page.items, empty: t('credits.noAnomalies'),
      columns: [
        { key: 'occurredAt', label: t('alerts.raised'), value: a => a.occurredAt, render: a => dateTime(a.occurredAt) },
        { key: 'householdId', label: t('recycling.household') },
        { key: 'behaviour', label: t('credits.behaviour'), value: a => t('behaviour.' + a.behaviour) },
        { key: 'reason', label: t('credits.reason') },
      ],
    })),
  ]);
}

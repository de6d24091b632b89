// The dashboard's shell: sign-in, the views a caller's roles allow, the community being looked at, the language.
// Views are hash routes (#/overview) so the gateway serves one page; each view calls the services' documented APIs.
import * as session from './session.js';
import * as api from './api.js';
import { t, lang, setLang, defaultLang, onLanguageChange } from './i18n.js';
import { h, useTimeZone, disposeCharts, toast, field } from './ui.js';
import { views } from './views/index.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const state = { session: null, communityId: null, community: null, stopView: null };

api.whenUnauthorized(() => { if (location.hash !== '#/login') { state.session = null; location.hash = '#/login'; } });

function allowedViews() {
  return views.filter(view => session.has(state.session, ...view.roles));
}

function renderChrome() {
  document.documentElement.lang = lang();
  document.title = t('app.title');
  document.getElementById('brand').textContent = t('app.title');
  document.querySelector('.skip-link').textContent = t('app.skip');
  const toggle = document.getElementById('lang-toggle');
  toggle.textContent = lang() === 'zh-CN' ? 'English' : '中文';
  toggle.setAttribute('lang', lang() === 'zh-CN' ? 'en' : 'zh-CN');
  toggle.setAttribute('aria-label', t('app.switchLanguage'));
  const signedIn = state.session;
  document.getElementById('logout').hidden = !signedIn;
  document.getElementById('logout').textContent = t('app.logout');
  document.getElementById('user').textContent = signedIn ? signedIn.user + ' · ' + signedIn.roles.map(r => t('role.' + r)).join(', ') : '';
  document.getElementById('menu-toggle').hidden = !signedIn;
  document.getElementById('menu-toggle').setAttribute('aria-label', t('app.menu'));
  nav.hidden = !signedIn;
  const current = location.hash.replace(/^#\//, '').split('/')[0];
  nav.replaceChildren(h('ul', {}, allowedViews().map(view => h('li', {},
    h('a', { href: '#/' + view.id, 'aria-current': view.id === current ? 'page' : null }, t('view.' + view.id))))));
  renderCommunityChoice();
}

function communityChoices() {
  const s = state.session;
  if (!s) return [];
  if (s.communityIds.length) return s.communityIds;
  if (s.communityId) return [s.communityId];
  return state.allCommunities || [];
}

function renderCommunityChoice() {
  const label = document.getElementById('community-select-label');
  const select = document.getElementById('community-select');
  const choices = communityChoices();
  document.getElementById('community-select-caption').textContent = t('app.community');
  label.hidden = !state.session || choices.length < 2;
  select.replaceChildren(...choices.map(id => h('option', { value: id, selected: id === state.communityId ? true : null }, id)));
}

async function chooseCommunity(id) {
  state.communityId = id;
  state.community = null;
  if (!id) return;
  sessionStorage.setItem('cc.community', id);
  // the registry names the community's time zone (and, where set, its locale), asked once a session: each reload and view
  // reuses it (a community's time zone does not change under a signed-in user); readers without registry access (the
  // street office) fall back to Asia/Shanghai
  const kept = JSON.parse(sessionStorage.getItem('cc.community.' + id) || 'null');
  if (kept) {
    state.community = kept;
  } else {
    try {
      state.community = await api.get('/api/sensing/communities/' + api.seg(id));
      sessionStorage.setItem('cc.community.' + id, JSON.stringify(state.community));
    } catch (error) {
      state.community = { id, timeZone: 'Asia/Shanghai' };
      if (error instanceof api.ApiError && (error.status === 403 || error.status === 404)) {
        sessionStorage.setItem('cc.community.' + id, JSON.stringify(state.community));
      }
    }
  }
  useTimeZone(state.community.timeZone);
}

async function afterSignIn() {
  const s = state.session;
  if (session.has(s, 'ADMIN')) {
    try {
      const communities = await api.get('/api/sensing/communities');
      state.allCommunities = (communities.items || communities).map(c => c.id);
    } catch (error) { state.allCommunities = []; }
  }
  const choices = communityChoices();
  const remembered = sessionStorage.getItem('cc.community');
  await chooseCommunity(choices.includes(remembered) ? remembered : (choices[0] || null));
  if (!localStorage.getItem('cc.lang')) setLang(defaultLang(state.community), false);
}

function loginView() {
  const message = h('p', { class: 'error', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'primary', disabled: true }, t('login.submit'));
  const hint = h('p', { class: 'hint', id: 'demo-hint' });
  let config = null;
  const form = h('form', { class: 'login', 'aria-labelledby': 'login-title', onsubmit: async event => {
    event.preventDefault();
    if (!config) return;
    button.disabled = true;
    const wanted = location.hash.replace(/^#\//, '');
    await session.signIn(config, wanted && wanted !== 'login' ? wanted : null);
  } },
  h('h1', { id: 'login-title' }, t('login.title')),
  h('p', {}, t('login.intro')),
  button, message, hint,
  h('p', { class: 'hint' }, h('a', { href: '/api.html' }, t('login.apiGuide'))));
  if (state.signInError) {
    message.textContent = t('login.error') + ' ' + state.signInError;
    message.hidden = false;
    state.signInError = null;
  }
  signInConfiguration().then(found => {
    config = found;
    if (config.mode === 'none') {
      hint.textContent = t('login.noProvider');
      return;
    }
    button.disabled = false;
    button.focus();
    hint.textContent = config.mode === 'demo' ? t('login.demoHint') : t('login.providerHint');
  }).catch(error => {
    message.textContent = t('login.error') + ' ' + error.message;
    message.hidden = false;
  });
  return h('div', { class: 'login-page' }, form);
}

let configurationPromise = null;
function signInConfiguration() {
  if (!configurationPromise) configurationPromise = session.configuration().catch(error => { configurationPromise = null; throw error; });
  return configurationPromise;
}

let routing = 0;
async function route() {
  if (state.starting) return; // the start-up routes once it is done
  const mine = ++routing; // a newer route (a click, a hash change) supersedes this one after each await
  if (state.stopView) { state.stopView(); state.stopView = null; }
  disposeCharts();
  state.session = session.current();
  renderChrome();
  const [id, ...rest] = location.hash.replace(/^#\//, '').split('/');
  if (!state.session) {
    main.replaceChildren(loginView());
    return;
  }
  if (!state.community && communityChoices().length) await chooseCommunity(communityChoices()[0]);
  if (mine !== routing) return;
  const allowed = allowedViews();
  const view = allowed.find(v => v.id === id);
  if (!view) {
    if (id && views.some(v => v.id === id)) {
      main.replaceChildren(h('div', { class: 'panel' }, h('h1', {}, t('denied.title')), h('p', {}, t('denied.text'))));
      return;
    }
    location.hash = '#/' + (allowed[0] ? allowed[0].id : 'login');
    return;
  }
  const container = h('div', { class: 'view view-' + view.id });
  main.replaceChildren(h('h1', { class: 'view-title' }, t('view.' + view.id)), container);
  const context = { session: state.session, communityId: state.communityId, community: state.community, params: rest,
    live: document.getElementById('live-status') };
  try {
    const stop = await view.render(container, context) || null;
    if (mine !== routing) { if (stop) stop(); return; }
    state.stopView = stop;
  } catch (error) {
    toast(error.message, 'error');
  }
}

document.getElementById('lang-toggle').addEventListener('click', () => setLang(lang() === 'zh-CN' ? 'en' : 'zh-CN', true));
document.getElementById('logout').addEventListener('click', () => {
  session.end();
  Object.keys(sessionStorage).filter(key => key.startsWith('cc.community')).forEach(key => sessionStorage.removeItem(key));
  state.session = null;
  state.community = null;
  location.hash = '#/login';
});
document.getElementById('community-select').addEventListener('change', async event => {
  await chooseCommunity(event.target.value);
  route();
});
document.getElementById('menu-toggle').addEventListener('click', event => {
  const open = nav.classList.toggle('open');
  event.currentTarget.setAttribute('aria-expanded', String(open));
});
nav.addEventListener('click', () => nav.classList.remove('open'));
onLanguageChange(route);
window.addEventListener('hashchange', route);

(async () => {
  state.starting = true;
  // back from the identity provider with ?code=…&state=…: finish signing in before anything else
  let wanted = null;
  if (new URLSearchParams(location.search).has('code') || new URLSearchParams(location.search).has('error')) {
    try {
      wanted = await session.completeSignIn(await signInConfiguration());
    } catch (error) {
      state.signInError = error.message;
    }
  }
  state.session = session.current();
  if (state.session) {
    await afterSignIn();
    // the page asked for before signing in, if this user may see it; else the user's first
    if (wanted && allowedViews().some(view => view.id === wanted.split('/')[0])) {
      history.replaceState(null, '', '/#/' + wanted);
    } else if (wanted || !location.hash || location.hash === '#/login') {
      const first = allowedViews()[0];
      history.replaceState(null, '', '/#/' + (first ? first.id : 'overview'));
    }
  }
  state.starting = false;
  route();
})();

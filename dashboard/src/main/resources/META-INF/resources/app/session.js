// Who is signed in. The dashboard signs in with the authorization code flow and PKCE (RFC 6749 §4.1, RFC 7636 S256) at
// the identity provider the gateway names in /auth/config: the gateway's demo issuer on the local run, the OIDC provider
// (Keycloak) in production — one code path for both. The tokens live in this tab's sessionStorage only; the claims
// here only choose which views to offer, the services decide what the caller may read.

const KEY = 'cc.session';
const PENDING = 'cc.signin';

export function current() {
  const stored = sessionStorage.getItem(KEY);
  if (!stored) return null;
  const session = JSON.parse(stored);
  if (session.expiresAt <= Date.now() && !session.refreshToken) {
    sessionStorage.removeItem(KEY);
    return null;
  }
  return session;
}

export function claimsOf(token) {
  const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
  const json = decodeURIComponent(Array.from(atob(payload), c => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''));
  return JSON.parse(json);
}

function start(tokens, tokenEndpoint, clientId) {
  const claims = claimsOf(tokens.access_token);
  const expiresAt = Math.min(Date.now() + (tokens.expires_in || 300) * 1000, (claims.exp || Infinity) * 1000);
  const session = {
    token: tokens.access_token, expiresAt, refreshToken: tokens.refresh_token || null, tokenEndpoint, clientId,
    user: claims.preferred_username || claims.sub,
    roles: claims.roles || [],
    communityId: claims.community_id || null,
    communityIds: claims.community_ids || [],
    householdId: claims.household_id || null,
  };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

export function end() {
  sessionStorage.removeItem(KEY);
}

export function has(session, ...roles) {
  return !!session && roles.some(role => session.roles.includes(role));
}

/** Where and how to sign in: {mode: 'demo' | 'oidc' | 'none', authorizationEndpoint, tokenEndpoint, clientId, scope}. */
export async function configuration() {
  const response = await fetch('/auth/config', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error('HTTP ' + response.status);
  return response.json();
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(length) {
  return base64url(crypto.getRandomValues(new Uint8Array(length)));
}

function redirectUri() {
  return location.origin + '/';
}

/** Leaves for the provider's sign-in page, with a fresh PKCE verifier and state kept in this tab. */
export async function signIn(config, view) {
  const verifier = randomString(32);
  const state = randomString(16);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, view }));
  const url = new URL(config.authorizationEndpoint, location.origin);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: config.clientId, redirect_uri: redirectUri(), scope: config.scope || 'openid',
    state, code_challenge: challenge, code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

async function tokenRequest(tokenEndpoint, parameters) {
  const response = await fetch(new URL(tokenEndpoint, location.origin), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(parameters),
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(body.error_description || body.detail || body.error || ('HTTP ' + response.status));
    error.status = response.status;
    throw error;
  }
  return body;
}

/**
 * Completes a sign-in when the provider sent the browser back with ?code=…&state=…: checks the state, trades the code
 * and the verifier for tokens, and removes both from the address bar. Returns the view to open, or null.
 */
export async function completeSignIn(config) {
  const query = new URLSearchParams(location.search);
  if (!query.has('code') && !query.has('error')) return null;
  const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
  sessionStorage.removeItem(PENDING);
  history.replaceState(null, '', location.pathname + location.hash);
  if (query.has('error')) throw new Error(query.get('error_description') || query.get('error'));
  if (!pending || pending.state !== query.get('state')) throw new Error('state');
  const tokens = await tokenRequest(config.tokenEndpoint, {
    grant_type: 'authorization_code', code: query.get('code'), redirect_uri: redirectUri(), client_id: config.clientId,
    code_verifier: pending.verifier,
  });
  start(tokens, config.tokenEndpoint, config.clientId);
  return pending.view || null;
}

/** A token valid for at least 30 s more: refreshed with the refresh token the provider gave, if any. */
export async function freshToken() {
  const session = current();
  if (!session) return null;
  if (session.expiresAt - Date.now() > 30_000) return session.token;
  if (!session.refreshToken) { end(); return null; }
  try {
    const tokens = await tokenRequest(session.tokenEndpoint, {
      grant_type: 'refresh_token', refresh_token: session.refreshToken, client_id: session.clientId,
    });
    return start({ refresh_token: session.refreshToken, ...tokens }, session.tokenEndpoint, session.clientId).token;
  } catch (error) {
    end();
    return null;
  }
}

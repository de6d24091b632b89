// Who is signed in: the bearer token the gateway issued (demo issuer) and the claims the dashboard shapes itself by.
// The token lives in this tab's sessionStorage only; the services decide what the caller may see, the claims here only
// choose which views to offer.

const KEY = 'cc.session';

export function current() {
  const stored = sessionStorage.getItem(KEY);
  if (!stored) return null;
  const session = JSON.parse(stored);
  if (session.expiresAt <= Date.now()) {
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

export function start(token, expiresInSeconds) {
  const claims = claimsOf(token);
  const expiresAt = Math.min(Date.now() + expiresInSeconds * 1000, (claims.exp || Infinity) * 1000);
  const session = {
    token, expiresAt,
    user: claims.sub,
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

/** Signs in with the demo issuer's password grant (the local run); a production deployment signs in at its OIDC provider. */
export async function signIn(username, password) {
  const response = await fetch('/auth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }),
  });
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (ignored) { /* not a problem document */ }
    const error = new Error(detail);
    error.status = response.status;
    throw error;
  }
  const body = await response.json();
  return start(body.access_token, body.expires_in);
}

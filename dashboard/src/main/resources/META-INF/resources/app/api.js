// Calls the services' documented APIs through the gateway with the signed-in caller's token. Errors are the services'
// RFC 9457 problem details, thrown as ApiError so a view can show the service's own words.
import * as session from './session.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || ('HTTP ' + status));
    this.status = status;
    this.problem = problem;
  }
}

let onUnauthorized = () => {};
export function whenUnauthorized(callback) { onUnauthorized = callback; }

async function call(path, { method = 'GET', body, headers = {}, accept = 'application/json' } = {}) {
  const token = await session.freshToken();
  if (!token) { onUnauthorized(); throw new ApiError(401, { title: 'Unauthorized' }); }
  const init = { method, headers: { Accept: accept, Authorization: 'Bearer ' + token, ...headers } };
  if (body instanceof Blob || typeof body === 'string') {
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, init);
  if (response.status === 401) { session.end(); onUnauthorized(); }
  if (!response.ok) {
    let problem = { title: response.statusText };
    try { problem = await response.json(); } catch (ignored) { /* not a problem document */ }
    throw new ApiError(response.status, problem);
  }
  return response;
}

export async function get(path) {
  const response = await call(path);
  return response.status === 204 ? null : response.json();
}

export async function send(method, path, body, headers) {
  const response = await call(path, { method, body, headers });
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : null;
}

/** Downloads a file (a CSV export) with the caller's token, as a browser download. */
export async function download(path, filename, accept = 'text/csv') {
  const response = await call(path, { accept });
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The number of items a paged list holds, from one page of one item. */
export async function count(path) {
  const page = await get(path + (path.includes('?') ? '&' : '?') + 'size=1');
  return page.totalItems;
}

/** Encodes a path segment. */
export const seg = value => encodeURIComponent(value);

/** Opens an authorised server-sent event stream (EventSource cannot send a token, so fetch reads the stream). */
export function stream(path, onEvent, onState) {
  let stopped = false;
  let controller;
  let retryMs = 1000;
  async function connect() {
    const token = await session.freshToken();
    if (!token || stopped) return;
    controller = new AbortController();
    try {
      const response = await fetch(path, {
        headers: { Accept: 'text/event-stream', Authorization: 'Bearer ' + token },
        signal: controller.signal,
      });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      onState('live');
      retryMs = 1000;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let name = 'message';
          const data = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) name = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          if (data.length) {
            try { onEvent(name, JSON.parse(data.join('\n'))); } catch (ignored) { /* a malformed event is skipped */ }
          }
        }
      }
    } catch (error) {
      if (stopped) return;
    }
    if (!stopped) {
      onState('reconnecting');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 30_000);
    }
  }
  connect();
  return () => { stopped = true; if (controller) controller.abort(); onState('off'); };
}

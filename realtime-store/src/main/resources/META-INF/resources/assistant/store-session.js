// The store's session endpoint (POST /api/assistant/session): a fresh single-use gateway token for every use, with
// the addresses it is good for — `url`, the Realtime WebSocket (connection.js), and `chat_url`, the gateway's text
// chat (chat-link.js). Also how a refused request's problem document is put into words (webrtc-connection.js and
// chat-link.js use it for theirs).
//
// The token only ever lives in local variables between this fetch and its one use: it is never logged, stored or shown.

const SESSION_ENDPOINT = '/api/assistant/session';

/** A failure the shopper should read as is (the server's problem detail, or our own wording). */
export class ConnectionError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'ConnectionError';
    this.status = status || 0;
  }
}

/**
 * What a refused request says, in words for the shopper: its problem detail (or title), else `fallback`.
 * @param {string} [fallback]  default: the store could not start a session, with the HTTP status
 */
export async function problemDetail(response, fallback) {
  try {
    const type = response.headers.get('Content-Type') || '';
    if (type.includes('json')) {
      const body = await response.json();
      if (body && typeof body.detail === 'string' && body.detail) {
        return body.detail;
      }
      if (body && typeof body.title === 'string' && body.title) {
        return body.title;
      }
    }
  } catch (unreadable) {
    // fall through to the status line
  }
  if (fallback !== undefined) {
    return fallback;
  }
  return `The store could not start an assistant session (HTTP ${response.status}${response.statusText ? ' ' + response.statusText : ''}).`;
}

/**
 * A token and the address it is for.
 * @param {'url'|'chat_url'} field  which address the caller will use the token on
 * @param {AbortSignal} [signal]
 * @returns {Promise<{token: string, address: string}>}  rejects with a ConnectionError
 */
export async function fetchSession(field, signal) {
  let response;
  try {
    response = await fetch(SESSION_ENDPOINT, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
      body: '{}',
      credentials: 'same-origin',
      cache: 'no-store',
      signal,
    });
  } catch (offline) {
    if (signal && signal.aborted) {
      throw offline;
    }
    throw new ConnectionError('The store could not be reached. Check your connection.');
  }
  if (!response.ok) {
    throw new ConnectionError(await problemDetail(response), response.status);
  }
  const body = await response.json().catch(() => null);
  if (!body || typeof body.token !== 'string' || !body.token || typeof body[field] !== 'string' || !body[field]) {
    throw new ConnectionError('The store answered the session request without a usable token.');
  }
  return { token: body.token, address: body[field] };
}

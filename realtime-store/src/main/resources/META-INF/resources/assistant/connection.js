// The link to the Realtime gateway: a fresh single-use token from the store for every attempt, the
// WebSocket with the store's subprotocols, and reconnection with exponential backoff when the socket drops.
//
// The token only ever lives in a local variable between the fetch and the WebSocket constructor: it is never
// logged, stored, or shown (it travels as a subprotocol because browsers cannot set an Authorization header).

export const SUBPROTOCOL = 'realtime-store.v1';
const TOKEN_PROTOCOL_PREFIX = 'realtime-store.token.';
const SESSION_ENDPOINT = '/api/assistant/session';

import { RetryingLink } from './retrying-link.js';

/** A failure the shopper should read as is (the server's problem detail, or our own wording). */
export class ConnectionError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'ConnectionError';
    this.status = status || 0;
  }
}

/** What a refused request says, in words for the shopper (also used by webrtc-connection.js). */
export async function problemDetail(response) {
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
  return `The store could not start an assistant session (HTTP ${response.status}${response.statusText ? ' ' + response.statusText : ''}).`;
}

/** POST /api/assistant/session → {token, url}. */
async function fetchSession() {
  let response;
  try {
    response = await fetch(SESSION_ENDPOINT, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, application/problem+json' },
      body: '{}',
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (offline) {
    throw new ConnectionError('The store could not be reached. Check your connection.');
  }
  if (!response.ok) {
    throw new ConnectionError(await problemDetail(response), response.status);
  }
  const body = await response.json().catch(() => null);
  if (!body || typeof body.token !== 'string' || !body.token || typeof body.url !== 'string' || !body.url) {
    throw new ConnectionError('The store answered the session request without a usable token.');
  }
  return { token: body.token, url: toWebSocketUrl(body.url) };
}

// The server normally gives an absolute ws(s):// URL; a relative or http(s) one is resolved against the page.
function toWebSocketUrl(raw) {
  const url = new URL(raw, window.location.href);
  if (url.protocol === 'http:') {
    url.protocol = 'ws:';
  } else if (url.protocol === 'https:') {
    url.protocol = 'wss:';
  }
  return url.href;
}

export class Connection extends RetryingLink {
  /**
   * @param {object} handlers
   * @param {(event: object) => void} handlers.onEvent  every server event, parsed
   * @param {(info: {reconnect: boolean}) => void} handlers.onOpen
   * @param {(info: {attempt: number, delayMs: number}) => void} handlers.onRetry  a reconnect is scheduled
   * @param {(info: {attempt: number}) => void} handlers.onAttempt  a (re)connection attempt starts
   * @param {(info: {code: number, reason: string}) => void} handlers.onClosed  closed for good (no retry)
   * @param {(info: {message: string, gaveUp: boolean}) => void} handlers.onFailed
   * @param {() => void} handlers.onDrop  an established connection dropped (a retry follows)
   */
  constructor(handlers) {
    super(handlers);
    this.socket = null;
  }

  get isOpen() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  get bufferedAmount() {
    return this.socket ? this.socket.bufferedAmount : 0;
  }

  async open() {
    const generation = ++this.generation;
    this.handlers.onAttempt({ attempt: this.attempt });
    let session;
    try {
      session = await fetchSession();
    } catch (error) {
      if (generation === this.generation) {
        this.failedAttempt(error.message);
      }
      return;
    }
    if (generation !== this.generation) {
      return;
    }
    let socket;
    try {
      socket = new WebSocket(session.url, [SUBPROTOCOL, TOKEN_PROTOCOL_PREFIX + session.token]);
    } catch (badUrl) {
      // A bad URL, or ws:// from an https page (mixed content): retrying cannot help.
      this.fail(`The assistant's address is not usable from this page (${badUrl.message}).`, false);
      return;
    }
    session = null; // drop the token as soon as it has been handed over
    this.socket = socket;
    let opened = false;

    socket.addEventListener('open', () => {
      if (generation !== this.generation) {
        return;
      }
      opened = true;
      this.reportOpen();
    });
    socket.addEventListener('message', (message) => {
      if (generation === this.generation) {
        this.deliver(message.data);
      }
    });
    socket.addEventListener('close', (close) => {
      if (generation !== this.generation) {
        return;
      }
      this.socket = null;
      this.closed(close.code, close.reason || '', opened);
    });
  }

  closed(code, reason, opened) {
    if (code === 1000 || this.expectingClose) {
      this.generation++;
      this.handlers.onClosed({ code, reason });
      return;
    }
    if (!this.retrying) {
      // The first attempt of a Connect click: say why instead of retrying silently.
      const why = code === 1006
        ? 'The assistant service refused or dropped the connection.'
        : `The assistant service closed the connection (code ${code}${reason ? ': ' + reason : ''}).`;
      this.fail(why, false);
      return;
    }
    if (opened) {
      this.handlers.onDrop({ code, reason });
    }
    this.failedAttempt(opened
      ? `the connection dropped (code ${code})`
      : 'the assistant service could not be reached');
  }

  transmit(text) {
    this.socket.send(text);
  }

  release() {
    if (this.socket) {
      const socket = this.socket;
      this.socket = null;
      try {
        socket.close(1000, 'client closed');
      } catch (ignored) {
        // already closing
      }
    }
  }
}

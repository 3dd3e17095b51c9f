// The link to the Realtime gateway: a fresh single-use token from the store for every attempt, the
// WebSocket with the store's subprotocols, and reconnection with exponential backoff when the socket drops.
//
// The token only ever lives in a local variable between the fetch and the WebSocket constructor: it is never
// logged, stored, or shown (it travels as a subprotocol because browsers cannot set an Authorization header).

export const SUBPROTOCOL = 'realtime-store.v1';
const TOKEN_PROTOCOL_PREFIX = 'realtime-store.token.';
const SESSION_ENDPOINT = '/api/assistant/session';

const BASE_DELAY_MS = 500; // 0.5, 1, 2, 4, 8, 8 s
const MAX_DELAY_MS = 8000;
const JITTER = 0.25; // up to +25 %, so many tabs dropped by the same outage do not retry in lockstep
export const MAX_ATTEMPTS = 6;

/** A failure the shopper should read as is (the server's problem detail, or our own wording). */
export class ConnectionError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'ConnectionError';
    this.status = status || 0;
  }
}

async function problemDetail(response) {
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

function backoffDelay(attempt) {
  const base = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
  return Math.round(base * (1 + Math.random() * JITTER));
}

export class Connection {
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
    this.handlers = handlers;
    this.socket = null;
    this.generation = 0; // bumps on every close/connect, so stale callbacks of old sockets are ignored
    this.attempt = 0; // consecutive failed reconnect attempts
    this.retrying = false; // whether failures are retried (a drop, or a resume after navigation)
    this.everOpened = false;
    this.expectingClose = false;
    this.retryTimer = 0;
  }

  get isOpen() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  get bufferedAmount() {
    return this.socket ? this.socket.bufferedAmount : 0;
  }

  /**
   * @param {{retry: boolean}} options  retry: failures are retried with backoff from the start (used when
   *        resuming a conversation after a page load); a Connect click fails fast with the reason instead.
   */
  connect({ retry }) {
    this.stop();
    this.retrying = Boolean(retry);
    this.attempt = 0;
    this.everOpened = false;
    this.expectingClose = false;
    if (this.retrying) {
      this.attempt = 1;
    }
    this.open();
  }

  /** The session is really up (store.session arrived): the next drop starts the backoff from scratch. */
  markEstablished() {
    this.attempt = 0;
  }

  /** The server announced that it will close (end of conversation): that close is not a drop. */
  expectClose() {
    this.expectingClose = true;
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
      const reconnect = this.everOpened || this.retrying;
      this.everOpened = true;
      this.retrying = true; // from now on, a drop is retried
      this.handlers.onOpen({ reconnect });
    });
    socket.addEventListener('message', (message) => {
      if (generation !== this.generation || typeof message.data !== 'string') {
        return;
      }
      let event;
      try {
        event = JSON.parse(message.data);
      } catch (notJson) {
        return;
      }
      if (event && typeof event === 'object') {
        this.handlers.onEvent(event);
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

  failedAttempt(message) {
    if (!this.retrying) {
      this.fail(message, false);
      return;
    }
    if (this.attempt >= MAX_ATTEMPTS) {
      this.fail(message, true);
      return;
    }
    this.attempt++;
    const delayMs = backoffDelay(this.attempt);
    const generation = ++this.generation;
    this.handlers.onRetry({ attempt: this.attempt, delayMs, message });
    this.retryTimer = setTimeout(() => {
      if (generation === this.generation) {
        this.open();
      }
    }, delayMs);
  }

  fail(message, gaveUp) {
    this.stop();
    this.handlers.onFailed({ message, gaveUp });
  }

  /** Sends one client event; false when the socket is not open. */
  send(event) {
    if (!this.isOpen) {
      return false;
    }
    this.socket.send(JSON.stringify(event));
    return true;
  }

  /** Closes on the shopper's request (or because the page goes away): never retried. */
  close() {
    this.stop();
  }

  stop() {
    this.generation++;
    clearTimeout(this.retryTimer);
    this.retryTimer = 0;
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

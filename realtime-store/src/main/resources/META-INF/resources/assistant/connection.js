// The link to the Realtime gateway: a fresh single-use token from the store for every attempt (store-session.js),
// the WebSocket with the store's subprotocols, and reconnection with exponential backoff when the socket drops.
//
// The token travels as a subprotocol because browsers cannot set an Authorization header on a WebSocket.

export const SUBPROTOCOL = 'realtime-store.v1';
const TOKEN_PROTOCOL_PREFIX = 'realtime-store.token.';
// Sockets that could not be opened this many times in a row: the voice service is out of reach, and the conversation
// goes on by text chat meanwhile (text-chat.js). Fewer are retried quietly, a Connect click's first one included.
const UNREACHABLE_AFTER = 3;

import { RetryingLink } from './retrying-link.js';
import { fetchSession } from './store-session.js';

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
   * @param {(info: {message: string, gaveUp: boolean, reason: string|null}) => void} handlers.onFailed  reason
   *        'unreachable': the socket could not be opened UNREACHABLE_AFTER times in a row
   * @param {() => void} handlers.onDrop  an established connection dropped (a retry follows)
   */
  constructor(handlers) {
    super(handlers);
    this.socket = null;
    this.unopened = 0; // consecutive sockets that closed before they opened
  }

  connect(options) {
    this.unopened = 0;
    super.connect(options);
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
      session = await fetchSession('url');
      session.url = toWebSocketUrl(session.address);
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
      this.unopened = 0;
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
    if (!opened) {
      this.unopened++;
      if (this.unopened >= UNREACHABLE_AFTER) {
        this.fail('The voice service could not be reached.', false, 'unreachable');
        return;
      }
      this.retrying = true; // not yet a reason to give up: the next attempt follows the backoff
      this.failedAttempt('the assistant service could not be reached');
      return;
    }
    if (!this.retrying) {
      // The first attempt of a Connect click was closed: say why instead of retrying silently.
      this.fail(`The assistant service closed the connection (code ${code}${reason ? ': ' + reason : ''}).`, false);
      return;
    }
    this.handlers.onDrop({ code, reason });
    this.failedAttempt(`the connection dropped (code ${code})`);
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

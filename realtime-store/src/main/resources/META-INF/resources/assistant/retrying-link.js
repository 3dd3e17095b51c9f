// What the two links to the assistant share (the gateway's WebSocket in connection.js, the direct WebRTC call in
// webrtc-connection.js): retrying with exponential backoff and jitter, giving up after MAX_ATTEMPTS, ignoring the
// callbacks of links already replaced (the generation counter), and sending JSON events only while open.
// A link supplies open() (one attempt), isOpen, transmit(text) and release() (drop whatever it holds).

const BASE_DELAY_MS = 500; // 0.5, 1, 2, 4, 8, 8 s
const MAX_DELAY_MS = 8000;
const JITTER = 0.25; // up to +25 %, so many tabs dropped by the same outage do not retry in lockstep
export const MAX_ATTEMPTS = 6;

/** The wait before reconnect attempt `attempt` (1, 2, ...). */
export function backoffDelay(attempt) {
  const base = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
  return Math.round(base * (1 + Math.random() * JITTER));
}

export class RetryingLink {
  constructor(handlers) {
    this.handlers = handlers;
    this.generation = 0; // bumps on every close/connect, so stale callbacks of old links are ignored
    this.attempt = 0; // consecutive failed reconnect attempts
    this.retrying = false; // whether failures are retried (a drop, or a resume after navigation)
    this.everOpened = false;
    this.expectingClose = false;
    this.retryTimer = 0;
  }

  /**
   * @param {{retry: boolean}} options  retry: failures are retried with backoff from the start (used when
   *        resuming a conversation after a page load); a Connect click fails fast with the reason instead.
   */
  connect({ retry }) {
    this.stop();
    this.retrying = Boolean(retry);
    this.attempt = this.retrying ? 1 : 0;
    this.everOpened = false;
    this.expectingClose = false;
    this.open();
  }

  /** The session is really up: the next drop starts the backoff from scratch. */
  markEstablished() {
    this.attempt = 0;
  }

  /** The other side announced that it will close (end of conversation, session limit): that close is not a drop. */
  expectClose() {
    this.expectingClose = true;
  }

  /** The link opened: from now on a drop is retried, and the controller learns whether this was a reconnect. */
  reportOpen() {
    const reconnect = this.everOpened || this.retrying;
    this.everOpened = true;
    this.retrying = true;
    this.handlers.onOpen({ reconnect });
  }

  /** A text message from the other side: a server event when it is a JSON object, ignored otherwise. */
  deliver(data) {
    if (typeof data !== 'string') {
      return;
    }
    let event;
    try {
      event = JSON.parse(data);
    } catch (notJson) {
      return;
    }
    if (event && typeof event === 'object') {
      this.handlers.onEvent(event);
    }
  }

  /** An attempt failed: retry after the backoff, or give up (at once when failures are not retried). */
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

  /** The link stops; `reason` names a failure the controller treats specially (connection.js: 'unreachable'). */
  fail(message, gaveUp, reason = null) {
    this.stop();
    this.handlers.onFailed({ message, gaveUp, reason });
  }

  /** Sends one client event; false when the link is not open. */
  send(event) {
    if (!this.isOpen) {
      return false;
    }
    this.transmit(JSON.stringify(event));
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
    this.release();
  }
}

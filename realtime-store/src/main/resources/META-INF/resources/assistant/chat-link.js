// The gateway's text chat, for when voice cannot be used: POST {chat_url} with one message and a fresh single-use
// token from the store (store-session.js), the answer streamed back as server-sent events read from the response
// body as they arrive (event-stream.js). The gateway keeps the conversation under a chat session id that this link
// remembers between messages; the panel saves it across page loads. No DOM here: the panel's side is text-chat.js.
//
// The events, in order: session (always first), text.delta, tool, products, error, done (always last).
// Whatever goes wrong outside the stream (the store, the network, a refusal, silence) reaches the same callback as an
// `error` event with a message in plain words, so the panel shows every problem one way. A turn never hangs: it is
// abandoned after IDLE_LIMIT_MS without a byte from the gateway.

import { EventStreamParser } from './event-stream.js';
import { ConnectionError, fetchSession, problemDetail } from './store-session.js';

const IDLE_LIMIT_MS = 60000;

// The gateway's error codes in plain words, for an error event that comes without its own message.
const ERROR_WORDS = {
  model_unavailable: 'The assistant is unavailable right now. Please try again in a moment.',
  model_timeout: 'The assistant took too long to answer. Please try again.',
  model_rate_limited: 'The assistant is busy right now; please try again in a moment.',
  model_failed: 'The assistant could not answer that. Please try again.',
  catalog_unavailable: 'The catalog is unavailable right now, so the assistant cannot look products up.',
};

/** Calls `onIdle` once `limitMs` pass without a reset. */
class Watchdog {
  constructor(limitMs, onIdle) {
    this.limitMs = limitMs;
    this.onIdle = onIdle;
    this.timer = 0;
    this.reset();
  }

  reset() {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onIdle, this.limitMs);
  }

  stop() {
    clearTimeout(this.timer);
  }
}

/** A refusal before the stream (problem+json), in words for the shopper. */
async function refusal(response) {
  if (response.status === 503 || response.status === 429) {
    const seconds = Number.parseInt(response.headers.get('Retry-After') || '', 10);
    return seconds > 0 ? `The assistant is busy right now; please try again in ${seconds} s.`
      : 'The assistant is busy right now; please try again in a moment.';
  }
  if (response.status === 409) {
    return 'The assistant is still answering your previous message; wait for it to finish.';
  }
  const detail = await problemDetail(response, '');
  return detail ? `The assistant could not take your message: ${detail}`
    : `The assistant could not take your message (HTTP ${response.status}).`;
}

export class ChatLink {
  /**
   * @param {object} [options]
   * @param {string|null} [options.session]  a chat session id kept from an earlier page
   * @param {(session: string|null) => void} [options.onSession]  the id changed (to save it)
   */
  constructor({ session = null, onSession = () => {} } = {}) {
    this.session = typeof session === 'string' && session ? session : null;
    this.onSession = onSession;
    // One turn at a time, in the order typed: the gateway answers 409 to a second message while one is answered.
    this.queue = Promise.resolve();
    this.pending = 0;
    this.epoch = 0; // abort() bumps it: turns of an earlier epoch are dropped, and their failures not reported
    this.controller = null; // the running turn's
  }

  /** Whether a turn is running or waiting. */
  get busy() {
    return this.pending > 0;
  }

  /**
   * Sends one message after the turns before it.
   * @param {string} message  1 to 2000 characters
   * @param {(name: string, data: object) => void} onEvent  the stream's events (see the top of this file)
   * @returns {Promise<void>} settles when the turn is over; never rejects
   */
  send(message, onEvent) {
    const epoch = this.epoch;
    this.pending++;
    const turn = this.queue.then(() => (epoch === this.epoch ? this.run(message, onEvent) : undefined));
    // A failing callback must not stop the turns after it.
    this.queue = turn.catch((bug) => console.error('Assistant chat: a turn failed', bug)).finally(() => {
      this.pending--;
    });
    return this.queue;
  }

  /** Abandons the running turn and the waiting ones, silently (the shopper disconnected, the page goes away). */
  abort() {
    this.epoch++;
    if (this.controller) {
      this.controller.abort();
    }
  }

  setSession(session) {
    if (session !== this.session) {
      this.session = session;
      this.onSession(session);
    }
  }

  async run(message, onEvent) {
    const epoch = this.epoch;
    const controller = new AbortController();
    this.controller = controller;
    const watchdog = new Watchdog(IDLE_LIMIT_MS, () => controller.abort());
    try {
      const answered = await this.attempt(message, this.session, controller.signal, watchdog, onEvent);
      if (!answered) {
        // The gateway no longer knows the session (expired, or the gateway restarted): a new one, once.
        this.setSession(null);
        await this.attempt(message, null, controller.signal, watchdog, onEvent);
      }
    } catch (error) {
      if (epoch !== this.epoch) {
        return; // abandoned on purpose
      }
      const timedOut = controller.signal.aborted;
      const words = timedOut ? 'The assistant took too long to answer. Please try again.'
        : (error instanceof ConnectionError ? error.message : 'The assistant could not answer. Please try again.');
      onEvent('error', { code: timedOut ? 'chat_timeout' : 'chat_failed', message: words });
    } finally {
      watchdog.stop();
      if (this.controller === controller) {
        this.controller = null;
      }
    }
  }

  /** One request. False when the gateway did not know `session` (404); throws when the turn failed. */
  async attempt(message, session, signal, watchdog, onEvent) {
    const { token, address } = await fetchSession('chat_url', signal);
    watchdog.reset();
    let response;
    try {
      response = await fetch(new URL(address, window.location.href).href, {
        method: 'POST',
        mode: 'cors',
        credentials: 'omit', // the token is the credential; the gateway needs no cookie of the store's
        cache: 'no-store',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          Accept: 'text/event-stream, application/problem+json',
        },
        body: JSON.stringify(session ? { message, session } : { message }),
        signal,
      });
    } catch (offline) {
      if (signal.aborted) {
        throw offline;
      }
      throw new ConnectionError('The assistant could not be reached. Check your connection and try again.');
    }
    if (response.status === 404 && session) {
      return false;
    }
    if (!response.ok) {
      throw new ConnectionError(await refusal(response), response.status);
    }
    await this.read(response, watchdog, onEvent);
    return true;
  }

  /** Reads the events as they arrive, until `done`. */
  async read(response, watchdog, onEvent) {
    const type = response.headers.get('Content-Type') || '';
    if (!type.includes('text/event-stream') || !response.body) {
      throw new ConnectionError('The assistant answered in a form this page cannot read.');
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const parser = new EventStreamParser();
    for (;;) {
      const { value, done } = await reader.read();
      watchdog.reset();
      const text = done ? decoder.decode() : decoder.decode(value, { stream: true });
      for (const { event, data } of parser.push(text)) {
        if (this.dispatch(event, data, onEvent)) {
          reader.cancel().catch(() => {}); // done is last: nothing more to wait for
          return;
        }
      }
      if (done) {
        throw new ConnectionError('The answer was cut off. Please try again.');
      }
    }
  }

  /** One event to the panel; true when it was `done`. */
  dispatch(name, raw, onEvent) {
    let data;
    try {
      data = JSON.parse(raw);
    } catch (notJson) {
      return false;
    }
    if (!data || typeof data !== 'object') {
      return false;
    }
    if ((name === 'session' || name === 'done') && typeof data.session === 'string' && data.session) {
      this.setSession(data.session);
    }
    if (name === 'done' && data.ended === true) {
      this.setSession(null); // the assistant ended the conversation: the id is no longer valid
    }
    if (name === 'error' && (typeof data.message !== 'string' || !data.message.trim())) {
      data.message = ERROR_WORDS[data.code] || 'The assistant could not answer that. Please try again.';
    }
    onEvent(name, data);
    return name === 'done';
  }
}

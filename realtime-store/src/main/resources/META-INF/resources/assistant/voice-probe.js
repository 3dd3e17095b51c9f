// Watching for voice to come back while the conversation goes on by text chat: every so often (5 s, doubling to
// 30 s) a Realtime link is opened quietly — its own handlers, nothing in the transcript, the status, the notices or
// the event log — and as soon as the gateway says the voice session is up, that very link is handed to the panel,
// so voice resumes without opening a second session on a service that was just refusing them. A probe that fails
// is closed and the next one waits longer.

const FIRST_DELAY_MS = 5000;
const MAX_DELAY_MS = 30000;
const JITTER = 0.1; // tabs that lost voice together do not all knock at once
const PROBE_LIMIT_MS = 20000; // a probe that has brought no session by then has failed
// Any of these means the voice session is up (store.session with the store's extension, the others without).
const READY_EVENTS = new Set(['session.created', 'session.updated', 'store.session']);

export class VoiceProbe {
  /**
   * @param {object} options
   * @param {(handlers: object) => object} options.makeLink  a new, unopened Realtime link (connection.js) with these handlers
   * @param {(link: object, event: object) => void} options.onReady  voice is up: the link (open) and the event that said so
   * @param {() => void} [options.onProbe]  a probe starts (counted for the tests)
   */
  constructor({ makeLink, onReady, onProbe = () => {} }) {
    this.makeLink = makeLink;
    this.onReady = onReady;
    this.onProbe = onProbe;
    this.delayMs = FIRST_DELAY_MS;
    this.timer = 0;
    this.limit = 0;
    this.link = null;
    this.stopped = true;
  }

  start() {
    this.stop();
    this.stopped = false;
    this.delayMs = FIRST_DELAY_MS;
    this.schedule();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.end();
  }

  schedule() {
    const wait = Math.round(this.delayMs * (1 + Math.random() * JITTER));
    this.delayMs = Math.min(MAX_DELAY_MS, this.delayMs * 2);
    this.timer = setTimeout(() => this.probe(), wait);
  }

  probe() {
    if (this.stopped) {
      return;
    }
    this.onProbe();
    const failed = () => this.failed(link);
    const link = this.makeLink({
      onEvent: (event) => {
        if (READY_EVENTS.has(event.type)) {
          this.ready(link, event);
        } else if (event.type === 'error') {
          failed(); // e.g. upstream_rate_limited again; the gateway closes the link next
        }
      },
      onOpen: () => {},
      onAttempt: () => {},
      onRetry: failed, // the link would try again on its own: a probe is one attempt
      onDrop: failed,
      onClosed: failed,
      onFailed: failed,
    });
    this.link = link;
    this.limit = setTimeout(failed, PROBE_LIMIT_MS);
    link.connect({ retry: false });
  }

  ready(link, event) {
    if (link !== this.link || this.stopped) {
      return;
    }
    clearTimeout(this.limit);
    this.link = null; // handed over: from now on the panel owns and closes it
    this.stopped = true;
    this.onReady(link, event);
  }

  failed(link) {
    if (link !== this.link) {
      return; // an earlier probe's late callback
    }
    this.end();
    if (!this.stopped) {
      this.schedule();
    }
  }

  /** Closes the probe in progress, if any. */
  end() {
    clearTimeout(this.limit);
    const link = this.link;
    this.link = null;
    if (link) {
      link.close();
    }
  }
}

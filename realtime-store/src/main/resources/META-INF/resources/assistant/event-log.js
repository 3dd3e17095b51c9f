// Developer event log: every client and server event as a collapsible <details> entry.
//
// The JSON body is rendered only when an entry is opened: most entries are never looked at, and
// pretty-printing every event would cost more than the conversation itself. Audio payloads are replaced by
// their size before an event is kept, so the log never holds audio, and runs of appends or audio deltas
// collapse into one entry with a count.

import { base64ByteLength } from './pcm.js';

const MAX_ENTRIES = 300;
const MERGED_TYPES = new Set(['input_audio_buffer.append', 'response.output_audio.delta', 'chat.text.delta']);

function describeAudio(base64) {
  return `<base64 audio, ${base64ByteLength(base64)} bytes>`;
}

/** A copy of the event that is safe and cheap to keep: audio replaced by its size. */
function sanitise(event) {
  if (event && event.type === 'input_audio_buffer.append' && typeof event.audio === 'string') {
    return { ...event, audio: describeAudio(event.audio) };
  }
  if (event && event.type === 'response.output_audio.delta' && typeof event.delta === 'string') {
    return { ...event, delta: describeAudio(event.delta) };
  }
  return event;
}

// Belt and braces: no event carries the connection token, but a key named like one is never printed.
function redact(key, value) {
  return key === 'token' || key === 'client_secret' ? '<redacted>' : value;
}

function clock(date) {
  const pad = (n, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

export class EventLog {
  /**
   * @param {object} elements
   * @param {HTMLButtonElement} elements.toggle  #assistant-log-toggle (aria-expanded, aria-controls)
   * @param {HTMLElement} elements.panel  #assistant-log
   * @param {HTMLElement} elements.entries  where entries go
   * @param {HTMLButtonElement} elements.clear
   */
  constructor({ toggle, panel, entries, clear }) {
    this.toggle = toggle;
    this.panel = panel;
    this.entries = entries;
    this.last = null; // {el, direction, type, count, countEl} of the newest entry, for merging
    this.bodies = new WeakMap(); // <details> → {event, rendered}

    toggle.addEventListener('click', () => this.setOpen(toggle.getAttribute('aria-expanded') !== 'true'));
    if (clear) {
      clear.addEventListener('click', () => this.clear());
    }
    this.setOpen(false);
  }

  setOpen(open) {
    this.toggle.setAttribute('aria-expanded', String(open));
    this.panel.hidden = !open;
    if (open) {
      this.entries.scrollTop = this.entries.scrollHeight;
    }
  }

  /** @param {'in'|'out'} direction  in = from the server, out = sent by this page */
  record(direction, event) {
    const type = (event && typeof event.type === 'string') ? event.type : '(no type)';
    const kept = sanitise(event);
    const last = this.last;
    if (last && last.direction === direction && last.type === type && MERGED_TYPES.has(type)
        && last.el.isConnected) {
      last.count++;
      last.countEl.textContent = ` ×${last.count}`;
      const body = this.bodies.get(last.el);
      body.event = kept;
      if (last.el.open) {
        this.renderBody(last.el);
      }
      return;
    }
    const stick = this.isAtEnd();
    const el = document.createElement('details');
    el.className = 'log-entry';
    el.dataset.direction = direction;
    el.dataset.type = type;

    const summary = document.createElement('summary');
    const time = document.createElement('time');
    time.className = 'assistant-log-time';
    const now = new Date();
    time.dateTime = now.toISOString();
    time.textContent = clock(now);
    const arrow = document.createElement('span');
    arrow.className = 'assistant-log-arrow';
    arrow.textContent = direction === 'out' ? ' ↑ ' : ' ↓ ';
    arrow.title = direction === 'out' ? 'sent' : 'received';
    const spoken = document.createElement('span');
    spoken.className = 'assistant-visually-hidden';
    spoken.textContent = direction === 'out' ? 'sent ' : 'received ';
    const typeEl = document.createElement('span');
    typeEl.className = 'assistant-log-type';
    typeEl.textContent = type;
    const countEl = document.createElement('span');
    countEl.className = 'assistant-log-count';
    summary.append(time, arrow, spoken, typeEl, countEl);
    el.append(summary);

    this.bodies.set(el, { event: kept });
    el.addEventListener('toggle', () => {
      if (el.open) {
        this.renderBody(el);
      }
    });

    this.entries.append(el);
    this.last = { el, direction, type, count: 1, countEl };
    while (this.entries.children.length > MAX_ENTRIES) {
      this.entries.firstElementChild.remove();
    }
    if (stick) {
      this.entries.scrollTop = this.entries.scrollHeight;
    }
  }

  renderBody(el) {
    const body = this.bodies.get(el);
    if (!body) {
      return;
    }
    let pre = el.querySelector('pre');
    if (!pre) {
      pre = document.createElement('pre');
      pre.className = 'assistant-log-json';
      el.append(pre);
    }
    let text;
    try {
      text = JSON.stringify(body.event, redact, 2);
    } catch (unserialisable) {
      text = String(body.event);
    }
    pre.textContent = text;
  }

  isAtEnd() {
    const box = this.entries;
    return box.scrollHeight - box.scrollTop - box.clientHeight < 40;
  }

  clear() {
    this.entries.replaceChildren();
    this.last = null;
  }
}

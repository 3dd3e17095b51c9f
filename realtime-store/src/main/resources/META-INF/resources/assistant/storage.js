// What survives a page navigation: the panel is on every page of the store, and following a product link
// loads a new page. sessionStorage is per tab and ends with it, which is the lifetime a shopping conversation
// should have. Never stored: tokens, audio, the event log.

const KEY = 'realtime-store.assistant';
const VERSION = 1;

/** @returns {object} the saved state, or {} when there is none (or storage is unavailable). */
export function loadState() {
  try {
    const raw = window.sessionStorage.getItem(KEY);
    if (!raw) {
      return {};
    }
    const state = JSON.parse(raw);
    return state && state.v === VERSION ? state : {};
  } catch (unavailable) {
    return {}; // storage disabled, or a corrupt value: start fresh
  }
}

export function saveState(state) {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify({ v: VERSION, ...state }));
    return true;
  } catch (quotaOrDisabled) {
    return false; // the conversation still works, it just will not follow the shopper to the next page
  }
}

/**
 * Coalesces frequent saves (captions change many times a second) into one write per `delayMs`;
 * flush() writes at once (pagehide).
 */
export class Saver {
  constructor(collect, delayMs = 400) {
    this.collect = collect;
    this.delayMs = delayMs;
    this.timer = 0;
  }

  schedule() {
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.delayMs);
    }
  }

  flush() {
    clearTimeout(this.timer);
    this.timer = 0;
    saveState(this.collect());
  }
}

// The status line (#assistant-status, a polite live region), the notice (#assistant-notice, role="alert": problems)
// and the note (#assistant-mode-note, a polite live region: how the conversation goes on, e.g. by text chat while
// voice is unavailable). All are only touched when their content really changes, so screen readers are not flooded
// by the ~20 status recomputations per second that playback progress triggers.

export const STATES = ['idle', 'connecting', 'listening', 'thinking', 'speaking', 'reconnecting', 'error', 'text'];

export class StatusView {
  /**
   * @param {HTMLElement} status  #assistant-status
   * @param {HTMLElement} notice  #assistant-notice
   * @param {HTMLElement} note  #assistant-mode-note
   */
  constructor(status, notice, note) {
    this.status = status;
    this.notice = notice;
    this.note = note;
    this.state = status.dataset.state || 'idle';
    this.text = status.textContent;
  }

  set(state, text) {
    if (state !== this.state) {
      this.state = state;
      this.status.dataset.state = state;
    }
    if (text !== this.text) {
      this.text = text;
      this.status.textContent = text;
    }
  }

  /** Shows a problem in plain words; an empty message hides the notice. */
  showNotice(message) {
    const text = message || '';
    if (this.notice.textContent !== text) {
      this.notice.textContent = text;
    }
    this.notice.hidden = text === '';
  }

  /**
   * Says how the conversation goes on; an empty message removes the note. The region itself stays rendered (it is
   * only empty), so that screen readers announce a note put into it.
   */
  showNote(message) {
    const text = message || '';
    if (this.note.textContent !== text) {
      this.note.textContent = text;
    }
  }

  clearNotice() {
    this.showNotice('');
  }

  get noticeText() {
    return this.notice.hidden ? '' : this.notice.textContent;
  }
}

// Entry point of the voice-assistant panel (loaded on every page as a module: /assistant/panel.js).
// Finds the panel's elements, wires them to the controller, and exposes the read-only test hook.
// The page's CSP allows no inline script or style: everything happens here, through listeners.

import { AssistantController } from './controller.js';

function element(id) {
  return document.getElementById(id);
}

function start() {
  const panel = element('assistant-panel');
  if (!panel || panel.dataset.ready === 'true') {
    return;
  }
  const ui = {
    panel,
    status: element('assistant-status'),
    notice: element('assistant-notice'),
    modeNote: element('assistant-mode-note'),
    connect: element('assistant-connect'),
    resume: element('assistant-resume'),
    level: element('assistant-level'),
    ptt: element('assistant-ptt'),
    talk: element('assistant-talk'),
    voice: element('assistant-voice'),
    transport: element('assistant-transport'),
    remoteAudio: element('assistant-remote-audio'),
    transcript: element('assistant-transcript'),
    cards: element('assistant-cards'),
    textForm: element('assistant-text-form'),
    text: element('assistant-text'),
    log: {
      toggle: element('assistant-log-toggle'),
      panel: element('assistant-log'),
      entries: element('assistant-log-entries'),
      clear: element('assistant-log-clear'),
    },
  };
  const missing = Object.entries(ui).filter(([, el]) => !el).map(([name]) => name);
  if (missing.length > 0) {
    // A template out of step with this script: better to do nothing than half-work.
    console.error(`Assistant panel: missing elements: ${missing.join(', ')}`);
    return;
  }
  panel.dataset.ready = 'true';

  const assistant = new AssistantController(ui);

  // Connect/Disconnect: the controller creates and resumes the audio contexts synchronously, inside this click.
  ui.connect.addEventListener('click', () => assistant.toggleConnect());
  ui.resume.addEventListener('click', () => assistant.resumeAudio());
  ui.ptt.addEventListener('change', () => assistant.setPushToTalk(ui.ptt.checked));
  ui.voice.addEventListener('change', () => assistant.chooseVoice(ui.voice.value));
  // Choosing the connection while connected reconnects at once; the change counts as the gesture that lets the
  // new session's audio start.
  ui.transport.addEventListener('change', () => assistant.chooseTransport(ui.transport.value));

  wireTalkButton(ui.talk, assistant);

  ui.textForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (assistant.submitText(ui.text.value)) {
      ui.text.value = '';
    }
  });

  // Page lifecycle: save the conversation and close cleanly; resume after the back-forward cache.
  window.addEventListener('pagehide', () => assistant.pageHide());
  window.addEventListener('pageshow', (event) => assistant.pageShow(event.persisted));

  // The Selenium tests read counters through this; it exposes a snapshot, never the controller itself.
  Object.defineProperty(window, 'realtimeStoreAssistant', {
    value: Object.freeze({ stats: () => assistant.stats() }),
    writable: false,
    configurable: false,
    enumerable: false,
  });

  assistant.restore();
}

/**
 * Hold-to-talk: pointer down/up, or Space/Enter down/up while the button has focus. Leaving the button or
 * losing focus ends the turn too, so a turn can never get stuck "on".
 */
function wireTalkButton(talk, assistant) {
  const press = () => assistant.talkStart();
  const release = () => assistant.talkEnd();

  talk.addEventListener('pointerdown', (event) => {
    if (event.pointerType === 'mouse' && event.button !== 0) {
      return;
    }
    event.preventDefault(); // no text selection or focus juggling while held
    talk.focus({ preventScroll: true });
    // The press belongs to the button until it is released, even if the pointer drifts off it or the button's label
    // changes size under it (without capture, that layout shift alone fires pointerleave and ends the turn).
    talk.setPointerCapture(event.pointerId);
    press();
  });
  talk.addEventListener('pointerup', release);
  talk.addEventListener('pointercancel', release);
  talk.addEventListener('lostpointercapture', release);
  talk.addEventListener('blur', release);
  talk.addEventListener('contextmenu', (event) => event.preventDefault()); // long press on touch screens

  const isTalkKey = (event) => event.key === ' ' || event.key === 'Enter' || event.code === 'Space';
  talk.addEventListener('keydown', (event) => {
    if (!isTalkKey(event)) {
      return;
    }
    event.preventDefault(); // the button's own click activation is not used
    if (!event.repeat) {
      press();
    }
  });
  talk.addEventListener('keyup', (event) => {
    if (isTalkKey(event)) {
      event.preventDefault();
      release();
    }
  });
}

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start, { once: true });
} else {
  start();
}

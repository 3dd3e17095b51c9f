// Setting a session up once the gateway has it running — once per connection: the shopper's settings
// (push-to-talk, voice), after a reconnect the conversation so far as a context message, then the typed
// messages that waited. Also the voice picker, whose choice is one of those settings.

import { rememberBounded } from './responses.js';
import { sendTurnDetection } from './talk.js';
import { deliverText, userMessage } from './text-messages.js';

const CONTEXT_LIMIT = 1500; // characters of the "Context: …" message sent after a reconnect
const SETUP_FALLBACK_MS = 1500; // set up after session.created if store.session never comes

/** session.created: store.session normally follows at once; a gateway without store events still gets set up. */
export function setupSoon(a) {
  clearTimeout(a.timers.setup);
  a.timers.setup = setTimeout(() => setup(a), SETUP_FALLBACK_MS);
}

/** Once per connection, when the gateway's session is up: the shopper's settings and the prior context. */
export function setup(a) {
  clearTimeout(a.timers.setup);
  a.timers.setup = 0;
  if (a.sessionReady || !a.connection.isOpen) {
    return;
  }
  a.sessionReady = true;
  if (a.ptt) {
    sendTurnDetection(a);
  }
  if (a.voice && a.voice !== a.currentVoice && a.voices.includes(a.voice)) {
    sendVoice(a, a.voice);
  }
  if (a.pendingContext) {
    // Context only: no response.create, the assistant should not answer it.
    rememberBounded(a.hiddenTexts, a.pendingContext, 8);
    a.send(userMessage(a.pendingContext));
    a.pendingContext = null;
  }
  const outbox = a.outbox;
  a.outbox = [];
  for (const text of outbox) {
    deliverText(a, text);
  }
  a.render();
}

const CONTEXT_LEADS = {
  navigation: 'Context: our conversation was cut off when the shopper opened another page of the store. So far — ',
  switched: 'Context: our conversation moved to a new connection when the shopper changed how to connect. So far — ',
  dropped: 'Context: our conversation was cut off by a dropped connection. So far — ',
  chat: 'Context: while voice was unavailable, the shopper and you chatted by text. So far — ',
};

/** The "Context: …" message for a reconnect, or null when there is nothing to recall. */
export function buildContext(transcript, reason) {
  const lead = CONTEXT_LEADS[reason] || CONTEXT_LEADS.dropped;
  const turns = transcript.recentTurns(CONTEXT_LIMIT - lead.length - 1);
  if (!turns) {
    return null;
  }
  return /[.!?…]$/.test(turns) ? lead + turns : `${lead}${turns}.`;
}

function sendVoice(a, voice) {
  if (a.send({ type: 'session.update', session: { type: 'realtime', audio: { output: { voice } } } })) {
    a.currentVoice = voice;
  }
}

/** The shopper picked a voice: it applies now when the session is up, else at setup. */
export function chooseVoice(a, voice) {
  a.voice = voice;
  if (a.sessionReady && voice && voice !== a.currentVoice) {
    sendVoice(a, voice);
  }
  a.saver.schedule();
}

/** Fills the voice <select> with the voices offered; without any, it keeps what it has. */
export function fillVoices(select, voices, selected) {
  if (voices.length === 0) {
    const gatewayDefault = document.createElement('option');
    gatewayDefault.value = '';
    gatewayDefault.textContent = 'Default';
    select.replaceChildren(gatewayDefault);
    return;
  }
  const options = voices.map((name) => {
    const option = document.createElement('option');
    option.value = name;
    option.textContent = name.charAt(0).toUpperCase() + name.slice(1);
    return option;
  });
  select.replaceChildren(...options);
  select.value = voices.includes(selected) ? selected : voices[0];
}

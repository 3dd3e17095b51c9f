// Typed questions and card picks: shown in the transcript at once, then sent as a user message followed by
// response.create. While the session is not up yet they wait in the outbox, which setup() delivers. During a text
// chat (voice unavailable) they go to the chat instead (text-chat.js).

import { sendChat } from './text-chat.js';
import { assistantBusy, stopAssistant } from './turn-taking.js';

const MAX_OUTBOX = 10;

/** A user message item (a typed question, or the reconnect context). */
export function userMessage(text) {
  return {
    type: 'conversation.item.create',
    item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
  };
}

/** The text box. Connects first (without the microphone) when needed. Returns whether it was taken. */
export function submitText(a, raw) {
  const text = (raw || '').trim();
  if (!text) {
    return false;
  }
  a.transcript.addLocalUser(text);
  if (a.phase === 'chat') {
    sendChat(a, text);
    return true;
  }
  a.resumeAudio();
  if (!a.isActive() || a.phase === 'ending') {
    if (a.phase === 'ending') {
      a.teardown();
      a.phase = 'idle';
    }
    a.outbox.push(text); // delivered by setup() once the session is up
    a.connect({ voice: false, resume: false });
    return true;
  }
  if (!a.sessionReady) {
    a.outbox.push(text);
    if (a.outbox.length > MAX_OUTBOX) {
      a.outbox.shift();
    }
    return true;
  }
  deliverText(a, text);
  return true;
}

/** "Tell me more" on a product card. */
export function pickProduct(a, product) {
  submitText(a, `Tell me more about this one: ${product.name} (product id ${product.id}).`);
}

export async function deliverText(a, text) {
  if (assistantBusy(a)) {
    // A typed question interrupts the answer being spoken, like speaking would.
    await stopAssistant(a, { cancel: true });
  }
  if (a.send(userMessage(text))) {
    a.send({ type: 'response.create' });
    a.awaiting = true;
  }
  a.render();
}

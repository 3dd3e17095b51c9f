// Text chat: the conversation without voice, through the gateway's POST /v1/chat (chat-link.js). The panel comes
// here when voice cannot be used, and says why in its note (a polite live region):
//   - the voice service is down, busy or refusing sessions (the gateway's upstream_* errors), or the gateway's
//     WebSocket could not be opened several times in a row (connection.js): voice is then probed in the background
//     (voice-probe.js) and resumes by itself, the conversation so far given to it as context;
//   - the microphone is denied, missing or gone (voice-input.js): nothing to probe; voice needs the shopper (allow
//     the microphone, then Connect again).
// Meanwhile the phase is 'chat': typed questions and card picks go to the chat, answers stream into the same
// transcript, products into the same cards, problems into the notice; Disconnect ends it like a voice session.

import { Connection } from './connection.js';
import { VoiceProbe } from './voice-probe.js';

// The gateway's codes for voice being unavailable (and connection.js's own 'unreachable'), in words.
const VOICE_DOWN = new Map(Object.entries({
  upstream_unavailable: 'the voice service is unavailable',
  upstream_rate_limited: 'the voice service is busy',
  upstream_rejected: 'the voice service refused the session',
  upstream_not_ready: 'the voice service is not ready',
  unreachable: 'the voice service cannot be reached',
}));

/** Whether an error code means that voice is unavailable for now (and text chat should take over). */
export function isVoiceDown(code) {
  return VOICE_DOWN.has(code);
}

/**
 * Why the conversation is a text chat: `words` for the status line, `note` for the shopper, and whether voice is
 * probed until it comes back. Saved with the conversation, so the next page continues the same way.
 * @typedef {{code: string, words: string, note: string, probe: boolean}} ChatReason
 */

/** @returns {ChatReason} for a code of VOICE_DOWN */
export function voiceDownReason(code) {
  const why = VOICE_DOWN.get(code) || VOICE_DOWN.get('upstream_unavailable');
  return {
    code,
    words: why,
    note: `Voice is unavailable right now (${why}). You can keep chatting by text — voice will come back on its own.`,
    probe: true,
  };
}

/** A saved ChatReason, checked (storage is not trusted to hold what this version wrote); null when unusable. */
export function savedReason(value) {
  if (!value || typeof value !== 'object' || typeof value.code !== 'string' || typeof value.words !== 'string'
      || typeof value.note !== 'string') {
    return null;
  }
  return { code: value.code, words: value.words, note: value.note, probe: value.probe === true };
}

/** Voice cannot be used: the conversation goes on by text chat. Typed messages that waited for voice go there. */
export function enterTextChat(a, reason) {
  if (a.phase === 'chat') {
    return;
  }
  const waiting = a.outbox;
  a.connection.close();
  a.teardown(); // the microphone and the player stop: nothing is recorded or played in a text chat
  a.phase = 'chat';
  a.chatReason = reason;
  a.status.clearNotice();
  a.status.showNote(reason.note);
  if (reason.probe) {
    a.probe = new VoiceProbe({
      makeLink: (handlers) => new Connection(handlers),
      onReady: (link, event) => voiceIsBack(a, link, event),
      onProbe: () => a.counters.voiceProbes++,
    });
    a.probe.start();
  }
  for (const text of waiting) {
    sendChat(a, text);
  }
  a.render();
  a.saver.schedule();
}

function voiceIsBack(a, link, event) {
  a.probe = null;
  a.chatReason = null;
  a.resumeVoice(link, event);
  a.status.showNote('Voice is back. You can talk again — the conversation continues.');
  a.render();
  a.saver.schedule();
}

/**
 * One typed message (already in the transcript) to the chat. Its answer is placed right after it, even when the
 * shopper types on before the answer starts.
 */
export function sendChat(a, text) {
  const turn = ++a.counters.chatMessages;
  const question = `chat_question_${turn}`;
  const answer = `chat_answer_${turn}`;
  a.transcript.claimLocalUser(question, text);
  const place = () => {
    if (!a.transcript.has(answer)) {
      a.transcript.placeAssistant(answer, question);
    }
  };
  a.log.record('out', { type: 'chat.message', message: text });
  a.awaiting = true;
  a.status.clearNotice();
  a.render();
  a.chatLink.send(text, (name, data) => {
    a.log.record('in', { type: `chat.${name}`, ...data });
    const handler = CHAT_EVENTS.get(name);
    if (handler) {
      handler(a, data, { answer, place });
    }
  }).then(() => {
    a.awaiting = a.phase === 'chat' && a.chatLink.busy;
    a.render();
    a.saver.schedule();
  });
}

// What each chat event does (session and tool are only logged). `turn.place()` puts the answer's entry in place.
const CHAT_EVENTS = new Map(Object.entries({
  'text.delta'(a, data, turn) {
    if (typeof data.delta === 'string' && data.delta) {
      turn.place();
      a.transcript.assistantText(turn.answer, data.delta);
      a.awaiting = false;
      a.render();
    }
  },

  products(a, data) {
    if (Array.isArray(data.products) && data.products.length > 0) {
      a.cards.show(data.products);
    }
  },

  error(a, data) {
    a.counters.chatErrors++;
    a.awaiting = false;
    a.status.showNotice(data.message);
    a.render();
  },

  done(a, data, turn) {
    a.counters.chatAnswers++;
    if (typeof data.text === 'string' && data.text.trim()) {
      turn.place();
      a.transcript.assistantTextDone(turn.answer, data.text);
    }
    if (data.ended === true && a.phase === 'chat') {
      // The assistant said goodbye: the chat session is over (chat-link.js forgot its id), and so is this one.
      a.disconnect();
      a.idleText = 'Conversation ended';
      a.render();
    }
  },
}));

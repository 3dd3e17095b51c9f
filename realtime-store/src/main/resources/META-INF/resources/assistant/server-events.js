// What the conversation does with each server event. Every event is counted and logged; the handlers below
// are grouped by family, each a small function of (a, event) where `a` is the controller. Anything not listed
// (rate_limits.updated, content parts, function call arguments, store.usage, store.turn_latency...) is only
// logged. A WebRTC call's data channel brings the same events, less the audio and store.* ones, plus a few of its
// own: webrtc-events.js handles those and adapts some of these (it passes them in as `overrides`).

import { base64ByteLength, base64ToFloat32 } from './pcm.js';
import { advanceCaptions, captionPosition, settleCaptions } from './captions.js';
import { fillVoices, setup, setupSoon } from './session-setup.js';
import { enterTextChat, isVoiceDown, voiceDownReason } from './text-chat.js';
import { assistantBusy, stopAssistant } from './turn-taking.js';

// Plain-words versions of the error codes a shopper can meet. (The codes that mean voice is unavailable, upstream_*,
// switch the panel to text chat instead: text-chat.js.)
const ERROR_WORDS = {
  conversation_already_has_active_response: 'The assistant is still answering; wait for it to finish or interrupt it.',
  input_audio_buffer_commit_empty: 'Nothing was recorded — hold the Talk button while you speak.',
  idle_timeout: 'The session was closed after a long silence. Press Connect to start again.',
  session_expiring: 'This session is about to reach its maximum length.',
  session_expired: 'The session reached its maximum length. Press Connect to start a new one.',
  upstream_closed: 'The voice service closed the session.',
  rate_limit_exceeded: 'The assistant is busy right now; please try again in a moment.',
};

function plainError(error) {
  const code = error && error.code;
  if (code && ERROR_WORDS[code]) {
    return ERROR_WORDS[code];
  }
  const message = error && typeof error.message === 'string' ? error.message.trim() : '';
  return message ? `The assistant reported a problem: ${message}` : 'The assistant reported a problem.';
}

function firstInputText(item) {
  if (!item || !Array.isArray(item.content)) {
    return null;
  }
  const part = item.content.find((c) => c && c.type === 'input_text' && typeof c.text === 'string');
  return part ? part.text : null;
}

// ---- session: the Realtime session and the gateway's store.* events about it -----------------------------

const session = {
  'session.created'(a) {
    setupSoon(a);
  },

  'session.updated'(a, event) {
    const voice = event.session && event.session.audio && event.session.audio.output
      && event.session.audio.output.voice;
    if (typeof voice === 'string' && !a.currentVoice) {
      a.currentVoice = voice;
    }
  },

  'store.session'(a, event) {
    a.connection.markEstablished();
    if (typeof event.voice === 'string') {
      a.currentVoice = event.voice;
    }
    const offered = Array.isArray(event.voices) ? event.voices.filter((v) => typeof v === 'string' && v) : [];
    a.voices = offered.length > 0 ? offered : (event.voice ? [event.voice] : []);
    fillVoices(a.ui.voice, a.voices, a.voices.includes(a.voice) ? a.voice : a.currentVoice);
    setup(a);
  },

  'store.session_ending'(a, event) {
    if (event.reason === 'conversation_ended') {
      // The assistant said goodbye: let it finish, then stop; this close is not a drop.
      a.ending = true;
      a.talking = false;
      a.connection.expectClose();
      a.render();
      a.saver.schedule();
    } else {
      const seconds = Number.isFinite(event.seconds_left) ? Math.max(0, Math.round(event.seconds_left)) : null;
      a.status.showNotice(seconds !== null
        ? `This session ends in about ${seconds} s (it has reached its maximum length). Press Connect afterwards to start a new one.`
        : 'This session is about to end. Press Connect afterwards to start a new one.');
      a.closeText = 'Session ended (maximum length reached)';
    }
  },
};

// ---- store: what the assistant's tools found ----------------------------------------------------------------

const store = {
  'store.tool_result'(a, event) {
    if (Array.isArray(event.products) && event.products.length > 0) {
      a.cards.show(event.products);
    }
  },
};

// ---- input buffer: the shopper's speech, as the server's VAD hears it ---------------------------------------

const inputBuffer = {
  'input_audio_buffer.speech_started'(a) {
    a.userSpeaking = true;
    a.awaiting = false;
    if (!a.ptt && assistantBusy(a)) {
      // Barge-in. In VAD mode the gateway cancels the response itself: no response.cancel from here.
      stopAssistant(a, { cancel: false });
    }
    a.render();
  },

  'input_audio_buffer.speech_stopped'(a) {
    a.userSpeaking = false;
    a.awaiting = true;
    a.render();
  },

  'input_audio_buffer.committed'(a, event) {
    if (typeof event.item_id === 'string') {
      a.transcript.placeUser(event.item_id, event.previous_item_id);
    }
    a.awaiting = true;
    a.render();
  },
};

// ---- conversation items and the transcription of the shopper's words ----------------------------------------

const items = {
  'conversation.item.added'(a, event) {
    const item = event.item;
    if (!item || typeof item.id !== 'string') {
      return;
    }
    a.transcript.noteItem(item.id, event.previous_item_id);
    if (item.type !== 'message' || item.role !== 'user') {
      return; // assistant items are placed by response.output_item.added; tool items are never shown
    }
    const text = firstInputText(item);
    if (text === null) {
      a.transcript.placeUser(item.id, event.previous_item_id); // spoken: words follow by transcription
    } else if (a.hiddenTexts.has(text)) {
      a.hiddenTexts.delete(text); // our reconnect context
    } else if (!a.transcript.claimLocalUser(item.id, text) && !a.transcript.has(item.id)) {
      a.transcript.placeUser(item.id, event.previous_item_id);
      a.transcript.userFinal(item.id, text);
    }
  },

  'conversation.item.done'(a, event) {
    // Some services put the input transcript on the finished item instead of sending transcription events.
    const item = event.item;
    if (item && item.role === 'user' && Array.isArray(item.content) && a.transcript.has(item.id)) {
      const part = item.content.find((c) => c && c.type === 'input_audio' && typeof c.transcript === 'string');
      if (part && part.transcript) {
        a.transcript.userFinal(item.id, part.transcript);
      }
    }
  },

  'conversation.item.truncated'(a, event) {
    // The gateway truncates on its own when a client does not: the caption keeps what was shown.
    if (typeof event.item_id === 'string' && a.transcript.revealingItems().includes(event.item_id)) {
      a.transcript.interrupt(event.item_id);
    }
  },

  'conversation.item.input_audio_transcription.delta'(a, event) {
    if (typeof event.item_id === 'string' && typeof event.delta === 'string') {
      a.transcript.userDelta(event.item_id, event.delta);
    }
  },

  'conversation.item.input_audio_transcription.completed'(a, event) {
    if (typeof event.item_id === 'string') {
      a.transcript.userFinal(event.item_id, event.transcript);
    }
  },

  'conversation.item.input_audio_transcription.failed'(a, event) {
    if (typeof event.item_id === 'string') {
      a.transcript.userFailed(event.item_id);
    }
  },
};

// ---- responses: the assistant's answer, from response.created to response.done -----------------------------
// Events of a response cancelled by barge-in (responses.isDropped) arrive late and are ignored.

const responses = {
  'response.created'(a, event) {
    const id = event.response && event.response.id;
    if (typeof id === 'string') {
      a.responses.active = id;
    }
    a.awaiting = true;
    a.render();
  },

  'response.output_item.added'(a, event) {
    const item = event.item;
    if (!item || typeof item.id !== 'string' || a.responses.isDropped(event.response_id)) {
      return;
    }
    if (item.type === 'message' && item.role === 'assistant') {
      a.transcript.placeAssistant(item.id, null);
      a.responses.trackItem(event.response_id, item.id);
    }
  },

  'response.output_text.delta'(a, event) {
    if (a.responses.isDropped(event.response_id) || typeof event.delta !== 'string') {
      return;
    }
    a.awaiting = false;
    a.transcript.assistantText(event.item_id, event.delta);
    a.render();
  },

  'response.output_text.done'(a, event) {
    if (!a.responses.isDropped(event.response_id)) {
      a.transcript.assistantTextDone(event.item_id, event.text);
    }
  },

  'response.done'(a, event) {
    const response = event.response || {};
    if (response.id === a.responses.active) {
      a.responses.active = null;
    }
    const output = Array.isArray(response.output) ? response.output : [];
    // A response that only called tools is followed by the answer: stay "thinking" until it comes. The late
    // end of a response cancelled by barge-in says nothing about the turn now being answered.
    const calledTools = response.status === 'completed' && output.some((item) => item && item.type === 'function_call');
    if (!calledTools && !a.responses.isDropped(response.id) && a.responses.active === null) {
      a.awaiting = false;
    }
    // Items that never got (all their) audio: their captions need not wait any longer.
    settleCaptions(a.transcript, a.player, a.responses.itemsOf(response.id), (itemId) => a.transcript.finish(itemId));
    a.responses.forget(response.id);
    advanceCaptions(a.transcript, a.player);
    if (response.status === 'failed') {
      const error = response.status_details && response.status_details.error;
      a.status.showNotice(`The assistant could not answer${error && error.code ? ` (${error.code})` : ''}. Please try again.`);
    }
    a.render();
  },
};

// ---- audio: the assistant's voice and its captions ---------------------------------------------------------

const audio = {
  'response.output_audio.delta'(a, event) {
    if (typeof event.delta !== 'string') {
      return;
    }
    if (a.responses.isDropped(event.response_id)) {
      a.counters.receivedAudioSamples += base64ByteLength(event.delta) >> 1;
      return; // cancelled: late audio must not restart playback
    }
    a.awaiting = false;
    if (a.player && a.player.audible) {
      const samples = base64ToFloat32(event.delta);
      a.counters.receivedAudioSamples += samples.length;
      a.player.push(event.item_id, samples);
    } else {
      // Audio cannot be heard (suspended context, no AudioWorklet): captions show at once instead.
      a.counters.receivedAudioSamples += base64ByteLength(event.delta) >> 1;
    }
    a.render();
  },

  'response.output_audio.done'(a, event) {
    if (a.responses.isDropped(event.response_id)) {
      return;
    }
    const end = a.player ? a.player.itemEnd(event.item_id) : null;
    if (a.player) {
      a.player.markDone(event.item_id);
    }
    a.transcript.assistantAudioComplete(event.item_id, end === null ? -Infinity : end);
    advanceCaptions(a.transcript, a.player);
  },

  'response.output_audio_transcript.delta'(a, event) {
    if (a.responses.isDropped(event.response_id) || typeof event.delta !== 'string') {
      return;
    }
    if (!a.transcript.has(event.item_id)) {
      a.transcript.placeAssistant(event.item_id, null);
      a.responses.trackItem(event.response_id, event.item_id);
    }
    a.transcript.assistantDelta(event.item_id, event.delta, captionPosition(a.player));
    advanceCaptions(a.transcript, a.player);
  },

  'response.output_audio_transcript.done'(a, event) {
    if (a.responses.isDropped(event.response_id)) {
      return;
    }
    a.transcript.assistantTranscriptDone(event.item_id, event.transcript);
    advanceCaptions(a.transcript, a.player);
  },
};

// ---- errors --------------------------------------------------------------------------------------------------

const errors = {
  error(a, event) {
    const error = event.error || {};
    if (error.code === 'response_cancel_not_active') {
      return; // our cancel raced the end of the response: harmless
    }
    if (isVoiceDown(error.code)) {
      enterTextChat(a, voiceDownReason(error.code)); // the gateway closes the session next; the chat goes on
      return;
    }
    if (error.code === 'idle_timeout' || error.code === 'session_expired') {
      a.closeText = error.code === 'idle_timeout' ? 'Session closed after a long silence' : 'Session ended (maximum length reached)';
    }
    a.status.showNotice(plainError(error));
  },
};

// A Map, so an event type such as "__proto__" or "constructor" finds no handler instead of an Object method.
const HANDLERS = new Map(Object.entries({ ...session, ...store, ...inputBuffer, ...items, ...responses, ...audio, ...errors }));

/**
 * Every server event from the link: counted, logged, then handled by type.
 * @param {Map<string, Function>|null} [overrides]  handlers that take precedence (a WebRTC call's)
 */
export function handleServerEvent(a, event, overrides = null) {
  a.counters.serverEvents++;
  a.log.record('in', event);
  const handler = (overrides && overrides.get(event.type)) || HANDLERS.get(event.type);
  if (handler) {
    handler(a, event);
  }
}

/** The shared handler of an event type (for overrides that add to it), or a no-op. */
export function sharedHandler(type) {
  return HANDLERS.get(type) || (() => {});
}
